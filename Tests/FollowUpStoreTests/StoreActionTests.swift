import FollowUpCore
@testable import FollowUpStore
import Foundation
import Testing

/// Every change is one recorded action: history, undo, redo, stale edits, validation.
@Suite struct StoreActionTests {
  /// One kind of change and the history rows it must leave.
  struct Change: CustomTestStringConvertible, Sendable {
    var name: String
    var task: Int
    var apply: @Sendable (inout FollowUpTask) -> Void
    var expected: [(field: String, old: String, new: String)]
    var testDescription: String { name }
  }

  static let changes: [Change] = [
    Change(
      name: "done", task: 2,
      apply: { t in
        t.status = .done
        t.completedOn = Sample.day("2024-01-05")
      },
      expected: [("status", "in_progress", "done"), ("completedOn", "", "05/01/2024")]),
    Change(
      name: "edit deadline", task: 1,
      apply: { t in t.deadline = Deadline(text: "Quý I/2024", kind: .quarter, date: Sample.day("2024-03-31")) },
      expected: [("deadline", "30/09/2023", "Quý I/2024")]),
    Change(
      name: "note", task: 5,
      apply: { t in t.notes.append(ProgressNote(on: Sample.day("2024-01-02"), text: "Đã rà soát 3 hội", by: "thuy")) },
      expected: [("note", "", "02/01/2024 Đã rà soát 3 hội")]),
    Change(
      name: "extend", task: 2,
      apply: { t in
        t.extensions.append(
          DeadlineExtension(
            requestedOn: Sample.day("2024-03-01"), from: t.deadline,
            to: Deadline(text: "30/6/2024", kind: .date, date: Sample.day("2024-06-30")),
            reason: "Chờ khảo sát", decision: .approved, decidedOn: Sample.day("2024-03-05")))
      },
      expected: [("extension", "", "Quý I/2024 → 30/06/2024 (approved 05/03/2024) Chờ khảo sát")]),
  ]

  @Test(arguments: changes)
  func everyChangeIsOneActionWithHistory(_ change: Change) throws {
    try withTempDir { dir in
      let store = try sampleStore(dir, user: "thuy")
      defer { try? store.close() }
      let before = try store.revision()
      let versionBefore = try store.task(change.task).version
      try store.modify(ids: [change.task], kind: change.name, summary: change.name) { t, _ in change.apply(&t) }
      #expect(try store.revision() == before + 1)
      #expect(try store.task(change.task).version == versionBefore + 1)

      let history = try store.history(taskID: change.task)
      let newest = try #require(history.first)
      let rows = history.filter { $0.actionID == newest.actionID }
      #expect(rows.map { [$0.field, $0.old, $0.new] } == change.expected.map { [$0.field, $0.old, $0.new] })
      for r in rows {
        #expect(r.by == "thuy")
        #expect(r.kind == change.name)
        #expect(r.taskID == change.task)
        #expect(r.undone == false)
      }
    }
  }

  @Test func historyIsNewestFirst() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      try store.modify(ids: [2], kind: "edit", summary: "a") { t, _ in t.product = "Một" }
      try store.modify(ids: [2], kind: "edit", summary: "b") { t, _ in t.product = "Hai" }
      try store.modify(ids: [2], kind: "edit", summary: "c") { t, _ in t.product = "Ba" }
      let h = try store.history(taskID: 2).filter { $0.field == "product" }
      #expect(h.map(\.new) == ["Ba", "Hai", "Một"])
      #expect(h.map(\.actionID) == h.map(\.actionID).sorted(by: >))
      // The history of another task does not show these.
      #expect(try store.history(taskID: 3).allSatisfy { $0.taskID == 3 })
    }
  }

  @Test func undoIsRepeatableOneStepPerAction() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      let original = try store.loadTasks()
      // Three actions on the same task, then one bulk action on three tasks.
      try store.modify(ids: [2], kind: "note", summary: "note #2") { t, _ in
        t.notes.append(ProgressNote(on: Sample.day("2024-01-02"), text: "Tiến độ", by: "thuy"))
      }
      try store.modify(ids: [2], kind: "edit", summary: "edit #2") { t, _ in t.product = "Tờ trình" }
      try store.modify(ids: [2], kind: "done", summary: "done #2") { t, _ in
        t.status = .done
        t.completedOn = Sample.day("2024-01-05")
      }
      let afterSingle = try store.loadTasks()
      try store.modify(ids: [1, 2, 3], kind: "reassign", summary: "reassign") { t, _ in t.lead = "BTGTU" }
      #expect(try store.loadTasks(ids: [1, 2, 3]).allSatisfy { $0.lead == "BTGTU" })

      let bulk = try store.undo()
      #expect(bulk.kind == "reassign")
      #expect(bulk.taskIDs.sorted() == [1, 2, 3])
      #expect(try Self.content(store.loadTasks()) == Self.content(afterSingle))

      #expect(try store.undo().kind == "done")
      #expect(try store.task(2).status == .inProgress)
      #expect(try store.undo().kind == "edit")
      #expect(try store.undo().kind == "note")
      #expect(try Self.content(store.loadTasks()) == Self.content(original))
      // Then the import itself.
      let imp = try store.undo()
      #expect(imp.kind == "import")
      #expect(try store.loadTasks().isEmpty)
      let e = userError { _ = try store.undo() }
      #expect(e?.code == .undoNothing)
    }
  }

  /// Tasks without the version counter, for comparing states.
  static func content(_ tasks: [FollowUpTask]) -> [FollowUpTask] {
    tasks.map { t in
      var t = t
      t.version = 0
      return t
    }
  }

  @Test func undoMarksTheActionUndoneInHistory() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      try store.modify(ids: [4], kind: "edit", summary: "edit #4") { t, _ in t.product = "Mới" }
      _ = try store.undo()
      let h = try store.history(taskID: 4)
      let edit = try #require(h.first { $0.kind == "edit" })
      #expect(edit.undone)
      let undo = try #require(h.first)
      #expect(undo.kind == "undo")
      #expect(undo.field == "product" && undo.old == "Mới")
    }
  }

  @Test func undoRefusesWhenAnotherUserChangedTheTask() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("data.db").path
      let thuy = try sampleStore(dir, user: "thuy")
      defer { try? thuy.close() }
      let an = try SQLiteStore(path: path, user: "an")
      defer { try? an.close() }
      try thuy.modify(ids: [2], kind: "edit", summary: "edit #2") { t, _ in t.product = "Bản của Thuỷ" }
      try an.modify(ids: [2], kind: "edit", summary: "edit #2") { t, _ in t.product = "Bản của An" }
      let rev = try thuy.revision()
      let e = userError { _ = try thuy.undo() }
      #expect(e?.code == .undoConflict)
      #expect(e?.en.contains("by an (product") == true)
      #expect(try thuy.revision() == rev)
      #expect(try thuy.task(2).product == "Bản của An")
      // An's own undo is fine, and then Thuỷ's goes through.
      _ = try an.undo()
      _ = try thuy.undo()
      #expect(try thuy.task(2).product == "Văn bản đề xuất chính sách")
    }
  }

  @Test func undoOfImportRemovesTheImportedTasks() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      let added = try store.add(newTask("Giữ lại"))
      var doc = Sample.doc
      doc.tasks = doc.tasks.map { t in
        var t = t
        t.ref = nil
        return t
      }
      let second = try store.importDocument(doc)
      #expect(second.taskIDs == Array(9...15))
      let outcome = try store.undo()
      #expect(outcome.kind == "import")
      #expect(try store.loadTasks().map(\.id) == [1, 2, 3, 4, 5, 6, 7, added.id])
    }
  }

  @Test func redoReappliesAndANewActionClearsIt() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      try store.modify(ids: [2], kind: "edit", summary: "edit a") { t, _ in t.product = "A" }
      try store.modify(ids: [2], kind: "edit", summary: "edit b") { t, _ in t.product = "B" }
      _ = try store.undo()
      _ = try store.undo()
      #expect(try store.task(2).product == "Văn bản đề xuất chính sách")
      #expect(try store.redo().summary == "edit a")
      #expect(try store.task(2).product == "A")
      #expect(try store.redo().summary == "edit b")
      #expect(try store.task(2).product == "B")
      #expect(userError { _ = try store.redo() }?.code == .redoNothing)

      // Undo, then a new action: nothing to redo any more.
      _ = try store.undo()
      #expect(try store.task(2).product == "A")
      try store.modify(ids: [3], kind: "edit", summary: "edit c") { t, _ in t.product = "C" }
      #expect(userError { _ = try store.redo() }?.code == .redoNothing)
      #expect(try store.task(2).product == "A")
    }
  }

  @Test func redoOfDeleteAndOfAdd() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      let t = try store.add(newTask("Thêm rồi bỏ"))
      _ = try store.undo()
      #expect(try store.loadTasks(ids: [t.id]).isEmpty)
      _ = try store.redo()
      #expect(try store.task(t.id).content == "Thêm rồi bỏ")
      try store.delete(ids: [t.id])
      _ = try store.undo()
      _ = try store.redo()
      #expect(try store.loadTasks(ids: [t.id]).isEmpty)
    }
  }

  @Test func staleEditIsRefusedNamingWhoAndWhat() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("data.db").path
      let thuy = try sampleStore(dir, user: "thuy")
      defer { try? thuy.close() }
      let an = try SQLiteStore(path: path, user: "an")
      defer { try? an.close() }
      let seen = try thuy.task(2)
      try an.modify(ids: [2], kind: "edit", summary: "edit #2") { t, _ in t.product = "Bản của An" }
      let rev = try thuy.revision()
      let e = userError {
        try thuy.modify(ids: [2], kind: "edit", summary: "edit #2", expected: [2: seen.version]) { t, _ in
          t.content = "Sửa đè"
        }
      }
      #expect(e?.code == .taskStale)
      #expect(e?.en.contains("changed by an (product:") == true)
      #expect(e?.vi.contains("được an sửa (sản phẩm:") == true)
      #expect(try thuy.revision() == rev)
      let now = try thuy.task(2)
      #expect(now.content == seen.content)
      #expect(now.product == "Bản của An")
      // Deleting with an old version is refused the same way.
      #expect(userError { try thuy.delete(ids: [2], expected: [2: seen.version]) }?.code == .taskStale)
      #expect(try thuy.loadTasks(ids: [2]).count == 1)
    }
  }

  @Test func invalidChangesAreRefusedAndWriteNothing() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      let rev = try store.revision()
      let tasks = try store.loadTasks()

      let unknownLead = userError { try store.add(newTask("Việc", lead: "NOPE")) }
      #expect(unknownLead?.code == .taskInvalid)
      #expect(unknownLead?.en.contains("NOPE") == true)

      let noDay = userError {
        try store.modify(ids: [2], kind: "done", summary: "done") { t, _ in t.status = .done }
      }
      #expect(noDay?.code == .taskInvalid)

      let unknownCoordinator = userError {
        try store.modify(ids: [1, 2], kind: "edit", summary: "edit") { t, _ in t.coordinating = ["SNV", "XYZ"] }
      }
      #expect(unknownCoordinator?.code == .taskInvalid)

      let empty = userError { try store.add(newTask("   ")) }
      #expect(empty?.code == .taskInvalid)

      let missing = userError { try store.modify(ids: [2, 999], kind: "edit", summary: "edit") { t, _ in t.product = "x" } }
      #expect(missing?.code == .taskMissing)

      #expect(try store.revision() == rev)
      #expect(try store.loadTasks() == tasks)
      // Nothing was recorded, so the next undo is still the import.
      #expect(try store.undo().kind == "import")
    }
  }

  @Test func invalidActionLeavesTheFileBytesUnchanged() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("data.db").path
      do {
        let s = try sampleStore(dir)
        try s.close()
      }
      let before = bytes(path)
      let store = try SQLiteStore(path: path, user: "thuy")
      _ = userError { try store.add(newTask("Việc", lead: "NOPE")) }
      _ = userError {
        try store.modify(ids: [2], kind: "done", summary: "done") { t, _ in t.status = .done }
      }
      try store.close()
      #expect(sameBytes(path, before))
    }
  }
}
