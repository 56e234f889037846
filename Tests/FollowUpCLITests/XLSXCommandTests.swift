import FollowUpCore
import Foundation
import OfficeOpenXML
import Testing
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

/// LibreOffice run headless on a private profile set to Vietnamese (vi-VN), so numbers show
/// the way a Vietnamese office sees them and parallel runs never share a profile.
struct LibreOffice {
  let profile: URL
  let home: URL

  init(in dir: URL) throws {
    profile = dir.appendingPathComponent("lo-profile-\(UUID().uuidString)")
    home = dir.appendingPathComponent("lo-home")
    let user = profile.appendingPathComponent("user")
    try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let settings = """
      <?xml version="1.0" encoding="UTF-8"?>
      <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
      </oor:items>
      """
    try Data(settings.utf8).write(to: user.appendingPathComponent("registrymodifications.xcu"))
  }

  /// Where soffice is, from PATH.
  static var executable: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { $0 + "/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Converts `input` with `--convert-to filter` into `outDir` and returns the files that
  /// appeared there; waits for soffice to end (at most `timeout` seconds, generous for a
  /// loaded machine), then for the output to exist.
  func convert(_ input: String, _ filter: String, into outDir: URL, infilter: String? = nil, timeout: Double = 300) throws -> [URL] {
    let soffice = try #require(Self.executable, "soffice is missing: install libreoffice-calc (.ci/run does)")
    try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
    let args = [
      "-env:UserInstallation=" + profile.absoluteString, "--headless", "--norestore", "--nologo",
      "--convert-to", filter, "--outdir", outDir.path,
    ] + (infilter.map { ["--infilter=" + $0] } ?? []) + [input]
    let environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
      "LANG": "C.UTF-8",
    ]
    let log = home.appendingPathComponent("soffice-\(UUID().uuidString)").path
    let child = try Child([soffice] + args, environment: environment, outPath: log + ".out", errPath: log + ".err")
    guard let r = child.wait(timeout: timeout) else {
      Issue.record("soffice did not finish converting \(input) within \(Int(timeout)) s")
      return []
    }
    let files = try FileManager.default.contentsOfDirectory(at: outDir, includingPropertiesForKeys: nil)
    #expect(!files.isEmpty, "soffice wrote nothing for \(input) (\(r.ending))")
    return files.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }
}

/// Runs a tool from PATH and returns its standard output.
func tool(_ name: String, _ args: [String]) throws -> String {
  try runProgram([name] + args).out
}

/// Builds a zip from named parts.
func zipParts(_ parts: [(String, Data)]) throws -> Data {
  let archive = try Archive(accessMode: .create)
  for (path, bytes) in parts {
    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
      position, size in bytes.subdata(in: Int(position)..<Int(position) + size)
    }
  }
  return try #require(archive.data)
}

/// The parts of a workbook, to change one and pack them again.
func unzipParts(_ data: Data) throws -> [(String, Data)] {
  let archive = try Archive(data: data, accessMode: .read)
  return try archive.map { entry in
    var out = Data()
    _ = try archive.extract(entry) { out.append($0) }
    return (entry.path, out)
  }
}

/// `import`, `export` and `report` with Excel workbooks, checked against LibreOffice.
@Suite struct XLSXCommandTests {
  /// The tasks of a data file as `export --format csv` prints them, ids and refs left out
  /// (a second import renumbers them).
  func taskCells(_ s: Sandbox, _ file: String) throws -> [[String]] {
    let r = try s.run(["export", "--file", file, "--format", "csv"])
    #expect(r.status == 0, "\(r.err)")
    return parseCSV(r.out).dropFirst().map { Array($0.dropFirst(2)) }
  }

  @Test func theReportWorkbookShowsTheCSVReportsCellsInLibreOffice() throws {
    try withSandbox { s in
      try s.importSample()
      let period = ["--from", "26/05/2023", "--to", "31/12/2023", "--lang", "vi"]
      let book = s.dir.appendingPathComponent("bieu.xlsx").path
      let r = try s.run(["report", "--file", s.file, "--format", "xlsx", "-o", book] + period)
      #expect(r.status == 0, "\(r.err)")
      let csv = parseCSV(try s.run(["report", "--file", s.file, "--format", "csv"] + period).out)
      let lo = try LibreOffice(in: s.dir)
      // Sheet -1: every sheet to its own file, cells as shown (0.0% under vi-VN reads 66,7%).
      let files = try lo.convert(book, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", into: s.dir.appendingPathComponent("csv"))
      #expect(files.count == 2)
      guard files.count == 2 else { return }
      let sheets = try files.map { parseCSV(String(decoding: try Data(contentsOf: $0), as: UTF8.self)) }
      let summary = try #require(sheets.first { $0.first?.first?.hasPrefix("BIỂU TỔNG HỢP") == true })
      let annex = try #require(sheets.first { $0.first?.first?.hasPrefix("PHỤ LỤC") == true })
      func trimmed(_ row: [String]) -> [String] {
        var row = row
        while row.last == "" { row.removeLast() }
        return row
      }
      // The agency rows and the total: from "1" to "Tổng cộng", cell for cell.
      let csvBody = csv.filter { $0.count == 14 && (Int($0[0]) != nil || $0[1] == "Tổng cộng") }
      let loBody = summary.map(trimmed).filter { $0.count == 14 && (Int($0[0]) != nil || $0[1] == "Tổng cộng") }
      #expect(csvBody.count == 4)
      #expect(loBody == csvBody)
      #expect(summary.map(trimmed).contains((1...14).map { "(\($0))" }))
      // Every footnote line of the CSV report is under the table.
      let notes = csv.filter { $0.count == 1 && $0[0].hasPrefix("(") }.map { $0[0] }
      #expect(notes.count >= 2)
      #expect(notes.allSatisfy { n in summary.contains { $0.first == n } })
      // The annex: the CSV report's rows after its annex header.
      let annexStart = try #require(csv.firstIndex { $0.first == "STT" && $0.count == 10 })
      let csvAnnex = Array(csv[annexStart...]).filter { $0.count == 10 }
      let loAnnex = annex.map { Array($0.prefix(10)) }.filter { $0.first == "STT" || Int($0[0]) != nil }
      #expect(loAnnex == csvAnnex)
    }
  }

  @Test func aWorkbookLibreOfficeSavedFromTheCSVExportImportsToTheSameTasks() throws {
    try withSandbox { s in
      try s.importSample()
      let csv = s.dir.appendingPathComponent("danh-sach.csv").path
      #expect(try s.run(["export", "--file", s.file, "--format", "csv", "-o", csv]).status == 0)
      let lo = try LibreOffice(in: s.dir)
      // Read as a Vietnamese office would type it: dd/mm/yyyy become date cells, except the
      // deadline as written (column 10), kept as text.
      // CSV options: comma, quote, UTF-8, from line 1, column 10 as text, Vietnamese (1066).
      let files = try lo.convert(
        csv, "xlsx:Calc MS Excel 2007 XML", into: s.dir.appendingPathComponent("xlsx"), infilter: "CSV:44,34,76,1,10/2,1066")
      let book = try #require(files.first { $0.pathExtension == "xlsx" })
      // LibreOffice stored the completion dates (column P) as day numbers, not text.
      let sheet = try #require(try unzipParts(try Data(contentsOf: book)).first { $0.0 == "xl/worksheets/sheet1.xml" })
      let xml = String(decoding: sheet.1, as: UTF8.self)
      #expect(xml.contains(#/<c r="P\d+" s="\d+" t="n"><v>45\d{3}</v>/#), "no date cell in column P")
      let viaCSV = s.dir.appendingPathComponent("a.db").path
      let viaXLSX = s.dir.appendingPathComponent("b.db").path
      try s.importSample(into: viaCSV)
      try s.importSample(into: viaXLSX)
      let a = try s.run(["import", "--file", viaCSV, "--renumber", csv])
      #expect(a.status == 0, "\(a.err)")
      let b = try s.run(["import", "--file", viaXLSX, "--renumber", "--lang", "en", book.path])
      #expect(b.status == 0, "\(b.err)")
      #expect(b.out.hasPrefix("Imported 7 tasks"), "\(b.out)")
      let fromCSV = try taskCells(s, viaCSV)
      let fromXLSX = try taskCells(s, viaXLSX)
      #expect(fromXLSX.count == 14)
      #expect(fromXLSX == fromCSV)
      #expect(fromXLSX.contains { $0.contains("Tham mưu sửa đổi, bổ sung tiêu chí xét tặng Giải thưởng Nguyễn Bỉnh Khiêm") })
    }
  }

  @Test func theReportPrintsOnA4LandscapeOnePageWide() throws {
    try withSandbox { s in
      try s.importSample()
      let book = s.dir.appendingPathComponent("bieu.xlsx").path
      #expect(try s.run(["report", "--file", s.file, "--format", "xlsx", "-o", book, "--lang", "vi", "--as-of", "31/12/2023"]).status == 0)
      let lo = try LibreOffice(in: s.dir)
      let pdf = try #require(try lo.convert(book, "pdf", into: s.dir.appendingPathComponent("pdf")).first)
      let info = try tool("pdfinfo", [pdf.path])
      // One page per sheet for the sample; A4 across is 842 × 595 points.
      let lines = info.split(separator: "\n")
      #expect(lines.contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 2") }, "\(info)")
      #expect(lines.contains { $0.hasPrefix("Page size:") && $0.contains(" 841.") && $0.contains(" x 595.") }, "\(info)")
      let first = try tool("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf.path, "-"])
      for text in ["BIỂU TỔNG HỢP", "Đã hoàn thành", "Chưa hoàn thành", "(14)", "Tổng cộng", "75,0%", "(13) Tỷ lệ HT"] {
        #expect(first.contains(text), "page 1 lacks \(text)")
      }
    }
  }

  @Test func anExportedWorkbookImportsBackToTheSameTasksAndIsTheSameEachTime() throws {
    try withSandbox { s in
      try s.importSample()
      let one = s.dir.appendingPathComponent("one.xlsx").path
      let two = s.dir.appendingPathComponent("two.xlsx").path
      #expect(try s.run(["export", "--file", s.file, "--format", "xlsx", "-o", one]).status == 0)
      #expect(try s.run(["export", "--file", s.file, "--format", "xlsx", "-o", two], environment: ["TZ": "America/New_York"]).status == 0)
      #expect(FileManager.default.contents(atPath: one) == FileManager.default.contents(atPath: two))
      let copy = s.dir.appendingPathComponent("copy.db").path
      try s.importSample(into: copy)
      let r = try s.run(["import", "--file", copy, "--renumber", one])
      #expect(r.status == 0, "\(r.err)")
      let cells = try taskCells(s, copy)
      #expect(cells.count == 14)
      // The same file through CSV gives the same tasks, cell for cell.
      let csvCopy = s.dir.appendingPathComponent("csv.db").path
      try s.importSample(into: csvCopy)
      let csv = s.dir.appendingPathComponent("t.csv").path
      #expect(try s.run(["export", "--file", s.file, "--format", "csv", "-o", csv]).status == 0)
      #expect(try s.run(["import", "--file", csvCopy, "--renumber", csv]).status == 0)
      #expect(try taskCells(s, csvCopy) == cells)
    }
  }

  @Test func badWorkbooksAreRefusedInOneSentenceAndNothingIsImported() throws {
    try withSandbox { s in
      try s.importSample()
      let export = s.dir.appendingPathComponent("good.xlsx").path
      #expect(try s.run(["export", "--file", s.file, "--format", "xlsx", "-o", export, "--lang", "vi"]).status == 0)
      let good = try #require(FileManager.default.contents(atPath: export))
      var parts = try unzipParts(good)
      // A formula with no saved value in the content column of the first task.
      let sheetIndex = try #require(parts.firstIndex { $0.0 == "xl/worksheets/sheet1.xml" })
      var sheet = String(decoding: parts[sheetIndex].1, as: UTF8.self)
      let e2 = try #require(sheet.range(of: "<c r=\"E2\""))
      let e2End = try #require(sheet.range(of: "</c>", range: e2.upperBound..<sheet.endIndex))
      sheet.replaceSubrange(e2.lowerBound..<e2End.upperBound, with: "<c r=\"E2\"><f>CONCATENATE(\"a\",\"b\")</f></c>")
      parts[sheetIndex].1 = Data(sheet.utf8)
      let formula = try zipParts(parts)
      // A bomb: 64 MB of spaces inside the sheet, a few dozen kilobytes packed.
      var bombParts = try unzipParts(good)
      bombParts[sheetIndex].1.append(Data(repeating: 0x20, count: 64 << 20))
      let bomb = try zipParts(bombParts)
      let cases: [(String, Data, String)] = [
        ("csv.xlsx", Data("content,lead\nMột việc,LHH\n".utf8), "is not a zip archive"),
        ("bomb.xlsx", bomb, "looks like a zip bomb"),
        ("locked.xlsx", try Data(contentsOf: fixture("password-protected.xlsx")), "is password-protected"),
        ("formula.xlsx", formula, "Nhiệm vụ!E2: the formula has no calculated value"),
        ("old.xls", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 2048), "old Office 97–2003 format"),
      ]
      let before = try taskCells(s, s.file)
      for (name, bytes, phrase) in cases {
        let path = try s.write(name, bytes)
        let r = try s.run(["import", "--file", s.file, "--renumber", "--lang", "en", path])
        #expect(r.status != 0, "\(name) was imported")
        #expect(r.errLines.count == 1, "\(name): \(r.err)")
        #expect(r.err.contains(phrase), "\(name): \(r.err)")
        #expect(r.err.hasPrefix("followup: \(path): "), "\(name): \(r.err)")
      }
      #expect(try taskCells(s, s.file) == before)
    }
  }

  @Test func aMacroWorkbookImportsItsDataAndLeavesTheMacrosAlone() throws {
    try withSandbox { s in
      try s.importSample()
      let export = s.dir.appendingPathComponent("good.xlsx").path
      #expect(try s.run(["export", "--file", s.file, "--format", "xlsx", "-o", export]).status == 0)
      var parts = try unzipParts(try #require(FileManager.default.contents(atPath: export)))
      for i in parts.indices where parts[i].0 == "[Content_Types].xml" {
        let types = String(decoding: parts[i].1, as: UTF8.self)
          .replacingOccurrences(of: "spreadsheetml.sheet.main+xml", with: "nothing")
          .replacingOccurrences(of: "application/vnd.openxmlformats-officedocument.nothing", with: "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
          .replacingOccurrences(of: "</Types>", with: "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>")
        parts[i].1 = Data(types.utf8)
      }
      parts.append(("xl/vbaProject.bin", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 4096)))
      let path = try s.write("macros.xlsm", try zipParts(parts))
      let r = try s.run(["import", "--file", s.file, "--renumber", "--lang", "en", path])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.hasPrefix("Imported 7 tasks"), "\(r.out)")
    }
  }
}

/// A file kept beside these tests.
func fixture(_ name: String) -> URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
}
