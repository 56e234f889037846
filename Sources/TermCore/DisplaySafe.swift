/// Makes untrusted text safe to draw: nothing it contains can reach the terminal as a control.
///
/// Task titles come from users, pastes and imported files. A raw ESC could clear the screen
/// or set the clipboard (OSC 52), C1 bytes act as controls on some terminals, and bidi
/// overrides or zero-width characters make text look like something it is not. Each becomes
/// a visible stand-in, one column wide.
public enum DisplaySafe {
  /// The visible stand-in for zero-width characters.
  public static let zeroWidthMarker: Character = "·"
  /// The stand-in for C1 controls, bidi controls and line/paragraph separators.
  public static let replacement: Character = "\u{FFFD}"

  /// `s` with every control, bidi control and stray zero-width character replaced (see type docs).
  ///
  /// C0 controls become Control Pictures (ESC → ␛, LF → ␊, TAB → ␉), DEL → ␡, C1 controls and
  /// bidi embeddings/overrides/isolates/marks → U+FFFD, zero-width and other invisible format
  /// characters → "·". ZWJ/ZWNJ, tags and the like are kept inside emoji clusters, where they
  /// belong. The result is not normalised; `Grid.put` does that per cell.
  public static func sanitize(_ s: String) -> String {
    guard needsSanitizing(s) else { return s }
    var out = String.UnicodeScalarView()
    for cluster in s {
      guard needsSanitizing(cluster) else {
        out.append(contentsOf: cluster.unicodeScalars)
        continue
      }
      let emoji = isEmojiCluster(cluster)
      for scalar in cluster.unicodeScalars {
        if let standIn = replacement(for: scalar, inEmoji: emoji) {
          out.append(standIn)
        } else {
          out.append(scalar)
        }
      }
    }
    return String(out)
  }

  /// Whether `sanitize` would change `s`.
  public static func needsSanitizing(_ s: String) -> Bool {
    s.unicodeScalars.contains(where: isSuspicious)
  }

  /// Whether `sanitize` would change the cluster `c`.
  public static func needsSanitizing(_ c: Character) -> Bool {
    guard c.unicodeScalars.contains(where: isSuspicious) else { return false }
    let emoji = isEmojiCluster(c)
    return c.unicodeScalars.contains { replacement(for: $0, inEmoji: emoji) != nil }
  }

  /// A cheap pre-check: controls, separators and format characters.
  static func isSuspicious(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
    if v < 0x300 { return v == 0xAD }
    // Vietnamese letters, CJK and Hangul hold no format characters; skip the property lookup.
    if (0x1E00...0x1EFF).contains(v) || (0x3040...0x9FFF).contains(v)
      || (0xAC00...0xD7A3).contains(v)
    {
      return false
    }
    if v == 0x2028 || v == 0x2029 { return true }
    return scalar.properties.generalCategory == .format
  }

  /// The stand-in for `scalar`, or nil to keep it.
  static func replacement(for scalar: Unicode.Scalar, inEmoji: Bool) -> Unicode.Scalar? {
    let v = scalar.value
    switch v {
    case 0x00..<0x20:
      return Unicode.Scalar(0x2400 + v)
    case 0x7F:
      return "\u{2421}"
    case 0x80...0x9F:
      return "\u{FFFD}"
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029:
      return "\u{FFFD}"
    case 0x200B, 0x2060, 0xFEFF:
      return "\u{B7}"
    default:
      guard scalar.properties.generalCategory == .format else { return nil }
      // ZWJ, ZWNJ and tag characters are how emoji sequences are spelled; elsewhere they
      // are invisible and could hide a difference between two look-alike strings.
      return inEmoji ? nil : "\u{B7}"
    }
  }

  /// True when the cluster is an emoji (presentation, modifier, VS16 or keycap sequence).
  static func isEmojiCluster(_ c: Character) -> Bool {
    var previousIsEmoji = false
    for scalar in c.unicodeScalars {
      let p = scalar.properties
      if p.isEmojiPresentation || p.isEmojiModifier { return true }
      if previousIsEmoji && (scalar.value == 0xFE0F || scalar.value == 0x20E3) { return true }
      previousIsEmoji = p.isEmoji
    }
    return false
  }
}
