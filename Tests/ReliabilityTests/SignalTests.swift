import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A hung-up terminal ends the interface, and nothing saved is lost. (SIGTERM, SIGINT and
/// SIGHUP sent to the program are `FollowUpE2ETests/TerminalTests.aSignalRestoresTheTerminalAndLosesNothing`.)
@Suite struct SignalTests {
  /// The ssh connection drops: the terminal itself goes away (the tmux server is killed, so
  /// the pty closes and the kernel sends SIGHUP). The interface ends at once instead of
  /// spinning on a dead terminal, and what it saved is in the file, which is sound.
  @Test func aDroppedConnectionEndsTheInterfaceAndLosesNothing() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("hup") { s in
      try s.importSample()
      let program = ([Paths.followup, "--file", s.file, "--as-of", "30/11/2023", "--lang", "en"]).map(shellQuote).joined(separator: " ")
      let tmux = try Tmux(s, command: "exec " + program)
      defer { tmux.stop() }
      try tmux.await("the task list") { $0.contains("FollowUp ·") && $0.contains("7 tasks") }
      try tmux.send("Down", "Space")
      try tmux.await("the acknowledgement") { $0.contains("Marked #4 done") }
      let pid = try #require(try tmux.panePID())
      // SIGKILL the terminal (tmux), not the program.
      tmux.server.signal(SIGKILL)
      _ = tmux.server.wait()
      #expect(waitGone(pid, timeout: 5), "the interface is still running after its terminal went away")
      if processAlive(pid) { kill(pid, SIGKILL) }
      #expect(try s.sql("PRAGMA integrity_check") == [["ok"]])
      #expect(try s.sql("SELECT status, completed_on FROM task WHERE id = 4") == [["done", "2023-11-30"]])
    }
  }
}
