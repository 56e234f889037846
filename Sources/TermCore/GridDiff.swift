/// The cells that differ between two frames, as runs a backend can write in one go.
public struct GridDiff {
  /// A run of adjacent changed cells on one row, starting at column `x`.
  public struct Change: Hashable, Sendable {
    /// Column of the first cell.
    public var x: Int
    /// Row.
    public var y: Int
    /// The new cells, left to right (continuation cells included).
    public var cells: [Cell]

    /// Creates a change.
    public init(x: Int, y: Int, cells: [Cell]) {
      self.x = x
      self.y = y
      self.cells = cells
    }
  }

  /// Changed runs from `old` to `new`, top to bottom, left to right.
  ///
  /// With no previous frame, or one of another size, every row is one change. A run never
  /// starts on a continuation cell: it is widened to include the head of the wide grapheme,
  /// so a backend always has the grapheme to write.
  public static func changes(from old: Grid?, to new: Grid) -> [Change] {
    let width = new.size.width
    guard let old, old.size == new.size else {
      return (0..<new.size.height).compactMap { y in
        width > 0 ? Change(x: 0, y: y, cells: Array(new.row(y))) : nil
      }
    }
    var result: [Change] = []
    for y in 0..<new.size.height {
      let before = old.row(y)
      let after = new.row(y)
      let base = after.startIndex
      var x = 0
      while x < width {
        guard before[base + x] != after[base + x] else {
          x += 1
          continue
        }
        var start = x
        if start > 0 && after[base + start].isContinuation { start -= 1 }
        var end = x + 1
        while end < width && before[base + end] != after[base + end] {
          end += 1
        }
        result.append(Change(x: start, y: y, cells: Array(after[(base + start)..<(base + end)])))
        x = end
      }
    }
    return result
  }

  /// Total cells in `changes`, continuation cells excluded: what a backend actually writes.
  public static func cellCount(_ changes: [Change]) -> Int {
    changes.reduce(0) { total, change in
      total + change.cells.reduce(0) { $0 + ($1.isContinuation ? 0 : 1) }
    }
  }
}
