import FollowUpTUI
import TermCore

/// The interface's own settings from the config file — theme, colours, key bindings — taken
/// in the config file's words, so the command line reads them without knowing the interface's
/// types.
public struct InterfaceSettings: Sendable {
  /// Styles; nil for the default.
  var theme: Theme?
  /// How many colours to draw with; nil for the default.
  public var colours: ColourChoice?
  /// Key bindings with the config's remaps applied.
  var keys = KeyMap.standard
  /// Commands the config gave keys to.
  var rebound: Set<Command> = []

  /// Settings with every default.
  public init() {}

  /// The theme names the config accepts, as the warning lists them.
  public static let themeNames = "256, 16, mono"

  /// Chooses a theme by name; false when no theme has that name.
  public mutating func setTheme(_ name: String) -> Bool {
    guard let t = Theme.named(name) else { return false }
    theme = t
    return true
  }

  /// Why a `[keys]` entry was not taken.
  public enum KeyProblem: Equatable, Sendable {
    /// No command has that name.
    case unknownCommand
    /// A key that cannot be read, as written.
    case unreadableKey(String)
    /// An empty list of keys.
    case noKeys
    /// Keys a text field types itself, so the command could never run where it applies.
    case typedByTextFields
  }

  /// Gives a command, named as on the `?` screen (`toggle-done`; underscores work too), these
  /// keys, written as help writes them (`x`, `Space`, `Ctrl-R`, `F5`); nothing changes when
  /// there is a problem.
  public mutating func rebind(_ name: String, to texts: [String]) -> KeyProblem? {
    guard let command = Command(rawValue: name.lowercased().replacingOccurrences(of: "_", with: "-")) else {
      return .unknownCommand
    }
    var parsed: [Key] = []
    for t in texts {
      guard let k = KeyMap.parse(t) else { return .unreadableKey(t) }
      parsed.append(k)
    }
    guard !parsed.isEmpty else { return .noKeys }
    guard keys.reaches(command, with: parsed) else { return .typedByTextFields }
    keys.rebind(command, to: parsed)
    rebound.insert(command)
    return nil
  }

  /// Commands a remap took the only key of, with the keys they had by default.
  public var commandsWithoutKeys: [(command: String, had: String)] {
    keys.bindings.filter { $0.keys.isEmpty && !rebound.contains($0.command) }.map { b in
      (b.command.rawValue, KeyMap.standard.bindings.first { $0.command == b.command }?.label ?? "")
    }
  }
}
