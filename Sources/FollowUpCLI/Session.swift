import FollowUpCore
import FollowUpStore
import Foundation
import TermCore

/// An open data file with its directory and tasks loaded, for one command.
struct Session {
  let store: Store
  let catalog: Catalog
  let tasks: [FollowUpTask]
  let lang: Lang
  let asOf: Day
  let rules: TimelinessRules

  init(_ global: GlobalOptions, asOf: Day? = nil, create: Bool = false) throws {
    store = try global.openStore(create: create)
    (catalog, tasks, _) = try store.loadAll()
    lang = global.language
    self.asOf = asOf ?? Environment.current.today
    rules = Environment.current.rules
  }

  /// The filter context for this session.
  var filterContext: FilterContext {
    FilterContext(catalog: catalog, asOf: asOf, rules: rules, me: me)
  }

  /// The current user's person ref, when the user name is a ref or a unique name.
  var me: String? { try? catalog.resolvePerson(Environment.current.user).ref }

  /// Parses filter words given as separate shell arguments.
  func filter(_ words: [String]) throws -> TaskFilter {
    try TaskFilter.parse(Session.joinFilterWords(words), context: filterContext)
  }

  /// Tasks matching a filter.
  func select(_ filter: TaskFilter) -> [FollowUpTask] {
    if filter.isEmpty { return tasks }
    let ctx = filterContext
    return tasks.filter { t in
      filter.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: catalog) }
    }
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
  FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
