import FollowUpCore
import GRDB

/// Each task judged as it stands now, in columns SQLite keeps up to date itself, so reads of
/// the present go through indexes instead of judging every row.
///
/// Judging a task as of a day needs its events up to that day (`Judged`). On any day on or
/// after the file's *horizon* (the latest dated event of any task: completion, report,
/// withdrawal, extension decision, reassignment, assignment) every event has happened, and
/// the judgement is a plain function of these columns and the day: a task in category
/// `openDated` is overdue when its deadline is before the day, due soon when within the
/// next N days, and so on. The status order (`TaskOrder.status`) is then the index order
/// (rank, key, id) and the deadline order the index order (due key, id). Days before the
/// horizon keep the exact `judged` reading.
///
/// The columns: `ext_date` (the deadline the latest approved or partly approved extension
/// grants, kept by triggers on `extension`) and, computed by SQLite from the row (virtual
/// generated columns, so nothing to keep in step), `now_status` (the workflow status once
/// every event has happened) and per basis (`_e` effective, `_o` original): `dl_` the
/// deadline judged against, `cat_` the day-independent category, `rank_` its place in the
/// status order, `key_` the order within it, `dkey_` the deadline order's key. The
/// `task_tally` table counts tasks per lead agency and category for the agencies report,
/// kept by triggers; `meta.horizon` is raised by triggers.
enum Current {
  /// The day-independent categories, numbered in the status order's ranks except two that
  /// share a rank: the done tasks without a deadline (with the done on time) and the
  /// routine tasks done (with the routine ones open).
  enum Cat {
    static let openDated = 0, openUndated = 3, routine = 4, doneLate = 5, doneOnTime = 6, withdrawn = 7
    static let doneUndated = 8, routineDone = 9
  }

  /// The column suffix of a basis.
  static func suffix(_ basis: TimelinessBasis) -> String { basis == .effective ? "e" : "o" }

  static let bases: [TimelinessBasis] = [.effective, .original]

  /// The latest approved or partly approved extension's granted deadline for `task` (an SQL
  /// expression naming the task id), in `Judged`'s order: latest decision, then latest filed.
  static func extensionDate(_ task: String) -> String {
    """
    (SELECT CASE x.decision WHEN 'approved' THEN x.to_date WHEN 'partial' THEN x.granted_date END AS nd
      FROM extension x WHERE x.task_id = \(task) AND x.decision IN ('approved', 'partial') AND nd IS NOT NULL
      ORDER BY COALESCE(x.decided_on, '') DESC, x.seq DESC LIMIT 1)
    """
  }

  /// The generated columns, in dependency order (each may name those before it).
  static var generatedColumns: [(name: String, expression: String)] {
    var out: [(String, String)] = [(
      "now_status",
      """
      CASE WHEN status = 'done' AND completed_on IS NOT NULL THEN 'done'
        WHEN status IN ('withdrawn', 'not_started', 'in_progress', 'reported') THEN status
        WHEN reported_on IS NOT NULL THEN 'reported' ELSE 'in_progress' END
      """
    )]
    for basis in bases {
      let s = suffix(basis)
      let c = Cat.self
      out.append(("dl_\(s)", basis == .effective ? "COALESCE(ext_date, deadline_date)" : "deadline_date"))
      out.append((
        "cat_\(s)",
        """
        CASE WHEN now_status = 'withdrawn' THEN \(c.withdrawn)
          WHEN deadline_kind = 'routine' THEN CASE WHEN now_status = 'done' THEN \(c.routineDone) ELSE \(c.routine) END
          WHEN dl_\(s) IS NULL THEN CASE WHEN now_status = 'done' THEN \(c.doneUndated) ELSE \(c.openUndated) END
          WHEN now_status = 'done' THEN CASE WHEN completed_on <= dl_\(s) THEN \(c.doneOnTime) ELSE \(c.doneLate) END
          ELSE \(c.openDated) END
        """))
      out.append((
        "rank_\(s)",
        "CASE cat_\(s) WHEN \(c.doneUndated) THEN \(c.doneOnTime) WHEN \(c.routineDone) THEN \(c.routine) ELSE cat_\(s) END"))
      // Open dated tasks by deadline (the ISO text), done late ones by the days between
      // deadline and completion (most days late first); every other rank by id alone.
      out.append((
        "key_\(s)",
        """
        CASE cat_\(s) WHEN \(c.openDated) THEN dl_\(s)
          WHEN \(c.doneLate) THEN CAST(round(julianday(dl_\(s)) - julianday(completed_on)) AS INTEGER) ELSE 0 END
        """))
      // Undated tasks after every dated one: '~' sorts after any digit.
      out.append(("dkey_\(s)", "COALESCE(dl_\(s), '~')"))
    }
    return out
  }

  /// The indexes over the columns: the status order, the deadline order, per lead agency
  /// (the agencies report and lists of one agency), and the status order with the category
  /// and the deadline key (counts, and a task's place in either order, for status words,
  /// read from the index alone; it cannot give the order itself, as the category would
  /// come before the id).
  static var indexes: String {
    bases.map { b in
      let s = suffix(b)
      return """
        CREATE INDEX task_rank_\(s) ON task(rank_\(s), key_\(s));
        CREATE INDEX task_dkey_\(s) ON task(dkey_\(s));
        CREATE INDEX task_lead_\(s) ON task(lead, rank_\(s), key_\(s));
        CREATE INDEX task_cat_\(s) ON task(rank_\(s), key_\(s), cat_\(s), dkey_\(s));
        """
    }.joined(separator: "\n")
  }

  /// The tally's row for a task (`t` is `new` or `old` in a trigger, or `task`).
  static func tallyKey(_ t: String) -> String {
    "\(t).lead, \(t).cat_e, \(t).cat_o, \(t).ext_date IS NOT NULL"
  }

  /// The latest dated event of a task row (`t` as in `tallyKey`), '' when none.
  static func latestEvent(_ t: String) -> String {
    """
    max(COALESCE(\(t).completed_on, ''), COALESCE(\(t).reported_on, ''), COALESCE(\(t).withdrawn_on, ''),
      COALESCE(\(t).assigned_on, (SELECT m.date FROM meeting m WHERE m.ref = \(t).meeting), ''))
    """
  }

  static func raiseHorizon(_ value: String) -> String {
    "UPDATE meta SET value = max(value, \(value)) WHERE key = 'horizon';"
  }

  /// The triggers; those on `task` are set aside by a bulk import, which then calls
  /// `refill` for the rows it wrote.
  static var triggers: String {
    let add = "INSERT INTO task_tally (lead, cat_e, cat_o, extended, n) VALUES (\(tallyKey("new")), 1) ON CONFLICT DO UPDATE SET n = n + 1;"
    let remove = "UPDATE task_tally SET n = n - 1 WHERE (lead, cat_e, cat_o, extended) = (\(tallyKey("old")));"
    let ext = { (t: String) in
      "UPDATE task SET ext_date = \(extensionDate("\(t).task_id")) WHERE id = \(t).task_id AND ext_date IS NOT \(extensionDate("\(t).task_id"));"
    }
    return """
      CREATE TRIGGER task_now_insert AFTER INSERT ON task BEGIN
        \(add)
        \(raiseHorizon(latestEvent("new")))
      END;
      CREATE TRIGGER task_now_delete AFTER DELETE ON task BEGIN
        \(remove)
      END;
      CREATE TRIGGER task_now_update AFTER UPDATE OF lead, status, completed_on, reported_on, deadline_kind,
        deadline_date, ext_date ON task BEGIN
        \(remove)
        \(add)
      END;
      CREATE TRIGGER task_now_events AFTER UPDATE OF completed_on, reported_on, withdrawn_on, assigned_on, meeting ON task BEGIN
        \(raiseHorizon(latestEvent("new")))
      END;
      CREATE TRIGGER extension_now_insert AFTER INSERT ON extension BEGIN
        \(ext("new"))
        \(raiseHorizon("COALESCE(new.decided_on, '')"))
      END;
      CREATE TRIGGER extension_now_delete AFTER DELETE ON extension BEGIN
        \(ext("old"))
      END;
      CREATE TRIGGER extension_now_update AFTER UPDATE ON extension BEGIN
        \(ext("old"))
        \(ext("new"))
        \(raiseHorizon("COALESCE(new.decided_on, '')"))
      END;
      CREATE TRIGGER reassignment_now_insert AFTER INSERT ON reassignment BEGIN
        \(raiseHorizon("new.on_day"))
      END;
      CREATE TRIGGER reassignment_now_update AFTER UPDATE OF on_day ON reassignment BEGIN
        \(raiseHorizon("new.on_day"))
      END;
      CREATE TRIGGER meeting_now_insert AFTER INSERT ON meeting BEGIN
        \(raiseHorizon("CASE WHEN EXISTS (SELECT 1 FROM task WHERE meeting = new.ref AND assigned_on IS NULL) THEN new.date ELSE '' END"))
      END;
      CREATE TRIGGER meeting_now_update AFTER UPDATE OF date ON meeting BEGIN
        \(raiseHorizon("CASE WHEN EXISTS (SELECT 1 FROM task WHERE meeting = new.ref AND assigned_on IS NULL) THEN new.date ELSE '' END"))
      END;
      """
  }

  /// Migration v7: the columns, their indexes, the tally, the horizon and the triggers,
  /// filled from the rows already there.
  static func migrate(_ db: Database) throws {
    try db.execute(sql: "ALTER TABLE task ADD COLUMN ext_date TEXT")
    for (name, expression) in generatedColumns {
      try db.execute(sql: "ALTER TABLE task ADD COLUMN \(name) GENERATED ALWAYS AS (\(expression)) VIRTUAL")
    }
    try db.execute(
      sql: """
        CREATE TABLE task_tally (
          lead TEXT NOT NULL, cat_e INTEGER NOT NULL, cat_o INTEGER NOT NULL, extended INTEGER NOT NULL,
          n INTEGER NOT NULL, PRIMARY KEY (lead, cat_e, cat_o, extended)
        );
        INSERT INTO meta (key, value) VALUES ('horizon', '');
        """)
    try refill(db, where: "1", arguments: [])
    try db.execute(sql: indexes)
    try db.execute(sql: triggers)
  }

  /// Fills the columns, the tally and the horizon for rows written with the triggers on
  /// `task` set aside (a bulk import: new tasks only, their child rows already written).
  static func refill(_ db: Database, where clause: String, arguments: StatementArguments) throws {
    try db.execute(
      sql: """
        UPDATE task SET ext_date = \(extensionDate("task.id"))
        WHERE (\(clause)) AND id IN (SELECT task_id FROM extension WHERE decision IN ('approved', 'partial'))
        """, arguments: arguments)
    try db.execute(
      sql: """
        INSERT INTO task_tally (lead, cat_e, cat_o, extended, n)
        SELECT \(tallyKey("task")), COUNT(*) FROM task WHERE (\(clause)) GROUP BY 1, 2, 3, 4
        ON CONFLICT DO UPDATE SET n = n + excluded.n
        """, arguments: arguments)
    let tasks = "SELECT id FROM task WHERE (\(clause))"
    try db.execute(
      sql: raiseHorizon(
        """
        max(
          COALESCE((SELECT MAX(\(latestEvent("task"))) FROM task WHERE (\(clause))), ''),
          COALESCE((SELECT MAX(decided_on) FROM extension WHERE task_id IN (\(tasks))), ''),
          COALESCE((SELECT MAX(on_day) FROM reassignment WHERE task_id IN (\(tasks))), ''))
        """), arguments: arguments + arguments + arguments)
  }

  /// Whether reads as of `day` may use the columns: the file has them and every dated event
  /// happened by that day.
  static func applies(_ db: Database, asOf day: Day) throws -> Bool {
    guard let horizon = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'horizon'") else { return false }
    return horizon <= day.iso
  }

  /// A `WITH` clause defining `judged` from the columns, with every column `Judged.with`
  /// gives (so any clause written for it reads the same), plus `cat`, `rnk`, `skey` and
  /// `dkey`. It is a plain view of `task`, which SQLite folds into the query (even where
  /// the query names it several times), so conditions on these names reach the indexes. Only for days on or after the horizon.
  static func with(asOf: Day, rules: TimelinessRules) -> String {
    let a = "'" + asOf.iso + "'"
    let s = suffix(rules.basis)
    let j = Judged.Code.self
    return """
      WITH judged AS NOT MATERIALIZED (
        SELECT task.*, lead AS lead_at, now_status AS st, dl_\(s) AS dl, cat_\(s) AS cat, rank_\(s) AS rnk,
          key_\(s) AS skey, dkey_\(s) AS dkey, ext_date IS NOT NULL AS extended,
          CASE WHEN now_status = 'done' THEN completed_on END AS done_on,
          CASE cat_\(s) WHEN \(Cat.openDated) THEN CASE WHEN \(a) <= dl_\(s) THEN \(j.openInTime) ELSE \(j.overdue) END
            WHEN \(Cat.openUndated) THEN \(j.openNoDeadline) WHEN \(Cat.routine) THEN \(j.routine)
            WHEN \(Cat.routineDone) THEN \(j.routine)
            WHEN \(Cat.doneLate) THEN \(j.doneLate) WHEN \(Cat.doneOnTime) THEN \(j.doneOnTime)
            WHEN \(Cat.doneUndated) THEN \(j.doneNoDeadline) ELSE \(j.excluded) END AS timeliness,
          CAST(round(julianday(dl_\(s)) - julianday(\(a))) AS INTEGER) AS days_left
        FROM task
      )
      """
  }

  /// The SQL condition for a status word over `Current.with`, written on the indexed
  /// `rnk` and `skey` wherever it can be.
  static func status(_ sel: StatusSelector, asOf: Day, dueSoonDays: Int) -> String {
    let a = "'" + asOf.iso + "'"
    let c = Cat.self
    // Both columns, so the count reads the (rank, category) index alone.
    let open = "rnk IN (\(c.openDated), \(c.openUndated), \(c.routine)) AND cat IN (\(c.openDated), \(c.openUndated), \(c.routine))"
    switch sel {
    case .workflow(.done):
      return "rnk IN (\(c.routine), \(c.doneLate), \(c.doneOnTime))"
        + " AND cat IN (\(c.doneLate), \(c.doneOnTime), \(c.doneUndated), \(c.routineDone))"
    case .workflow(.withdrawn): return "rnk = \(c.withdrawn)"
    case .workflow(let w): return open + " AND st = '\(w.rawValue)'"
    case .open: return open
    case .overdue: return "rnk = \(c.openDated) AND skey < \(a)"
    case .dueSoon:
      return "rnk = \(c.openDated) AND skey >= \(a) AND skey <= '\(asOf.adding(days: dueSoonDays).iso)'"
    case .inTime: return "rnk = \(c.openDated) AND skey >= \(a)"
    case .onTime: return "rnk = \(c.doneOnTime) AND cat = \(c.doneOnTime)"
    case .late: return "rnk = \(c.doneLate)"
    case .noDeadline:
      return "rnk IN (\(c.openUndated), \(c.doneOnTime)) AND cat IN (\(c.openUndated), \(c.doneUndated))"
    case .routine: return "rnk = \(c.routine)"
    case .extended, .pendingExtension: return Judged.status(sel, asOf: asOf, dueSoonDays: dueSoonDays)
    }
  }
}

extension SQLiteStore {
  /// The latest dated event of any task (nil when there is none, or the file predates the
  /// current columns): reads of a day on or after it go through `Current`'s indexes.
  public func horizon() throws -> Day? {
    try read { db in
      try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'horizon'").flatMap(Day.init(iso:))
    }
  }
}
