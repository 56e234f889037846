import FollowUpCore
import FollowUpTestSupport
import Foundation
import Synchronization
import Testing

@testable import FollowUpCLI

/// Commands run inside the test process with an environment of the test's making: its own
/// clock, variables and settings, output captured without a child process.
@Suite struct InProcessTests {
  /// Output written by one command run.
  final class Captured: Sendable {
    let out = Mutex("")
    let err = Mutex("")
  }

  func run(_ arguments: [String], today: Day, file: String, captured: Captured = Captured()) -> (Int32, String, String) {
    let env = Environment(
      variables: ["FOLLOWUP_FILE": file, "FOLLOWUP_USER": "thuy", "LANG": "C"], today: today, settings: Settings(),
      output: { text in captured.out.withLock { $0 += text } },
      errors: { text in captured.err.withLock { $0 += text } })
    let status = Environment.$current.withValue(env) { FollowUpCommand.run(arguments) }
    return (status, captured.out.withLock { $0 }, captured.err.withLock { $0 })
  }

  @Test func theClockComesFromTheEnvironment() throws {
    try withScratchFolder { dir in
      let file = dir.appendingPathComponent("data.db").path
      let sample = dir.appendingPathComponent("sample.json")
      try BundledData.sampleJSON.write(to: sample)
      let imported = run(["import", sample.path], today: Sample.asOf, file: file)
      #expect(imported.0 == 0, "\(imported.2)")
      // Task 1 (due 30/09/2023) is overdue on 30/11/2023 and was not yet due on 01/09/2023.
      #expect(run(["count", "status:overdue"], today: Sample.asOf, file: file).1 == "1\n")
      #expect(run(["count", "status:overdue"], today: Sample.day("2023-09-01"), file: file).1 == "0\n")
      // "today" in an option is the environment's today too.
      #expect(run(["done", "4", "--on", "today"], today: Sample.day("2023-11-28"), file: file).0 == 0)
      let shown = run(["show", "4", "--format", "json"], today: Sample.asOf, file: file).1
      #expect(shown.contains("\"completedOn\": \"2023-11-28\""), "\(shown)")
    }
  }

  @Test func errorsGoToTheErrorSinkWithAStatus() throws {
    try withScratchFolder { dir in
      let file = dir.appendingPathComponent("missing.db").path
      let (status, out, err) = run(["list"], today: Sample.asOf, file: file)
      #expect(status == 1 && out.isEmpty)
      #expect(err.hasPrefix("followup: There is no data file"), "\(err)")
      let usage = run(["list", "--bogus"], today: Sample.asOf, file: file)
      #expect(usage.0 == 64 && usage.2.contains("--bogus"), "\(usage.2)")
    }
  }
}
