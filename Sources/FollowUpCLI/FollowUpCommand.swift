import ArgumentParser
import FollowUpApp
import FollowUpCore
import FollowUpStore
import Foundation
import TermCore

/// `followup`: with no subcommand, the full-screen interface; with one, a scriptable command.
public struct FollowUpCommand: ParsableCommand {
  /// The command tree, help text and version.
  public static let configuration = CommandConfiguration(
    commandName: "followup",
    abstract: "Track the tasks assigned by meeting conclusions: who must do what, by when.",
    discussion: """
      With no subcommand, opens the full-screen interface on the data file.
      Filters (list, count, export, agenda): agency:LHH with:SNV status:overdue owner:thuy \
      due<31/12/2023 meeting:M2023-0526 #khẩn and plain words, matched without diacritics \
      (nguyen binh khiem).
      Settings: $XDG_CONFIG_HOME/followup/config.toml (else ~/.config/followup/config.toml); \
      environment: FOLLOWUP_FILE, FOLLOWUP_USER, NO_COLOR, TERM, LANG/LC_*, VISUAL/EDITOR. \
      Shell completion: followup --generate-completion-script bash|zsh|fish.
      """,
    version: "1.0.0",
    subcommands: [
      ListCommand.self, CountCommand.self, ShowCommand.self, AddCommand.self, DoneCommand.self, ReopenCommand.self,
      EditCommand.self, NoteCommand.self, ExtendCommand.self, ReassignCommand.self,
      WithdrawCommand.self, MergeCommand.self, RemindCommand.self, ReportedCommand.self, AcceptCommand.self,
      ReturnCommand.self, DeleteCommand.self, UndoCommand.self, RedoCommand.self,
      HistoryCommand.self, ImportCommand.self, ExportCommand.self, MeetingsCommand.self,
      AgenciesCommand.self, PeopleCommand.self, AddAgencyCommand.self, AddPersonCommand.self,
      WorkloadCommand.self, ReportCommand.self,
      AgendaCommand.self, ManCommand.self, IntakeCommand.self, ServerCommand.self, MigrateCommand.self,
    ])

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Flag(help: "Open a fresh temporary copy of the sample data; your own file is not touched.") var demo = false

  /// Required by ArgumentParser.
  public init() {}

  /// Opens the interface (the root command has no subcommand).
  public func run() throws {
    let asOfDay = try asOf.given()
    try Interface.open(global: global, asOf: asOfDay, demo: demo)
  }

  /// Runs the program in the process's environment and exits with the command's status.
  public static func runMain(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
    Foundation.exit(run(arguments))
  }

  /// Runs one command line in `Environment.current` and returns its exit status: parses the
  /// arguments, runs the command, and turns every error into one sentence on the error sink.
  static func run(_ arguments: [String]) -> Int32 {
    let env = Environment.current
    // Shell completion runs on every Tab press: it must stay silent.
    if arguments.first != "---completion" { reportConfigProblems(arguments) }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let e as UserError {
      // Messages quote what was typed; made visible, an escape sequence cannot drive the
      // terminal and the message stays one line.
      env.errors("followup: " + DisplaySafe.sanitize(e.message(language(arguments))) + "\n")
      return 1
    } catch {
      // Help, version, completion scripts and usage errors, worded by ArgumentParser.
      let status = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty { (status == .success ? env.output : env.errors)(message + "\n") }
      return status.rawValue
    }
  }

  /// Prints what was wrong in the config file, one line each, once; the program then goes on
  /// with the defaults for those settings.
  static func reportConfigProblems(_ arguments: [String]) {
    let warnings = Environment.current.settings.warnings
    guard !warnings.isEmpty else { return }
    let l = language(arguments)
    for w in warnings {
      Environment.current.errors("followup: " + DisplaySafe.sanitize(w.message(l)) + "\n")
    }
  }

  /// The language for errors: `--lang` if it was given, else the settings or locale.
  static func language(_ arguments: [String]) -> Lang {
    if let i = arguments.firstIndex(of: "--lang"), i + 1 < arguments.count, let l = Lang(rawValue: arguments[i + 1]) {
      return l
    }
    if let a = arguments.first(where: { $0.hasPrefix("--lang=") }), let l = Lang(rawValue: String(a.dropFirst(7))) {
      return l
    }
    return Environment.current.settings.lang ?? Lang.fromLocale(Environment.current.variables)
  }
}

/// Opens the full-screen interface.
enum Interface {
  /// The day the demo pretends it is: the sample's busiest moment (T4 due, T1 overdue).
  static let demoDay = Day(year: 2023, month: 11, day: 30) ?? Day(ordinal: 0)

  static func open(global: GlobalOptions, asOf: Day?, demo: Bool) throws {
    let env = Environment.current
    let lang = global.language
    // Refuse before touching the file or the terminal.
    if let problem = TerminalSession.problem(environment: env.variables) { throw problem }
    var demoFolder: URL?
    defer { if let demoFolder { try? FileManager.default.removeItem(at: demoFolder) } }
    let store: any TaskStore
    if demo {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("followup-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
      demoFolder = folder
      store = try SQLiteStore(
        path: folder.appendingPathComponent("demo.db").path, user: env.user,
        directory: (GlobalOptions.bundledDirectory, []))
      _ = try store.importDocument(try InterchangeReader.read(json: BundledData.sampleJSON))
    } else {
      store = try global.openStore()
    }
    let day = asOf ?? (demo ? demoDay : env.today)
    waitAfterConfigProblems(env, lang)
    let options = TerminalSession.Options(
      lang: lang, asOf: day, rules: env.rules, formula: env.settings.formula ?? .due, user: store.user,
      label: demo ? lang.pick(vi: "dữ liệu mẫu", en: "sample data") : store.displayName, settings: env.settings.interface)
    let reason = try TerminalSession.run(
      store: store, options: options, environment: env.variables,
      editor: ExternalEditor(lang: lang, today: day, environment: env.variables))
    if reason != .quit {
      if let demoFolder { try? FileManager.default.removeItem(at: demoFolder) }
      Foundation.exit(reason.exitCode)
    }
  }

  /// The config warnings were printed on standard error, which the full screen is about to
  /// cover: like vim after a bad vimrc, wait for Enter so they can be read.
  static func waitAfterConfigProblems(_ env: Environment, _ lang: Lang) {
    guard !env.settings.warnings.isEmpty, isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else { return }
    FileHandle.standardError.write(Data(lang.pick(
      vi: "followup: giao diện mở với giá trị mặc định cho các mục trên; nhấn Enter để tiếp tục ",
      en: "followup: the interface opens with the defaults for the settings above; press Enter to continue ").utf8))
    _ = readLine()
  }
}
