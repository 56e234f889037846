import FollowUpCore
@testable import FollowUpStore
import Foundation
import Testing

/// A `followup/1` file imported as a stream stores what the whole document stores, in one
/// action, and a bad task anywhere in it, the last included, leaves the file as it was.
@Suite struct StreamImportTests {
  /// The sample's directory with `copies` copies of its tasks (new refs, ids from 100 on),
  /// enough to take the bulk path from `BulkImport.threshold` on.
  static func document(copies: Int) -> InterchangeDocument {
    var doc = Sample.doc
    doc.tasks = (0..<copies).flatMap { c in
      Sample.doc.tasks.enumerated().map { k, t in
        var t = t
        t.id = 100 + c * Sample.doc.tasks.count + k
        t.ref = t.ref.map { "\($0)-\(c)" }
        return t
      }
    }
    return doc
  }

  static func stream(_ doc: InterchangeDocument, chunk: Int = 4096) throws -> InterchangeStream {
    try InterchangeStream(json: Array(InterchangeWriter.json(doc).utf8), chunkSize: chunk)
  }

  /// What a reader of the file sees: every task, the directory, and the history's actions.
  func contents(_ store: SQLiteStore) throws -> (tasks: [FollowUpTask], catalog: Catalog, actions: [[String]]) {
    let all = try store.loadAll(projection: .full)
    let history = try store.history(taskID: nil, limit: 1_000_000).map { [$0.kind, $0.summary, String($0.taskID)] }
    return (all.tasks.sorted { $0.id < $1.id }, all.catalog, history)
  }

  @Test(arguments: [(1, false), (3, true), (800, false), (800, true)])
  func streamingStoresWhatTheWholeDocumentStores(copies: Int, intoSample: Bool) throws {
    let doc = Self.document(copies: copies)
    try withScratch { s in
      let whole = try s.store("whole.db", sample: intoSample)
      let streamed = try s.store("streamed.db", sample: intoSample)
      let a = try whole.importDocument(doc, renumber: intoSample, location: nil)
      let b = try streamed.importStream(try Self.stream(doc), renumber: intoSample)
      #expect(a == b)
      #expect(b.taskIDs.count == doc.tasks.count)
      let (x, y) = (try contents(whole), try contents(streamed))
      #expect(x.tasks == y.tasks)
      #expect(x.catalog == y.catalog)
      #expect(x.actions.count == y.actions.count)
      // The whole import is one action in the history, undone at once.
      let imports = try s.sql("SELECT COUNT(*) FROM action WHERE kind = 'import'", on: s.path("streamed.db"))
      #expect(imports == [[intoSample ? "2" : "1"]])
      _ = try streamed.undo()
      #expect(try streamed.count(TaskFilter(terms: [], source: ""), context: FilterContext(catalog: y.catalog, asOf: Sample.asOf)) == (intoSample ? 7 : 0))
    }
  }

  @Test func searchFindsTheSameTasksAfterABulkImport() throws {
    let doc = Self.document(copies: 800)
    try withTempDir { dir in
      let whole = try sampleStore(dir, name: "whole.db", sample: false)
      let streamed = try sampleStore(dir, name: "streamed.db", sample: false)
      _ = try whole.importDocument(doc, renumber: false, location: nil)
      _ = try streamed.importStream(try Self.stream(doc), renumber: false)
      let context = FilterContext(catalog: try streamed.loadCatalog(), asOf: Sample.asOf)
      var words = Set<String>()
      for t in Sample.doc.tasks {
        for w in t.content.split(separator: " ").prefix(3) where w.allSatisfy(\.isLetter) {
          words.insert(VietText.fold(String(w)))
        }
      }
      for w in words {
        let filter = TaskFilter(terms: [.text([w], lastIsPrefix: false)], source: w)
        let found = try streamed.select(filter, context: context).map(\.id)
        #expect(found == (try whole.select(filter, context: context).map(\.id)), "\(w)")
        #expect(!found.isEmpty, "\(w)")
      }
    }
  }

  /// A problem planted in the last task of a bulk-sized file, and the words its refusal
  /// must carry.
  static let lastTaskProblems: [(String, String, [String])] = [
    ("bad deadline", #""deadline": "31/6/2023""#, ["tasks[5599]", "deadline"]),
    ("wrong type", #""priority": 1"#, ["tasks[5599].priority", "wrong type"]),
    ("unknown lead", #""lead": "NOPE""#, ["tasks[5599]", "NOPE"]),
    ("repeated ref", #""ref": "T1-0""#, ["tasks[5599]", "T1-0", "tasks[0]"]),
  ]

  @Test(arguments: lastTaskProblems.indices)
  func aBadLastTaskLeavesTheFileAsItWas(problem: Int) throws {
    let (_, field, words) = Self.lastTaskProblems[problem]
    let doc = Self.document(copies: 800)
    var text = InterchangeWriter.json(doc)
    // The planted key goes first in the last task: a later key of the same name is ignored
    // by the reader, so the planted value is the one read.
    let lastID = try #require(doc.tasks.last?.id)
    let last = try #require(text.range(of: "\"id\": \(lastID),"))
    text.replaceSubrange(last, with: "\(field), \"id\": \(lastID),")
    try withScratch { s in
      let store = try s.store()
      let before = try contents(store)
      let schemaSQL = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
      let schema = try s.sql(schemaSQL)
      let revision = try store.revision()
      do {
        let stream = try InterchangeStream(json: Array(text.utf8), chunkSize: 1 << 16)
        #expect(stream.taskCount == 5600)
        _ = try store.importStream(stream, renumber: false)
        Issue.record("the import should be refused")
      } catch let e as UserError {
        for w in words { #expect(e.en.contains(w), "\(e.en)") }
      }
      let after = try contents(store)
      #expect(after.tasks == before.tasks && after.catalog == before.catalog && after.actions == before.actions)
      #expect(try store.revision() == revision)
      // The indexes and search triggers set aside for the bulk path are back as they were.
      #expect(try s.sql(schemaSQL) == schema)
    }
  }

  @Test func idsTheFileGivesAreKeptAndNewOnesStartAfterTheLargest() throws {
    var doc = Self.document(copies: 1)
    doc.tasks = Array(doc.tasks.prefix(3))
    doc.tasks[1].id = 500
    doc.tasks[2].id = 20
    var text = InterchangeWriter.json(doc)
    // A task that gives no id at all comes first: it is numbered after the largest given.
    let first = try #require(text.range(of: "\"id\": \(doc.tasks[0].id),"))
    text.replaceSubrange(first, with: "")
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let stream = try InterchangeStream(json: Array(text.utf8), chunkSize: 7)
      let summary = try store.importStream(stream, renumber: false)
      #expect(summary.taskIDs == [501, 500, 20])
      var used = doc
      used.tasks = used.tasks.enumerated().map { i, t in
        var t = t
        t.id = [900, 7, 901][i]
        t.ref = nil
        return t
      }
      do {
        _ = try store.importStream(try Self.stream(used), renumber: false)
        Issue.record("id 7 is taken")
      } catch let e as UserError {
        #expect(e.code == .importId && e.en.contains("task id 7"))
      }
    }
  }
}

