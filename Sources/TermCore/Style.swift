/// A cell colour: the terminal's own default, one of the 16 ANSI colours, or a 256-palette index.
public enum Color: Hashable, Sendable, CustomStringConvertible {
  /// The terminal's default foreground or background.
  case standard
  /// ANSI colour 0–15 (8–15 are the bright variants); values above 15 wrap modulo 16.
  case ansi(UInt8)
  /// xterm 256-colour palette index.
  case indexed(UInt8)

  /// ANSI 0.
  public static let black = Color.ansi(0)
  /// ANSI 1.
  public static let red = Color.ansi(1)
  /// ANSI 2.
  public static let green = Color.ansi(2)
  /// ANSI 3.
  public static let yellow = Color.ansi(3)
  /// ANSI 4.
  public static let blue = Color.ansi(4)
  /// ANSI 5.
  public static let magenta = Color.ansi(5)
  /// ANSI 6.
  public static let cyan = Color.ansi(6)
  /// ANSI 7.
  public static let white = Color.ansi(7)
  /// ANSI 8, often rendered as grey.
  public static let brightBlack = Color.ansi(8)
  /// ANSI 9.
  public static let brightRed = Color.ansi(9)
  /// ANSI 10.
  public static let brightGreen = Color.ansi(10)
  /// ANSI 11.
  public static let brightYellow = Color.ansi(11)
  /// ANSI 12.
  public static let brightBlue = Color.ansi(12)
  /// ANSI 13.
  public static let brightMagenta = Color.ansi(13)
  /// ANSI 14.
  public static let brightCyan = Color.ansi(14)
  /// ANSI 15.
  public static let brightWhite = Color.ansi(15)

  /// The closest of the 16 ANSI colours (the terminal default stays the default).
  public var nearestANSI16: Color {
    switch self {
    case .standard: return .standard
    case .ansi(let n): return .ansi(n % 16)
    case .indexed(let n):
      if n < 16 { return .ansi(n) }
      let target = Color.rgb(ofIndex: n)
      var best: UInt8 = 0
      var bestDistance = Int.max
      for candidate in UInt8(0)..<16 {
        let c = Color.rgb(ofIndex: candidate)
        let d =
          (c.r - target.r) * (c.r - target.r) + (c.g - target.g) * (c.g - target.g)
          + (c.b - target.b) * (c.b - target.b)
        if d < bestDistance {
          bestDistance = d
          best = candidate
        }
      }
      return .ansi(best)
    }
  }

  /// The xterm default RGB value of a 256-palette index; used only to pick the nearest colour.
  static func rgb(ofIndex n: UInt8) -> (r: Int, g: Int, b: Int) {
    let basic: [(Int, Int, Int)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
      (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    let i = Int(n)
    if i < 16 { return basic[i] }
    if i < 232 {
      let levels = [0, 95, 135, 175, 215, 255]
      let c = i - 16
      return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
    }
    let grey = 8 + (i - 232) * 10
    return (grey, grey, grey)
  }

  /// `"default"`, `"1"` for ANSI 1, `"i196"` for palette index 196: the notation of grid dumps.
  public var description: String {
    switch self {
    case .standard: return "default"
    case .ansi(let n): return "\(n)"
    case .indexed(let n): return "i\(n)"
    }
  }
}

/// Text attributes a terminal can combine.
public struct Attributes: OptionSet, Hashable, Sendable {
  /// The raw bits.
  public let rawValue: UInt8

  /// Creates attributes from raw bits.
  public init(rawValue: UInt8) {
    self.rawValue = rawValue
  }

  /// Bold or bright.
  public static let bold = Attributes(rawValue: 1 << 0)
  /// Faint.
  public static let dim = Attributes(rawValue: 1 << 1)
  /// Italic (not every terminal shows it).
  public static let italic = Attributes(rawValue: 1 << 2)
  /// Underlined.
  public static let underline = Attributes(rawValue: 1 << 3)
  /// Foreground and background swapped.
  public static let reverse = Attributes(rawValue: 1 << 4)

  /// Every attribute with its dump name, in dump order.
  static let named: [(Attributes, String)] = [
    (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"),
    (.reverse, "reverse"),
  ]
}

/// How a cell looks: colours plus attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
  /// Text colour.
  public var foreground: Color
  /// Cell background colour.
  public var background: Color
  /// Bold, reverse and friends.
  public var attributes: Attributes

  /// Creates a style; every part defaults to "terminal default".
  public init(
    foreground: Color = .standard, background: Color = .standard, attributes: Attributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// Default colours, no attributes.
  public static let plain = Style()

  /// True for the default colours without attributes.
  public var isPlain: Bool { self == .plain }

  /// This style with a different foreground.
  public func fg(_ color: Color) -> Style {
    var copy = self
    copy.foreground = color
    return copy
  }

  /// This style with a different background.
  public func bg(_ color: Color) -> Style {
    var copy = self
    copy.background = color
    return copy
  }

  /// This style plus `extra` attributes.
  public func with(_ extra: Attributes) -> Style {
    var copy = self
    copy.attributes.formUnion(extra)
    return copy
  }

  /// This style without `removed` attributes.
  public func without(_ removed: Attributes) -> Style {
    var copy = self
    copy.attributes.subtract(removed)
    return copy
  }

  /// This style, bold.
  public func bold() -> Style { with(.bold) }
  /// This style, dim.
  public func dim() -> Style { with(.dim) }
  /// This style, italic.
  public func italic() -> Style { with(.italic) }
  /// This style, underlined.
  public func underlined() -> Style { with(.underline) }
  /// This style, reversed.
  public func reversed() -> Style { with(.reverse) }

  /// `"fg:1 bg:i236 bold reverse"` (`"plain"` for `.plain`): the legend notation of grid dumps.
  public var description: String {
    var parts: [String] = []
    if foreground != .standard { parts.append("fg:\(foreground)") }
    if background != .standard { parts.append("bg:\(background)") }
    for (attribute, name) in Attributes.named where attributes.contains(attribute) {
      parts.append(name)
    }
    return parts.isEmpty ? "plain" : parts.joined(separator: " ")
  }
}
