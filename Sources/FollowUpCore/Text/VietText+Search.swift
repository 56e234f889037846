import Foundation

extension VietText {
  /// The search key (DOMAIN §4.2): no diacritics, đ → d, lowercase, single spaces, trimmed.
  ///
  /// Runs over every task at startup, so Latin text never touches Foundation: ASCII is
  /// handled inline and the Latin blocks Vietnamese uses go through a precomputed table.
  public static func fold(_ s: String) -> String {
    var out: [UInt8] = []
    fold(s, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the UTF-8 of `fold(s)` to `out`, walking the string's bytes directly.
  static func fold(_ s: String, into out: inout [UInt8]) {
    out.reserveCapacity(out.count + s.utf8.count)
    let base = out.count
    var pendingSpace = false
    let done: Void? = withUTF8(s) { p in
      let table = FoldTable.shared
      var i = 0
      while i < p.count {
        let (v, n) = decode(p, i)
        i += n
        let code = v < 0x80 ? FoldTable.asciiCode(UInt8(truncatingIfNeeded: v)) : table.code(v)
        switch code {
        case FoldTable.drop:
          continue
        case FoldTable.space:
          pendingSpace = true
        case FoldTable.keep:
          if pendingSpace && out.count > base { out.append(FoldTable.space) }
          pendingSpace = false
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[(i - n)..<i]))
        case FoldTable.slow:
          guard let u = Unicode.Scalar(v) else { continue }
          for folded in foldScalarSlowly(u) {
            if isSpaceLike(folded) || isLineBreak(folded) {
              pendingSpace = true
              continue
            }
            if pendingSpace && out.count > base { out.append(FoldTable.space) }
            pendingSpace = false
            UTF8.encode(folded) { out.append($0) }
          }
        default:
          if pendingSpace && out.count > base { out.append(FoldTable.space) }
          pendingSpace = false
          out.append(code)
        }
      }
    }
    // Strings without contiguous UTF-8 (bridged ones) are copied once to get it.
    if done == nil {
      var copy = s
      copy.makeContiguousUTF8()
      fold(copy, into: &out)
    }
  }

  /// The folded words of a text, split on everything that is not a letter or digit.
  ///
  /// `Sở KH&CN` gives `so`, `kh`, `cn`; `QĐ-UBND` gives `qd`, `ubnd`.
  public static func tokens(_ s: String) -> [String] {
    var result: [String] = []
    var scratch: [UInt8] = []
    appendTokens(of: s, to: &result, scratch: &scratch)
    return result
  }

  /// Appends the tokens of `s` to `result`, folding into `scratch` (reused between calls).
  static func appendTokens(of s: String, to result: inout [String], scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    fold(s, into: &scratch)
    scratch.withUnsafeBufferPointer { p in
      // The folded key is nearly all ASCII, so words are found byte by byte; other scalars
      // are decoded and asked about.
      var start = -1
      var i = 0
      while i < p.count {
        let b = p[i]
        let n: Int
        let word: Bool
        if b < 0x80 {
          n = 1
          word = (b &- 0x30) < 10 || (b &- 0x61) < 26 || (b &- 0x41) < 26
        } else {
          let (v, length) = decode(p, i)
          n = length
          if isUnspacedScript(v) {
            // Chinese and Japanese write no spaces between words: each character is a
            // token, so a phrase of characters matches wherever they stand together.
            if start >= 0 {
              result.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
              start = -1
            }
            result.append(String(decoding: UnsafeBufferPointer(rebasing: p[i..<(i + n)]), as: UTF8.self))
            i += n
            continue
          }
          word = Unicode.Scalar(v).map(isWordScalar) ?? false
        }
        if word {
          if start < 0 { start = i }
        } else if start >= 0 {
          result.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
          start = -1
        }
        i += n
      }
      if start >= 0 {
        result.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<p.count]), as: UTF8.self))
      }
    }
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

  /// Han ideographs and Japanese kana: scripts searched character by character.
  static func isUnspacedScript(_ v: UInt32) -> Bool {
    switch v {
    case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
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
/// or `keep` (it folds to itself), or `slow` when Foundation must be asked.
struct FoldTable: Sendable {
  static let keep: UInt8 = 0xFD
  static let drop: UInt8 = 0xFE
  static let slow: UInt8 = 0xFF
  static let space: UInt8 = 0x20

  /// Latin-1 Supplement, Latin Extended-A and -B, IPA, spacing modifiers, combining marks.
  static let lowLimit: UInt32 = 0x370
  /// Latin Extended Additional, where the precomposed Vietnamese vowels with tones live.
  static let extendedStart: UInt32 = 0x1E00
  static let extendedLimit: UInt32 = 0x1F00
  /// General Punctuation: the dashes, quotes and odd spaces of typeset documents ("–" is in
  /// most pasted Vietnamese text and would otherwise cost a Foundation call each time).
  static let punctuationStart: UInt32 = 0x2000
  static let punctuationLimit: UInt32 = 0x2070

  static let shared = FoldTable()

  let low: [UInt8]
  let extended: [UInt8]
  let punctuation: [UInt8]

  init() {
    low = (0..<FoldTable.lowLimit).map(FoldTable.computeCode)
    extended = (FoldTable.extendedStart..<FoldTable.extendedLimit).map(FoldTable.computeCode)
    punctuation = (FoldTable.punctuationStart..<FoldTable.punctuationLimit).map(FoldTable.computeCode)
  }

  /// The code for a non-ASCII scalar value.
  @inline(__always)
  func code(_ v: UInt32) -> UInt8 {
    if v < FoldTable.lowLimit { return low[Int(v)] }
    if v >= FoldTable.extendedStart && v < FoldTable.extendedLimit {
      return extended[Int(v - FoldTable.extendedStart)]
    }
    if v >= FoldTable.punctuationStart && v < FoldTable.punctuationLimit {
      return punctuation[Int(v - FoldTable.punctuationStart)]
    }
    return FoldTable.slow
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
    if only.value < 0x80 { return UInt8(truncatingIfNeeded: only.value) }
    return only == u ? keep : slow
  }
}
