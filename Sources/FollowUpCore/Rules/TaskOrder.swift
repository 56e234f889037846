/// Where a task sits in a sort order: compared field by field, then by id.
public struct SortKey: Comparable, Hashable, Sendable {
  /// The first field compared.
  public var a: Int
  /// The second field compared.
  public var b: Int
  /// The third field compared.
  public var c: Int
  /// The task id, the last tie-breaker.
  public var id: Int

  public static func < (x: SortKey, y: SortKey) -> Bool {
    (x.a, x.b, x.c, x.id) < (y.a, y.b, y.c, y.id)
  }
}

/// The orders a task list can be sorted in.
public enum TaskOrder: String, Sendable, CaseIterable, Codable {
  /// Effective deadline first (undated last), then id.
  case deadline
  /// Lead agency in protocol order, then deadline.
  case agency
  /// Most urgent first: overdue, due soon, in time, no deadline, routine, done, withdrawn.
  case status
  /// Task number.
  case id

  /// A task's position in this order, as a comparable key (ties broken by id).
  ///
  /// Keys let a list keep its order when a few tasks change: each is moved by a binary
  /// search instead of sorting every task again.
  public func key(
    _ t: FollowUpTask, timeliness: Timeliness, asOf: Day, basis: TimelinessBasis, agencyRank: [String: Int]
  ) -> SortKey {
    let deadline = (basis == .effective ? t.effectiveDeadline(asOf: asOf) : t.deadline).date?.ordinal ?? Int.max
    switch self {
    case .id: return SortKey(a: t.id, b: 0, c: 0, id: t.id)
    case .deadline: return SortKey(a: deadline, b: 0, c: 0, id: t.id)
    case .agency: return SortKey(a: agencyRank[t.lead] ?? Int.max, b: deadline, c: 0, id: t.id)
    case .status:
      let u = TaskOrder.urgency(timeliness)
      return SortKey(a: u.0, b: u.1, c: 0, id: t.id)
    }
  }

  /// Sorts tasks; `timeliness` gives each task's timeliness (usually precomputed).
  public func sort(
    _ tasks: inout [FollowUpTask], catalog: Catalog, asOf: Day,
    timeliness: (FollowUpTask) -> Timeliness, basis: TimelinessBasis = .effective
  ) {
    let rank = TaskOrder.agencyRanks(catalog)
    let keyed = tasks.map { (key($0, timeliness: timeliness($0), asOf: asOf, basis: basis, agencyRank: rank), $0) }
    tasks = keyed.sorted { $0.0 < $1.0 }.map(\.1)
  }

  /// Each agency's place in protocol order.
  public static func agencyRanks(_ catalog: Catalog) -> [String: Int] {
    Dictionary(catalog.agenciesInOrder.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// Rank and tie-break for the urgency order (more overdue first, fewer days left first).
  static func urgency(_ t: Timeliness) -> (Int, Int) {
    switch t {
    case .overdue(let d): return (0, -d)
    case .openInTime(let d, true): return (1, d)
    case .openInTime(let d, false): return (2, d)
    case .openNoDeadline: return (3, 0)
    case .routine: return (4, 0)
    case .doneLate(let d): return (5, -d)
    case .doneOnTime, .doneNoDeadline: return (6, 0)
    case .excluded: return (7, 0)
    }
  }
}
