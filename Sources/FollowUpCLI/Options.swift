import ArgumentParser
import FollowUpApp
import FollowUpCore
import FollowUpPostgres
import FollowUpStore
import Foundation
import TermCore

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The data file (default: $FOLLOWUP_FILE, else $XDG_DATA_HOME/followup/followup.db).",
      valueName: "path"))
  var file: String?

  @Option(name: .long, help: ArgumentHelp("Language of tables, reports and messages: vi or en (default: from the locale).", valueName: "vi|en"))
  var lang: Lang?

  /// The language to speak.
  var language: Lang { lang ?? Environment.current.settings.lang ?? Lang.fromLocale(Environment.current.variables) }

  /// The resolved data file path.
  var path: String { file ?? Environment.current.defaultFile }

  /// Opens the data file. The default file is created on first use; a file named with
  /// `--file` or `FOLLOWUP_FILE` is created only by commands that write (a mistyped path
  /// given to `list` is an error, not a new empty file).
  func openStore(create: Bool = true) throws -> any TaskStore {
    if Server.isAddress(path) { return try GlobalOptions.openServer(path, language: language) }
    let explicit = file != nil || Environment.current.variables["FOLLOWUP_FILE"].map { !$0.isEmpty } == true
    return try SQLiteStore(
      path: path, user: Environment.current.user, createIfMissing: create || !explicit,
      directory: (GlobalOptions.bundledDirectory, []), sharing: Environment.current.settings.share ?? .owner)
  }

  /// Opens a server store; a name set with FOLLOWUP_USER or the config's `user` cannot change
  /// who the server says is connected, and the user is told so on standard error.
  static func openServer(_ url: String, language: Lang) throws -> any TaskStore {
    let store = try PostgresStore(url: url)
    let env = Environment.current
    let named = [env.variables["FOLLOWUP_USER"], env.settings.user].compactMap { $0 }.first { !$0.isEmpty }
    if let named, named != store.user {
      FileHandle.standardError.write(Data(("followup: " + language.pick(
        vi: "trên máy chủ, lịch sử ghi tài khoản đăng nhập \(store.user); bỏ qua tên '\(named)' trong FOLLOWUP_USER hoặc cấu hình",
        en: "on a server, history records the login \(store.user); the name '\(named)' from FOLLOWUP_USER or the config is ignored")
        + "\n").utf8))
    }
    return store
  }

  /// The agency directory a new file starts with.
  static var bundledDirectory: [Agency] {
    (try? InterchangeReader.read(json: BundledData.agencyDirectoryJSON).agencies) ?? []
  }
}

extension Lang: ExpressibleByArgument {}

/// Output formats for reads.
enum ReadFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// `--as-of`: the day deadlines are judged on. One group shared by the root command and the
/// subcommands, so the option reaches whichever command runs wherever it is written.
struct AsOfOption: ParsableArguments {
  @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge deadlines as of this day, as if it were today (default: today).", valueName: "date"))
  var asOf: String?

  /// The day given, if any.
  func given() throws -> Day? { try parseDay(asOf, option: "--as-of") }

  /// The as-of day.
  func day() throws -> Day { try given() ?? Environment.current.today }
}

/// Options of commands that read and judge tasks.
struct ReadOptions: ParsableArguments {
  @OptionGroup var asOf: AsOfOption

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: ReadFormat = .table

  /// The as-of day.
  func day() throws -> Day { try asOf.day() }
}

/// Parses a day given on the command line, naming the option when it is wrong.
func parseDay(_ text: String?, option: String) throws -> Day? {
  guard let text, !text.isEmpty else { return nil }
  let key = VietText.fold(text)
  if key == "today" || key == "hom nay" { return Environment.current.today }
  do {
    let parsed = try DateParser.parseDay(text, referenceYear: Environment.current.today.year)
    warn(parsed.warnings, option: option)
    return parsed.day
  } catch let e as UserError {
    throw e.located(vi: option, en: option)
  }
}

/// The process's surroundings: environment variables, today, who is working, settings.
struct Environment: Sendable {
  /// The environment variables.
  var variables: [String: String]
  /// Today, in Vietnam time.
  var today: Day
  /// Settings from the config file.
  var settings: Settings
  /// Where a command's output goes.
  var output: @Sendable (String) -> Void = Environment.write(to: .standardOutput)
  /// Where warnings and errors go.
  var errors: @Sendable (String) -> Void = Environment.write(to: .standardError)

  /// The environment the command being run was given: the process's own unless a caller (a
  /// test running commands in-process) binds another with `Environment.$current.withValue`.
  @TaskLocal static var current: Environment = .process

  /// The process's environment: its variables, today's date in Vietnam, the config file.
  static let process: Environment = {
    let env = ProcessInfo.processInfo.environment
    return Environment(
      variables: env, today: Day.today(zone: Day.zone(environment: env)),
      settings: Settings.load(environment: env))
  }()

  /// A sink writing whole lines to a file handle.
  static func write(to handle: FileHandle) -> @Sendable (String) -> Void {
    { text in handle.write(Data(text.utf8)) }
  }

  /// The name the history records: `FOLLOWUP_USER`, else the config's `user`, else the login.
  var user: String {
    // The environment variable is the more specific choice (one script, one session), so it
    // wins over the config file, as FOLLOWUP_FILE does over `file`.
    if let u = variables["FOLLOWUP_USER"], !u.isEmpty { return u }
    if let u = settings.user, !u.isEmpty { return u }
    if let u = variables["USER"] ?? variables["LOGNAME"], !u.isEmpty { return u }
    // Shells started without a login (cron, some ssh commands) may not set USER.
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "unknown"
  }

  /// The default data file.
  var defaultFile: String {
    // An empty FOLLOWUP_FILE counts as unset, as it does for Store.defaultPath.
    if (variables["FOLLOWUP_FILE"] ?? "").isEmpty, let f = settings.file, !f.isEmpty { return f }
    return SQLiteStore.defaultPath(environment: variables)
  }

  /// Timeliness rules from the settings.
  var rules: TimelinessRules {
    TimelinessRules(basis: settings.basis ?? .effective, dueSoonDays: settings.dueSoonDays ?? 7)
  }
}

/// User settings from `$XDG_CONFIG_HOME/followup/config.toml` (read by `Settings.load`, in
/// Config.swift); nil means "not set", so the built-in default applies.
struct Settings: Sendable {
  var user: String?
  var file: String?
  var lang: Lang?
  var dueSoonDays: Int?
  var basis: TimelinessBasis?
  var formula: RateFormula?
  /// The interface's theme, colours and keys.
  var interface = InterfaceSettings()
  /// Who may open a data file FollowUp creates.
  var share: SQLiteStore.Sharing?
  /// The config file that was read, if there was one.
  var path: String?
  /// What was wrong in the file, one sentence each, printed once at startup.
  var warnings: [UserError] = []
}

/// Prints date-reading warnings (two-digit year, assumed year) to standard error.
func warn(_ warnings: [DateWarning], option: String) {
  let lang = FollowUpCommand.language(Array(CommandLine.arguments.dropFirst()))
  for w in warnings {
    Environment.current.errors("followup: " + option + ": " + DisplaySafe.sanitize(w.message(lang)) + "\n")
  }
}
