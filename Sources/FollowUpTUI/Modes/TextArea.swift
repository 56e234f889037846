import TermCore

/// A field of several lines, for a notice pasted or typed in: each line is a `LineEditor`
/// (so a line edits as every other field does), Enter splits a line, Backspace at a line's
/// start joins it to the one before, ↑/↓ move between lines.
public struct TextArea: Equatable, Sendable {
  /// The lines, never empty.
  public private(set) var lines: [LineEditor]
  /// The line with the cursor.
  public private(set) var row: Int

  /// Creates an area holding `text` with the cursor at its end.
  public init(_ text: String = "") {
    lines = [LineEditor()]
    row = 0
    insert(text)
  }

  /// The whole text, lines joined by line breaks.
  public var text: String { lines.map(\.text).joined(separator: "\n") }

  /// Whether nothing but blanks was typed.
  public var isBlank: Bool { lines.allSatisfy { $0.text.allSatisfy(\.isWhitespace) } }

  /// The cursor's column in grapheme clusters on its line.
  public var column: Int { lines[row].cursor }

  /// Applies an editing key; returns false for keys the area does not use (Esc, Tab, Ctrl-S…).
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .enter:
      let line = Array(lines[row].text)
      let head = String(line[..<lines[row].cursor]), tail = String(line[lines[row].cursor...])
      lines[row] = LineEditor(head)
      var next = LineEditor(tail)
      next.cursor = 0
      lines.insert(next, at: row + 1)
      row += 1
    case .up:
      go(to: row - 1)
    case .down:
      go(to: row + 1)
    case .pageUp:
      go(to: row - 10)
    case .pageDown:
      go(to: row + 10)
    case .backspace, .ctrl("h"):
      guard lines[row].cursor == 0 else { return lines[row].handle(key) }
      guard row > 0 else { return true }
      let joined = lines[row - 1].text.count
      var merged = LineEditor(lines[row - 1].text + lines[row].text)
      merged.cursor = joined
      lines.remove(at: row)
      row -= 1
      lines[row] = merged
    case .delete, .ctrl("d"):
      guard lines[row].cursor == lines[row].text.count, row + 1 < lines.count else { return lines[row].handle(key) }
      let at = lines[row].cursor
      var merged = LineEditor(lines[row].text + lines[row + 1].text)
      merged.cursor = at
      lines.remove(at: row + 1)
      lines[row] = merged
    default:
      return lines[row].handle(key)
    }
    return true
  }

  /// Inserts text at the cursor, its line breaks (`\n`, `\r\n`, `\r`) starting new lines.
  public mutating func insert(_ text: String) {
    let pieces = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = pieces.first else { return }
    if pieces.count == 1 {
      lines[row].insert(first)
      return
    }
    let line = Array(lines[row].text)
    let head = String(line[..<lines[row].cursor]), tail = String(line[lines[row].cursor...])
    var added = [LineEditor(head + first)]
    added += pieces.dropFirst().dropLast().map { LineEditor($0) }
    let last = pieces[pieces.count - 1]
    var end = LineEditor(last + tail)
    end.cursor = LineEditor(last).text.count
    added.append(end)
    lines.replaceSubrange(row...row, with: added)
    row += added.count - 1
  }

  /// The first line to show in a window `height` lines tall so the cursor's line is in it.
  public func top(height: Int) -> Int { max(0, row - max(1, height) + 1) }

  mutating func go(to target: Int) {
    let column = lines[row].cursor
    row = max(0, min(lines.count - 1, target))
    lines[row].cursor = column
  }
}
