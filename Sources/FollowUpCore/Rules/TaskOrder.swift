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

  /// The next order in the cycle the interface's `s` key walks through.
  public var next: TaskOrder {
    let all = TaskOrder.allCases
    let i = all.firstIndex(of: self) ?? 0
    return all[(i + 1) % all.count]
  }

  /// Sorts tasks; `timeliness` gives each task's timeliness (usually precomputed).
  public func sort(
    _ tasks: inout [FollowUpTask], catalog: Catalog, asOf: Day,
    timeliness: (FollowUpTask) -> Timeliness
  ) {
    switch self {
    case .id:
      tasks.sort { $0.id < $1.id }
    case .deadline:
      let keys = Dictionary(
        tasks.map { ($0.id, $0.effectiveDeadline(asOf: asOf).date?.ordinal ?? Int.max) },
        uniquingKeysWith: { a, _ in a })
      tasks.sort { (keys[$0.id] ?? Int.max, $0.id) < (keys[$1.id] ?? Int.max, $1.id) }
    case .agency:
      let orders = Dictionary(
        catalog.agenciesInOrder.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
      tasks.sort { a, b in
        let x = orders[a.lead] ?? Int.max, y = orders[b.lead] ?? Int.max
        if x != y { return x < y }
        let dx = a.effectiveDeadline(asOf: asOf).date?.ordinal ?? Int.max
        let dy = b.effectiveDeadline(asOf: asOf).date?.ordinal ?? Int.max
        return (dx, a.id) < (dy, b.id)
      }
    case .status:
      let keys = Dictionary(
        tasks.map { ($0.id, TaskOrder.urgency(timeliness($0))) }, uniquingKeysWith: { a, _ in a })
      tasks.sort { a, b in
        let x = keys[a.id] ?? (9, 0), y = keys[b.id] ?? (9, 0)
        return (x.0, x.1, a.id) < (y.0, y.1, b.id)
      }
    }
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
