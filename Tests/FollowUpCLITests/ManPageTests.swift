import FollowUpCore
import Foundation
import Testing

/// Help, the manual page, the README's command reference and shell completion, all
/// generated from the command definitions and kept equal to what is committed.
@Suite struct ManPageTests {
  static let subcommands = [
    "list", "count", "show", "add", "done", "reopen", "edit", "note", "extend", "reassign", "withdraw",
    "delete", "undo", "redo", "history", "import", "export", "meetings", "agencies", "people", "add-agency", "add-person", "workload",
    "report", "agenda",
  ]

  @Test func theCommittedManPageIsTheGeneratorsOutput() throws {
    try withSandbox { s in
      let r = try s.run(["man"])
      #expect(r.status == 0, "\(r.err)")
      let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("Resources/followup.1"), encoding: .utf8)
      #expect(r.out == committed, "Resources/followup.1 is stale: run 'followup man > Resources/followup.1'")
      // Every command has its section; the page is plain ASCII for any man implementation.
      for name in Self.subcommands { #expect(committed.contains(".Ss followup \(name)\n"), "\(name)") }
      let ascii = committed.unicodeScalars.allSatisfy { $0.isASCII }
      #expect(ascii)
      #expect(!committed.contains(".Ss followup man"))
    }
  }

  @Test func theReadmesCommandReferenceIsTheHelpOfEveryCommand() throws {
    try withSandbox { s in
      let r = try s.run(["man", "--markdown"])
      #expect(r.status == 0, "\(r.err)")
      let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
      #expect(readme.contains(r.out), "README.md's command reference is stale: paste 'followup man --markdown'")
      for name in Self.subcommands { #expect(r.out.contains("<code>followup \(name)</code>"), "\(name)") }
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
