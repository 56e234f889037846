/// A width and height in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// Creates a size; values are kept as given (a `Grid` clamps negatives to 0).
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// The empty size.
  public static let zero = Size(width: 0, height: 0)

  /// Number of cells (0 for a degenerate size).
  public var area: Int { max(0, width) * max(0, height) }

  /// `"WxH"`, the form terminals and logs use.
  public var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells; `x`/`y` is the top-left corner, and width/height are never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Columns (≥ 0).
  public var width: Int
  /// Rows (≥ 0).
  public var height: Int

  /// Creates a rectangle; negative width/height become 0 so split arithmetic never underflows.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The rectangle at the origin covering `size`.
  public init(size: Size) {
    self.init(x: 0, y: 0, width: size.width, height: size.height)
  }

  /// The empty rectangle at the origin.
  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

  /// One past the right-most column.
  public var maxX: Int { x + width }
  /// One past the bottom row.
  public var maxY: Int { y + height }
  /// The size of the rectangle.
  public var size: Size { Size(width: width, height: height) }
  /// True when the rectangle holds no cell.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether the cell at (`x`, `y`) lies inside.
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  /// The overlap of two rectangles (zero-sized when they are disjoint).
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    return Rect(
      x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
  }

  /// Shrinks every side by `amount` cells.
  public func inset(by amount: Int) -> Rect {
    inset(top: amount, left: amount, bottom: amount, right: amount)
  }

  /// Shrinks each side by its own amount; the result collapses to zero size instead of going negative.
  public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
    let top = max(0, top)
    let left = max(0, left)
    return Rect(
      x: x + min(left, width), y: y + min(top, height),
      width: width - left - max(0, right), height: height - top - max(0, bottom))
  }

  /// Splits off the top `n` rows (clamped to the height).
  public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
    let h = min(max(0, n), height)
    return (
      Rect(x: x, y: y, width: width, height: h),
      Rect(x: x, y: y + h, width: width, height: height - h)
    )
  }

  /// Splits off the bottom `n` rows (clamped to the height).
  public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
    let h = min(max(0, n), height)
    return (
      Rect(x: x, y: y, width: width, height: height - h),
      Rect(x: x, y: maxY - h, width: width, height: h)
    )
  }

  /// Splits off the left `n` columns (clamped to the width).
  public func splitLeft(_ n: Int) -> (left: Rect, rest: Rect) {
    let w = min(max(0, n), width)
    return (
      Rect(x: x, y: y, width: w, height: height),
      Rect(x: x + w, y: y, width: width - w, height: height)
    )
  }

  /// Splits off the right `n` columns (clamped to the width).
  public func splitRight(_ n: Int) -> (rest: Rect, right: Rect) {
    let w = min(max(0, n), width)
    return (
      Rect(x: x, y: y, width: width - w, height: height),
      Rect(x: maxX - w, y: y, width: w, height: height)
    )
  }

  /// Stacks rows of the given heights from the top; rows past the bottom come out empty.
  public func rows(_ heights: [Int]) -> [Rect] {
    rows(heights.map { LayoutSpan.fixed($0) })
  }

  /// Stacks rows sized by `spans` from the top; `.fill` rows share what the fixed rows leave.
  public func rows(_ spans: [LayoutSpan]) -> [Rect] {
    LayoutSpan.resolve(spans, total: height).map {
      Rect(x: x, y: y + $0.offset, width: width, height: $0.length)
    }
  }

  /// Places columns of the given widths from the left; columns past the right edge come out empty.
  public func columns(_ widths: [Int]) -> [Rect] {
    columns(widths.map { LayoutSpan.fixed($0) })
  }

  /// Places columns sized by `spans` from the left; `.fill` columns share what the fixed ones leave.
  public func columns(_ spans: [LayoutSpan]) -> [Rect] {
    LayoutSpan.resolve(spans, total: width).map {
      Rect(x: x + $0.offset, y: y, width: $0.length, height: height)
    }
  }

  /// `"(x,y WxH)"`, compact for test failure messages.
  public var description: String { "(\(x),\(y) \(width)x\(height))" }
}

/// How much of a row or column split one part takes.
public enum LayoutSpan: Hashable, Sendable {
  /// Exactly this many cells (fewer if the space runs out).
  case fixed(Int)
  /// A share of the space the fixed parts leave, proportional to the weight.
  case fill(weight: Int)

  /// A fill part with weight 1.
  public static let fill = LayoutSpan.fill(weight: 1)

  /// Resolves spans to consecutive (offset, length) pairs that never run past `total`.
  static func resolve(_ spans: [LayoutSpan], total: Int) -> [(offset: Int, length: Int)] {
    let available = max(0, total)
    var fixedSum = 0
    var weightSum = 0
    for span in spans {
      switch span {
      case .fixed(let n): fixedSum += max(0, n)
      case .fill(let w): weightSum += max(0, w)
      }
    }
    var remaining = max(0, available - fixedSum)
    var weightLeft = weightSum
    var offset = 0
    var result: [(offset: Int, length: Int)] = []
    result.reserveCapacity(spans.count)
    for span in spans {
      var length: Int
      switch span {
      case .fixed(let n):
        length = max(0, n)
      case .fill(let w):
        let weight = max(0, w)
        // Dividing what is left by the weight still unassigned hands the rounding leftovers to
        // the last fill part, so the parts always add up exactly.
        length = weightLeft > 0 ? remaining * weight / weightLeft : 0
        remaining -= length
        weightLeft -= weight
      }
      length = min(length, available - offset)
      result.append((offset, length))
      offset += length
    }
    return result
  }
}
