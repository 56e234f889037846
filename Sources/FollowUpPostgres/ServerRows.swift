import Foundation
import FollowUpCore
import FollowUpStore

/// Domain values to and from the server's rows.
///
/// Updates write only the columns and child rows that changed: an agency login holds update
/// rights on a few task columns only, so rewriting a whole row would be refused even when the
/// change itself is allowed.
enum ServerRows {
  static func day(_ text: String?) -> Day? { text.flatMap { Day(iso: $0) } }

  // MARK: Directory

  static func save(_ a: Agency, _ pg: PGConnection) throws {
    try pg.execute(
      """
      INSERT INTO followup.agency (code, name, aliases, bloc, sort_order, rollup_to, valid_from, valid_to, successor)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, bloc = excluded.bloc,
        sort_order = excluded.sort_order, rollup_to = excluded.rollup_to, valid_from = excluded.valid_from,
        valid_to = excluded.valid_to, successor = excluded.successor
      """,
      [a.code, a.name, a.aliases, a.bloc.rawValue, a.order, a.rollupTo, a.validFrom?.iso, a.validTo?.iso, a.successor])
  }

  static func save(_ p: Person, _ pg: PGConnection) throws {
    try pg.execute(
      """
      INSERT INTO followup.person (ref, family, middle, given, title, position, agency)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (ref) DO UPDATE SET family = excluded.family, middle = excluded.middle, given = excluded.given,
        title = excluded.title, position = excluded.position, agency = excluded.agency
      """, [p.ref, p.family, p.middle, p.given, p.title, p.position, p.agency])
  }

  static func save(_ m: Meeting, _ pg: PGConnection) throws {
    try pg.execute(
      """
      INSERT INTO followup.meeting (ref, date, title, chair, host, counterpart, notice, source)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (ref) DO UPDATE SET date = excluded.date, title = excluded.title, chair = excluded.chair,
        host = excluded.host, counterpart = excluded.counterpart, notice = excluded.notice, source = excluded.source
      """, [m.ref, m.date.iso, m.title, m.chair, m.host, m.counterpart, m.notice, m.source])
  }

  static func catalog(_ pg: PGConnection) throws -> Catalog {
    let agencies = try pg.execute("SELECT * FROM followup.agency ORDER BY sort_order, code").map { r in
      Agency(
        code: r.string("code"), name: r.string("name"), aliases: r.array("aliases"),
        bloc: Bloc(rawValue: r.string("bloc")) ?? .other, order: r.int("sort_order") ?? 0, rollupTo: r["rollup_to"],
        validFrom: day(r["valid_from"]), validTo: day(r["valid_to"]), successor: r["successor"])
    }
    let people = try pg.execute("SELECT * FROM followup.person ORDER BY ref").map { r in
      Person(
        ref: r.string("ref"), family: r.string("family"), middle: r.string("middle"), given: r.string("given"),
        title: r.string("title"), position: r.string("position"), agency: r["agency"])
    }
    let meetings = try pg.execute("SELECT * FROM followup.meeting ORDER BY date, ref").map { r in
      Meeting(
        ref: r.string("ref"), date: day(r["date"]) ?? Day(ordinal: 0), title: r.string("title"),
        chair: r.string("chair"), host: r["host"], counterpart: r["counterpart"], notice: r.string("notice"),
        source: r.string("source"))
    }
    return Catalog(agencies: agencies, people: people, meetings: meetings)
  }

  // MARK: Tasks

  /// Every stored column of a task but its id, version and bookkeeping, with its value:
  /// the one list inserts and updates are written from.
  static func columns(_ t: FollowUpTask, search: String) -> [(String, any PGParameter)] {
    [
      ("ref", t.ref), ("meeting", t.meeting), ("item", t.item), ("content", t.content), ("lead", t.lead),
      ("coordinating", t.coordinating), ("owner", t.owner), ("tracker", t.tracker),
      ("deadline_text", t.deadline.text), ("deadline_kind", t.deadline.kind.rawValue),
      ("deadline_date", t.deadline.date?.iso), ("product", t.product), ("priority", t.priority),
      ("tags", t.tags), ("status", t.status.rawValue), ("completed_on", t.completedOn?.iso),
      ("result", t.result), ("assigned_on", t.assignedOn?.iso), ("withdrawn_on", t.withdrawal?.on?.iso),
      ("withdraw_reason", t.withdrawal?.reason ?? ""), ("withdraw_document", t.withdrawal?.document ?? ""),
      ("merged_into", t.withdrawal?.mergedInto), ("reported_on", t.reportedOn?.iso), ("search", search),
    ]
  }

  /// Loads tasks matching a condition over `followup.task t`, with notes and extensions.
  /// The task columns a read sends: the search text stays on the server, and the timing
  /// projection leaves the long texts out too (at 100,000 tasks they are most of the bytes).
  static func columns(for projection: TaskProjection) -> String {
    let timing = [
      "id", "ref", "meeting", "lead", "coordinating", "owner", "tracker", "deadline_text", "deadline_kind", "deadline_date",
      "priority", "tags", "status", "completed_on", "assigned_on", "version", "withdrawn_on", "merged_into", "reported_on",
    ]
    let texts = ["item", "content", "product", "result", "withdraw_reason", "withdraw_document"]
    return (projection == .timing ? timing : timing + texts).map { "t." + $0 }.joined(separator: ", ")
  }

  /// Tasks with their events; notes only for the full projection, as a file reads them.
  static func tasks(
    _ pg: PGConnection, projection: TaskProjection = .full, where condition: String = "true",
    _ parameters: [any PGParameter] = []
  ) throws -> [FollowUpTask] {
    let rows = try pg.execute(
      "SELECT \(columns(for: projection)) FROM followup.task t WHERE \(condition) ORDER BY t.id", parameters)
    var tasks = rows.map(task)
    guard !tasks.isEmpty else { return [] }
    var index: [Int: Int] = [:]
    for (i, t) in tasks.enumerated() { index[t.id] = i }
    // Every task asked for: the child tables are read whole rather than matched against a
    // list of 100,000 numbers.
    let all = condition == "true"
    let ids: [any PGParameter] = all ? [] : [tasks.map { String($0.id) }]
    func children(_ table: String) throws -> [PGRow] {
      try pg.execute(
        "SELECT * FROM followup.\(table)\(all ? "" : " WHERE task_id = ANY($1::bigint[])") ORDER BY task_id, seq", ids)
    }
    if projection == .full {
      for r in try children("note") {
        guard let i = r.int("task_id").flatMap({ index[$0] }) else { continue }
        tasks[i].notes.append(ProgressNote(on: day(r["on_day"]) ?? Day(ordinal: 0), text: r.string("text"), by: r.string("by")))
      }
    }
    for r in try children("extension") {
      guard let i = r.int("task_id").flatMap({ index[$0] }) else { continue }
      tasks[i].extensions.append(ext(r))
    }
    for r in try children("reassignment") {
      guard let i = r.int("task_id").flatMap({ index[$0] }) else { continue }
      tasks[i].reassignments.append(reassignment(r))
    }
    for r in try children("reminder") {
      guard let i = r.int("task_id").flatMap({ index[$0] }) else { continue }
      tasks[i].reminders.append(reminder(r))
    }
    return tasks
  }

  static func task(_ r: PGRow) -> FollowUpTask {
    FollowUpTask(
      id: r.int("id") ?? 0, ref: r["ref"], meeting: r["meeting"], item: r.string("item"), content: r.string("content"),
      lead: r.string("lead"), coordinating: r.array("coordinating"), owner: r["owner"], tracker: r["tracker"],
      deadline: Deadline(
        text: r.string("deadline_text"), kind: DeadlineKind(rawValue: r.string("deadline_kind")) ?? .none,
        date: day(r["deadline_date"])),
      product: r.string("product"), priority: r.bool("priority"), tags: r.array("tags"),
      status: WorkflowStatus(rawValue: r.string("status")) ?? .notStarted, completedOn: day(r["completed_on"]),
      result: r.string("result"), assignedOn: day(r["assigned_on"]),
      withdrawal: withdrawal(
        on: day(r["withdrawn_on"]), reason: r.string("withdraw_reason"), document: r.string("withdraw_document"),
        mergedInto: r.int("merged_into")),
      reportedOn: day(r["reported_on"]), version: r.int("version") ?? 0)
  }

  /// The withdrawal record from its columns; nil when nothing about it was recorded.
  static func withdrawal(on: Day?, reason: String, document: String, mergedInto: Int?) -> Withdrawal? {
    if on == nil && reason.isEmpty && document.isEmpty && mergedInto == nil { return nil }
    return Withdrawal(on: on, reason: reason, document: document, mergedInto: mergedInto)
  }

  static func reassignment(_ r: PGRow) -> Reassignment {
    Reassignment(
      from: r.string("from_lead"), to: r.string("to_lead"), on: day(r["on_day"]) ?? Day(ordinal: 0),
      document: r.string("document"))
  }

  static func reminder(_ r: PGRow) -> Reminder {
    Reminder(
      on: day(r["on_day"]) ?? Day(ordinal: 0), document: r.string("document"),
      channel: ReminderChannel(rawValue: r.string("channel")) ?? .letter, note: r.string("note"))
  }

  static func ext(_ r: PGRow) -> DeadlineExtension {
    DeadlineExtension(
      requestedOn: day(r["requested_on"]),
      from: r["from_text"].map {
        Deadline(text: $0, kind: DeadlineKind(rawValue: r.string("from_kind")) ?? .none, date: day(r["from_date"]))
      },
      to: Deadline(text: r.string("to_text"), kind: DeadlineKind(rawValue: r.string("to_kind")) ?? .none, date: day(r["to_date"])),
      reason: r.string("reason"), decision: ExtensionDecision(rawValue: r.string("decision")) ?? .pending,
      decidedOn: day(r["decided_on"]), document: r.string("document"),
      granted: r["granted_text"].map {
        Deadline(text: $0, kind: DeadlineKind(rawValue: r.string("granted_kind")) ?? .none, date: day(r["granted_date"]))
      })
  }

  /// Inserts a new task with its notes and extensions; a task id of 0 takes the next one.
  /// Returns the id.
  static func insert(_ t: FollowUpTask, search: String, _ pg: PGConnection) throws -> Int {
    var cols = columns(t, search: search)
    if t.id > 0 { cols.insert(("id", t.id), at: 0) }
    if t.version > 0 { cols.append(("version", t.version)) }
    let sql = "INSERT INTO followup.task (\(cols.map(\.0).joined(separator: ", "))) VALUES ("
      + (1...cols.count).map { "$\($0)" }.joined(separator: ", ") + ") RETURNING id"
    let id = try pg.execute(sql, cols.map(\.1)).first?.int("id") ?? t.id
    for (i, n) in t.notes.enumerated() { try insert(n, task: id, seq: i + 1, pg) }
    for (i, e) in t.extensions.enumerated() { try insert(e, task: id, seq: i + 1, pg) }
    for (i, r) in t.reassignments.enumerated() { try insert(r, task: id, seq: i + 1, pg) }
    for (i, r) in t.reminders.enumerated() { try insert(r, task: id, seq: i + 1, pg) }
    return id
  }

  static func insert(_ n: ProgressNote, task: Int, seq: Int, _ pg: PGConnection) throws {
    try pg.execute(
      "INSERT INTO followup.note (task_id, seq, on_day, text, by) VALUES ($1, $2, $3, $4, $5)",
      [task, seq, n.on.iso, n.text, n.by])
  }

  static func insert(_ e: DeadlineExtension, task: Int, seq: Int, _ pg: PGConnection) throws {
    try pg.execute(
      """
      INSERT INTO followup.extension (task_id, seq, requested_on, from_text, from_kind, from_date, to_text, to_kind,
        to_date, reason, decision, decided_on, document, granted_text, granted_kind, granted_date)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      """,
      [
        task, seq, e.requestedOn?.iso, e.from?.text, e.from?.kind.rawValue, e.from?.date?.iso, e.to.text,
        e.to.kind.rawValue, e.to.date?.iso, e.reason, e.decision.rawValue, e.decidedOn?.iso, e.document,
        e.granted?.text, e.granted?.kind.rawValue, e.granted?.date?.iso,
      ])
  }

  static func insert(_ r: Reassignment, task: Int, seq: Int, _ pg: PGConnection) throws {
    try pg.execute(
      "INSERT INTO followup.reassignment (task_id, seq, from_lead, to_lead, on_day, document) VALUES ($1, $2, $3, $4, $5, $6)",
      [task, seq, r.from, r.to, r.on.iso, r.document])
  }

  static func insert(_ r: Reminder, task: Int, seq: Int, _ pg: PGConnection) throws {
    try pg.execute(
      "INSERT INTO followup.reminder (task_id, seq, on_day, document, channel, note) VALUES ($1, $2, $3, $4, $5, $6)",
      [task, seq, r.on.iso, r.document, r.channel.rawValue, r.note])
  }

  /// Brings one child list of a task from `before` to `after`: items appended are inserted,
  /// items dropped from the end deleted, any other difference rewrites the list.
  static func sync<T: Equatable>(
    _ table: String, task: Int, from before: [T], to after: [T], _ pg: PGConnection,
    insert: (T, Int) throws -> Void
  ) throws {
    if after == before { return }
    if after.starts(with: before) {
      for (i, item) in after.enumerated().dropFirst(before.count) { try insert(item, i + 1) }
      return
    }
    let keep = before.starts(with: after) ? after.count : 0
    let removed = try pg.execute(
      "DELETE FROM followup.\(table) WHERE task_id = $1 AND seq > $2 RETURNING seq", [task, keep])
    // Row-level security leaves out rows a login may not delete without an error: fewer rows
    // gone than asked is that refusal, and the transaction is rolled back.
    if removed.count < before.count - keep {
      throw PGError(
        sqlstate: "42501",
        message: "row-level security policy \"\(PermissionRule.agencyUndoesOwnNotes.rawValue)\" left rows of \(table)",
        table: table)
    }
    for (i, item) in after.enumerated().dropFirst(keep) { try insert(item, i + 1) }
  }

  /// Writes what differs between `before` and `after`: changed columns, then notes and
  /// extensions (appended ones inserted; any other difference rewrites that list).
  static func update(from before: FollowUpTask, to after: FollowUpTask, search: String, oldSearch: String, _ pg: PGConnection)
    throws
  {
    let old = Dictionary(columns(before, search: oldSearch).map { ($0.0, $0.1.pgText) }, uniquingKeysWith: { a, _ in a })
    // The search text goes through set_search: an agency may refresh it where it may add notes.
    let changed = columns(after, search: search).filter { $0.0 != "search" && old[$0.0] ?? nil != $0.1.pgText }
    if search != oldSearch { try pg.execute("SELECT followup.set_search($1, $2)", [after.id, search]) }
    if !changed.isEmpty {
      let sets = changed.enumerated().map { "\($0.element.0) = $\($0.offset + 2)" }.joined(separator: ", ")
      try pg.execute("UPDATE followup.task SET \(sets) WHERE id = $1", [after.id] + changed.map(\.1))
    }
    let id = after.id
    try sync("note", task: id, from: before.notes, to: after.notes, pg) { try insert($0, task: id, seq: $1, pg) }
    try sync("extension", task: id, from: before.extensions, to: after.extensions, pg) { try insert($0, task: id, seq: $1, pg) }
    try sync("reassignment", task: id, from: before.reassignments, to: after.reassignments, pg) {
      try insert($0, task: id, seq: $1, pg)
    }
    try sync("reminder", task: id, from: before.reminders, to: after.reminders, pg) { try insert($0, task: id, seq: $1, pg) }
  }
}

extension ServerRows {
  /// A task from a history snapshot (the server's `snapshot()` JSON: the task's columns with
  /// its notes and extensions), or nil for no task.
  static func task(snapshot json: String?) -> FollowUpTask? {
    guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
      return nil
    }
    func text(_ o: [String: Any], _ k: String) -> String? { o[k] as? String }
    func list(_ k: String) -> [String] { object[k] as? [String] ?? [] }
    func int(_ k: String) -> Int { (object[k] as? NSNumber)?.intValue ?? 0 }
    var t = FollowUpTask(
      id: int("id"), ref: text(object, "ref"), meeting: text(object, "meeting"), item: text(object, "item") ?? "",
      content: text(object, "content") ?? "", lead: text(object, "lead") ?? "", coordinating: list("coordinating"),
      owner: text(object, "owner"), tracker: text(object, "tracker"),
      deadline: Deadline(
        text: text(object, "deadline_text") ?? "", kind: DeadlineKind(rawValue: text(object, "deadline_kind") ?? "") ?? .none,
        date: day(text(object, "deadline_date"))),
      product: text(object, "product") ?? "", priority: (object["priority"] as? Bool) ?? false, tags: list("tags"),
      status: WorkflowStatus(rawValue: text(object, "status") ?? "") ?? .notStarted,
      completedOn: day(text(object, "completed_on")), result: text(object, "result") ?? "",
      assignedOn: day(text(object, "assigned_on")),
      withdrawal: withdrawal(
        on: day(text(object, "withdrawn_on")), reason: text(object, "withdraw_reason") ?? "",
        document: text(object, "withdraw_document") ?? "", mergedInto: (object["merged_into"] as? NSNumber)?.intValue),
      reportedOn: day(text(object, "reported_on")), version: int("version"))
    t.notes = (object["notes"] as? [[String: Any]] ?? []).map {
      ProgressNote(on: day(text($0, "on_day")) ?? Day(ordinal: 0), text: text($0, "text") ?? "", by: text($0, "by") ?? "")
    }
    t.extensions = (object["extensions"] as? [[String: Any]] ?? []).map { e in
      DeadlineExtension(
        requestedOn: day(text(e, "requested_on")),
        from: text(e, "from_text").map {
          Deadline(text: $0, kind: DeadlineKind(rawValue: text(e, "from_kind") ?? "") ?? .none, date: day(text(e, "from_date")))
        },
        to: Deadline(
          text: text(e, "to_text") ?? "", kind: DeadlineKind(rawValue: text(e, "to_kind") ?? "") ?? .none,
          date: day(text(e, "to_date"))),
        reason: text(e, "reason") ?? "", decision: ExtensionDecision(rawValue: text(e, "decision") ?? "") ?? .pending,
        decidedOn: day(text(e, "decided_on")), document: text(e, "document") ?? "",
        granted: text(e, "granted_text").map {
          Deadline(text: $0, kind: DeadlineKind(rawValue: text(e, "granted_kind") ?? "") ?? .none, date: day(text(e, "granted_date")))
        })
    }
    t.reassignments = (object["reassignments"] as? [[String: Any]] ?? []).map {
      Reassignment(
        from: text($0, "from_lead") ?? "", to: text($0, "to_lead") ?? "", on: day(text($0, "on_day")) ?? Day(ordinal: 0),
        document: text($0, "document") ?? "")
    }
    t.reminders = (object["reminders"] as? [[String: Any]] ?? []).map {
      Reminder(
        on: day(text($0, "on_day")) ?? Day(ordinal: 0), document: text($0, "document") ?? "",
        channel: ReminderChannel(rawValue: text($0, "channel") ?? "") ?? .letter, note: text($0, "note") ?? "")
    }
    return t
  }
}
