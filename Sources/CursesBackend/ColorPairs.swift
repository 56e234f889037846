import CNcursesw
import TermCore

/// How many colours the backend uses.
public enum ColorMode: Hashable, Sendable {
  /// `none` when NO_COLOR is set or the terminal has no colours, else the most it supports.
  case auto
  /// Attributes only; a coloured background without `reverse` is shown reversed instead.
  case none
  /// The 16 ANSI colours; palette colours are mapped to the nearest of them.
  case ansi16
  /// The xterm 256-colour palette.
  case indexed256

  /// The mode to use given the environment and what the terminal reports.
  ///
  /// An explicit mode is lowered when the terminal cannot do it (256 → 16 → none).
  public func resolved(noColor: Bool, hasColors: Bool, colors: Int) -> ColorMode {
    guard hasColors, colors >= 8 else { return .none }
    switch self {
    case .none: return .none
    case .auto:
      if noColor { return .none }
      return colors >= 256 ? .indexed256 : .ansi16
    case .ansi16: return .ansi16
    case .indexed256: return colors >= 256 ? .indexed256 : .ansi16
    }
  }
}

/// Maps styles to ncurses attributes and colour pairs, allocating pairs on first use.
///
/// Pairs are cached by (foreground, background) terminal colour numbers, so every style with
/// the same colours shares one pair. When pairs run out, later combinations use pair 0.
final class ColorPairs {
  /// A terminal colour number; -1 is the terminal default (after `use_default_colors`).
  typealias ColorNumber = Int16

  let mode: ColorMode
  let colors: Int
  let defaultColorsAvailable: Bool
  private let maxPairs: Int
  private let initPair: (Int16, ColorNumber, ColorNumber) -> Bool
  private var pairs: [PairKey: Int16] = [:]
  private var nextPair: Int16 = 1

  private struct PairKey: Hashable {
    var foreground: ColorNumber
    var background: ColorNumber
  }

  /// `initPair` is `init_pair` on a real terminal and a recorder in tests.
  init(
    mode: ColorMode, colors: Int, pairs: Int, defaultColorsAvailable: Bool,
    initPair: @escaping (Int16, ColorNumber, ColorNumber) -> Bool
  ) {
    self.mode = mode
    self.colors = colors
    // init_pair takes a short; pair 0 is reserved for the default colours.
    self.maxPairs = min(pairs, Int(Int16.max))
    self.defaultColorsAvailable = defaultColorsAvailable
    self.initPair = initPair
  }

  /// Number of pairs allocated so far.
  var allocatedCount: Int { pairs.count }

  /// The attributes and pair number to draw `style` with.
  func attributes(for style: Style) -> (attributes: attr_t, pair: Int16) {
    var attributes = style.attributes
    if mode == .none, style.background != .standard {
      // Without colour a selection bar drawn as a background would vanish.
      attributes.insert(.reverse)
    }
    var bits = NC_A_NORMAL
    if attributes.contains(.bold) { bits |= NC_A_BOLD }
    if attributes.contains(.dim) { bits |= NC_A_DIM }
    if attributes.contains(.italic) { bits |= NC_A_ITALIC }
    if attributes.contains(.underline) { bits |= NC_A_UNDERLINE }
    if attributes.contains(.reverse) { bits |= NC_A_REVERSE }
    return (bits, pair(foreground: style.foreground, background: style.background))
  }

  /// The pair for two colours, allocated on first use; 0 for defaults or when none are left.
  func pair(foreground: Color, background: Color) -> Int16 {
    guard mode != .none else { return 0 }
    let key = PairKey(
      foreground: number(foreground, isForeground: true),
      background: number(background, isForeground: false))
    if key.foreground == -1 && key.background == -1 { return 0 }
    if let existing = pairs[key] { return existing }
    guard Int(nextPair) < maxPairs, initPair(nextPair, key.foreground, key.background) else {
      return 0
    }
    let allocated = nextPair
    pairs[key] = allocated
    nextPair += 1
    return allocated
  }

  /// The terminal colour number for `color` in this mode.
  func number(_ color: Color, isForeground: Bool) -> ColorNumber {
    let mapped: Color = mode == .indexed256 ? color : color.nearestANSI16
    switch mapped {
    case .standard:
      // Without use_default_colors, "default" has to be spelled as a real colour.
      return defaultColorsAvailable ? -1 : (isForeground ? 7 : 0)
    case .ansi(let n):
      let n = Int16(n % 16)
      return colors >= 16 ? n : n % 8
    case .indexed(let n):
      return Int16(n)
    }
  }
}
