import FollowUpCore
import GRDB
import GRDBSQLite

/// Writes a large import's tasks with the file's secondary indexes on tasks and the search
/// index's triggers set aside: `finish` creates them again from their own stored
/// definitions (so they come back exactly as they were, whatever migrations made them), one
/// sort each instead of a million index updates.
final class BulkImport {
  /// Imports with at least this many tasks (and at least as many as the file holds) go in bulk.
  static let threshold = 5_000

  let db: Database
  let rev: Int
  let log: Statement
  let action: Int
  /// The dropped indexes and triggers, as the SQL that makes them again.
  let saved: [String]

  init(_ db: Database, action: Int, rev: Int) throws {
    self.db = db
    self.rev = rev
    self.action = action
    saved = try String.fetchAll(
      db,
      sql: """
        SELECT sql FROM sqlite_master
        WHERE tbl_name = 'task' AND type IN ('index', 'trigger') AND sql IS NOT NULL
        ORDER BY type, name
        """)
    let names = try Row.fetchAll(
      db, sql: "SELECT type, name FROM sqlite_master WHERE tbl_name = 'task' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    for r in names {
      let type: String = r["type"], name: String = r["name"]
      try db.execute(sql: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \"\(name)\"")
    }
    log = try db.makeStatement(
      sql: "INSERT INTO action_task (action_id, task_id, before, after, before_version, after_version) VALUES (?, ?, NULL, NULL, NULL, ?)")
  }

  /// Inserts one new task with its child rows, and its line in the import's log (the
  /// version only: see `SQLiteStore.log`).
  func insert(_ t: FollowUpTask, catalog: Catalog, tokenizer: SearchText.Tokenizer) throws {
    try Rows.save(t, rev: rev, catalog: catalog, db, isNew: true, tokenizer: tokenizer)
    let l = log.sqliteStatement
    sqlite3_bind_int64(l, 1, sqlite3_int64(action))
    sqlite3_bind_int64(l, 2, sqlite3_int64(t.id))
    sqlite3_bind_int64(l, 3, sqlite3_int64(t.version))
    try step(l)
  }

  /// Builds the indexes and triggers again, and indexes the new tasks' search text.
  func finish(wasEmpty: Bool) throws {
    // What the set-aside triggers keep (the current columns, tally and horizon), before
    // they come back: an update they saw would be counted twice.
    try Current.refill(db, where: "changed_rev = ?", arguments: [rev])
    for sql in saved { try db.execute(sql: sql) }
    let hasSearch = try Bool.fetchOne(
      db, sql: "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'task_search'") ?? false
    guard hasSearch else { return }
    if wasEmpty {
      try db.execute(sql: "INSERT INTO task_search(task_search) VALUES ('rebuild')")
    } else {
      try db.execute(
        sql: "INSERT INTO task_search(rowid, search) SELECT id, search FROM task WHERE changed_rev = ?", arguments: [rev])
    }
  }

  func step(_ s: OpaquePointer) throws {
    let rc = sqlite3_step(s)
    sqlite3_reset(s)
    sqlite3_clear_bindings(s)
    guard rc == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
  }
}
