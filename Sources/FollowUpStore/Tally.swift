import FollowUpCore
import GRDB

/// How a tally splits its counts.
public enum TallyGrouping: Equatable, Sendable {
  /// One count for the whole filter, under the key "".
  case whole
  /// One count per meeting, under the meeting's ref (tasks without a meeting left out).
  case meeting
}

extension TaskStore {
  /// Timeliness counts judged task by task in Swift: the rule every store's own tally must
  /// equal, and the way for a store that cannot group in its query language.
  public func tallyBySelecting(_ filter: TaskFilter, context: FilterContext, by grouping: TallyGrouping) throws
    -> [String: WorkloadCounts]
  {
    var out: [String: WorkloadCounts] = [:]
    for t in try select(filter, context: context, projection: .timing) {
      let key: String
      switch grouping {
      case .whole: key = ""
      case .meeting:
        guard let m = t.meeting else { continue }
        key = m
      }
      out[key, default: WorkloadCounts()].add(context.rules.evaluate(t, asOf: context.asOf), extended: false)
    }
    if grouping == .whole, out.isEmpty { out[""] = WorkloadCounts() }
    // A tally says how many, not how late: the largest days overdue is the report's.
    for key in out.keys { out[key]?.maxDaysOverdue = 0 }
    return out
  }
}

extension Judged {
  /// A judgement from the `judged` columns `timeliness` and `days_left`.
  static func timeliness(code: Int, daysLeft days: Int, dueSoonDays: Int) -> Timeliness {
    switch code {
    case Code.doneOnTime: return .doneOnTime(daysEarly: days)
    case Code.doneLate: return .doneLate(daysLate: -days)
    case Code.doneNoDeadline: return .doneNoDeadline
    case Code.openInTime: return .openInTime(daysLeft: days, dueSoon: days <= dueSoonDays)
    case Code.overdue: return .overdue(days: -days)
    case Code.openNoDeadline: return .openNoDeadline
    case Code.routine: return .routine
    default: return .excluded
    }
  }
}

extension SQLiteStore {
  /// Timeliness counts of the tasks matching a filter, grouped inside SQLite when the filter
  /// can be said there: one pass over the rows, however many there are.
  public func tally(_ filter: TaskFilter, context: FilterContext, by grouping: TallyGrouping) throws
    -> [String: WorkloadCounts]
  {
    let (sql, args, exact) = SQLFilter.clause(filter, context: context)
    guard exact else { return try tallyBySelecting(filter, context: context, by: grouping) }
    let current = try read { db in
      try !judgesEveryRow && Current.applies(db, asOf: context.asOf)
        ? try currentTally(db, filter, context: context, by: grouping) : nil
    }
    if let current { return current }
    let key = grouping == .meeting ? "meeting" : "''"
    let soon = context.rules.dueSoonDays
    // Days only matter for the due-soon split: grouping by that flag, not by the day, keeps
    // the groups few.
    let query = Judged.with(asOf: context.asOf, rules: context.rules) + """
       SELECT \(key) AS g, timeliness, CASE WHEN timeliness = \(Judged.Code.openInTime) AND days_left <= \(soon) THEN 0 ELSE \(soon + 1) END AS d,
        COUNT(*) FROM judged WHERE \(Judged.exists(asOf: context.asOf)) AND (\(sql))
        \(grouping == .meeting ? "AND meeting IS NOT NULL" : "") GROUP BY 1, 2, 3
      """
    var out: [String: WorkloadCounts] = [:]
    try read { db in
      let rows = try Row.fetchAll(db, sql: query, arguments: StatementArguments(args))
      for row in rows {
        let g: String = row[0] ?? ""
        let t = Judged.timeliness(code: row[1], daysLeft: row[2], dueSoonDays: soon)
        let n: Int = row[3]
        out[g, default: WorkloadCounts()].add(t, extended: false, times: n)
      }
    }
    if grouping == .whole, out.isEmpty { out[""] = WorkloadCounts() }
    return out
  }

  /// The tally on a day on or after the horizon. For the whole filter, one count per part
  /// of the status order, each a range of an index (the filter's own index when it is
  /// narrower); by meeting, one pass over the matching rows.
  func currentTally(_ db: Database, _ filter: TaskFilter, context: FilterContext, by grouping: TallyGrouping) throws
    -> [String: WorkloadCounts]
  {
    let (sql, args, _) = SQLFilter.clause(filter, context: context, current: true)
    let with = Current.with(asOf: context.asOf, rules: context.rules) + " "
    let a = "'\(context.asOf.iso)'", soon = "'\(context.asOf.adding(days: context.rules.dueSoonDays).iso)'"
    let c = Current.Cat.self
    let j = Judged.Code.self
    let days = context.rules.dueSoonDays
    // Each part with the judgement it counts as (the days only matter for due soon).
    let parts: [(String, Timeliness)] = [
      ("rnk = \(c.openDated) AND skey < \(a)", .overdue(days: 0)),
      ("rnk = \(c.openDated) AND skey >= \(a) AND skey <= \(soon)", .openInTime(daysLeft: 0, dueSoon: true)),
      ("rnk = \(c.openDated) AND skey > \(soon)", .openInTime(daysLeft: days + 1, dueSoon: false)),
      ("rnk = \(c.openUndated)", .openNoDeadline), ("rnk = \(c.routine)", .routine),
      ("rnk = \(c.doneLate)", .doneLate(daysLate: 1)), ("rnk = \(c.doneOnTime) AND cat = \(c.doneOnTime)", .doneOnTime(daysEarly: 0)),
      ("rnk = \(c.doneOnTime) AND cat = \(c.doneUndated)", .doneNoDeadline), ("rnk = \(c.withdrawn)", .excluded),
    ]
    var out: [String: WorkloadCounts] = [:]
    switch grouping {
    case .whole:
      let counts = parts.map { "(SELECT COUNT(*) FROM judged WHERE (\(sql)) AND \($0.0))" }.joined(separator: ", ")
      let row = try Row.fetchOne(
        db, sql: with + "SELECT " + counts, arguments: StatementArguments(Array(repeating: args, count: parts.count).flatMap { $0 }))
      var x = WorkloadCounts()
      for (i, part) in parts.enumerated() { x.add(part.1, extended: false, times: row?[i] ?? 0) }
      out[""] = x
    case .meeting:
      let query = with + """
        SELECT meeting, timeliness, CASE WHEN timeliness = \(j.openInTime) AND skey <= \(soon) THEN 0 ELSE \(days + 1) END,
          COUNT(*) FROM judged WHERE (\(sql)) AND meeting IS NOT NULL GROUP BY 1, 2, 3
        """
      for row in try Row.fetchAll(db, sql: query, arguments: StatementArguments(args)) {
        let t = Judged.timeliness(code: row[1], daysLeft: row[2], dueSoonDays: days)
        out[row[0] ?? "", default: WorkloadCounts()].add(t, extended: false, times: row[3])
      }
    }
    return out
  }
}
