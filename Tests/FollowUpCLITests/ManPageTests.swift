import FollowUpCore
import Foundation
import Testing

/// Help, the manual pages and shell completion, all generated from the program's definitions
/// and kept equal to what is committed.
@Suite struct ManPageTests {
  static let subcommands = [
    "list", "count", "show", "add", "done", "reopen", "edit", "note", "extend", "reassign", "withdraw",
    "delete", "undo", "redo", "history", "import", "export", "meetings", "agencies", "people", "add-agency", "add-person", "workload",
    "report", "agenda",
  ]

  /// The package's root folder, where `Resources/man` lives.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let pages = [
    "man1/followup.1", "man5/followup-config.5", "man5/followup-interchange.5",
    "vi/man1/followup.1", "vi/man5/followup-config.5", "vi/man5/followup-interchange.5",
  ]

  @Test func theCommittedManPagesAreTheGeneratorsOutput() throws {
    try withSandbox { s in
      let out = s.dir.appendingPathComponent("man")
      let r = try s.run(["man", "--output-dir", out.path])
      #expect(r.status == 0, "\(r.err)")
      var written: [String] = []
      if let walker = FileManager.default.enumerator(atPath: out.path) {
        for case let path as String in walker where path.hasSuffix(".1") || path.hasSuffix(".5") { written.append(path) }
      }
      #expect(written.sorted() == Self.pages.sorted())
      for page in Self.pages {
        let fresh = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Resources/man/" + page), encoding: .utf8)
        #expect(fresh == committed, "Resources/man/\(page) is stale: run 'followup man --output-dir Resources/man'")
        // Plain ASCII, so any man implementation reads it whatever encoding it assumes.
        let ascii = committed.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "\(page)")
      }
    }
  }

  /// groff, which `man` runs on Linux, reads every committed page without a warning: a
  /// translated text that breaks the mdoc markup fails here, not on a reader's screen.
  @Test(arguments: ManPageTests.pages)
  func everyPageRendersWithoutWarnings(_ page: String) throws {
    let path = Self.root.appendingPathComponent("Resources/man/" + page).path
    let r = try runProgram(
      ["/usr/bin/groff", "-mandoc", "-ww", "-Tutf8", "-P-cbou", path],
      environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    #expect(r.status == 0)
    #expect(r.err.isEmpty, "\(page): \(r.err)")
    // Vietnamese comes out as Vietnamese, not as escapes or question marks.
    if page.hasPrefix("vi/") { #expect(r.out.contains("XEM TH\u{00CA}M"), "\(page)") }
  }

  @Test(arguments: [Lang.en, .vi])
  func theCommandPageHasEveryCommandAndNoHiddenOne(_ lang: Lang) throws {
    try withSandbox { s in
      let r = try s.run(["man", "--lang", lang.rawValue])
      #expect(r.status == 0, "\(r.err)")
      for name in Self.subcommands { #expect(r.out.contains(".Ss followup \(name)\n"), "\(name)") }
      #expect(!r.out.contains(".Ss followup man"))
      for field in TaskFilter.fieldNames {
        // Non-ASCII characters are written as groff escapes (`…` is \[u2026]).
        let escaped = field.unicodeScalars.map { $0.isASCII ? String($0) : "\\[u" + String($0.value, radix: 16, uppercase: true) + "]" }
          .joined()
        #expect(r.out.contains(".It Cm \(escaped)\n"), "filter field \(field)")
      }
      #expect(r.out.contains(".Sh " + (lang == .vi ? "M\\[u00D4] T\\[u1EA2]" : "DESCRIPTION")))
    }
  }

  @Test func theConfigPageDescribesEveryKeyInBothLanguages() throws {
    try withSandbox { s in
      for lang in ["en", "vi"] {
        let r = try s.run(["man", "--page", "config", "--lang", lang])
        #expect(r.status == 0, "\(r.err)")
        for key in ["user", "file", "lang", "due_soon_days", "basis", "formula", "theme", "colours", "share", "[keys]"] {
          #expect(r.out.contains(".It Cm \(key)\n"), "\(lang): \(key)")
        }
      }
    }
  }

  @Test func theInterchangePageListsWhatExportWrites() throws {
    try withSandbox { s in
      try s.importSample()
      let exported = try s.run(["export", "--file", s.file])
      #expect(exported.status == 0, "\(exported.err)")
      let r = try s.run(["man", "--page", "interchange"])
      #expect(r.status == 0, "\(r.err)")
      // Every key the export writes, at any depth, is described on the page.
      let keys = Set(exported.out.matches(of: #/"([A-Za-z]+)": /#).map { String($0.1) })
      #expect(keys.count > 30)
      for key in keys { #expect(r.out.contains(".It Cm \(key)\n"), "\(key)") }
    }
  }

  @Test(arguments: ManPageTests.subcommands)
  func everyCommandHasHelp(_ name: String) throws {
    try withSandbox { s in
      let r = try s.run([name, "--help"])
      #expect(r.status == 0)
      #expect(r.out.hasPrefix("OVERVIEW: "))
      #expect(r.out.contains("USAGE: followup \(name)"))
    }
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsAskTheProgramForAgencyCodes(_ shell: String) throws {
    try withSandbox { s in
      let r = try s.run(["--generate-completion-script", shell])
      #expect(r.status == 0)
      #expect(r.err.isEmpty)
      #expect(r.out.contains("---completion add -- --lead"))
      #expect(r.out.contains("---completion reassign -- --to"))
      #expect(r.out.contains("report"))
    }
  }

  @Test func agencyCodesCompleteFromTheDataFile() throws {
    try withSandbox { s in
      try s.importSample()
      func complete(_ sub: String, _ arg: String, _ words: [String]) throws -> [String] {
        let line = ["followup", sub, "--file", s.file] + words
        let r = try s.run(["---completion", sub, "--", arg, String(line.count - 1), String(line.last?.count ?? 0)] + line)
        #expect(r.status == 0)
        #expect(r.err.isEmpty)
        return r.out.split(separator: "\n").map(String.init)
      }
      // The file's agencies in protocol order: the directory a new file starts with, plus the sample's.
      let codes = arr(try s.run(["agencies", "--file", s.file, "--format", "json"]).json()).compactMap { obj($0)["code"] as? String }
      #expect(codes.count > 9 && codes.contains("LHH") && codes.contains("DD_LHH"))
      func starting(_ p: String) -> [String] { codes.filter { $0.lowercased().hasPrefix(p.lowercased()) } }
      #expect(try complete("add", "--lead", ["--lead", ""]) == codes)
      #expect(try complete("add", "--lead", ["--lead", "s"]) == starting("s"))
      #expect(try complete("edit", "--with", ["2", "--with", "SNV,S"]) == starting("S").filter { $0 != "SNV" }.map { "SNV," + $0 })
      #expect(try complete("reassign", "--to", ["3", "--to", "D"]) == starting("D"))
      #expect(try complete("agenda", "positional@0", ["agency:L"]) == starting("L").map { "agency:" + $0 })
      // bash splits at the colon.
      #expect(try complete("agenda", "positional@0", ["agency", ":", "L"]) == starting("L"))
    }
  }

  @Test func completionNeverCreatesOrComplainsAboutAFile() throws {
    try withSandbox { s in
      let missing = s.dir.appendingPathComponent("none.db").path
      let line = ["followup", "add", "--file", missing, "--lead", ""]
      let r = try s.run(["---completion", "add", "--", "--lead", "5", "0"] + line)
      #expect(r.status == 0)
      #expect(r.out.isEmpty)
      #expect(r.err.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: missing))
      // Nor the default file.
      let r2 = try s.run(["---completion", "add", "--", "--lead", "3", "0", "followup", "add", "--lead", ""])
      #expect(r2.out.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: s.xdg.appendingPathComponent("followup/followup.db").path))
    }
  }
}
