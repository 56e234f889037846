import Testing

@testable import TermCore

@Suite("Grid: writes, clipping, wide characters, dump")
struct GridTests {
  private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

  @Test(
    "put returns the columns written and clips",
    arguments: [
      // text, x, width limit, expected row text, expected return
      ("hello", 0, nil, "hello     ", 5),
      ("hello", 7, nil, "       hel", 3),
      ("hello", 2, 2, "  he      ", 2),
      ("hello", -2, nil, "llo       ", 3),
      ("hello", 10, nil, "          ", 0),
      ("hello", 3, 0, "          ", 0),
      ("hello", 3, -4, "          ", 0),
      ("中文字", 0, nil, "中文字    ", 6),
      ("中文字", 5, nil, "     中文 ", 5),  // 字 would need columns 9–10: becomes a space
      ("中文字", 0, 3, "中        ", 3),  // 文 does not fit in the limit: a space
      ("中文", -1, nil, " 文       ", 3),  // right half of 中 left of the grid: a space
      ("a\u{301}b", 0, nil, "áb        ", 2),
      ("\u{301}b", 0, nil, "b         ", 1),  // a lone mark takes no column
    ] as [(String, Int, Int?, String, Int)])
  func putClips(_ text: String, _ x: Int, _ width: Int?, _ expected: String, _ columns: Int) {
    var grid = Grid(width: 10, height: 1)
    let used = grid.put(text, x: x, y: 0, width: width)
    #expect(grid.rowText(0) == expected)
    #expect(used == columns)
  }

  @Test("rows outside the grid are ignored")
  func rowsOutside() {
    var grid = Grid(width: 4, height: 2)
    #expect(grid.put("x", x: 0, y: -1) == 0)
    #expect(grid.put("x", x: 0, y: 2) == 0)
    #expect(grid == Grid(width: 4, height: 2))
  }

  @Test("a wide grapheme occupies a head and a continuation cell")
  func wideCells() {
    var grid = Grid(width: 4, height: 1)
    grid.put("中", x: 1, y: 0, style: Style.plain.bold())
    #expect(grid[x: 1, y: 0] == Cell(grapheme: "中", style: Style.plain.bold()))
    #expect(grid[x: 2, y: 0].isContinuation)
    #expect(grid[x: 2, y: 0].style == Style.plain.bold())
    #expect(grid.rowText(0) == " 中 ")
  }

  @Test("overwriting the right half of a wide grapheme blanks its left half")
  func overwriteRightHalf() {
    var grid = Grid(width: 4, height: 1)
    grid.put("中文", x: 0, y: 0)
    grid.put("x", x: 1, y: 0)
    #expect(grid.rowText(0) == " x文")
    #expect(!grid[x: 0, y: 0].isContinuation && grid[x: 0, y: 0].grapheme == " ")
  }

  @Test("overwriting the left half of a wide grapheme blanks its right half")
  func overwriteLeftHalf() {
    var grid = Grid(width: 4, height: 1)
    grid.put("中文", x: 0, y: 0)
    grid.put("x", x: 2, y: 0)
    #expect(grid.rowText(0) == "中x ")
    #expect(!grid[x: 3, y: 0].isContinuation)
  }

  @Test("a wide grapheme written one column off another breaks both old pairs")
  func wideOverWide() {
    var grid = Grid(width: 6, height: 1)
    grid.put("中文字", x: 0, y: 0)
    grid.put("一", x: 1, y: 0)
    #expect(grid.rowText(0) == " 一 字")
    #expect(grid[x: 2, y: 0].isContinuation)
    #expect(!grid[x: 3, y: 0].isContinuation)
  }

  @Test("text is stored NFC, one grapheme per cell")
  func storedNFC() {
    var grid = Grid(width: 12, height: 1)
    grid.put("Hoa\u{300}n thie\u{323}\u{302}n", x: 0, y: 0)
    #expect(scalars(grid[x: 2, y: 0].grapheme) == ["\u{E0}"])
    #expect(scalars(grid[x: 8, y: 0].grapheme) == ["\u{1EC7}"])
    #expect(scalars(grid.rowText(0)) == scalars("Hoàn thiện  "))
  }

  @Test("emoji sequences stay whole in one double-width cell")
  func emojiCells() {
    var grid = Grid(width: 10, height: 1)
    let used = grid.put("👨‍👩‍👧🇻🇳👍🏽", x: 0, y: 0)
    #expect(used == 6)
    #expect(grid[x: 0, y: 0].grapheme == "👨‍👩‍👧")
    #expect(grid[x: 2, y: 0].grapheme == "🇻🇳")
    #expect(grid[x: 4, y: 0].grapheme == "👍🏽")
    #expect(grid[x: 5, y: 0].isContinuation)
  }

  @Test("tiny grids do not crash", arguments: [(0, 0), (1, 1), (1, 3), (0, 5), (5, 0), (-3, -2)])
  func tinyGrids(_ width: Int, _ height: Int) {
    var grid = Grid(width: width, height: height)
    grid.put("中文abc", x: 0, y: 0)
    grid.put("x", x: -1, y: 0)
    grid.fill(Rect(x: -1, y: -1, width: 10, height: 10), style: Style.plain.reversed())
    grid.applyStyle(Rect(x: 0, y: 0, width: 3, height: 3)) { $0.attributes.insert(.bold) }
    grid.put("中", x: 0, y: max(0, height - 1))
    _ = grid.dump()
    _ = grid.rowText(0)
    _ = grid[x: 5, y: 5]
    #expect(grid.size.width == max(0, width))
    #expect(grid.size.height == max(0, height))
    if width == 1 && height >= 1 {
      #expect(grid.rowText(0) == " ")  // 中 cannot fit one column
      grid.put("ab", x: 0, y: 0)
      #expect(grid.rowText(0) == "a")
    }
  }

  @Test("fill blanks a clipped rectangle and breaks wide pairs at its edges")
  func fill() {
    var grid = Grid(width: 6, height: 2)
    grid.put("中文字", x: 0, y: 0)
    grid.put("abcdef", x: 0, y: 1)
    grid.fill(Rect(x: 1, y: 0, width: 2, height: 5), style: Style.plain.bg(.blue))
    #expect(grid.rowText(0) == "    字")
    #expect(grid.rowText(1) == "a  def")
    #expect(grid[x: 1, y: 1].style == Style.plain.bg(.blue))
    #expect(grid[x: 0, y: 0].style == .plain)
    #expect(grid[x: 3, y: 0].grapheme == " " && !grid[x: 3, y: 0].isContinuation)
  }

  @Test("applyStyle restyles a rectangle and whole wide graphemes cut by it")
  func applyStyle() {
    var grid = Grid(width: 6, height: 2)
    grid.put("ab中d", x: 0, y: 0)
    grid.applyStyle(Rect(x: 0, y: 0, width: 3, height: 1)) { $0.attributes.insert(.reverse) }
    #expect(grid[x: 2, y: 0].style.attributes.contains(.reverse))
    #expect(grid[x: 3, y: 0].style.attributes.contains(.reverse))  // continuation follows its head
    #expect(!grid[x: 4, y: 0].style.attributes.contains(.reverse))
    #expect(grid.rowText(0) == "ab中d ")
    grid.setStyle(Rect(x: 0, y: 1, width: 10, height: 1), to: Style.plain.fg(.green))
    #expect(grid[x: 5, y: 1].style.foreground == .green)
  }

  @Test("subscript outside the grid is a blank cell")
  func subscriptOutside() {
    let grid = Grid(width: 2, height: 2)
    #expect(grid[x: -1, y: 0] == .blank)
    #expect(grid[x: 2, y: 1] == .blank)
  }

  @Test("dump: text rows, blank line, style rows, legend in order of appearance")
  func dumpGolden() {
    var grid = Grid(width: 8, height: 3)
    grid.put("Tasks", x: 0, y: 0, style: Style.plain.fg(.red).bold())
    grid.put("中文", x: 1, y: 1, style: Style.plain.fg(.indexed(196)).bg(.ansi(8)).underlined())
    grid.fill(Rect(x: 0, y: 2, width: 8, height: 1), style: Style.plain.reversed())
    grid.put("ok", x: 0, y: 2, style: Style.plain.reversed())
    // Built from lines so the trailing spaces that show the grid width survive formatters.
    let expected = [
      "Tasks   ",
      " 中文   ",
      "ok      ",
      "",
      "aaaaa...",
      ".bbbb...",
      "cccccccc",
      "a = fg:1 bold",
      "b = fg:i196 bg:8 underline",
      "c = reverse",
      "",
    ].joined(separator: "\n")
    #expect(grid.dump() == expected)
  }

  @Test("dump of a plain grid has dots and no legend")
  func dumpPlain() {
    #expect(Grid(width: 3, height: 2).dump() == "   \n   \n\n...\n...\n")
  }

  @Test("dump letters run a–z, A–Z, 0–9 and then stay distinct")
  func dumpLetters() {
    let letters = (0..<100).map(Grid.dumpLetter)
    #expect(Set(letters).count == 100)
    #expect(letters[0] == "a" && letters[26] == "A" && letters[52] == "0")
    #expect(!letters.contains("."))
  }
}

@Suite("Grid with hostile sizes of text")
struct GridLongTextTests {
  @Test("a long string in a narrow column draws the same as its prefix")
  func longText() {
    let long = String(repeating: "Hoàn thiện 中文 \u{1B}[2J ", count: 20_000)
    var grid = Grid(width: 30, height: 1)
    let used = grid.put(long, x: 3, y: 0, width: 20)
    var expected = Grid(width: 30, height: 1)
    expected.put(String(long.prefix(40)), x: 3, y: 0, width: 20)
    #expect(used == 20)
    #expect(grid == expected)
  }

  @Test("controls followed by lone marks still fill the width")
  func marksAfterControls() {
    let text = String(repeating: "\n\u{301}", count: 50)
    var grid = Grid(width: 10, height: 1)
    #expect(grid.put(text, x: 0, y: 0) == 10)
    #expect(Array(grid[x: 9, y: 0].grapheme.unicodeScalars) == ["␊", "\u{301}"])
  }
}
