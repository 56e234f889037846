import Foundation
import FollowUpCore
import TermCore

/// A plain-text table aligned by display width, so Vietnamese, combining marks and wide
/// characters keep every column straight.
struct TextTable {
  /// A column: its title, alignment and an optional width cap.
  struct Column {
    var title: String
    var alignRight = false
    var maxWidth: Int? = nil
  }

  var columns: [Column]
  var rows: [[String]] = []
  /// Rows after which a rule is drawn (e.g. before totals).
  var rulesBefore: Set<Int> = []

  /// Renders with one space of padding between columns; control characters are made
  /// visible so no cell can drive the terminal.
  func render(fitting width: Int? = nil) -> String {
    let safeRows = rows.map { $0.map { DisplaySafe.sanitize($0) } }
    var widths = columns.map { TextWidth.width($0.title) }
    for row in safeRows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], TextWidth.width(cell))
      }
    }
    for (i, c) in columns.enumerated() { if let m = c.maxWidth { widths[i] = min(widths[i], m) } }
    if let width, let last = widths.indices.last {
      let others = widths.dropLast().reduce(0, +) + (widths.count - 1) * 2
      widths[last] = max(8, min(widths[last], width - others))
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, c) in columns.enumerated() {
        let cell = i < cells.count ? cells[i] : ""
        let isLast = i == columns.count - 1
        if isLast && !c.alignRight {
          parts.append(TextWidth.truncate(cell, to: widths[i]))
        } else {
          parts.append(TextWidth.pad(cell, to: widths[i], alignRight: c.alignRight))
        }
      }
      return parts.joined(separator: "  ")
    }
    var out = [line(columns.map(\.title))]
    out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
    for (i, r) in safeRows.enumerated() {
      if rulesBefore.contains(i) {
        out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
      }
      out.append(line(r))
    }
    return out.map(Self.trimmingTrailingSpaces).joined(separator: "\n")
  }

  /// The line without the spaces padding its end.
  static func trimmingTrailingSpaces(_ line: String) -> String {
    var end = line.utf8.endIndex
    while end > line.utf8.startIndex, line.utf8[line.utf8.index(before: end)] == 0x20 {
      end = line.utf8.index(before: end)
    }
    return String(line.utf8[..<end]) ?? line
  }
}
