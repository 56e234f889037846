/// Display width of text in terminal columns, measured per grapheme cluster without the locale.
///
/// Widths are those of the text as `Grid.put` draws it, i.e. after `DisplaySafe.sanitize`: a
/// zero-width space counts 1 because it is drawn as "·".
public enum TextWidth {
  /// Columns `s` occupies when drawn on one line.
  public static func width(_ s: String) -> Int {
    var ascii = 0
    var allPrintableASCII = true
    for byte in s.utf8 {
      guard byte >= 0x20 && byte < 0x7F else {
        allPrintableASCII = false
        break
      }
      ascii += 1
    }
    if allPrintableASCII { return ascii }
    // Vietnamese and other Latin text in NFC: every scalar is one column and one cluster,
    // so counting scalars is exact and far cheaper than walking grapheme clusters.
    var scalars = 0
    var simple = true
    for u in s.unicodeScalars {
      let v = u.value
      guard (0x20..<0x7F).contains(v) || (0xA0..<0x300).contains(v) || (0x1E00..<0x1F00).contains(v)
        || (0x2010..<0x2028).contains(v) || (0x2030..<0x205F).contains(v)
      else {
        simple = false
        break
      }
      scalars += 1
    }
    if simple { return scalars }
    let safe = DisplaySafe.sanitize(s)
    var total = 0
    for c in safe {
      total += clusterWidth(c)
    }
    return total
  }

  /// Columns one grapheme cluster occupies: 0 (only marks), 1, or 2 (wide or emoji).
  ///
  /// A cluster that sanitising would split (say "e" + ZWJ) reports the width of the pieces.
  public static func width(_ c: Character) -> Int {
    // asciiValue of "\r\n" is LF, so CRLF (drawn as ␍␊) takes the slow path too.
    if let value = c.asciiValue, value >= 0x20, value < 0x7F { return 1 }
    if DisplaySafe.needsSanitizing(c) {
      var total = 0
      for piece in DisplaySafe.sanitize(String(c)) {
        total += clusterWidth(piece)
      }
      return total
    }
    return clusterWidth(c)
  }

  /// Cuts `s` to at most `width` columns, ending with `ellipsis` when something was cut.
  ///
  /// Never splits a grapheme cluster: `("中文abc", 3)` gives `"中…"`.
  public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if self.width(s) <= width { return s }
    let ellipsisWidth = self.width(ellipsis)
    if ellipsisWidth > width {
      return prefix(ellipsis, fitting: width).text
    }
    return prefix(s, fitting: width - ellipsisWidth).text + ellipsis
  }

  /// Truncates `s` to `width` columns, then pads it with spaces to exactly `width` columns.
  public static func pad(_ s: String, to width: Int, alignRight: Bool = false) -> String {
    guard width > 0 else { return "" }
    let cut = truncate(s, to: width)
    let fill = String(repeating: " ", count: max(0, width - self.width(cut)))
    return alignRight ? fill + cut : cut + fill
  }

  /// Word-wraps `s` into lines of at most `width` columns.
  ///
  /// Breaks at spaces (dropping the spaces at the break), hard-breaks words longer than a line,
  /// and keeps explicit line breaks (an empty input line stays an empty line). A double-width
  /// character cannot fit a 1-column line and gets a line of its own. Returns `[]` for
  /// `width < 1`.
  public static func wrap(_ s: String, width: Int) -> [String] {
    guard width >= 1 else { return [] }
    var lines: [String] = []
    for paragraph in s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      wrapParagraph(paragraph, width: width, into: &lines)
    }
    return lines
  }

  /// The longest prefix of `s` within `width` columns, and its width.
  public static func prefix(_ s: String, fitting width: Int) -> (text: String, width: Int) {
    var used = 0
    var end = s.startIndex
    for index in s.indices {
      let w = self.width(s[index])
      if used + w > width { break }
      used += w
      end = s.index(after: index)
    }
    return (String(s[..<end]), used)
  }

  // MARK: - Wrapping

  private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String])
  {
    var line = ""
    var lineWidth = 0
    var spaces: Substring = ""
    var atParagraphStart = true
    for (isSpace, token) in tokens(paragraph) {
      if isSpace {
        spaces = token
        continue
      }
      // Spaces before the first word are indentation and stay; spaces at a wrap point go.
      var separator = line.isEmpty && !atParagraphStart ? "" : String(spaces)
      let tokenWidth = self.width(String(token))
      if lineWidth + self.width(separator) + tokenWidth > width {
        if !line.isEmpty {
          lines.append(line)
          line = ""
          lineWidth = 0
        }
        separator = ""
      }
      atParagraphStart = false
      spaces = ""
      if lineWidth + tokenWidth <= width {
        line += separator + token
        lineWidth += self.width(separator) + tokenWidth
        continue
      }
      // A word longer than a whole line is cut into line-sized pieces.
      var rest = token
      while self.width(String(rest)) > width {
        var piece = prefix(String(rest), fitting: width).text
        if piece.isEmpty {
          // Only a double-width character in a 1-column line gets here: it gets its own line.
          piece = String(rest[rest.startIndex])
        }
        lines.append(piece)
        rest = rest.dropFirst(piece.count)
      }
      line = String(rest)
      lineWidth = self.width(line)
    }
    lines.append(line)
  }

  /// Splits a paragraph into alternating runs of spaces and of non-space graphemes.
  private static func tokens(_ paragraph: Substring) -> [(isSpace: Bool, text: Substring)] {
    var result: [(Bool, Substring)] = []
    var start = paragraph.startIndex
    var current: Bool?
    for index in paragraph.indices {
      let isSpace = paragraph[index] == " "
      if let current, current != isSpace {
        result.append((current, paragraph[start..<index]))
        start = index
      }
      current = isSpace
    }
    if let current {
      result.append((current, paragraph[start...]))
    }
    return result
  }

  // MARK: - Per cluster

  /// Width of a cluster that needs no sanitising.
  static func clusterWidth(_ c: Character) -> Int {
    if c.isASCII { return 1 }
    var iterator = c.unicodeScalars.makeIterator()
    if let only = iterator.next()?.value, iterator.next() == nil {
      // Precomposed Latin and Vietnamese, CJK ideographs and Hangul syllables: the bulk of
      // what this app draws, answered without property lookups.
      if (0xA0..<0x300).contains(only) || (0x1E00...0x1EFF).contains(only) { return 1 }
      if (0x4E00...0x9FFF).contains(only) || (0xAC00...0xD7A3).contains(only) { return 2 }
    }
    var onlyZeroWidth = true
    var previousIsEmoji = false
    for scalar in c.unicodeScalars {
      // VS16 asks for emoji presentation of a text-default emoji (❤️, ©️, 1️⃣).
      if scalar.value == 0xFE0F && previousIsEmoji { return 2 }
      previousIsEmoji = scalar.properties.isEmoji
      // Checked before wideness: some combining marks are East Asian Wide (U+302A, U+3099).
      if isZeroWidth(scalar) { continue }
      if isWide(scalar) { return 2 }
      onlyZeroWidth = false
    }
    return onlyZeroWidth ? 0 : 1
  }

  /// East Asian Wide/Fullwidth or emoji presentation.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    guard v >= 0x1100 else { return false }
    if inWideTable(v) { return true }
    // Symbols glibc's wcwidth (and so ncurses and tmux) counts 2 although this Unicode
    // version does not: circled numbers on black squares, Yijing hexagrams.
    if (0x3248...0x324F).contains(v) || (0x4DC0...0x4DFF).contains(v) { return true }
    // Emoji added after the table's Unicode version all live in the supplementary planes.
    return v >= 0x1F000 && scalar.properties.isEmojiPresentation
  }

  /// Marks, format characters and conjoining Hangul vowels/finals: drawn on top of the previous column.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    guard v >= 0x300 else { return false }
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return scalar.properties.isVariationSelector
    }
  }

  static func inWideTable(_ v: UInt32) -> Bool {
    let table = wideRanges
    var low = 0
    var high = table.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let range = table[mid]
      if v < range.lowerBound {
        high = mid - 1
      } else if v > range.upperBound {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }
}
