import FollowUpCore
import FollowUpTUI
import TermCore
import Testing

/// What a new user runs into first: reopening withdrawn tasks, going back from a drill-down,
/// reading whole messages, completing names from a list, and the help screen.
@Suite struct InteractionTests {
  /// The sample with some tasks withdrawn.
  static func withdrawn(_ ids: Int...) -> [FollowUpTask] {
    Sample.tasks.map { t in
      var t = t
      if ids.contains(t.id) {
        t.status = .withdrawn
        t.completedOn = nil
      }
      return t
    }
  }

  static func rows(_ s: AppState) -> [String] {
    let g = Render.frame(s).grid
    return (0..<g.size.height).map { g.rowText($0) }
  }

  static func trimmed(_ row: String) -> String {
    row.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
  }

  // MARK: Reopening and withdrawing

  @Test(arguments: [Key.char(" "), .char("d")])
  func spaceOrDOnAWithdrawnTaskReopensIt(key: Key) {
    var s = Fixture.state(tasks: Self.withdrawn(1))
    press(&s, .end)
    #expect(s.list.selectedID == 1, "a withdrawn task sorts last")
    let before = s
    #expect(press(&s, key) == [.modify(ids: [1], expected: [1: 1], edit: .reopen)])
    expectState(s, before, "nothing changes until the store says it saved")
  }

  @Test func reopeningPutsAWithdrawnOrDoneTaskBackInProgress() {
    var t = Sample.task(1)
    t.status = .withdrawn
    TaskEdit.reopen.apply(to: &t)
    #expect(t.status == .inProgress)
    var done = Sample.task(6)
    TaskEdit.reopen.apply(to: &done)
    #expect(done.status == .inProgress && done.completedOn == nil)
  }

  @Test func spaceOnMarkedWithdrawnAndDoneTasksReopensThemAll() {
    var s = Fixture.state(tasks: Self.withdrawn(1))
    press(&s, .end, .char("v"))  // 1: withdrawn
    press(&s, .up, .char("v"))  // 6: done
    #expect(s.list.marked == [1, 6])
    #expect(press(&s, .char(" ")) == [
      .modify(ids: [1, 6], expected: [1: 1, 6: 1], edit: .reopen)
    ])
  }

  @Test func theWithdrawFormSaysTheReasonIsOptional() {
    var s = Fixture.state(.vi)
    press(&s, .char("D"), .char("w"))
    let text = Self.rows(s).joined(separator: "\n")
    #expect(text.contains("Dừng thực hiện #1"))
    #expect(text.contains("Lý do không bắt buộc"))
  }

  // MARK: The detail screen

  /// Lines enough to scroll the detail of task 1 at 80×24.
  static let history: [TaskDetail.HistoryLine] = (1...20).map {
    TaskDetail.HistoryLine(
      at: "2023-11-\(10 + $0)T02:00:00Z", by: "P01", kind: "note", field: "note", old: "",
      new: "\(10 + $0)/11/2023 Đã làm thêm một phần việc số \($0)", undone: false)
  }

  @Test(arguments: [Lang.vi, .en])
  func theDetailTitleStaysAndThePositionNeverCoversText(lang: Lang) throws {
    var s = Fixture.state(lang, width: 80, height: 24)
    press(&s, .enter)
    send(&s, .historyLoaded(taskID: 1, Self.history))
    press(&s, .pageDown)
    guard case .detail(let d)? = s.overlays.last else {
      Issue.record("no detail")
      return
    }
    #expect(d.scroll.top > 0)
    let rows = Self.rows(s)
    let title = lang.pick(vi: " Nhiệm vụ #1 (T1)", en: " Task #1 (T1)")
    #expect(rows[1].hasPrefix(title), "|\(rows[1])|")
    let lines = DetailPage.lines(s, d, width: 80)
    let count = lines.count - 1
    let last = min(count, d.scroll.top + 20)
    let position = lang.pick(vi: "dòng \(d.scroll.top + 1)–\(last)/\(count)", en: "lines \(d.scroll.top + 1)–\(last) of \(count)")
    #expect(Self.trimmed(rows[1]).hasSuffix(position), "|\(rows[1])|")
    // Every body row shows its line whole: the position is painted over none of them.
    for row in 0..<20 {
      let i = 1 + d.scroll.top + row
      guard lines.indices.contains(i) else { break }
      #expect(Self.trimmed(rows[2 + row]) == Self.trimmed(" " + lines[i].0), "row \(2 + row)")
    }
  }

  @Test func aLongTitleIsCutWithAnEllipsisBeforeThePosition() {
    var t = Sample.task(1)
    t.ref = String(repeating: "Tham mưu ", count: 10)
    var s = Fixture.state(width: 60, height: 16, tasks: [t] + Sample.tasks.filter { $0.id != 1 })
    press(&s, .enter)
    let row = Self.trimmed(Self.rows(s)[1])
    #expect(row.contains("…"), "|\(row)|")
    #expect(row.hasSuffix(" of \(DetailPage.lines(s, DetailState(taskID: 1), width: 60).count - 1)"), "|\(row)|")
  }

  @Test(arguments: [Lang.vi, .en])
  func aWithdrawnTaskSaysSoOnceWithItsReason(lang: Lang) {
    var s = Fixture.state(lang, tasks: Self.withdrawn(1))
    press(&s, .end, .enter)
    let at = "2023-11-30T02:00:00Z"
    send(&s, .historyLoaded(taskID: 1, [
      TaskDetail.HistoryLine(at: at, by: "P01", kind: "withdraw", field: "status", old: "in_progress", new: "withdrawn", undone: false),
      TaskDetail.HistoryLine(at: at, by: "P01", kind: "withdraw", field: "note", old: "", new: "30/11/2023 Không còn phù hợp", undone: false),
    ]))
    guard case .detail(let d)? = s.overlays.last else {
      Issue.record("no detail")
      return
    }
    let lines = DetailPage.lines(s, d, width: 200).map(\.0)
    let label = lang.pick(vi: "Tình trạng: ", en: "Status: ")
    let status = lines.filter { $0.hasPrefix(label) }
    let word = lang.pick(vi: "Dừng thực hiện", en: "Withdrawn")
    #expect(status == [label + word + lang.pick(vi: " · lý do: ", en: " · reason: ") + "Không còn phù hợp"])
  }

  @Test(arguments: [Lang.vi, .en])
  func historyLinesHaveOneArrowAndTranslatedValues(lang: Lang) {
    var s = Fixture.state(lang)
    press(&s, .enter)
    send(&s, .historyLoaded(taskID: 1, [
      TaskDetail.HistoryLine(at: "2023-11-30T02:00:00Z", by: "P01", kind: "extend", field: "extension", old: "", new: "→ tháng 6/2024 (approved 30/11/2023)", undone: false),
      TaskDetail.HistoryLine(at: "2023-11-29T02:00:00Z", by: "P01", kind: "done", field: "status", old: "in_progress", new: "done", undone: false),
    ]))
    guard case .detail(let d)? = s.overlays.last else {
      Issue.record("no detail")
      return
    }
    let text = DetailPage.lines(s, d, width: 200).map(\.0).joined(separator: "\n")
    #expect(!text.contains("→ →"))
    #expect(text.contains(lang.pick(vi: "gia hạn + tháng 6/2024 (chấp thuận 30/11/2023)", en: "extension + tháng 6/2024 (approved 30/11/2023)")), "\(text)")
    #expect(text.contains(lang.pick(vi: "trạng thái: Đang thực hiện → Đã hoàn thành", en: "status: In progress → Done")), "\(text)")
  }

  // MARK: Drilling down and back

  @Test func escAfterDrillingFromAnAgencyRowReturnsToThatRow() {
    var s = Fixture.state()
    press(&s, .char("/"))
    type(&s, "tri thuc")
    press(&s, .enter, .char("3"), .down)
    var before = s
    press(&s, .enter)
    #expect(s.view == .tasks && s.list.searchText.isEmpty)
    press(&s, .down, .enter)
    #expect(s.scope == .detail)
    press(&s, .escape)
    #expect(s.view == .tasks, "the first Esc closes the detail")
    press(&s, .escape)
    before.status = nil
    expectState(s, before, "back on the agencies view, row 2, with the search that was in force")
    #expect(s.agencies.scroll.cursor == 1)
    #expect(s.list.searchText == "tri thuc")
  }

  @Test func escAfterDrillingFromAMeetingReturnsToTheMeetings() {
    var s = Fixture.state()
    press(&s, .char("2"))
    var before = s
    press(&s, .enter)
    #expect(s.view == .tasks && s.list.filterText == "meeting:M2023-0526")
    press(&s, .escape)
    before.status = nil
    expectState(s, before)
  }

  @Test func choosingAViewByHandForgetsTheWayBack() {
    var s = Fixture.state()
    press(&s, .char("3"), .enter, .char("2"), .char("1"))
    #expect(s.drillOrigin == nil)
    press(&s, .escape)
    #expect(s.view == .tasks)
    #expect(s.list.scope == nil, "Esc clears the drill-down like any filter")
  }

  /// Task 1 (Đảng đoàn LHH, rolled into Liên hiệp hội) is withdrawn; task 8 of LHH is assigned
  /// after the as-of day. The row counts neither, and neither does its drill-down.
  @Test func theDrillDownListsExactlyWhatTheRowCounts() throws {
    var late = FollowUpTask(id: 8, content: "Việc giao sau ngày tính", lead: "LHH", deadline: .on(Sample.day(2024, 1, 31)), version: 1)
    late.assignedOn = Sample.day(2023, 12, 15)
    var s = Fixture.state(tasks: Self.withdrawn(1) + [late])
    press(&s, .char("3"), .down)
    let row = try #require(s.workload.rows.first { $0.agency == "LHH" })
    #expect(row.counts.total == 5)
    press(&s, .enter)
    #expect(s.list.visible.count == row.counts.total)
    #expect(Set(s.list.visible) == [2, 3, 4, 5, 7])
    #expect(Self.rows(s)[22].contains("5 tasks, as the workload row counts them"), "|\(Self.rows(s)[22])|")

    // A task withdrawn from the drill-down leaves it, as it leaves the row's total.
    var t4 = Sample.task(4)
    t4.status = .withdrawn
    t4.completedOn = nil
    t4.version = 2
    send(&s, .saved(changed: [t4], deleted: [], catalog: nil, revision: 2, message: "Withdrew #4"))
    #expect(!s.list.visible.contains(4))
    #expect(s.list.visible.count == 4)
  }

  /// The agencies view's last body row holds the total, so the selected agency row must
  /// always be one of the rows drawn above it, however far the cursor goes.
  @Test func theSelectedAgencyRowIsAlwaysDrawn() throws {
    var s = Fixture.state(.en, width: 80, height: 10)
    press(&s, .char("3"), .char("c"))
    let rows = s.workload.rows
    try #require(rows.count > ScreenLayout(s.size).agencyRows, "the window must be too short for every row")
    for _ in rows.indices {
      let selected = Words.rowLabel(rows[s.agencies.scroll.cursor], s.data.catalog, .en, fullNameLimit: 28)
      let shown = Self.rows(s)[4..<(4 + ScreenLayout(s.size).agencyRows)]
      #expect(shown.contains { $0.dropFirst(4).hasPrefix(String(selected.prefix(8))) }, "row \(s.agencies.scroll.cursor) not drawn")
      press(&s, .down)
    }
  }

  @Test func theDrillDownByCoordinatingAgencyMatchesItsRow() throws {
    var s = Fixture.state(tasks: Self.withdrawn(2))
    press(&s, .char("3"), .char("c"))
    let rows = s.workload.rows
    let snv = try #require(rows.firstIndex { $0.agency == "SNV" })
    press(&s, .end)
    for _ in 0..<(rows.count - 1 - snv) { press(&s, .up) }
    let total = rows[snv].counts.total
    press(&s, .enter)
    #expect(s.list.visible.count == total)
    #expect(!s.list.visible.contains(2))
  }

  // MARK: Whole messages

  /// The form grows to show its whole error, wrapped; nothing is cut at the border.
  @Test(arguments: [(Lang.en, Size(width: 80, height: 24)), (Lang.vi, Size(width: 120, height: 40))])
  func aFormErrorIsShownWhole(lang: Lang, size: Size) throws {
    var s = Fixture.state(lang, width: size.width, height: size.height)
    press(&s, .char("a"))
    type(&s, "Soạn báo cáo")
    press(&s, .down)
    type(&s, "SNV")
    for _ in 0..<4 { press(&s, .down) }
    type(&s, "31/6/2023")
    press(&s, .enter)
    let error = try #require(topForm(s)?.error)
    #expect(TextWidth.width(error) > 80, "the error is long enough to need wrapping: \(error)")
    let inside = Self.rows(s).compactMap { row -> String? in
      guard let a = row.firstIndex(of: "│"), let b = row.lastIndex(of: "│"), a < b else { return nil }
      return String(row[row.index(after: a)..<b])
    }
    let joined = inside.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let wanted = error.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(joined.contains(wanted), "\(joined)")
  }

  @Test func aFilterErrorThatDoesNotFitEndsWithAnEllipsis() {
    var s = Fixture.state(.en)
    press(&s, .char("f"))
    send(&s, .paste("status:bogus"))
    press(&s, .enter)
    #expect(Self.trimmed(Self.rows(s)[1]).hasSuffix("…"), "|\(Self.rows(s)[1])|")
  }

  @Test func theAgenciesHeaderThatDoesNotFitEndsWithAnEllipsis() {
    var s = Fixture.state(.en)
    press(&s, .char("3"))
    let row = Self.trimmed(Self.rows(s)[1])
    #expect(row.hasSuffix("…"), "|\(row)|")
    #expect(!row.hasSuffix("effective deadl"))
  }

  @Test func aStatusMessageThatDoesNotFitEndsWithAnEllipsis() {
    var s = Fixture.state(.en, width: 50, height: 20)
    press(&s, .char("/"))
    type(&s, "nguyen binh khiem")
    press(&s, .enter)
    let row = Self.trimmed(Self.rows(s)[18])
    #expect(row.hasPrefix(" Search \"nguyen binh khiem\""))
    #expect(row.hasSuffix("…"), "|\(row)|")
    #expect(TextWidth.width(row) == 50)
  }

  // MARK: Words

  @Test func englishCountsAgreeWithTheirNouns() {
    var s = Fixture.state(.en, tasks: [Sample.task(4)])
    #expect(Self.rows(s)[1].hasPrefix(" 1 task ·"))
    press(&s, .char("!"))
    #expect(Self.rows(s)[1].hasPrefix(" 0/1 task ·"), "|\(Self.rows(s)[1])|")
    press(&s, .char("!"), .char("D"))
    #expect(Self.rows(s).contains { $0.contains("│ Task #4:") })

    s = Fixture.state(.en)
    press(&s, .char("v"), .char("v"), .char("D"))
    #expect(Self.rows(s).contains { $0.contains("│ Tasks #1 #4:") })
  }

  /// Column headings in English have no Vietnamese left in them.
  @Test func everyHeadingIsInEnglish() {
    func vietnamese(_ text: String) -> Bool {
      text.unicodeScalars.contains { (0xC0..<0x250).contains($0.value) || (0x1E00..<0x1F00).contains($0.value) }
    }
    for (keys, headings) in [([Key](), [2]), ([.char("2")], [1, 2]), ([.char("3")], [1, 2, 3]), ([.char("3"), .char("c")], [1, 2, 3])] {
      for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
        var s = Fixture.state(.en, width: size.width, height: size.height)
        for k in keys { press(&s, k) }
        let rows = Self.rows(s)
        for y in headings { #expect(!vietnamese(rows[y]), "\(keys) \(size): |\(rows[y])|") }
        #expect(!vietnamese(rows[0].replacingOccurrences(of: "sample", with: "")))
      }
    }
  }

  @Test(arguments: [Lang.vi, .en])
  func extensionDecisionsArePickedFromLabels(lang: Lang) throws {
    var s = Fixture.state(lang)
    press(&s, .char("x"), .down)
    let text = Self.rows(s).joined(separator: "\n")
    for d in ExtensionDecision.allCases {
      #expect(text.contains(Forms.choiceLabel(d.rawValue, lang)), "\(d) missing:\n\(text)")
    }
    #expect(!text.contains("pending") && !text.contains("rejected"), "stored words shown:\n\(text)")
    #expect(Forms.choiceLabel("approved", .en) == "Approved")
    #expect(Forms.choiceLabel("pending", .vi) == "Chờ xử lý")
    // Space steps to the next decision, ← back, round the list.
    let all = ExtensionDecision.allCases.map(\.rawValue)
    let start = try #require(all.firstIndex(of: topForm(s)?.text(.decision) ?? ""))
    press(&s, .char(" "))
    #expect(topForm(s)?.text(.decision) == all[(start + 1) % all.count])
    press(&s, .left, .left)
    #expect(topForm(s)?.text(.decision) == all[(start - 1 + all.count) % all.count])
  }

  @Test func sortCyclesUrgencyDeadlineAgencyNumber() {
    var s = Fixture.state(.en)
    var seen: [TaskOrder] = [s.list.sort]
    for _ in 0..<4 {
      press(&s, .char("s"))
      seen.append(s.list.sort)
    }
    #expect(seen == [.status, .deadline, .agency, .id, .status])
    #expect(s.status == StatusMessage("Sorted by urgency"))
  }

  // MARK: Help

  @Test func helpUsesTwoColumnsWhenWideAndStartsAtTheCurrentView() {
    var s = Fixture.state(.en, width: 120, height: 40)
    press(&s, .char("3"), .char("?"))
    let rows = Self.rows(s)
    #expect(rows[1].hasPrefix(" Keys"))
    #expect(Self.trimmed(rows[1]).hasSuffix(" of \(HelpPage.columns(s).map(\.count).max() ?? 0)"), "|\(rows[1])|")
    #expect(rows[2].hasPrefix(" Agencies (3)"), "the view under the help comes first: |\(rows[2])|")
    #expect(HelpPage.columns(s).count == 2)
    #expect(rows[2...37].contains { !$0.dropFirst(60).trimmingCharacters(in: .whitespaces).isEmpty }, "the right column is used")
    let footer = rows[39]
    #expect(footer.contains("Esc/q close") && footer.contains("↑↓ move"), "|\(footer)|")
    #expect(!footer.contains("q quit"))
  }

  @Test func helpFromTheDetailStartsWithTheDetailKeysInOneColumnWhenNarrow() {
    var s = Fixture.state(.vi, width: 80, height: 24)
    press(&s, .enter, .char("?"))
    #expect(HelpPage.columns(s).count == 1)
    #expect(Self.rows(s)[2].hasPrefix(" Chi tiết nhiệm vụ (Enter)"))
    #expect(Self.rows(s)[23].contains("Esc/q đóng"))
    #expect(HelpPage.lines(s).contains { $0.contains("Space/d") && $0.hasSuffix("xong / mở lại") })
    // It scrolls to its end and no further.
    press(&s, .end)
    guard case .help(let h)? = s.overlays.last else {
      Issue.record("no help")
      return
    }
    let count = HelpPage.columns(s)[0].count
    #expect(h.top == count - 20)
    #expect(Self.trimmed(Self.rows(s)[1]).hasSuffix("dòng \(count - 19)–\(count)/\(count)"))
  }

  // MARK: Marks

  @Test func marksAreUsedUpOnceABulkChangeIsSavedAndUndoDoesNotBringThemBack() {
    var s = Fixture.state()
    press(&s, .char("v"), .char("v"))
    #expect(s.list.marked == [1, 4])
    press(&s, .char(" "))
    var t1 = Sample.task(1), t4 = Sample.task(4)
    for i in [0, 1] {
      var t = i == 0 ? t1 : t4
      t.status = .done
      t.completedOn = Sample.asOf
      t.version = 2
      if i == 0 { t1 = t } else { t4 = t }
    }
    send(&s, .saved(changed: [t1, t4], deleted: [], catalog: nil, revision: 2, message: "Marked #1 #4 done"))
    #expect(s.list.marked.isEmpty)
    #expect(!s.list.consumeMarks)
    #expect(!Self.rows(s)[1].contains("marked"))
    // Undo restores the data only.
    send(&s, .saved(changed: [Sample.task(1), Sample.task(4)], deleted: [], catalog: nil, revision: 3, message: "Undone"))
    #expect(s.list.marked.isEmpty)
  }

  @Test func aFormOnMarkedTasksUsesUpTheMarksWhenItSaves() {
    var s = Fixture.state()
    press(&s, .char("v"), .char("v"), .char("n"))
    #expect(topForm(s)?.fromMarks == true)
    type(&s, "Đã họp")
    let effects = press(&s, .enter)
    #expect(effects.count == 1)
    #expect(s.list.consumeMarks)
    send(&s, .saved(changed: [], deleted: [], catalog: nil, revision: 2, message: "Recorded"))
    #expect(s.list.marked.isEmpty)
  }

  @Test func aFormOnTheSelectedTaskLeavesTheMarksAlone() {
    var s = Fixture.state()
    press(&s, .char("v"), .enter, .char("n"))
    #expect(topForm(s)?.fromMarks == false, "in the detail, commands act on its task")
    type(&s, "Đã họp")
    press(&s, .enter)
    send(&s, .saved(changed: [], deleted: [], catalog: nil, revision: 2, message: "Recorded"))
    #expect(s.list.marked == [1])
  }

  // MARK: Completion

  @Test func tabWithSeveralCandidatesListsThemAndWalksThrough() throws {
    var s = Fixture.state(.en)
    press(&s, .char("a"), .down)
    type(&s, "lien hiep")
    press(&s, .tab)
    var form = try #require(topForm(s))
    #expect(form.menu?.candidates.map(\.value) == ["LHH", "DD_LHH"])
    #expect(form.fields[1].editor.text == "LHH")
    let text = Self.rows(s).joined(separator: "\n")
    #expect(text.contains("LHH — Liên hiệp") && text.contains("DD_LHH — Đảng đoàn"), "both candidates listed:\n\(text)")

    press(&s, .tab)
    #expect(topForm(s)?.fields[1].editor.text == "DD_LHH")
    press(&s, .backTab)
    #expect(topForm(s)?.fields[1].editor.text == "LHH")
    press(&s, .down)
    #expect(topForm(s)?.fields[1].editor.text == "DD_LHH")
    #expect(press(&s, .enter) == [], "Enter chooses; it does not save")
    form = try #require(topForm(s))
    #expect(form.menu == nil && form.focus == 1 && form.fields[1].editor.text == "DD_LHH")

    // Esc in the list puts back what was typed.
    press(&s, .ctrl("u"))
    type(&s, "lien hiep")
    press(&s, .tab, .escape)
    form = try #require(topForm(s))
    #expect(form.menu == nil && form.fields[1].editor.text == "lien hiep")
    #expect(s.overlays.count == 1, "the form stays open")
  }

  @Test func anExactCodeOrShortNameRanksFirst() {
    var field = FormField(.lead, .agency, "lhh")
    #expect(Forms.suggestions(field, Sample.catalog).first?.value == "LHH")
    field = FormField(.lead, .agency, "dang doan lhh")
    #expect(Forms.suggestions(field, Sample.catalog).first?.value == "DD_LHH")
    field = FormField(.lead, .agency, "so khoa hoc")
    #expect(Forms.suggestions(field, Sample.catalog).map(\.value) == ["SKHCN"])
  }

  // MARK: Search

  /// The matched words of a long content are brought into view and underlined.
  @Test func theSearchedWordsShowInTheContentColumnUnderlined() throws {
    var s = Fixture.state(.en)
    press(&s, .char("/"))
    type(&s, "nguyen binh khiem")
    let g = Render.frame(s).grid
    let y = 3
    let row = g.rowText(y)
    #expect(row.contains("…") && row.contains("Nguyễn Bỉnh Khiêm"), "|\(row)|")
    let x = try #require(columnOf("Nguyễn", in: row))
    #expect(g[x: x, y: y].style.attributes.contains(.underline))
    #expect(g[x: x - 2, y: y].style.attributes.contains(.underline) == false)
  }
}
