import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation
import TermCore

/// `followup agenda`: what is overdue or due soon, per lead agency and per person, short
/// enough for an email or a cron job's mail.
struct AgendaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agenda",
    abstract: "What is overdue or due soon, per lead agency and per person: short, for email or cron.",
    discussion: """
      Lists open tasks that are overdue or due within --days days (default: due_soon_days \
      from the config file, else 7), grouped by lead agency, then one line per person. \
      Plain text without colour, stable from run to run. For a daily mail from cron: \
      followup agenda --quiet (prints nothing when nothing needs attention, so no mail is sent).
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("Include tasks due within this many days (default: the due-soon setting).", valueName: "n"))
  var days: Int?
  @Option(help: ArgumentHelp("List only overdue tasks with no reminder (đôn đốc) in the last n days.", valueName: "n"))
  var unreminded: Int?
  @Option(help: "Output format: text or markdown.") var format: Format = .text
  @Flag(help: "Print nothing when nothing is overdue or due soon.") var quiet = false
  @Argument(help: ArgumentHelp("Filter words to narrow the agenda, e.g. agency:LHH owner:thuy.", valueName: "filter"), completion: filterCompletion)
  var filter: [String] = []

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

  func validate() throws {
    if let days, !(0...3650).contains(days) {
      throw UserError(.inputDays, vi: "--days phải từ 0 đến 3650", en: "--days must be between 0 and 3650")
    }
    if let unreminded, !(1...3650).contains(unreminded) {
      throw UserError(.inputDays, vi: "--unreminded phải từ 1 đến 3650", en: "--unreminded must be between 1 and 3650")
    }
  }

  func run() throws {
    let s = try Session(global, asOf: try asOf.day(), create: false, meetings: Session.mentionsMeeting(filter))
    let window = days ?? s.rules.dueSoonDays
    let tasks = try s.select(try s.filter(["status:open"] + filter), .listing)
    let agenda = Agenda.build(tasks, session: s, window: window, unreminded: unreminded)
    if agenda.items.isEmpty && quiet { return }
    switch format {
    case .text: emit(agenda.text())
    case .markdown: emit(agenda.markdown())
    }
  }
}

/// The agenda's content, computed once and laid out as text or Markdown.
struct Agenda {
  /// One task that needs attention.
  struct Item {
    var task: FollowUpTask
    /// Days overdue, for an overdue task.
    var overdueDays: Int?
    /// Days left (0 = due today), for a task due soon.
    var daysLeft: Int?
    var deadline: Day?
    var isOverdue: Bool { overdueDays != nil }
  }

  let items: [Item]
  let catalog: Catalog
  let lang: Lang
  let asOf: Day
  let window: Int
  /// When set, only overdue tasks without a reminder in this many days are listed.
  var unreminded: Int? = nil

  /// Picks the overdue tasks and those due within `window` days, most urgent first; with
  /// `unreminded`, only the overdue ones nobody has reminded in that many days.
  static func build(_ tasks: [FollowUpTask], session s: Session, window: Int, unreminded: Int? = nil) -> Agenda {
    var items: [Item] = []
    for t in tasks {
      let deadline = (s.rules.basis == .effective ? t.effectiveDeadline(asOf: s.asOf) : t.deadline).date
      if let n = unreminded {
        guard case .overdue(let d) = s.timeliness(t) else { continue }
        if let last = t.lastReminder(asOf: s.asOf), last.on > s.asOf.adding(days: -n) { continue }
        items.append(Item(task: t, overdueDays: d, deadline: deadline))
        continue
      }
      switch s.timeliness(t) {
      case .overdue(let d): items.append(Item(task: t, overdueDays: d, deadline: deadline))
      case .openInTime(let left, _) where left <= window: items.append(Item(task: t, daysLeft: left, deadline: deadline))
      default: break
      }
    }
    items.sort { a, b in
      // Most overdue first, then the nearest deadline; ids keep it stable.
      let ka = a.overdueDays.map { -$0 } ?? (a.daysLeft ?? 0) + 1_000_000
      let kb = b.overdueDays.map { -$0 } ?? (b.daysLeft ?? 0) + 1_000_000
      return (ka, a.task.id) < (kb, b.task.id)
    }
    return Agenda(items: items, catalog: s.catalog, lang: s.lang, asOf: s.asOf, window: window, unreminded: unreminded)
  }

  // MARK: Words

  var title: String {
    if let n = unreminded {
      return lang.pick(
        vi: "Việc quá hạn chưa được đôn đốc trong \(n) ngày — tính đến \(asOf.formatted)",
        en: "Overdue with no reminder in \(n) days — as of \(asOf.formatted)")
    }
    return lang.pick(
      vi: "Việc quá hạn và sắp đến hạn (trong \(window) ngày) — tính đến \(asOf.formatted)",
      en: "Overdue and due within \(window) days — as of \(asOf.formatted)")
  }

  func counts(_ items: [Item]) -> String {
    let overdue = items.filter(\.isOverdue).count
    let due = items.count - overdue
    var parts: [String] = []
    if overdue > 0 { parts.append(lang.pick(vi: "\(overdue) quá hạn", en: "\(overdue) overdue")) }
    if due > 0 { parts.append(lang.pick(vi: "\(due) sắp đến hạn", en: "\(due) due soon")) }
    return parts.joined(separator: ", ")
  }

  func state(_ i: Item) -> String {
    if let d = i.overdueDays { return lang.pick(vi: "quá hạn \(d) ngày", en: d == 1 ? "1 day overdue" : "\(d) days overdue") }
    switch i.daysLeft ?? 0 {
    case 0: return lang.pick(vi: "hạn hôm nay", en: "due today")
    case 1: return lang.pick(vi: "còn 1 ngày", en: "1 day left")
    case let n: return lang.pick(vi: "còn \(n) ngày", en: "\(n) days left")
    }
  }

  func owner(_ t: FollowUpTask) -> String {
    t.owner.map { catalog.personName($0) } ?? lang.pick(vi: "chưa giao người", en: "no owner")
  }

  /// Lead agencies in protocol order with their items.
  var byAgency: [(code: String, items: [Item])] {
    let groups = Dictionary(grouping: items, by: { $0.task.lead(asOf: asOf) })
    let order = catalog.agenciesInOrder.map(\.code)
    let known = order.filter { groups[$0] != nil }
    let unknown = groups.keys.filter { !order.contains($0) }.sorted()
    return (known + unknown).map { ($0, groups[$0] ?? []) }
  }

  /// People in Vietnamese order (by given name), tasks without an owner last.
  var byPerson: [(ref: String?, items: [Item])] {
    let groups = Dictionary(grouping: items, by: { $0.task.owner ?? "" })
    let people = groups.keys.filter { !$0.isEmpty }.sorted { a, b in
      switch (catalog.people[a], catalog.people[b]) {
      case let (x?, y?): return VietText.peopleInGivenNameOrder(x, y)
      case (nil, _?): return false
      case (_?, nil): return true
      default: return a < b
      }
    }
    var out: [(ref: String?, items: [Item])] = people.map { ($0, groups[$0] ?? []) }
    if let none = groups[""] { out.append((nil, none)) }
    return out
  }

  /// An agency as people call it: its short name, or its full name when the short one is
  /// only the code (`Sở Nội vụ`, not `SNV`).
  func agencyName(_ code: String) -> String {
    guard let a = catalog.agencies[code] else { return code }
    return a.shortName == code ? a.name : a.shortName
  }

  func personLabel(_ ref: String?) -> String {
    guard let ref else { return lang.pick(vi: "Chưa giao người phụ trách", en: "No owner") }
    let p = catalog.people[ref]
    let name = p?.fullName ?? ref
    return p?.agency.map { name + " (" + agencyName($0) + ")" } ?? name
  }

  /// The widest a task line gets, in columns.
  static let lineWidth = 100

  // MARK: Layouts

  /// Plain text: one line per task, columns aligned by display width, no colour.
  func text() -> String {
    guard !items.isEmpty else {
      if let n = unreminded {
        return lang.pick(
          vi: "Không có việc quá hạn nào chưa được đôn đốc trong \(n) ngày (tính đến \(asOf.formatted)).",
          en: "Every overdue task had a reminder in the last \(n) days (as of \(asOf.formatted)).")
      }
      return lang.pick(
        vi: "Không có việc quá hạn hoặc đến hạn trong \(window) ngày (tính đến \(asOf.formatted)).",
        en: "Nothing is overdue or due within \(window) days (as of \(asOf.formatted)).")
    }
    var out = [title, counts(items) + ".", ""]
    out.append(lang.pick(vi: "Theo cơ quan chủ trì:", en: "By lead agency:"))
    let idWidth = items.map { TextWidth.width("#\($0.task.id)") }.max() ?? 2
    let stateWidth = items.map { TextWidth.width(state($0)) }.max() ?? 0
    for group in byAgency {
      out.append("  " + agencyName(group.code) + " (" + counts(group.items) + ")")
      for i in group.items {
        let mark = i.isOverdue ? "!" : "~"
        let head = "    " + mark + " " + TextWidth.pad("#\(i.task.id)", to: idWidth) + "  "
          + (i.deadline?.formatted ?? "          ") + "  " + TextWidth.pad(state(i), to: stateWidth) + "  "
          + owner(i.task) + ": "
        // Lines stay within a mail reader's width; the content gives way, never the facts.
        let room = max(24, Self.lineWidth - TextWidth.width(head))
        out.append(DisplaySafe.sanitize(head + TextWidth.truncate(EditorForm.oneLine(i.task.content), to: room)))
      }
    }
    out.append("")
    out.append(lang.pick(vi: "Theo cán bộ phụ trách:", en: "By owner:"))
    for group in byPerson {
      let ids = group.items.map { "#\($0.task.id)" }.joined(separator: " ")
      out.append(DisplaySafe.sanitize("  " + personLabel(group.ref) + ": " + counts(group.items) + " — " + ids))
    }
    out.append("")
    out.append(lang.pick(vi: "! quá hạn   ~ sắp đến hạn", en: "! overdue   ~ due soon"))
    return out.joined(separator: "\n")
  }

  /// Markdown for an email or a wiki: headings, one bullet per task.
  func markdown() -> String {
    guard !items.isEmpty else { return text() }
    var out = ["## " + Self.md(title), "", counts(items) + ".", ""]
    out.append("### " + lang.pick(vi: "Theo cơ quan chủ trì", en: "By lead agency"))
    out.append("")
    for group in byAgency {
      out.append("**" + Self.md(agencyName(group.code)) + "** (" + counts(group.items) + ")")
      out.append("")
      for i in group.items {
        let state = i.isOverdue ? "**" + state(i) + "**" : state(i)
        out.append("- #\(i.task.id) · " + (i.deadline?.formatted ?? "–") + " · " + state + " · "
          + Self.md(owner(i.task)) + ": " + Self.md(TextWidth.truncate(EditorForm.oneLine(i.task.content), to: 80)))
      }
      out.append("")
    }
    out.append("### " + lang.pick(vi: "Theo cán bộ phụ trách", en: "By owner"))
    out.append("")
    for group in byPerson {
      out.append("- " + Self.md(personLabel(group.ref)) + ": " + counts(group.items) + " — "
        + group.items.map { "#\($0.task.id)" }.joined(separator: " "))
    }
    return out.map(DisplaySafe.sanitize).joined(separator: "\n")
  }

  /// Text made literal in Markdown.
  static func md(_ s: String) -> String {
    var out = ""
    for ch in s {
      if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
      out.append(ch)
    }
    return out
  }
}
