import FollowUpCore
import FollowUpStore
import Foundation
import TermCore

/// An open data file with its directory loaded, for one command; tasks are read on demand,
/// narrowed in SQL and with only the columns the command needs.
struct Session {
  let store: any TaskStore
  let catalog: Catalog
  let lang: Lang
  let asOf: Day
  let rules: TimelinessRules

  /// Opens the file; `meetings: false` leaves the (large) meeting list unread for commands
  /// that never name a meeting.
  init(_ global: GlobalOptions, asOf: Day? = nil, create: Bool = false, meetings: Bool = true) throws {
    store = try global.openStore(create: create)
    catalog = try store.loadCatalog(meetings: meetings)
    lang = global.language
    self.asOf = asOf ?? Environment.current.today
    rules = Environment.current.rules
  }

  /// Every task, with what the projection asks for.
  func tasks(_ projection: TaskProjection) throws -> [FollowUpTask] {
    try store.loadTasks(projection: projection)
  }

  /// The filter context for this session.
  var filterContext: FilterContext {
    FilterContext(catalog: catalog, asOf: asOf, rules: rules, me: me)
  }

  /// The current user's person ref, when the user name is a ref or a unique name.
  var me: String? { try? catalog.resolvePerson(Environment.current.user).ref }

  /// Whether filter words name a meeting (only then must the meeting list be read).
  static func mentionsMeeting(_ words: [String]) -> Bool {
    words.contains { w in
      let l = w.lowercased()
      return l.contains("meeting:") || l.hasPrefix("m:") || l.contains(" m:") || l.hasPrefix("-m:")
    }
  }

  /// Parses filter words given as separate shell arguments.
  func filter(_ words: [String]) throws -> TaskFilter {
    let text = Session.joinFilterWords(words)
    let parsed = try TaskFilter.parse(text, context: filterContext)
    if me == nil && Session.mentionsMe(text) {
      // Not an error (the filter is valid), but an empty answer must not look like "no tasks".
      let user = Environment.current.user
      Environment.current.errors("followup: " + DisplaySafe.sanitize(lang.pick(
        vi: "người dùng '\(user)' không có trong danh bạ cán bộ nên 'me' không khớp nhiệm vụ nào; đặt user trong tệp cấu hình hoặc FOLLOWUP_USER là mã hoặc tên một cán bộ",
        en: "the user '\(user)' is not a person in the directory, so 'me' matches no task; set user in the config file or FOLLOWUP_USER to a person's ref or name")) + "\n")
    }
    return parsed
  }

  /// Whether filter text uses `me`/`tôi` as a person or `mine`/`của_tôi` as a status.
  static func mentionsMe(_ text: String) -> Bool {
    let folded = VietText.fold(text)
    return folded.contains(/[:,=@](me|toi|mine|cua_toi)(?![\p{L}\p{N}_])/)
  }

  /// Tasks matching a filter.
  func select(_ filter: TaskFilter, _ projection: TaskProjection = .listing) throws -> [FollowUpTask] {
    try store.select(filter, context: filterContext, projection: projection)
  }

  /// Rebuilds the filter text from shell words, re-quoting words the shell unquoted.
  static func joinFilterWords(_ words: [String]) -> String {
    words.map { w in
      guard w.contains(where: \.isWhitespace), !w.contains("\"") else { return w }
      var name = ""
      var rest = Substring(w)
      while let c = rest.first, c.isASCII, c.isLetter || c == "_" || c == "-" || c == "#" {
        name.append(c)
        rest = rest.dropFirst()
      }
      var op = ""
      while let c = rest.first, ":<>=".contains(c) {
        op.append(c)
        rest = rest.dropFirst()
      }
      if !name.isEmpty && !op.isEmpty { return name + op + "\"" + rest + "\"" }
      return "\"" + w + "\""
    }.joined(separator: " ")
  }

  func timeliness(_ t: FollowUpTask) -> Timeliness { rules.evaluate(t, asOf: asOf) }

  /// The deadline a list shows: effective, with `*` when an extension moved it.
  func deadlineCell(_ t: FollowUpTask) -> String {
    let eff = rules.basis == .effective ? t.effectiveDeadline(asOf: asOf) : t.deadline
    return eff.display + (eff != t.deadline ? "*" : "")
  }
}

/// Where output goes and how wide it may be.
enum Terminal {
  /// Whether standard output is a terminal.
  static var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }

  /// The terminal's width, when standard output is one.
  static var width: Int? {
    guard isTTY else { return nil }
    var ws = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
    if let c = Environment.current.variables["COLUMNS"].flatMap(Int.init) { return c }
    return 80
  }
}

/// Writes text to standard output, exactly once with a trailing newline.
func emit(_ text: String) {
  Environment.current.output(text.hasSuffix("\n") ? text : text + "\n")
}
