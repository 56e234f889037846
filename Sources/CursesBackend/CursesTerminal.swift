import CNcursesw
import Glibc
import TermCore

/// Why the program cannot run full-screen here (the caller turns it into a sentence).
public enum TerminalProblem: Hashable, Sendable {
  /// Standard input or output is not a terminal (piped, redirected, or run from a script).
  case notATerminal
  /// `TERM` is not set.
  case termUnset
  /// `TERM=dumb`: no cursor addressing.
  case termDumb
  /// The locale's character set is not UTF-8, so Vietnamese and CJK would come out garbled.
  case notUTF8(codeset: String)
}

/// Starting ncurses failed.
public enum CursesError: Error, Hashable, Sendable {
  /// `newterm` rejected the terminal (usually a `TERM` with no terminfo entry).
  case cannotStartTerminal(term: String)
}

/// The real terminal, through ncursesw: the only code that talks to ncurses.
///
/// Create it after `checkEnvironment` passed, draw whole frames with `draw`, and call
/// `restore` before exiting (also on `.signal` and `.hangup`).
public final class CursesTerminal: TerminalBackend {
  /// The current size; updated when `nextEvent` reports `.resize`.
  public private(set) var size: Size
  /// Cells written to ncurses since start, for benchmarks.
  public private(set) var cellsWritten = 0
  /// The colour mode in effect after looking at the terminal and NO_COLOR.
  public let colorMode: ColorMode

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let colorPairs: ColorPairs
  private var previous: Grid?
  private var needsFullRedraw = true
  private var cursor: (x: Int, y: Int)?
  private var cursorVisible = false
  private var pushback: [RawInput] = []
  private var immediateErrors = 0
  private var restored = false
  private var suspended = false

  /// Bracketed paste makes a paste arrive as one `.paste` instead of keystrokes.
  private static let bracketedPasteOn = "\u{1B}[?2004h"
  private static let bracketedPasteOff = "\u{1B}[?2004l"
  /// Longest slice `nextEvent` waits in ncurses before checking for signals again.
  private static let sliceMilliseconds = 200
  /// Immediate read errors in a row that mean the terminal is gone.
  private static let hangupErrorCount = 50
  /// Paste text kept at most (in scalars); the rest is read and dropped.
  private static let maxPasteScalars = 1_000_000

  /// Takes over the terminal: raw mode, alternate screen, keypad, mouse, bracketed paste.
  ///
  /// Also clears this thread's signal mask and installs SIGTERM/SIGINT/SIGHUP handlers that
  /// only record the signal, so `nextEvent` can report it and the app can restore and exit.
  public init(colorMode: ColorMode = .auto) throws {
    Signals.install()
    if setlocale(LC_ALL, "") == nil {
      // One bad category (say LC_TIME) makes LC_ALL fail; character handling is what matters.
      setlocale(LC_CTYPE, "")
    }
    guard let screen = nc_newterm(), let window = nc_stdscr() else {
      Signals.uninstall()
      throw CursesError.cannotStartTerminal(term: getenv("TERM").map { String(cString: $0) } ?? "")
    }
    self.screen = screen
    self.window = window
    raw()
    noecho()
    keypad(window, true)
    // Otherwise a lone Esc takes a second to arrive.
    set_escdelay(25)
    curs_set(0)
    mousemask(
      NC_BUTTON1_PRESSED | NC_BUTTON1_RELEASED | NC_BUTTON2_PRESSED | NC_BUTTON2_RELEASED
        | NC_BUTTON3_PRESSED | NC_BUTTON3_RELEASED | NC_BUTTON4_PRESSED | NC_BUTTON5_PRESSED,
      nil)
    mouseinterval(0)

    let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
    var mode = ColorMode.none
    var defaultColors = false
    // COLORS is only known after start_color, so ask whether colour is wanted at all first.
    if has_colors() && colorMode.resolved(noColor: noColor, hasColors: true, colors: 256) != .none {
      start_color()
      mode = colorMode.resolved(noColor: noColor, hasColors: true, colors: Int(nc_colors()))
      if mode != .none {
        defaultColors = use_default_colors() == OK
      }
    }
    self.colorMode = mode
    self.colorPairs = ColorPairs(
      mode: mode, colors: Int(nc_colors()), pairs: Int(nc_color_pairs()),
      defaultColorsAvailable: defaultColors,
      initPair: { pair, foreground, background in init_pair(pair, foreground, background) == OK })
    self.size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOn)
    terminalActive.store(true, ordering: .sequentiallyConsistent)
  }

  deinit {
    restore()
    delscreen(screen)
  }

  // MARK: - Environment

  /// Checks, before touching the terminal, that full-screen mode can work here.
  public static func checkEnvironment(environment: [String: String]) -> TerminalProblem? {
    checkEnvironment(
      environment: environment, inputIsTerminal: isatty(STDIN_FILENO) == 1,
      outputIsTerminal: isatty(STDOUT_FILENO) == 1)
  }

  /// The same checks with the TTY answers given, so they can be tested without a terminal.
  ///
  /// The codeset is the one `setlocale(LC_ALL, "")` would select for character handling:
  /// `LC_ALL`, else `LC_CTYPE`, else `LANG`, else the C locale; a locale that does not exist
  /// counts as C, as it would at run time.
  public static func checkEnvironment(
    environment: [String: String], inputIsTerminal: Bool, outputIsTerminal: Bool
  ) -> TerminalProblem? {
    guard inputIsTerminal, outputIsTerminal else { return .notATerminal }
    guard let term = environment["TERM"], !term.isEmpty else { return .termUnset }
    guard term != "dumb" else { return .termDumb }
    let localeName =
      ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
      ?? "C"
    let codeset = codeset(ofLocale: localeName) ?? codeset(ofLocale: "C") ?? "unknown"
    return isUTF8(codeset) ? nil : .notUTF8(codeset: codeset)
  }

  static func codeset(ofLocale name: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 64)
    guard nc_codeset_of_locale(name, &buffer, buffer.count) == 0 else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func isUTF8(_ codeset: String) -> Bool {
    codeset.uppercased().filter { $0 != "-" && $0 != "_" } == "UTF8"
  }

  // MARK: - Restoring

  /// Leaves full-screen mode: bracketed paste and mouse off, cursor shown, `endwin`, and the
  /// previous signal handlers back. Idempotent.
  public func restore() {
    guard !restored else { return }
    restored = true
    CursesTerminal.emergencyRestore()
  }

  /// Lends the terminal to another program (`$EDITOR`): remembers the full-screen modes,
  /// leaves them (`endwin`) and turns bracketed paste and the mouse off, so the program
  /// starts on an ordinary terminal. Signal handlers stay, so Ctrl-C is still reported.
  public func suspend() {
    guard !restored, !suspended else { return }
    suspended = true
    def_prog_mode()
    mousemask(0, nil)
    curs_set(1)
    endwin()
    CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOff)
  }

  /// Takes the terminal back after `suspend`: the saved modes, mouse and bracketed paste, and
  /// a full repaint on the next `draw` (the other program drew over everything).
  public func resume() {
    guard !restored, suspended else { return }
    suspended = false
    reset_prog_mode()
    mousemask(
      NC_BUTTON1_PRESSED | NC_BUTTON1_RELEASED | NC_BUTTON2_PRESSED | NC_BUTTON2_RELEASED
        | NC_BUTTON3_PRESSED | NC_BUTTON3_RELEASED | NC_BUTTON4_PRESSED | NC_BUTTON5_PRESSED,
      nil)
    curs_set(cursorVisible ? 1 : 0)
    CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOn)
    refresh()
    needsFullRedraw = true
  }

  /// Restores the terminal without an instance, e.g. from an `atexit` handler. Idempotent.
  public static func emergencyRestore() {
    guard terminalActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
    mousemask(0, nil)
    curs_set(1)
    endwin()
    writeToTerminal(bracketedPasteOff)
    Signals.uninstall()
  }

  private static func writeToTerminal(_ s: String) {
    var bytes = Array(s.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeMutableBytes {
        write(STDOUT_FILENO, $0.baseAddress, $0.count)
      }
      if n <= 0 {
        guard n < 0 && errno == EINTR else { return }
        continue
      }
      offset += n
    }
    bytes.removeAll()
  }

  // MARK: - Input

  /// The next event, waiting at most `timeoutMilliseconds` (negative: forever); nil on timeout.
  public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMilliseconds)))
    while true {
      if let signal = Signals.take() { return .signal(signal) }
      if restored { return .hangup }
      let raw: RawInput
      if !pushback.isEmpty {
        raw = pushback.removeFirst()
      } else {
        var slice = CursesTerminal.sliceMilliseconds
        if timeoutMilliseconds >= 0 {
          let left = deadline - clock.now
          slice = min(slice, max(0, CursesTerminal.milliseconds(left)))
        }
        let started = clock.now
        guard let input = read(timeoutMilliseconds: slice) else {
          if let signal = Signals.take() { return .signal(signal) }
          let elapsed = clock.now - started
          // A vanished pty makes every read fail at once; a real timeout takes the slice.
          if slice >= 10 && elapsed < .milliseconds(slice / 2) {
            immediateErrors += 1
            if immediateErrors > CursesTerminal.hangupErrorCount { return .hangup }
          } else {
            immediateErrors = 0
          }
          if timeoutMilliseconds >= 0 && clock.now >= deadline { return nil }
          continue
        }
        immediateErrors = 0
        raw = input
      }
      if let event = event(for: raw) { return event }
      if timeoutMilliseconds >= 0 && clock.now >= deadline { return nil }
    }
  }

  private static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }

  private func read(timeoutMilliseconds: Int) -> RawInput? {
    wtimeout(window, Int32(clamping: timeoutMilliseconds))
    var wch: wint_t = 0
    switch wget_wch(window, &wch) {
    case KEY_CODE_YES: return .keyCode(Int32(bitPattern: wch))
    case OK: return .character(wch)
    default: return nil
    }
  }

  private func readNext(timeoutMilliseconds: Int) -> RawInput? {
    if !pushback.isEmpty { return pushback.removeFirst() }
    return read(timeoutMilliseconds: timeoutMilliseconds)
  }

  private func event(for raw: RawInput) -> TerminalEvent? {
    var name: String?
    if case .keyCode(let code) = raw, code > KEY_MAX, let cName = keyname(code) {
      name = String(cString: cName)
    }
    switch KeyDecoder.decode(raw, keyName: name) {
    case .key(let key):
      return .key(key)
    case .escape:
      return escapeSequence()
    case .mouse:
      var event = MEVENT()
      guard getmouse(&event) == OK, let kind = KeyDecoder.mouseKind(buttonState: event.bstate)
      else {
        return nil
      }
      return .mouse(MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
    case .resize:
      size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
      needsFullRedraw = true
      return .resize(size)
    case .ignored:
      return nil
    }
  }

  /// After an ESC: a lone Escape, or a sequence ncurses did not decode (paste, mouse, keys).
  ///
  /// ESC followed by anything else (Alt-x, or Esc typed quickly before x) yields `.escape`
  /// and leaves the next input to be read as its own event.
  private func escapeSequence() -> TerminalEvent? {
    guard let next = readNext(timeoutMilliseconds: 0) else { return .key(.escape) }
    guard case .character(let value) = next, value == 0x5B || value == 0x4F,
      let introducer = Unicode.Scalar(value)
    else {
      pushback.insert(next, at: 0)
      return .key(.escape)
    }
    var body: [Unicode.Scalar] = [introducer]
    while true {
      switch KeyDecoder.decodeSequence(body) {
      case .key(let key): return .key(key)
      case .mouse(let mouse): return .mouse(mouse)
      case .pasteStart: return readPaste()
      case .pasteEnd, .unknown: return nil
      case .incomplete:
        guard let more = readNext(timeoutMilliseconds: 50), case .character(let v) = more,
          let scalar = Unicode.Scalar(v)
        else {
          // Not a sequence after all: report Esc and replay what followed it.
          pushback.insert(contentsOf: body.map { RawInput.character($0.value) }, at: 0)
          return .key(.escape)
        }
        body.append(scalar)
      }
    }
  }

  /// Reads a bracketed paste up to `ESC [ 201 ~`, returning the text with `\n` line breaks.
  private func readPaste() -> TerminalEvent {
    let endMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
    var scalars: [UInt32] = []
    var truncated = false
    var tail: [UInt32] = []
    var deferred: [RawInput] = []
    defer { pushback.append(contentsOf: deferred) }
    while let input = readNext(timeoutMilliseconds: 500) {
      guard case .character(let value) = input else {
        switch input {
        case .keyCode(KEY_ENTER): scalars.append(0x0A)
        // A resize during a paste must still reach the app, after the paste.
        case .keyCode(KEY_RESIZE): deferred.append(input)
        default: break
        }
        continue
      }
      tail.append(value)
      if tail.count > endMarker.count { tail.removeFirst() }
      if tail == endMarker {
        // The marker's first five scalars were taken for text before the "~" settled it.
        if !truncated { scalars.removeLast(min(scalars.count, endMarker.count - 1)) }
        break
      }
      if scalars.count < CursesTerminal.maxPasteScalars {
        scalars.append(value)
      } else {
        truncated = true
      }
    }
    var text = String.UnicodeScalarView()
    var previousWasCR = false
    for value in scalars {
      guard let scalar = Unicode.Scalar(value) else { continue }
      defer { previousWasCR = value == 0x0D }
      if value == 0x0A && previousWasCR { continue }
      text.append(value == 0x0D ? "\n" : scalar)
    }
    return .paste(String(text))
  }

  // MARK: - Output

  /// Writes the cells that changed since the previous frame, then updates the screen.
  public func draw(_ grid: Grid) {
    guard !restored else { return }
    let changes: [GridDiff.Change]
    if needsFullRedraw || previous?.size != grid.size {
      werase(window)
      clearok(window, true)
      needsFullRedraw = false
      changes = GridDiff.changes(from: nil, to: grid)
    } else {
      changes = GridDiff.changes(from: previous, to: grid)
    }
    for change in changes {
      var x = change.x
      for cell in change.cells {
        defer { x += 1 }
        if cell.isContinuation { continue }
        let wide = grid[x: x + 1, y: change.y].isContinuation
        put(cell, x: x, y: change.y, columns: wide ? 2 : 1)
      }
    }
    previous = grid
    placeCursor()
    wnoutrefresh(window)
    doupdate()
  }

  /// Writes one cell so that ncurses advances exactly `columns` columns.
  ///
  /// ncurses measures each scalar with `wcwidth`, which disagrees with the grid for emoji
  /// sequences: only the first scalar and its combining marks are written, and a column the
  /// terminal would not fill is padded (a flag's second regional indicator, or a space).
  private func put(_ cell: Cell, x: Int, y: Int, columns: Int) {
    let (attributes, pair) = colorPairs.attributes(for: cell.style)
    let scalars = Array(cell.grapheme.unicodeScalars)
    var first = scalars.first ?? " "
    var firstWidth = Int(wcwidth(wchar_t(bitPattern: first.value)))
    var characters: [wchar_t] = []
    if firstWidth < 1 || firstWidth > columns {
      first = "\u{FFFD}"
      firstWidth = 1
      characters = [wchar_t(bitPattern: first.value)]
    } else {
      characters = [wchar_t(bitPattern: first.value)]
      for scalar in scalars.dropFirst() {
        guard characters.count < Int(CCHARW_MAX) - 1, CursesTerminal.isCombining(scalar) else {
          break
        }
        characters.append(wchar_t(bitPattern: scalar.value))
      }
    }
    putCharacters(characters, x: x, y: y, attributes: attributes, pair: pair)
    if columns == 2 && firstWidth == 1 {
      var filler: Unicode.Scalar = " "
      let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
      if scalars.count > 1, regionalIndicators.contains(first.value),
        regionalIndicators.contains(scalars[1].value),
        wcwidth(wchar_t(bitPattern: scalars[1].value)) == 1
      {
        filler = scalars[1]
      }
      putCharacters(
        [wchar_t(bitPattern: filler.value)], x: x + 1, y: y, attributes: attributes, pair: pair)
    }
    cellsWritten += 1
  }

  private func putCharacters(
    _ characters: [wchar_t], x: Int, y: Int, attributes: attr_t, pair: Int16
  ) {
    var cchar = cchar_t()
    let terminated = characters + [0]
    setcchar(&cchar, terminated, attributes, pair, nil)
    // Writing the bottom-right cell returns ERR (the cursor cannot advance) but the cell is set.
    mvwadd_wch(window, Int32(y), Int32(x), &cchar)
  }

  /// Marks ncurses stacks on the previous character (not joiners or variation selectors).
  static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark:
      return !scalar.properties.isVariationSelector
        && wcwidth(wchar_t(bitPattern: scalar.value)) == 0
    default:
      return false
    }
  }

  /// Makes the next `draw` clear the screen and write every cell.
  public func invalidate() {
    needsFullRedraw = true
  }

  /// Shows the cursor at a cell, or hides it.
  public func setCursor(_ position: (x: Int, y: Int)?) {
    cursor = position
    guard !restored else { return }
    placeCursor()
    wnoutrefresh(window)
    doupdate()
  }

  private func placeCursor() {
    if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
      wmove(window, Int32(cursor.y), Int32(cursor.x))
      if !cursorVisible {
        curs_set(1)
        cursorVisible = true
      }
    } else if cursorVisible {
      curs_set(0)
      cursorVisible = false
    }
  }
}
