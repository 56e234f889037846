import Foundation

/// A precomputed Vietnamese collation key (DOMAIN §4.5): compare keys instead of strings when sorting many.
///
/// Order: syllable by syllable, the letters in Vietnamese alphabet order then the tone; a
/// shorter sequence first; then case (lowercase first); then the original string, so that
/// distinct strings never tie. Tone placement (hòa/hoà) only matters at that last step.
public struct VietSortKey: Comparable, Hashable, Sendable {
  // Per syllable: letter weights, 0, tone rank + 1, weights of other marks, 0.
  // The fixed layout lets one lexicographic comparison do letters-then-tone per syllable.
  let primary: [UInt32]
  // One entry per letter: 0 lowercase, 1 uppercase.
  let cases: [UInt8]
  let original: String

  /// Orders two keys as the strings they came from should be ordered.
  public static func < (a: VietSortKey, b: VietSortKey) -> Bool {
    if a.primary != b.primary { return a.primary.lexicographicallyPrecedes(b.primary) }
    if a.cases != b.cases { return a.cases.lexicographicallyPrecedes(b.cases) }
    return a.original < b.original
  }

  // Equal in everything but the original spelling: what "same name" means for duplicates.
  func equalsIgnoringOriginal(_ other: VietSortKey) -> Bool {
    primary == other.primary && cases == other.cases
  }
}

extension VietText {
  /// The collation key of a string; see `VietSortKey` for the order it gives.
  ///
  /// Text made of ASCII and precomposed Latin letters (nearly all Vietnamese text) is read
  /// through a table; anything else, including loose combining marks, goes through Foundation's
  /// NFD so that canonically equal strings always get equal keys.
  public static func sortKey(_ s: String) -> VietSortKey {
    var builder = SortKeyBuilder()
    let table = CollationTable.shared
    for u in s.unicodeScalars {
      guard let entry = table.entry(u), builder.add(entry) else {
        return sortKeySlowly(s)
      }
    }
    builder.endSyllable()
    return VietSortKey(primary: builder.primary, cases: builder.cases, original: s)
  }

  // The specification of `sortKey`: NFD the whole string, then read it scalar by scalar.
  static func sortKeySlowly(_ s: String) -> VietSortKey {
    var builder = SortKeyBuilder()
    for u in s.decomposedStringWithCanonicalMapping.unicodeScalars {
      builder.add(u)
    }
    builder.endSyllable()
    return VietSortKey(primary: builder.primary, cases: builder.cases, original: s)
  }

  /// Whether `a` sorts before `b` in Vietnamese order (a ready-made `sorted(by:)` predicate).
  public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
    sortKey(a) < sortKey(b)
  }

  /// Vietnamese list order for people: given name, then family name, then middle name; titles ignored.
  public static func peopleInGivenNameOrder(_ a: Person, _ b: Person) -> Bool {
    partsInOrder([a.given, a.family, a.middle], a.ref, [b.given, b.family, b.middle], b.ref)
  }

  /// Order by the full name as read (family, middle, given), syllable by syllable; titles ignored.
  public static func peopleInFullNameOrder(_ a: Person, _ b: Person) -> Bool {
    partsInOrder([a.fullName], a.ref, [b.fullName], b.ref)
  }

  // Compares the letters and tones of every part before looking at case or spelling of any,
  // so that "Thuỷ"/"Thủy" in the given name does not outrank a different family name.
  private static func partsInOrder(
    _ aParts: [String], _ aRef: String, _ bParts: [String], _ bRef: String
  ) -> Bool {
    let ka = aParts.map(sortKey)
    let kb = bParts.map(sortKey)
    for (x, y) in zip(ka, kb) where x.primary != y.primary {
      return x.primary.lexicographicallyPrecedes(y.primary)
    }
    for (x, y) in zip(ka, kb) where x.cases != y.cases {
      return x.cases.lexicographicallyPrecedes(y.cases)
    }
    for (x, y) in zip(ka, kb) where x.original != y.original {
      return x.original < y.original
    }
    return aRef < bRef
  }
}

/// Accumulates a sort key from NFD scalars, one syllable at a time.
struct SortKeyBuilder {
  var primary: [UInt32] = []
  var cases: [UInt8] = []
  private var letters: [UInt32] = []
  private var tone: UInt32 = 0
  private var otherMarks: [UInt32] = []

  // a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z
  private static let alphabet: [UInt32] = [
    0x61, 0x103, 0xE2, 0x62, 0x63, 0x64, 0x111, 0x65, 0xEA, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B,
    0x6C, 0x6D, 0x6E, 0x6F, 0xF4, 0x1A1, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x1B0, 0x76, 0x77,
    0x78, 0x79, 0x7A,
  ]
  private static let alphabetRank: [UInt32: UInt32] = {
    var ranks: [UInt32: UInt32] = [:]
    for (i, v) in alphabet.enumerated() { ranks[v] = UInt32(i) }
    return ranks
  }()

  mutating func add(_ u: Unicode.Scalar) {
    switch SortKeyBuilder.role(of: u) {
    case .mark: addMark(u)
    case .separator: endSyllable()
    case .ignored: break
    case .letter: addLetter(u)
    }
  }

  /// Adds a precomputed table entry; false when the entry cannot be used (a loose mark,
  /// or a letter the table does not cover), and the caller must start over slowly.
  mutating func add(_ entry: CollationEntry) -> Bool {
    switch entry.kind {
    case .separator:
      endSyllable()
    case .ignored:
      break
    case .letter:
      letters.append(entry.letter)
      cases.append(entry.upper ? 1 : 0)
      if let mark = entry.toneMark, let rank = SortKeyBuilder.toneRank(mark) {
        if tone == 0 { tone = rank } else { otherMarks.append(mark) }
      }
    case .slow:
      return false
    }
    return true
  }

  enum Role { case mark, separator, ignored, letter }

  static func role(of u: Unicode.Scalar) -> Role {
    switch u.properties.generalCategory {
    case .nonspacingMark:
      return .mark
    case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return .separator
    case .format:
      // Zero-width joiners and the like are invisible; they must not change the order.
      return .ignored
    default:
      return .letter
    }
  }

  mutating func endSyllable() {
    guard !letters.isEmpty else { return }
    for v in letters { primary.append(SortKeyBuilder.weight(v)) }
    primary.append(0)
    primary.append(tone + 1)
    for m in otherMarks { primary.append(0x11_0000 + m) }
    primary.append(0)
    letters.removeAll(keepingCapacity: true)
    otherMarks.removeAll(keepingCapacity: true)
    tone = 0
  }

  private mutating func addLetter(_ u: Unicode.Scalar) {
    let isUpper = u.properties.isUppercase
    if VietText.isDStroke(u) {
      letters.append(0x111)
      cases.append(isUpper ? 1 : 0)
      return
    }
    for lower in u.properties.lowercaseMapping.unicodeScalars {
      letters.append(lower.value)
      cases.append(isUpper ? 1 : 0)
    }
  }

  private mutating func addMark(_ u: Unicode.Scalar) {
    // A mark with nothing to sit on carries no letter or tone.
    guard let last = letters.last else { return }
    if let rank = SortKeyBuilder.toneRank(u.value) {
      if tone == 0 {
        tone = rank
      } else {
        otherMarks.append(u.value)
      }
    } else if let modified = SortKeyBuilder.modify(last, with: u.value) {
      letters[letters.count - 1] = modified
    } else {
      otherMarks.append(u.value)
    }
  }

  // ngang 0 < huyền < hỏi < ngã < sắc < nặng.
  static func toneRank(_ mark: UInt32) -> UInt32? {
    switch mark {
    case 0x300: return 1
    case 0x309: return 2
    case 0x303: return 3
    case 0x301: return 4
    case 0x323: return 5
    default: return nil
    }
  }

  // Breve, circumflex and horn make new letters (ă â ê ô ơ ư), not tones.
  static func modify(_ letter: UInt32, with mark: UInt32) -> UInt32? {
    switch (letter, mark) {
    case (0x61, 0x306): return 0x103
    case (0x61, 0x302): return 0xE2
    case (0x65, 0x302): return 0xEA
    case (0x6F, 0x302): return 0xF4
    case (0x6F, 0x31B): return 0x1A1
    case (0x75, 0x31B): return 0x1B0
    default: return nil
    }
  }

  // Digits 10–19, the Vietnamese alphabet 100–132, anything else after by scalar value.
  private static func weight(_ v: UInt32) -> UInt32 {
    if (0x30...0x39).contains(v) { return 10 + (v - 0x30) }
    if let rank = alphabetRank[v] { return 100 + rank }
    return 0x1000 + v
  }
}

/// What one scalar contributes to a sort key, precomputed for the fast path.
struct CollationEntry: Sendable {
  enum Kind: UInt8, Sendable { case slow, separator, ignored, letter }
  var kind: Kind
  /// The lowercase letter after breve, circumflex or horn (ă, â, ê, ô, ơ, ư, đ …).
  var letter: UInt32 = 0
  var upper = false
  /// The tone mark the precomposed letter carries, if any.
  var toneMark: UInt32?

  static let slow = CollationEntry(kind: .slow)
}

/// Sort-key entries for ASCII and the Latin blocks, derived once from Foundation's NFD.
struct CollationTable: Sendable {
  static let shared = CollationTable()

  let low: [CollationEntry]
  let extended: [CollationEntry]

  init() {
    low = (0..<FoldTable.lowLimit).map(CollationTable.compute)
    extended = (FoldTable.extendedStart..<FoldTable.extendedLimit).map(CollationTable.compute)
  }

  @inline(__always)
  func entry(_ u: Unicode.Scalar) -> CollationEntry? {
    let v = u.value
    if v < FoldTable.lowLimit { return low[Int(v)] }
    if v >= FoldTable.extendedStart && v < FoldTable.extendedLimit {
      return extended[Int(v - FoldTable.extendedStart)]
    }
    return nil
  }

  // A scalar qualifies when it decomposes to one letter with at most a Vietnamese modifier
  // and a tone; everything else (ü, ß, loose marks) is left to the slow path.
  static func compute(_ value: UInt32) -> CollationEntry {
    guard let u = Unicode.Scalar(value) else { return .slow }
    switch SortKeyBuilder.role(of: u) {
    case .separator: return CollationEntry(kind: .separator)
    case .ignored: return CollationEntry(kind: .ignored)
    case .mark: return .slow
    case .letter: break
    }
    let parts = Array(String(u).decomposedStringWithCanonicalMapping.unicodeScalars)
    guard let base = parts.first, SortKeyBuilder.role(of: base) == .letter else { return .slow }
    var letter: UInt32
    if VietText.isDStroke(base) {
      letter = 0x111
    } else {
      let lower = Array(base.properties.lowercaseMapping.unicodeScalars)
      guard lower.count == 1, let only = lower.first else { return .slow }
      letter = only.value
    }
    var toneMark: UInt32?
    for mark in parts.dropFirst() {
      if SortKeyBuilder.toneRank(mark.value) != nil, toneMark == nil {
        toneMark = mark.value
      } else if let modified = SortKeyBuilder.modify(letter, with: mark.value) {
        letter = modified
      } else {
        return .slow
      }
    }
    return CollationEntry(
      kind: .letter, letter: letter, upper: base.properties.isUppercase, toneMark: toneMark)
  }
}
