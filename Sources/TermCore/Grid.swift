import Foundation

/// A frame in memory: `size.width × size.height` cells that the app draws into each frame.
///
/// Every write is clipped to the grid, so drawing code never needs bounds checks, and all text
/// goes through `DisplaySafe.sanitize`, so nothing drawn can emit a terminal control.
public struct Grid: Equatable, Sendable {
  /// Columns and rows (never negative).
  public private(set) var size: Size
  private var cells: [Cell]

  /// A blank grid; negative dimensions are treated as 0.
  public init(size: Size) {
    let clamped = Size(width: max(0, size.width), height: max(0, size.height))
    self.size = clamped
    self.cells = Array(repeating: .blank, count: clamped.area)
  }

  /// A blank grid of `width × height` cells.
  public init(width: Int, height: Int) {
    self.init(size: Size(width: width, height: height))
  }

  /// The whole grid as a rectangle.
  public var bounds: Rect { Rect(size: size) }

  /// The cell at column `x`, row `y`; a blank cell outside the grid.
  public subscript(x x: Int, y y: Int) -> Cell {
    guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
    return cells[y * size.width + x]
  }

  /// The cells of row `y` (empty outside the grid).
  public func row(_ y: Int) -> ArraySlice<Cell> {
    guard y >= 0, y < size.height else { return [] }
    return cells[(y * size.width)..<((y + 1) * size.width)]
  }

  /// Writes `text` on row `y` from column `x` and returns the number of columns written.
  ///
  /// Clips to the grid and, when given, to `width` columns from `x`. Never splits a grapheme:
  /// a double-width grapheme that does not fit in the last column becomes a space. Writing
  /// over half of an existing double-width grapheme blanks its other half. The text is
  /// sanitised (see `DisplaySafe`) and each cell is stored in NFC.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, width: Int? = nil, style: Style = .plain)
    -> Int
  {
    guard y >= 0, y < size.height else { return 0 }
    var limit = size.width
    if let width {
      limit = min(limit, x + max(0, width))
    }
    guard x < limit, limit > 0, !text.isEmpty else { return 0 }

    // Every cluster takes a column, except a lone mark, which can only follow the start or a
    // control; so twice the columns plus two clusters always suffice. This keeps a huge
    // string drawn into a narrow column from being sanitised whole on every frame.
    let budget = 2 * (limit - x) + 2
    let visible = text.utf8.count <= budget ? text : String(text.prefix(budget))
    var column = x
    var written = 0
    for cluster in Grid.displayForm(visible) {
      let w = TextWidth.clusterWidth(cluster)
      if w == 0 { continue }
      if column >= limit { break }
      if column < 0 {
        // Left of the grid: only the right half of a wide grapheme can show, as a space.
        if column + w > 0 {
          setCell(x: 0, y: y, .blank(style))
          written += 1
        }
        column += w
        continue
      }
      if column + w > limit {
        setCell(x: column, y: y, .blank(style))
        written += 1
        break
      }
      if w == 2 {
        setWide(x: column, y: y, Cell(grapheme: String(cluster), style: style))
      } else {
        setCell(x: column, y: y, Cell(grapheme: String(cluster), style: style))
      }
      column += w
      written += w
    }
    return written
  }

  /// Blanks every cell of `rect` (clipped) and gives it `style`.
  public mutating func fill(_ rect: Rect, style: Style = .plain) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    let blank = Cell.blank(style)
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        setCell(x: x, y: y, blank)
      }
    }
  }

  /// Blanks the whole grid in `style`.
  public mutating func clear(style: Style = .plain) {
    let blank = Cell.blank(style)
    for i in cells.indices {
      cells[i] = blank
    }
  }

  /// Changes the style of every cell in `rect` (clipped), e.g. to reverse a selected row.
  ///
  /// A double-width grapheme cut by the edge of `rect` is restyled whole, so both halves match.
  public mutating func applyStyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      let base = y * size.width
      var start = area.x
      var end = area.maxX
      if start > 0 && cells[base + start].isContinuation { start -= 1 }
      if end < size.width && cells[base + end].isContinuation { end += 1 }
      for i in (base + start)..<(base + end) {
        transform(&cells[i].style)
      }
    }
  }

  /// Sets the style of every cell in `rect` (clipped), keeping the text.
  public mutating func setStyle(_ rect: Rect, to style: Style) {
    applyStyle(rect) { $0 = style }
  }

  /// The text of row `y`: one grapheme per cell, continuation cells skipped, trailing spaces kept.
  public func rowText(_ y: Int) -> String {
    var text = ""
    for cell in row(y) where !cell.isContinuation {
      text += cell.grapheme
    }
    return text
  }

  // MARK: - Cell writes that keep double-width pairs intact

  private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
    breakPair(x: x, y: y)
    cells[y * size.width + x] = cell
  }

  private mutating func setWide(x: Int, y: Int, _ head: Cell) {
    breakPair(x: x, y: y)
    breakPair(x: x + 1, y: y)
    let i = y * size.width + x
    cells[i] = head
    cells[i + 1] = .continuation(head.style)
  }

  /// If column `x` is half of a double-width grapheme, blanks the other half (keeping its style).
  private mutating func breakPair(x: Int, y: Int) {
    let i = y * size.width + x
    if cells[i].isContinuation {
      cells[i] = .blank(cells[i].style)
      if x > 0 {
        cells[i - 1] = .blank(cells[i - 1].style)
      }
    }
    if x + 1 < size.width && cells[i + 1].isContinuation {
      cells[i + 1] = .blank(cells[i + 1].style)
    }
  }

  /// Sanitised, NFC text ready to be split into cells.
  static func displayForm(_ text: String) -> String {
    let safe = DisplaySafe.sanitize(text)
    // Nothing below U+0300 composes or decomposes, which covers ASCII and Latin-1 quickly.
    if safe.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return safe }
    return safe.precomposedStringWithCanonicalMapping
  }
}
