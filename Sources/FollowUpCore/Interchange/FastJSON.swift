import Foundation

/// A strict RFC 8259 JSON parser over UTF-8 bytes that builds a light tree.
///
/// Imports of 100,000 tasks spend most of their reading time in the JSON layer, and
/// JSONDecoder both is slow and accepts things RFC 8259 does not (trailing commas, unchecked
/// values under unknown keys). This parser scans the bytes once, validates everything it
/// passes over, reports the line and column of the first problem, and never traps: every
/// byte read is bounds-checked, number arithmetic reports overflow, and nesting is capped at
/// `maxDepth` so hostile input cannot exhaust the stack.
public enum FastJSON {
  /// The deepest nesting of arrays and objects accepted; deeper input is refused, not recursed into.
  public static let maxDepth = 64

  /// A parsed JSON value. Objects keep their members in the order written, repeated keys included.
  public enum Value: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number with an integral value that fits `Int` (`3`, `-0`, `3.0` and `1e2` all land here).
    case int(Int)
    /// Any other number; magnitudes beyond `Double` become infinities.
    case double(Double)
    /// A string, escapes decoded.
    case string(String)
    /// An array.
    case array([Value])
    /// An object's members in written order.
    case object([Member])

    /// The value of the first member named `key`, or nil when absent or when this is not an object.
    ///
    /// The first occurrence wins, as it did with JSONDecoder, so files that repeat a key are
    /// read the same way as before.
    public subscript(key: String) -> Value? {
      guard case .object(let members) = self else { return nil }
      for m in members where m.key == key { return m.value }
      return nil
    }
  }

  /// One `"key": value` member of an object.
  public struct Member: Sendable, Equatable {
    /// The key, escapes decoded.
    public var key: String
    /// The value.
    public var value: Value

    /// Creates a member.
    public init(key: String, value: Value) {
      self.key = key
      self.value = value
    }
  }

  /// Why a text is not JSON, and where: the byte offset and the 1-based line and column.
  public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in English, e.g. "trailing comma".
    public var reason: String
    /// The offset of the offending byte (the input's length when it ended too early).
    public var offset: Int
    /// The 1-based line; lines end at LF.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars so it matches what an editor shows.
    public var column: Int

    /// "trailing comma (line 12, column 5)".
    public var description: String { "\(reason) (line \(line), column \(column))" }
  }

  /// Parses a complete JSON text.
  public static func parse(_ data: Data) throws(SyntaxError) -> Value {
    let result: Result<Value, SyntaxError> = data.withUnsafeBytes { raw in
      Result { () throws(SyntaxError) -> Value in try parse(raw) }
    }
    return try result.get()
  }

  /// Parses a complete JSON text held in memory the caller owns for the duration of the call.
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(SyntaxError) -> Value {
    let buffer = bytes.bindMemory(to: UInt8.self)
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      throw SyntaxError(reason: "unexpected end of input", offset: 0, line: 1, column: 1)
    }
    var parser = Parser(base: base, count: buffer.count)
    return try parser.document()
  }

  /// The offset of the first byte that starts an ill-formed UTF-8 sequence, or nil when all are well formed.
  ///
  /// Follows Unicode Table 3-7 (no overlongs, no surrogates, nothing above U+10FFFF); the
  /// offset is where a decoder would first fail, the same as `UTF8` decoding reports.
  static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    var i = start
    while i < end {
      // Runs of ASCII are the common case even in Vietnamese text: skip them by words.
      while i + 8 <= end
        && UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
      }
      guard i < end else { break }
      let b = p[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        high = 0x9F
      case 0xF0:
        need = 3
        low = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        high = 0x8F
      default: return i
      }
      // A sequence cut off by the end of the range is ill-formed too.
      guard i + need < end else { return i }
      // The second byte has the lead-specific range; the rest are plain continuations.
      let second = p[i + 1]
      if second < low || second > high { return i }
      var k = 2
      while k <= need {
        let c = p[i + k]
        if c < 0x80 || c > 0xBF { return i }
        k += 1
      }
      i += need + 1
    }
    return nil
  }

  /// The line and scalar column of a byte offset, for error messages only.
  static func position(of offset: Int, in p: UnsafePointer<UInt8>, count: Int) -> (line: Int, column: Int) {
    let stop = min(max(offset, 0), count)
    var line = 1
    var lineStart = 0
    // A byte order mark is invisible in editors, so the first line's columns start after it.
    if count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF && stop >= 3 { lineStart = 3 }
    var i = 0
    while i < stop {
      if p[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    var column = 1
    i = lineStart
    while i < stop {
      // Continuation bytes belong to the scalar already counted.
      if p[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (line, column)
  }
}

/// Values of containers still being parsed.
///
/// When a container closes, its elements are moved (not copied) into an array of exactly
/// the right size; copying would retain and release every string once more, and growing
/// each container's own array would reallocate it several times.
private struct MoveStack<Element>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init() {
    capacity = 64
    base = .allocate(capacity: capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  mutating func push(_ element: consuming Element) {
    if count == capacity {
      let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      bigger.moveInitialize(from: base, count: count)
      base.deallocate()
      base = bigger
      capacity *= 2
    }
    (base + count).initialize(to: element)
    count += 1
  }

  /// Moves the elements from `start` to the top into a new array.
  mutating func pop(from start: Int) -> [Element] {
    let n = count - start
    guard n > 0 else { return [] }
    let source = base + start
    let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
      if let destination = buffer.baseAddress {
        destination.moveInitialize(from: source, count: n)
        initialized = n
      }
    }
    count = start
    return result
  }
}

extension FastJSON {
  fileprivate struct Parser: ~Copyable {
    let p: UnsafePointer<UInt8>
    let count: Int
    var i = 0
    var members = MoveStack<Member>()
    var values = MoveStack<Value>()
    // Decoded bytes of strings that contain escapes.
    var scratch: [UInt8] = []
    // Recently seen short ASCII strings (keys, codes, statuses, dates), direct-mapped by a
    // hash of their bytes: a hit reuses the String instead of validating and building it
    // again, which for 100,000 tasks is millions of keys. Up to 15 bytes, so the cached
    // strings are small (inline) strings and sharing them costs nothing.
    var recentWords = [UInt64](repeating: 0, count: 2 * Parser.recentCount)
    var recentLengths = [Int](repeating: -1, count: Parser.recentCount)
    var recentStrings = [String](repeating: "", count: Parser.recentCount)
    static let recentCount = 1024

    init(base: UnsafePointer<UInt8>, count: Int) {
      self.p = base
      self.count = count
    }

    /// The string of the ASCII bytes `start..<end`, from the cache when it is short.
    mutating func asciiString(from start: Int, to end: Int) -> String {
      let n = end - start
      guard n <= 15 else {
        return String(decoding: UnsafeBufferPointer(start: p + start, count: n), as: UTF8.self)
      }
      // The bytes as two little-endian words, zero beyond the end.
      var w0: UInt64 = 0
      var w1: UInt64 = 0
      if start + 16 <= count {
        let raw = UnsafeRawPointer(p + start)
        w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if n < 8 {
          w0 &= (1 << UInt64(8 * n)) &- 1
          w1 = 0
        } else {
          w1 &= (1 << UInt64(8 * (n - 8))) &- 1
        }
      } else {
        for k in 0..<n {
          let b = UInt64(p[start + k])
          if k < 8 { w0 |= b << UInt64(8 * k) } else { w1 |= b << UInt64(8 * (k - 8)) }
        }
      }
      let h = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
      let slot = Int(truncatingIfNeeded: h >> 54)  // 10 bits: 0..<1024
      if recentLengths[slot] == n && recentWords[2 * slot] == w0 && recentWords[2 * slot + 1] == w1 {
        return recentStrings[slot]
      }
      let s = String(decoding: UnsafeBufferPointer(start: p + start, count: n), as: UTF8.self)
      recentLengths[slot] = n
      recentWords[2 * slot] = w0
      recentWords[2 * slot + 1] = w1
      recentStrings[slot] = s
      return s
    }

    func fail(_ reason: String, at offset: Int) -> SyntaxError {
      let (line, column) = FastJSON.position(of: offset, in: p, count: count)
      return SyntaxError(reason: reason, offset: offset, line: line, column: column)
    }

    /// What the byte at `offset` is, for "unexpected …" messages.
    func describe(at offset: Int) -> String {
      guard offset < count else { return "end of input" }
      let b = p[offset]
      if b >= 0x21 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
      if b < 0x80 { return "character U+" + String(b, radix: 16, uppercase: true).leftPadded(4) }
      if FastJSON.firstInvalidUTF8(p, from: offset, to: min(count, offset + 4)) == offset {
        return "invalid UTF-8 byte 0x" + String(b, radix: 16, uppercase: true)
      }
      let end = min(count, offset + 4)
      let s = String(decoding: UnsafeBufferPointer(start: p + offset, count: end - offset), as: UTF8.self)
      if let u = s.unicodeScalars.first { return "character '\(u)'" }
      return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    @inline(__always)
    mutating func skipWhitespace() {
      while i < count {
        switch p[i] {
        case 0x20, 0x0A, 0x0D, 0x09:
          i += 1
          // Pretty-printed files indent every line: count the run of spaces that follows
          // a byte of whitespace eight bytes at a time (the first non-space byte of the
          // word is its lowest non-zero byte after XOR, the words being little-endian).
          while i + 8 <= count {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let x = w ^ 0x2020_2020_2020_2020
            if x == 0 {
              i += 8
              continue
            }
            i += x.trailingZeroBitCount >> 3
            break
          }
        default: return
        }
      }
    }

    mutating func document() throws(SyntaxError) -> Value {
      // RFC 8259 §8.1 lets a parser ignore a byte order mark; Windows editors add one.
      if count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
      skipWhitespace()
      let root = try value(depth: 0)
      skipWhitespace()
      if i < count { throw fail("unexpected \(describe(at: i)) after the JSON value", at: i) }
      return root
    }

    mutating func value(depth: Int) throws(SyntaxError) -> Value {
      guard i < count else { throw fail("unexpected end of input, expected a value", at: i) }
      switch p[i] {
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "{"): return try object(depth: depth + 1)
      case UInt8(ascii: "["): return try array(depth: depth + 1)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
      case UInt8(ascii: "t"):
        try literal("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        return .null
      default:
        throw fail("unexpected \(describe(at: i)), expected a value", at: i)
      }
    }

    mutating func literal(_ word: StaticString) throws(SyntaxError) {
      let start = i
      let n = word.utf8CodeUnitCount
      var k = 0
      while k < n {
        guard i < count, p[i] == word.utf8Start[k] else {
          throw fail("invalid literal, expected '\(word)'", at: start)
        }
        i += 1
        k += 1
      }
    }

    mutating func object(depth: Int) throws(SyntaxError) -> Value {
      if depth > FastJSON.maxDepth { throw fail("nested deeper than \(FastJSON.maxDepth) levels", at: i) }
      i += 1  // {
      skipWhitespace()
      if i < count && p[i] == UInt8(ascii: "}") {
        i += 1
        return .object([])
      }
      let base = members.count
      while true {
        guard i < count else { throw fail("unexpected end of input inside an object", at: i) }
        guard p[i] == UInt8(ascii: "\"") else {
          // Only reachable after a comma: an empty object returned above.
          if p[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}'", at: i) }
          throw fail("unexpected \(describe(at: i)), expected a string key", at: i)
        }
        let key = try string()
        skipWhitespace()
        guard i < count, p[i] == UInt8(ascii: ":") else {
          throw fail("unexpected \(describe(at: i)), expected ':' after the key", at: i)
        }
        i += 1
        skipWhitespace()
        let v = try value(depth: depth)
        members.push(Member(key: key, value: v))
        skipWhitespace()
        guard i < count else { throw fail("unexpected end of input inside an object", at: i) }
        if p[i] == UInt8(ascii: ",") {
          i += 1
          skipWhitespace()
          continue
        }
        if p[i] == UInt8(ascii: "}") {
          i += 1
          break
        }
        throw fail("unexpected \(describe(at: i)), expected ',' or '}'", at: i)
      }
      return .object(members.pop(from: base))
    }

    mutating func array(depth: Int) throws(SyntaxError) -> Value {
      if depth > FastJSON.maxDepth { throw fail("nested deeper than \(FastJSON.maxDepth) levels", at: i) }
      i += 1  // [
      skipWhitespace()
      if i < count && p[i] == UInt8(ascii: "]") {
        i += 1
        return .array([])
      }
      let base = values.count
      while true {
        guard i < count else { throw fail("unexpected end of input inside an array", at: i) }
        if p[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'", at: i) }
        let v = try value(depth: depth)
        values.push(v)
        skipWhitespace()
        guard i < count else { throw fail("unexpected end of input inside an array", at: i) }
        if p[i] == UInt8(ascii: ",") {
          i += 1
          skipWhitespace()
          continue
        }
        if p[i] == UInt8(ascii: "]") {
          i += 1
          break
        }
        throw fail("unexpected \(describe(at: i)), expected ',' or ']'", at: i)
      }
      return .array(values.pop(from: base))
    }

    /// A string starting at the opening quote; leaves `i` after the closing quote.
    mutating func string() throws(SyntaxError) -> String {
      let open = i
      i += 1
      let start = i
      var high: UInt64 = 0
      // The hot loop: most strings have no escapes, so find the closing quote eight bytes at
      // a time and build the String straight from the input bytes. A word is skipped when it
      // holds no quote, no backslash and no byte below 0x20 (exact SWAR tests, no false
      // negatives); bytes of 0x80 and above are only noted, for one UTF-8 check at the end.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while i + 8 <= count {
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let quote = w ^ (ones &* 0x22)
        let slash = w ^ (ones &* 0x5C)
        let special =
          ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w)
        if special & highs != 0 { break }
        high |= w
        i += 8
      }
      while i < count {
        let b = p[i]
        if b < 0x20 || b == 0x22 || b == 0x5C { break }
        high |= UInt64(b)
        i += 1
      }
      guard i < count else { throw fail("unterminated string", at: open) }
      let b = p[i]
      if b == UInt8(ascii: "\"") {
        let s: String
        if high & highs == 0 {
          s = asciiString(from: start, to: i)
        } else {
          s = try utf8String(from: start, to: i)
        }
        i += 1
        return s
      }
      if b == UInt8(ascii: "\\") { return try escapedString(open: open, start: start) }
      throw fail(controlMessage(b), at: i)
    }

    /// The string of the bytes `start..<end`, refusing ill-formed UTF-8.
    func utf8String(from start: Int, to end: Int) throws(SyntaxError) -> String {
      let s = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
      // `String(decoding:)` validates as it copies but repairs instead of failing, always
      // with U+FFFD (EF BF BD). A result without a 0xEF byte therefore needs no second look,
      // and memchr finds that out far faster than validating the input again.
      let clean =
        s.utf8.withContiguousStorageIfAvailable { u in
          guard let base = u.baseAddress else { return true }
          return memchr(base, 0xEF, u.count) == nil
        } ?? false
      if !clean, let bad = FastJSON.firstInvalidUTF8(p, from: start, to: end) {
        throw fail("invalid UTF-8 in a string", at: bad)
      }
      return s
    }

    func controlMessage(_ b: UInt8) -> String {
      "unescaped control character U+" + String(b, radix: 16, uppercase: true).leftPadded(4)
        + " in a string; write it as an escape"
    }

    /// The slow path for strings with escapes: decodes into `scratch`, then validates once.
    mutating func escapedString(open: Int, start: Int) throws(SyntaxError) -> String {
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
      var rawStart = i  // first byte not yet copied
      while true {
        guard i < count else { throw fail("unterminated string", at: open) }
        let b = p[i]
        if b == UInt8(ascii: "\"") {
          scratch.append(contentsOf: UnsafeBufferPointer(start: p + rawStart, count: i - rawStart))
          i += 1
          break
        }
        if b < 0x20 { throw fail(controlMessage(b), at: i) }
        if b != UInt8(ascii: "\\") {
          i += 1
          continue
        }
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + rawStart, count: i - rawStart))
        let escape = i
        guard i + 1 < count else { throw fail("unterminated string", at: open) }
        let e = p[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
          let unit = try hex4(escape: escape)
          var scalar = UInt32(unit)
          if unit >= 0xD800 && unit <= 0xDBFF {
            // A high surrogate must be followed at once by an escaped low surrogate.
            guard i + 1 < count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else {
              throw fail("lone surrogate \\u\(hexString(unit)) in a string", at: escape)
            }
            let lowEscape = i
            i += 2
            let low = try hex4(escape: lowEscape)
            guard low >= 0xDC00 && low <= 0xDFFF else {
              throw fail("lone surrogate \\u\(hexString(unit)) in a string", at: escape)
            }
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
          } else if unit >= 0xDC00 && unit <= 0xDFFF {
            throw fail("lone surrogate \\u\(hexString(unit)) in a string", at: escape)
          }
          guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape", at: escape) }
          UTF8.encode(u) { scratch.append($0) }
        default:
          throw fail("invalid escape sequence in a string", at: escape)
        }
        rawStart = i
      }
      // Escapes always produce valid UTF-8, so only the raw input bytes need checking.
      if let bad = FastJSON.firstInvalidUTF8(p, from: start, to: i - 1) {
        throw fail("invalid UTF-8 in a string", at: bad)
      }
      return String(decoding: scratch, as: UTF8.self)
    }

    func hexString(_ v: UInt16) -> String { String(v, radix: 16, uppercase: true).leftPadded(4) }

    /// Four hex digits after `\u`; `i` is at the first digit and ends after the last.
    mutating func hex4(escape: Int) throws(SyntaxError) -> UInt16 {
      var v: UInt16 = 0
      for _ in 0..<4 {
        guard i < count else { throw fail("invalid \\u escape, expected four hex digits", at: escape) }
        let b = p[i]
        let d: UInt8
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
        default: throw fail("invalid \\u escape, expected four hex digits", at: escape)
        }
        v = v << 4 | UInt16(d)
        i += 1
      }
      return v
    }

    @inline(__always)
    func isDigit(_ k: Int) -> Bool { k < count && p[k] >= 0x30 && p[k] <= 0x39 }

    /// A number per the RFC 8259 grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() throws(SyntaxError) -> Value {
      let start = i
      let negative = p[i] == UInt8(ascii: "-")
      if negative { i += 1 }
      guard isDigit(i) else { throw fail("expected a digit in a number", at: i) }
      // Accumulated negatively so Int.min parses; overflow only switches to the Double path.
      var value = 0
      var overflow = false
      let intStart = i
      if p[i] == UInt8(ascii: "0") {
        i += 1
        if isDigit(i) { throw fail("leading zero in a number", at: start) }
      } else {
        while isDigit(i) {
          let d = Int(p[i] &- 0x30)
          if !overflow {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(d)
            if o1 || o2 { overflow = true } else { value = s }
          }
          i += 1
        }
      }
      let intEnd = i
      var fracStart = i
      var fracEnd = i
      if i < count && p[i] == UInt8(ascii: ".") {
        i += 1
        guard isDigit(i) else { throw fail("expected a digit after the decimal point", at: i) }
        fracStart = i
        while isDigit(i) { i += 1 }
        fracEnd = i
      }
      var exponent = 0
      var hasExponent = false
      if i < count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
        hasExponent = true
        i += 1
        var expNegative = false
        if i < count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) {
          expNegative = p[i] == UInt8(ascii: "-")
          i += 1
        }
        guard isDigit(i) else { throw fail("expected a digit in the exponent", at: i) }
        while isDigit(i) {
          // Saturates: any exponent this large already decides the outcome.
          if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(p[i] &- 0x30) }
          i += 1
        }
        if expNegative { exponent = -exponent }
      }
      if fracStart == fracEnd && !hasExponent && !overflow {
        if negative { return .int(value) }
        let (pos, o) = (0).subtractingReportingOverflow(value)
        if !o { return .int(pos) }
      }
      if let exact = integral(intStart, intEnd, fracStart, fracEnd, exponent, negative: negative) {
        return .int(exact)
      }
      let text = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
      return .double(Double(text) ?? .nan)
    }

    /// The exact Int value of digits × 10^exponent when it is integral and fits, else nil.
    ///
    /// Done on the digits rather than through Double so `9007199254740993.0` stays exact.
    func integral(
      _ intStart: Int, _ intEnd: Int, _ fracStart: Int, _ fracEnd: Int, _ exponent: Int, negative: Bool
    ) -> Int? {
      // Significant digits: integer part then fraction; the value is digits × 10^scale.
      var digits: [UInt8] = []
      var k = intStart
      while k < intEnd {
        digits.append(p[k] &- 0x30)
        k += 1
      }
      k = fracStart
      while k < fracEnd {
        digits.append(p[k] &- 0x30)
        k += 1
      }
      while let first = digits.first, first == 0 { digits.removeFirst() }
      if digits.isEmpty { return 0 }
      var scale = exponent - (fracEnd - fracStart)
      while scale < 0, let last = digits.last, last == 0 {
        digits.removeLast()
        scale += 1
      }
      if scale < 0 { return nil }
      // More than 19 digits cannot fit, whatever the scale.
      if digits.count + scale > 19 { return nil }
      var v = 0
      for d in digits {
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.subtractingReportingOverflow(Int(d))
        if o1 || o2 { return nil }
        v = s
      }
      for _ in 0..<scale {
        let (m, o) = v.multipliedReportingOverflow(by: 10)
        if o { return nil }
        v = m
      }
      if negative { return v }
      let (pos, o) = (0).subtractingReportingOverflow(v)
      return o ? nil : pos
    }
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
