/// One terminal column: a grapheme cluster and its style.
///
/// A double-width grapheme occupies two cells: the first holds the grapheme, the second is a
/// continuation cell (empty grapheme, same style) that backends skip.
public struct Cell: Hashable, Sendable {
  /// The grapheme cluster shown in this column (NFC; `""` in continuation cells).
  public var grapheme: String
  /// How the column looks.
  public var style: Style
  /// True for the right half of a double-width grapheme.
  public var isContinuation: Bool

  /// Creates a cell. Prefer `Grid.put`, which sanitises, normalises and measures the text.
  public init(grapheme: String, style: Style = .plain, isContinuation: Bool = false) {
    self.grapheme = grapheme
    self.style = style
    self.isContinuation = isContinuation
  }

  /// A space in the plain style.
  public static let blank = Cell(grapheme: " ")

  /// A space in `style`.
  public static func blank(_ style: Style) -> Cell {
    Cell(grapheme: " ", style: style)
  }

  /// The right half of a double-width grapheme drawn in `style`.
  static func continuation(_ style: Style) -> Cell {
    Cell(grapheme: "", style: style, isContinuation: true)
  }
}
