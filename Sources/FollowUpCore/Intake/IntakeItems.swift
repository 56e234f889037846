/// A paragraph of a notice with the item label it stands under.
struct IntakeParagraph: Hashable {
  /// The label path, e.g. `II.2.b`; empty in running prose.
  var item: String
  /// How deep the label is (0 for prose).
  var depth: Int
  /// Whether the paragraph itself starts with a label (rather than continuing one).
  var labelled: Bool
  /// The text without its label.
  var text: String
}

/// Splits a notice into paragraphs and reads the labels that number them: `I.`, `1.`,
/// `1.2.`, `a)`, `–`, `+`. Labels are nested in the order their styles first appear, the
/// way a reader follows them.
enum IntakeItems {
  enum Style: Hashable { case roman, arabic, letter, dash, plus, bullet }

  static func paragraphs(_ text: String) -> [IntakeParagraph] {
    var out: [IntakeParagraph] = []
    var styles: [Style] = []
    var labels: [String] = []
    var bulletCount: [Int] = []
    for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let line = VietText.clean(String(raw))
      if line.isEmpty { continue }
      guard let (style, label, rest) = label(of: line) else {
        out.append(IntakeParagraph(
          item: labels.joined(separator: "."), depth: labels.count, labelled: false, text: line))
        continue
      }
      if let at = styles.firstIndex(of: style) {
        styles.removeSubrange((at + 1)...)
        labels.removeSubrange((at + 1)...)
        bulletCount.removeSubrange((at + 1)...)
        bulletCount[at] += 1
        labels[at] = label ?? String(bulletCount[at])
      } else {
        styles.append(style)
        bulletCount.append(1)
        labels.append(label ?? "1")
      }
      out.append(IntakeParagraph(
        item: labels.joined(separator: "."), depth: labels.count, labelled: true, text: rest))
    }
    return out
  }

  static let romans: Set<String> = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
  ]

  /// The label at the start of a line, its style, its text (nil for bullets) and the rest.
  static func label(of line: String) -> (Style, String?, String)? {
    let chars = Array(line)
    guard let first = chars.first else { return nil }
    func rest(from i: Int) -> String {
      VietText.clean(String(chars[min(i, chars.count)...]))
    }
    // Bullets: a dash, plus or dot followed by a space.
    let bullets: [Character: Style] = ["-": .dash, "\u{2013}": .dash, "\u{2014}": .dash, "+": .plus, "\u{2022}": .bullet, "*": .bullet]
    if let style = bullets[first], chars.count > 1, chars[1] == " " {
      return (style, nil, rest(from: 2))
    }
    // Roman numerals: `II.` or `II-`.
    var i = 0
    while i < chars.count, "IVX".contains(chars[i]) { i += 1 }
    if i > 0, i + 1 < chars.count, ".-)/".contains(chars[i]), chars[i + 1] == " ",
      romans.contains(String(chars[..<i]))
    {
      return (.roman, String(chars[..<i]), rest(from: i + 2))
    }
    // Arabic: `1.`, `1)`, `2.1.`, `2.1` followed by a space.
    i = 0
    var parts: [String] = []
    var current = ""
    while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." {
      if chars[i] == "." {
        if current.isEmpty { break }
        parts.append(current)
        current = ""
      } else {
        current.append(chars[i])
      }
      i += 1
    }
    let closed = current.isEmpty
    if !current.isEmpty { parts.append(current) }
    if !parts.isEmpty, parts.allSatisfy({ $0.count <= 2 }), i < chars.count {
      if chars[i] == ")", i + 1 < chars.count, chars[i + 1] == " " {
        return (.arabic, parts.joined(separator: "."), rest(from: i + 2))
      }
      if chars[i] == " ", closed || parts.count > 1 {
        return (.arabic, parts.joined(separator: "."), rest(from: i + 1))
      }
    }
    // Letters: `a)`, `b.`, `đ)`.
    if chars.count > 2, first.isLowercase, first.isLetter, ").".contains(chars[1]), chars[2] == " " {
      return (.letter, String(first), rest(from: 3))
    }
    return nil
  }
}

/// Whether a line starts with an item label, for tools that rejoin wrapped lines.
public enum IntakeItemsLabel {
  /// True when the line opens with `1.`, `a)`, `II.`, `–` and the like.
  public static func isLabelled(_ line: String) -> Bool { IntakeItems.label(of: line) != nil }
}
