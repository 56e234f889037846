import FollowUpCore
import GRDB

/// Mapping between rows and domain values.
enum Rows {
  /// Joins a list into one column; codes and tags never contain the unit separator because
  /// input paths refuse control characters.
  static let separator = "\u{1F}"

  static func joinList(_ items: [String]) -> String {
    items.isEmpty ? "" : separator + items.joined(separator: separator) + separator
  }

  static func splitList(_ s: String?) -> [String] {
    guard let s, !s.isEmpty else { return [] }
    // Split on the separator byte: splitting by Character walks grapheme clusters.
    return s.utf8.split(separator: 0x1F).map { String(decoding: $0, as: UTF8.self) }
  }

  static func day(_ s: String?) -> Day? { s.flatMap(Day.init(iso:)) }

  // MARK: Directory

  /// The directory, read by column position through cursors (15,000 meetings at 100,000
  /// tasks made name lookups and row copies the bulk of every command's start).
  static func catalog(_ db: Database, meetings withMeetings: Bool = true) throws -> Catalog {
    func rows(_ sql: String, _ each: (RawColumns) -> Void) throws {
      let statement = try db.makeStatement(sql: sql)
      let cursor = try Row.fetchCursor(statement)
      let raw = RawColumns(statement.sqliteStatement)
      while try cursor.next() != nil { each(raw) }
    }
    var agencies: [Agency] = []
    try rows("SELECT code, name, aliases, bloc, sort_order, rollup_to, valid_from, valid_to, successor FROM agency") { r in
      agencies.append(
        Agency(
          code: r.text(0), name: r.text(1), aliases: splitList(r.optionalText(2)),
          bloc: Bloc(rawValue: r.text(3)) ?? .other, order: r.int(4), rollupTo: r.optionalText(5),
          validFrom: r.day(6), validTo: r.day(7), successor: r.optionalText(8)))
    }
    var people: [Person] = []
    try rows("SELECT ref, family, middle, given, title, position, agency FROM person") { r in
      people.append(
        Person(
          ref: r.text(0), family: r.text(1), middle: r.text(2), given: r.text(3), title: r.text(4),
          position: r.text(5), agency: r.optionalText(6)))
    }
    var meetings: [Meeting] = []
    meetings.reserveCapacity(1024)
    if withMeetings {
    try rows("SELECT ref, date, title, chair, host, counterpart, notice, source FROM meeting") { r in
      guard let date = r.day(1) else { return }
      meetings.append(
        Meeting(
          ref: r.text(0), date: date, title: r.text(2), chair: r.text(3), host: r.optionalText(4),
          counterpart: r.optionalText(5), notice: r.text(6), source: r.text(7)))
    }
    }
    return Catalog(agencies: agencies, people: people, meetings: meetings)
  }

  /// Agencies and people, and only the meetings these tasks name: what validating a change
  /// needs, without reading thousands of meetings.
  static func catalog(_ db: Database, forTasks tasks: [FollowUpTask]) throws -> Catalog {
    var c = try catalog(db, meetings: false)
    let refs = Array(Set(tasks.compactMap(\.meeting)))
    if refs.isEmpty { return c }
    let statement = try db.makeStatement(
      sql: "SELECT ref, date, title, chair, host, counterpart, notice, source FROM meeting WHERE ref IN (SELECT value FROM json_each(?))")
    let json = "[" + refs.map { JSONValue.string($0).rendered() }.joined(separator: ",") + "]"
    let cursor = try Row.fetchCursor(statement, arguments: [json])
    let r = RawColumns(statement.sqliteStatement)
    while try cursor.next() != nil {
      guard let date = r.day(1) else { continue }
      c.upsert(Meeting(
        ref: r.text(0), date: date, title: r.text(2), chair: r.text(3), host: r.optionalText(4),
        counterpart: r.optionalText(5), notice: r.text(6), source: r.text(7)))
    }
    return c
  }

  static func save(_ a: Agency, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO agency
          (code, name, aliases, bloc, sort_order, rollup_to, valid_from, valid_to, successor)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        a.code, a.name, joinList(a.aliases), a.bloc.rawValue, a.order, a.rollupTo,
        a.validFrom?.iso, a.validTo?.iso, a.successor,
      ])
  }

  static func save(_ p: Person, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO person (ref, family, middle, given, title, position, agency)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [p.ref, p.family, p.middle, p.given, p.title, p.position, p.agency])
  }

  static func save(_ m: Meeting, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO meeting
          (ref, date, title, chair, host, counterpart, notice, source)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [m.ref, m.date.iso, m.title, m.chair, m.host, m.counterpart, m.notice, m.source])
  }

  // MARK: Tasks

  static let taskColumns = """
    id, ref, meeting, item, content, lead, coordinating, owner, tracker, deadline_text,
    deadline_kind, deadline_date, product, priority, tags, status, completed_on, result,
    assigned_on, version, withdrawn_on, withdraw_reason, withdraw_document, merged_into, reported_on
    """

  /// The withdrawal record from its columns; nil when nothing about it was recorded.
  static func withdrawal(on: Day?, reason: String, document: String, mergedInto: Int?) -> Withdrawal? {
    if on == nil && reason.isEmpty && document.isEmpty && mergedInto == nil { return nil }
    return Withdrawal(on: on, reason: reason, document: document, mergedInto: mergedInto)
  }

  /// An upsert rather than `INSERT OR REPLACE`: a replace deletes the old row without
  /// running delete triggers, which would leave the search index holding its words.
  static let upsertAssignments = (taskColumns.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }
    .filter { $0 != "id" } + ["changed_rev", "search"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

  static func task(_ r: Row) -> FollowUpTask {
    FollowUpTask(
      id: r["id"], ref: r["ref"], meeting: r["meeting"], item: r["item"], content: r["content"],
      lead: r["lead"], coordinating: splitList(r["coordinating"]), owner: r["owner"],
      tracker: r["tracker"],
      deadline: Deadline(
        text: r["deadline_text"], kind: DeadlineKind(rawValue: r["deadline_kind"] ?? "") ?? .none,
        date: day(r["deadline_date"])),
      product: r["product"], priority: r["priority"], tags: splitList(r["tags"]),
      status: WorkflowStatus(rawValue: r["status"] ?? "") ?? .notStarted,
      completedOn: day(r["completed_on"]), result: r["result"], assignedOn: day(r["assigned_on"]),
      withdrawal: withdrawal(
        on: day(r["withdrawn_on"]), reason: r["withdraw_reason"] ?? "", document: r["withdraw_document"] ?? "",
        mergedInto: r["merged_into"]),
      reportedOn: day(r["reported_on"]), version: r["version"])
  }

  static func deadline(_ text: String?, _ kind: String?, _ date: String?) -> Deadline? {
    guard let text, let kind else { return nil }
    return Deadline(text: text, kind: DeadlineKind(rawValue: kind) ?? .none, date: day(date))
  }

  /// The extension columns, in the order `ext(_:)` reads them.
  static let extensionColumns =
    "task_id, requested_on, from_text, from_kind, from_date, to_text, to_kind, to_date, reason, decision, decided_on, document, granted_text, granted_kind, granted_date"

  /// An extension from a row of `extensionColumns`, read by position.
  static func ext(_ r: RawColumns) -> DeadlineExtension {
    let from: Deadline? = r.optionalText(2).map {
      Deadline(text: $0, kind: DeadlineKind(rawValue: r.text(3)) ?? .none, date: r.day(4))
    }
    return DeadlineExtension(
      requestedOn: r.day(1), from: from,
      to: Deadline(text: r.text(5), kind: DeadlineKind(rawValue: r.text(6)) ?? .none, date: r.day(7)),
      reason: r.text(8), decision: ExtensionDecision(rawValue: r.text(9)) ?? .pending, decidedOn: r.day(10),
      document: r.text(11),
      granted: r.optionalText(12).map { Deadline(text: $0, kind: DeadlineKind(rawValue: r.text(13)) ?? .none, date: r.day(14)) })
  }

  /// The reassignment columns, in the order `reassignment(_:)` reads them.
  static let reassignmentColumns = "task_id, from_lead, to_lead, on_day, document"

  static func reassignment(_ r: RawColumns) -> Reassignment {
    Reassignment(from: r.text(1), to: r.text(2), on: r.day(3) ?? Day(ordinal: 0), document: r.text(4))
  }

  /// The reminder columns, in the order `reminder(_:)` reads them.
  static let reminderColumns = "task_id, on_day, document, channel, note"

  static func reminder(_ r: RawColumns) -> Reminder {
    Reminder(
      on: r.day(1) ?? Day(ordinal: 0), document: r.text(2), channel: ReminderChannel(rawValue: r.text(3)) ?? .letter,
      note: r.text(4))
  }

  static func note(_ r: Row) -> ProgressNote {
    ProgressNote(on: day(r["on_day"]) ?? Day(ordinal: 0), text: r["text"], by: r["by"])
  }

  /// Loads tasks (all, or those whose ids are given) with their extensions and notes.
  static func tasks(_ db: Database, ids: [Int]? = nil) throws -> [FollowUpTask] {
    guard let ids else { return try tasks(db, where: "1", arguments: [], projection: .full) }
    if ids.isEmpty { return [] }
    let json = "[" + ids.map(String.init).joined(separator: ",") + "]"
    return try tasks(db, where: "id IN (SELECT value FROM json_each(?))", arguments: [json], projection: .full)
  }

  /// The listed tasks with these ids, in the order given (missing ones left out).
  static func listed(_ db: Database, orderedIDs ids: [Int]) throws -> [FollowUpTask] {
    guard !ids.isEmpty else { return [] }
    let json = "[" + ids.map(String.init).joined(separator: ",") + "]"
    let rows = try tasks(db, where: "id IN (SELECT value FROM json_each(?))", arguments: [json], projection: .listing)
    let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return ids.compactMap { byID[$0] }
  }

  /// The search column: folded tokens with spaces around each, so a phrase can be found
  /// with `instr(search, ' a b ')` and never matches inside a word.
  static func searchColumn(_ t: FollowUpTask, _ catalog: Catalog, tokenizer: SearchText.Tokenizer? = nil) -> String {
    " " + (tokenizer ?? SearchText.Tokenizer(catalog: catalog)).tokens(for: t).joined(separator: " ") + " "
  }

  /// Inserts or replaces a task row with its extensions and notes.
  ///
  /// Statements are prepared once per connection and reused: preparing SQL for every row was
  /// most of the cost of an import. `isNew` skips clearing child rows that cannot exist yet.
  static func save(
    _ t: FollowUpTask, rev: Int, catalog: Catalog, _ db: Database, isNew: Bool = false,
    tokenizer: SearchText.Tokenizer? = nil
  ) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO task
          (\(taskColumns), changed_rev, search)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET \(upsertAssignments)
        """
    ).execute(arguments: [
      t.id, t.ref, t.meeting, t.item, t.content, t.lead, joinList(t.coordinating), t.owner,
      t.tracker, t.deadline.text, t.deadline.kind.rawValue, t.deadline.date?.iso, t.product,
      t.priority, joinList(t.tags), t.status.rawValue, t.completedOn?.iso, t.result,
      t.assignedOn?.iso, t.version, t.withdrawal?.on?.iso, t.withdrawal?.reason ?? "",
      t.withdrawal?.document ?? "", t.withdrawal?.mergedInto, t.reportedOn?.iso,
      rev, searchColumn(t, catalog, tokenizer: tokenizer),
    ])
    if !isNew {
      for table in ["extension", "note", "reassignment", "reminder"] {
        try db.cachedStatement(sql: "DELETE FROM \(table) WHERE task_id = ?").execute(arguments: [t.id])
      }
    }
    if !t.reassignments.isEmpty {
      let insert = try db.cachedStatement(
        sql: "INSERT INTO reassignment (task_id, seq, from_lead, to_lead, on_day, document) VALUES (?, ?, ?, ?, ?, ?)")
      for (seq, r) in t.reassignments.enumerated() {
        try insert.execute(arguments: [t.id, seq, r.from, r.to, r.on.iso, r.document])
      }
    }
    if !t.reminders.isEmpty {
      let insert = try db.cachedStatement(
        sql: "INSERT INTO reminder (task_id, seq, on_day, document, channel, note) VALUES (?, ?, ?, ?, ?, ?)")
      for (seq, r) in t.reminders.enumerated() {
        try insert.execute(arguments: [t.id, seq, r.on.iso, r.document, r.channel.rawValue, r.note])
      }
    }
    if !t.extensions.isEmpty {
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO extension (task_id, seq, requested_on, from_text, from_kind, from_date,
            to_text, to_kind, to_date, reason, decision, decided_on, document,
            granted_text, granted_kind, granted_date)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for (seq, e) in t.extensions.enumerated() {
        try insert.execute(arguments: [
          t.id, seq, e.requestedOn?.iso, e.from?.text, e.from?.kind.rawValue, e.from?.date?.iso,
          e.to.text, e.to.kind.rawValue, e.to.date?.iso, e.reason, e.decision.rawValue,
          e.decidedOn?.iso, e.document, e.granted?.text, e.granted?.kind.rawValue, e.granted?.date?.iso,
        ])
      }
    }
    if !t.notes.isEmpty {
      let insert = try db.cachedStatement(
        sql: "INSERT INTO note (task_id, seq, on_day, text, by) VALUES (?, ?, ?, ?, ?)")
      for (seq, n) in t.notes.enumerated() {
        try insert.execute(arguments: [t.id, seq, n.on.iso, n.text, n.by])
      }
    }
  }

  /// The next task id: never one used before, even by a deleted task.
  static func nextTaskID(_ db: Database) throws -> Int {
    let seq = try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'task'") ?? 0
    let maxID = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM task") ?? 0
    return max(seq, maxID) + 1
  }
}
