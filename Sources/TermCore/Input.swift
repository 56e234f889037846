/// A key press, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
  /// A printable character (a combining mark typed on its own arrives as its own `.char`).
  case char(Character)
  /// Ctrl plus a key: a lowercase letter, or one of `@ [ \ ] ^ _` and `" "` for Ctrl-Space.
  case ctrl(Character)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Page Up.
  case pageUp
  /// Page Down.
  case pageDown
  /// Home.
  case home
  /// End.
  case end
  /// Enter or Return.
  case enter
  /// Esc.
  case escape
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Backspace.
  case backspace
  /// Delete (forward).
  case delete
  /// Insert.
  case insert
  /// F1, F2, … (F13–F24 are what many terminals send for Shift-F1–F12).
  case function(Int)
}

/// A mouse action at a cell (0-based, as in `Grid`).
public struct MouseEvent: Hashable, Sendable {
  /// What happened.
  public enum Kind: Hashable, Sendable {
    /// Button 1 (left), 2 (middle) or 3 (right) went down.
    case press(button: Int)
    /// A button went up.
    case release(button: Int)
    /// The wheel turned away from the user.
    case wheelUp
    /// The wheel turned towards the user.
    case wheelDown
  }

  /// What happened.
  public var kind: Kind
  /// Column.
  public var x: Int
  /// Row.
  public var y: Int

  /// Creates a mouse event.
  public init(kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// Anything the run loop can receive from the terminal.
public enum TerminalEvent: Hashable, Sendable {
  /// A key press.
  case key(Key)
  /// Text pasted with bracketed paste, as one piece (newlines kept).
  case paste(String)
  /// A mouse action.
  case mouse(MouseEvent)
  /// The terminal now has this size; redraw everything.
  case resize(Size)
  /// SIGTERM, SIGINT or SIGHUP was received; the app should save, restore and exit.
  case signal(Int32)
  /// The terminal is gone (the pty closed); restore and exit.
  case hangup
}
