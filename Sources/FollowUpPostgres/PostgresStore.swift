import FollowUpCore
import FollowUpStore
import Foundation

/// FollowUp's data on a PostgreSQL server: the same operations as a file, with identity and
/// permissions the server enforces.
///
/// Who makes a change is the login the server authenticated (history is written by the
/// database's triggers); what a login may change is decided by grants and row-level security
/// inside the database, so psql with the same login can do no more. This class checks nothing
/// the database does not also check: it only turns refusals into sentences.
public final class PostgresStore: TaskStore, @unchecked Sendable {
  // One connection used by one call at a time: libpq connections are not thread-safe.
  private let pg: PGConnection
  private let lock = NSLock()
  /// The authenticated login: what history records.
  public let user: String
  /// The login's FollowUp role (nil for the schema's owner or an administrator).
  public let role: ServerRole?
  /// Whether the login may change anything.
  public var isWritable: Bool { role != .viewer }
  /// The agency an agency login reports for.
  public let agency: String?
  /// The database's name.
  public let displayName: String
  /// Host, port and database, never a password (as first connected: the same words while
  /// the connection is down).
  public let location: String

  /// What was given to connect, for the connection that waits for notifications.
  private let target: String

  /// Connects to a FollowUp database (`postgresql://…` or a libpq conninfo string).
  public init(url: String) throws {
    target = url
    pg = try Server.connect(url)
    let place = pg.place
    location = place
    displayName = place.split(separator: "/").last.map(String.init) ?? place
    user = pg.login
    let pg = self.pg
    (role, agency) = try Server.translating(pg) {
      try Server.requireSchema(pg)
      return (try Server.role(of: pg), try pg.execute("SELECT followup.login_agency() AS a").first?["a"])
    }
  }

  // MARK: Running statements

  /// Makes sure the connection is up before a command, connecting again after a server
  /// restart; a server still down gives its sentence.
  private func ensureConnected() throws {
    if pg.stillAlive() { return }
    do {
      try pg.reconnect()
    } catch let e as PGError {
      throw ServerErrors.translate(e, place: e.place.isEmpty ? pg.place : e.place, role: role)
    }
  }

  /// Runs a read, turning server errors into sentences. A read cut by a lost connection is
  /// tried once more on a new one: it changed nothing.
  private func read<T>(_ body: () throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    try ensureConnected()
    do {
      return try body()
    } catch let e as PGError where e.connectionLost {
      try ensureConnected()
      return try Server.translating(pg, role: role, body)
    } catch let e as PGError {
      throw ServerErrors.translate(e, place: pg.place, role: role)
    }
  }

  /// Runs a write transaction described to the history by `kind` and `summary` (identity and
  /// time are the server's).
  private func write<T>(kind: String, summary: String, target: Int? = nil, _ body: () throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    // A write is never retried: when the connection drops, the sentence says what is known.
    try ensureConnected()
    return try Server.translating(pg, role: role) {
      try pg.transaction {
        try pg.execute(
          "SELECT set_config('followup.kind', $1, true), set_config('followup.summary', $2, true), set_config('followup.target', $3, true)",
          [kind, summary, target.map(String.init) ?? ""])
        return try body()
      }
    }
  }

  /// Blocks until the revision differs from `token` or `timeout` seconds pass, woken by the
  /// server's notification of each commit rather than by asking again and again.
  ///
  /// The wait has a connection of its own, so it never holds up the reads and writes of the
  /// interface's thread; a lost connection is made again on the next call, and the sentence
  /// of a server still down is thrown meanwhile.
  public func waitForChange(after token: Int, timeout: Double) throws -> Bool {
    listenLock.lock()
    defer { listenLock.unlock() }
    let deadline = Date().addingTimeInterval(timeout)
    do {
      let l: PGConnection
      if let existing = listener, existing.stillAlive() {
        l = existing
      } else {
        listener = nil
        let fresh = try PGConnection(target)
        try fresh.listen("followup")
        listener = fresh
        l = fresh
      }
      // Listening starts before the revision is read: a commit in between is seen either way.
      func moved() throws -> Bool {
        try (l.execute("SELECT value FROM followup.revision WHERE id = 1").first?.int("value") ?? 0) != token
      }
      if try moved() { return true }
      while true {
        let left = deadline.timeIntervalSinceNow
        if left <= 0 { return false }
        if try !l.notifications(waiting: max(1, Int(left * 1000))).isEmpty, try moved() { return true }
      }
    } catch let e as PGError {
      listener = nil
      throw ServerErrors.translate(e, place: e.place.isEmpty ? PGConnection.redact(target) : e.place, role: role)
    }
  }

  // The connection that waits for notifications, and the lock its one waiter holds.
  private var listener: PGConnection?
  private let listenLock = NSLock()

  // MARK: Change tracking

  /// The server's revision: advanced once by every committed action, from any session.
  public func changeToken() throws -> Int { try revision() }

  /// The server's revision counter.
  public func revision() throws -> Int {
    try read { try currentRevision() }
  }

  private func currentRevision() throws -> Int {
    try pg.execute("SELECT value FROM followup.revision WHERE id = 1").first?.int("value") ?? 0
  }

  /// What changed since a revision, read in one snapshot of the database.
  public func changes(since revision: Int) throws -> ChangeSet {
    try read {
      try pg.transaction {
        try pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        let now = try currentRevision()
        if now == revision { return ChangeSet(revision: now, changed: [], deleted: [], directoryChanged: false) }
        let touched = try pg.execute(
          "SELECT DISTINCT at.task_id FROM followup.action a JOIN followup.action_task at ON at.action_id = a.id WHERE a.rev > $1",
          [revision]
        ).compactMap { $0.int("task_id") }
        // Directory changes are actions without tasks (from followup or from psql).
        let directory = try pg.execute(
          """
          SELECT EXISTS (SELECT 1 FROM followup.action a WHERE a.rev > $1
            AND (a.kind IN ('import', 'directory', 'meeting')
              OR NOT EXISTS (SELECT 1 FROM followup.action_task at WHERE at.action_id = a.id))) AS d
          """, [revision]
        ).first?.bool("d") ?? false
        let changed = try ServerRows.tasks(pg, where: "t.id = ANY($1::bigint[])", [touched.map(String.init)])
        let present = Set(changed.map(\.id))
        return ChangeSet(
          revision: now, changed: changed, deleted: touched.filter { !present.contains($0) }, directoryChanged: directory)
      }
    }
  }

  // MARK: Reads

  /// Agencies, people and meetings.
  public func loadCatalog(meetings: Bool) throws -> Catalog {
    try read { try ServerRows.catalog(pg) }
  }

  /// The directory, every task and the revision, read in one snapshot of the database.
  public func loadAll(projection: TaskProjection) throws -> (catalog: Catalog, tasks: [FollowUpTask], revision: Int) {
    try read {
      try pg.transaction {
        try pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return (try ServerRows.catalog(pg), try ServerRows.tasks(pg, projection: projection), try currentRevision())
      }
    }
  }

  /// Tasks with their notes, extensions, reassignments and reminders.
  public func loadTasks(projection: TaskProjection) throws -> [FollowUpTask] {
    try read { try ServerRows.tasks(pg, projection: projection) }
  }

  /// Tasks with their notes, extensions, reassignments and reminders.
  public func loadTasks(ids: [Int]) throws -> [FollowUpTask] {
    if ids.isEmpty { return [] }
    return try read { try ServerRows.tasks(pg, where: "t.id = ANY($1::bigint[])", [ids.map(String.init)]) }
  }

  /// Hands every task's stored search text to `body`.
  public func forEachSearchColumn(_ body: (Int, String) -> Void) throws {
    try read {
      for r in try pg.execute("SELECT id, search FROM followup.task ORDER BY id") {
        body(r.int("id") ?? 0, r.string("search"))
      }
    }
  }

  // Filters are judged by the same Swift rules the file store checks its SQL against. The
  // server first leaves out tasks a filter cannot match where that is cheap to say (an agency,
  // a person, a meeting, words in the stored search text), so a narrow list does not send
  // every task; whatever depends on the as-of day is judged here.
  /// The tasks a filter matches as of the context's day.
  public func select(_ filter: TaskFilter, context: FilterContext, projection: TaskProjection) throws -> [FollowUpTask] {
    var parameters: [any PGParameter] = []
    let narrowed = filter.terms.compactMap { Self.narrowing($0, context, &parameters) }
    let condition = narrowed.isEmpty ? "true" : narrowed.map { "(\($0))" }.joined(separator: " AND ")
    // Even an empty filter judges each task: one assigned after the as-of day is not listed.
    // Words are looked for in the texts, which the timing projection leaves out.
    let loaded = projection == .timing && !filter.textTerms.isEmpty ? TaskProjection.listing : projection
    let candidates = try read { try ServerRows.tasks(pg, projection: loaded, where: condition, parameters) }
    return candidates.filter { t in filter.matches(t, context: context) { SearchText.tokens(for: t, catalog: context.catalog) } }
  }

  /// A condition on `followup.task t` that every task matching `term` meets (others may too),
  /// or nil when none is cheap to say; its values are appended to `parameters`.
  static func narrowing(_ term: FilterTerm, _ context: FilterContext, _ parameters: inout [any PGParameter]) -> String? {
    func value(_ v: any PGParameter) -> String {
      parameters.append(v)
      return "$\(parameters.count)"
    }
    // A reassigned task may have been led by another agency on the as-of day.
    let reassigned = "t.id IN (SELECT r.task_id FROM followup.reassignment r)"
    switch term {
    case .lead(let codes):
      // One set of numbers rather than an OR over every row, so the lead's index is used.
      return """
        t.id IN (SELECT x.id FROM followup.task x WHERE x.lead = ANY(\(value(codes.sorted()))::text[])
          UNION ALL SELECT r.task_id FROM followup.reassignment r)
        """
    case .owner(let refs): return "t.owner = ANY(\(value(refs.sorted()))::text[])"
    case .tracker(let refs): return "t.tracker = ANY(\(value(refs.sorted()))::text[])"
    case .involves(let refs):
      let list = value(refs.sorted())
      return "t.owner = ANY(\(list)::text[]) OR t.tracker = ANY(\(list)::text[])"
    case .meeting(let refs): return "t.meeting = ANY(\(value(refs.sorted()))::text[])"
    case .coordinating(let codes): return "t.coordinating && \(value(codes.sorted()))::text[]"
    case .ids(let ids): return "t.id = ANY(\(value(ids.sorted().map(String.init)))::bigint[])"
    case .priority(let p): return "t.priority = \(value(p))::boolean"
    case .text(let words, let prefix):
      guard !words.isEmpty else { return nil }
      // The search column holds the task's folded tokens with a space around each, so a
      // whole-word phrase (its last word possibly typed on) is a substring of it; agency
      // names are matched through the agencies they name.
      var sql = "strpos(t.search, \(value(" " + words.joined(separator: " ") + (prefix ? "" : " ")))) > 0"
      let codes = context.agencies(matching: words, lastIsPrefix: prefix).sorted()
      if !codes.isEmpty {
        let list = value(codes)
        sql += " OR t.lead = ANY(\(list)::text[]) OR t.coordinating && \(list)::text[] OR \(reassigned)"
      }
      return sql
    case .all(let terms):
      let parts = terms.compactMap { narrowing($0, context, &parameters) }
      return parts.isEmpty ? nil : parts.map { "(\($0))" }.joined(separator: " AND ")
    case .any(let terms):
      // All alternatives or none: values of a part given up must not stay in the list.
      var kept = parameters
      var parts: [String] = []
      for t in terms {
        guard let part = narrowing(t, context, &kept) else { return nil }
        parts.append("(\(part))")
      }
      if parts.isEmpty { return nil }
      parameters = kept
      return parts.joined(separator: " OR ")
    case .nothing: return "false"
    case .status, .tag, .due, .noDeadlineDate, .completed, .not: return nil
    }
  }

  /// How many tasks a filter matches.
  public func count(_ filter: TaskFilter, context: FilterContext) throws -> Int {
    try select(filter, context: context, projection: .timing).count
  }

  /// A page of the filtered list in an order, kept around a task when asked.
  public func window(_ request: WindowRequest, context: FilterContext) throws -> TaskWindow {
    try windowBySorting(request, context: context)
  }

  /// The per-agency report, computed by the same rules as for a file.
  public func leadWorkload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport {
    WorkloadReport.compute(tasks: try loadTasks(projection: .timing), catalog: catalog, options: options)
  }

  /// History lines are made from the before and after states the database recorded, in the
  /// same words as a file's history; an imported task gets one line, not one per field.
  public func history(taskID: Int?, limit: Int) throws -> [HistoryEntry] {
    try read {
      let rows = try pg.execute(
        """
        SELECT a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, a.by, a.kind, a.summary,
          a.undone, at.task_id, at.before::text AS before, at.after::text AS after
        FROM followup.action_task at JOIN followup.action a ON a.id = at.action_id
        WHERE ($1::bigint IS NULL OR at.task_id = $1::bigint)
        ORDER BY a.id DESC, at.task_id
        LIMIT $2
        """, [taskID, limit])
      var out: [HistoryEntry] = []
      var importsSeen: Set<Int> = []
      for r in rows {
        let action = r.int("id") ?? 0, kind = r.string("kind")
        func entry(_ task: Int, _ field: String, _ old: String, _ new: String) -> HistoryEntry {
          HistoryEntry(
            actionID: action, at: r.string("at"), by: r.string("by"), kind: kind, summary: r.string("summary"),
            taskID: task, field: field, old: old, new: new, undone: r.bool("undone"))
        }
        if kind == "import" && r["before"] == nil {
          if let id = taskID {
            out.append(entry(id, "task", "", "#\(id) (\(r.string("summary")))"))
          } else if importsSeen.insert(action).inserted {
            out.append(entry(0, "import", "", r.string("summary")))
          }
          continue
        }
        let before = ServerRows.task(snapshot: r["before"]), after = ServerRows.task(snapshot: r["after"])
        for (field, old, new) in TaskValidation.differences(before, after) {
          out.append(entry(r.int("task_id") ?? 0, field, old, new))
        }
      }
      return Array(out.prefix(limit))
    }
  }

  // MARK: Writes

  private static func searchColumn(_ t: FollowUpTask, _ catalog: Catalog) -> String {
    " " + SearchText.tokens(for: t, catalog: catalog).joined(separator: " ") + " "
  }

  /// Stores a new task under the next number.
  @discardableResult
  public func add(_ task: FollowUpTask, summary: String?) throws -> FollowUpTask {
    let next = try read { try pg.execute("SELECT nextval('followup.task_id_seq') AS id").first?.int("id") ?? 0 }
    return try write(kind: "add", summary: summary ?? "add #\(next)") {
      let catalog = try ServerRows.catalog(pg)
      var t = task
      t.id = next
      t.version = 1
      t.tags = FollowUpTask.cleanTags(t.tags)
      try TaskValidation.validate(t, catalog: catalog)
      try checkRefUnique(t)
      _ = try ServerRows.insert(t, search: Self.searchColumn(t, catalog), pg)
      return try ServerRows.tasks(pg, where: "t.id = $1", [t.id]).first ?? t
    }
  }

  private func checkRefUnique(_ t: FollowUpTask) throws {
    guard let ref = t.ref else { return }
    if let other = try pg.execute("SELECT id FROM followup.task WHERE ref = $1 AND id <> $2", [ref, t.id]).first?.int("id") {
      throw UserError(
        .taskRef, vi: "Mã '\(ref)' đã dùng cho nhiệm vụ \(other); chọn mã khác",
        en: "The ref '\(ref)' is already used by task \(other); choose another")
    }
  }

  /// Reads tasks and locks them until the transaction ends, so two sessions editing one task
  /// take turns and the second sees the first's version.
  private func lockedTasks(_ ids: [Int]) throws -> [Int: FollowUpTask] {
    try pg.execute("SELECT 1 FROM followup.task WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE", [ids.map(String.init)])
    let current = try ServerRows.tasks(pg, where: "t.id = ANY($1::bigint[])", [ids.map(String.init)])
    let byID = Dictionary(current.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for id in ids where byID[id] == nil { throw StoreErrors.noSuchTask(id) }
    return byID
  }

  /// Applies an edit as one action; refused when a task changed since `expected`.
  public func apply(_ edit: TaskEdit, to ids: [Int], expected: [Int: Int]) throws -> [FollowUpTask] {
    try write(kind: edit.kind, summary: edit.summary(ids: ids)) {
      let byID = try lockedTasks(ids)
      for id in ids {
        if let want = expected[id], let t = byID[id], t.version != want { throw try staleError(t, since: want) }
      }
      let catalog = try ServerRows.catalog(pg)
      var changed = false
      for id in ids {
        guard let before = byID[id] else { continue }
        try edit.validate(before)
        var after = before
        edit.apply(to: &after)
        // A note moves a task not started to in progress; a coordinating agency's note must
        // not start the lead agency's task (the database would refuse the status change).
        if role == .agency, case .addNote = edit, before.lead != agency { after.status = before.status }
        after.id = before.id
        if after.tags != before.tags { after.tags = FollowUpTask.cleanTags(after.tags) }
        for e in after.extensions.dropFirst(before.extensions.count) {
          try TaskValidation.validateNewExtension(e, on: before)
        }
        if after == before { continue }
        try TaskValidation.validate(after, catalog: catalog)
        if after.ref != before.ref { try checkRefUnique(after) }
        try ServerRows.update(
          from: before, to: after, search: Self.searchColumn(after, catalog), oldSearch: Self.searchColumn(before, catalog),
          pg)
        changed = true
      }
      if !changed { return ids.compactMap { byID[$0] } }
      let now = try ServerRows.tasks(pg, where: "t.id = ANY($1::bigint[])", [ids.map(String.init)])
      let fresh = Dictionary(now.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      return ids.compactMap { fresh[$0] }
    }
  }

  /// Deletes tasks as one action (their numbers are not given out again).
  public func delete(ids: [Int], expected: [Int: Int], summary: String?) throws {
    try write(kind: "delete", summary: summary ?? "delete " + ids.map { "#\($0)" }.joined(separator: " ")) {
      let byID = try lockedTasks(ids)
      for (id, t) in byID { if let want = expected[id], t.version != want { throw try staleError(t, since: want) } }
      try pg.execute("DELETE FROM followup.task WHERE id = ANY($1::bigint[])", [ids.map(String.init)])
    }
  }

  /// Adds or updates directory entries as one action.
  public func save(meeting: Meeting) throws {
    try write(kind: "meeting", summary: "meeting \(meeting.ref)") { try ServerRows.save(meeting, pg) }
  }

  /// Adds or updates directory entries as one action.
  public func save(agencies: [Agency], people: [Person]) throws {
    try write(kind: "directory", summary: "directory") {
      for a in agencies { try ServerRows.save(a, pg) }
      for p in people { try ServerRows.save(p, pg) }
    }
  }

  /// Imports a document in one transaction: all of it or nothing.
  public func importDocument(
    _ doc: InterchangeDocument, renumber: Bool, location: ((Int) -> (vi: String, en: String))?
  ) throws -> ImportSummary {
    try write(kind: "import", summary: "import \(doc.tasks.count) tasks") {
      var catalog = try ServerRows.catalog(pg)
      try doc.validateReferences(against: catalog)
      for a in doc.agencies {
        try ServerRows.save(a, pg)
        catalog.upsert(a)
      }
      for p in doc.people {
        try ServerRows.save(p, pg)
        catalog.upsert(p)
      }
      for m in doc.meetings {
        try ServerRows.save(m, pg)
        catalog.upsert(m)
      }
      // The sequence's last value is the highest id ever given: numbers are never reused.
      let used = try pg.execute(
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS used FROM followup.task_id_seq"
      ).first?.int("used") ?? 0
      let given = renumber ? [] : doc.tasks.map(\.id).filter { $0 > 0 }
      if let id = try pg.execute(
        "SELECT min(id) AS id FROM followup.task WHERE id = ANY($1::bigint[])", [given.map(String.init)]
      ).first?.int("id") {
        throw UserError(
          .importId,
          vi: "Tệp nhập có nhiệm vụ số \(id) nhưng số này đã có trên máy chủ; nhập với --renumber để cấp số mới",
          en: "The import gives task id \(id), which the server already has; import with --renumber to assign new ids")
      }
      if let id = given.filter({ $0 <= used }).min() {
        throw UserError(
          .importId,
          vi: "Tệp nhập có nhiệm vụ số \(id), số này đã từng được dùng trên máy chủ; nhập với --renumber để cấp số mới",
          en: "The import gives task id \(id), a number the server has used before; import with --renumber to assign new ids")
      }
      let refsInUse = renumber
        ? Set(try pg.execute("SELECT ref FROM followup.task WHERE ref IS NOT NULL").map { $0.string("ref") }) : []
      var preparation = ImportPreparation(
        catalog: catalog, renumber: renumber, next: max(used, given.max() ?? 0) + 1, refsInUse: refsInUse,
        location: location)
      let tokenizer = SearchText.Tokenizer(catalog: catalog)
      var ids: [Int] = []
      // Into a database with no tasks only the document's own refs could clash, and its
      // duplicates were refused above: one query per task saved at 100,000 tasks.
      let existing = try pg.execute("SELECT EXISTS (SELECT 1 FROM followup.task) AS e").first?.bool("e") ?? true
      for (i, task) in doc.tasks.enumerated() {
        let t = try preparation.prepare(task, at: i) { if existing { try checkRefUnique($0) } }
        _ = try ServerRows.insert(t, search: " " + tokenizer.tokens(for: t).joined(separator: " ") + " ", pg)
        ids.append(t.id)
      }
      let next = preparation.next
      if next - 1 > used { try pg.execute("SELECT setval('followup.task_id_seq', $1)", [next - 1]) }
      return ImportSummary(
        agencies: doc.agencies.count, people: doc.people.count, meetings: doc.meetings.count, taskIDs: ids,
        clearedRefs: preparation.clearedRefs)
    }
  }

  // MARK: Undo and redo

  /// Reverts this login's latest action not yet undone.
  public func undo() throws -> UndoOutcome {
    let target = try read {
      try pg.execute(
        """
        SELECT id, kind, summary FROM followup.action
        WHERE by = session_user::text AND NOT undone AND kind NOT IN ('undo', 'redo', 'meeting', 'directory')
          AND EXISTS (SELECT 1 FROM followup.action_task at WHERE at.action_id = action.id)
        ORDER BY id DESC LIMIT 1
        """
      ).first
    }
    guard let target, let id = target.int("id") else {
      throw UserError(
        .undoNothing, vi: "Không còn thao tác nào của \(user) để hoàn tác", en: "There is nothing of \(user)'s left to undo")
    }
    return try write(kind: "undo", summary: "undo: " + target.string("summary"), target: id) {
      let ids = try restore(action: id, undo: true)
      try pg.execute("SELECT followup.mark_undone($1, true)", [id])
      return UndoOutcome(kind: target.string("kind"), summary: target.string("summary"), taskIDs: ids)
    }
  }

  /// Re-applies the action this login most recently undid.
  public func redo() throws -> UndoOutcome {
    let rows = try read {
      try pg.execute(
        """
        SELECT a.id, a.kind, a.target, t.undone AS target_undone, t.kind AS target_kind, t.summary AS target_summary
        FROM followup.action a LEFT JOIN followup.action t ON t.id = a.target
        WHERE a.by = session_user::text AND a.kind NOT IN ('meeting', 'directory')
        ORDER BY a.id DESC LIMIT 1000
        """)
    }
    // Redo is possible only across undos and redos: any new action ends the chain.
    var found: (id: Int, kind: String, summary: String)?
    for r in rows {
      let kind = r.string("kind")
      if kind == "redo" { continue }
      if kind != "undo" { break }
      if r.bool("target_undone"), let t = r.int("target") {
        found = (t, r.string("target_kind"), r.string("target_summary"))
        break
      }
    }
    guard let found else {
      throw UserError(.redoNothing, vi: "Không có thao tác nào để làm lại", en: "There is nothing to redo")
    }
    return try write(kind: "redo", summary: "redo: " + found.summary, target: found.id) {
      let ids = try restore(action: found.id, undo: false)
      try pg.execute("SELECT followup.mark_undone($1, false)", [found.id])
      return UndoOutcome(kind: found.kind, summary: found.summary, taskIDs: ids)
    }
  }

  /// Puts every task of an action back as it was before it (undo) or after it (redo),
  /// refusing when someone changed one of them since.
  private func restore(action: Int, undo: Bool) throws -> [Int] {
    let steps = try pg.execute(
      "SELECT task_id, before::text AS before, after::text AS after, after_version FROM followup.action_task WHERE action_id = $1 ORDER BY task_id",
      [action])
    let ids = steps.compactMap { $0.int("task_id") }
    try pg.execute("SELECT 1 FROM followup.task WHERE id = ANY($1::bigint[]) FOR UPDATE", [ids.map(String.init)])
    let current = Dictionary(
      try ServerRows.tasks(pg, where: "t.id = ANY($1::bigint[])", [ids.map(String.init)]).map { ($0.id, $0) },
      uniquingKeysWith: { a, _ in a })
    let catalog = try ServerRows.catalog(pg)
    var plan: [(id: Int, from: FollowUpTask?, to: FollowUpTask?)] = []
    for s in steps {
      guard let id = s.int("task_id") else { continue }
      let left = ServerRows.task(snapshot: undo ? s["after"] : s["before"])
      let goal = ServerRows.task(snapshot: undo ? s["before"] : s["after"])
      let now = current[id]
      let unchanged: Bool
      switch (left, now) {
      case (nil, nil): unchanged = true
      case (.some(var l), .some(var n)):
        // Versions move with every action, this user's own undos included: compare content.
        l.version = 0
        n.version = 0
        unchanged = l == n
      default: unchanged = false
      }
      if !unchanged {
        if let n = now { throw try staleError(n, since: s.int("after_version") ?? n.version, undo: true) }
        throw UserError(
          .undoConflict, vi: "Không hoàn tác được: nhiệm vụ \(id) đã bị người khác xoá sau đó",
          en: "Cannot undo: task \(id) has since been deleted by someone else")
      }
      plan.append((id, now, goal))
    }
    for step in plan {
      switch (step.from, step.to) {
      case (let from?, let to?):
        try ServerRows.update(
          from: from, to: to, search: Self.searchColumn(to, catalog), oldSearch: Self.searchColumn(from, catalog), pg)
      case (nil, var to?):
        // Versions only grow, also when a deleted task comes back.
        to.version = (try pg.execute(
          "SELECT max(greatest(coalesce(before_version, 0), coalesce(after_version, 0))) AS v FROM followup.action_task WHERE task_id = $1",
          [step.id]).first?.int("v") ?? to.version) + 1
        _ = try ServerRows.insert(to, search: Self.searchColumn(to, catalog), pg)
      case (_?, nil):
        try pg.execute("DELETE FROM followup.task WHERE id = $1", [step.id])
      case (nil, nil):
        break
      }
    }
    return plan.map(\.id)
  }

  /// The sentence for an edit based on an out-of-date view of a task: who changed what since.
  private func staleError(_ t: FollowUpTask, since version: Int, undo: Bool = false) throws -> UserError {
    let rows = try pg.execute(
      """
      SELECT a.by, at.before::text AS before, at.after::text AS after FROM followup.action_task at
      JOIN followup.action a ON a.id = at.action_id
      WHERE at.task_id = $1 AND at.after_version > $2
      ORDER BY a.id DESC LIMIT 3
      """, [t.id, version])
    let who = rows.first?.string("by") ?? "?"
    let changes = rows.flatMap {
      TaskValidation.differences(ServerRows.task(snapshot: $0["before"]), ServerRows.task(snapshot: $0["after"]))
    }.prefix(3)
    func what(_ l: Lang) -> String {
      changes.map { TaskDetail.change($0.0, $0.1, $0.2, l) }.joined(separator: "; ")
    }
    if undo {
      return UserError(
        .undoConflict, vi: "Không hoàn tác: nhiệm vụ \(t.id) đã được \(who) sửa sau đó (\(what(.vi)))",
        en: "Cannot undo: task \(t.id) was changed since by \(who) (\(what(.en)))")
    }
    return UserError(
      .taskStale,
      vi: "Chưa lưu: nhiệm vụ \(t.id) vừa được \(who) sửa (\(what(.vi))); hãy xem lại rồi sửa tiếp",
      en: "Not saved: task \(t.id) was just changed by \(who) (\(what(.en))); review it and edit again")
  }

  /// Nothing to remove: opening a server creates nothing.
  public func discardIfCreated() {}

  /// The connection closes when the store is released.
  public func close() throws {}
}
