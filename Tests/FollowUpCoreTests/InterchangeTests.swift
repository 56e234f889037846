import FollowUpCore
import Foundation
import Testing

@Suite struct InterchangeTests {
  @Test func sampleLoadsWithEveryDeadlineKindAsWritten() {
    let d = Sample.doc
    #expect(d.agencies.count == 9 && d.people.count == 8 && d.meetings.count == 1 && d.tasks.count == 7)
    let kinds = d.tasks.map(\.deadline.kind)
    #expect(kinds == [.date, .quarter, .date, .month, .none, .date, .routine])
    #expect(Sample.task("T2").deadline.text == "Quý I/2024")
    #expect(Sample.task("T2").deadline.date == Sample.day("2024-03-31"))
    #expect(Sample.task("T4").deadline.date == Sample.day("2023-11-30"))
  }

  @Test func writeThenReadGivesTheSameDocument() throws {
    var doc = Sample.doc
    doc.tasks = Sample.tasks
    let text = InterchangeWriter.json(doc)
    let back = try InterchangeReader.read(json: Data(text.utf8))
    #expect(back == doc)
    #expect(InterchangeWriter.json(back) == text)
  }

  @Test func directoryLoadsAndContainsTheSampleAgencies() throws {
    let dir = try InterchangeReader.read(json: BundledData.agencyDirectoryJSON)
    let codes = Set(dir.agencies.map(\.code))
    for a in Sample.doc.agencies { #expect(codes.contains(a.code), "\(a.code)") }
    try dir.validateReferences(against: Catalog())
  }

  func error(_ json: String) -> UserError? {
    do {
      let doc = try InterchangeReader.read(json: Data(json.utf8))
      try doc.validateReferences(against: Catalog())
      return nil
    } catch let e as UserError {
      return e
    } catch {
      return nil
    }
  }

  static let agencies = #""agencies": [{"code": "LHH", "name": "Liên hiệp hội"}]"#

  @Test(arguments: [
    (#"{"format": "followup/1",\#n "tasks": [ {"content": "x" "lead": "LHH"} ]}"#, "import.json", "line 2"),
    (#"{"tasks": []}"#, "import.format", "format"),
    (#"{"format": "followup/9"}"#, "import.format", "followup/9"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"lead": "LHH"}]}"#, "import.field", "tasks[0]"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "NOPE"}]}"#, "import.reference", "NOPE"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH", "deadline": "31/6/2023"}]}"#, "import.field", "deadline"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH", "status": "finished"}]}"#, "import.field", "status"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH", "status": "done"}]}"#, "import.field", "completedOn"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH"}, {"ref": "A", "content": "y", "lead": "LHH"}]}"#, "import.duplicate", "A"),
    (#"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "a\u001b[2Jb", "lead": "LHH"}]}"#, "import.field", "U+1B"),
    (#"{"format": "followup/1", "agencies": [{"code": "LHH", "name": "x", "order": "first"}]}"#, "import.field", "agencies[0].order"),
  ])
  func badFilesNameTheRecordAndField(_ json: String, _ code: String, _ mention: String) {
    let e = error(json)
    #expect(e?.code == code, "\(String(describing: e))")
    #expect(e?.en.contains(mention) == true, "\(String(describing: e?.en))")
  }

  @Test func invalidUTF8IsRefusedWithItsOffset() {
    var bytes = Array(#"{"format": "followup/1"}"#.utf8)
    bytes.insert(0xFF, at: 5)
    #expect(throws: UserError.self) { try InterchangeReader.read(json: Data(bytes)) }
    do { _ = try InterchangeReader.read(json: Data(bytes)) } catch let e as UserError {
      #expect(e.code == "import.utf8")
      #expect(e.en.contains("offset 5"))
    } catch {}
  }

  @Test func oversizedFieldIsRefused() {
    let big = String(repeating: "a", count: InterchangeReader.maxFieldLength + 1)
    let e = error(#"{"format": "followup/1", \#(Self.agencies), "tasks": [{"content": "\#(big)", "lead": "LHH"}]}"#)
    #expect(e?.code == "import.field")
  }

  @Test func nfdInputIsStoredNFC() throws {
    let nfd = "Nguye\u{302}\u{303}n"
    let doc = try InterchangeReader.read(json: Data(#"{"format": "followup/1", "agencies": [{"code": "A", "name": "\#(nfd)"}]}"#.utf8))
    #expect(Array(doc.agencies[0].name.utf8) == Array("Nguy\u{1EC5}n".utf8))
  }
}

@Suite struct CSVTests {
  @Test func roundTripsQuotesNewlinesAndVietnamese() throws {
    let rows = [["a", "b,c", "d\"e"], ["Nguyễn Bỉnh Khiêm", "x\ny", ""]]
    let text = CSV.document(rows)
    #expect(text.hasPrefix("\u{FEFF}"))
    #expect(try CSV.parse(text) == rows)
  }

  @Test func semicolonFilesAreDetected() throws {
    #expect(try CSV.parse("a;b;c\r\n1;2;3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
  }

  @Test(arguments: ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
  func formulasAreNeutralised(_ cell: String) throws {
    let field = CSV.field(cell)
    #expect(!field.hasPrefix("="))
    let parsed = try CSV.parse(CSV.document([[cell]]))
    #expect(parsed.first?.first?.hasPrefix("'") == true)
    #expect(parsed.first?.first?.dropFirst() == Substring(cell) || cell.hasPrefix("\r"))
  }

  @Test func readsTheVietnameseAnnexHeader() throws {
    let rows = [
      CSVTasks.annexHeader,
      ["1", "Rà soát các hội đặc thù", "", "Liên hiệp hội", "Sở Nội vụ; STC", "Quý I/2024 → 31/03/2024", "", "Đang thực hiện", "", ""],
    ]
    let tasks = try CSVTasks.read(rows, catalog: Sample.catalog, referenceYear: 2023)
    #expect(tasks.count == 1)
    #expect(tasks[0].lead == "LHH")
    #expect(tasks[0].coordinating == ["SNV", "STC"])
    #expect(tasks[0].deadline.kind == .quarter)
    #expect(tasks[0].status == .inProgress)
  }

  @Test func wrongColumnCountNamesTheLine() {
    let rows = [["content", "lead"], ["x", "LHH"], ["y"]]
    do {
      _ = try CSVTasks.read(rows, catalog: Sample.catalog, referenceYear: 2023)
      Issue.record("should fail")
    } catch let e as UserError {
      #expect(e.code == "csv.columns")
      #expect(e.en.contains("line 3"))
    } catch { Issue.record("\(error)") }
  }
}
