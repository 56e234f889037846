import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation
import TermCore

extension TaskOrder: ExpressibleByArgument {}

/// The filter language, for help texts.
let filterHelp = ArgumentHelp(
  "Filter words, e.g. agency:LHH status:overdue owner:thuy due<31/12/2023 meeting:M2023-0526 #khẩn nguyen binh khiem.",
  valueName: "filter")

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the tasks that match a filter.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var read: ReadOptions
  @Option(help: "Sort by deadline, agency, status or id.") var sort: TaskOrder = .deadline
  @Argument(help: filterHelp, completion: filterCompletion) var filter: [String] = []

  func run() throws {
    let s = try Session(global, asOf: try read.day(), meetings: Session.mentionsMeeting(filter))
    var tasks = try s.select(try s.filter(filter), read.format == .json ? .full : .listing)
    s_sort(&tasks, s, sort)
    switch read.format {
    case .json:
      let items = tasks.map { t -> JSONValue in
        let tl = s.timeliness(t)
        return InterchangeWriter.task(
          t, derived: [("timeliness", .string(tl.code)), ("dueSoon", .bool(tl.isDueSoon))])
      }
      emit(JSONValue.array(items).rendered())
    case .csv:
      emit(CSV.document(CSVTasks.englishRows(tasks, asOf: s.asOf, rules: s.rules)))
    case .table:
      emit(taskTable(tasks, s))
    }
  }
}

func s_sort(_ tasks: inout [FollowUpTask], _ s: Session, _ order: TaskOrder) {
  order.sort(&tasks, catalog: s.catalog, asOf: s.asOf) { s.timeliness($0) }
}

/// The task table the CLI prints, with a summary line.
func taskTable(_ tasks: [FollowUpTask], _ s: Session) -> String {
  let l = s.lang
  var table = TextTable(columns: [
    .init(title: "ID", alignRight: true), .init(title: "  "),
    .init(title: l.pick(vi: "Hạn", en: "Deadline")),
    .init(title: l.pick(vi: "Chủ trì", en: "Lead"), maxWidth: 18),
    .init(title: l.pick(vi: "Phụ trách", en: "Owner"), maxWidth: 22),
    .init(title: l.pick(vi: "Nội dung", en: "Content")),
  ])
  var counts = WorkloadCounts()
  for t in tasks {
    let tl = s.timeliness(t)
    counts.add(tl, extended: false)
    table.rows.append([
      String(t.id), Words.mark(tl), s.deadlineCell(t), s.catalog.agencyLabel(t.lead),
      s.catalog.personName(t.owner), t.content.utf8.contains(0x0A) ? t.content.replacingOccurrences(of: "\n", with: " ") : t.content,
    ])
  }
  let summary = l.pick(
    vi: "\(tasks.count) nhiệm vụ · \(counts.overdue) quá hạn · \(counts.dueSoon) sắp đến hạn · \(counts.done) đã hoàn thành · tính đến \(s.asOf.formatted)",
    en: "\(counted(tasks.count, vi: "", en: "task", .en)) · \(counts.overdue) overdue · \(counts.dueSoon) due soon · \(counts.done) done · as of \(s.asOf.formatted)")
  if tasks.isEmpty { return summary }
  return table.render(fitting: Terminal.width) + "\n\n" + summary
}

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show everything about one task.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var read: ReadOptions
  @Argument(help: "The task number.") var id: Int

  func run() throws {
    let s = try Session(global, asOf: try read.day(), create: false)
    let t = try s.store.task(id)
    switch read.format {
    case .json:
      let tl = s.timeliness(t)
      emit(InterchangeWriter.task(t, derived: [("timeliness", .string(tl.code)), ("dueSoon", .bool(tl.isDueSoon))]).rendered())
    case .csv:
      emit(CSV.document(CSVTasks.englishRows([t], asOf: s.asOf, rules: s.rules)))
    case .table:
      let history = try s.store.history(taskID: id, limit: 50)
      emit(TaskDetail.lines(t, catalog: s.catalog, asOf: s.asOf, rules: s.rules, lang: s.lang, history: history.map(TaskDetail.HistoryLine.init))
        .map { DisplaySafe.sanitize($0) }.joined(separator: "\n"))
    }
  }
}

extension TaskDetail.HistoryLine {
  init(_ e: HistoryEntry) {
    self.init(at: e.at, by: e.by, kind: e.kind, field: e.field, old: e.old, new: e.new, undone: e.undone)
  }
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the directory and the tasks that match a filter as JSON (lossless), CSV or an Excel workbook.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: "json (followup/1, lossless), csv (UTF-8 with BOM, for Excel) or xlsx (needs -o unless piped).") var format: ExportFormat = .json
  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path")) var output: String?
  @Option(help: "CSV delimiter: comma or semicolon.") var delimiter: Delimiter = .comma
  @Argument(help: filterHelp, completion: filterCompletion) var filter: [String] = []

  enum ExportFormat: String, ExpressibleByArgument { case json, csv, xlsx }

  func run() throws {
    let s = try Session(global, asOf: try asOf.day(), create: false)
    let tasks = try s.select(try s.filter(filter), .full)
    let text: String
    switch format {
    case .json:
      let doc = InterchangeDocument(
        agencies: s.catalog.agenciesInOrder, people: s.catalog.people.values.sorted { $0.ref < $1.ref },
        meetings: s.catalog.meetings.values.sorted { $0.ref < $1.ref }, tasks: tasks)
      text = InterchangeWriter.json(doc)
    case .csv:
      text = CSV.document(CSVTasks.englishRows(tasks, asOf: s.asOf, rules: s.rules), delimiter: delimiter.character)
    case .xlsx:
      try writeBinary(try XLSXReport.taskList(tasks, asOf: s.asOf, rules: s.rules, lang: s.lang), to: output)
      return
    }
    try writeOutput(text, to: output)
  }
}

/// The CSV delimiter a user chose.
enum Delimiter: String, ExpressibleByArgument {
  case comma, semicolon
  var character: Character { self == .comma ? "," : ";" }
}

/// Writes to a file atomically (never half-written), or to standard output.
func writeOutput(_ text: String, to path: String?) throws {
  guard let path else {
    emit(text)
    return
  }
  do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw UserError(
      .outputWrite, vi: "Không ghi được tệp '\(path)'; kiểm tra đường dẫn và quyền ghi",
      en: "Cannot write the file '\(path)'; check the path and permissions")
  }
}

struct MeetingsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meetings", abstract: "List meetings, newest first, with their task counts.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var read: ReadOptions

  func run() throws {
    let s = try Session(global, asOf: try read.day(), create: false)
    let l = s.lang
    var byMeeting: [String: WorkloadCounts] = [:]
    for t in try s.tasks(.timing) {
      guard let m = t.meeting else { continue }
      byMeeting[m, default: WorkloadCounts()].add(s.timeliness(t), extended: false)
    }
    let meetings = s.catalog.meetingsNewestFirst
    switch read.format {
    case .json:
      emit(JSONValue.array(meetings.map(InterchangeWriter.meeting)).rendered())
    case .csv:
      emit(CSV.document([["ref", "date", "title", "chair", "tasks", "open", "overdue", "done"]] + meetings.map { m in
        let c = byMeeting[m.ref] ?? WorkloadCounts()
        return [m.ref, m.date.formatted, m.title, m.chair, String(c.total + c.excluded), String(c.open), String(c.overdue), String(c.done)]
      }))
    case .table:
      var table = TextTable(columns: [
        .init(title: l.pick(vi: "Mã", en: "Ref")), .init(title: l.pick(vi: "Ngày", en: "Date")),
        .init(title: l.pick(vi: "NV", en: "Tasks"), alignRight: true),
        .init(title: l.pick(vi: "Chưa HT", en: "Open"), alignRight: true),
        .init(title: l.pick(vi: "Quá hạn", en: "Overdue"), alignRight: true),
        .init(title: l.pick(vi: "Đã HT", en: "Done"), alignRight: true),
        .init(title: l.pick(vi: "Nội dung", en: "Title")),
      ])
      for m in meetings {
        let c = byMeeting[m.ref] ?? WorkloadCounts()
        table.rows.append([m.ref, m.date.formatted, String(c.total + c.excluded), String(c.open), String(c.overdue), String(c.done), m.title])
      }
      emit(table.render(fitting: Terminal.width))
    }
  }
}

struct AgenciesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agencies", abstract: "List the agency directory in protocol order.")

  @OptionGroup var global: GlobalOptions
  @Option(help: "Output format: table, json or csv.") var format: ReadFormat = .table

  func run() throws {
    let s = try Session(global, create: false)
    let l = s.lang
    let agencies = s.catalog.agenciesInOrder
    switch format {
    case .json: emit(JSONValue.array(agencies.map(InterchangeWriter.agency)).rendered())
    case .csv:
      emit(CSV.document([["code", "name", "aliases", "bloc", "order", "rollupTo"]] + agencies.map {
        [$0.code, $0.name, $0.aliases.joined(separator: "; "), $0.bloc.rawValue, String($0.order), $0.rollupTo ?? ""]
      }))
    case .table:
      var table = TextTable(columns: [
        .init(title: l.pick(vi: "Mã", en: "Code")), .init(title: l.pick(vi: "Khối", en: "Bloc")),
        .init(title: l.pick(vi: "Tên viết tắt", en: "Short names"), maxWidth: 28),
        .init(title: l.pick(vi: "Tên", en: "Name")),
      ])
      for a in agencies {
        var name = a.name
        if let r = a.rollupTo { name += l.pick(vi: " → gộp vào \(r)", en: " → rolls up into \(r)") }
        if let to = a.validTo { name += l.pick(vi: " (đến \(to.formatted))", en: " (until \(to.formatted))") }
        table.rows.append([a.code, a.bloc.rawValue, a.aliases.joined(separator: "; "), name])
      }
      emit(table.render(fitting: Terminal.width))
    }
  }
}

struct PeopleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "people", abstract: "List people in Vietnamese order (by given name).")

  @OptionGroup var global: GlobalOptions
  @Option(help: "Output format: table, json or csv.") var format: ReadFormat = .table

  func run() throws {
    let s = try Session(global, create: false)
    let l = s.lang
    let people = s.catalog.peopleInOrder
    switch format {
    case .json: emit(JSONValue.array(people.map(InterchangeWriter.person)).rendered())
    case .csv:
      emit(CSV.document([["ref", "family", "middle", "given", "title", "position", "agency"]] + people.map {
        [$0.ref, $0.family, $0.middle, $0.given, $0.title, $0.position, $0.agency ?? ""]
      }))
    case .table:
      var table = TextTable(columns: [
        .init(title: l.pick(vi: "Mã", en: "Ref")), .init(title: l.pick(vi: "Họ và tên", en: "Name")),
        .init(title: l.pick(vi: "Đơn vị", en: "Agency")), .init(title: l.pick(vi: "Chức vụ", en: "Position")),
      ])
      for p in people {
        table.rows.append([p.ref, p.displayName, p.agency.map { s.catalog.agencyLabel($0) } ?? "", p.position])
      }
      emit(table.render(fitting: Terminal.width))
    }
  }
}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Show who changed what and when, newest first.")

  @OptionGroup var global: GlobalOptions
  @Option(help: "How many changes to show.") var limit: Int = 50
  @Argument(help: "A task number (default: the whole file).") var id: Int?

  func run() throws {
    let s = try Session(global, create: false)
    let entries = try s.store.history(taskID: id, limit: limit)
    // A deleted task still has its history (who deleted it); only a number never used is wrong.
    if let id, entries.isEmpty { _ = try s.store.task(id) }
    let l = s.lang
    var table = TextTable(columns: [
      .init(title: "#", alignRight: true), .init(title: l.pick(vi: "Lúc", en: "When")),
      .init(title: l.pick(vi: "Ai", en: "Who")), .init(title: l.pick(vi: "Việc", en: "Action")),
      .init(title: l.pick(vi: "NV", en: "Task"), alignRight: true), .init(title: l.pick(vi: "Thay đổi", en: "Change")),
    ])
    for e in entries {
      let change = TaskDetail.change(e.field, e.old, e.new, l)
      table.rows.append([String(e.actionID), TaskDetail.localTime(e.at), e.by, TaskDetail.historyKind(e.kind, l) + (e.undone ? l.pick(vi: " (đã hoàn tác)", en: " (undone)") : ""), String(e.taskID), change])
    }
    emit(entries.isEmpty ? l.pick(vi: "Chưa có thay đổi nào.", en: "No changes yet.") : table.render(fitting: Terminal.width))
  }
}

struct CountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "count", abstract: "Print how many tasks match a filter.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Argument(help: filterHelp, completion: filterCompletion) var filter: [String] = []

  func run() throws {
    let s = try Session(global, asOf: try asOf.day(), create: false, meetings: Session.mentionsMeeting(filter))
    emit(String(try s.store.count(try s.filter(filter), context: s.filterContext)))
  }
}
