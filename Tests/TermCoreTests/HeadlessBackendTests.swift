import Testing

@testable import TermCore

@Suite("HeadlessBackend: scripted events in, frames out")
struct HeadlessBackendTests {
  @Test("hands out events in order, then times out, then hangs up")
  func script() {
    let backend = HeadlessBackend(
      size: Size(width: 10, height: 3), events: [.key(.down), .paste("x")],
      hangupAfterIdleTimeouts: 2)
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == .key(.down))
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == .paste("x"))
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == nil)
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == nil)
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == .hangup)
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == .hangup)
    backend.enqueue(.key(.enter))
    #expect(backend.nextEvent(timeoutMilliseconds: 100) == .key(.enter))
  }

  @Test("without a limit it times out forever")
  func noLimit() {
    let backend = HeadlessBackend(size: Size(width: 1, height: 1), hangupAfterIdleTimeouts: nil)
    for _ in 0..<500 {
      #expect(backend.nextEvent(timeoutMilliseconds: 0) == nil)
    }
  }

  @Test("records frames and counts only changed cells")
  func frames() {
    let backend = HeadlessBackend(size: Size(width: 4, height: 2))
    var grid = Grid(size: backend.size)
    grid.put("ab", x: 0, y: 0)
    backend.draw(grid)
    #expect(backend.cellsWritten == 8)
    grid.put("X", x: 1, y: 0)
    backend.draw(grid)
    #expect(backend.cellsWritten == 9)
    #expect(backend.lastChanges == [GridDiff.Change(x: 1, y: 0, cells: [Cell(grapheme: "X")])])
    backend.draw(grid)
    #expect(backend.cellsWritten == 9)
    #expect(backend.frames.count == 3)
    #expect(backend.lastFrame?.rowText(0) == "aX  ")
  }

  @Test("a resize changes the size when handed out and forces a full redraw")
  func resize() {
    let backend = HeadlessBackend(size: Size(width: 4, height: 2))
    backend.draw(Grid(size: backend.size))
    backend.resize(to: Size(width: 3, height: 1))
    #expect(backend.size == Size(width: 4, height: 2))
    #expect(backend.nextEvent(timeoutMilliseconds: 0) == .resize(Size(width: 3, height: 1)))
    #expect(backend.size == Size(width: 3, height: 1))
    backend.draw(Grid(size: backend.size))
    #expect(backend.cellsWritten == 8 + 3)
  }

  @Test("invalidate makes the next frame a full redraw")
  func invalidate() {
    let backend = HeadlessBackend(size: Size(width: 4, height: 2))
    backend.draw(Grid(size: backend.size))
    backend.draw(Grid(size: backend.size))
    #expect(backend.cellsWritten == 8)
    backend.invalidate()
    backend.draw(Grid(size: backend.size))
    #expect(backend.cellsWritten == 16)
  }

  @Test("cursor and restore are recorded")
  func cursorAndRestore() {
    let backend = HeadlessBackend(size: Size(width: 4, height: 2), recordsFrames: false)
    backend.setCursor((x: 2, y: 1))
    #expect(backend.cursor?.x == 2 && backend.cursor?.y == 1)
    backend.setCursor(nil)
    #expect(backend.cursor == nil)
    backend.draw(Grid(size: backend.size))
    #expect(backend.frames.isEmpty && backend.lastFrame != nil)
    #expect(!backend.isRestored)
    backend.restore()
    backend.restore()
    #expect(backend.restoreCount == 2)
  }

  @Test("a run loop driven through the protocol ends on hangup")
  func loopEnds() {
    let backend: any TerminalBackend = HeadlessBackend(
      size: Size(width: 10, height: 2), events: [.key(.char("a")), .key(.char("b"))],
      hangupAfterIdleTimeouts: 3)
    var editor = LineEditor()
    var iterations = 0
    loop: while iterations < 100 {
      iterations += 1
      switch backend.nextEvent(timeoutMilliseconds: 10) {
      case .key(let key): editor.handle(key)
      case .hangup: break loop
      default: break
      }
      var grid = Grid(size: backend.size)
      grid.put(editor.text, x: 0, y: 0)
      backend.draw(grid)
    }
    backend.restore()
    #expect(editor.text == "ab")
    #expect(iterations == 6)
  }
}
