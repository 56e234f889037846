import FollowUpCore
import GRDB
import GRDBSQLite

/// How much of each task a read loads: less is faster at 100,000 tasks.
public enum TaskProjection: Sendable {
  /// Everything, notes included.
  case full
  /// Everything but the progress notes (lists, the interface).
  case listing
  /// Only what timeliness and reports need: no texts, no notes.
  case timing
}

extension Rows {
  static let listingColumns = [
    "id", "ref", "meeting", "item", "content", "lead", "coordinating", "owner", "tracker",
    "deadline_text", "deadline_kind", "deadline_date", "product", "priority", "tags", "status",
    "completed_on", "result", "assigned_on", "version",
  ]
  static let timingColumns = [
    "id", "meeting", "lead", "coordinating", "owner", "tracker", "deadline_text", "deadline_kind",
    "deadline_date", "priority", "tags", "status", "completed_on", "assigned_on", "version",
  ]
  /// The dated-event columns (migration v5); the earlier migrations read tasks without them.
  static let eventColumns = ["withdrawn_on", "withdraw_reason", "withdraw_document", "merged_into", "reported_on"]

  /// Loads the tasks a WHERE clause selects (by id), with what the projection asks for.
  ///
  /// Columns are read straight from the SQLite statement by position, dates parsed from
  /// their bytes, and child rows fetched by the list of ids found: at 100,000 tasks, name
  /// lookups, generic decoding and running the WHERE clause twice were most of the cost.
  static func tasks(
    _ db: Database, where clause: String, arguments: StatementArguments, projection: TaskProjection,
    searchColumns: UnsafeMutablePointer<[Int: String]>? = nil, judged: String? = nil, events: Bool = true
  ) throws -> [FollowUpTask] {
    var columns = projection == .timing ? timingColumns : listingColumns
    if events { columns += eventColumns }
    if searchColumns != nil { columns.append("search") }
    let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, Int32($0)) })
    func at(_ name: String) -> Int32 { position[name] ?? -1 }
    let (iID, iRef, iMeeting, iItem, iContent, iLead, iCoord, iOwner, iTracker) =
      (at("id"), at("ref"), at("meeting"), at("item"), at("content"), at("lead"), at("coordinating"), at("owner"), at("tracker"))
    let (iDText, iDKind, iDDate, iProduct, iPriority, iTags, iStatus, iDone, iResult, iAssigned, iVersion) =
      (at("deadline_text"), at("deadline_kind"), at("deadline_date"), at("product"), at("priority"), at("tags"),
        at("status"), at("completed_on"), at("result"), at("assigned_on"), at("version"))
    let iSearch = at("search")
    let (iWOn, iWReason, iWDoc, iMerged, iReported) =
      (at("withdrawn_on"), at("withdraw_reason"), at("withdraw_document"), at("merged_into"), at("reported_on"))
    var tasks: [FollowUpTask] = []
    var index: [Int: Int] = [:]
    if clause == "1" {
      // Reserving up front avoids copying 100,000 large values as the array grows.
      let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") ?? 0
      tasks.reserveCapacity(n)
      index.reserveCapacity(n)
    }
    // With a `judged` clause the WHERE may use its columns (timeliness, dl, …).
    let source = judged.map { $0 + " SELECT \(columns.joined(separator: ", ")) FROM judged" }
      ?? "SELECT \(columns.joined(separator: ", ")) FROM task"
    let statement = try db.makeStatement(sql: source + " WHERE \(clause) ORDER BY id")
    let cursor = try Row.fetchCursor(statement, arguments: arguments)
    let raw = RawColumns(statement.sqliteStatement)
    while try cursor.next() != nil {
      let id = raw.int(iID)
      let t = FollowUpTask(
        id: id, ref: raw.optionalText(iRef), meeting: raw.optionalText(iMeeting), item: raw.text(iItem),
        content: raw.text(iContent), lead: raw.text(iLead), coordinating: splitList(raw.optionalText(iCoord)),
        owner: raw.optionalText(iOwner), tracker: raw.optionalText(iTracker),
        deadline: Deadline(
          text: raw.text(iDText), kind: DeadlineKind(rawValue: raw.text(iDKind)) ?? .none, date: raw.day(iDDate)),
        product: raw.text(iProduct), priority: raw.int(iPriority) != 0, tags: splitList(raw.optionalText(iTags)),
        status: WorkflowStatus(rawValue: raw.text(iStatus)) ?? .notStarted, completedOn: raw.day(iDone),
        result: raw.text(iResult), assignedOn: raw.day(iAssigned),
        withdrawal: Rows.withdrawal(
          on: raw.day(iWOn), reason: raw.text(iWReason), document: raw.text(iWDoc),
          mergedInto: iMerged >= 0 && sqlite3_column_type(raw.stmt, iMerged) != SQLITE_NULL ? raw.int(iMerged) : nil),
        reportedOn: raw.day(iReported), version: raw.int(iVersion))
      if iSearch >= 0 { searchColumns?.pointee[id] = raw.text(iSearch) }
      index[id] = tasks.count
      tasks.append(t)
    }
    if tasks.isEmpty { return tasks }
    // Children of the tasks found, by their ids (as a JSON array SQLite expands itself).
    let all = clause == "1"
    let children = all ? "1" : "task_id IN (SELECT value FROM json_each(?))"
    let ids: StatementArguments = all ? [] : ["[" + tasks.map { String($0.id) }.joined(separator: ",") + "]"]
    let extStatement = try db.makeStatement(
      sql: "SELECT \(extensionColumns) FROM extension WHERE \(children) ORDER BY task_id, seq")
    let exts = try Row.fetchCursor(extStatement, arguments: ids)
    let er = RawColumns(extStatement.sqliteStatement)
    while try exts.next() != nil {
      if let i = index[er.int(0)] { tasks[i].extensions.append(ext(er)) }
    }
    if events {
      // Reassignments decide the lead on a past day, so every projection needs them.
      let reStatement = try db.makeStatement(
        sql: "SELECT \(reassignmentColumns) FROM reassignment WHERE \(children) ORDER BY task_id, seq")
      let res = try Row.fetchCursor(reStatement, arguments: ids)
      let rr = RawColumns(reStatement.sqliteStatement)
      while try res.next() != nil {
        if let i = index[rr.int(0)] { tasks[i].reassignments.append(reassignment(rr)) }
      }
      if projection != .timing {
        let remStatement = try db.makeStatement(
          sql: "SELECT \(reminderColumns) FROM reminder WHERE \(children) ORDER BY task_id, seq")
        let rems = try Row.fetchCursor(remStatement, arguments: ids)
        let mr = RawColumns(remStatement.sqliteStatement)
        while try rems.next() != nil {
          if let i = index[mr.int(0)] { tasks[i].reminders.append(reminder(mr)) }
        }
      }
    }
    if projection == .full {
      let notes = try Row.fetchCursor(
        db, sql: "SELECT * FROM note WHERE \(children) ORDER BY task_id, seq", arguments: ids)
      while let r = try notes.next() {
        if let i = index[r["task_id"]] { tasks[i].notes.append(note(r)) }
      }
    }
    return tasks
  }
}

/// Reads the current row of a stepped SQLite statement without copying it into a GRDB row.
struct RawColumns {
  let stmt: OpaquePointer

  init(_ stmt: OpaquePointer) { self.stmt = stmt }

  func int(_ i: Int32) -> Int { i < 0 ? 0 : Int(sqlite3_column_int64(stmt, i)) }

  func optionalText(_ i: Int32) -> String? {
    guard i >= 0, let p = sqlite3_column_text(stmt, i) else { return nil }
    let n = Int(sqlite3_column_bytes(stmt, i))
    return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
  }

  func text(_ i: Int32) -> String { optionalText(i) ?? "" }

  /// A `YYYY-MM-DD` column read from its bytes.
  func day(_ i: Int32) -> Day? {
    guard i >= 0, sqlite3_column_bytes(stmt, i) == 10, let p = sqlite3_column_text(stmt, i) else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for k in from..<(from + count) {
        let c = Int(p[k]) - 48
        guard (0...9).contains(c) else { return nil }
        v = v * 10 + c
      }
      return v
    }
    guard p[4] == 45, p[7] == 45, let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
    return Day(year: y, month: m, day: d)
  }
}

/// The rules of DOMAIN §2.4 written once in SQL, so that counts and status filters over
/// 100,000 tasks run inside SQLite. They mirror `FollowUpTask.viewed(asOf:)` and
/// `TimelinessRules.evaluate`; tests check both agree on random tasks, filters, days and
/// both bases.
enum Judged {
  /// A `WITH` clause defining `judged`: every task row with the as-of columns `st` (the
  /// workflow status on the day), `lead_at` (the lead agency on the day), `assigned`,
  /// `done_on`, `extended`, `dl` (the deadline judged against), `timeliness` and `days_left`.
  static func with(asOf: Day, rules: TimelinessRules) -> String {
    // The day and flags are plain literals (digits and dashes): nothing a user typed.
    let a = "'" + asOf.iso + "'"
    let effective = rules.basis == .effective ? "1" : "0"
    return """
      WITH eff AS (
        SELECT task_id, new_date FROM (
          SELECT task_id, new_date, ROW_NUMBER() OVER (
            PARTITION BY task_id ORDER BY COALESCE(decided_on, '') DESC, seq DESC) AS rn
          FROM (
            SELECT task_id, seq, decided_on,
              CASE decision WHEN 'approved' THEN to_date WHEN 'partial' THEN granted_date END AS new_date
            FROM extension
            WHERE decision IN ('approved', 'partial') AND (decided_on IS NULL OR decided_on <= \(a))
          ) WHERE new_date IS NOT NULL
        ) WHERE rn = 1
      ),
      j0 AS (
        SELECT task.*, eff.task_id IS NOT NULL AS extended,
          CASE WHEN \(effective) THEN COALESCE(eff.new_date, task.deadline_date) ELSE task.deadline_date END AS dl,
          CASE
            WHEN task.status = 'done' AND task.completed_on <= \(a) THEN 'done'
            WHEN task.status = 'withdrawn' AND (task.withdrawn_on IS NULL OR task.withdrawn_on <= \(a)) THEN 'withdrawn'
            WHEN task.status IN ('not_started', 'in_progress') THEN task.status
            WHEN task.status = 'reported' AND task.reported_on IS NULL THEN 'reported'
            WHEN task.reported_on <= \(a) THEN 'reported'
            ELSE 'in_progress'
          END AS st,
          COALESCE((SELECT r.from_lead FROM reassignment r WHERE r.task_id = task.id AND r.on_day > \(a)
            ORDER BY r.on_day, r.seq LIMIT 1), task.lead) AS lead_at,
          COALESCE(task.assigned_on, (SELECT m.date FROM meeting m WHERE m.ref = task.meeting)) AS assigned
        FROM task LEFT JOIN eff ON eff.task_id = task.id
      ),
      judged AS (
        SELECT j0.*,
          CASE WHEN st = 'done' THEN completed_on END AS done_on,
          CASE
            WHEN st = 'withdrawn' THEN \(Code.excluded)
            WHEN deadline_kind = 'routine' THEN \(Code.routine)
            WHEN dl IS NULL THEN CASE WHEN st = 'done' THEN \(Code.doneNoDeadline) ELSE \(Code.openNoDeadline) END
            WHEN st = 'done' THEN CASE WHEN completed_on <= dl THEN \(Code.doneOnTime) ELSE \(Code.doneLate) END
            WHEN \(a) <= dl THEN \(Code.openInTime)
            ELSE \(Code.overdue)
          END AS timeliness,
          CAST(round(julianday(dl) - julianday(\(a))) AS INTEGER) AS days_left
        FROM j0
      )
      """
  }

  /// The condition that a task existed on the as-of day (assigned by then); every read
  /// adds it, so a task assigned later is in no list, count or report for that day.
  static func exists(asOf: Day) -> String {
    "(assigned IS NULL OR assigned <= '\(asOf.iso)')"
  }

  /// Small integers for the timeliness column (cheaper than text for 100,000 rows).
  enum Code {
    static let doneOnTime = 0, doneLate = 1, doneNoDeadline = 2, openInTime = 3, overdue = 4
    static let openNoDeadline = 5, routine = 6, excluded = 7
  }

  /// The SQL condition for a status word, exact given the `judged` columns.
  static func status(_ s: StatusSelector, asOf: Day, dueSoonDays: Int) -> String {
    let a = "'" + asOf.iso + "'"
    switch s {
    case .workflow(let w): return "st = '\(w.rawValue)'"
    case .open:
      // A routine task stays routine when done; its status on the day says whether it is.
      return "(timeliness IN (\(Code.openInTime), \(Code.overdue), \(Code.openNoDeadline)) OR (timeliness = \(Code.routine)"
        + " AND st <> 'done'))"
    case .overdue: return "timeliness = \(Code.overdue)"
    case .dueSoon: return "timeliness = \(Code.openInTime) AND days_left <= \(dueSoonDays)"
    case .inTime: return "timeliness = \(Code.openInTime)"
    case .onTime: return "timeliness = \(Code.doneOnTime)"
    case .late: return "timeliness = \(Code.doneLate)"
    case .noDeadline: return "timeliness IN (\(Code.openNoDeadline), \(Code.doneNoDeadline))"
    case .routine: return "timeliness = \(Code.routine)"
    case .extended: return "extended"
    case .pendingExtension:
      // Known by the day (filed, or decided when no filing day), and undecided on it.
      return "EXISTS (SELECT 1 FROM extension e WHERE e.task_id = id"
        + " AND (e.requested_on <= \(a) OR (e.requested_on IS NULL AND (e.decided_on IS NULL OR e.decided_on <= \(a))))"
        + " AND (e.decision = 'pending' OR e.decided_on > \(a)))"
    }
  }
}

/// What part of a filter SQLite can check, as a WHERE clause that selects a superset of the
/// matching tasks; the exact filter then runs in memory on far fewer rows.
enum SQLFilter {
  /// The clause for a whole filter over `judged` ("1" when nothing can be said in SQL), and
  /// whether it is exact (then no check in memory is needed).
  /// `current` writes status words for `Current.with` instead of `Judged.with`.
  static func clause(_ filter: TaskFilter, context: FilterContext, current: Bool = false)
    -> (sql: String, args: [DatabaseValueConvertible?], exact: Bool)
  {
    var parts: [String] = []
    var args: [DatabaseValueConvertible?] = []
    var exact = true
    for term in filter.terms {
      if let c = clause(term, context, current: current) {
        parts.append(c.sql)
        args += c.args
        exact = exact && c.exact
      } else {
        exact = false
      }
    }
    return (parts.isEmpty ? "1" : parts.map { "(\($0))" }.joined(separator: " AND "), args, exact)
  }

  static func marks(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

  typealias Clause = (sql: String, args: [DatabaseValueConvertible?], exact: Bool)

  /// One term's clause, or nil when SQL cannot narrow it (it is then checked in memory only).
  static func clause(_ term: FilterTerm, _ ctx: FilterContext, current: Bool) -> Clause? {
    switch term {
    case .lead(let codes): return ("lead_at IN (\(marks(codes.count)))", codes.sorted(), true)
    case .owner(let refs): return ("owner IN (\(marks(refs.count)))", refs.sorted(), true)
    case .tracker(let refs): return ("tracker IN (\(marks(refs.count)))", refs.sorted(), true)
    case .involves(let refs):
      let r = refs.sorted()
      return ("owner IN (\(marks(r.count))) OR tracker IN (\(marks(r.count)))", r + r, true)
    case .meeting(let refs): return ("meeting IN (\(marks(refs.count)))", refs.sorted(), true)
    case .ids(let ids):
      guard ids.count <= 500 else { return ("id BETWEEN ? AND ?", [ids.min() ?? 0, ids.max() ?? 0], false) }
      return ("id IN (\(marks(ids.count)))", ids.sorted(), true)
    case .priority(let p): return ("priority = ?", [p], true)
    case .coordinating(let codes):
      let c = codes.sorted()
      return (c.map { _ in "instr(coordinating, ?) > 0" }.joined(separator: " OR "), c.map { Rows.separator + $0 + Rows.separator }, true)
    case .text(let words, let prefix):
      guard !words.isEmpty else { return nil }
      // The search column holds the task's own folded tokens with a space around each, so a
      // whole-word phrase is a substring of it (and, being typed, one whose last word may
      // go on); agency names are matched through the agencies they name. The full-text
      // index finds the few rows holding the words; the substring test stays the judge.
      var sql = "instr(search, ?) > 0"
      let phrase = " " + words.joined(separator: " ") + (prefix ? "" : " ")
      var args: [DatabaseValueConvertible?] = [phrase]
      if let match = SearchIndexSQL.match(words, prefix: prefix) {
        sql = "id IN (SELECT rowid FROM task_search WHERE task_search MATCH ?) AND " + sql
        args = [match, phrase]
      }
      let codes = ctx.agencies(matching: words, lastIsPrefix: prefix).sorted()
      if !codes.isEmpty {
        sql += " OR lead_at IN (\(marks(codes.count)))"
        args += codes
        sql += codes.map { _ in " OR instr(coordinating, ?) > 0" }.joined()
        args += codes.map { Rows.separator + $0 + Rows.separator }
      }
      return (sql, args, true)
    case .completed(let cmp, let day):
      return ("st = 'done' AND completed_on \(cmp.rawValue) ?", [day.iso], true)
    case .noDeadlineDate:
      return ("dl IS NULL", [], true)
    case .due(let cmp, let day):
      return ("dl \(cmp.rawValue) ?", [day.iso], true)
    case .status(let selectors):
      guard !selectors.isEmpty else { return nil }
      let days = ctx.rules.dueSoonDays
      let parts = selectors.map {
        "(" + (current ? Current.status($0, asOf: ctx.asOf, dueSoonDays: days) : Judged.status($0, asOf: ctx.asOf, dueSoonDays: days)) + ")"
      }
      return (parts.sorted().joined(separator: " OR "), [], true)
    case .not(let inner):
      // SQL's NOT of an unknown (an empty field) is unknown, which a WHERE drops; the
      // complement of a term must keep those tasks, as the Swift rules do.
      guard let c = clause(inner, ctx, current: current), c.exact else { return nil }
      return ("NOT COALESCE((\(c.sql)), 0)", c.args, true)
    case .all(let terms):
      var parts: [String] = []
      var args: [DatabaseValueConvertible?] = []
      var exact = true
      for t in terms {
        if let c = clause(t, ctx, current: current) {
          parts.append("(\(c.sql))")
          args += c.args
          exact = exact && c.exact
        } else {
          exact = false
        }
      }
      return parts.isEmpty ? nil : (parts.joined(separator: " AND "), args, exact)
    case .any(let terms):
      var parts: [String] = []
      var args: [DatabaseValueConvertible?] = []
      var exact = true
      for t in terms {
        guard let c = clause(t, ctx, current: current) else { return nil }
        parts.append("(\(c.sql))")
        args += c.args
        exact = exact && c.exact
      }
      return parts.isEmpty ? nil : (parts.joined(separator: " OR "), args, exact)
    case .nothing: return ("0", [], true)
    case .tag: return nil
    }
  }
}

extension SQLiteStore {
  /// The tasks matching a filter: narrowed in SQL, then checked exactly in memory.
  public func select(_ filter: TaskFilter, context: FilterContext, projection: TaskProjection) throws
    -> [FollowUpTask]
  {
    try read { db in
      let source = try judging(db, context)
      let (terms, args, exact) = SQLFilter.clause(filter, context: context, current: source.current)
      let sql = source.exists + " AND (\(terms))"
      let judged = source.with
      var search: [Int: String] = [:]
      let needsText = !exact && filterNeedsText(filter)
      let candidates = try withUnsafeMutablePointer(to: &search) { searchPointer in
        try Rows.tasks(
          db, where: sql, arguments: StatementArguments(args), projection: projection,
          searchColumns: needsText ? searchPointer : nil, judged: judged)
      }
      if filter.isEmpty || exact { return candidates }
      let timeliness = context.rules
      return candidates.filter { t in
        // The stored search column holds the folded tokens with a space around each: a
        // whole-word phrase is a substring of it.
        filter.matches(t, context: context, timeliness: timeliness.evaluate(t, asOf: context.asOf)) { words, prefix in
          guard let column = search[t.id] else {
            return VietText.matchesPhrase(SearchText.tokens(for: t, catalog: context.catalog), words, lastIsPrefix: prefix)
          }
          if prefix {
            return VietText.matchesPhrase(column.split(separator: " ").map(String.init), words, lastIsPrefix: true)
          }
          return column.contains(" " + words.joined(separator: " ") + " ")
        }
      }
    }
  }

  /// How many tasks match a filter; counted inside SQLite when the filter can be said there.
  public func count(_ filter: TaskFilter, context: FilterContext) throws -> Int {
    guard SQLFilter.clause(filter, context: context).exact else {
      return try select(filter, context: context, projection: .timing).count
    }
    return try read { db in
      let source = try judging(db, context)
      let (sql, args, _) = SQLFilter.clause(filter, context: context, current: source.current)
      return try Int.fetchOne(
        db, sql: source.with + " SELECT COUNT(*) FROM judged WHERE \(source.exists) AND (\(sql))",
        arguments: StatementArguments(args)) ?? 0
    }
  }

  /// How a read judges the tasks as of the context's day: through the current columns when
  /// the day is on or after the file's horizon (`Current`), else every row as of the day.
  func judging(_ db: Database, _ context: FilterContext) throws -> (with: String, exists: String, current: Bool) {
    if !judgesEveryRow, try Current.applies(db, asOf: context.asOf) {
      // Every task was assigned by the horizon, so every task exists on the day.
      return (Current.with(asOf: context.asOf, rules: context.rules), "1", true)
    }
    return (Judged.with(asOf: context.asOf, rules: context.rules), Judged.exists(asOf: context.asOf), false)
  }

  /// The per-agency report by lead agency: SQLite judges every task (reading the covering
  /// index), Swift adds the rows up. The in-memory `WorkloadReport.compute` gives the same
  /// figures; coordinating and period reports use it.
  public func leadWorkload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport {
    let current = try read { db in
      try !judgesEveryRow && Current.applies(db, asOf: options.asOf) ? try currentLeadCounts(db, options) : nil
    }
    if let current {
      var totals = WorkloadCounts()
      for c in current.values { totals.add(c) }
      return WorkloadReport.assemble(counts: current, totals: totals, catalog: catalog, options: options)
    }
    let sql = Judged.with(asOf: options.asOf, rules: options.rules) + """
       SELECT lead_at, timeliness, extended, days_left
      FROM judged WHERE \(Judged.exists(asOf: options.asOf)) ORDER BY lead_at
      """
    var counts: [String: WorkloadCounts] = [:]
    var totals = WorkloadCounts()
    try read { db in
      let statement = try db.makeStatement(sql: sql)
      let cursor = try Row.fetchCursor(statement)
      let raw = RawColumns(statement.sqliteStatement)
      // Rows arrive in lead order (the index): tally one lead at a time without hashing.
      var lead = ""
      var c = WorkloadCounts()
      func flush() {
        if !lead.isEmpty {
          counts[lead, default: WorkloadCounts()].add(c)
          totals.add(c)
        }
        c = WorkloadCounts()
      }
      while try cursor.next() != nil {
        let l = raw.text(0)
        if l != lead {
          flush()
          lead = l
        }
        let days = raw.int(3)
        let t: Timeliness
        switch raw.int(1) {
        case Judged.Code.doneOnTime: t = .doneOnTime(daysEarly: days)
        case Judged.Code.doneLate: t = .doneLate(daysLate: -days)
        case Judged.Code.doneNoDeadline: t = .doneNoDeadline
        case Judged.Code.openInTime: t = .openInTime(daysLeft: days, dueSoon: days <= options.rules.dueSoonDays)
        case Judged.Code.overdue: t = .overdue(days: -days)
        case Judged.Code.openNoDeadline: t = .openNoDeadline
        case Judged.Code.routine: t = .routine
        default: t = .excluded
        }
        c.add(t, extended: raw.int(2) != 0)
      }
      flush()
    }
    return WorkloadReport.assemble(counts: counts, totals: totals, catalog: catalog, options: options)
  }

  /// The per-lead counts on a day on or after the horizon: the tally holds each lead's
  /// tasks by category; only the open dated ones depend on the day, and two range counts
  /// per lead over its index (in time, due soon) and the earliest deadline split them.
  func currentLeadCounts(_ db: Database, _ options: WorkloadOptions) throws -> [String: WorkloadCounts] {
    let s = Current.suffix(options.rules.basis)
    let a = options.asOf
    let soon = a.adding(days: options.rules.dueSoonDays)
    var counts: [String: WorkloadCounts] = [:]
    var openDated: [String: Int] = [:]
    let c = Current.Cat.self
    let tally = try Row.fetchAll(
      db, sql: "SELECT lead, cat_\(s), extended, SUM(n) FROM task_tally GROUP BY 1, 2, 3 HAVING SUM(n) > 0")
    for r in tally {
      let lead: String = r[0], cat: Int = r[1], extended: Bool = r[2], n: Int = r[3]
      if lead.isEmpty { continue }
      var x = counts[lead, default: WorkloadCounts()]
      switch cat {
      case c.openDated: openDated[lead, default: 0] += n
      case c.openUndated: x.openNoDeadline += n
      case c.routine, c.routineDone: x.routine += n
      case c.doneLate: x.doneLate += n
      case c.doneOnTime: x.doneOnTime += n
      case c.doneUndated: x.doneNoDeadline += n
      default: x.excluded += n
      }
      if extended && cat != c.withdrawn { x.extended += n }
      counts[lead] = x
    }
    let inTime = try db.makeStatement(
      sql: "SELECT COUNT(*) FROM task WHERE lead = ? AND rank_\(s) = \(c.openDated) AND key_\(s) >= ?")
    let dueSoon = try db.makeStatement(
      sql: "SELECT COUNT(*) FROM task WHERE lead = ? AND rank_\(s) = \(c.openDated) AND key_\(s) BETWEEN ? AND ?")
    let earliest = try db.makeStatement(
      sql: "SELECT MIN(key_\(s)) FROM task WHERE lead = ? AND rank_\(s) = \(c.openDated)")
    for (lead, n) in openDated {
      let later = try Int.fetchOne(inTime, arguments: [lead, a.iso]) ?? 0
      var x = counts[lead, default: WorkloadCounts()]
      x.openInTime = later
      x.overdue = n - later
      x.dueSoon = try Int.fetchOne(dueSoon, arguments: [lead, a.iso, soon.iso]) ?? 0
      if x.overdue > 0, let first = try String.fetchOne(earliest, arguments: [lead]).flatMap(Day.init(iso:)) {
        x.maxDaysOverdue = first.days(until: a)
      }
      counts[lead] = x
    }
    return counts
  }

  /// All tasks, with what the projection asks for.
  public func loadTasks(projection: TaskProjection) throws -> [FollowUpTask] {
    try read { db in try Rows.tasks(db, where: "1", arguments: [], projection: projection) }
  }

  func filterNeedsText(_ filter: TaskFilter) -> Bool {
    func needs(_ t: FilterTerm) -> Bool {
      switch t {
      case .text, .tag: return true
      case .not(let inner): return needs(inner)
      case .all(let ts), .any(let ts): return ts.contains(where: needs)
      default: return false
      }
    }
    return filter.terms.contains(where: needs)
  }
}
