/// What the run loop needs from a terminal: events in, frames out.
///
/// `CursesTerminal` drives a real terminal; `HeadlessBackend` plays scripted events and records
/// frames for tests. Implementations are single-threaded and used from the run loop only.
public protocol TerminalBackend: AnyObject {
  /// The current size in cells; build each frame's `Grid` with it.
  var size: Size { get }
  /// Waits up to `timeoutMilliseconds` for an event; nil means the time ran out.
  func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
  /// Shows `grid`, writing only what changed since the previous frame.
  func draw(_ grid: Grid)
  /// Shows the cursor at a cell (e.g. in a text field), or hides it with nil.
  func setCursor(_ position: (x: Int, y: Int)?)
  /// Gives the terminal back to the shell; safe to call more than once.
  func restore()
  /// Forgets the previous frame so the next `draw` repaints everything (Ctrl-L, after SIGCONT).
  func invalidate()
  /// Lends the terminal to another program (an editor) in its normal mode, until `resume`.
  func suspend()
  /// Takes the terminal back after `suspend`; the next `draw` repaints everything.
  func resume()
}

extension TerminalBackend {
  /// Does nothing: for backends whose `draw` always repaints everything.
  public func invalidate() {}
  /// Does nothing: a backend without a real terminal has nothing to lend.
  public func suspend() {}
  /// Does nothing: see `suspend`.
  public func resume() {}
}

/// A backend without a terminal: plays scripted events and records the frames drawn.
public final class HeadlessBackend: TerminalBackend {
  /// The current size; changes when a `.resize` event is handed out.
  public private(set) var size: Size
  /// Every frame drawn, oldest first (empty when `recordsFrames` is false).
  public private(set) var frames: [Grid] = []
  /// The most recent frame, recorded even when `recordsFrames` is false.
  public private(set) var lastFrame: Grid?
  /// How many times `draw` ran.
  public private(set) var drawCount = 0
  /// Cells a real backend would have written, summed over all frames (from the diffs).
  public private(set) var cellsWritten = 0
  /// The changed runs of the most recent frame.
  public private(set) var lastChanges: [GridDiff.Change] = []
  /// The cursor position last set, nil when hidden.
  public private(set) var cursor: (x: Int, y: Int)?
  /// How many times `restore` ran.
  public private(set) var restoreCount = 0
  /// How many times `nextEvent` ran out of scripted events and timed out.
  public private(set) var idleTimeouts = 0
  /// After this many idle timeouts `nextEvent` returns `.hangup`, so loops under test end.
  public var hangupAfterIdleTimeouts: Int?
  /// Whether to keep every frame in `frames`; turn off for long benchmarks.
  public var recordsFrames: Bool

  private var pending: [TerminalEvent]
  private var nextIndex = 0
  private var previous: Grid?

  /// Creates a backend that hands out `events` in order, then times out.
  ///
  /// Once the script is exhausted, `nextEvent` returns nil `hangupAfterIdleTimeouts` times and
  /// `.hangup` after that (nil forever when the limit is nil).
  public init(
    size: Size, events: [TerminalEvent] = [], hangupAfterIdleTimeouts: Int? = 100,
    recordsFrames: Bool = true
  ) {
    self.size = size
    self.pending = events
    self.hangupAfterIdleTimeouts = hangupAfterIdleTimeouts
    self.recordsFrames = recordsFrames
  }

  /// True once `restore` has run.
  public var isRestored: Bool { restoreCount > 0 }

  /// Scripted events not handed out yet.
  public var remainingEvents: [TerminalEvent] { Array(pending[nextIndex...]) }

  /// Appends events to the script.
  public func enqueue(_ events: [TerminalEvent]) {
    pending.append(contentsOf: events)
  }

  /// Appends one event to the script.
  public func enqueue(_ event: TerminalEvent) {
    pending.append(event)
  }

  /// Simulates the user resizing the window: enqueues `.resize(size)`.
  public func resize(to size: Size) {
    enqueue(.resize(size))
  }

  /// The next scripted event, nil when the script is exhausted (see `init`).
  public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
    guard nextIndex < pending.count else {
      idleTimeouts += 1
      if let limit = hangupAfterIdleTimeouts, idleTimeouts > limit { return .hangup }
      return nil
    }
    let event = pending[nextIndex]
    nextIndex += 1
    if case .resize(let newSize) = event {
      size = newSize
      // A real terminal is cleared after a resize, so the next frame is drawn in full.
      previous = nil
    }
    return event
  }

  /// Records `grid` and counts the cells that differ from the previous frame.
  public func draw(_ grid: Grid) {
    let changes = GridDiff.changes(from: previous, to: grid)
    cellsWritten += GridDiff.cellCount(changes)
    lastChanges = changes
    drawCount += 1
    previous = grid
    lastFrame = grid
    if recordsFrames {
      frames.append(grid)
    }
  }

  /// Records the cursor position.
  public func setCursor(_ position: (x: Int, y: Int)?) {
    cursor = position
  }

  /// Counts the call.
  public func restore() {
    restoreCount += 1
  }

  /// Makes the next frame count as a full redraw.
  public func invalidate() {
    previous = nil
  }
}
