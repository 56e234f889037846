import FollowUpCore
import FollowUpStore
import Foundation
import Testing

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

/// Runs the `sqlite3` shell on a file with one SQL script; returns its exit status.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> Int32 {
  guard let sqlite3 = Paths.sqlite3 else { throw TestFailure("no sqlite3") }
  return try runProgram([sqlite3, path, sql]).status
}

let sqlite3Available = Paths.sqlite3 != nil

/// A task with just the fields a test cares about.
func newTask(_ content: String, lead: String = "LHH") -> FollowUpTask {
  FollowUpTask(content: content, lead: lead)
}

/// Whether a file still holds exactly these bytes (a Bool, so a failure does not print
/// every byte).
func sameBytes(_ path: String, _ expected: Data) -> Bool {
  bytes(path) == expected
}
