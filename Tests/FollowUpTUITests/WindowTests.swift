import FollowUpCore
import FollowUpTUI
import TermCore
import Testing

/// The list holds a page of rows around the cursor, not the store: moving within the page
/// reads nothing, moving past it reads the next one, and the cursor's task is always the one
/// the whole list has at that position.
@Suite struct WindowTests {
  /// Tasks with deadlines spread over two years, so every order differs from the ids'.
  static func tasks(_ n: Int) -> [FollowUpTask] {
    let leads = ["LHH", "SNV", "BTGTU", "DD_LHH"]
    return (1...n).map { i in
      FollowUpTask(
        id: i, content: "Nhiệm vụ số \(i)", lead: leads[i % leads.count],
        deadline: .on(Sample.day("2023-06-01").adding(days: (i * 37) % 700)), assignedOn: Sample.day("2023-05-26"),
        version: 1)
    }
  }

  /// The whole list in order, as the rules give it.
  static func order(_ s: AppState) throws -> [Int] {
    let query = try #require(s.list.query)
    return try s.source.page(query, around: nil, offset: 0, limit: .max, context: s.filterContext).rows.map(\.task.id)
  }

  @Test func theStateHoldsAFewScreensOfRowsWhateverTheStoreHolds() throws {
    let s = Fixture.state(env: Fixture.env(), size: Size(width: 100, height: 30), tasks: Self.tasks(3_000))
    let height = ScreenLayout(s.size).body.height
    #expect(s.list.page.total == 3_000)
    #expect(s.list.page.rows.count <= 3 * height)
    #expect(s.list.page.rows.map(\.task.id) == Array(try Self.order(s).prefix(s.list.page.rows.count)))
    #expect(screenText(s).contains("3000 tasks"))
  }

  @Test func movingWithinThePageReadsNothingAndPastItReadsTheNextPage() throws {
    var s = Fixture.state(env: Fixture.env(), size: Size(width: 100, height: 30), tasks: Self.tasks(2_000))
    let source = memory(s)
    let all = try Self.order(s)
    let before = source.reads
    press(&s, .down, .down)
    #expect(source.reads == before, "two rows down stay on the page")
    #expect(s.list.selectedID == all[2])
    // Page after page to the end: the selected task is always the list's at that position.
    for _ in 0..<200 {
      press(&s, .pageDown)
      #expect(s.list.selectedID == all[s.list.scroll.cursor])
      #expect(s.list.page.covers(s.list.scroll.top..<(s.list.scroll.top + ScreenLayout(s.size).body.height)))
    }
    #expect(s.list.scroll.cursor == all.count - 1)
    press(&s, .home)
    #expect(s.list.selectedID == all[0])
    press(&s, .end)
    #expect(s.list.selectedID == all.last)
    #expect(screenText(s).contains("Nhiệm vụ số \(all.last ?? 0)"))
  }

  @Test func aChangeElsewhereKeepsTheCursorOnItsTaskFarDownTheList() throws {
    var s = Fixture.state(env: Fixture.env(), size: Size(width: 100, height: 30), tasks: Self.tasks(2_000))
    for _ in 0..<40 { press(&s, .pageDown) }
    let selected = try #require(s.list.selectedID)
    let position = s.list.scroll.cursor
    // Another desk adds an overdue task, which sorts first: everything moves down one row.
    var urgent = FollowUpTask(id: 2_001, content: "Việc gấp", lead: "SNV", deadline: .on(Sample.day("2023-06-02")), version: 1)
    urgent.assignedOn = Sample.day("2023-05-26")
    send(&s, .externalChange(changed: [urgent], deleted: [], catalog: nil, revision: 2))
    #expect(s.list.selectedID == selected)
    #expect(s.list.scroll.cursor == position + 1)
    #expect(s.list.page.total == 2_001)
  }

  @Test func searchNarrowsInTheStoreAndTheHeaderCountsTheWholeList() throws {
    var s = Fixture.state(env: Fixture.env(), size: Size(width: 100, height: 30), tasks: Self.tasks(1_500))
    press(&s, .char("/"))
    type(&s, "so 14")
    // Whole words: "14" is one task's number; nothing else has the word.
    #expect(s.list.page.total == 1)
    #expect(s.list.selectedID == 14)
    press(&s, .escape)
    #expect(s.list.searchText.isEmpty)
    #expect(s.list.page.total == 1_500)
    #expect(s.list.selectedID == 14, "the cursor's task is kept while the search widens")
    #expect(screenText(s).contains("1500 tasks"))
  }
}
