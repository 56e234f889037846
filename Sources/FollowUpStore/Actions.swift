import FollowUpCore
import Foundation
import GRDB

/// One line of a task's history: who changed which field, when, from what to what.
public struct HistoryEntry: Hashable, Sendable {
  /// The action that made the change.
  public var actionID: Int
  /// When (UTC, ISO 8601).
  public var at: String
  /// Who.
  public var by: String
  /// What kind of action (`done`, `edit`, `undo`, …).
  public var kind: String
  /// The action's one-line summary.
  public var summary: String
  /// The task changed.
  public var taskID: Int
  /// The field.
  public var field: String
  /// Its value before.
  public var old: String
  /// Its value after.
  public var new: String
  /// Whether the action has since been undone.
  public var undone: Bool

  /// Creates a history line.
  public init(
    actionID: Int, at: String, by: String, kind: String, summary: String, taskID: Int, field: String, old: String,
    new: String, undone: Bool
  ) {
    self.actionID = actionID
    self.at = at
    self.by = by
    self.kind = kind
    self.summary = summary
    self.taskID = taskID
    self.field = field
    self.old = old
    self.new = new
    self.undone = undone
  }
}

/// What an undo or redo did.
public struct UndoOutcome: Hashable, Sendable {
  /// The kind of the action undone or redone.
  public var kind: String
  /// Its summary.
  public var summary: String
  /// The tasks it touched.
  public var taskIDs: [Int]

  /// Creates an outcome.
  public init(kind: String, summary: String, taskIDs: [Int]) {
    self.kind = kind
    self.summary = summary
    self.taskIDs = taskIDs
  }
}

/// What changed in the file since a revision, for refreshing a screen without reloading all.
public struct ChangeSet: Hashable, Sendable {
  /// The file's revision now.
  public var revision: Int
  /// Tasks that now exist and changed.
  public var changed: [FollowUpTask]
  /// Ids of tasks that no longer exist.
  public var deleted: [Int]
  /// Whether agencies, people or meetings may have changed.
  public var directoryChanged: Bool

  /// Creates a change set.
  public init(revision: Int, changed: [FollowUpTask], deleted: [Int], directoryChanged: Bool) {
    self.revision = revision
    self.changed = changed
    self.deleted = deleted
    self.directoryChanged = directoryChanged
  }
}

/// A summary of an import.
public struct ImportSummary: Hashable, Sendable {
  /// Agencies added or updated.
  public var agencies: Int
  /// People added or updated.
  public var people: Int
  /// Meetings added or updated.
  public var meetings: Int
  /// Ids given to the imported tasks, in file order.
  public var taskIDs: [Int]
  /// Refs left empty because the data file already used them (only with `renumber`).
  public var clearedRefs: Int = 0

  /// Creates a summary.
  public init(agencies: Int, people: Int, meetings: Int, taskIDs: [Int], clearedRefs: Int = 0) {
    self.agencies = agencies
    self.people = people
    self.meetings = meetings
    self.taskIDs = taskIDs
    self.clearedRefs = clearedRefs
  }
}

extension SQLiteStore {
  // MARK: Reads

  /// The directory: agencies, people and (unless told not to) meetings, which at 100,000
  /// tasks number 15,000 and are not needed by most commands.
  public func loadCatalog(meetings: Bool) throws -> Catalog {
    try read { db in try Rows.catalog(db, meetings: meetings) }
  }

  /// Everything needed to show the file, read in one consistent transaction.
  public func loadAll(projection: TaskProjection) throws -> (catalog: Catalog, tasks: [FollowUpTask], revision: Int) {
    try read { db in
      (try Rows.catalog(db), try Rows.tasks(db, where: "1", arguments: [], projection: projection), try Schema.revision(db))
    }
  }

  /// Hands every task's stored search text (folded tokens, a space around each) to `body`,
  /// row by row, for building an index without folding every task again or holding all the
  /// texts at once.
  public func forEachSearchColumn(_ body: (Int, String) -> Void) throws {
    try read { db in
      let statement = try db.makeStatement(sql: "SELECT id, search FROM task")
      let cursor = try Row.fetchCursor(statement)
      let raw = RawColumns(statement.sqliteStatement)
      while try cursor.next() != nil { body(raw.int(0), raw.text(1)) }
    }
  }

  /// All tasks, by id.
  public func loadTasks() throws -> [FollowUpTask] {
    try read { db in try Rows.tasks(db) }
  }

  /// The tasks with these ids (missing ones are left out).
  public func loadTasks(ids: [Int]) throws -> [FollowUpTask] {
    try read { db in try Rows.tasks(db, ids: ids) }
  }

  /// What changed since a revision (by any process).
  public func changes(since revision: Int) throws -> ChangeSet {
    try read { db in
      let now = try Schema.revision(db)
      if now == revision {
        return ChangeSet(revision: now, changed: [], deleted: [], directoryChanged: false)
      }
      let kinds = try String.fetchAll(
        db, sql: "SELECT DISTINCT kind FROM action WHERE rev > ?", arguments: [revision])
      // From the few recent actions to their tasks (CROSS JOIN fixes that order): the other
      // way round walks every task an import ever logged.
      let touched = try Int.fetchAll(
        db,
        sql: """
          SELECT DISTINCT at.task_id FROM action a CROSS JOIN action_task at ON at.action_id = a.id
          WHERE a.rev > ?
          """, arguments: [revision])
      let changed = try Rows.tasks(db, ids: touched)
      let present = Set(changed.map(\.id))
      return ChangeSet(
        revision: now, changed: changed, deleted: touched.filter { !present.contains($0) },
        directoryChanged: kinds.contains { ["import", "directory", "meeting"].contains($0) })
    }
  }

  /// The history of one task, or of the whole file, newest first.
  public func history(taskID: Int?, limit: Int) throws -> [HistoryEntry] {
    try read { db in
      // Imports record no per-field rows (a 100,000-task import would write 100,000 of them):
      // their line is made here from the action, once per task or once per import.
      let imports: String
      if taskID == nil {
        imports = """
          SELECT a.id, a.at, a.by, a.kind, a.summary, a.undone, 0 AS task_id, 'import' AS field, '' AS old,
            a.summary AS new, 0 AS seq FROM action a WHERE a.kind = 'import'
          """
      } else {
        imports = """
          SELECT a.id, a.at, a.by, a.kind, a.summary, a.undone, at.task_id, 'task' AS field, '' AS old,
            '#' || at.task_id || ' (' || a.summary || ')' AS new, 0 AS seq
          FROM action_task at JOIN action a ON a.id = at.action_id
          WHERE at.task_id = :task AND a.kind = 'import'
          """
      }
      let changes = taskID == nil ? "" : "WHERE c.task_id = :task"
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM (
            SELECT a.id, a.at, a.by, a.kind, a.summary, a.undone, c.task_id, c.field, c.old, c.new, c.rowid AS seq
            FROM change c JOIN action a ON a.id = c.action_id
            \(changes)
            UNION ALL
            \(imports)
          )
          ORDER BY id DESC, seq
          LIMIT :limit
          """, arguments: taskID.map { ["task": $0, "limit": limit] } ?? ["limit": limit])
      return rows.map { r in
        HistoryEntry(
          actionID: r["id"], at: r["at"], by: r["by"], kind: r["kind"], summary: r["summary"],
          taskID: r["task_id"], field: r["field"], old: r["old"], new: r["new"],
          undone: r["undone"])
      }
    }
  }

  // MARK: Writes

  /// Stores a new task (its id is assigned here) as one undoable action.
  @discardableResult
  public func add(_ task: FollowUpTask, summary: String?) throws -> FollowUpTask {
    try write { db in
      let catalog = try Rows.catalog(db, forTasks: [task])
      var t = task
      t.id = try Rows.nextTaskID(db)
      t.version = 1
      t.tags = FollowUpTask.cleanTags(t.tags)
      try TaskValidation.validate(t, catalog: catalog)
      try SQLiteStore.checkRefUnique(t, db)
      let rev = try Schema.bumpRevision(db)
      let action = try record(db, rev: rev, kind: "add", summary: summary ?? "add #\(t.id)")
      try Rows.save(t, rev: rev, catalog: catalog, db, isNew: true)
      try SQLiteStore.log(db, action: action, before: nil, after: t)
      return t
    }
  }

  /// Applies an edit as one undoable action, named in the history as the edit names itself.
  @discardableResult
  public func apply(_ edit: TaskEdit, to ids: [Int], expected: [Int: Int]) throws -> [FollowUpTask] {
    try modify(ids: ids, kind: edit.kind, summary: edit.summary(ids: ids), expected: expected) { t, _ in
      try edit.validate(t)
      edit.apply(to: &t)
    }
  }

  /// Changes tasks in one transaction recorded as one undoable action.
  ///
  /// `expected` gives the version each task had when the user saw it; if someone changed a
  /// task since, nothing is saved and the error names who changed what.
  func modify(
    ids: [Int], kind: String, summary: String, expected: [Int: Int] = [:],
    _ change: (inout FollowUpTask, Catalog) throws -> Void
  ) throws -> [FollowUpTask] {
    try write { db in
      var catalog = try Rows.catalog(db, meetings: false)
      let current = try Rows.tasks(db, ids: ids)
      let byID = Dictionary(current.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for id in ids where byID[id] == nil { throw StoreErrors.noSuchTask(id) }
      for id in ids {
        if let want = expected[id], let t = byID[id], t.version != want {
          throw try SQLiteStore.staleError(db, task: t, since: want)
        }
      }
      var updated: [(FollowUpTask, FollowUpTask)] = []
      for id in ids {
        guard let before = byID[id] else { continue }
        var after = before
        try change(&after, catalog)
        after.id = before.id
        if after.tags != before.tags { after.tags = FollowUpTask.cleanTags(after.tags) }
        if after.extensions.count > before.extensions.count {
          for e in after.extensions.dropFirst(before.extensions.count) {
            try TaskValidation.validateNewExtension(e, on: before)
          }
        }
        if after == before { continue }
        after.version = before.version + 1
        updated.append((before, after))
      }
      // Only the meetings the changed tasks name are read, to check those references.
      for m in try Rows.catalog(db, forTasks: updated.map(\.1)).meetings.values { catalog.upsert(m) }
      for (before, after) in updated {
        try TaskValidation.validate(after, catalog: catalog)
        if after.ref != before.ref { try SQLiteStore.checkRefUnique(after, db) }
      }
      if updated.isEmpty { return current }
      let rev = try Schema.bumpRevision(db)
      let action = try record(db, rev: rev, kind: kind, summary: summary)
      for (before, after) in updated {
        try Rows.save(after, rev: rev, catalog: catalog, db)
        try SQLiteStore.log(db, action: action, before: before, after: after)
      }
      let changed = Dictionary(updated.map { ($0.1.id, $0.1) }, uniquingKeysWith: { a, _ in a })
      return ids.compactMap { changed[$0] ?? byID[$0] }
    }
  }

  /// Deletes tasks as one undoable action (their ids are never given out again).
  public func delete(ids: [Int], expected: [Int: Int], summary: String?) throws {
    try write { db in
      let current = try Rows.tasks(db, ids: ids)
      let byID = Dictionary(current.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for id in ids where byID[id] == nil { throw StoreErrors.noSuchTask(id) }
      for t in current {
        if let want = expected[t.id], t.version != want {
          throw try SQLiteStore.staleError(db, task: t, since: want)
        }
      }
      let rev = try Schema.bumpRevision(db)
      let action = try record(
        db, rev: rev, kind: "delete",
        summary: summary ?? "delete " + ids.map { "#\($0)" }.joined(separator: " "))
      for t in current {
        try db.execute(sql: "DELETE FROM task WHERE id = ?", arguments: [t.id])
        try SQLiteStore.log(db, action: action, before: t, after: nil)
      }
    }
  }

  /// Adds or updates a meeting (not undoable; recorded in the file's revision).
  public func save(meeting: Meeting) throws {
    try write { db in
      _ = try record(db, rev: try Schema.bumpRevision(db), kind: "meeting", summary: "meeting \(meeting.ref)")
      try Rows.save(meeting, db)
    }
  }

  /// Adds or updates agencies and people (not undoable; recorded in the file's revision).
  public func save(agencies: [Agency], people: [Person]) throws {
    try write { db in
      _ = try record(db, rev: try Schema.bumpRevision(db), kind: "directory", summary: "directory")
      for a in agencies { try Rows.save(a, db) }
      for p in people { try Rows.save(p, db) }
    }
  }

  /// Imports a whole document in one transaction: all of it, or nothing.
  ///
  /// Tasks keep the ids the file gives when they are free (so export → import → export is
  /// identical); with `renumber`, or when a file gives none, new ids are assigned.
  ///
  /// `location` names task `i` in error messages the way its file does (a CSV line, say);
  /// by default it is the JSON path `tasks[i]`.
  public func importDocument(
    _ doc: InterchangeDocument, renumber: Bool,
    location: ((Int) -> (vi: String, en: String))?
  ) throws -> ImportSummary {
    var tasks = doc.tasks.makeIterator()
    return try importTasks(
      header: doc, count: doc.tasks.count, largestGivenID: doc.tasks.lazy.map(\.id).max() ?? 0,
      checkEachTask: false, renumber: renumber, location: location, next: { tasks.next() })
  }

  /// Imports a file read as a stream in one transaction: the header, then each task as it
  /// is read. A task refused anywhere in the file, the last included, leaves nothing.
  public func importStream(_ stream: InterchangeStream, renumber: Bool) throws -> ImportSummary {
    try importTasks(
      header: stream.header, count: stream.taskCount, largestGivenID: stream.largestGivenID,
      checkEachTask: true, renumber: renumber, location: nil, next: { try stream.next() })
  }

  /// The one import: `header`'s directory and meetings (and, unless `checkEachTask`, its
  /// tasks' references, checked up front), then the `count` tasks `next` hands out.
  func importTasks(
    header: InterchangeDocument, count: Int, largestGivenID: Int, checkEachTask: Bool, renumber: Bool,
    location: ((Int) -> (vi: String, en: String))?, next: () throws -> FollowUpTask?
  ) throws -> ImportSummary {
    // A big import touches every index page many times: a 64 MB cache for this connection
    // keeps them in memory instead of spilling them mid-transaction.
    if count > 1000 {
      try? db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -65536") }
    }
    return try write { db in
      var catalog = try Rows.catalog(db)
      try header.validateReferences(against: catalog)
      for a in header.agencies {
        try Rows.save(a, db)
        catalog.upsert(a)
      }
      for p in header.people {
        try Rows.save(p, db)
        catalog.upsert(p)
      }
      for m in header.meetings {
        try Rows.save(m, db)
        catalog.upsert(m)
      }
      var references = checkEachTask ? InterchangeDocument.TaskReferenceCheck(catalog: catalog) : nil
      let rev = try Schema.bumpRevision(db)
      let action = try record(db, rev: rev, kind: "import", summary: "import \(count) tasks")
      // Numbers are never reused: one that a deleted task once had stays retired, and one
      // a task of this file gives is not handed to another.
      let used = try Rows.nextTaskID(db) - 1
      var nextID = used + 1
      if !renumber { nextID = max(nextID, largestGivenID + 1) }
      var ids: [Int] = []
      ids.reserveCapacity(count)
      // Copies imported as new tasks cannot keep a ref the file already uses: refs are
      // unique, so such a ref is left empty and counted.
      let refsInUse = renumber ? Set(try String.fetchAll(db, sql: "SELECT ref FROM task WHERE ref IS NOT NULL")) : []
      let tokenizer = SearchText.Tokenizer(catalog: catalog)
      let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") ?? 0
      // A large import into a file holding fewer tasks goes in bulk: secondary indexes and
      // the search index's triggers are set aside and built once after the rows (a sort
      // each) rather than updated a million times. All of it inside this transaction, so a
      // refused import leaves them exactly as they were.
      let bulk = count >= BulkImport.threshold && count >= existing
      let writer = bulk ? try BulkImport(db, action: action, rev: rev) : nil
      var preparation = ImportPreparation(
        catalog: catalog, renumber: renumber, next: nextID, refsInUse: refsInUse, location: location)
      var i = 0
      while let task = try next() {
        try references?.check(task, at: i)
        if !renumber && task.id > 0 && task.id <= used {
          let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM task WHERE id = ?)", arguments: [task.id]) ?? false
          throw exists
            ? UserError(
              .importId,
              vi: "Tệp nhập có nhiệm vụ số \(task.id) nhưng số này đã có trong tệp dữ liệu; nhập với --renumber để cấp số mới",
              en: "The import gives task id \(task.id), which this data file already has; import with --renumber to assign new ids")
            : UserError(
              .importId,
              vi: "Tệp nhập có nhiệm vụ số \(task.id), số này đã từng được dùng trong tệp dữ liệu; nhập với --renumber để cấp số mới",
              en: "The import gives task id \(task.id), a number this data file has used before; import with --renumber to assign new ids")
        }
        // Into a file with no tasks only the document's own refs could clash, and its
        // duplicates were refused above.
        let t = try preparation.prepare(task, at: i) { t in if existing > 0 { try SQLiteStore.checkRefUnique(t, db) } }
        if let writer {
          try writer.insert(t, catalog: catalog, tokenizer: tokenizer)
        } else {
          try Rows.save(t, rev: rev, catalog: catalog, db, isNew: true, tokenizer: tokenizer)
          try SQLiteStore.log(db, action: action, before: nil, after: t, detailed: false, snapshot: false)
        }
        ids.append(t.id)
        i += 1
      }
      try writer?.finish(wasEmpty: existing == 0)
      return ImportSummary(
        agencies: header.agencies.count, people: header.people.count, meetings: header.meetings.count,
        taskIDs: ids, clearedRefs: preparation.clearedRefs)
    }
  }

  // MARK: Undo and redo

  /// Reverts this user's most recent action that is not undone yet.
  ///
  /// Refuses, naming the change, when someone has changed one of its tasks since.
  public func undo() throws -> UndoOutcome {
    try write { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT id, kind, summary FROM action
            WHERE by = ? AND undone = 0 AND kind NOT IN ('undo', 'redo', 'meeting', 'directory')
            ORDER BY id DESC LIMIT 1
            """, arguments: [user])
      else {
        throw UserError(
          .undoNothing, vi: "Không còn thao tác nào của \(user) để hoàn tác",
          en: "There is nothing of \(user)'s left to undo")
      }
      let target: Int = row["id"]
      let ids = try apply(db, action: target, direction: .undo)
      try db.execute(sql: "UPDATE action SET undone = 1 WHERE id = ?", arguments: [target])
      return UndoOutcome(kind: row["kind"], summary: row["summary"], taskIDs: ids)
    }
  }

  /// Re-applies the action most recently undone by this user, if nothing new came after.
  public func redo() throws -> UndoOutcome {
    try write { db in
      // Walk back through this user's own actions: redo is possible only across undos and
      // redos; any new action ends the redo chain, as in every editor.
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT a.id, a.kind, a.target, t.undone AS target_undone, t.kind AS target_kind,
                 t.summary AS target_summary
          FROM action a LEFT JOIN action t ON t.id = a.target
          WHERE a.by = ? AND a.kind NOT IN ('meeting', 'directory')
          ORDER BY a.id DESC LIMIT 1000
          """, arguments: [user])
      var found: (id: Int, kind: String, summary: String)?
      for r in rows {
        let kind: String = r["kind"]
        if kind == "redo" { continue }
        if kind != "undo" { break }
        if (r["target_undone"] as Int?) == 1, let t: Int = r["target"] {
          found = (t, r["target_kind"], r["target_summary"])
          break
        }
      }
      guard let found else {
        throw UserError(
          .redoNothing, vi: "Không có thao tác nào để làm lại", en: "There is nothing to redo")
      }
      let ids = try apply(db, action: found.id, direction: .redo)
      try db.execute(sql: "UPDATE action SET undone = 0 WHERE id = ?", arguments: [found.id])
      return UndoOutcome(kind: found.kind, summary: found.summary, taskIDs: ids)
    }
  }

  enum Direction: String { case undo, redo }

  /// Puts every task of an action back to its state before (undo) or after (redo) it.
  func apply(_ db: Database, action: Int, direction: Direction) throws -> [Int] {
    let rows = try Row.fetchAll(
      db, sql: "SELECT * FROM action_task WHERE action_id = ? ORDER BY rowid",
      arguments: [action])
    let catalog = try Rows.catalog(db)
    let ids: [Int] = rows.map { $0["task_id"] }
    let current = Dictionary(
      try Rows.tasks(db, ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    // The state the action left (undo) or the undo left (redo) must still be there.
    var plan: [(id: Int, from: FollowUpTask?, to: FollowUpTask?)] = []
    for r in rows {
      let id: Int = r["task_id"]
      let beforeJSON: String? = r["before"], afterJSON: String? = r["after"]
      let afterVersion: Int? = r["after_version"]
      if afterJSON == nil, let afterVersion {
        // A task created by an import, logged without a snapshot.
        guard direction == .undo else {
          throw UserError(
            .redoImport, vi: "Không làm lại được một lần nhập đã hoàn tác; hãy nhập lại tệp",
            en: "An undone import cannot be redone; import the file again")
        }
        guard let n = current[id] else {
          throw UserError(
            .undoConflict, vi: "Không hoàn tác được: nhiệm vụ \(id) đã bị xoá sau đó",
            en: "Cannot undo: task \(id) has since been deleted")
        }
        // Unchanged since the import unless a later action on it is still in effect (undone
        // actions and the undos themselves put back what was there).
        let inEffect = try Int.fetchOne(
          db,
          sql: """
            SELECT COUNT(*) FROM action_task at JOIN action a ON a.id = at.action_id
            WHERE at.task_id = ? AND a.id > ? AND a.kind NOT IN ('undo', 'redo') AND a.undone = 0
            """, arguments: [id, action]) ?? 0
        guard n.version == afterVersion || inEffect == 0 else {
          throw try SQLiteStore.staleError(db, task: n, since: afterVersion, undo: true)
        }
        plan.append((id, n, nil))
        continue
      }
      let want = direction == .undo ? afterJSON : beforeJSON
      let restore = direction == .undo ? beforeJSON : afterJSON
      let wantTask = try want.map { try InterchangeReader.readTask(json: Data($0.utf8)) }
      let now = current[id]
      let expectedVersion: Int? =
        direction == .undo ? r["after_version"] : try SQLiteStore.versionAfterUndo(db, action: action, task: id)
      let unchanged: Bool = {
        switch (wantTask, now) {
        case (nil, nil): return true
        case (.some(let w), .some(let n)):
          // The version alone is not enough: this user's own undos and redos of later
          // actions bump it while putting back exactly the state this action left.
          return expectedVersion == nil || n.version == expectedVersion || SQLiteStore.sameContent(n, w)
        default: return false
        }
      }()
      if !unchanged {
        if let n = now {
          throw try SQLiteStore.staleError(db, task: n, since: expectedVersion ?? n.version, undo: true)
        }
        throw UserError(
          .undoConflict,
          vi: "Không hoàn tác được: nhiệm vụ \(id) đã bị người khác xoá sau đó",
          en: "Cannot undo: task \(id) has since been deleted by someone else")
      }
      plan.append((id, now, try restore.map { try InterchangeReader.readTask(json: Data($0.utf8)) }))
    }
    let rev = try Schema.bumpRevision(db)
    let label = try String.fetchOne(db, sql: "SELECT summary FROM action WHERE id = ?", arguments: [action]) ?? ""
    let record = try self.record(
      db, rev: rev, kind: direction.rawValue, summary: "\(direction.rawValue): \(label)",
      target: action)
    for step in plan {
      if var t = step.to {
        // Versions only grow, also when a deleted task comes back, so an edit based on a
        // view from before the delete is still refused as stale.
        t.version = max(step.from?.version ?? 0, t.version, SQLiteStore.lastVersion(db, task: step.id)) + 1
        // Ids must survive undoing a delete: the row goes back under its own number.
        try Rows.save(t, rev: rev, catalog: catalog, db)
        try SQLiteStore.log(db, action: record, before: step.from, after: t)
      } else {
        try db.execute(sql: "DELETE FROM task WHERE id = ?", arguments: [step.id])
        try SQLiteStore.log(db, action: record, before: step.from, after: nil)
      }
    }
    return plan.map(\.id)
  }

  /// Whether two states of a task are the same apart from their version counters.
  static func sameContent(_ a: FollowUpTask, _ b: FollowUpTask) -> Bool {
    var x = a, y = b
    x.version = 0
    y.version = 0
    return x == y
  }

  /// The highest version a task has ever had, from the action log.
  static func lastVersion(_ db: Database, task: Int) -> Int {
    (try? Int.fetchOne(
      db,
      sql: "SELECT MAX(MAX(COALESCE(before_version, 0), COALESCE(after_version, 0))) FROM action_task WHERE task_id = ?",
      arguments: [task])) ?? 0
  }

  /// The version a task had right after the latest undo of an action.
  static func versionAfterUndo(_ db: Database, action: Int, task: Int) throws -> Int? {
    try Int.fetchOne(
      db,
      sql: """
        SELECT at.after_version FROM action_task at JOIN action a ON a.id = at.action_id
        WHERE a.kind = 'undo' AND a.target = ? AND at.task_id = ?
        ORDER BY a.id DESC LIMIT 1
        """, arguments: [action, task])
  }

  // MARK: Recording

  func record(_ db: Database, rev: Int, kind: String, summary: String, target: Int? = nil) throws
    -> Int
  {
    try db.execute(
      sql: "INSERT INTO action (rev, at, by, kind, summary, target) VALUES (?, ?, ?, ?, ?, ?)",
      arguments: [rev, SQLiteStore.timestamp(), user, kind, summary, target])
    return Int(db.lastInsertedRowID)
  }

  static func timestamp() -> String {
    ISO8601DateFormatter().string(from: Date())
  }

  /// Records a task's before/after state (for undo) and its field changes (for history).
  ///
  /// An import passes `snapshot: false`: undoing it needs only the versions (a task still at
  /// its imported version is deleted), and writing a JSON copy of every imported task would
  /// double the file and most of the import's time. Such an import cannot be redone.
  static func log(
    _ db: Database, action: Int, before: FollowUpTask?, after: FollowUpTask?, detailed: Bool = true,
    snapshot: Bool = true
  ) throws {
    let id = after?.id ?? before?.id ?? 0
    try db.cachedStatement(
      sql: """
        INSERT INTO action_task (action_id, task_id, before, after, before_version, after_version)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      action, id, before.map { InterchangeWriter.task($0).rendered() },
      snapshot ? after.map { InterchangeWriter.task($0).rendered() } : nil, before?.version,
      after?.version,
    ])
    // An import's tasks get no per-field rows: `history` makes their line from the action.
    let diffs = detailed || before != nil ? TaskValidation.differences(before, after) : []
    let insert = try db.cachedStatement(
      sql: "INSERT INTO change (action_id, task_id, field, old, new) VALUES (?, ?, ?, ?, ?)")
    for (field, old, new) in diffs {
      try insert.execute(arguments: [action, id, field, old, new])
    }
  }

  static func checkRefUnique(_ t: FollowUpTask, _ db: Database) throws {
    guard let ref = t.ref else { return }
    if let other = try Int.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM task WHERE ref = ? AND id != ?"), arguments: [ref, t.id])
    {
      throw UserError(
        .taskRef,
        vi: "Mã '\(ref)' đã dùng cho nhiệm vụ \(other); chọn mã khác",
        en: "The ref '\(ref)' is already used by task \(other); choose another")
    }
  }

  /// The sentence for an edit based on an out-of-date view of a task.
  static func staleError(_ db: Database, task: FollowUpTask, since version: Int, undo: Bool = false)
    throws -> UserError
  {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT a.by, a.at, c.field, c.old, c.new
        FROM action_task at
        JOIN action a ON a.id = at.action_id
        JOIN change c ON c.action_id = at.action_id AND c.task_id = at.task_id
        WHERE at.task_id = ? AND at.after_version > ?
        ORDER BY a.id DESC LIMIT 3
        """, arguments: [task.id, version])
    let who: String = rows.first?["by"] ?? "?"
    func what(_ l: Lang) -> String {
      rows.map { r -> String in
        let f: String = r["field"], o: String = r["old"], n: String = r["new"]
        return TaskDetail.change(f, o, n, l)
      }.joined(separator: "; ")
    }
    if undo {
      return UserError(
        .undoConflict,
        vi: "Không hoàn tác: nhiệm vụ \(task.id) đã được \(who) sửa sau đó (\(what(.vi)))",
        en: "Cannot undo: task \(task.id) was changed since by \(who) (\(what(.en)))")
    }
    return UserError(
      .taskStale,
      vi: "Chưa lưu: nhiệm vụ \(task.id) vừa được \(who) sửa (\(what(.vi))); hãy xem lại rồi sửa tiếp",
      en: "Not saved: task \(task.id) was just changed by \(who) (\(what(.en))); review it and edit again")
  }
}

