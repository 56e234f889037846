import Testing

@testable import TermCore

@Suite("GridDiff: changed runs between frames")
struct GridDiffTests {
  private func grid(_ rows: [String], width: Int = 6) -> Grid {
    var grid = Grid(width: width, height: rows.count)
    for (y, row) in rows.enumerated() {
      grid.put(row, x: 0, y: y)
    }
    return grid
  }

  /// (x, y, text of the run) for compact expectations.
  private func summary(_ changes: [GridDiff.Change]) -> [String] {
    changes.map { change in
      "\(change.x),\(change.y):"
        + change.cells.map { $0.isContinuation ? "_" : $0.grapheme }.joined()
    }
  }

  @Test(
    "runs of adjacent changed cells",
    arguments: [
      (["abcdef"], ["abcdef"], [String]()),
      (["abcdef"], ["abXdef"], ["2,0:X"]),
      (["abcdef"], ["XbcdeY"], ["0,0:X", "5,0:Y"]),
      (["abcdef"], ["aXXdXf"], ["1,0:XX", "4,0:X"]),
      (["abcdef", "ghijkl"], ["abcdef", "gh  kl"], ["2,1:  "]),
      (["ab中ef"], ["ab文ef"], ["2,0:文"]),  // continuation unchanged: the head alone
      (["abcdef"], ["ab中ef"], ["2,0:中_"]),
      (["ab中ef"], ["abcdef"], ["2,0:cd"]),
    ])
  func runs(_ old: [String], _ new: [String], _ expected: [String]) {
    #expect(summary(GridDiff.changes(from: grid(old), to: grid(new))) == expected)
  }

  @Test("a run never starts on a continuation cell")
  func widenedToHead() {
    var old = grid(["ab中ef"])
    var new = old
    new.applyStyle(Rect(x: 3, y: 0, width: 1, height: 1)) { $0.attributes.insert(.bold) }
    old.put("ab中ef", x: 0, y: 0)
    let changes = GridDiff.changes(from: old, to: new)
    #expect(summary(changes) == ["2,0:中_"])
  }

  @Test("no previous frame or a new size: every row in full")
  func fullRedraw() {
    let new = grid(["abc", "def"], width: 3)
    #expect(summary(GridDiff.changes(from: nil, to: new)) == ["0,0:abc", "0,1:def"])
    let smaller = grid(["ab"], width: 2)
    #expect(summary(GridDiff.changes(from: smaller, to: new)) == ["0,0:abc", "0,1:def"])
    #expect(GridDiff.changes(from: nil, to: Grid(width: 0, height: 3)).isEmpty)
  }

  @Test("cellCount skips continuation cells")
  func cellCount() {
    let changes = GridDiff.changes(from: nil, to: grid(["中文ab"]))
    #expect(GridDiff.cellCount(changes) == 4)
  }

  @Test("a style-only change is a change")
  func styleChange() {
    let old = grid(["abc"], width: 3)
    var new = old
    new.setStyle(Rect(x: 1, y: 0, width: 1, height: 1), to: Style.plain.reversed())
    #expect(summary(GridDiff.changes(from: old, to: new)) == ["1,0:b"])
  }
}
