import FollowUpCore
import FollowUpTUI
import TermCore
import Testing

/// Golden screens of every view on the sample data, as of 30/11/2023.
@Suite struct GoldenScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  static func name(_ view: String, _ lang: Lang, _ size: Size) -> String {
    "\(view)-\(size.width)x\(size.height)-\(lang.rawValue)"
  }

  static func state(_ lang: Lang, _ size: Size, keys: [Key] = []) -> AppState {
    var s = Fixture.state(lang, width: size.width, height: size.height)
    for k in keys { _ = Update.update(&s, .key(k)) }
    return s
  }

  @Test(arguments: [Lang.vi, .en], sizes)
  func tasks(lang: Lang, size: Size) {
    let s = Self.state(lang, size)
    assertScreen(Render.frame(s).grid, named: Self.name("tasks", lang, size))
  }

  @Test(arguments: [Lang.vi, .en], sizes)
  func detailOfTask4(lang: Lang, size: Size) {
    let s = Self.state(lang, size, keys: [.down, .enter])
    #expect(s.overlays == [.detail(DetailState(taskID: 4))])
    assertScreen(Render.frame(s).grid, named: Self.name("detail4", lang, size))
  }

  @Test(arguments: [Lang.vi, .en], sizes)
  func agenciesByLeadRolledUp(lang: Lang, size: Size) {
    let s = Self.state(lang, size, keys: [.char("3")])
    #expect(s.agencies.grouping == .lead && s.agencies.rollup)
    assertScreen(Render.frame(s).grid, named: Self.name("agencies-lead", lang, size))
  }

  @Test(arguments: [(Lang.vi, Size(width: 120, height: 40)), (Lang.en, Size(width: 80, height: 24))])
  func agenciesByCoordinating(lang: Lang, size: Size) {
    let s = Self.state(lang, size, keys: [.char("3"), .char("c")])
    assertScreen(Render.frame(s).grid, named: Self.name("agencies-coordinating", lang, size))
  }

  @Test(arguments: [(Lang.vi, Size(width: 80, height: 24)), (Lang.en, Size(width: 120, height: 40))])
  func meetings(lang: Lang, size: Size) {
    let s = Self.state(lang, size, keys: [.char("2")])
    assertScreen(Render.frame(s).grid, named: Self.name("meetings", lang, size))
  }

  @Test(arguments: [(Lang.en, Size(width: 80, height: 24)), (Lang.vi, Size(width: 120, height: 40))])
  func help(lang: Lang, size: Size) {
    let s = Self.state(lang, size, keys: [.char("?")])
    assertScreen(Render.frame(s).grid, named: Self.name("help", lang, size))
  }

  /// The add form with the lead agency half typed: two suggestions, the first highlighted.
  @Test(arguments: [(Lang.en, Size(width: 80, height: 24)), (Lang.vi, Size(width: 120, height: 40))])
  func addTaskFormWithSuggestions(lang: Lang, size: Size) {
    var s = Self.state(lang, size, keys: [.char("a")])
    type(&s, "Soạn báo cáo sơ kết 6 tháng")
    press(&s, .down)
    type(&s, "lien hiep")
    let frame = Render.frame(s)
    assertScreen(frame.grid, named: Self.name("form-add", lang, size))
    // The text cursor sits right after "lien hiep" in the lead field.
    let y = (0..<frame.grid.size.height).first { frame.grid.rowText($0).contains("lien hiep") }
    let x = y.flatMap { frame.grid.rowText($0).range(of: "lien hiep") }.map { r in
      TextWidth.width(String(frame.grid.rowText(y ?? 0)[..<r.upperBound]))
    }
    #expect(frame.cursor?.y == y)
    #expect(frame.cursor?.x == x)
  }

  @Test func searchPromptWithOneMatch() {
    var s = Self.state(.en, Size(width: 80, height: 24), keys: [.char("/")])
    type(&s, "nguyen binh khiem")
    let frame = Render.frame(s)
    assertScreen(frame.grid, named: "search-80x24-en")
    #expect(frame.cursor?.x == 2 + 17)
    #expect(frame.cursor?.y == 1)
  }

  @Test func deleteQuestion() {
    let s = Self.state(.vi, Size(width: 80, height: 24), keys: [.char("D")])
    assertScreen(Render.frame(s).grid, named: "confirm-80x24-vi")
  }

  @Test func tooSmall() {
    let s = Self.state(.vi, Size(width: 30, height: 8))
    assertScreen(Render.frame(s).grid, named: "too-small-30x8-vi")
  }
}
