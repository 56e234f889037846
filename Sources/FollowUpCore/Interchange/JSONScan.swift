/// One pass over a `followup/1` file's bytes, a chunk at a time, that checks everything the
/// whole-document reader checks before it decodes (UTF-8, then strict JSON syntax) and finds
/// where the document's top-level values lie, how many tasks there are and the largest id
/// they give, so that a second pass can read the header and then the tasks one by one.
///
/// The machine keeps its whole state between chunks, so a chunk may end anywhere: inside a
/// string, an escape, a number, a literal or a multi-byte character.
struct JSONScan {
  /// Where the top-level values lie and what the task list holds.
  struct Layout {
    /// The root value is an object (anything else is a value of the wrong type).
    var rootIsObject = false
    /// The byte range of each top-level key's first value (later repeats are ignored, as
    /// `JSONDecoder` ignores them).
    var values: [String: Range<Int>] = [:]
    /// Elements of the `tasks` list.
    var taskCount = 0
    /// The largest integer a task gives as its `id` (0 when none does).
    var largestID = 0
  }

  /// A failure found by the scan, as a byte offset.
  enum Problem: Error {
    case utf8(offset: Int)
    case syntax(offset: Int)
  }

  private enum State: UInt8 {
    case value, valueOrClose, afterValue, key, keyOrClose, colon, string, escape, hex
    case lowBackslash, lowU, number, literal, end
  }

  // Number sub-states, after: a minus, a leading zero, integer digits, a dot, fraction
  // digits, an exponent mark, an exponent sign, exponent digits.
  private enum NumberState: UInt8 { case minus, zero, digits, dot, fraction, exp, expSign, expDigits }

  private var state = State.value
  private var number = NumberState.digits
  /// True when the current container is an object, for every open container.
  private var stack: [Bool] = []
  private var stringIsKey = false
  private var hexLeft = 0
  private var hexValue: UInt32 = 0
  private var highSurrogate = false
  private var escapeAt = 0
  private var literal: [UInt8] = []
  private var literalIndex = 0
  /// Where the bytes seen so far stopped being JSON.
  private(set) var syntaxError: Int?

  // Structure tracking.
  private(set) var layout = Layout()
  private var capturing = false
  /// A wanted key is being read by the fast loop from `watchStart` in the current chunk.
  private var watching = false
  private var watchStart = 0
  private var captured: [UInt8] = []
  private var topKey: String?
  private var topStart = 0
  private var inTasks = false
  private var tasksSeen = false
  private var keyIsID = false
  private var capturingID = false

  private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
  private var bomSeen = 0

  // UTF-8: the bytes of a character cut by the end of the last chunk.
  private var carry: [UInt8] = []
  private(set) var utf8Error: Int?

  /// Scans the next chunk, which starts at byte `base` of the file.
  mutating func feed(_ chunk: [UInt8], base: Int) {
    checkUTF8(chunk, base: base)
    guard syntaxError == nil else { return }
    chunk.withUnsafeBufferPointer { b in
      var i = 0
      // A byte-order mark at the very start is not part of the document.
      while i < b.count && base + i == bomSeen && bomSeen < 3 && b[i] == Self.bom[bomSeen] {
        bomSeen += 1
        i += 1
      }
      while i < b.count {
        if let next = step(b, i, base: base) {
          i = next
        } else {
          if syntaxError == nil { syntaxError = base + i }
          return
        }
      }
      // A wanted key cut by the chunk's end: its first bytes are kept, the rest follows.
      if watching {
        captured.append(contentsOf: b[watchStart...])
        watchStart = 0
      }
    }
  }

  /// Ends the scan at `size` bytes: an unfinished document is a syntax error at its end.
  mutating func finish(size: Int) -> Problem? {
    if !carry.isEmpty && utf8Error == nil { utf8Error = size - carry.count }
    if let u = utf8Error { return .utf8(offset: u) }
    if let s = syntaxError { return .syntax(offset: s) }
    if state == .number && stack.isEmpty && numberComplete {
      valueEnded(at: size)
      state = .end
    }
    return state == .end ? nil : .syntax(offset: size)
  }

  /// What follows a finished value: more of its container, or the end of the document.
  private var afterValue: State { stack.isEmpty ? .end : .afterValue }

  private var numberComplete: Bool { number == .zero || number == .digits || number == .fraction || number == .expDigits }

  private mutating func checkUTF8(_ chunk: [UInt8], base: Int) {
    guard utf8Error == nil else { return }
    let start = base - carry.count
    var block = carry
    block.append(contentsOf: chunk)
    // A character may be cut by the chunk's end: its first bytes wait for the next chunk.
    var cut = block.count
    var back = block.count - 1
    while back >= 0 && back >= block.count - 4 {
      let c = block[back]
      if c & 0xC0 != 0x80 {
        let length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        if length > block.count - back { cut = back }
        break
      }
      back -= 1
    }
    carry = Array(block[cut...])
    block.removeSubrange(cut...)
    if let bad = Self.firstInvalidUTF8(block) { utf8Error = start + bad }
  }

  /// The offset of the first byte that is not part of valid UTF-8, or nil.
  static func firstInvalidUTF8(_ block: [UInt8]) -> Int? {
    if String(validating: block, as: UTF8.self) != nil { return nil }
    var offset = 0
    var bytes = block.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while case .valid(let encoded) = parser.parseScalar(from: &bytes) { offset += encoded.count }
    return offset
  }

  // MARK: The machine

  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

  /// Handles the byte at `i` (and, in strings, the plain bytes after it); returns where to
  /// go on, or nil where the text stops being JSON.
  private mutating func step(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, base: Int) -> Int? {
    let c = b[i]
    switch state {
    case .string:
      if !capturing {
        // The bulk of a file: plain text inside strings, eight bytes at a time while none of
        // them is a quote, a backslash or a control character (exact SWAR tests).
        var j = i
        if let start = b.baseAddress {
          let ones: UInt64 = 0x0101_0101_0101_0101
          while j + 8 <= b.count {
            let w = UnsafeRawPointer(start + j).loadUnaligned(as: UInt64.self)
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            let flags = ((w &- ones &* 0x20) & ~w) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
            if flags & (ones &* 0x80) != 0 { break }
            j += 8
          }
        }
        while j < b.count {
          let d = b[j]
          if d == UInt8(ascii: "\"") || d == UInt8(ascii: "\\") || d < 0x20 { break }
          j += 1
        }
        if j > i { return j }
      }
      if watching {
        // A wanted key read by the fast loop: its bytes are taken at its end, or where an
        // escape hands it to the byte-by-byte path.
        captured.append(contentsOf: b[watchStart..<i])
        watching = false
        if c == UInt8(ascii: "\\") { capturing = true }
      }
      switch c {
      case UInt8(ascii: "\""):
        state = stringIsKey ? .colon : afterValue
        if stringIsKey { keyEnded() } else { valueEnded(at: base + i + 1) }
        capturing = false
      case UInt8(ascii: "\\"):
        if capturing { captured.append(c) }
        escapeAt = base + i
        state = .escape
      default:
        if c < 0x20 { return nil }
        if capturing { captured.append(c) }
      }
      return i + 1
    case .escape:
      if capturing { captured.append(c) }
      switch c {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
        state = .string
      case UInt8(ascii: "u"):
        state = .hex
        hexLeft = 4
        hexValue = 0
      default:
        return failAt(escapeAt, base: base)
      }
      return i + 1
    case .hex:
      if capturing { captured.append(c) }
      guard let d = Self.hexDigit(c) else { return failAt(escapeAt, base: base) }
      hexValue = hexValue * 16 + d
      hexLeft -= 1
      if hexLeft == 0 {
        if highSurrogate {
          highSurrogate = false
          guard (0xDC00...0xDFFF).contains(hexValue) else { return failAt(escapeAt, base: base) }
          state = .string
        } else if (0xDC00...0xDFFF).contains(hexValue) {
          return failAt(escapeAt, base: base)
        } else if (0xD800...0xDBFF).contains(hexValue) {
          highSurrogate = true
          state = .lowBackslash
        } else {
          state = .string
        }
      }
      return i + 1
    case .lowBackslash, .lowU:
      if capturing { captured.append(c) }
      let want = state == .lowBackslash ? UInt8(ascii: "\\") : UInt8(ascii: "u")
      // The unpaired high half is named, as the whole-document check names it.
      guard c == want else { return failAt(escapeAt, base: base) }
      if state == .lowBackslash {
        state = .lowU
      } else {
        state = .hex
        hexLeft = 4
        hexValue = 0
      }
      return i + 1
    case .number:
      if capturingID { captured.append(c) }
      let digit = c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
      switch number {
      case .minus:
        guard digit else { return nil }
        number = c == UInt8(ascii: "0") ? .zero : .digits
        return i + 1
      case .zero, .digits:
        if digit {
          if number == .zero { return failAt(base + i - 1, base: base) }
          return i + 1
        }
        if c == UInt8(ascii: ".") { number = .dot; return i + 1 }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { number = .exp; return i + 1 }
      case .dot:
        guard digit else { return nil }
        number = .fraction
        return i + 1
      case .fraction:
        if digit { return i + 1 }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { number = .exp; return i + 1 }
      case .exp:
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { number = .expSign; return i + 1 }
        guard digit else { return nil }
        number = .expDigits
        return i + 1
      case .expSign:
        guard digit else { return nil }
        number = .expDigits
        return i + 1
      case .expDigits:
        if digit { return i + 1 }
      }
      // The number ended before this byte, which is read again after it.
      if capturingID { captured.removeLast() }
      numberEnded(at: base + i)
      state = afterValue
      return i
    case .literal:
      guard c == literal[literalIndex] else { return nil }
      literalIndex += 1
      if literalIndex == literal.count {
        state = afterValue
        valueEnded(at: base + i + 1)
      }
      return i + 1
    default:
      break
    }
    if Self.isSpace(c) {
      var j = i + 1
      while j < b.count && Self.isSpace(b[j]) { j += 1 }
      return j
    }
    switch state {
    case .value, .valueOrClose:
      if c == UInt8(ascii: "]") && state == .valueOrClose {
        return close(false, at: base + i) ? i + 1 : nil
      }
      valueBegins(at: base + i)
      switch c {
      case UInt8(ascii: "{"):
        stack.append(true)
        containerOpened()
        state = .keyOrClose
      case UInt8(ascii: "["):
        stack.append(false)
        containerOpened()
        state = .valueOrClose
      case UInt8(ascii: "\""):
        stringIsKey = false
        state = .string
      case UInt8(ascii: "-"):
        number = .minus
        state = .number
        if capturingID { captured.append(c) }
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        number = c == UInt8(ascii: "0") ? .zero : .digits
        state = .number
        if capturingID { captured.append(c) }
      case UInt8(ascii: "t"): startLiteral("true")
      case UInt8(ascii: "f"): startLiteral("false")
      case UInt8(ascii: "n"): startLiteral("null")
      default: return nil
      }
      return i + 1
    case .key, .keyOrClose:
      if c == UInt8(ascii: "}") && state == .keyOrClose {
        return close(true, at: base + i) ? i + 1 : nil
      }
      guard c == UInt8(ascii: "\"") else { return nil }
      stringIsKey = true
      // Keys are kept only where the layout needs them: the document's, and each task's.
      watching = stack.count == 1 || (inTasks && stack.count == 3)
      watchStart = i + 1
      captured.removeAll(keepingCapacity: true)
      state = .string
      return i + 1
    case .colon:
      guard c == UInt8(ascii: ":") else { return nil }
      state = .value
      return i + 1
    case .afterValue:
      guard let inObject = stack.last else { return nil }
      if c == UInt8(ascii: ",") {
        state = inObject ? .key : .value
        return i + 1
      }
      if c == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
        return close(inObject, at: base + i) ? i + 1 : nil
      }
      return nil
    case .end:
      return nil
    default:
      return nil
    }
  }

  private mutating func failAt(_ offset: Int, base: Int) -> Int? {
    // The caller reports `base + i`; an earlier offset (an escape begun in the last chunk)
    // is recorded here instead.
    syntaxError = offset
    return nil
  }

  private mutating func startLiteral(_ word: String) {
    literal = Array(word.utf8)
    literalIndex = 1
    state = .literal
  }

  private mutating func close(_ object: Bool, at offset: Int) -> Bool {
    guard stack.last == object else { return false }
    stack.removeLast()
    if stack.count == 1 && inTasks { inTasks = false }
    valueEnded(at: offset + 1)
    state = stack.isEmpty ? .end : .afterValue
    return true
  }

  static func hexDigit(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  // MARK: Structure

  private mutating func valueBegins(at offset: Int) {
    switch stack.count {
    case 0: break
    case 1: topStart = offset
    case 2: if inTasks { layout.taskCount += 1 }
    case 3:
      if inTasks && keyIsID {
        capturingID = true
        captured.removeAll(keepingCapacity: true)
      }
    default: break
    }
  }

  private mutating func containerOpened() {
    if stack.count == 1 { layout.rootIsObject = stack[0] }
    if stack.count == 2 && !stack[1] && topKey == "tasks" && !tasksSeen {
      inTasks = true
      tasksSeen = true
    }
  }

  private mutating func keyEnded() {
    if stack.count == 1 {
      topKey = InterchangeTaskDecoder.unescaped(captured)
    } else if inTasks && stack.count == 3 {
      keyIsID = captured == Self.idKey
    }
  }

  private static let idKey = Array("id".utf8)

  private mutating func numberEnded(at offset: Int) {
    if capturingID {
      capturingID = false
      if let v = InterchangeTaskDecoder.integer(captured) { layout.largestID = max(layout.largestID, v) }
    }
    valueEnded(at: offset)
  }

  private mutating func valueEnded(at offset: Int) {
    capturingID = false
    if stack.count == 1, let key = topKey {
      if layout.values[key] == nil { layout.values[key] = topStart..<offset }
      topKey = nil
    } else if stack.count == 3 && inTasks {
      keyIsID = false
    }
  }
}

/// Hands out the elements of a JSON list one at a time, each as contiguous bytes, reading
/// the source a chunk at a time: only the element being read and one chunk are held.
final class ElementSplitter {
  let source: any ChunkSource
  let chunkSize: Int
  private var buffer: [UInt8] = []
  private var position = 0
  private var fileOffset: Int
  private var atEnd = false
  private(set) var finished = false
  /// The bytes held: what is left of the chunks read and the element being read.
  var held: Int { buffer.count }

  /// Starts just after the list's opening bracket at `offset`.
  init(source: any ChunkSource, listStart offset: Int, chunkSize: Int) {
    self.source = source
    self.chunkSize = chunkSize
    fileOffset = offset + 1
  }

  /// Reads more bytes, dropping those already handed out; false at the end of the source.
  private func refill() throws -> Bool {
    if atEnd { return false }
    if position > 0 {
      buffer.removeSubrange(0..<position)
      position = 0
    }
    let more = try source.read(at: fileOffset, count: chunkSize)
    if more.isEmpty {
      atEnd = true
      return false
    }
    fileOffset += more.count
    buffer.append(contentsOf: more)
    return true
  }

  /// Calls `body` with the next element's bytes; returns false after the last one.
  func next<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
    guard !finished else { return nil }
    // Up to the element: white space and the comma before it.
    while true {
      while position < buffer.count
        && (buffer[position] == UInt8(ascii: ",") || buffer[position] == 0x20 || buffer[position] == 0x0A
          || buffer[position] == 0x0D || buffer[position] == 0x09)
      {
        position += 1
      }
      if position < buffer.count { break }
      guard try refill() else { throw JSONScan.Problem.syntax(offset: fileOffset) }
    }
    if buffer[position] == UInt8(ascii: "]") {
      finished = true
      return nil
    }
    // To the element's end, keeping the scan's place across refills.
    var i = position
    var depth = 0
    var inString = false
    var escaped = false
    let start = buffer[position]
    let scalar = start != UInt8(ascii: "{") && start != UInt8(ascii: "[") && start != UInt8(ascii: "\"")
    scan: while true {
      let found: Int? = buffer.withUnsafeBufferPointer { b in
        var k = i
        while k < b.count {
          let c = b[k]
          if inString {
            if escaped {
              escaped = false
            } else if c == UInt8(ascii: "\\") {
              escaped = true
            } else if c == UInt8(ascii: "\"") {
              inString = false
              if depth == 0 { return k + 1 }
            }
          } else if scalar {
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
              return k
            }
          } else {
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
              depth -= 1
              if depth == 0 { return k + 1 }
            default: break
            }
          }
          k += 1
        }
        i = k
        return nil
      }
      if let end = found {
        let result = try buffer.withUnsafeBufferPointer { b in
          try body(UnsafeBufferPointer(rebasing: b[position..<end]))
        }
        position = end
        return result
      }
      let before = position
      guard try refill() else { throw JSONScan.Problem.syntax(offset: fileOffset) }
      // The bytes before the element were dropped: the scan goes on where it stopped.
      i -= before
      continue scan
    }
  }
}
