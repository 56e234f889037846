import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real binary in a real terminal (tmux): typing, resizing, signals, other processes,
/// and the terminal handed back intact.
@Suite(.serialized) struct TerminalTests {
  /// Whether a pane shows the task list of the sample in English.
  static func showsList(_ screen: String) -> Bool {
    screen.contains("FollowUp ·") && screen.contains("7 tasks")
  }

  static func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
  }

  /// Open, search `nguyen binh khiem`, mark done, quit; `followup show` confirms it.
  @Test func searchMarkDoneQuitAndTheCommandLineSeesIt() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    try ws.importSample()
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--file", ws.file, "--as-of", "30/11/2023", "--lang", "en"]))
    defer { tmux.stop() }

    try #require(try tmux.waitFor("the task list", Self.showsList) != nil)
    try tmux.type("/")
    try tmux.type("nguyen binh khiem")
    let found = try tmux.waitFor("one match") { $0.contains("/ nguyen binh khiem") && $0.contains("  4 ~  tháng 11/2023") && !$0.contains("  1 !") }
    #expect(found != nil)
    try tmux.send("Enter")
    try tmux.waitFor("the search kept") { $0.contains("Search \"nguyen binh khiem\": 1 task") }
    try tmux.send("Space")
    try tmux.waitFor("the status line") { $0.contains("Marked #4 done on 30/11/2023") }
    try tmux.send("q")
    try expectTerminalRestored(tmux, exit: 0)

    let r = try ws.run(["show", "4", "--file", ws.file, "--format", "json"])
    #expect(r.status == 0, "\(r.err)")
    let task = Self.json(r.out)
    #expect(task["status"] as? String == "done", "\(r.out)")
    #expect(task["completedOn"] as? String == "2023-11-30", "\(r.out)")
  }

  /// The demo at 120×40, shrunk to 40×12 (still usable), to 30×8 (too small) and back.
  @Test func resizingRedrawsAndRecovers() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--demo", "--lang", "en"]), cols: 120, rows: 40)
    defer { tmux.stop() }

    try #require(try tmux.waitFor("the demo") { $0.contains("FollowUp · sample data · as of 30/11/2023") && $0.contains("3 Agencies") } != nil)

    try tmux.resize(cols: 40, rows: 12)
    let small = try tmux.waitFor("the 40×12 layout") { s in
      let rows = s.components(separatedBy: "\n")
      // The whole frame, footer included: the terminal may be captured while it is still
      // being written.
      return rows.first?.contains("FollowUp") == true && s.contains("30/09/2023") && !rows.contains { $0.count > 40 }
        && rows.count >= 12 && rows[11].hasPrefix("Enter")
    }
    if let small {
      let rows = small.components(separatedBy: "\n")
      #expect(!small.contains("too small"), "40×12 is above the 40×10 minimum:\n\(small)")
      #expect(rows.count >= 12)
      #expect(rows[0].hasPrefix(" FollowUp · as of 30/11/2023"), "header: |\(rows[0])|")
      #expect(rows[1].hasPrefix(" 7 tasks"), "filter line: |\(rows[1])|")
      #expect(rows[2].contains("#") && rows[2].contains("Deadline"), "column headings: |\(rows[2])|")
      #expect(rows[3].hasPrefix("  1 !  30/09/2023"), "first task: |\(rows[3])|")
      #expect(rows[11].hasPrefix("Enter"), "footer: |\(rows[11])|")
      #expect(rows.allSatisfy { $0.count <= 40 })
    }

    try tmux.resize(cols: 30, rows: 8)
    try tmux.waitFor("the too-small notice") { $0.contains("Window too small (30×8)") }

    try tmux.resize(cols: 120, rows: 40)
    let back = try tmux.waitFor("the full layout again") { $0.contains("1 Tasks  2 Meetings  3 Agencies") && $0.contains("7 tasks") }
    if let back {
      #expect(!back.contains("too small"))
      #expect(back.contains("Enter open  / search  f filter"))
    }
    try tmux.send("q")
    try expectTerminalRestored(tmux, exit: 0)
    let left = (try? FileManager.default.contentsOfDirectory(atPath: ws.tmp.path)) ?? []
    #expect(left.isEmpty, "the demo left files behind: \(left)")
  }

  /// Quitting gives the shell back a sane terminal: canonical mode and echo on, the normal
  /// screen with the shell's output, the cursor shown, mouse reporting off.
  @Test func quittingRestoresTheTerminal() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    try ws.importSample()
    let tmux = try Tmux(ws, command: "echo BEFORE; " + commandReportingTerminal(["--file", ws.file, "--as-of", "30/11/2023", "--lang", "en"]))
    defer { tmux.stop() }
    try #require(try tmux.waitFor("the task list", Self.showsList) != nil)
    #expect(try tmux.display("#{alternate_on}") == "1", "the interface uses the alternate screen")
    try tmux.send("3")
    try tmux.waitFor("the agencies view") { $0.contains("Workload") }
    try tmux.send("q")
    try expectTerminalRestored(tmux, exit: 0)
    let screen = try tmux.capture()
    #expect(screen.contains("BEFORE"), "what the shell printed before is back")
  }

  /// SIGTERM, SIGINT or SIGHUP while the interface is open: it ends (128 + the signal), the
  /// terminal is restored, and the change saved before the signal is in the file.
  @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
  func aSignalRestoresTheTerminalAndLosesNothing(_ signal: Int32) throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    try ws.importSample()
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--file", ws.file, "--as-of", "30/11/2023", "--lang", "en"]))
    defer { tmux.stop() }
    try #require(try tmux.waitFor("the task list", Self.showsList) != nil)
    try tmux.send("Down", "Space")
    try #require(try tmux.waitFor("the status line") { $0.contains("Marked #4 done") } != nil)

    let shell = try #require(try tmux.panePID())
    let program = try #require(childPIDs(of: shell).first { $0.name == "followup" }, "no followup under the pane's shell")
    #expect(Glibc.kill(program.pid, signal) == 0)
    try expectTerminalRestored(tmux, exit: 128 + Int(signal))

    let r = try ws.run(["show", "4", "--file", ws.file, "--format", "json"])
    #expect(r.status == 0, "the file still opens: \(r.err)")
    #expect(Self.json(r.out)["completedOn"] as? String == "2023-11-30")
    let list = try ws.run(["list", "--file", ws.file, "--format", "json"])
    #expect(list.status == 0, "\(list.err)")
  }

  /// SIGTERM in the demo: the temporary copy of the sample goes with it.
  @Test func sigtermInTheDemoLeavesNothingBehind() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--demo", "--lang", "vi"]))
    defer { tmux.stop() }
    try #require(try tmux.waitFor("the demo") { $0.contains("FollowUp · dữ liệu mẫu") } != nil)
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: ws.tmp.path)) ?? []).count == 1, "the demo's copy is in TMPDIR")
    let shell = try #require(try tmux.panePID())
    let program = try #require(childPIDs(of: shell).first { $0.name == "followup" })
    #expect(Glibc.kill(program.pid, SIGTERM) == 0)
    try expectTerminalRestored(tmux, exit: 128 + Int(SIGTERM))
    let left = (try? FileManager.default.contentsOfDirectory(atPath: ws.tmp.path)) ?? []
    #expect(left.isEmpty, "the demo left files behind: \(left)")
  }

  /// `followup done 2` from another process while the interface is open: the pane shows it
  /// without a key being pressed, and the cursor stays on the task it was on.
  @Test func aChangeFromTheCommandLineAppearsWithoutMovingTheCursor() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    try ws.importSample()
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--file", ws.file, "--as-of", "30/11/2023", "--lang", "en"]))
    defer { tmux.stop() }
    try #require(try tmux.waitFor("the task list", Self.showsList) != nil)
    // Rows: 1, 4, 2, 5 … — three rows down is task 5, below task 2.
    try tmux.send("Down", "Down", "Down", "Enter")
    try #require(try tmux.waitFor("the detail of task 5") { $0.contains("Task #5 (T5)") } != nil)
    try tmux.send("Escape")
    try #require(try tmux.waitFor("the list again") { $0.contains("  2 ·  Quý I/2024") && !$0.contains("Task #5") } != nil)

    let r = try ws.run(["done", "2", "--file", ws.file, "--on", "30/11/2023"])
    #expect(r.status == 0, "\(r.err)")
    let started = Date()
    let seen = try tmux.waitFor("task 2 done in the pane") { $0.contains("  2 ✓") && $0.contains("Updated with changes made elsewhere (1 task).") }
    #expect(seen != nil)
    print("E2E: the change from the command line showed after \(String(format: "%.2f", Date().timeIntervalSince(started))) s")

    try tmux.send("Enter")
    #expect(try tmux.waitFor("the detail of the selected task") { $0.contains("Task #") } .map { $0.contains("Task #5 (T5)") } == true,
      "the cursor moved off task 5")
    try tmux.send("q")
    try expectTerminalRestored(tmux, exit: 0)
  }

  /// At 80×24: withdraw task 1 with a reason, open its detail (title pinned while scrolled),
  /// reopen it with Space; `followup show` sees each step.
  @Test func withdrawWithAReasonScrollTheDetailAndReopen() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e")
    defer { ws.remove() }
    try ws.importSample()
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--file", ws.file, "--as-of", "30/11/2023", "--lang", "en"]), cols: 80, rows: 24)
    defer { tmux.stop() }
    try #require(try tmux.waitFor("the task list", Self.showsList) != nil)

    try tmux.send("D")
    try tmux.waitFor("the question") { $0.contains("Delete or withdraw?") }
    try tmux.send("w")
    try tmux.waitFor("the reason form") { $0.contains("Withdraw #1") && $0.contains("Reason") }
    try tmux.type("Không còn phù hợp")
    try tmux.send("Enter")
    try tmux.waitFor("the message") { $0.contains("Withdrew #1 from 30/11/2023, reason recorded as a progress note") }
    var task = Self.json(try ws.run(["show", "1", "--file", ws.file, "--format", "json"]).out)
    #expect(task["status"] as? String == "withdrawn")

    try tmux.send("End", "Enter")
    try tmux.waitFor("the detail") { $0.contains("Status: Withdrawn · reason: Không còn phù hợp") }
    try tmux.send("PPage", "NPage")
    let scrolled = try tmux.waitFor("the detail scrolled") { s in
      let rows = s.components(separatedBy: "\n")
      return rows.count > 1 && rows[1].hasPrefix(" Task #1 (T1)") && rows[1].contains("lines ") && !rows[1].contains("lines 1–")
    }
    #expect(scrolled != nil)

    try tmux.send("Space")
    try tmux.waitFor("reopened") { $0.contains("Reopened #1 · u undoes") }
    task = Self.json(try ws.run(["show", "1", "--file", ws.file, "--format", "json"]).out)
    #expect(task["status"] as? String == "in_progress")
    try tmux.send("q")
    try expectTerminalRestored(tmux, exit: 0)
  }
}
