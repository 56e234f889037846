import FollowUpCore
import FollowUpStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The sample data set as the importer reads it.
enum Sample {
  static var doc: InterchangeDocument {
    get throws { try InterchangeReader.read(json: BundledData.sampleJSON) }
  }

  static func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad day \(iso)") }
    return d
  }
}

/// A fresh folder under the system temporary folder, removed after `body`.
func withTempDir<T>(_ body: (URL) throws -> T) throws -> T {
  let dir = FileManager.default.temporaryDirectory
    .appendingPathComponent("followup-store-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer {
    // Restore write permission first so read-only leftovers can be removed.
    _ = chmod(dir.path, 0o755)
    if let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
      for i in items { _ = chmod(dir.appendingPathComponent(i).path, 0o644) }
    }
    try? FileManager.default.removeItem(at: dir)
  }
  return try body(dir)
}

/// A store on a new file in `dir`, with the sample imported.
func sampleStore(_ dir: URL, name: String = "data.db", user: String = "thuy") throws -> SQLiteStore {
  let store = try SQLiteStore(path: dir.appendingPathComponent(name).path, user: user)
  _ = try store.importDocument(try Sample.doc)
  return store
}

/// Runs `body` and returns the UserError it throws (failing the test when it throws none
/// or something else).
func userError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> UserError? {
  do {
    try body()
    Issue.record("expected a UserError, nothing was thrown", sourceLocation: sourceLocation)
    return nil
  } catch let e as UserError {
    return e
  } catch {
    Issue.record("expected a UserError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// The bytes of a file (empty when it cannot be read).
func bytes(_ path: String) -> Data {
  FileManager.default.contents(atPath: path) ?? Data()
}

/// Foundation.Process passes the calling thread's signal mask on to the child, and Swift
/// Testing's threads block most signals: clear the mask around `run()`.
func runWithCleanSignalMask(_ p: Process) throws {
  var none = sigset_t()
  var saved = sigset_t()
  sigemptyset(&none)
  pthread_sigmask(SIG_SETMASK, &none, &saved)
  defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
  try p.run()
}

/// Runs the `sqlite3` shell on a file with one SQL script; returns its exit status.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> Int32 {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["sqlite3", path, sql]
  p.standardInput = FileHandle.nullDevice
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  try runWithCleanSignalMask(p)
  p.waitUntilExit()
  return p.terminationStatus
}

let sqlite3Available: Bool = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
  || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/sqlite3")

/// A task with just the fields a test cares about.
func newTask(_ content: String, lead: String = "LHH") -> FollowUpTask {
  FollowUpTask(content: content, lead: lead)
}

/// Whether a file still holds exactly these bytes (a Bool, so a failure does not print
/// every byte).
func sameBytes(_ path: String, _ expected: Data) -> Bool {
  bytes(path) == expected
}
