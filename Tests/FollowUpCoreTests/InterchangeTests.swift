import Foundation
import Testing

@testable import FollowUpCore

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
    doc.tasks = Sample.tasks.map(contents)  // the format carries no version
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
    // Strict JSON: these were accepted by JSONDecoder and are refused now.
    (#"{"format": "followup/1", "tasks": [],}"#, "import.json", "line 1, column 38"),
    (#"{"format": "followup/1", "tasks": [{"content": "x", "lead": "LHH",}]}"#, "import.json", "column 67"),
    ("{\"format\": \"followup/1\", \"x\": \"a\tb\"}", "import.json", "column 33"),
    (#"{"format": "followup/1", "x": "\ud800"}"#, "import.json", "column 32"),
    (#"{"format": "followup/1", "x": 01}"#, "import.json", "column 31"),
    // Types, named the way JSONDecoder named them.
    (#"{"format": "followup/1", "agencies": [{"code": "LHH", "name": "x", "order": 3.5}]}"#, "import.field", "agencies[0].order: wrong type, expected integer"),
    (#"{"format": "followup/1", "tasks": {}}"#, "import.field", "tasks: wrong type, expected list"),
    (#"{"format": "followup/1", "tasks": [null]}"#, "import.field", "tasks[0]: missing object value"),
    (#"{"format": "followup/1", "tasks": [{"tags": ["a", null]}]}"#, "import.field", "tasks[0].tags[1]: missing string value"),
    (#"{"format": "followup/1", "tasks": [{"deadline": 5}]}"#, "import.field", "tasks[0].deadline: wrong type, expected object"),
    (#"{"format": "followup/1", "tasks": [{"deadline": {"kind": 5}}]}"#, "import.field", "tasks[0].deadline.kind: wrong type, expected string"),
    (#"{"format": "followup/1", "tasks": [{"extensions": [{"to": []}]}]}"#, "import.field", "tasks[0].extensions[0].to: wrong type"),
    (#"{"format": "followup/1", "tasks": [{"item": 2.5}]}"#, "import.field", "tasks[0].item: wrong type, expected string"),
    (#"{"format": "followup/1", "tasks": [{"priority": 1}]}"#, "import.field", "tasks[0].priority: wrong type, expected true/false"),
    (#"[]"#, "import.field", "wrong type, expected object"),
    // Order: fields in declaration order, type errors before the format, then rules.
    (#"{"tasks": [{"content": 1}], "format": 7}"#, "import.field", "format: wrong type"),
    (#"{"tasks": [{"status": 1, "content": 1}], "agencies": [{"code": 2}]}"#, "import.field", "agencies[0].code"),
    (#"{"tasks": [{"status": 1, "content": 1}]}"#, "import.field", "tasks[0].content"),
    (#"{"format": "followup/9", "tasks": [{"lead": 1}]}"#, "import.field", "tasks[0].lead"),
    (#"{"format": "followup/1", "agencies": [{"code": "A"}], "tasks": [{"lead": 1}]}"#, "import.field", "tasks[0].lead"),
    (#"{"format": "followup/1", "agencies": [{"code": "A"}], "tasks": [{"lead": "A"}]}"#, "import.field", "agencies[0] (A), field 'name'"),
  ])
  func badFilesNameTheRecordAndField(_ json: String, _ code: String, _ mention: String) {
    let e = error(json)
    #expect(e?.code.rawValue == code, "\(String(describing: e))")
    #expect(e?.en.contains(mention) == true, "\(String(describing: e?.en))")
  }

  @Test func invalidUTF8IsRefusedWithItsOffset() {
    var bytes = Array(#"{"format": "followup/1"}"#.utf8)
    bytes.insert(0xFF, at: 5)
    #expect(throws: UserError.self) { try InterchangeReader.read(json: Data(bytes)) }
    do { _ = try InterchangeReader.read(json: Data(bytes)) } catch let e as UserError {
      #expect(e.code == .importUtf8)
      #expect(e.en.contains("offset 5"))
    } catch {}
  }

  @Test func badBytesAreNamedBeforeSyntax() {
    var bytes = Array("{\"format\" \"followup/1\", \"x\": \"".utf8)
    bytes += [0xC3, 0x28] + Array("\"}".utf8)
    do {
      _ = try InterchangeReader.read(json: Data(bytes))
      Issue.record("should fail")
    } catch let e as UserError {
      #expect(e.code == .importUtf8)
      #expect(e.en.contains("offset 30"), "\(e.en)")
    } catch { Issue.record("\(error)") }
  }

  @Test func aRepeatedKeyKeepsItsFirstValueAsBefore() throws {
    let doc = try InterchangeReader.read(
      json: Data(#"{"format": "followup/1", "format": "x", "agencies": [{"code": "A", "name": "one", "name": "two"}]}"#.utf8))
    #expect(doc.agencies.first?.name == "one")
  }

  @Test func keysInAnyOrderAndNullsReadAsAbsent() throws {
    let doc = try InterchangeReader.read(
      json: Data(
        #"{"tasks": [{"lead": "LHH", "notes": null, "content": "x", "item": 3, "id": 2.0, "tags": null, "deadline": null}], "agencies": [{"order": 1e1, "name": "n", "code": "LHH"}], "format": "followup/1"}"#
          .utf8))
    #expect(doc.tasks.first?.item == "3")
    #expect(doc.tasks.first?.id == 2)
    #expect(doc.tasks.first?.deadline.kind == DeadlineKind.none)
    #expect(doc.agencies.first?.order == 10)
  }

  @Test func readTaskReadsWhatTheWriterWritesAndReportsUserErrors() throws {
    for t in Sample.tasks.map(contents) {
      let back = try InterchangeReader.readTask(json: Data(InterchangeWriter.task(t).rendered().utf8))
      #expect(back == t)
    }
    #expect(throws: UserError.self) { try InterchangeReader.readTask(json: Data("[1]".utf8)) }
    #expect(throws: UserError.self) { try InterchangeReader.readTask(json: Data(#"{"id": "x"}"#.utf8)) }
    #expect(throws: UserError.self) { try InterchangeReader.readTask(json: Data(#"{"id": 1,}"#.utf8)) }
  }

  @Test func requireUTF8NamesTheFirstBadOffset() {
    var bytes = Array("Nguyễn ".utf8)
    #expect(throws: Never.self) { try InterchangeReader.requireUTF8(Data(bytes)) }
    bytes += [0xE1, 0xBB]
    do {
      try InterchangeReader.requireUTF8(Data(bytes + Array("x".utf8)))
      Issue.record("should fail")
    } catch let e as UserError {
      #expect(e.en.contains("offset 9"), "\(e.en)")
    } catch { Issue.record("\(error)") }
  }

  /// Mutated documents never trap: the importer reads them or refuses them with one sentence.
  @Test func mutatedDocumentsAreReadOrRefusedWithASentence() throws {
    let seeds = [
      Array(BundledData.sampleJSON),
      Array(#"{"format": "followup/1", "agencies": [{"code": "A", "name": "Việt 中", "order": -2e1}], "x": [1, -2.5e3, "x\u00e9\n", {"b": null}]}"#.utf8),
    ]
    let pieces: [[UInt8]] = [
      Array(",".utf8), Array("]".utf8), Array("}".utf8), Array("[".utf8), Array("{".utf8),
      Array("\"".utf8), Array("\\".utf8), Array("\\u".utf8), Array("\\ud800".utf8), Array("\\udc00".utf8),
      Array("0".utf8), Array("00".utf8), Array("-".utf8), Array("e".utf8), Array(".".utf8), Array("1e99999".utf8),
      [0xFF], [0xC3], [0x00], [0x09], [0x0A], Array("é".utf8), Array("null".utf8),
      Array("99999999999999999999999".utf8),
    ]
    var rng = SplitMix(seed: 7)
    var read = 0
    for round in 0..<3000 {
      var b = seeds[round % seeds.count]
      for _ in 0..<(1 + rng.next(3)) {
        switch rng.next(4) {
        case 0: if !b.isEmpty { b.remove(at: rng.next(b.count)) }
        case 1: b.insert(contentsOf: pieces[rng.next(pieces.count)], at: rng.next(b.count + 1))
        case 2: if !b.isEmpty { b[rng.next(b.count)] = UInt8(truncatingIfNeeded: rng.next(256)) }
        default: if b.count > 1 { b.removeSubrange(rng.next(b.count)..<b.count) }
        }
      }
      do {
        _ = try InterchangeReader.read(json: Data(b))
        read += 1
      } catch let e as UserError {
        #expect(!e.en.isEmpty && !e.en.contains("\n"))
      } catch {
        Issue.record("not a UserError: \(error)")
      }
    }
    #expect(read > 0)
  }

  @Test func oversizedFieldIsRefused() {
    let big = String(repeating: "a", count: InterchangeReader.maxFieldLength + 1)
    let e = error(#"{"format": "followup/1", \#(Self.agencies), "tasks": [{"content": "\#(big)", "lead": "LHH"}]}"#)
    #expect(e?.code == .importField)
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

  @Test func aQuoteCarryingACombiningMarkIsStillEscaped() throws {
    // `"` + U+1CDD is one Character; escaping by Character left the quote bare.
    let rows = [["1\"1\"\u{1CDD} \u{1CDD} ", "\"\u{301}x"]]
    #expect(try CSV.parse(CSV.document(rows)) == rows)
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
      #expect(e.code == .csvColumns)
      #expect(e.en.contains("line 3"))
    } catch { Issue.record("\(error)") }
  }
}

/// A small seeded generator, so that a failing random case can be replayed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return bound <= 1 ? 0 : Int(z % UInt64(bound))
  }
}
