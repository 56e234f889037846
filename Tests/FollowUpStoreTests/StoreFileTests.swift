import FollowUpCore
@testable import FollowUpStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Opening files: what is refused, what is created, and that a refused file is never touched.
@Suite struct StoreFileTests {
  /// A way to make a file FollowUp must refuse, and the error code it must give.
  struct BadFile: CustomTestStringConvertible, Sendable {
    var name: String
    var code: String
    var needsSQLite3 = false
    var make: @Sendable (_ path: String, _ dir: URL) throws -> Void
    var testDescription: String { name }
  }

  /// A closed FollowUp file with the sample in it.
  static func followUpFile(_ path: String) throws {
    let s = try SQLiteStore(path: path, user: "thuy")
    _ = try s.importDocument(Sample.doc)
    try s.close()
  }

  static let badFiles: [BadFile] = [
    BadFile(name: "text file", code: "file.foreign") { path, _ in
      try Data("ma|ten\nLHH|Liên hiệp hội\n".utf8).write(to: URL(fileURLWithPath: path))
    },
    BadFile(name: "binary file larger than a header", code: "file.foreign") { path, _ in
      try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: path))
    },
    BadFile(name: "zero-length file", code: "file.empty") { path, _ in
      try Data().write(to: URL(fileURLWithPath: path))
    },
    BadFile(name: "plain SQLite database", code: "file.foreign", needsSQLite3: true) { path, _ in
      try sqlite3(path, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
    },
    BadFile(name: "FollowUp file cut in half", code: "file.damaged") { path, _ in
      try followUpFile(path)
      let data = bytes(path)
      try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
    },
    BadFile(name: "FollowUp file from a newer version", code: "file.newer", needsSQLite3: true) { path, _ in
      try followUpFile(path)
      try sqlite3(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future');")
    },
  ]

  @Test(arguments: badFiles)
  func refusedFilesAreLeftUntouched(_ bad: BadFile) throws {
    guard !bad.needsSQLite3 || sqlite3Available else { return }
    try withTempDir { dir in
      let path = dir.appendingPathComponent("data.db").path
      try bad.make(path, dir)
      let before = bytes(path)
      #expect(FileManager.default.fileExists(atPath: path))
      let e = userError { _ = try SQLiteStore(path: path, user: "thuy") }
      #expect(e?.code.rawValue == bad.code)
      #expect(e?.en.contains(path) == true)
      #expect(sameBytes(path, before))
      // Asking a second time gives the same answer: the first attempt changed nothing.
      #expect(userError { _ = try SQLiteStore(path: path, user: "thuy") }?.code.rawValue == bad.code)
      #expect(sameBytes(path, before))
      // No sidecar files are left behind that a later open could replay.
      let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      #expect(left.filter { $0.hasSuffix("-wal") }.allSatisfy { bytes(dir.appendingPathComponent($0).path).isEmpty })
    }
  }

  @Test func aFileInAMissingFolderIsCreatedWithItsFolderOwnerOnly() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("a/b/followup.db").path
      let store = try SQLiteStore(path: path, user: "thuy")
      defer { try? store.close() }
      #expect(store.isWritable)
      let attrs = try FileManager.default.attributesOfItem(atPath: path)
      let mode = (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
      #expect(mode == 0o600)
      #expect(try store.loadTasks().isEmpty)
      // It is a FollowUp file: it opens again, and takes data.
      _ = try store.importDocument(Sample.doc)
      let again = try SQLiteStore(path: path, user: "an")
      defer { try? again.close() }
      #expect(try again.loadTasks().count == 7)
    }
  }

  @Test func missingFileIsRefusedWhenCreationIsNotAllowed() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("nope.db").path
      let e = userError { _ = try SQLiteStore(path: path, user: "thuy", createIfMissing: false) }
      #expect(e?.code == .fileMissing)
      #expect(!FileManager.default.fileExists(atPath: path))
    }
  }

  @Test func aFolderInPlaceOfTheParentIsRefused() throws {
    try withTempDir { dir in
      let blocker = dir.appendingPathComponent("notafolder")
      try Data("x".utf8).write(to: blocker)
      let e = userError { _ = try SQLiteStore(path: blocker.appendingPathComponent("f.db").path, user: "thuy") }
      #expect(e?.code == .fileDirectory)
    }
  }

  @Test func aReadOnlyFileCanBeReadButNotWritten() throws {
    try withTempDir { dir in
      let path = dir.appendingPathComponent("ro.db").path
      try Self.followUpFile(path)
      #expect(chmod(path, 0o444) == 0)
      let before = bytes(path)
      let store = try SQLiteStore(path: path, user: "thuy")
      #expect(store.isWritable == false)
      #expect(try store.loadTasks().count == 7)
      #expect(try store.revision() == 1)
      let e = userError {
        try store.modify(ids: [2], kind: "edit", summary: "edit") { t, _ in t.product = "x" }
      }
      #expect(e?.code == .fileReadonly)
      #expect(userError { try store.add(newTask("Việc")) }?.code == .fileReadonly)
      #expect(userError { _ = try store.undo() }?.code == .fileReadonly)
      try store.close()
      #expect(sameBytes(path, before))
    }
  }
}
