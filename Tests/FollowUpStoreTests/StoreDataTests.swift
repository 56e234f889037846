import FollowUpCore
@testable import FollowUpStore
import Foundation
import Testing

/// Importing, loading and exporting: what goes in comes back out.
@Suite struct StoreDataTests {
  @Test func importSampleGivesTasksOneToSevenInFileOrder() throws {
    try withTempDir { dir in
      let store = try SQLiteStore(path: dir.appendingPathComponent("a.db").path, user: "thuy")
      defer { try? store.close() }
      let doc = Sample.doc
      let summary = try store.importDocument(doc)
      #expect(summary.taskIDs == [1, 2, 3, 4, 5, 6, 7])
      #expect(summary.agencies == 9)
      #expect(summary.people == 8)
      #expect(summary.meetings == 1)

      let (catalog, tasks, revision) = try store.loadAll()
      #expect(catalog.agencies.count == 9)
      #expect(catalog.people.count == 8)
      #expect(catalog.meetings.count == 1)
      #expect(catalog == doc.catalog)
      #expect(tasks.map(\.id) == [1, 2, 3, 4, 5, 6, 7])
      #expect(tasks.map(\.ref) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7"])
      #expect(revision == 1)

      // Everything imported comes back, apart from the id, version and assignment day the
      // store fills in.
      let meetingDay = try #require(doc.meetings.first).date
      for (i, var loaded) in tasks.enumerated() {
        var original = doc.tasks[i]
        #expect(loaded.version == 1)
        #expect(loaded.assignedOn == (original.assignedOn ?? meetingDay))
        original.id = loaded.id
        original.version = 0
        original.assignedOn = nil
        loaded.version = 0
        loaded.assignedOn = nil
        #expect(loaded == original, "task \(i + 1) differs after the round trip")
      }
      // The sample's extensions and notes survive too (T3: approved, T1: rejected).
      #expect(tasks[2].extensions.map(\.decision) == [.approved])
      #expect(tasks[0].extensions.map(\.decision) == [.rejected])
      #expect(tasks.map(\.notes.count).reduce(0, +) == 7)
    }
  }

  /// What `followup export --format json` writes for a store.
  static func export(_ store: SQLiteStore) throws -> String {
    let (catalog, tasks, _) = try store.loadAll()
    return InterchangeWriter.json(
      InterchangeDocument(
        agencies: catalog.agenciesInOrder,
        people: catalog.people.values.sorted { $0.ref < $1.ref },
        meetings: catalog.meetings.values.sorted { $0.ref < $1.ref }, tasks: tasks))
  }

  @Test func exportImportExportIsIdentical() throws {
    try withTempDir { dir in
      let first = try sampleStore(dir, name: "first.db")
      defer { try? first.close() }
      // Some history first, so ids, extensions and notes are not just the sample's.
      try first.modify(ids: [2], kind: "note", summary: "note") { t, _ in
        t.notes.append(ProgressNote(on: Sample.day("2024-01-03"), text: "Đã họp \"nhóm\" lần 2", by: "thuy"))
      }
      try first.delete(ids: [5])
      try first.add(newTask("Nhiệm vụ mới: tổng kết, đánh giá"))
      let text1 = try Self.export(first)

      let second = try SQLiteStore(path: dir.appendingPathComponent("second.db").path, user: "an")
      defer { try? second.close() }
      let summary = try second.importDocument(try InterchangeReader.read(json: Data(text1.utf8)))
      #expect(summary.taskIDs == [1, 2, 3, 4, 6, 7, 8])
      let text2 = try Self.export(second)
      #expect(text1 == text2)
    }
  }

  @Test func idsAreNeverReused() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      let a = try store.add(newTask("Việc A"))
      #expect(a.id == 8)
      try store.delete(ids: [a.id])
      let b = try store.add(newTask("Việc B"))
      #expect(b.id > a.id)
      // Deleting the newest task and adding again still gives a new number.
      try store.delete(ids: [b.id])
      let c = try store.add(newTask("Việc C"))
      #expect(c.id > b.id)

      // Undo of a delete brings the task back under its own number.
      try store.delete(ids: [3])
      #expect(try store.loadTasks(ids: [3]).isEmpty)
      _ = try store.undo()
      let back = try store.task(3)
      #expect(back.ref == "T3")
      #expect(back.extensions.count == 1)
      #expect(try store.loadTasks().map(\.id) == [1, 2, 3, 4, 5, 6, 7, c.id])
    }
  }

  @Test func aVersionNeverGoesBackAfterUndoOfDelete() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      defer { try? store.close() }
      try store.modify(ids: [2], kind: "edit", summary: "edit") { t, _ in t.product = "Tờ trình" }
      let seen = try store.task(2).version
      try store.delete(ids: [2])
      _ = try store.undo()
      // Someone holding the version from before the edit must still be refused.
      #expect(try store.task(2).version > seen)
      let e = userError {
        try store.modify(ids: [2], kind: "edit", summary: "edit", expected: [2: 1]) { t, _ in t.product = "x" }
      }
      #expect(e?.code == .taskStale)
    }
  }

  @Test func twoStoresOnOneFileSeeEachOthersChanges() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("shared.db").path
      let thuy = try sampleStore(dir, name: "shared.db", user: "thuy")
      defer { try? thuy.close() }
      let an = try SQLiteStore(path: path, user: "an")
      defer { try? an.close() }

      let rev = try thuy.revision()
      #expect(try an.revision() == rev)
      let dataVersion = try thuy.dataVersion()
      try an.modify(ids: [2], kind: "done", summary: "done #2") { t, _ in
        t.status = .done
        t.completedOn = Sample.day("2024-01-05")
      }
      #expect(try thuy.dataVersion() != dataVersion)
      #expect(try thuy.revision() == rev + 1)
      let changes = try thuy.changes(since: rev)
      #expect(changes.revision == rev + 1)
      #expect(changes.changed.map(\.id) == [2])
      #expect(changes.changed.first?.status == .done)
      #expect(changes.deleted.isEmpty)
      #expect(changes.directoryChanged == false)
      #expect(try thuy.task(2).status == .done)

      // A delete shows up as deleted; nothing new gives an empty change set.
      let rev2 = try thuy.revision()
      try an.delete(ids: [6])
      let c2 = try thuy.changes(since: rev2)
      #expect(c2.deleted == [6])
      #expect(c2.changed.isEmpty)
      let c3 = try thuy.changes(since: c2.revision)
      #expect(c3.changed.isEmpty && c3.deleted.isEmpty)
    }
  }
}
