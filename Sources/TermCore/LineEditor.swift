import Foundation

/// A single-line text field: the text (always NFC) and a cursor counted in grapheme clusters.
///
/// Typing NFD input (an IME or a terminal that sends "e", U+0323, U+0302 one by one) merges each
/// combining mark into the character before the cursor, so the field holds "ệ" and Backspace
/// removes the whole visible character.
public struct LineEditor: Hashable, Sendable {
  private var storage: String
  private var position: Int

  /// Creates a field holding `text` (cleaned and normalised) with the cursor at the end.
  public init(_ text: String = "") {
    storage = LineEditor.normalized(LineEditor.singleLine(text))
    position = storage.count
  }

  /// The text, NFC, without line breaks or control characters; setting it puts the cursor at the end.
  public var text: String {
    get { storage }
    set {
      storage = LineEditor.normalized(LineEditor.singleLine(newValue))
      position = storage.count
    }
  }

  /// Cursor position as a grapheme index, `0...text.count`; out-of-range values are clamped.
  public var cursor: Int {
    get { position }
    set { position = min(max(0, newValue), storage.count) }
  }

  /// True when the field is empty.
  public var isEmpty: Bool { storage.isEmpty }

  /// Applies an editing key; returns false for keys a field does not handle (Enter, Esc, Up…).
  ///
  /// Printable characters insert; Left/Right/Home/End and Ctrl-A/Ctrl-E move; Backspace and
  /// Ctrl-H delete before the cursor, Delete and Ctrl-D after; Ctrl-K kills to the end, Ctrl-U
  /// to the start, Ctrl-W the word before the cursor. Movement at an edge is still consumed.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .char(let c):
      guard !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
        return false
      }
      insert(String(c))
    case .left:
      cursor -= 1
    case .right:
      cursor += 1
    case .home, .ctrl("a"):
      cursor = 0
    case .end, .ctrl("e"):
      cursor = storage.count
    case .backspace, .ctrl("h"):
      if position > 0 {
        remove(graphemes: (position - 1)..<position)
      }
    case .delete, .ctrl("d"):
      if position < storage.count {
        remove(graphemes: position..<(position + 1))
      }
    case .ctrl("k"):
      remove(graphemes: position..<storage.count)
    case .ctrl("u"):
      remove(graphemes: 0..<position)
    case .ctrl("w"):
      let characters = Array(storage)
      var start = position
      while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
      while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
      remove(graphemes: start..<position)
    default:
      return false
    }
    return true
  }

  /// Inserts `s` at the cursor (a paste): line breaks and tabs become spaces, other controls go.
  public mutating func insert(_ s: String) {
    let clean = LineEditor.singleLine(s)
    guard !clean.isEmpty else { return }
    let split = storage.index(storage.startIndex, offsetBy: position)
    // Normalising the part up to the cursor first tells where the cursor ends up: a combining
    // mark merges into the grapheme before it, which leaves the grapheme count unchanged.
    let head = LineEditor.normalized(String(storage[..<split]) + clean)
    storage = LineEditor.normalized(head + storage[split...])
    position = min(head.count, storage.count)
  }

  /// The slice of text to show in a field `width` columns wide, and the cursor's column in it.
  ///
  /// Scrolls horizontally by display width (wide characters count 2) just enough to keep the
  /// cursor, and the whole character under it, inside the field.
  public func visible(width: Int) -> (text: String, cursorColumn: Int) {
    guard width > 0 else { return ("", 0) }
    let characters = Array(storage)
    let widths = characters.map { TextWidth.width($0) }
    let cursorColumn = widths[..<position].reduce(0, +)
    let underCursor = position < widths.count ? max(1, widths[position]) : 1
    var start = 0
    var hidden = 0
    while start < position && cursorColumn - hidden + underCursor > width {
      hidden += widths[start]
      start += 1
    }
    var end = start
    var used = 0
    while end < characters.count && used + widths[end] <= width {
      used += widths[end]
      end += 1
    }
    return (String(characters[start..<end]), cursorColumn - hidden)
  }

  private mutating func remove(graphemes range: Range<Int>) {
    guard !range.isEmpty else { return }
    let lower = storage.index(storage.startIndex, offsetBy: range.lowerBound)
    let upper = storage.index(lower, offsetBy: range.count)
    storage.removeSubrange(lower..<upper)
    // Removing a cluster can let its neighbours compose (conjoining Hangul jamo).
    storage = LineEditor.normalized(storage)
    position = min(range.lowerBound, storage.count)
  }

  /// Line breaks and tabs as spaces, other C0/C1 controls dropped.
  static func singleLine(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in s.unicodeScalars {
      let v = scalar.value
      defer { previousWasCR = v == 0x0D }
      switch v {
      case 0x0A where previousWasCR:
        continue
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
        out.append(" ")
      case 0x00..<0x20, 0x7F...0x9F:
        continue
      default:
        out.append(scalar)
      }
    }
    return String(out)
  }

  static func normalized(_ s: String) -> String {
    if s.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return s }
    return s.precomposedStringWithCanonicalMapping
  }
}
