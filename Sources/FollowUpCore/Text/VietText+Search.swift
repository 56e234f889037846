import Foundation

extension VietText {
  /// The search key (DOMAIN §4.2): no diacritics, đ → d, lowercase, single spaces, trimmed.
  ///
  /// Runs over every task at startup, so Latin text never touches Foundation: ASCII is
  /// handled inline and the Latin blocks Vietnamese uses go through a precomputed table.
  public static func fold(_ s: String) -> String {
    let table = FoldTable.shared
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    var pendingSpace = false

    for u in s.unicodeScalars {
      let v = u.value
      let code: UInt8
      if v < 0x80 {
        code = FoldTable.asciiCode(UInt8(truncatingIfNeeded: v))
      } else if v < FoldTable.lowLimit {
        code = table.low[Int(v)]
      } else if v >= FoldTable.extendedStart && v < FoldTable.extendedLimit {
        code = table.extended[Int(v - FoldTable.extendedStart)]
      } else {
        code = FoldTable.slow
      }

      switch code {
      case FoldTable.drop:
        continue
      case FoldTable.space:
        pendingSpace = true
      case FoldTable.slow:
        for folded in foldScalarSlowly(u) {
          if isSpaceLike(folded) || isLineBreak(folded) {
            pendingSpace = true
            continue
          }
          if pendingSpace && !out.isEmpty { out.append(FoldTable.space) }
          pendingSpace = false
          UTF8.encode(folded) { out.append($0) }
        }
      default:
        if pendingSpace && !out.isEmpty { out.append(FoldTable.space) }
        pendingSpace = false
        out.append(code)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The folded words of a text, split on everything that is not a letter or digit.
  ///
  /// `Sở KH&CN` gives `so`, `kh`, `cn`; `QĐ-UBND` gives `qd`, `ubnd`.
  public static func tokens(_ s: String) -> [String] {
    let scalars = fold(s).unicodeScalars
    var result: [String] = []
    // Slicing by index copies each token once instead of growing it scalar by scalar.
    var start: String.Index?
    var i = scalars.startIndex
    while i < scalars.endIndex {
      if isWordScalar(scalars[i]) {
        if start == nil { start = i }
      } else if let tokenStart = start {
        result.append(String(scalars[tokenStart..<i]))
        start = nil
      }
      scalars.formIndex(after: &i)
    }
    if let tokenStart = start { result.append(String(scalars[tokenStart..<scalars.endIndex])) }
    return result
  }

  /// Whether `phrase` occurs as consecutive whole tokens of `haystack`.
  ///
  /// Whole tokens keep `doan` from matching `doanh`. With `lastIsPrefix` the last phrase token
  /// may be the start of a token, for search-as-you-type. An empty phrase matches everything.
  public static func matchesPhrase(
    _ haystack: [String], _ phrase: [String], lastIsPrefix: Bool = false
  ) -> Bool {
    guard !phrase.isEmpty else { return true }
    guard haystack.count >= phrase.count else { return false }
    let lastIndex = phrase.count - 1
    for start in 0...(haystack.count - phrase.count) {
      var matched = true
      for (offset, wanted) in phrase.enumerated() {
        let token = haystack[start + offset]
        let ok = (lastIsPrefix && offset == lastIndex) ? token.hasPrefix(wanted) : token == wanted
        if !ok {
          matched = false
          break
        }
      }
      if matched { return true }
    }
    return false
  }

  /// The same key as `fold`, computed the slow, obvious way with Foundation over the whole string.
  ///
  /// Kept as the specification the fast path is tested against.
  static func foldReference(_ s: String) -> String {
    var kept = String.UnicodeScalarView()
    for u in s.decomposedStringWithCanonicalMapping.unicodeScalars {
      if u.properties.generalCategory == .nonspacingMark { continue }
      if isDStroke(u) {
        kept.append("d")
      } else if isSpaceLike(u) || isLineBreak(u) {
        kept.append(" ")
      } else {
        kept.append(u)
      }
    }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in String(kept).lowercased().unicodeScalars {
      if u == " " {
        pendingSpace = true
        continue
      }
      if pendingSpace && !out.isEmpty { out.append(" ") }
      pendingSpace = false
      out.append(u)
    }
    return String(out)
  }

  // One scalar's fold without space handling: NFD, drop Mn, đ → d, lowercase.
  static func foldScalarSlowly(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
    if isDStroke(u) { return ["d"] }
    var kept = String.UnicodeScalarView()
    for part in String(u).decomposedStringWithCanonicalMapping.unicodeScalars
    where part.properties.generalCategory != .nonspacingMark {
      kept.append(isDStroke(part) ? "d" : part)
    }
    return Array(String(kept).lowercased().unicodeScalars)
  }

  // Đ, đ and the look-alike Ð (ETH) have no decomposition, so NFD alone leaves them.
  static func isDStroke(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x110, 0x111, 0xD0: return true
    default: return false
    }
  }

  // Letters and digits make up tokens; everything else separates them.
  static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    case 0x00..<0x80: return false
    default:
      let p = u.properties
      return p.isAlphabetic || p.generalCategory == .decimalNumber
    }
  }
}

/// Per-scalar fold results for the blocks Vietnamese text lives in, built once on first use.
///
/// Each entry is the single ASCII byte the scalar folds to, or `drop` (a combining mark),
/// or `slow` when the result is not one ASCII byte and Foundation must be asked.
struct FoldTable: Sendable {
  static let drop: UInt8 = 0xFE
  static let slow: UInt8 = 0xFF
  static let space: UInt8 = 0x20

  /// Latin-1 Supplement, Latin Extended-A and -B, IPA, spacing modifiers, combining marks.
  static let lowLimit: UInt32 = 0x370
  /// Latin Extended Additional, where the precomposed Vietnamese vowels with tones live.
  static let extendedStart: UInt32 = 0x1E00
  static let extendedLimit: UInt32 = 0x1F00

  static let shared = FoldTable()

  let low: [UInt8]
  let extended: [UInt8]

  init() {
    low = (0..<FoldTable.lowLimit).map(FoldTable.computeCode)
    extended = (FoldTable.extendedStart..<FoldTable.extendedLimit).map(FoldTable.computeCode)
  }

  @inline(__always)
  static func asciiCode(_ b: UInt8) -> UInt8 {
    switch b {
    case 0x41...0x5A: return b &+ 0x20
    case 0x09...0x0D, 0x20: return space
    default: return b
    }
  }

  static func computeCode(_ value: UInt32) -> UInt8 {
    guard let u = Unicode.Scalar(value) else { return slow }
    let folded = VietText.foldScalarSlowly(u)
    guard let only = folded.first else { return drop }
    guard folded.count == 1 else { return slow }
    if VietText.isSpaceLike(only) || VietText.isLineBreak(only) { return space }
    return only.value < 0x80 ? UInt8(truncatingIfNeeded: only.value) : slow
  }
}
