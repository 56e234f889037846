import Foundation

/// Vietnamese text rules: input normalisation, folded search keys, token matching, collation.
public enum VietText {
  /// Normalises a single-line field: NFC, every space or line break becomes one plain space, trimmed.
  ///
  /// Pasted text brings NBSP, narrow and figure spaces, tabs and line breaks; left alone they
  /// make equal names compare unequal and break column layout.
  public static func clean(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in s.precomposedStringWithCanonicalMapping.unicodeScalars {
      if isSpaceLike(u) || isLineBreak(u) {
        pendingSpace = true
        continue
      }
      if pendingSpace && !out.isEmpty { out.append(" ") }
      pendingSpace = false
      out.append(u)
    }
    return String(out)
  }

  /// Normalises a multi-line field: NFC, LF line ends, plain spaces, no trailing blanks.
  ///
  /// Leading spaces inside the text are kept because people indent lists in notes.
  public static func cleanMultiline(_ s: String) -> String {
    var lines: [String] = []
    var line = String.UnicodeScalarView()
    var previousWasCR = false
    for u in s.precomposedStringWithCanonicalMapping.unicodeScalars {
      // CRLF is one break, not two.
      if u == "\n" && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = u == "\r"
      if isLineBreak(u) {
        lines.append(trimmingTrailingSpaces(line))
        line = String.UnicodeScalarView()
      } else {
        line.append(isSpaceLike(u) ? " " : u)
      }
    }
    lines.append(trimmingTrailingSpaces(line))
    while let first = lines.first, first.isEmpty { lines.removeFirst() }
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  /// The first control character (C0 or C1 other than LF and TAB, or DEL), so input can be refused.
  public static func controlCharacter(in s: String) -> Unicode.Scalar? {
    s.unicodeScalars.first { u in
      switch u.value {
      case 0x09, 0x0A: return false
      case 0x00...0x1F, 0x7F...0x9F: return true
      default: return false
      }
    }
  }

  // Spaces that are not line breaks: ASCII space, TAB, VT, FF and every Zs scalar
  // (NBSP U+00A0, figure space U+2007, narrow NBSP U+202F, ideographic space …).
  static func isSpaceLike(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x20, 0x09, 0x0B, 0x0C: return true
    case 0x00..<0x80: return false
    default: return u.properties.generalCategory == .spaceSeparator
    }
  }

  // LF, CR, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
  static func isLineBreak(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  private static func trimmingTrailingSpaces(_ line: String.UnicodeScalarView) -> String {
    var view = line
    while view.last == " " { view.removeLast() }
    return String(view)
  }
}
