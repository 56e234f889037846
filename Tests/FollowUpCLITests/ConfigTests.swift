import FollowUpCore
import Foundation
import Testing

/// The repository's root, for files the tests compare against.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

extension Sandbox {
  /// Writes `~/.config/followup/config.toml` in the sandbox's home folder.
  func writeConfig(_ text: String) throws {
    let folder = home.appendingPathComponent(".config/followup")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: folder.appendingPathComponent("config.toml"))
  }
}

/// `config.toml`: what each setting changes, and what a wrong one says.
@Suite struct ConfigTests {
  @Test func theExampleConfigReadsCleanlyAndChangesTheAgenda() throws {
    try withSandbox { s in
      try s.importSample()
      let example = try String(contentsOf: repositoryRoot.appendingPathComponent("Resources/config.example.toml"), encoding: .utf8)
      // Without the config: English (C.UTF-8), due soon within 7 days, so T4 (8 days left) is not listed.
      let before = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-22"])
      #expect(before.status == 0, "\(before.err)")
      #expect(before.out.hasPrefix("Overdue and due within 7 days — as of 22/11/2023"))
      #expect(!before.out.contains("#4"))
      try s.writeConfig(example)
      let after = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-22"])
      #expect(after.status == 0)
      #expect(after.err.isEmpty, "the example must read without warnings: \(after.err)")
      // lang = "vi" and due_soon_days = 10.
      #expect(after.out.hasPrefix("Việc quá hạn và sắp đến hạn (trong 10 ngày) — tính đến 22/11/2023"))
      #expect(after.out.contains("~ #4  30/11/2023  còn 8 ngày"))
    }
  }

  @Test func wrongValuesAreReportedByKeyAndLineAndTheDefaultsApply() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("""
        # a comment
        lang = "en"
        basis = "soon"
        due_soon_days = "seven"
        colour = "256"
        theme = 8

        [keys]
        quit = "Ctrl-Q"
        frobnicate = "z"
        note = "Ctrl-"
        """)
      let r = try s.run(["count", "--file", s.file])
      #expect(r.status == 0)
      #expect(r.out == "7\n")
      let path = "~/.config/followup/config.toml"
      #expect(r.errLines == [
        "followup: \(path) line 3: key 'basis': 'soon' is not effective or original; using the default",
        "followup: \(path) line 4: key 'due_soon_days': needs a whole number (e.g. 7), not a string; using the default",
        "followup: \(path) line 5: key 'colour': unknown key (known: user, file, lang, due_soon_days, basis, formula, theme, colours, share, keys); ignored",
        "followup: \(path) line 6: key 'theme': '8' is not 256, 16 or mono; using the default",
        "followup: \(path) line 10: key 'keys.frobnicate': there is no command by this name (e.g. toggle-done, quit, external-edit); ignored",
        "followup: \(path) line 11: key 'keys.note': cannot read the key 'Ctrl-' (e.g. x, Space, Enter, Ctrl-R, F5); ignored",
      ])
    }
  }

  /// A form's command remapped to a key a text field types is refused: it would never run.
  @Test func aRemapATextFieldWouldSwallowIsRefused() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("lang = \"en\"\n[keys]\nsave = \"s\"\nnext-suggestion = \"F6\"\nmove-up = \"k\"\n")
      let r = try s.run(["count", "--file", s.file])
      #expect(r.status == 0)
      #expect(r.errLines == [
        "followup: ~/.config/followup/config.toml line 3: key 'keys.save': a text field types these keys itself, so the command would never run (use e.g. Ctrl-X, F5); ignored"
      ])
    }
  }

  @Test func warningsSpeakTheConfiguredLanguage() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("lang = \"vi\"\nformula = \"median\"\n")
      let r = try s.run(["count", "--file", s.file])
      #expect(r.status == 0)
      #expect(r.errLines == [
        "followup: ~/.config/followup/config.toml dòng 2: khoá 'formula': 'median' không phải due hoặc total; dùng giá trị mặc định"
      ])
    }
  }

  @Test func aSyntaxErrorNamesLineAndColumnAndTheProgramStillRuns() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("lang = \"en\"\nbasis = original\n")
      let r = try s.run(["workload", "--file", s.file, "--as-of", "2023-12-31", "--format", "json"])
      #expect(r.status == 0)
      #expect(r.errLines.count == 1, "\(r.err)")
      #expect(r.err.hasPrefix("followup: ~/.config/followup/config.toml line 2, column "))
      #expect(r.err.contains("ignoring the whole file, using the defaults"))
      #expect(obj(try r.json())["basis"] as? String == "effective")
    }
  }

  @Test func basisAndFormulaChangeTheReport() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("basis = \"original\"\nformula = \"total\"\n")
      let r = try s.run(["workload", "--file", s.file, "--as-of", "2023-12-31", "--format", "json", "--rollup"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.err.isEmpty)
      let root = obj(try r.json())
      #expect(root["basis"] as? String == "original")
      #expect(root["formula"] as? String == "total")
      let totals = obj(root["totals"])
      // DOMAIN §6.4: on the original basis T3 was done 56 days late.
      #expect((totals["doneOnTime"] as? NSNumber)?.intValue == 1)
      #expect((totals["doneLate"] as? NSNumber)?.intValue == 2)
      // Total-based: (4)+(5)+(6) over (3) − (10), routine work left out = 3 / 6.
      #expect(abs(((totals["completionRate"] as? NSNumber)?.doubleValue ?? 0) - 0.5) < 0.0001)
      // Options on the command line still win.
      let flags = try s.run(["workload", "--file", s.file, "--as-of", "2023-12-31", "--format", "json", "--basis", "effective", "--formula", "due"])
      #expect(obj(try flags.json())["basis"] as? String == "effective")
      #expect(obj(try flags.json())["formula"] as? String == "due")
    }
  }

  @Test func userAndFileComeFromTheConfigUnlessTheEnvironmentSaysOtherwise() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("user = \"Nguyễn Thị Thuỷ\"\nfile = \"\(s.file)\"\n")
      // No --file: the config's file. No FOLLOWUP_USER: the config's user.
      let note = try s.run(["note", "2", "Đã khảo sát", "--on", "1/12/2023"], environment: ["FOLLOWUP_USER": ""])
      #expect(note.status == 0, "\(note.err)")
      let h = try s.run(["history", "2"], environment: ["FOLLOWUP_USER": ""])
      #expect(h.out.contains("Nguyễn Thị Thuỷ"))
      // FOLLOWUP_USER wins over the config.
      _ = try s.run(["note", "2", "Lần hai", "--on", "2/12/2023"])
      #expect(try s.run(["history", "2", "--limit", "1"]).out.contains("thuy"))
      // FOLLOWUP_FILE wins over the config's file.
      let other = s.dir.appendingPathComponent("other.db").path
      let r = try s.run(["count"], environment: ["FOLLOWUP_FILE": other])
      #expect(r.status != 0)
      #expect(r.err.contains("other.db"))
    }
  }

  @Test func xdgConfigHomeIsWhereTheFileIs() throws {
    try withSandbox { s in
      try s.importSample()
      let folder = s.dir.appendingPathComponent("xdgconfig/followup")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("lang = \"vi\"\n".utf8).write(to: folder.appendingPathComponent("config.toml"))
      let r = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30"],
        environment: ["XDG_CONFIG_HOME": s.dir.appendingPathComponent("xdgconfig").path])
      #expect(r.out.hasPrefix("Việc quá hạn"))
      // --lang still wins over the config.
      let en = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30", "--lang", "en"],
        environment: ["XDG_CONFIG_HOME": s.dir.appendingPathComponent("xdgconfig").path])
      #expect(en.out.hasPrefix("Overdue"))
    }
  }

  @Test func aRelativeDataFileIsRefusedWithItsLine() throws {
    try withSandbox { s in
      try s.writeConfig("\n\nfile = \"data/followup.db\"\n")
      let r = try s.run(["--version"])
      #expect(r.status == 0)
      #expect(r.errLines == [
        "followup: ~/.config/followup/config.toml line 3: key 'file': 'data/followup.db' must be an absolute path or start with ~/; using the default"
      ])
    }
  }

  @Test func completionStaysSilentEvenWithABadConfig() throws {
    try withSandbox { s in
      try s.importSample()
      try s.writeConfig("basis = \"soon\"\n")
      let r = try s.run(["---completion", "add", "--", "--lead", "5", "1", "followup", "add", "--file", s.file, "--lead", "S"])
      #expect(r.status == 0)
      #expect(r.err.isEmpty)
      let codes = arr(try s.run(["agencies", "--file", s.file, "--format", "json"]).json()).compactMap { obj($0)["code"] as? String }
      #expect(r.out.split(separator: "\n").map(String.init) == codes.filter { $0.hasPrefix("S") })
    }
  }
}
