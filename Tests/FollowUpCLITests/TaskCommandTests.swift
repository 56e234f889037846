import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Listing, changing and exchanging tasks through the real binary.
@Suite struct TaskCommandTests {
  // MARK: list

  @Test(arguments: [
    (["nguyen", "binh", "khiem"], [4]),
    (["doan"], [1, 7]),
    (["Đoàn"], [1, 7]),
    (["status:overdue"], [1]),
    (["so noi vu"], [2, 3, 4, 5]),
    (["tri", "thuc"], [1, 2, 7]),
    (["agency:LHH", "status:open"], [2, 5]),
  ])
  func listFindsTheOracleTasks(_ filter: [String], _ ids: [Int]) throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["list", "--file", s.file, "--as-of", "2023-12-31", "--format", "json", "--sort", "id"] + filter)
      #expect(r.status == 0, "\(r.err)")
      let got = arr(try r.json()).map { (obj($0)["id"] as? NSNumber)?.intValue ?? -1 }
      #expect(got == ids)
    }
  }

  @Test(arguments: [
    (["colour:red"], "colour"),
    (["\"tri thuc"], "tri thuc"),
    (["due<32/1/2023"], "32/1/2023"),
  ])
  func aBadFilterIsOneLineNamingTheToken(_ filter: [String], _ token: String) throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["list", "--file", s.file, "--as-of", "2023-12-31"] + filter)
      #expect(r.status != 0)
      #expect(r.stdout.isEmpty)
      #expect(r.errLines.count == 1, "\(r.err)")
      #expect(r.err.contains(token))
      #expect(r.err.hasPrefix("followup: "))
    }
  }

  @Test func listTableKeepsColumnsAlignedWithVietnameseText() throws {
    try withSandbox { s in
      try s.importSample()
      // A lead given in decomposed form (NFD) must not shift the columns either.
      let nfd = "Nguyễn".decomposedStringWithCanonicalMapping
      let add = try s.run(["add", "--file", s.file, "--lead", "LHH", "--owner", "thuy", "Việc của \(nfd)"])
      #expect(add.status == 0, "\(add.err)")
      let r = try s.run(["list", "--file", s.file, "--lang", "vi", "--sort", "id"])
      #expect(r.status == 0, "\(r.err)")
      let lines = r.out.components(separatedBy: "\n").prefix { !$0.isEmpty }
      #expect(lines.count == 10)  // header, rule, 8 tasks
      // The content column starts at the same display column on every line.
      let rule = try #require(lines.dropFirst().first)
      let contentStart = displayWidth(String(rule[..<(rule.range(of: " ─", options: .backwards)?.upperBound ?? rule.endIndex)])) - 1
      let header = try #require(lines.first)
      #expect(displayWidth(String(header[..<(header.range(of: "Nội dung")?.lowerBound ?? header.endIndex)])) == contentStart)
      for line in lines.dropFirst(2) {
        let chars = Array(line)
        var width = 0
        var index = 0
        while index < chars.count && width < contentStart {
          width += displayWidth(String(chars[index]))
          index += 1
        }
        #expect(width == contentStart, "\(line)")
        #expect(index < chars.count && chars[index] != " " && chars[index - 1] == " ", "\(line)")
      }
    }
  }

  // MARK: add, done, undo, history

  @Test func addDoneUndoAndHistory() throws {
    try withSandbox { s in
      try s.importSample()
      let add = try s.run([
        "add", "--file", s.file, "Xây dựng kế hoạch tuyên truyền về đội ngũ trí thức", "--lead", "LHH",
        "--deadline", "Quý I/2024", "--with", "SNV,SKHCN", "--owner", "thuy",
      ])
      #expect(add.status == 0, "\(add.err)")
      let id = try #require(Int(add.out.trimmingCharacters(in: .whitespacesAndNewlines)))
      #expect(id == 8)

      func show() throws -> [String: Any] {
        let r = try s.run(["show", "\(id)", "--file", s.file, "--format", "json", "--as-of", "2024-01-10"])
        #expect(r.status == 0, "\(r.err)")
        return obj(try r.json())
      }
      var t = try show()
      #expect(obj(t["deadline"])["kind"] as? String == "quarter")
      #expect(obj(t["deadline"])["date"] as? String == "2024-03-31")
      #expect(obj(t["deadline"])["text"] as? String == "Quý I/2024")
      #expect(t["lead"] as? String == "LHH")
      #expect(t["coordinating"] as? [String] == ["SNV", "SKHCN"])
      #expect(t["owner"] as? String == "P06")
      #expect(t["status"] as? String == "not_started")
      #expect(t["timeliness"] as? String == "open_in_time")

      let done = try s.run(["done", "\(id)", "--file", s.file, "--on", "2024-01-05"])
      #expect(done.status == 0, "\(done.err)")
      t = try show()
      #expect(t["status"] as? String == "done")
      #expect(t["completedOn"] as? String == "2024-01-05")
      #expect(t["timeliness"] as? String == "done_on_time")

      let undo = try s.run(["undo", "--file", s.file])
      #expect(undo.status == 0, "\(undo.err)")
      t = try show()
      #expect(t["status"] as? String == "not_started")
      #expect(t["completedOn"] is NSNull)

      let history = try s.run(["history", "\(id)", "--file", s.file, "--lang", "en"])
      #expect(history.status == 0, "\(history.err)")
      let lines = history.out.components(separatedBy: "\n")
      #expect(lines.contains { $0.contains("undo") && $0.contains("status: Done → Not started") })
      #expect(lines.contains { $0.contains("done (undone)") && $0.contains("status: Not started → Done") })
      #expect(lines.contains { $0.contains("completed: — → 05/01/2024") })
      #expect(lines.contains { $0.contains("add") && $0.contains("thuy") })
      // Newest first: the undo comes before the done it reverted.
      let undoLine = try #require(lines.firstIndex { $0.contains("status: Done → Not started") })
      let doneLine = try #require(lines.firstIndex { $0.contains("status: Not started → Done") })
      #expect(undoLine < doneLine)

      // Redo puts it back.
      #expect(try s.run(["redo", "--file", s.file]).status == 0)
      #expect(try show()["status"] as? String == "done")
    }
  }

  @Test func historyOfADeletedTaskSaysWhoDeletedIt() throws {
    try withSandbox { s in
      try s.importSample()
      #expect(try s.run(["delete", "--file", s.file, "6"]).status == 0)
      let r = try s.run(["history", "6", "--file", s.file, "--lang", "en"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.components(separatedBy: "\n").contains {
        $0.contains("thuy") && $0.contains("delete") && $0.contains("task: #6 Tổng hợp kết quả")
      })
      // A number never given out is still an error.
      let never = try s.run(["history", "99", "--file", s.file])
      #expect(never.status != 0)
      #expect(never.errLines.count == 1)
    }
  }

  @Test func errorsSpeakTheChosenLanguage() throws {
    try withSandbox { s in
      try s.importSample()
      let vi = try s.run(["done", "999", "--file", s.file, "--lang", "vi"])
      #expect(vi.err == "followup: Không có nhiệm vụ số 999; xem danh sách bằng 'followup list'\n")
      let en = try s.run(["done", "999", "--file", s.file, "--lang", "en"])
      #expect(en.err == "followup: There is no task 999; see the list with 'followup list'\n")
    }
  }

  @Test func anErrorQuotingTypedTextCannotDriveTheTerminal() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["add", "--file", s.file, "--lead", "L\u{1B}[2J\u{1B}]0;owned\u{07}HH", "việc"])
      #expect(r.status != 0)
      #expect(r.errLines.count == 1, "\(r.err)")
      #expect(!r.stderr.contains(0x1B))
      #expect(!r.stderr.contains(0x07))
      #expect(r.err.contains("[2J"))
    }
  }

  @Test func changesByOneUserAreUndoneOnlyByThatUser() throws {
    try withSandbox { s in
      try s.importSample()
      #expect(try s.run(["note", "--file", s.file, "2", "Đã họp nhóm soạn thảo"]).status == 0)
      s.user = "an"
      let r = try s.run(["undo", "--file", s.file])
      #expect(r.status != 0)
      #expect(r.errLines.count == 1)
      s.user = "thuy"
      #expect(try s.run(["undo", "--file", s.file]).status == 0)
    }
  }

  // MARK: errors

  struct Failure: Sendable, CustomTestStringConvertible {
    var name: String
    var args: [String]
    var files: [String: Data] = [:]
    var testDescription: String { name }
  }

  static func json(_ s: String) -> Data { Data(s.utf8) }

  static let failures: [Failure] = [
    Failure(name: "done of a missing task", args: ["done", "999"]),
    Failure(name: "unknown lead", args: ["add", "x", "--lead", "NOPE"]),
    Failure(name: "31 June", args: ["add", "x", "--lead", "LHH", "--deadline", "31/6/2023"]),
    Failure(name: "month first", args: ["add", "x", "--lead", "LHH", "--deadline", "5/26/2023"]),
    Failure(name: "quarter V", args: ["extend", "1", "--to", "Quý V/2024"]),
    Failure(name: "as-of 32 January (list)", args: ["list", "--as-of", "32/1/2023"]),
    Failure(name: "as-of 32 January (workload)", args: ["workload", "--as-of", "32/1/2023"]),
    Failure(name: "done on 30 February", args: ["done", "2", "--on", "30/2/2024"]),
    Failure(name: "show a missing task", args: ["show", "999"]),
    Failure(name: "delete a missing task", args: ["delete", "7", "999"]),
    Failure(name: "empty note", args: ["note", "2", " "]),
    Failure(
      name: "malformed JSON", args: ["import", "bad.json"],
      files: ["bad.json": json(#"{"format": "followup/1", "tasks": [ {"content": "x", "lead": "LHH"} "#)]),
    Failure(
      name: "JSON syntax error", args: ["import", "bad.json"],
      files: ["bad.json": json(#"{"format": "followup/1", "tasks": [ {"content" "x", "lead": "LHH"} ]}"#)]),
    Failure(
      name: "missing required field", args: ["import", "bad.json"],
      files: ["bad.json": json(#"{"format": "followup/1", "tasks": [ {"lead": "LHH"} ]}"#)]),
    Failure(
      name: "unknown agency reference", args: ["import", "bad.json"],
      files: ["bad.json": json(#"{"format": "followup/1", "tasks": [ {"content": "x", "lead": "NOPE"} ]}"#)]),
    Failure(
      name: "duplicate refs", args: ["import", "bad.json"],
      files: [
        "bad.json": json(
          #"{"format": "followup/1", "tasks": [ {"ref": "X1", "content": "x", "lead": "LHH"}, {"ref": "X1", "content": "y", "lead": "LHH"} ]}"#)
      ]),
    Failure(
      name: "ref already in the file", args: ["import", "bad.json"],
      files: ["bad.json": json(#"{"format": "followup/1", "tasks": [ {"ref": "T1", "content": "x", "lead": "LHH"} ]}"#)]),
    Failure(
      name: "invalid UTF-8", args: ["import", "bad.json"],
      files: [
        "bad.json": json(#"{"format": "followup/1", "tasks": [ {"content": "x"#) + Data([0xFF, 0xFE])
          + json(#"", "lead": "LHH"} ]}"#)
      ]),
    Failure(
      name: "CSV with a wrong column count", args: ["import", "bad.csv"],
      files: ["bad.csv": Data("\u{FEFF}content,lead,deadline\r\nViệc một,LHH,30/9/2023\r\nViệc hai,LHH\r\n".utf8)]),
    Failure(name: "missing import file", args: ["import", "nowhere.json"]),
  ]

  @Test(arguments: failures)
  func failuresAreOneLineAndChangeNothing(_ f: Failure) throws {
    try withSandbox { s in
      try s.importSample()
      var args = f.args
      for (name, data) in f.files {
        let path = try s.write(name, data)
        args = args.map { $0 == name ? path : $0 }
      }
      args.insert(contentsOf: ["--file", s.file], at: 1)
      let before = s.snapshot()
      let r = try s.run(args)
      #expect(r.status != 0)
      #expect(r.stdout.isEmpty, "\(r.out)")
      #expect(r.errLines.count == 1, "\(r.err)")
      #expect(r.err.hasPrefix("followup: "))
      #expect(s.snapshot() == before, "the data file changed")
      if f.args.first == "import", let name = f.files.keys.first {
        #expect(r.err.contains(name), "the message should name the file: \(r.err)")
      }
    }
  }

  @Test func aFailedImportIntoANewFileLeavesNoFileBehind() throws {
    try withSandbox { s in
      let bad = try s.write("bad.json", #"{"format": "followup/1", "tasks": [ {"lead": "LHH"} ]}"#)
      let target = s.dir.appendingPathComponent("new/data.db").path
      let r = try s.run(["import", "--file", target, bad])
      #expect(r.status != 0)
      #expect(r.errLines.count == 1)
      #expect(!FileManager.default.fileExists(atPath: target))
    }
  }

  // MARK: export

  @Test func exportImportExportIsByteIdentical() throws {
    try withSandbox { s in
      try s.importSample()
      #expect(try s.run(["note", "--file", s.file, "5", "--on", "2024-01-02", "Đã rà soát \"3\" hội"]).status == 0)
      #expect(try s.run(["add", "--file", s.file, "--lead", "SKHCN", "--deadline", "tháng 6/2024", "Việc mới"]).status == 0)
      #expect(try s.run(["delete", "--file", s.file, "6"]).status == 0)
      let first = try s.run(["export", "--file", s.file, "--format", "json"])
      #expect(first.status == 0, "\(first.err)")
      let exported = try s.write("export.json", first.stdout)
      let other = s.dir.appendingPathComponent("other.db").path
      let imp = try s.run(["import", "--file", other, exported])
      #expect(imp.status == 0, "\(imp.err)")
      let second = try s.run(["export", "--file", other, "--format", "json"])
      #expect(second.stdout == first.stdout)
      // And the export really holds the changes.
      let tasks = arr(obj(try first.json())["tasks"]).map(obj)
      #expect(tasks.map { ($0["id"] as? NSNumber)?.intValue ?? 0 } == [1, 2, 3, 4, 5, 7, 8])
    }
  }

  @Test func exportToAFileWritesTheSameBytes() throws {
    try withSandbox { s in
      try s.importSample()
      let out = s.dir.appendingPathComponent("out.json").path
      let toFile = try s.run(["export", "--file", s.file, "-o", out])
      #expect(toFile.status == 0 && toFile.stdout.isEmpty)
      let toStdout = try s.run(["export", "--file", s.file])
      #expect(FileManager.default.contents(atPath: out) == toStdout.stdout)
    }
  }

  @Test func csvExportHasABOMAndNeutralisesFormulas() throws {
    try withSandbox { s in
      try s.importSample()
      let add = try s.run(["add", "--file", s.file, "--lead", "LHH", "=HYPERLINK(\"http://x.invalid\",\"bấm\")"])
      #expect(add.status == 0, "\(add.err)")
      let id = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
      let r = try s.run(["export", "--file", s.file, "--format", "csv"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.stdout.starts(with: [0xEF, 0xBB, 0xBF]))
      #expect(r.out.contains("\r\n"))
      let rows = parseCSV(r.out)
      let header = try #require(rows.first)
      let contentColumn = try #require(header.firstIndex(of: "content"))
      #expect(rows.dropFirst().allSatisfy { $0.count == header.count })
      let row = try #require(rows.first { $0.first == id })
      #expect(row[contentColumn] == "'=HYPERLINK(\"http://x.invalid\",\"bấm\")")
      // No cell anywhere starts a formula.
      #expect(!rows.joined().contains { ["=", "+", "@"].contains($0.first.map(String.init) ?? "") })
      // The Vietnamese survives the trip.
      #expect(rows.contains { $0.contains("Tham mưu sửa đổi, bổ sung tiêu chí xét tặng Giải thưởng Nguyễn Bỉnh Khiêm") })
    }
  }

  // MARK: which file

  @Test func followupFileSelectsTheFileWhenNoFileOptionIsGiven() throws {
    try withSandbox { s in
      let envFile = s.dir.appendingPathComponent("from-env.db").path
      let sample = try s.sampleFile()
      let imp = try s.run(["import", sample], environment: ["FOLLOWUP_FILE": envFile])
      #expect(imp.status == 0, "\(imp.err)")
      #expect(FileManager.default.fileExists(atPath: envFile))
      #expect(!FileManager.default.fileExists(atPath: s.xdg.appendingPathComponent("followup/followup.db").path))
      let list = try s.run(["list", "--format", "json"], environment: ["FOLLOWUP_FILE": envFile])
      #expect(arr(try list.json()).count == 7)
      // --file wins over FOLLOWUP_FILE.
      let other = s.dir.appendingPathComponent("other.db").path
      #expect(try s.run(["import", "--file", other, sample], environment: ["FOLLOWUP_FILE": envFile]).status == 0)
      let add = try s.run(["add", "--file", other, "--lead", "LHH", "Chỉ ở tệp khác"], environment: ["FOLLOWUP_FILE": envFile])
      #expect(add.out == "8\n")
      #expect(arr(try s.run(["list", "--file", other, "--format", "json"], environment: ["FOLLOWUP_FILE": envFile]).json()).count == 8)
      #expect(arr(try s.run(["list", "--format", "json"], environment: ["FOLLOWUP_FILE": envFile]).json()).count == 7)
    }
  }

  @Test func withoutFileOrVariableTheDefaultIsUnderXDGDataHome() throws {
    try withSandbox { s in
      let expected = s.xdg.appendingPathComponent("followup/followup.db").path
      #expect(!FileManager.default.fileExists(atPath: expected))
      let imp = try s.run(["import", try s.sampleFile()])
      #expect(imp.status == 0, "\(imp.err)")
      #expect(imp.out.contains(expected))
      #expect(FileManager.default.fileExists(atPath: expected))
      let attrs = try FileManager.default.attributesOfItem(atPath: expected)
      #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
      let list = try s.run(["list", "--format", "json", "--as-of", "2023-12-31", "status:overdue"])
      #expect(arr(try list.json()).count == 1)
    }
  }

  @Test func aDataFileIsCreatedOnFirstUseWithTheAgencyDirectory() throws {
    try withSandbox { s in
      let expected = s.xdg.appendingPathComponent("followup/followup.db").path
      let unknown = try s.run(["add", "--lead", "x", "Việc đầu tiên"])
      #expect(unknown.status != 0)
      #expect(unknown.errLines.count == 1)
      // The directory comes with a new file, so the first task can name a real agency.
      let add = try s.run(["add", "--lead", "Sở Nội vụ", "--with", "STC", "Việc đầu tiên"])
      #expect(add.status == 0, "\(add.err)")
      let list = try s.run(["list", "--format", "json"])
      #expect(list.status == 0, "\(list.err)")
      #expect(arr(try list.json()).map { obj($0)["lead"] as? String } == ["SNV"])
      #expect(FileManager.default.fileExists(atPath: expected))
      let agencies = try s.run(["agencies", "--format", "json"])
      let directory = try InterchangeReader.read(json: BundledData.agencyDirectoryJSON).agencies
      #expect(arr(try agencies.json()).count == directory.count)
    }
  }

  // MARK: tags, extensions, re-import

  @Test func tagsTypedWithAHashAreStoredBareAndFound() throws {
    try withSandbox { s in
      try s.importSample()
      #expect(try s.run(["edit", "--file", s.file, "3", "--tag", "#gấp", "--tag", "gap", "--tag", "ngân sách"]).status == 0)
      let t = obj(try s.run(["show", "--file", s.file, "3", "--format", "json"]).json())
      #expect(t["tags"] as? [String] == ["gấp", "ngân sách"])
      for filter in ["#gấp", "#gap", "tag:gap"] {
        let r = try s.run(["count", "--file", s.file, filter])
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(filter): \(r.out)\(r.err)")
      }
    }
  }

  @Test(arguments: [
    (["2", "--to", "1/1/2023", "--decision", "approved"], "is not later than the current one"),
    (["6", "--to", "1/1/2024", "--decision", "approved"], "is already done"),
    (["5", "--to", "31/12/2023"], "has no dated deadline"),
    (["2", "--to", "30/6/2024", "--requested", "10/12/2023", "--decided", "1/12/2023", "--decision", "approved"], "is before the request day"),
  ])
  func anExtensionThatMakesNoSenseIsRefused(_ args: [String], _ message: String) throws {
    try withSandbox { s in
      try s.importSample()
      let before = s.snapshot()
      let r = try s.run(["extend", "--file", s.file, "--as-of", "30/11/2023", "--lang", "en"] + args)
      #expect(r.status != 0)
      #expect(r.errLines.count == 1 && r.err.contains(message), "\(r.err)")
      #expect(s.snapshot() == before)
    }
  }

  @Test func anExtensionIsDecidedOnTheAsOfDayAndHistoryReadsWithOneArrow() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["--as-of", "30/11/2023", "extend", "--file", s.file, "2", "--to", "tháng 6/2024", "--decision", "approved"])
      #expect(r.status == 0, "\(r.err)")
      let t = obj(try s.run(["show", "--file", s.file, "2", "--format", "json"]).json())
      let e = arr(t["extensions"]).map(obj).first
      #expect(e?["decidedOn"] as? String == "2023-11-30")
      let show = try s.run(["show", "--file", s.file, "2", "--lang", "en"])
      let line = show.out.split(separator: "\n").first { $0.contains(" extend ") } ?? ""
      #expect(line.hasSuffix("extension + Quý I/2024 → tháng 6/2024 (approved 30/11/2023)"), "\(line)")
    }
  }

  @Test func reimportingAnExportWithRenumberCopiesTheTasksWithoutTheirRefs() throws {
    try withSandbox { s in
      try s.importSample()
      let paths = try ["csv", "json"].map { format in
        try s.write("all.\(format)", try s.run(["export", "--file", s.file, "--format", format]).stdout)
      }
      for path in paths {
        let plain = try s.run(["import", "--file", s.file, "--lang", "en", path])
        #expect(plain.status != 0)
        let r = try s.run(["import", "--file", s.file, "--lang", "en", "--renumber", path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("7 task refs were already in use"), "\(r.out)")
      }
      let all = arr(try s.run(["list", "--file", s.file, "--format", "json", "--sort", "id"]).json()).map(obj)
      #expect(all.count == 21)
      #expect(all.compactMap { $0["ref"] as? String }.count == 7)
    }
  }

  @Test func aCSVProblemNamesTheLineOfTheFile() throws {
    try withSandbox { s in
      try s.importSample()
      let csv = try s.write("t.csv", "content,lead,ref\nMột việc,LHH,X1\nViệc khác,LHH,T3\n")
      let r = try s.run(["import", "--file", s.file, "--lang", "en", csv])
      #expect(r.status != 0)
      #expect(r.err.contains("CSV line 3") && r.err.contains("'T3'"), "\(r.err)")
      #expect(!r.err.contains("tasks["), "\(r.err)")
    }
  }

  @Test func aFailedCSVImportIntoANewFileLeavesNoFileBehind() throws {
    try withSandbox { s in
      let csv = try s.write("t.csv", "content,lead\nMột việc,Không có cơ quan này\n")
      let target = s.dir.appendingPathComponent("f.db").path
      let r = try s.run(["import", "--file", target, csv])
      #expect(r.status != 0)
      for side in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: target + side)) }
    }
  }

  @Test func aNewAgencyAndPersonCanBeAddedAndThenAssigned() throws {
    try withSandbox { s in
      try s.importSample()
      let agency = try s.run(["add-agency", "--file", s.file, "--alias", "Ban QLDA", "--bloc", "state", "bqlda", "Ban Quản lý dự án đầu tư xây dựng"])
      #expect(agency.status == 0, "\(agency.err)")
      #expect(try s.run(["add-agency", "--file", s.file, "BQLDA", "Khác"]).status != 0)
      #expect(try s.run(["add-agency", "--file", s.file, "SỞ", "Khác"]).errLines.count == 1)
      let person = try s.run(["add-person", "--file", s.file, "--agency", "Ban QLDA", "--position", "Chuyên viên", "Trần", "Thị", "Bích", "Ngọc"])
      #expect(person.status == 0, "\(person.err)")
      let people = arr(try s.run(["people", "--file", s.file, "--format", "json"]).json()).map(obj)
      let added = people.first { $0["given"] as? String == "Ngọc" }
      #expect(added?["family"] as? String == "Trần")
      #expect(added?["middle"] as? String == "Thị Bích")
      #expect(added?["agency"] as? String == "BQLDA")
      let ref = added?["ref"] as? String ?? ""
      #expect(ref.hasPrefix("P") && people.filter { $0["ref"] as? String == ref }.count == 1)
      let add = try s.run(["add", "--file", s.file, "--lead", "BQLDA", "--owner", "Trần Thị Bích Ngọc", "Lập báo cáo"])
      #expect(add.status == 0, "\(add.err)")
      let mine = try s.run(["count", "--file", s.file, "owner:\(ref)"])
      #expect(mine.out.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }
  }

  @Test func meForAnUnknownUserWarnsInsteadOfSilentlyFindingNothing() throws {
    try withSandbox { s in
      try s.importSample()
      let unknown = try s.run(["count", "--file", s.file, "--lang", "en", "owner:me"], environment: ["FOLLOWUP_USER": "root"])
      #expect(unknown.status == 0)
      #expect(unknown.out.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
      #expect(unknown.errLines.count == 1 && unknown.err.contains("'root' is not a person"), "\(unknown.err)")
      let known = try s.run(["count", "--file", s.file, "owner:me"], environment: ["FOLLOWUP_USER": "Nguyễn Thị Thuỷ"])
      #expect(known.err.isEmpty, "\(known.err)")
      #expect(known.out.trimmingCharacters(in: .whitespacesAndNewlines) != "0")
      // A search word that merely reads "me" is not the user.
      #expect(try s.run(["count", "--file", s.file, "me"], environment: ["FOLLOWUP_USER": "root"]).err.isEmpty)
    }
  }

  @Test func chineseTextIsFoundByAnyRunOfItsCharacters() throws {
    try withSandbox { s in
      try s.importSample()
      #expect(try s.run(["add", "--file", s.file, "--lead", "LHH", "文件审查会议记录整理"]).status == 0)
      for (query, n) in [("会议", 1), ("审查会", 1), ("议会", 0)] {
        let r = try s.run(["count", "--file", s.file, query])
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == String(n), "\(query): \(r.out)\(r.err)")
      }
    }
  }
}
