import FollowUpCore
import GRDB

extension SQLiteStore {
  /// A page of the filtered list in an order, found in SQL: the total and the page are
  /// counted and cut by SQLite in the order's own terms (the same keys as
  /// `TaskOrder.key`), and only the page's rows are loaded. A filter SQL cannot say exactly
  /// (tags, say) is judged in memory instead, over its SQL-narrowed candidates.
  public func window(_ request: WindowRequest, context: FilterContext) throws -> TaskWindow {
    let (sql, args, exact) = SQLFilter.clause(request.filter, context: context)
    guard exact else { return try windowBySorting(request, context: context) }
    let current = try read { db in
      try !judgesEveryRow && Current.applies(db, asOf: context.asOf) ? try currentWindow(db, request, context) : nil
    }
    if let current { return current }
    let limit = max(0, request.limit)
    let order = WindowSQL.order(request.order, context: context)
    let judged = Judged.with(asOf: context.asOf, rules: context.rules)
    let ranked = judged
      + ", ranked AS (SELECT id, \(order.keys) FROM judged WHERE \(Judged.exists(asOf: context.asOf)) AND (\(sql)))"
    return try read { db in
      let arguments = StatementArguments(order.args + args)
      let total = try Int.fetchOne(db, sql: ranked + " SELECT COUNT(*) FROM ranked", arguments: arguments) ?? 0
      // Where the task stands: how many rows sort before its key.
      let at = try request.around.flatMap { id in
        try Int.fetchOne(
          db,
          sql: ranked + " SELECT (SELECT COUNT(*) FROM ranked r WHERE (r.k1, r.k2, r.k3, r.id) < (t.k1, t.k2, t.k3, t.id)) FROM ranked t WHERE t.id = ?",
          arguments: arguments + [id])
      }
      let offset = request.offset(placing: at, total: total)
      let ids = try Int.fetchAll(
        db, sql: ranked + " SELECT id FROM ranked ORDER BY k1, k2, k3, id LIMIT ? OFFSET ?",
        arguments: arguments + [limit, offset])
      return TaskWindow(rows: try Rows.listed(db, orderedIDs: ids), offset: offset, total: total)
    }
  }
}

extension SQLiteStore {
  /// The window on a day on or after the horizon, over `Current.with`: the count, the
  /// task's place and the page each walk an index in the order's own keys.
  func currentWindow(_ db: Database, _ request: WindowRequest, _ context: FilterContext) throws -> TaskWindow {
    let (sql, args, _) = SQLFilter.clause(request.filter, context: context, current: true)
    let with = Current.with(asOf: context.asOf, rules: context.rules) + " "
    let limit = max(0, request.limit)
    let (keys, keyArgs) = WindowSQL.currentKeys(request.order, context: context)
    let list = keys.joined(separator: ", ")
    let total = try Int.fetchOne(
      db, sql: with + "SELECT COUNT(*) FROM judged WHERE (\(sql))", arguments: StatementArguments(args)) ?? 0
    var at: Int?
    if let id = request.around,
      let own = try Row.fetchOne(
        db, sql: with + "SELECT \(list) FROM judged WHERE id = ? AND (\(sql))",
        arguments: StatementArguments(keyArgs + [id] + args))
    {
      // Where the task stands: how many rows sort before its keys, counted key by key (rows
      // equal on the keys before and less on this one), each count a plain range of an
      // index; SQLite does not turn a row-value comparison beside a list of ranks into one.
      let values = Array(own.databaseValues)
      var parts: [String] = []
      var ordered: [DatabaseValueConvertible?] = []
      for i in keys.indices {
        let terms = (0...i).map { j in "(\(keys[j])) \(j == i ? "<" : "=") ?" }
        parts.append("(SELECT COUNT(*) FROM judged WHERE (\(sql)) AND \(terms.joined(separator: " AND ")))")
        ordered += args
        for j in 0...i { ordered += (j == 0 ? keyArgs : []) + [values[j]] }
      }
      at = try Int.fetchOne(
        db, sql: with + "SELECT " + parts.joined(separator: " + "), arguments: StatementArguments(ordered)) ?? 0
    }
    let offset = request.offset(placing: at, total: total)
    let ids = try Int.fetchAll(
      db, sql: with + "SELECT id FROM judged WHERE (\(sql)) ORDER BY \(list) LIMIT ? OFFSET ?",
      arguments: StatementArguments(args + keyArgs + [limit, offset]))
    return TaskWindow(rows: try Rows.listed(db, orderedIDs: ids), offset: offset, total: total)
  }
}

/// The sort orders as SQL over `judged`: three key columns `k1`, `k2`, `k3` then the id,
/// the same comparison as `TaskOrder.key`.
enum WindowSQL {
  /// The sort keys over `Current.with`, the last one the id: the status and deadline
  /// orders are the orders of their indexes.
  static func currentKeys(_ order: TaskOrder, context: FilterContext) -> (keys: [String], args: [DatabaseValueConvertible?]) {
    switch order {
    case .id: return (["id"], [])
    case .deadline: return (["dkey", "id"], [])
    case .status: return (["rnk", "skey", "id"], [])
    case .agency:
      let codes = context.catalog.agenciesInOrder.map(\.code)
      let ranks = codes.isEmpty
        ? "\(Int.max)"
        : "CASE lead " + codes.indices.map { "WHEN ? THEN \($0) " }.joined() + "ELSE \(Int.max) END"
      return ([ranks, "dkey", "id"], codes)
    }
  }

  static func order(_ order: TaskOrder, context: FilterContext) -> (keys: String, args: [DatabaseValueConvertible?]) {
    // An undated task sorts after every dated one (Int.max in the Swift key).
    let deadline = "CASE WHEN dl IS NULL THEN 1 ELSE 0 END AS k1, COALESCE(dl, '') AS k2"
    switch order {
    case .id:
      return ("0 AS k1, 0 AS k2, 0 AS k3", [])
    case .deadline:
      return (deadline + ", 0 AS k3", [])
    case .agency:
      let codes = context.catalog.agenciesInOrder.map(\.code)
      let ranks = codes.isEmpty
        ? "\(Int.max)"
        : "CASE lead " + codes.indices.map { "WHEN ? THEN \($0) " }.joined() + "ELSE \(Int.max) END"
      return ("\(ranks) AS k1, CASE WHEN dl IS NULL THEN 1 ELSE 0 END AS k2, COALESCE(dl, '') AS k3", codes)
    case .status:
      // TaskOrder.urgency: overdue by most days, due soon, in time, no deadline, routine,
      // done late by most days, done, withdrawn.
      let c = Judged.Code.self
      let soon = context.rules.dueSoonDays
      return (
        """
        CASE timeliness WHEN \(c.overdue) THEN 0
          WHEN \(c.openInTime) THEN CASE WHEN days_left <= \(soon) THEN 1 ELSE 2 END
          WHEN \(c.openNoDeadline) THEN 3 WHEN \(c.routine) THEN 4 WHEN \(c.doneLate) THEN 5
          WHEN \(c.doneOnTime) THEN 6 WHEN \(c.doneNoDeadline) THEN 6 ELSE 7 END AS k1,
        CASE WHEN timeliness IN (\(c.overdue), \(c.openInTime)) THEN days_left
          WHEN timeliness = \(c.doneLate) THEN CAST(round(julianday(dl) - julianday(done_on)) AS INTEGER)
          ELSE 0 END AS k2,
        0 AS k3
        """, [])
    }
  }
}
