import Foundation
import Testing

@testable import FollowUpCore

/// The streamed reader of `followup/1` files reads what the whole-document reader reads,
/// refuses what it refuses with the same sentence, and holds one chunk and one task at a time.
@Suite struct InterchangeStreamTests {
  /// SplitMix64, so each seed gives the same document on every machine.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
  }

  /// Text with what makes chunk boundaries hard: quotes and backslashes (escaped by the
  /// writer), multi-byte Vietnamese, a character outside the BMP, line breaks.
  static let pieces = [
    "Nguyễn Bỉnh Khiêm", "\"trích dẫn\"", "a\\b", "đường thủy", "😀", "Quý I/2024", "x", " ", "Đặng",
    "ủy ban", "tab\tin", "100%",
  ]

  static func text(_ r: inout Random, multiline: Bool = false) -> String {
    var s = "Việc"
    for _ in 0..<r.int(1...6) {
      s += multiline && r.int(0...3) == 0 ? "\n" : " "
      s += r.pick(pieces)
    }
    return VietText.clean(s)
  }

  /// The sample with each task's free text replaced by random text, and its tasks repeated
  /// with new refs: a document the whole-document reader reads.
  static func document(seed: UInt64) -> InterchangeDocument {
    var r = Random(state: seed)
    var doc = Sample.doc
    var tasks: [FollowUpTask] = []
    for copy in 0..<r.int(1...4) {
      for var t in doc.tasks {
        t.ref = t.ref.map { "\($0)-\(copy)" }
        t.content = text(&r, multiline: true)
        t.product = r.int(0...1) == 0 ? "" : text(&r)
        t.result = t.status == .done ? text(&r, multiline: true) : t.result
        t.notes = t.notes.map { n in ProgressNote(on: n.on, text: text(&r), by: n.by) }
        tasks.append(t)
      }
    }
    // Ids as an export writes them (an id of 0 is not one a file may give).
    doc.tasks = tasks.enumerated().map { i, t in
      var t = t
      t.id = i + 1
      return t
    }
    return doc
  }

  /// The writer's JSON, with some non-ASCII characters written as `\u` escapes (pairs for
  /// characters outside the BMP) and some `/` as `\/`, as other programs write them.
  static func json(_ doc: InterchangeDocument, seed: UInt64) -> [UInt8] {
    var r = Random(state: seed ^ 0x5EED)
    var out = ""
    var inString = false
    var escaped = false
    for ch in InterchangeWriter.json(doc).unicodeScalars {
      if inString && !escaped && ch.value > 0x7F && r.int(0...2) == 0 {
        for unit in String(ch).utf16 { out += String(format: "\\u%04x", unit) }
        continue
      }
      if inString && !escaped && ch == "/" && r.int(0...1) == 0 {
        out += "\\/"
        continue
      }
      if inString && !escaped && ch == "\\" {
        escaped = true
      } else {
        if ch == "\"" && !escaped { inString.toggle() }
        escaped = false
      }
      out.unicodeScalars.append(ch)
    }
    return Array(out.utf8)
  }

  func streamed(_ bytes: [UInt8], chunk: Int) throws -> InterchangeDocument {
    try InterchangeStream(json: bytes, chunkSize: chunk).document()
  }

  @Test(arguments: 1...24)
  func streamingReadsWhatTheWholeReaderReads(seed: Int) throws {
    let doc = Self.document(seed: UInt64(seed))
    let bytes = Self.json(doc, seed: UInt64(seed))
    let whole = try InterchangeReader.read(json: Data(bytes))
    // Every chunk size from one byte up cuts strings, escapes and characters somewhere.
    var r = Random(state: UInt64(seed) * 7919)
    for chunk in [1, 2, 3, r.int(4...17), r.int(18...200), InterchangeStream.defaultChunkSize] {
      let s = try InterchangeStream(json: bytes, chunkSize: chunk)
      #expect(s.taskCount == whole.tasks.count)
      #expect(try s.document() == whole, "chunk size \(chunk)")
    }
  }

  @Test func tasksAreHandedOutOneAtATimeWithTheLargestGivenID() throws {
    var doc = Sample.doc
    doc.tasks = doc.tasks.enumerated().map { i, t in
      var t = t
      t.id = [1, 40, 7, 2, 1_000_000, 3, 5][i % 7]
      return t
    }
    let s = try InterchangeStream(json: Array(InterchangeWriter.json(doc).utf8), chunkSize: 5)
    #expect(s.largestGivenID == 1_000_000)
    #expect(s.header.tasks.isEmpty && s.header.agencies == doc.agencies && s.header.meetings == doc.meetings)
    var read: [Int] = []
    while let t = try s.next() {
      #expect(s.index == read.count + 1)
      read.append(t.id)
    }
    #expect(read == doc.tasks.map(\.id))
  }

  /// A file served a chunk at a time and made up as it is read: many copies of one task.
  final class RepeatedTasks: ChunkSource {
    let head = Array(#"{"format": "followup/1", "agencies": [{"code": "LHH", "name": "Liên hiệp hội"}], "tasks": ["#.utf8)
    let task = Array(#"{"content": "Rà soát \"quy chế\" — Nguyễn Bỉnh Khiêm 😀 \u00e1\ud83d\ude00", "lead": "LHH", "tags": ["a\\b"]},"#.utf8)
    let tail = Array(#"{"content": "cuối", "lead": "LHH"}]}"#.utf8)
    let copies: Int
    private(set) var largestRead = 0
    var size: Int { head.count + task.count * copies + tail.count }

    init(copies: Int) { self.copies = copies }

    func byte(_ at: Int) -> UInt8 {
      if at < head.count { return head[at] }
      let body = at - head.count
      if body < task.count * copies { return task[body % task.count] }
      return tail[body - task.count * copies]
    }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
      largestRead = max(largestRead, count)
      return (offset..<min(size, offset + count)).map(byte)
    }
  }

  @Test func aFileIsReadAChunkAtATimeNeverWhole() throws {
    let file = RepeatedTasks(copies: 3_000)
    let chunk = 997
    let s = try InterchangeStream(source: file, chunkSize: chunk)
    #expect(s.taskCount == 3_001)
    var count = 0
    var heldAtMost = 0
    while let t = try s.next() {
      count += 1
      heldAtMost = max(heldAtMost, s.heldBytes)
      if count == 1 { #expect(t.content == "Rà soát \"quy chế\" — Nguyễn Bỉnh Khiêm 😀 á😀" && t.tags == ["a\\b"]) }
    }
    #expect(count == 3_001)
    // Three hundred kilobytes of file, never more than a chunk and a task held at once.
    #expect(file.size > 300 * chunk)
    #expect(file.largestRead <= chunk)
    #expect(heldAtMost <= chunk + file.task.count)
  }

  /// The streamed reader's refusal, or nil.
  func streamError(_ json: String, chunk: Int) -> UserError? {
    do {
      let s = try InterchangeStream(json: Array(json.utf8), chunkSize: chunk)
      try s.header.validateReferences(against: Catalog())
      var check = InterchangeDocument.TaskReferenceCheck(catalog: s.header.catalog)
      while let t = try s.next() { try check.check(t, at: s.index - 1) }
      return nil
    } catch let e as UserError {
      return e
    } catch {
      return UserError(.importJson, vi: "\(error)", en: "\(error)")
    }
  }

  func wholeError(_ json: String) -> UserError? {
    do {
      try InterchangeReader.read(json: Data(json.utf8)).validateReferences(against: Catalog())
      return nil
    } catch let e as UserError {
      return e
    } catch {
      return nil
    }
  }

  static let agencies = #""agencies": [{"code": "LHH", "name": "Liên hiệp hội"}]"#

  /// Files with one problem each: both readers give the same sentence, at every chunk size.
  @Test(arguments: [
    #"{"format": "followup/1",\#n "tasks": [ {"content": "x" "lead": "LHH"} ]}"#,
    #"{"format": "followup/1", "tasks": [ {"content": "x", "lead": "LHH"} "#,
    #"{"tasks": []}"#,
    #"{"format": "followup/9"}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"lead": "LHH"}]}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "NOPE"}]}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH", "deadline": "31/6/2023"}]}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH", "status": "done"}]}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "x", "lead": "LHH"}, {"ref": "A", "content": "y", "lead": "LHH"}]}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"id": 4, "content": "x", "lead": "LHH"}, {"id": 4.0, "content": "y", "lead": "LHH"}]}"#,
    #"{"format": "followup/1", \#(agencies), "tasks": [{"ref": "A", "content": "a\u001b[2Jb", "lead": "LHH"}]}"#,
    #"{"format": "followup/1", "agencies": [{"code": "LHH", "name": "x", "order": "first"}]}"#,
    #"{"format": "followup/1", "tasks": [],}"#,
    #"{"format": "followup/1", "tasks": [{"content": "x", "lead": "LHH",}]}"#,
    "{\"format\": \"followup/1\", \"x\": \"a\tb\"}",
    #"{"format": "followup/1", "x": "\ud800"}"#,
    #"{"format": "followup/1", "x": "\udc00 \ud800\u0041"}"#,
    #"{"format": "followup/1", "x": 01}"#,
    #"{"format": "followup/1", "x": 1.}"#,
    #"{"format": "followup/1", "x": -}"#,
    #"{"format": "followup/1", "x": "\q"}"#,
    #"{"format": "followup/1"} x"#,
    #"{"format": "followup/1", "agencies": [{"code": "LHH", "name": "x", "order": 3.5}]}"#,
    #"{"format": "followup/1", "tasks": {}}"#,
    #"{"format": "followup/1", "tasks": [null]}"#,
    #"{"format": "followup/1", "tasks": [7]}"#,
    #"{"format": "followup/1", "tasks": [{"tags": ["a", null]}]}"#,
    #"{"format": "followup/1", "tasks": [{"tags": ["a", 3]}]}"#,
    #"{"format": "followup/1", "tasks": [{"tags": "a"}]}"#,
    #"{"format": "followup/1", "tasks": [{"deadline": 5}]}"#,
    #"{"format": "followup/1", "tasks": [{"deadline": {"kind": 5}}]}"#,
    #"{"format": "followup/1", "tasks": [{"extensions": [{"to": []}]}]}"#,
    #"{"format": "followup/1", "tasks": [{"extensions": [null]}]}"#,
    #"{"format": "followup/1", "tasks": [{"extensions": {}}]}"#,
    #"{"format": "followup/1", "tasks": [{"notes": [{"on": 20240101}]}]}"#,
    #"{"format": "followup/1", "tasks": [{"withdrawal": {"mergedInto": "x"}}]}"#,
    #"{"format": "followup/1", "tasks": [{"withdrawal": 3}]}"#,
    #"{"format": "followup/1", "tasks": [{"reminders": [{"channel": false}]}]}"#,
    #"{"format": "followup/1", "tasks": [{"reassignments": [{"from": ["A"]}]}]}"#,
    #"{"format": "followup/1", "tasks": [{"item": 2.5}]}"#,
    #"{"format": "followup/1", "tasks": [{"id": 2.5}]}"#,
    #"{"format": "followup/1", "tasks": [{"id": 1e400}]}"#,
    #"{"format": "followup/1", "tasks": [{"id": 99999999999999999999}]}"#,
    #"{"format": "followup/1", "tasks": [{"id": "7"}]}"#,
    #"{"format": "followup/1", "tasks": [{"priority": 1}]}"#,
    #"{"format": "followup/1", "tasks": [{"status": 1, "content": 1}]}"#,
    #"{"format": "followup/1", "tasks": [{"content": 1, "content": "x", "lead": 2}]}"#,
    #"[]"#,
    #""#,
    #"{"format": "followup/1", "agencies": [{"code": "A"}], "tasks": [{"lead": "A"}]}"#,
    #"{"format": "followup/1", "agencies": [{"code": "A", "name": "B", "rollupTo": "Z"}]}"#,
  ])
  func badFilesAreRefusedWithTheSameSentence(_ json: String) {
    let whole = wholeError(json)
    #expect(whole != nil, "the whole-document reader takes \(json)")
    for chunk in [1, 2, 3, 5, 8, 64, InterchangeStream.defaultChunkSize] {
      let streamed = streamError(json, chunk: chunk)
      #expect(streamed?.code == whole?.code, "\(json) at chunk \(chunk): \(String(describing: streamed))")
      #expect(streamed?.en == whole?.en, "\(json) at chunk \(chunk)")
    }
  }

  /// Syntax errors past what the strictness check names: the place is where the streamed
  /// check stopped, which can differ by a character from where Foundation's parser stopped.
  @Test(arguments: [#"{"format": "followup/1", "x": tru}"#, #"{"format": "followup/1" "x": 1}"#, #"{"a" 1}"#])
  func otherSyntaxErrorsAreNamedAsSyntaxErrors(_ json: String) {
    for chunk in [1, 4, InterchangeStream.defaultChunkSize] {
      let e = streamError(json, chunk: chunk)
      #expect(e?.code == .importJson && e?.en.contains("line 1, column ") == true, "\(String(describing: e))")
    }
  }

  /// Files both readers take, in forms other programs write: the same document.
  @Test(arguments: [
    #"{"tasks": [{"lead": "LHH", "notes": null, "content": "x", "item": 3, "id": 2.0, "tags": null, "deadline": null}], "agencies": [{"order": 1e1, "name": "n", "code": "LHH"}], "format": "followup/1"}"#,
    #"{"format": "followup/1", "format": "x", "agencies": [{"code": "A", "name": "one", "name": "two"}]}"#,
    #"{"format": "followup/1", "tasks": null}"#,
    #"{"format": "followup/1", "tasks": [], "tasks": [{"lead": 1}]}"#,
    #"{"format": "followup/1", "x": {"tasks": [1, 2]}, "tasks": []}"#,
    #"{"format": "followup/1", "agencies": [{"code": "L", "name": "L"}], "tasks": [{"content": "x", "lead": "L", "unknown": {"a": [1, {"b": null}]}, "item": 1e1, "id": -0}]}"#,
    "\u{FEFF}{\"format\": \"followup/1\"}",
    #"{"format": "followup/1", "agencies": [{"code": "L", "name": "L"}], "tasks": [{"content": "x", "lead": "L", "deadline": {"text": "Quý I/2024"}, "priority": true, "withdrawal": null}]}"#,
    #"{"format": "followup/1", "agencies": [{"code": "L", "name": "L"}], "tasks": [{"content": "x", "lead": "L", "\u0069d": 5, "item": 2.0}]}"#,
  ])
  func oddButValidFilesReadTheSame(_ json: String) throws {
    let whole = try? InterchangeReader.read(json: Data(json.utf8))
    for chunk in [1, 3, 7, InterchangeStream.defaultChunkSize] {
      let streamed = try? streamed(Array(json.utf8), chunk: chunk)
      #expect(streamed == whole, "\(json) at chunk \(chunk)")
    }
  }

  @Test func badBytesAreNamedBeforeSyntaxAtEveryChunkSize() {
    var bytes = Array("{\"format\" \"followup/1\", \"x\": \"".utf8)
    bytes += [0xC3, 0x28] + Array("\"}".utf8)
    var cut = Array(#"{"format": "followup/1", "x": "Nguy"#.utf8) + [0xE1, 0xBB]
    cut += Array(#""}"#.utf8)
    for (file, offset) in [(bytes, 30), (cut, 35)] {
      for chunk in 1...9 {
        do {
          _ = try InterchangeStream(json: file, chunkSize: chunk)
          Issue.record("should fail")
        } catch let e as UserError {
          #expect(e.code == .importUtf8)
          #expect(e.en.contains("offset \(offset)"), "\(e.en) at chunk \(chunk)")
        } catch { Issue.record("\(error)") }
      }
    }
  }
}
