import Foundation
import Testing

@testable import FollowUpCore

@Suite("FastJSON: strict RFC 8259 parsing")
struct FastJSONTests {
  func parse(_ text: String) throws(FastJSON.SyntaxError) -> FastJSON.Value {
    try FastJSON.parse(Data(text.utf8))
  }

  func error(_ bytes: [UInt8]) -> FastJSON.SyntaxError? {
    do {
      _ = try FastJSON.parse(Data(bytes))
      return nil
    } catch {
      return error
    }
  }

  // MARK: What it builds

  @Test func objectsKeepKeyOrderAndRepeatedKeysTheFirstWins() throws {
    let v = try parse(#"{"b": 1, "a": [true, false, null], "b": 2}"#)
    guard case .object(let members) = v else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["b", "a", "b"])
    #expect(v["b"] == .int(1))
    #expect(v["a"] == .array([.bool(true), .bool(false), .null]))
    #expect(v["missing"] == nil)
    #expect(FastJSON.Value.int(1)["b"] == nil)
  }

  @Test(arguments: [
    ("0", FastJSON.Value.int(0)),
    ("-0", .int(0)),
    ("42", .int(42)),
    ("-17", .int(-17)),
    ("3.0", .int(3)),
    ("1e2", .int(100)),
    ("1E+2", .int(100)),
    ("120e-1", .int(12)),
    ("0.1e1", .int(1)),
    ("-0.0", .int(0)),
    ("9223372036854775807", .int(Int.max)),
    ("-9223372036854775808", .int(Int.min)),
    ("9007199254740993.0", .int(9_007_199_254_740_993)),
    ("1.5", .double(1.5)),
    ("12e-1", .double(1.2)),
    ("-2.5E-3", .double(-0.0025)),
    ("9223372036854775808", .double(9_223_372_036_854_775_808)),
    ("12345678901234567890", .double(1.2345678901234567e19)),
    ("1e400", .double(.infinity)),
    ("-1e400", .double(-.infinity)),
    ("1e-400", .double(0)),
    ("1e999999999999999999999", .double(.infinity)),
  ])
  func numbersAreIntWhenIntegralElseDouble(_ text: String, _ expected: FastJSON.Value) throws {
    #expect(try parse(text) == expected)
    #expect(try parse("[\(text)]") == .array([expected]))
  }

  @Test func stringsDecodeEveryEscapeAndKeepUnicode() throws {
    let v = try parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u1EC5\uD83D\uDE00", "Nguyễn 中文", "", "\u0000"]"#)
    #expect(
      v == .array([
        .string("\"\\/\u{8}\u{C}\n\r\t"), .string("é\u{1EC5}😀"), .string("Nguyễn 中文"), .string(""),
        .string("\u{0}"),
      ]))
  }

  @Test func shortStringsAreSharedWithoutChangingTheirValues() throws {
    // The small-string cache must never hand back a different string of the same hash slot.
    var words: [String] = []
    for i in 0..<5000 { words.append(String(i * 7919, radix: 36)) }
    let json = "[" + words.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    let v = try parse(json)
    #expect(v == .array(words.map(FastJSON.Value.string)))
  }

  @Test func aByteOrderMarkAndSurroundingWhitespaceAreAllowed() throws {
    #expect(try FastJSON.parse(Data([0xEF, 0xBB, 0xBF] + Array(" \t\r\n{}\n".utf8))) == .object([]))
  }

  // MARK: What it refuses, and where

  @Test(arguments: [
    ("[1,]", "trailing comma", 1, 4),
    ("{\"a\": 1,}", "trailing comma", 1, 9),
    ("{\n  \"a\": [1, 2,\n  ]\n}", "trailing comma", 3, 3),
    ("[01]", "leading zero", 1, 2),
    ("[-01]", "leading zero", 1, 2),
    ("[1.]", "digit", 1, 4),
    ("[.5]", "unexpected", 1, 2),
    ("[+1]", "unexpected", 1, 2),
    ("[1e]", "digit", 1, 4),
    ("[-]", "digit", 1, 3),
    ("[NaN]", "unexpected", 1, 2),
    ("[tru]", "literal", 1, 2),
    ("[nul]", "literal", 1, 2),
    ("[\"a\tb\"]", "control character U+0009", 1, 4),
    ("[\"a\nb\"]", "control character U+000A", 1, 4),
    ("[\"\u{1F}\"]", "control character U+001F", 1, 3),
    (#"["\ud800"]"#, "lone surrogate", 1, 3),
    (#"["\udc00"]"#, "lone surrogate", 1, 3),
    (#"["\ud800\u0041"]"#, "lone surrogate", 1, 3),
    (#"["\ud800x"]"#, "lone surrogate", 1, 3),
    (#"["\u12"]"#, "four hex digits", 1, 3),
    (#"["\x"]"#, "escape", 1, 3),
    ("[\"abc", "unterminated", 1, 2),
    ("", "end of input", 1, 1),
    ("   ", "end of input", 1, 4),
    ("{} x", "after the JSON value", 1, 4),
    ("{}{}", "after the JSON value", 1, 3),
    ("{\"a\" 1}", "':'", 1, 6),
    ("{'a': 1}", "string key", 1, 2),
    ("{a: 1}", "string key", 1, 2),
    ("/* c */ {}", "unexpected", 1, 1),
    ("[1 2]", "',' or ']'", 1, 4),
    ("{\"a\": 1 \"b\": 2}", "',' or '}'", 1, 9),
    ("{\"ý\": [\n  \"Nguyễn\", ]}", "trailing comma", 2, 13),
  ])
  func syntaxErrorsNameTheLineAndColumn(_ text: String, _ reason: String, _ line: Int, _ column: Int) {
    let e = error(Array(text.utf8))
    #expect(e?.reason.contains(reason) == true, "\(String(describing: e))")
    #expect(e?.line == line, "\(String(describing: e))")
    #expect(e?.column == column, "\(String(describing: e))")
  }

  @Test(arguments: [
    [0xFF],  // never valid
    [0xC0, 0x80],  // overlong NUL
    [0xE0, 0x80, 0x80],  // overlong
    [0xED, 0xA0, 0x80],  // a surrogate encoded directly
    [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
    [0xE1, 0xBB],  // cut short
    [0x80],  // a lone continuation byte
  ] as [[UInt8]])
  func invalidUTF8InAStringIsRefusedAtTheBadByte(_ bad: [UInt8]) {
    let bytes = Array(#"["ok", "Vi"#.utf8) + bad + Array(#"t"]"#.utf8)
    let e = error(bytes)
    #expect(e?.reason.contains("UTF-8") == true, "\(String(describing: e))")
    #expect(e?.offset == 10)
    // Escapes do not hide bad raw bytes.
    let escaped = error(Array(#"["\n"#.utf8) + bad + Array(#""]"#.utf8))
    #expect(escaped?.reason.contains("UTF-8") == true, "\(String(describing: escaped))")
    #expect(escaped?.offset == 4)
  }

  @Test func invalidUTF8OutsideStringsIsRefused() {
    #expect(error([0x5B, 0xC3, 0x5D]) != nil)
    #expect(error(Array("[1]".utf8) + [0xFF]) != nil)
  }

  @Test func nestingIsCappedSoHostileInputCannotExhaustTheStack() throws {
    let deepest = String(repeating: "[", count: FastJSON.maxDepth) + String(repeating: "]", count: FastJSON.maxDepth)
    #expect(throws: Never.self) { try parse(deepest) }
    let tooDeep = "[" + deepest + "]"
    #expect(error(Array(tooDeep.utf8))?.reason.contains("nested deeper") == true)
    // Containers alternate {, [ six bytes apart; the 65th is the { of the 33rd group.
    let hostile = String(repeating: "{\"a\":[", count: 200_000)
    #expect(error(Array(hostile.utf8))?.column == 32 * 6 + 1)
  }

  // MARK: Agreement and robustness (untimed)

  /// Random trees written by the project's own JSON writer read back unchanged.
  @Test func writerOutputReadsBackAsTheSameTree() throws {
    var rng = SplitMix(seed: 42)
    for _ in 0..<300 {
      let tree = randomTree(&rng, depth: 0)
      let text = tree.rendered()
      let back = try parse(text)
      #expect(back == converted(tree), "\(text)")
    }
  }

  /// Mutated documents never trap: they parse or throw a syntax error, and the importer
  /// reports a UserError. Another issue fuzzes this properly; this keeps the basics honest.
  @Test func mutatedDocumentsNeverTrap() throws {
    let seeds = [
      Array(BundledData.sampleJSON),
      Array(#"{"a": [1, -2.5e3, "x\u00e9\n", {"b": null}], "c": true, "d": "Việt 中"}"#.utf8),
    ]
    let pieces: [[UInt8]] = [
      Array(",".utf8), Array("]".utf8), Array("}".utf8), Array("[".utf8), Array("{".utf8),
      Array("\"".utf8), Array("\\".utf8), Array("\\u".utf8), Array("\\ud800".utf8), Array("0".utf8),
      Array("-".utf8), Array("e".utf8), Array(".".utf8), Array("1e99999".utf8), [0xFF], [0xC3], [0x00],
      [0x0A], Array("é".utf8), Array("null".utf8), Array("99999999999999999999999".utf8),
    ]
    var rng = SplitMix(seed: 7)
    var parsed = 0
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
      if (try? FastJSON.parse(Data(b))) != nil { parsed += 1 }
      do {
        _ = try InterchangeReader.read(json: Data(b))
      } catch is UserError {
      } catch {
        Issue.record("not a UserError: \(error)")
      }
    }
    #expect(parsed > 0)
  }

  @Test func randomBytesNeverTrap() {
    var rng = SplitMix(seed: 99)
    for _ in 0..<2000 {
      let bytes = (0..<rng.next(64)).map { _ in UInt8(truncatingIfNeeded: rng.next(256)) }
      _ = try? FastJSON.parse(Data(bytes))
    }
  }

  @Test func firstInvalidUTF8AgreesWithTheStandardDecoder() {
    var rng = SplitMix(seed: 3)
    for _ in 0..<5000 {
      let bytes = (0..<rng.next(12)).map { _ -> UInt8 in
        // Mostly lead and continuation bytes, where the edge cases live.
        let choices: [UInt8] = [0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        return choices[rng.next(choices.count)]
      }
      var expected: Int?
      var offset = 0
      var it = bytes.makeIterator()
      var decoder = UTF8()
      loop: while true {
        switch decoder.decode(&it) {
        case .scalarValue(let s): offset += String(s).utf8.count
        case .emptyInput: break loop
        case .error:
          expected = offset
          break loop
        }
      }
      let got = bytes.withUnsafeBufferPointer { p in
        p.baseAddress.flatMap { FastJSON.firstInvalidUTF8($0, from: 0, to: p.count) }
      }
      #expect(got == expected, "\(bytes.map { String($0, radix: 16) })")
    }
  }

  // MARK: Helpers

  func randomTree(_ rng: inout SplitMix, depth: Int) -> JSONValue {
    let pick = depth > 3 ? rng.next(5) : rng.next(7)
    switch pick {
    case 0: return .null
    case 1: return .bool(rng.next(2) == 0)
    case 2: return .int(Int(truncatingIfNeeded: rng.state) >> rng.next(64))
    case 3: return .double(Double(rng.next(1_000_000)) / 64 + 0.5)
    case 4:
      let alphabet = Array("aZ0 ễĐđ\"\\/\n\t\u{1}\u{7F}\u{85}\u{2028}中😀é".unicodeScalars)
      var s = String.UnicodeScalarView()
      for _ in 0..<rng.next(12) { s.append(alphabet[rng.next(alphabet.count)]) }
      return .string(String(s))
    case 5: return .array((0..<rng.next(4)).map { _ in randomTree(&rng, depth: depth + 1) })
    default:
      return .object((0..<rng.next(4)).map { k in ("k\(k)\(rng.next(3))", randomTree(&rng, depth: depth + 1)) })
    }
  }

  func converted(_ v: JSONValue) -> FastJSON.Value {
    switch v {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .double(let d): return d == d.rounded() && abs(d) < 1e18 ? .int(Int(d)) : .double(d)
    case .string(let s): return .string(s)
    case .array(let items): return .array(items.map(converted))
    case .object(let pairs): return .object(pairs.map { FastJSON.Member(key: $0.0, value: converted($0.1)) })
    }
  }
}

/// A small deterministic generator, so failures reproduce.
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
