import FollowUpApp
import FollowUpCore
@testable import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// End to end without a terminal: the real runtime and a real store on a temporary file,
/// driven by scripted keys on a headless backend.
@Suite struct RuntimeTests {
  /// The Liên hiệp hội row of the agencies view (by lead agency, rolled up).
  static func lhh(_ rt: Runtime) -> WorkloadCounts? {
    rt.state.workload.rows.first { $0.agency == "LHH" }?.counts
  }

  static func row(containing text: String, _ g: Grid) -> String? {
    lines(g).first { $0.contains(text) }
  }

  /// The acceptance scenario: find the Nguyễn Bỉnh Khiêm task by typing, mark it done, see
  /// the agencies view change, undo, quit.
  @Test func findMarkDoneSeeTheAgenciesChangeUndoAndQuit() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let original = try store.task(4)
      let (rt, backend) = try headless(store)
      rt.draw()

      // The agencies view before.
      rt.press(.char("3"))
      let countsBefore = try #require(Self.lhh(rt))
      let rowBefore = try #require(Self.row(containing: "Liên hiệp hội", rt.screen))
      rt.press(.char("1"))

      rt.press(.char("/"))
      rt.type("nguyen binh khiem")
      #expect(rt.state.list.visible == [4])
      rt.press(.enter)
      #expect(rt.state.prompt == nil)
      #expect(rt.state.list.selectedID == 4)

      rt.press(.char(" "))
      let done = try store.task(4)
      #expect(done.status == .done)
      #expect(done.completedOn == Sample.asOf)
      #expect(done.version == original.version + 1)
      // The list holds tasks without their progress notes (the detail screen loads them).
      #expect(rt.state.list.shown(4) == Self.listed(done))
      #expect(rt.state.status == StatusMessage("Marked #4 done on 30/11/2023 · u undoes"))
      rt.draw()
      #expect(backend.lastFrame.map { $0.rowText(22).hasPrefix(" Marked #4 done on 30/11/2023") } == true)

      rt.press(.char("3"))
      #expect(rt.state.view == .agencies)
      let countsAfter = try #require(Self.lhh(rt))
      #expect(countsAfter.doneOnTime == countsBefore.doneOnTime + 1)
      #expect(countsAfter.openInTime == countsBefore.openInTime - 1)
      #expect(countsAfter.total == countsBefore.total)
      let rowAfter = try #require(Self.row(containing: "Liên hiệp hội", rt.screen))
      #expect(rowAfter != rowBefore, "the row on screen changed")
      // Compact columns at 80: Total Done Overdue Done%.
      #expect(rowAfter.contains("     6    2       1  66.7%"), "|\(rowAfter)|")

      rt.press(.char("u"))
      #expect(contents(try store.task(4)) == contents(original), "the store is back to what it was")
      #expect(rt.state.list.shown(4).map(contents) == contents(Self.listed(original)))
      #expect(rt.state.status == StatusMessage("Undone: done #4 · Ctrl-R redoes"))
      #expect(Self.lhh(rt) == countsBefore)
      #expect(Self.row(containing: "Liên hiệp hội", rt.screen) == rowBefore)

      rt.press(.char("q"))
      #expect(rt.state.quitting)
      #expect(try store.loadTasks().map(contents) == (Sample.doc).tasks.enumerated().map { i, t in
        var t = t
        t.id = i + 1
        t.assignedOn = t.assignedOn ?? Day(year: 2023, month: 5, day: 26)
        return contents(t)
      })
    }
  }

  /// The same scenario through `run()`, with the keys scripted on the backend.
  @Test func theScenarioThroughTheRunLoop() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let original = try store.task(4)
      let script: [TerminalEvent] =
        [.key(.char("/"))] + keys("nguyen binh khiem") + [.key(.enter), .key(.char(" ")), .key(.char("3")), .key(.char("u")), .key(.char("q"))]
      let (rt, backend) = try headless(store, events: script)
      #expect(rt.run() == .quit)
      #expect(backend.remainingEvents.isEmpty)
      // One frame at the start and one after every key but the last.
      #expect(backend.frames.count == script.count)
      let workload = backend.frames.filter { $0.rowText(1).hasPrefix(" Workload") }
      #expect(workload.count == 2)
      if workload.count == 2 {
        let marked = Self.row(containing: "Liên hiệp hội", workload[0])
        let undone = Self.row(containing: "Liên hiệp hội", workload[1])
        #expect(marked?.contains("     6    2       1  66.7%") == true, "\(marked ?? "-")")
        #expect(undone?.contains("     6    1       1  50.0%") == true, "\(undone ?? "-")")
      }
      #expect(contents(try store.task(4)) == contents(original))
      #expect(backend.frames.contains { f in lines(f).contains { $0.hasPrefix(" Marked #4 done") } })
    }
  }

  @Test func aSignalEndsTheLoopWithItsExitCode() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store, events: [.key(.down), .signal(15), .key(.char("q"))])
      let reason = rt.run()
      #expect(reason == .signal(15))
      #expect(reason.exitCode == 143)
      #expect(rt.state.list.scroll.cursor == 1)
    }
  }

  @Test func aHangupEndsTheLoop() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, backend) = try headless(store, events: [.key(.down)])
      #expect(rt.run() == .hangup)
      #expect(backend.idleTimeouts > 0)
    }
  }

  @Test func resizingThroughTinySizesAndBackRedrawsTheList() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let events: [TerminalEvent] = [
        .key(.end), .resize(Size(width: 10, height: 5)), .key(.char(" ")), .resize(Size(width: 1, height: 1)),
        .resize(Size(width: 40, height: 12)), .resize(Size(width: 80, height: 24)), .key(.char("q")),
      ]
      let (rt, backend) = try headless(store, events: events)
      #expect(rt.run() == .quit)
      let sizes = backend.frames.map(\.size)
      #expect(sizes == [
        Size(width: 80, height: 24), Size(width: 80, height: 24), Size(width: 10, height: 5), Size(width: 10, height: 5),
        Size(width: 1, height: 1), Size(width: 40, height: 12), Size(width: 80, height: 24),
      ])
      #expect(backend.frames[2].rowText(0) == "Window too")
      #expect(backend.frames[5].rowText(0).contains("FollowUp"))
      #expect(!lines(backend.frames[5]).joined().contains("too small"))
      #expect(backend.frames[6] == backend.frames[1], "back at 80×24 the screen is as it was")
      #expect(try store.task(6).status == .done, "Space in a too-small window did nothing")
      #expect(try store.revision() == 1)
    }
  }

  /// Another user's commit is folded in by `poll()`; the cursor stays on the same task.
  @Test func anotherUsersChangeAppearsAndTheCursorStays() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let other = try SQLiteStore(path: store.path, user: "an")
      let (rt, _) = try headless(store)
      rt.press(.down, .down)
      #expect(rt.state.list.selectedID == 2)
      #expect(rt.state.list.visible == [1, 4, 2, 5, 7, 3, 6])

      try other.modify(ids: [1], kind: "done", summary: "done #1") { t, _ in
        t.status = .done
        t.completedOn = Sample.asOf
      }
      let added = try other.add(FollowUpTask(
        content: "Báo cáo gấp về Giải thưởng", lead: "SNV", deadline: .on(Day(year: 2023, month: 10, day: 1) ?? Sample.asOf),
        assignedOn: Day(year: 2023, month: 9, day: 1)))
      #expect(rt.state.list.shown(1)?.status == .inProgress, "nothing changes before the poll")

      rt.poll()
      #expect(rt.state.list.shown(1)?.status == .done)
      #expect(rt.state.list.shown(added.id)?.content == "Báo cáo gấp về Giải thưởng")
      #expect(rt.state.list.visible.first == added.id, "the new overdue task sorts first")
      #expect(rt.state.list.selectedID == 2, "the cursor stays on task 2")
      #expect(rt.state.list.scroll.cursor == rt.state.list.visible.firstIndex(of: 2))
      #expect(rt.state.status == StatusMessage("Updated with changes made elsewhere (2 tasks)."))
      #expect(lines(rt.screen).contains { $0.contains("Báo cáo gấp về Giải") })

      // A second poll with nothing new changes nothing.
      let before = rt.state
      rt.poll()
      #expect(rt.state == before)
      try other.close()
    }
  }

  @Test func anotherUsersDeleteOfTheSelectedTaskMovesTheCursorToANeighbour() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let other = try SQLiteStore(path: store.path, user: "an")
      let (rt, _) = try headless(store)
      rt.press(.down, .down)
      try other.delete(ids: [2])
      rt.poll()
      #expect(rt.state.list.shown(2) == nil)
      #expect(rt.state.list.visible == [1, 4, 5, 7, 3, 6])
      #expect(rt.state.list.scroll.cursor == 2)
      #expect(rt.state.list.selectedID == 5)
      try other.close()
    }
  }

  /// Editing a task someone else changed meanwhile: refused, the form stays open, the
  /// status line says who changed what.
  @Test func aStaleEditIsRefusedAndTheFormStaysOpen() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let other = try SQLiteStore(path: store.path, user: "an")
      let (rt, _) = try headless(store)
      rt.press(.down, .down, .char("e"))
      guard case .form(let opened)? = rt.state.overlays.last else {
        Issue.record("no form")
        return
      }
      #expect(opened.purpose == .editTask(id: 2, version: 1))

      try other.modify(ids: [2], kind: "edit", summary: "edit #2") { t, _ in t.product = "Đề án" }
      rt.type(" (bổ sung)")
      rt.press(.enter)

      guard case .form(let form)? = rt.state.overlays.last else {
        Issue.record("the form closed")
        return
      }
      #expect(form.saving == false)
      #expect(form.text(.content).hasSuffix(" (bổ sung)"), "what was typed is kept")
      let status = try #require(rt.state.status)
      #expect(status.isError)
      #expect(status.text.contains("task 2 was just changed by an (product: Văn bản đề xuất chính sách → Đề án)"), "\(status.text)")
      #expect(form.error == status.text)
      let stored = try store.task(2)
      #expect(stored.product == "Đề án")
      #expect(!stored.content.hasSuffix("(bổ sung)"))
      rt.draw()
      #expect(lines(rt.screen)[22].contains("task 2 was just changed by an"))
      try other.close()
    }
  }

  /// The store's "task.stale" sentence already begins with "Not saved:"; the status line
  /// must not say it twice.
  @Test func theStaleMessageSaysNotSavedOnce() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let other = try SQLiteStore(path: store.path, user: "an")
      let (rt, _) = try headless(store)
      rt.press(.down, .down, .char("e"))
      try other.modify(ids: [2], kind: "edit", summary: "edit #2") { t, _ in t.product = "Đề án" }
      rt.press(.enter)
      let text = rt.state.status?.text ?? ""
      #expect(text.components(separatedBy: "Not saved").count == 2, "|\(text)|")
      try other.close()
    }
  }

  /// A task as the list holds it: without progress notes.
  static func listed(_ t: FollowUpTask) -> FollowUpTask {
    var t = t
    t.notes = []
    return t
  }

  @Test func aStaleDoneIsRefusedAndTheDataRefreshes() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let other = try SQLiteStore(path: store.path, user: "an")
      let (rt, _) = try headless(store)
      rt.press(.down)  // task 4
      try other.modify(ids: [4], kind: "note", summary: "note #4") { t, _ in
        t.notes.append(ProgressNote(on: Sample.asOf, text: "Đã gửi", by: "P07"))
      }
      rt.press(.char(" "))
      #expect(rt.state.status?.isError == true)
      #expect(try store.task(4).completedOn == Day(year: 2023, month: 12, day: 8), "nothing was written")
      rt.poll()
      #expect(rt.state.list.shown(4)?.version == (try store.task(4)).version, "the other user's change is folded in")
      rt.press(.char(" "))
      #expect(try store.task(4).completedOn == Sample.asOf, "after the refresh the same key works")
      try other.close()
    }
  }

  /// A file nobody may write: every change is refused with a sentence in the status line,
  /// and nothing else about the state moves.
  @Test func aReadOnlyFileShowsTheErrorAndChangesNothing() throws {
    try withTempDir { dir in
      let path: String
      do {
        let first = try sampleStore(dir)
        path = first.path
        try first.close()
      }
      #expect(chmod(path, 0o444) == 0)
      let bytes = FileManager.default.contents(atPath: path)
      let store = try SQLiteStore(path: path, user: "thuy")
      #expect(store.isWritable == false)
      let (rt, _) = try headless(store)
      rt.draw()
      #expect(lines(rt.screen)[0].contains("READ-ONLY"))
      rt.press(.down)
      let before = rt.state

      rt.press(.char(" "))
      let status = try #require(rt.state.status)
      #expect(status.isError)
      #expect(status.text.contains("is read-only"), "\(status.text)")
      var expected = before
      expected.status = status
      #expect(rt.state == expected)
      #expect(lines(rt.screen)[22].hasPrefix(" Not saved: The file "))

      rt.press(.char("u"))
      #expect(rt.state.status?.isError == true)
      expected.status = rt.state.status
      #expect(rt.state == expected)

      // A form stays open with the error.
      rt.press(.char("n"))
      rt.type("Đã họp")
      rt.press(.enter)
      guard case .form(let form)? = rt.state.overlays.last else {
        Issue.record("the note form closed")
        return
      }
      #expect(form.error?.contains("read-only") == true)
      #expect(FileManager.default.contents(atPath: path) == bytes, "the file was not touched")
      try store.close()
    }
  }

  /// The status line is one row: a long sentence must still show its cause at 80 columns,
  /// not only the start of a file path.
  @Test func theReadOnlyCauseIsVisibleAt80Columns() throws {
    try withTempDir { dir in
      let path: String
      do {
        let first = try sampleStore(dir)
        path = first.path
        try first.close()
      }
      #expect(chmod(path, 0o444) == 0)
      let store = try SQLiteStore(path: path, user: "thuy")
      let (rt, _) = try headless(store)
      rt.press(.char(" "))
      // A long error takes the status row and the footer row.
      let shown = lines(rt.screen)[22...23].joined(separator: " ")
      #expect(shown.contains("read-only") || shown.contains("chỉ đọc"), "the status line shows: |\(shown)| \(rt.state.status?.text ?? "")")
      try store.close()
    }
  }

  @Test func ownChangesDoNotCountAsSomeoneElses() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store)
      rt.press(.down, .char(" "))
      let status = rt.state.status
      rt.poll()
      #expect(rt.state.status == status, "our own commit is not reported as coming from elsewhere")
    }
  }

  @Test func addingATaskThroughTheFormStoresItAndSelectsIt() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store, .vi)
      rt.press(.char("a"))
      rt.type("Soạn báo cáo sơ kết")
      rt.press(.down)
      rt.type("so khoa hoc")
      rt.press(.tab, .down, .down, .down, .down)
      rt.type("31/12/2023")
      rt.press(.enter)
      #expect(rt.state.overlays.isEmpty)
      let t = try store.task(8)
      #expect(t.content == "Soạn báo cáo sơ kết")
      #expect(t.lead == "SKHCN")
      #expect(t.deadline.date == Day(year: 2023, month: 12, day: 31))
      #expect(rt.state.list.selectedID == 8)
      #expect(rt.state.status == StatusMessage("Đã thêm nhiệm vụ #8 · u: hoàn tác"))
      rt.press(.char("u"))
      #expect(throws: UserError.self) { try store.task(8) }
      #expect(rt.state.list.shown(8) == nil)
    }
  }

  @Test func theDetailShowsTheHistoryFromTheStore() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store, size: Size(width: 120, height: 40))
      rt.press(.down, .char(" "), .enter)
      guard case .detail(let d)? = rt.state.overlays.last else {
        Issue.record("no detail")
        return
      }
      #expect(d.taskID == 4)
      #expect(!d.history.isEmpty)
      #expect(d.history.contains { $0.kind == "done" })
      // Undoing from the detail reloads its history.
      rt.press(.char("u"))
      guard case .detail(let d2)? = rt.state.overlays.last else {
        Issue.record("the detail closed")
        return
      }
      #expect(d2.history != d.history)
    }
  }
}

/// Withdrawing and reopening through the real store, and what the screens then say.
@Suite struct WithdrawAndReopenTests {
  @Test func withdrawWithAReasonThenReopenWithSpace() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store, size: Size(width: 120, height: 40))
      #expect(rt.state.list.selectedID == 1)
      rt.press(.char("D"), .char("w"))
      rt.type("Không còn phù hợp")
      rt.press(.enter)
      let t1 = try store.task(1)
      #expect(t1.status == .withdrawn)
      #expect(t1.notes.last?.text == "Không còn phù hợp")
      #expect(t1.notes.last?.on == Sample.asOf)
      #expect(rt.state.status == StatusMessage("Withdrew #1 from \(Sample.asOf.formatted), reason recorded as a progress note · u undoes"))

      // The detail says "Withdrawn" once, with the reason taken from the history.
      rt.press(.end)
      #expect(rt.state.list.selectedID == 1)
      rt.press(.enter)
      let status = lines(rt.screen).filter { $0.hasPrefix(" Status: ") }
      #expect(status.map { $0.trimmingCharacters(in: .whitespaces) } == ["Status: Withdrawn · reason: Không còn phù hợp"])

      rt.press(.char(" "))
      #expect(try store.task(1).status == .inProgress)
      #expect(rt.state.status == StatusMessage("Reopened #1 · u undoes"))
      rt.press(.char("u"))
      #expect(try store.task(1).status == .withdrawn)
    }
  }

  /// Reopening a done task names the completion day it clears; marking it done again names
  /// the day recorded; undo brings back the original day.
  @Test func reopenAndDoneAgainSayWhichDays() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let original = try store.task(6)
      let (rt, _) = try headless(store)
      rt.press(.end)
      #expect(rt.state.list.selectedID == 6)
      rt.press(.char(" "))
      #expect(rt.state.status == StatusMessage("Reopened #6 (completion day 12/06/2023 cleared) · u undoes"))
      let row = try #require(rt.state.list.visible.firstIndex(of: 6))
      rt.press(.home)
      for _ in 0..<row { rt.press(.down) }
      rt.press(.char(" "))
      #expect(rt.state.status == StatusMessage("Marked #6 done on 30/11/2023 · u undoes"))
      rt.press(.char("u"), .char("u"))
      #expect(try store.task(6).completedOn == original.completedOn)
    }
  }

  @Test func theHistoryOfAnExtensionHasOneArrow() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store, .vi, size: Size(width: 120, height: 60))
      rt.press(.char("x"))
      rt.type("tháng 6/2024")
      rt.press(.enter)
      #expect(try store.task(1).extensions.count == 2)
      rt.press(.enter, .end)
      let text = lines(rt.screen).joined(separator: "\n")
      #expect(!text.contains("→ →"), "\(text)")
      #expect(text.contains("gia hạn + 30/09/2023 → tháng 6/2024 (chấp thuận 30/11/2023)"), "\(text)")
    }
  }
}
