/// Which deadline reports judge a task against.
public enum TimelinessBasis: String, Sendable, Codable, CaseIterable {
  /// The deadline after approved extensions decided by the as-of date (default).
  case effective
  /// The deadline first assigned, ignoring extensions.
  case original
}

/// Where a task stands on an as-of date, derived and never stored (DOMAIN §2.4).
public enum Timeliness: Hashable, Sendable {
  /// Hoàn thành đúng hạn, with the days to spare.
  case doneOnTime(daysEarly: Int)
  /// Hoàn thành quá hạn, with the days late.
  case doneLate(daysLate: Int)
  /// Hoàn thành, không thời hạn.
  case doneNoDeadline
  /// Đang thực hiện trong hạn, with the days left and whether it is due soon.
  case openInTime(daysLeft: Int, dueSoon: Bool)
  /// Quá hạn chưa hoàn thành, with the days overdue.
  case overdue(days: Int)
  /// Chưa hoàn thành, không thời hạn.
  case openNoDeadline
  /// Thường xuyên: ongoing, never judged.
  case routine
  /// Withdrawn: outside the report's totals.
  case excluded

  /// The interchange code (`done_on_time`, `overdue`, …).
  public var code: String {
    switch self {
    case .doneOnTime: return "done_on_time"
    case .doneLate: return "done_late"
    case .doneNoDeadline: return "done_no_deadline"
    case .openInTime: return "open_in_time"
    case .overdue: return "overdue"
    case .openNoDeadline: return "open_no_deadline"
    case .routine: return "routine"
    case .excluded: return "excluded"
    }
  }

  /// Whether the task counts as completed.
  public var isDone: Bool {
    switch self {
    case .doneOnTime, .doneLate, .doneNoDeadline: return true
    default: return false
    }
  }

  /// Whether the task is still to be done (`status:open`, the interface's open-only list).
  /// A routine task is judged `.routine` whether or not it is done, so for it `finished`
  /// (`FollowUpTask.isFinished`) decides; it is asked only then, so callers can skip
  /// fetching the task for every other one.
  public func isOpen(finished: () -> Bool) -> Bool {
    switch self {
    case .routine: return !finished()
    case .excluded: return false
    default: return !isDone
    }
  }

  /// Whether the task is open and within its deadline but close to it.
  public var isDueSoon: Bool {
    if case .openInTime(_, true) = self { return true }
    return false
  }

  /// Whether the task is open past its deadline.
  public var isOverdue: Bool {
    if case .overdue = self { return true }
    return false
  }
}

/// The settings that shape timeliness: the basis and how many days count as "due soon".
public struct TimelinessRules: Hashable, Sendable {
  /// Effective (after extensions) or original deadline.
  public var basis: TimelinessBasis
  /// An open task with this many days left or fewer is due soon (default 7).
  public var dueSoonDays: Int

  /// Creates rules.
  public init(basis: TimelinessBasis = .effective, dueSoonDays: Int = 7) {
    self.basis = basis
    self.dueSoonDays = dueSoonDays
  }

  /// The default rules: effective deadline, due soon within 7 days.
  public static let standard = TimelinessRules()

  /// Derives a task's timeliness on a day.
  ///
  /// Completions, withdrawals and approvals dated after `asOf` are ignored
  /// (`FollowUpTask.status(asOf:)`), so a report for a past day shows what was known then.
  /// Whether the task had been assigned by then is the caller's question
  /// (`Catalog.exists(_:asOf:)`): it needs the meeting's day.
  public func evaluate(_ task: FollowUpTask, asOf: Day) -> Timeliness {
    let status = task.status(asOf: asOf)
    if status == .withdrawn { return .excluded }
    if task.deadline.kind == .routine { return .routine }
    let done: Day? = status == .done ? task.completedOn : nil
    let dl = basis == .effective ? task.effectiveDeadline(asOf: asOf) : task.deadline
    guard let deadline = dl.date, dl.kind != .routine else {
      return done == nil ? .openNoDeadline : .doneNoDeadline
    }
    if let done {
      return done <= deadline
        ? .doneOnTime(daysEarly: done.days(until: deadline))
        : .doneLate(daysLate: deadline.days(until: done))
    }
    if asOf <= deadline {
      let left = asOf.days(until: deadline)
      return .openInTime(daysLeft: left, dueSoon: left <= dueSoonDays)
    }
    return .overdue(days: deadline.days(until: asOf))
  }
}
