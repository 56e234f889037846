import Testing

@testable import TermCore

@Suite("Rect: insets and splits never go negative")
struct GeometryTests {
  let area = Rect(x: 2, y: 1, width: 10, height: 6)

  @Test("negative sizes clamp to zero")
  func clamped() {
    #expect(Rect(x: 0, y: 0, width: -3, height: -1) == Rect(x: 0, y: 0, width: 0, height: 0))
    #expect(Rect(x: 0, y: 0, width: 0, height: 4).isEmpty)
  }

  @Test(
    "inset",
    arguments: [
      (1, Rect(x: 3, y: 2, width: 8, height: 4)),
      (0, Rect(x: 2, y: 1, width: 10, height: 6)),
      (3, Rect(x: 5, y: 4, width: 4, height: 0)),
      (9, Rect(x: 11, y: 7, width: 0, height: 0)),
    ])
  func inset(_ amount: Int, _ expected: Rect) {
    #expect(area.inset(by: amount) == expected)
  }

  @Test("inset per side")
  func insetSides() {
    #expect(area.inset(top: 1, left: 2) == Rect(x: 4, y: 2, width: 8, height: 5))
    #expect(area.inset(bottom: 10, right: 20) == Rect(x: 2, y: 1, width: 0, height: 0))
  }

  @Test("split top, bottom, left, right", arguments: [-1, 0, 2, 6, 10, 99])
  func splits(_ n: Int) {
    let top = area.splitTop(n)
    #expect(top.top.height + top.rest.height == area.height)
    #expect(top.rest.y == top.top.maxY)
    let bottom = area.splitBottom(n)
    #expect(bottom.rest.height + bottom.bottom.height == area.height)
    #expect(bottom.bottom.maxY == area.maxY)
    let left = area.splitLeft(n)
    #expect(left.left.width + left.rest.width == area.width)
    #expect(left.rest.x == left.left.maxX)
    let right = area.splitRight(n)
    #expect(right.rest.width + right.right.width == area.width)
    #expect(right.right.maxX == area.maxX)
    for part in [
      top.top, top.rest, bottom.rest, bottom.bottom, left.left, left.rest, right.rest, right.right,
    ] {
      #expect(part.width >= 0 && part.height >= 0)
    }
  }

  @Test("splitTop example")
  func splitTopExample() {
    let (header, body) = area.splitTop(1)
    #expect(header == Rect(x: 2, y: 1, width: 10, height: 1))
    #expect(body == Rect(x: 2, y: 2, width: 10, height: 5))
  }

  @Test(
    "rows by fixed heights",
    arguments: [
      ([1, 2], [Rect(x: 2, y: 1, width: 10, height: 1), Rect(x: 2, y: 2, width: 10, height: 2)]),
      ([4, 4], [Rect(x: 2, y: 1, width: 10, height: 4), Rect(x: 2, y: 5, width: 10, height: 2)]),
      ([7, 1], [Rect(x: 2, y: 1, width: 10, height: 6), Rect(x: 2, y: 7, width: 10, height: 0)]),
    ])
  func rows(_ heights: [Int], _ expected: [Rect]) {
    #expect(area.rows(heights) == expected)
  }

  @Test("rows with fill parts share the rest")
  func rowsFill() {
    let parts = area.rows([.fixed(1), .fill, .fixed(1)])
    #expect(parts.map(\.height) == [1, 4, 1])
    #expect(parts.map(\.y) == [1, 2, 6])
    let shared = Rect(x: 0, y: 0, width: 10, height: 7).rows([.fill, .fill(weight: 2)])
    #expect(shared.map(\.height) == [2, 5])
    let cramped = Rect(x: 0, y: 0, width: 1, height: 2).rows([.fixed(1), .fill, .fixed(3)])
    #expect(cramped.map(\.height) == [1, 0, 1])
  }

  @Test("columns")
  func columns() {
    let parts = area.columns([.fixed(3), .fill, .fixed(2)])
    #expect(parts.map(\.width) == [3, 5, 2])
    #expect(parts.map(\.x) == [2, 5, 10])
    #expect(area.columns([4]) == [Rect(x: 2, y: 1, width: 4, height: 6)])
  }

  @Test("intersection and contains")
  func intersection() {
    let other = Rect(x: 10, y: 5, width: 10, height: 10)
    #expect(area.intersection(other) == Rect(x: 10, y: 5, width: 2, height: 2))
    #expect(area.intersection(Rect(x: 50, y: 50, width: 1, height: 1)).isEmpty)
    #expect(area.contains(x: 2, y: 1))
    #expect(!area.contains(x: 12, y: 1))
  }
}

@Suite("Style and Color")
struct StyleTests {
  @Test("builders compose")
  func builders() {
    let style = Style.plain.fg(.red).bg(.indexed(236)).bold().reversed()
    #expect(style.foreground == .ansi(1))
    #expect(style.background == .indexed(236))
    #expect(style.attributes == [.bold, .reverse])
    #expect(style.without(.bold).attributes == [.reverse])
    #expect(Style.plain.isPlain && !style.isPlain)
  }

  @Test(
    "description is the dump legend notation",
    arguments: [
      (Style.plain, "plain"),
      (Style.plain.fg(.red).bold(), "fg:1 bold"),
      (Style.plain.reversed(), "reverse"),
      (Style.plain.bg(.indexed(17)).dim().italic().underlined(), "bg:i17 dim italic underline"),
    ])
  func description(_ style: Style, _ expected: String) {
    #expect(style.description == expected)
  }

  @Test(
    "nearest ANSI colour for palette indices",
    arguments: [
      (Color.indexed(196), Color.ansi(9)),
      (Color.indexed(46), Color.ansi(10)),
      (Color.indexed(21), Color.ansi(4)),
      (Color.indexed(16), Color.ansi(0)),
      (Color.indexed(231), Color.ansi(15)),
      (Color.indexed(244), Color.ansi(8)),
      (Color.indexed(3), Color.ansi(3)),
      (Color.ansi(20), Color.ansi(4)),
      (Color.standard, Color.standard),
    ])
  func nearest(_ color: Color, _ expected: Color) {
    #expect(color.nearestANSI16 == expected)
  }
}
