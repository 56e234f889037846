import Foundation

/// Vietnamese text rules: input normalisation, folded search keys, token matching, collation.
public enum VietText {
  /// Normalises a single-line field: NFC, every space or line break becomes one plain space, trimmed.
  ///
  /// Pasted text brings NBSP, narrow and figure spaces, tabs and line breaks; left alone they
  /// make equal names compare unequal and break column layout.
  public static func clean(_ s: String) -> String {
    // Imports clean every field of every record; nearly all are already NFC and tidy, and
    // Foundation's normalisation costs microseconds per string, so it is asked only when a
    // scalar could change under NFC.
    switch withUTF8(s, cleanQuickly) {
    case .unchanged: return s
    case .changed(let cleaned): return cleaned
    case .needsFoundation, nil: return cleanReference(s)
    }
  }

  /// Normalises a multi-line field: NFC, LF line ends, plain spaces, no trailing blanks.
  ///
  /// Leading spaces inside the text are kept because people indent lists in notes.
  public static func cleanMultiline(_ s: String) -> String {
    switch withUTF8(s, cleanMultilineQuickly) {
    case .unchanged: return s
    case .changed(let cleaned): return cleaned
    case .needsFoundation, nil: return cleanMultilineReference(s)
    }
  }

  /// The first control character (C0 or C1 other than LF and TAB, or DEL), so input can be refused.
  public static func controlCharacter(in s: String) -> Unicode.Scalar? {
    // One pass over the UTF-8 bytes: C0 and DEL are single bytes, and C1 (U+0080–U+009F)
    // is always encoded as 0xC2 followed by 0x80–0x9F (0xC2 is never a continuation byte).
    let found: UInt8?? = withUTF8(s) { p in
      let ones: UInt64 = 0x0101_0101_0101_0101
      var i = 0
      while i < p.count {
        // Whole words with no byte below 0x20, no DEL and no 0xC2 are skipped (exact SWAR
        // tests); a word that has one is looked at byte by byte.
        if i + 8 <= p.count, let base = p.baseAddress {
          let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
          let del = w ^ (ones &* 0x7F)
          let c2 = w ^ (ones &* 0xC2)
          let flags = ((w &- ones &* 0x20) & ~w) | ((del &- ones) & ~del) | ((c2 &- ones) & ~c2)
          if flags & (ones &* 0x80) == 0 {
            i += 8
            continue
          }
        }
        let stop = min(i + 8, p.count)
        while i < stop {
          let b = p[i]
          switch b {
          case 0x09, 0x0A: break
          case 0x00...0x1F, 0x7F: return b
          case 0xC2 where i + 1 < p.count && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F: return p[i + 1]
          default: break
          }
          i += 1
        }
      }
      return nil
    }
    switch found {
    case .some(let b): return b.map { Unicode.Scalar($0) }
    case .none:
      return s.unicodeScalars.first { u in
        switch u.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
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

  // MARK: The specification

  /// `clean` computed the obvious way: Foundation NFC, then the space rules scalar by scalar.
  ///
  /// Kept as the specification the fast path is tested against, and used for any string
  /// the fast path cannot prove is already NFC.
  static func cleanReference(_ s: String) -> String {
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

  /// `cleanMultiline` computed the obvious way; the specification for the fast path.
  static func cleanMultilineReference(_ s: String) -> String {
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

  private static func trimmingTrailingSpaces(_ line: String.UnicodeScalarView) -> String {
    var view = line
    while view.last == " " { view.removeLast() }
    return String(view)
  }

  // MARK: The fast path

  /// What a quick clean found.
  enum QuickClean {
    /// The text is NFC and already follows the rules: return it as it is, no copy.
    case unchanged
    /// The text is NFC; this is it with the rules applied.
    case changed(String)
    /// Some scalar might change under NFC: only Foundation can say.
    case needsFoundation
  }

  /// Whether a scalar is certainly left alone by NFC wherever it stands.
  ///
  /// Every scalar in these ranges has NFC_Quick_Check=Yes and canonical combining class 0:
  /// it is not decomposed, never composes with what precedes it, and does not reorder. A
  /// string made only of such scalars is therefore NFC already, and stays NFC when some of
  /// them are replaced by U+0020 or removed. The ranges hold what Vietnamese text uses
  /// (Latin-1, Latin Extended-A/B for ă đ ơ ư, Latin Extended Additional for the toned
  /// vowels), typographic punctuation and spaces, the đồng sign and common CJK.
  /// `VietTextTests` checks each claim against Foundation for every scalar in them.
  @inline(__always)
  static func isQuicklyNFC(_ v: UInt32) -> Bool {
    switch v {
    case 0..<0x300, 0x1E00...0x1EFF, 0x2002...0x205F, 0x20A0...0x20BF, 0x3000...0x3029,
      0x4E00...0x9FFF:
      return true
    default:
      return false
    }
  }

  /// `isSpaceLike || isLineBreak` for the non-ASCII scalars `isQuicklyNFC` accepts.
  @inline(__always)
  static func isQuickSpace(_ v: UInt32) -> Bool {
    switch v {
    case 0x85, 0xA0, 0x2002...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }

  /// Runs `body` over the string's UTF-8 bytes in place; nil only for strings with no
  /// contiguous UTF-8 (bridged ones), which then take the reference path.
  @inline(__always)
  static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    s.utf8.withContiguousStorageIfAvailable(body)
  }

  /// The next scalar of valid UTF-8 at `i`: its value and its length in bytes.
  @inline(__always)
  static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    // A Swift String is valid UTF-8, so the continuation bytes are there; reading them
    // through the buffer keeps every access bounds-checked all the same.
    if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
    if b0 < 0xF0 {
      return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    return (
      (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
        | UInt32(p[i + 3] & 0x3F), 4
    )
  }

  /// `clean` without Foundation, for text the quick check proves is NFC.
  static func cleanQuickly(_ p: UnsafeBufferPointer<UInt8>) -> QuickClean {
    // First pass: prove NFC and find out whether anything needs to change at all.
    var i = 0
    var changes = false
    var afterSpace = true  // a space at the very start is trimmed
    while i < p.count {
      let b = p[i]
      if b < 0x80 {
        switch b {
        case 0x20:
          if afterSpace { changes = true }
          afterSpace = true
        case 0x09...0x0D:
          changes = true
          afterSpace = true
        default:
          afterSpace = false
        }
        i += 1
        continue
      }
      let (v, n) = decode(p, i)
      guard isQuicklyNFC(v) else { return .needsFoundation }
      if isQuickSpace(v) {
        changes = true
        afterSpace = true
      } else {
        afterSpace = false
      }
      i += n
    }
    if afterSpace && !p.isEmpty { changes = true }
    guard changes else { return .unchanged }

    // Second pass: every run of spaces and breaks becomes one U+0020 between words.
    var out: [UInt8] = []
    out.reserveCapacity(p.count)
    var pendingSpace = false
    i = 0
    while i < p.count {
      let b = p[i]
      let n: Int
      let space: Bool
      if b < 0x80 {
        n = 1
        space = b == 0x20 || (b >= 0x09 && b <= 0x0D)
      } else {
        let (v, length) = decode(p, i)
        n = length
        space = isQuickSpace(v)
      }
      if space {
        pendingSpace = true
      } else {
        if pendingSpace && !out.isEmpty { out.append(0x20) }
        pendingSpace = false
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + n)]))
      }
      i += n
    }
    return .changed(String(decoding: out, as: UTF8.self))
  }

  /// `cleanMultiline` without Foundation, for text the quick check proves is NFC.
  static func cleanMultilineQuickly(_ p: UnsafeBufferPointer<UInt8>) -> QuickClean {
    // First pass: prove NFC, and look for anything the rules would change: a break other
    // than LF, a space other than U+0020, a space before a break or at the end, or a blank
    // first or last line.
    var i = 0
    var changes = false
    var firstLine = true
    var lineHasText = false
    var previousWasSpace = false
    while i < p.count {
      let b = p[i]
      var n = 1
      var v = UInt32(b)
      if b >= 0x80 {
        (v, n) = decode(p, i)
        guard isQuicklyNFC(v) else { return .needsFoundation }
      }
      switch v {
      case 0x0A:
        if previousWasSpace || (firstLine && !lineHasText) { changes = true }
        firstLine = false
        lineHasText = false
        previousWasSpace = false
      case 0x20:
        previousWasSpace = true
      case 0x09, 0x0B, 0x0C, 0x0D:
        changes = true
      default:
        if v >= 0x80 && isQuickSpace(v) {
          changes = true
        } else {
          lineHasText = true
          previousWasSpace = false
        }
      }
      i += n
    }
    if !p.isEmpty && (previousWasSpace || !lineHasText) { changes = true }
    guard changes else { return .unchanged }

    // Second pass: the reference algorithm over bytes. Each line's trailing spaces are cut
    // when the line ends; blank lines at either end are the LFs left at either end.
    var out: [UInt8] = []
    out.reserveCapacity(p.count)
    var lineEnd = 0  // the end of the current line's text, before any trailing spaces
    var previousWasCR = false
    i = 0
    while i < p.count {
      let (v, n) = decode(p, i)
      defer { i += n }
      // CRLF is one break, not two.
      if v == 0x0A && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = v == 0x0D
      switch v {
      case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
        out.removeLast(out.count - lineEnd)
        out.append(0x0A)
        lineEnd = out.count
      case 0x20, 0x09, 0x0B, 0x0C:
        out.append(0x20)
      default:
        if v >= 0x80 && isQuickSpace(v) {
          out.append(0x20)
        } else {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + n)]))
          lineEnd = out.count
        }
      }
    }
    out.removeLast(out.count - lineEnd)
    var start = 0
    while start < out.count && out[start] == 0x0A { start += 1 }
    var end = out.count
    while end > start && out[end - 1] == 0x0A { end -= 1 }
    return .changed(String(decoding: out[start..<end], as: UTF8.self))
  }
}
