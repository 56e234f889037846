import CNcursesw
import TermCore

/// What one `wget_wch` call produced.
public enum RawInput: Hashable, Sendable {
  /// `OK`: a character (a Unicode scalar value, possibly a control).
  case character(UInt32)
  /// `KEY_CODE_YES`: an ncurses key code such as `KEY_UP`.
  case keyCode(Int32)
}

/// Turns raw ncurses input into `Key`s: a pure table, testable without a terminal.
public enum KeyDecoder {
  /// The meaning of one raw input.
  public enum Decoded: Hashable, Sendable {
    /// A complete key press.
    case key(Key)
    /// ESC: a lone Escape or the start of a sequence; read on (see `decodeSequence`).
    case escape
    /// `KEY_MOUSE`: fetch the event with `getmouse`.
    case mouse
    /// `KEY_RESIZE`: the window has a new size.
    case resize
    /// Nothing the app cares about (unknown key codes, C1 controls).
    case ignored
  }

  /// The meaning of the scalars that followed an ESC.
  public enum Sequence: Hashable, Sendable {
    /// A key the terminal sent as an escape sequence that ncurses did not decode.
    case key(Key)
    /// `ESC [ 200 ~`: bracketed paste starts.
    case pasteStart
    /// `ESC [ 201 ~`: bracketed paste ends.
    case pasteEnd
    /// An SGR (1006) mouse report.
    case mouse(MouseEvent)
    /// A valid prefix: read more.
    case incomplete
    /// A complete sequence this program does not use; drop it.
    case unknown
  }

  /// Decodes one `wget_wch` result; `keyName` is ncurses' `keyname(code)`, used for the
  /// terminal-specific codes above `KEY_MAX` (Ctrl/Shift/Alt arrows and friends).
  public static func decode(_ input: RawInput, keyName: String? = nil) -> Decoded {
    switch input {
    case .character(0x1B):
      return .escape
    case .character(let value):
      return key(forCharacter: value).map(Decoded.key) ?? .ignored
    case .keyCode(KEY_RESIZE):
      return .resize
    case .keyCode(KEY_MOUSE):
      return .mouse
    case .keyCode(let code):
      return key(forKeyCode: code, keyName: keyName).map(Decoded.key) ?? .ignored
    }
  }

  /// The key for a character from `wget_wch`, nil for C1 controls and invalid scalars.
  public static func key(forCharacter value: UInt32) -> Key? {
    switch value {
    case 0x0A, 0x0D: return .enter
    case 0x09: return .tab
    case 0x08, 0x7F: return .backspace
    case 0x1B: return .escape
    case 0x00: return .ctrl(" ")
    case 0x01...0x1A:
      return Unicode.Scalar(value + 0x60).map { .ctrl(Character($0)) }
    case 0x1C: return .ctrl("\\")
    case 0x1D: return .ctrl("]")
    case 0x1E: return .ctrl("^")
    case 0x1F: return .ctrl("_")
    case 0x80...0x9F: return nil
    default:
      return Unicode.Scalar(value).map { .char(Character($0)) }
    }
  }

  /// The key for an ncurses key code; nil for codes this program does not use.
  public static func key(forKeyCode code: Int32, keyName: String? = nil) -> Key? {
    switch code {
    case KEY_UP, KEY_SR: return .up
    case KEY_DOWN, KEY_SF: return .down
    case KEY_LEFT, KEY_SLEFT: return .left
    case KEY_RIGHT, KEY_SRIGHT: return .right
    case KEY_PPAGE, KEY_A3, KEY_SPREVIOUS: return .pageUp
    case KEY_NPAGE, KEY_C3, KEY_SNEXT: return .pageDown
    case KEY_HOME, KEY_A1, KEY_SHOME: return .home
    case KEY_END, KEY_C1, KEY_SEND: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC, KEY_SDC: return .delete
    case KEY_IC, KEY_SIC: return .insert
    case KEY_BTAB: return .backTab
    case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
    default:
      guard code > KEY_MAX, let keyName else { return nil }
      return key(forExtendedName: keyName)
    }
  }

  /// Modified cursor keys ncurses reports by terminfo name, e.g. `kUP5` for Ctrl-Up.
  static func key(forExtendedName name: String) -> Key? {
    let prefixes: [(String, Key)] = [
      ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home),
      ("kEND", .end), ("kNXT", .pageDown), ("kPRV", .pageUp), ("kDC", .delete), ("kIC", .insert),
    ]
    for (prefix, key) in prefixes where name.hasPrefix(prefix) {
      // Only the modifier digit may follow ("kDC5"), so "kDCX" or longer names do not match.
      let rest = name.dropFirst(prefix.count)
      if rest.isEmpty || rest.allSatisfy(\.isNumber) { return key }
    }
    return nil
  }

  /// The mouse action in an ncurses button state, nil for motion and unused buttons.
  public static func mouseKind(buttonState state: mmask_t) -> MouseEvent.Kind? {
    if state & NC_BUTTON4_PRESSED != 0 { return .wheelUp }
    if state & NC_BUTTON5_PRESSED != 0 { return .wheelDown }
    let buttons: [(Int, pressed: mmask_t, released: mmask_t, clicked: mmask_t)] = [
      (1, NC_BUTTON1_PRESSED, NC_BUTTON1_RELEASED, NC_BUTTON1_CLICKED),
      (2, NC_BUTTON2_PRESSED, NC_BUTTON2_RELEASED, NC_BUTTON2_CLICKED),
      (3, NC_BUTTON3_PRESSED, NC_BUTTON3_RELEASED, NC_BUTTON3_CLICKED),
    ]
    for (button, pressed, released, clicked) in buttons {
      // A click (press and release folded together by ncurses) acts on the press.
      if state & (pressed | clicked) != 0 { return .press(button: button) }
      if state & released != 0 { return .release(button: button) }
    }
    return nil
  }

  /// Decodes the scalars that followed an ESC (CSI `[` or SS3 `O` sequences).
  ///
  /// ncurses decodes the sequences its terminfo entry knows; this covers the rest: bracketed
  /// paste markers, SGR mouse reports and the xterm keys, with modifiers ignored.
  public static func decodeSequence(_ body: [Unicode.Scalar]) -> Sequence {
    guard let introducer = body.first else { return .incomplete }
    switch introducer {
    case "[":
      return decodeCSI(body.dropFirst())
    case "O":
      guard body.count >= 2 else { return .incomplete }
      guard body.count == 2 else { return .unknown }
      return finalKey(body[1], isSS3: true).map(Sequence.key) ?? .unknown
    default:
      return .unknown
    }
  }

  private static func decodeCSI(_ rest: ArraySlice<Unicode.Scalar>) -> Sequence {
    guard let finalIndex = rest.firstIndex(where: { (0x40...0x7E).contains($0.value) }) else {
      // Parameter and intermediate bytes only so far.
      let plausible = rest.allSatisfy { (0x20...0x3F).contains($0.value) }
      return plausible && rest.count < 32 ? .incomplete : .unknown
    }
    guard finalIndex == rest.index(before: rest.endIndex) else { return .unknown }
    let final = rest[finalIndex]
    let parameters = String(String.UnicodeScalarView(rest[rest.startIndex..<finalIndex]))
    if parameters.hasPrefix("<"), final == "M" || final == "m" {
      return decodeSGRMouse(parameters.dropFirst(), pressed: final == "M")
    }
    guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { return .unknown }
    let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
    let first = numbers.first.flatMap { $0 }
    if final == "~" {
      switch first {
      case 200: return .pasteStart
      case 201: return .pasteEnd
      default: return first.flatMap(tildeKey).map(Sequence.key) ?? .unknown
      }
    }
    return finalKey(final, isSS3: false).map(Sequence.key) ?? .unknown
  }

  /// Keys of the `ESC [ n ~` family (VT220 and xterm numbering).
  private static func tildeKey(_ n: Int) -> Key? {
    switch n {
    case 1, 7: return .home
    case 2: return .insert
    case 3: return .delete
    case 4, 8: return .end
    case 5: return .pageUp
    case 6: return .pageDown
    case 11...15: return .function(n - 10)
    case 17...21: return .function(n - 11)
    case 23...26: return .function(n - 12)
    case 28, 29: return .function(n - 13)
    case 31...34: return .function(n - 14)
    default: return nil
    }
  }

  /// Keys named by the final byte (`ESC [ A`, `ESC O P`, …).
  private static func finalKey(_ final: Unicode.Scalar, isSS3 ss3: Bool) -> Key? {
    switch final {
    case "A": return .up
    case "B": return .down
    case "C": return .right
    case "D": return .left
    case "H": return .home
    case "F": return .end
    case "P": return .function(1)
    case "Q": return .function(2)
    case "R": return .function(3)
    case "S": return .function(4)
    case "Z": return ss3 ? nil : .backTab
    case "M": return ss3 ? .enter : nil
    default: return nil
    }
  }

  /// `ESC [ < b ; x ; y M|m`, 1-based coordinates.
  private static func decodeSGRMouse(_ parameters: Substring, pressed: Bool) -> Sequence {
    let numbers = parameters.split(separator: ";").compactMap { Int($0) }
    guard numbers.count == 3 else { return .unknown }
    let code = numbers[0]
    let x = numbers[1] - 1
    let y = numbers[2] - 1
    // Bit 5 marks motion, bits 2–4 are Shift/Meta/Ctrl; neither matters here.
    guard code & 32 == 0 else { return .unknown }
    let kind: MouseEvent.Kind
    switch code & ~0b11100 {
    case 64: kind = .wheelUp
    case 65: kind = .wheelDown
    case 0, 1, 2:
      let button = (code & 0b11) + 1
      kind = pressed ? .press(button: button) : .release(button: button)
    default: return .unknown
    }
    return .mouse(MouseEvent(kind: kind, x: x, y: y))
  }
}
