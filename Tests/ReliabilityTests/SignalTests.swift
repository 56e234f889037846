import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT, SIGHUP and a hung-up terminal end the interface cleanly: the terminal is handed
/// back as the shell needs it, the exit status says which signal, nothing saved is lost.
/// (SIGTERM is `FollowUpE2ETests/TerminalTests.sigtermRestoresTheTerminalAndLosesNothing`.)
@Suite struct SignalTests {
  @Test(arguments: [SIGINT, SIGHUP])
  func aSignalRestoresTheTerminalAndLosesNothing(_ signal: Int32) throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try withScratch("sig") { s in
      try s.importSample()
      let tmux = try Tmux(s, command: reportingTerminal(["--file", s.file, "--as-of", "30/11/2023", "--lang", "en"]))
      defer { tmux.stop() }
      try tmux.await("the task list") { $0.contains("FollowUp ·") && $0.contains("7 tasks") }
      try tmux.send("Down", "Space")
      try tmux.await("the acknowledgement") { $0.contains("Marked #4 done") }
      let shell = try #require(try tmux.panePID())
      let program = try #require(children(of: shell).first { $0.name == "followup" }, "no followup under the pane's shell")
      #expect(kill(program.pid, signal) == 0)
      try expectTerminalRestored(tmux, exit: 128 + Int(signal))
      let show = try s.run(["show", "4", "--file", s.file, "--format", "json"])
      #expect(show.status == 0, "\(show.err)")
      let task = (try? JSONSerialization.jsonObject(with: show.stdout)) as? [String: Any]
      #expect(task?["completedOn"] as? String == "2023-11-30", "\(show.out)")
    }
  }

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
