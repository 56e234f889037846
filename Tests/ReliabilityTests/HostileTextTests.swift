import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Text crafted to drive a terminal (a file from elsewhere, written straight into the
/// database): `list` on a terminal and the interface show visible stand-ins, and what they
/// write to the terminal, captured byte for byte, never holds the raw controls.
@Suite struct HostileTextTests {
  /// Clear screen, set the window title, OSC 52 clipboard write, a C1 CSI, bidi override,
  /// zero-width space, BEL and DEL, as SQL (`char()` takes code points).
  static let hostileSQL = """
    'Xoá ' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' clip ' || char(27) || ']52;c;ZWNobyBoaQ==' || char(7)
    || ' c1 ' || char(155) || '31m bidi ' || char(8238) || 'lanhdao' || char(8236) || ' zw' || char(8203) || 'x del' || char(127) || ' hết'
    """

  /// Byte sequences that only the hostile text could have put in the output.
  static let forbidden: [(String, [UInt8])] = [
    ("OSC (title or clipboard)", [0x1B, 0x5D]),
    ("clear screen right after the text", Array("Xoá \u{1B}[2J".utf8)),
    ("BEL", [0x07]),
    ("C1 CSI", [0xC2, 0x9B]),
    ("bidi override U+202E", [0xE2, 0x80, 0xAE]),
    ("zero-width space U+200B", [0xE2, 0x80, 0x8B]),
    ("DEL", [0x7F]),
  ]

  static func plant(_ s: Scratch) throws {
    try s.importSample()
    // Written behind the program's back, as another tool would; the folded search column
    // (words between spaces) gets the word after the controls, which the search looks for.
    _ = try s.sql("UPDATE task SET content = \(hostileSQL), search = search || 'lanhdao ' WHERE id = 2")
    let stored = try s.sql("SELECT length(content) FROM task WHERE id = 2")
    #expect(stored.first?.first.flatMap(Int.init) ?? 0 > 60, "the hostile text was not stored")
  }

  static func expectNoRawControls(_ path: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    #expect(bytes.count > 200, "nothing captured from \(what)", sourceLocation: sourceLocation)
    for (name, seq) in forbidden {
      let hit = bytes.count >= seq.count && (0...(bytes.count - seq.count)).contains { i in bytes[i..<(i + seq.count)].elementsEqual(seq) }
      #expect(!hit, "\(what) wrote \(name) to the terminal", sourceLocation: sourceLocation)
    }
    return bytes
  }

  @Test func listOnATerminalShowsStandInsAndWritesNoControls() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("hostile-list") { s in
      try Self.plant(s)
      let tmux = try Tmux(s, command: "sleep 600", cols: 250, rows: 20)
      defer { tmux.stop() }
      let raw = s.path("list.raw")
      try tmux.recordOutput(to: raw)
      let program = ([Paths.followup, "list", "--file", s.file, "--as-of", "30/11/2023", "--lang", "en"]).map(shellQuote).joined(separator: " ")
      try tmux.respawn(program + "; echo LIST-DONE; sleep 600")
      let screen = try tmux.await("the listing") { $0.contains("LIST-DONE") }
      let bytes = Self.expectNoRawControls(raw, "followup list")
      // The stand-ins are visible where the controls were, and the text around them survives.
      let line = screen.split(separator: "\n").first { $0.contains("Xoá") } ?? ""
      #expect(line.contains("Xoá ␛[2J␛]0;pwned␇"), "\(line)")
      #expect(line.contains("\u{FFFD}lanhdao\u{FFFD}") && line.contains("zw·x del␡ hết"), "\(line)")
      #expect(String(decoding: bytes, as: UTF8.self).contains("␛]52;c;ZWNobyBoaQ==␇"))
      #expect(try tmux.display("#{pane_title}").contains("pwned") == false)
      // Piped (a script, a file), the text is the same safe text: no controls either.
      let piped = try s.run(["list", "--file", s.file, "--as-of", "30/11/2023"])
      #expect(piped.status == 0)
      #expect(!piped.stdout.contains(0x1B) && !piped.stdout.contains(0x07), "list wrote controls to a pipe")
    }
  }

  @Test func theInterfaceShowsStandInsAndWritesNoControls() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("hostile-tui") { s in
      try Self.plant(s)
      let tmux = try Tmux(s, command: "sleep 600", cols: 120, rows: 30)
      defer { tmux.stop() }
      let raw = s.path("tui.raw")
      try tmux.recordOutput(to: raw)
      let program = ([Paths.followup, "--file", s.file, "--as-of", "30/11/2023", "--lang", "en"]).map(shellQuote).joined(separator: " ")
      try tmux.respawn("exec " + program)
      try tmux.await("the task list") { $0.contains("FollowUp ·") && $0.contains("7 tasks") }
      // The task's detail shows the whole text; search finds it by a word after the controls.
      try tmux.send("/")
      try tmux.type("lanhdao")
      try tmux.send("Enter")
      try tmux.await("the search") { $0.contains("1 task") || $0.contains("1 of") }
      try tmux.send("Enter")
      let detail = try tmux.await("the detail of task 2") { $0.contains("Task #2") }
      #expect(detail.contains("␛[2J␛]0;pwned␇"), "\(detail)")
      #expect(detail.contains("\u{FFFD}lanhdao\u{FFFD}"), "\(detail)")
      try tmux.send("q")
      try tmux.send("q")
      _ = try tmux.waitFor("the interface to end") { !$0.contains("FollowUp ·") }
      _ = Self.expectNoRawControls(raw, "the interface")
      #expect(try tmux.display("#{pane_title}").contains("pwned") == false)
    }
  }
}
