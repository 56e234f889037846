import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Every bad input of the reliability list, through the real `followup`: one sentence on
/// standard error naming what is wrong and where, a non-zero exit, nothing on standard output,
/// and a data file that is byte for byte what it was.
@Suite struct BadInputTests {
  /// One bad input: the command, the files it reads, and what the sentence must name.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var args: [String]
    var files: [String: Data] = [:]
    /// Text the error must contain (the token, field, line or file it is about).
    var names: [String]
    var testDescription: String { name }
  }

  static func json(_ s: String) -> Data { Data(s.utf8) }
  static func task(_ fields: String) -> Data {
    json(#"{"format": "followup/1", "tasks": [ {"#) + json(fields) + json("} ]}")
  }

  static let cases: [Case] = [
    // Dates.
    Case(name: "31 June", args: ["add", "Việc", "--lead", "LHH", "--deadline", "31/6/2023"], names: ["31/6/2023"]),
    Case(name: "month first", args: ["add", "Việc", "--lead", "LHH", "--deadline", "5/26/2023"], names: ["5/26/2023"]),
    Case(name: "32 January", args: ["done", "2", "--on", "32/1/2023"], names: ["32/1/2023"]),
    Case(name: "quarter V", args: ["extend", "1", "--to", "Quý V/2024"], names: ["Quý V/2024"]),
    Case(name: "month 13", args: ["add", "Việc", "--lead", "LHH", "--deadline", "tháng 13/2023"], names: ["tháng 13/2023"]),
    Case(name: "empty extension deadline", args: ["extend", "1", "--to", ""], names: ["--to"]),
    Case(name: "empty content", args: ["add", " ", "--lead", "LHH"], names: ["content"]),
    Case(name: "empty lead agency", args: ["add", "Việc", "--lead", ""], names: ["agency"]),
    // References, statuses, ids.
    Case(name: "unknown agency", args: ["add", "Việc", "--lead", "NOPE"], names: ["NOPE"]),
    Case(name: "unknown person", args: ["add", "Việc", "--lead", "LHH", "--owner", "Không Ai"], names: ["Không Ai"]),
    Case(name: "unknown meeting", args: ["add", "Việc", "--lead", "LHH", "--meeting", "M1999-0101"], names: ["M1999-0101"]),
    Case(name: "unknown status in a filter", args: ["list", "status:xong-roi"], names: ["xong-roi"]),
    Case(name: "unknown status in an import", args: ["import", "s.json"], files: ["s.json": task(#""content": "x", "lead": "LHH", "status": "finished""#)], names: ["s.json", "status", "finished"]),
    Case(name: "missing id", args: ["done", "999"], names: ["999"]),
    Case(name: "missing id among good ones", args: ["done", "2", "3", "999"], names: ["999"]),
    // Filters.
    Case(name: "unbalanced quote", args: ["list", #"agency:"Liên hiệp"#], names: [#"agency:"Liên hiệp"#]),
    Case(name: "unknown field", args: ["count", "colour:red"], names: ["colour"]),
    Case(name: "bad comparison", args: ["list", "due>>3/4/2023"], names: ["due>>3/4/2023"]),
    Case(name: "comparison without a value", args: ["list", "due<"], names: ["due<"]),
    // Imports.
    Case(name: "malformed JSON", args: ["import", "m.json"], files: ["m.json": json(#"{"format": "followup/1", "tasks": [ {"content": "x", "lead": "LHH"} "#)], names: ["m.json"]),
    Case(name: "wrong format", args: ["import", "f.json"], files: ["f.json": json(#"{"format": "taskwarrior/2", "tasks": []}"#)], names: ["f.json", "taskwarrior/2"]),
    Case(name: "missing required field", args: ["import", "r.json"], files: ["r.json": task(#""lead": "LHH""#)], names: ["r.json", "content"]),
    Case(name: "duplicate refs", args: ["import", "d.json"], files: ["d.json": json(#"{"format": "followup/1", "tasks": [ {"ref": "X1", "content": "x", "lead": "LHH"}, {"ref": "X1", "content": "y", "lead": "LHH"} ]}"#)], names: ["d.json", "X1"]),
    Case(name: "unknown agency in an import", args: ["import", "a.json"], files: ["a.json": task(#""content": "x", "lead": "NOPE""#)], names: ["a.json", "NOPE"]),
    Case(name: "invalid UTF-8", args: ["import", "u.json"], files: ["u.json": json(#"{"format": "followup/1", "tasks": [ {"content": "x"#) + Data([0xC3, 0x28, 0xFF]) + json(#"", "lead": "LHH"} ]}"#)], names: ["u.json"]),
    Case(name: "NUL byte in JSON", args: ["import", "n.json"], files: ["n.json": json(#"{"format": "followup/1", "tasks": [ {"content": "x"#) + Data([0]) + json(#"y", "lead": "LHH"} ]}"#)], names: ["n.json"]),
    Case(name: "escaped NUL in JSON", args: ["import", "e.json"], files: ["e.json": task(#""content": "x\u0000y", "lead": "LHH""#)], names: ["e.json", "content"]),
    Case(name: "NUL byte in CSV", args: ["import", "n.csv"], files: ["n.csv": json("content,lead\r\nx") + Data([0]) + json("y,LHH\r\n")], names: ["n.csv", "line 2"]),
    Case(name: "CSV with a wrong column count", args: ["import", "c.csv"], files: ["c.csv": json("\u{FEFF}content,lead,deadline\r\nViệc một,LHH,30/9/2023\r\nViệc hai,LHH\r\n")], names: ["c.csv", "line 3"]),
    Case(name: "CSV with an unclosed quote", args: ["import", "q.csv"], files: ["q.csv": json("content,lead\r\n\"Việc một,LHH\r\n")], names: ["q.csv"]),
    Case(name: "10 MB single JSON field", args: ["import", "big.json"], files: ["big.json": task(#""lead": "LHH", "content": ""# + String(repeating: "Việc ", count: 2_000_000) + #"""#)], names: ["big.json", "content"]),
    Case(name: "10 MB single CSV field", args: ["import", "big.csv"], files: ["big.csv": json("content,lead\r\n\"" + String(repeating: "Việc ", count: 2_000_000) + "\",LHH\r\n")], names: ["big.csv", "content"]),
    Case(name: "missing import file", args: ["import", "nowhere.json"], names: ["nowhere.json"]),
  ]

  @Test(arguments: cases)
  func aBadInputIsOneSentenceAndChangesNothing(_ c: Case) throws {
    try withScratch("bad") { s in
      try s.importSample()
      var args = c.args
      for (name, data) in c.files {
        let path = try s.write(name, data)
        args = args.map { $0 == name ? path : $0 }
      }
      args.insert(contentsOf: ["--file", s.file, "--lang", "en"], at: 1)
      let before = s.snapshot()
      let r = try s.run(args)
      #expect(r.status != 0, "exit 0 for \(c.name)")
      #expect(r.stdout.isEmpty, "\(r.out.prefix(300))")
      #expect(r.errLines.count == 1, "\(r.err.prefix(600))")
      #expect(r.err.hasPrefix("followup: "), "\(r.err.prefix(300))")
      for n in c.names {
        #expect(r.err.contains(n), "the message should name '\(n)': \(r.err.prefix(300))")
      }
      #expect(s.snapshot() == before, "the data file changed")
    }
  }

  /// A million CSV rows into a new file: imported in one transaction, with bounded memory.
  @Test func aMillionRowImportWorksWithBoundedMemory() throws {
    try withScratch("million") { s in
      var text = "content,lead,deadline\r\n"
      text.reserveCapacity(40_000_000)
      for i in 1...1_000_000 { text += "Việc số \(i),LHH,30/9/2023\r\n" }
      let csv = try s.write("million.csv", text)
      text = ""
      let r = try s.start(["import", "--file", s.file, "--lang", "en", csv]).waitMeasuringPeakMemory()
      let peakKiB = r.peakMemoryKiB ?? 0
      #expect(r.status == 0, "\(r.err.prefix(300))")
      #expect(r.out.contains("1000000 tasks"), "\(r.out)")
      #expect(try s.sql("SELECT COUNT(*), MIN(id), MAX(id) FROM task") == [["1000000", "1", "1000000"]])
      // A fixed ceiling well under a desk computer's memory: the rows are not held several times over.
      #expect(peakKiB < 1_500_000, "peak resident memory \(peakKiB / 1024) MB")
      report("million-row import: 1,000,000 CSV rows imported in one transaction, peak memory \(peakKiB / 1024) MB")
    }
  }

  /// A file problem refused by the real command with one sentence naming the file.
  struct FileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var make: @Sendable (Scratch) throws -> Void
    var testDescription: String { name }
  }

  static let fileCases: [FileCase] = [
    FileCase(name: "not SQLite") { s in try s.write("data.db", "ma,ten\nLHH,Liên hiệp hội\n") },
    FileCase(name: "zero-length") { s in try s.write("data.db", Data()) },
    FileCase(name: "truncated") { s in
      try s.importSample()
      _ = try s.sql("PRAGMA wal_checkpoint(TRUNCATE)")
      let data = try Data(contentsOf: URL(fileURLWithPath: s.file))
      try s.write("data.db", data.prefix(data.count / 2))
    },
    FileCase(name: "newer schema") { s in
      try s.importSample()
      _ = try s.sql("INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    },
    FileCase(name: "another program's SQLite database") { s in
      _ = try s.sql("CREATE TABLE task (id INTEGER PRIMARY KEY, content TEXT); INSERT INTO task VALUES (1, 'x');")
    },
  ]

  @Test(arguments: fileCases)
  func aFileThatIsNotOursIsRefusedAndLeftAlone(_ c: FileCase) throws {
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("badfile") { s in
      try c.make(s)
      let before = s.snapshot()
      for args in [["list"], ["add", "Việc", "--lead", "LHH"], ["workload"]] {
        var a = args
        a.insert(contentsOf: ["--file", s.file, "--lang", "en"], at: 1)
        let r = try s.run(a)
        #expect(r.status != 0)
        #expect(r.errLines.count == 1, "\(r.err)")
        #expect(r.err.contains(s.file), "\(r.err)")
        #expect(s.snapshot() == before, "\(c.name): \(args[0]) changed the file")
      }
    }
  }

  @Test func aReadOnlyFileIsReadButNotWritten() throws {
    try withScratch("ro") { s in
      try s.importSample()
      #expect(chmod(s.file, 0o400) == 0)
      let before = s.snapshot()
      #expect(try s.run(["list", "--file", s.file]).status == 0)
      let r = try s.run(["done", "--file", s.file, "--lang", "en", "2"])
      #expect(r.status != 0)
      #expect(r.errLines.count == 1 && r.err.contains("read-only") && r.err.contains(s.file), "\(r.err)")
      #expect(s.snapshot() == before)
    }
  }

  @Test func aFolderThatCannotBeWrittenIsNamed() throws {
    try withScratch("nodir") { s in
      // Permission bits do not stop root; a folder under /proc stops everyone.
      let target: String
      if getuid() == 0 {
        target = "/proc/followup-\(getpid())/data.db"
      } else {
        let locked = s.path("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        #expect(chmod(locked, 0o500) == 0)
        target = locked + "/sub/data.db"
      }
      let r = try s.run(["add", "--file", target, "--lang", "en", "Việc", "--lead", "LHH"])
      #expect(r.status != 0)
      #expect(r.errLines.count == 1 && r.err.contains("folder"), "\(r.err)")
      #expect(!FileManager.default.fileExists(atPath: target))
      // A file named explicitly for a read is not created in a missing folder either.
      let missing = s.path("no/such/folder/data.db")
      let read = try s.run(["list", "--file", missing, "--lang", "en"])
      #expect(read.status != 0 && read.errLines.count == 1 && read.err.contains(missing), "\(read.err)")
      #expect(!FileManager.default.fileExists(atPath: s.path("no")))
    }
  }

  /// The disk fills up in the middle of a large import (a file-size limit, as `ulimit -f`
  /// sets, stands in for a full disk without needing a small file system): one sentence,
  /// nothing imported, the file sound; smaller changes work once there is room.
  @Test func aFullDiskMidImportSavesNothingAndSaysSo() throws {
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("full") { s in
      try s.importSample()
      _ = try s.sql("PRAGMA wal_checkpoint(TRUNCATE)")
      var text = "content,lead,deadline\r\n"
      for i in 1...60_000 { text += "Việc số \(i) của đợt nhập lớn,LHH,30/9/2023\r\n" }
      let csv = try s.write("big.csv", text)
      let size = (try FileManager.default.attributesOfItem(atPath: s.file)[.size] as? Int) ?? 0
      // Room for the file as it is and a little more, counted in 512-byte blocks.
      let blocks = size / 512 + 64
      let program = ([Paths.followup, "import", "--file", s.file, "--lang", "en", csv]).map(shellQuote).joined(separator: " ")
      let r = try s.runProgram(["/bin/sh", "-c", "trap '' XFSZ; ulimit -f \(blocks); exec \(program)"])
      #expect(r.status == 1, "\(r.ending): \(r.err.prefix(300))")
      #expect(r.errLines.count == 1 && r.err.contains(s.file) && r.err.contains("full"), "\(r.err)")
      #expect(try s.sql("PRAGMA integrity_check") == [["ok"]])
      #expect(try s.sql("SELECT COUNT(*) FROM task") == [["7"]])
      let small = try s.run(["note", "--file", s.file, "2", "Ghi sau khi ổ đĩa có chỗ"])
      #expect(small.status == 0, "\(small.err)")
    }
  }

  /// New files are owner-only unless the configuration shares them with the group.
  @Test(arguments: [("", 0o600, 0o700), ("share = \"group\"\n", 0o660, 0o770)])
  func newFilesHaveTheConfiguredPermissions(_ config: String, _ fileMode: Int, _ folderMode: Int) throws {
    try withScratch("perm") { s in
      try FileManager.default.createDirectory(atPath: s.path("home/.config/followup"), withIntermediateDirectories: true)
      try s.write("home/.config/followup/config.toml", config)
      let r = try s.run(["add", "Việc", "--lead", "LHH"], environment: ["XDG_CONFIG_HOME": s.path("home/.config")])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.err.isEmpty, "\(r.err)")
      let file = s.path("xdg/followup/followup.db")
      func mode(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p)[.posixPermissions]) as? NSNumber)?.intValue ?? -1 }
      #expect(mode(file) == fileMode)
      #expect(mode(s.path("xdg/followup")) == folderMode)
      if FileManager.default.fileExists(atPath: file + "-wal") { #expect(mode(file + "-wal") == fileMode) }
    }
  }
}
