import CursesBackend
import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation

/// How many colours to draw with, as the settings name it.
public enum ColourChoice: String, Sendable, CaseIterable {
  /// Whatever the terminal supports, none with `NO_COLOR`.
  case auto
  /// No colour.
  case none
  /// The 16 ANSI colours.
  case ansi16 = "16"
  /// The 256-colour palette.
  case indexed256 = "256"

  var mode: ColorMode {
    switch self {
    case .auto: return .auto
    case .none: return .none
    case .ansi16: return .ansi16
    case .indexed256: return .indexed256
    }
  }
}

/// Runs the interface on the real terminal: checks it can, takes the screen, always gives it
/// back (on quit, error, signal or hang-up).
public enum TerminalSession {
  /// Why the interface cannot start here, as a sentence; nil when it can.
  public static func problem(environment: [String: String]) -> UserError? {
    switch CursesTerminal.checkEnvironment(environment: environment) {
    case nil: return nil
    case .notATerminal?:
      return UserError(
        .terminalNone, vi: "Giao diện toàn màn hình cần một terminal; để dùng trong script hãy gọi lệnh con, ví dụ 'followup list'",
        en: "The full-screen interface needs a terminal; in scripts use a subcommand such as 'followup list'")
    case .termUnset?:
      return UserError(.terminalTerm, vi: "Biến TERM chưa được đặt; hãy đặt TERM (ví dụ xterm-256color)", en: "TERM is not set; set it (e.g. xterm-256color)")
    case .termDumb?:
      return UserError(.terminalDumb, vi: "TERM=dumb không vẽ được giao diện; dùng terminal khác hoặc lệnh con như 'followup list'", en: "TERM=dumb cannot draw the interface; use another terminal or a subcommand such as 'followup list'")
    case .notUTF8(let codeset)?:
      return UserError(
        .terminalUtf8, vi: "Bộ ký tự của locale là \(codeset), không phải UTF-8; hãy đặt LANG=vi_VN.UTF-8 hoặc C.UTF-8",
        en: "The locale's character set is \(codeset), not UTF-8; set LANG=en_US.UTF-8, vi_VN.UTF-8 or C.UTF-8")
    }
  }

  /// What the interface opens with, in the command line's terms.
  public struct Options: Sendable {
    /// The language of everything shown.
    public var lang: Lang
    /// The day deadlines are judged on.
    public var asOf: Day
    /// Timeliness basis and due-soon window.
    public var rules: TimelinessRules
    /// Rate denominators of the agencies view.
    public var formula: RateFormula
    /// The user's name in the history.
    public var user: String
    /// The name the header shows for the data (the file's name, or "sample data").
    public var label: String
    /// Theme, colours and keys from the config file.
    public var settings: InterfaceSettings

    /// Creates options.
    public init(
      lang: Lang, asOf: Day, rules: TimelinessRules, formula: RateFormula, user: String, label: String,
      settings: InterfaceSettings
    ) {
      self.lang = lang
      self.asOf = asOf
      self.rules = rules
      self.formula = formula
      self.user = user
      self.label = label
      self.settings = settings
    }
  }

  /// Takes the screen, runs the interface until it ends, and restores the terminal.
  public static func run(
    store: any TaskStore, options o: Options, environment: [String: String], editor: ExternalEditing?
  ) throws -> ExitReason {
    let env = AppEnvironment(
      lang: o.lang, asOf: o.asOf, rules: o.rules, formula: o.formula, user: o.user, fileLabel: o.label,
      filePath: store.location, theme: o.settings.theme ?? .colour256, keys: o.settings.keys,
      writable: store.isWritable)
    if let p = problem(environment: environment) { throw p }
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(colorMode: (o.settings.colours ?? .auto).mode)
    } catch {
      throw UserError(
        .terminalStart, vi: "Không mở được màn hình cho TERM=\(environment["TERM"] ?? "")",
        en: "Cannot start the screen for TERM=\(environment["TERM"] ?? "")")
    }
    atexit { CursesTerminal.emergencyRestore() }
    defer { terminal.restore() }
    var runEnv = env
    // Without colour the theme must not lean on colour either.
    if terminal.colorMode == .none { runEnv.theme = .monochrome }
    if terminal.colorMode == .ansi16 && env.theme == .colour256 { runEnv.theme = .colour16 }
    let runtime = try Runtime(store: store, backend: terminal, env: runEnv, editor: editor)
    return runtime.run()
  }
}
