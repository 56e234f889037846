/// A comparison in a filter such as `due<31/12/2023`.
public enum Comparison: String, Hashable, Sendable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case equal = "="

  func holds(_ a: Day, _ b: Day) -> Bool {
    switch self {
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    case .equal: return a == b
    }
  }
}

/// What `status:` can select: a stored workflow status or a derived timeliness.
public enum StatusSelector: Hashable, Sendable {
  /// A stored workflow status.
  case workflow(WorkflowStatus)
  /// Not done and not withdrawn.
  case open
  /// Open past the deadline.
  case overdue
  /// Open within the deadline, with few days left.
  case dueSoon
  /// Open within the deadline.
  case inTime
  /// Done on or before the deadline.
  case onTime
  /// Done after the deadline.
  case late
  /// Open or done without a deadline.
  case noDeadline
  /// Ongoing (thường xuyên).
  case routine
  /// With an approved extension in force.
  case extended
  /// With an extension request awaiting a decision.
  case pendingExtension
}

/// One condition of a filter; a task must satisfy every term.
public indirect enum FilterTerm: Hashable, Sendable {
  /// Folded tokens that must appear contiguously in one searchable field.
  case text([String], lastIsPrefix: Bool)
  /// Lead agency is one of these codes.
  case lead(Set<String>)
  /// One of these codes coordinates.
  case coordinating(Set<String>)
  /// Workflow status or timeliness is one of these.
  case status(Set<StatusSelector>)
  /// Owner is one of these person refs.
  case owner(Set<String>)
  /// Tracking officer is one of these person refs.
  case tracker(Set<String>)
  /// Owner or tracker is one of these person refs.
  case involves(Set<String>)
  /// Assigned by one of these meetings.
  case meeting(Set<String>)
  /// Has one of these tags (folded).
  case tag(Set<String>)
  /// Has one of these ids.
  case ids(Set<Int>)
  /// Is (or is not) a key task.
  case priority(Bool)
  /// Deadline (effective, as of the filter's day) compares with a day.
  case due(Comparison, Day)
  /// Has no dated deadline.
  case noDeadlineDate
  /// Completion day compares with a day.
  case completed(Comparison, Day)
  /// The opposite of a term.
  case not(FilterTerm)
  /// Every one of these terms.
  case all([FilterTerm])
  /// At least one of these terms.
  case any([FilterTerm])
  /// Matches nothing (e.g. `mine` when the user is not in the directory).
  case nothing
}

/// Everything a filter needs to know to evaluate a task.
public struct FilterContext: Sendable {
  /// The directory, for names.
  public var catalog: Catalog
  /// The day timeliness and `due:` words are judged on.
  public var asOf: Day
  /// Timeliness rules.
  public var rules: TimelinessRules
  /// The current user's person ref, for `me` and `mine`.
  public var me: String?
  /// Each agency's name fields as folded tokens, for matching phrases against agency names.
  public let agencyFields: [String: [[String]]]

  /// Creates a context.
  public init(catalog: Catalog, asOf: Day, rules: TimelinessRules = .standard, me: String? = nil) {
    self.catalog = catalog
    self.asOf = asOf
    self.rules = rules
    self.me = me
    agencyFields = SearchText.agencyFields(catalog)
  }

  /// The agencies whose names contain a phrase.
  public func agencies(matching phrase: [String], lastIsPrefix: Bool) -> Set<String> {
    SearchText.agencies(matching: phrase, lastIsPrefix: lastIsPrefix, fields: agencyFields)
  }
}

/// A parsed filter in the shared filter language; see `TaskFilter.parse`.
public struct TaskFilter: Hashable, Sendable {
  /// The conditions, all of which must hold.
  public var terms: [FilterTerm]
  /// The text it was parsed from (NFC, trimmed).
  public var source: String

  /// The filter that matches every task.
  public static let all = TaskFilter(terms: [], source: "")

  /// Creates a filter from terms.
  public init(terms: [FilterTerm], source: String) {
    self.terms = terms
    self.source = source
  }

  /// Whether the filter selects everything.
  public var isEmpty: Bool { terms.isEmpty }

  /// Whether a task satisfies every term; `searchTokens` gives the task's folded search
  /// tokens (fields separated by `SearchText.fieldSeparator`), computed only if needed.
  public func matches(
    _ task: FollowUpTask, context: FilterContext, searchTokens: () -> [String]
  ) -> Bool {
    var tokens: [String]?
    return matches(task, context: context, timeliness: nil) { phrase, prefix in
      let t = tokens ?? searchTokens()
      tokens = t
      return VietText.matchesPhrase(t, phrase, lastIsPrefix: prefix)
    }
  }

  /// Whether a task satisfies every term, with text terms decided by `text` (e.g. a
  /// stored search column) and an optional precomputed timeliness.
  public func matches(
    _ task: FollowUpTask, context: FilterContext, timeliness known: Timeliness?,
    text: (_ phrase: [String], _ lastIsPrefix: Bool) -> Bool
  ) -> Bool {
    // A task assigned after the as-of day does not exist yet, whatever the terms say.
    if !context.catalog.exists(task, asOf: context.asOf) { return false }
    var timeliness = known
    func t() -> Timeliness {
      if let timeliness { return timeliness }
      let v = context.rules.evaluate(task, asOf: context.asOf)
      timeliness = v
      return v
    }
    for term in terms where !TaskFilter.holds(term, task, context, t, text) {
      return false
    }
    return true
  }

  /// The text terms (phrases) of the filter, for callers that match them separately.
  public var textTerms: [(phrase: [String], lastIsPrefix: Bool)] {
    terms.compactMap {
      if case .text(let p, let prefix) = $0 { return (p, prefix) }
      return nil
    }
  }

  static func holds(
    _ term: FilterTerm, _ task: FollowUpTask, _ ctx: FilterContext,
    _ t: () -> Timeliness, _ text: ([String], Bool) -> Bool
  ) -> Bool {
    switch term {
    case .text(let phrase, let prefix):
      // The task's own text, or the name of one of its agencies.
      if text(phrase, prefix) { return true }
      return ([task.lead(asOf: ctx.asOf)] + task.coordinating).contains { code in
        (ctx.agencyFields[code] ?? []).contains { VietText.matchesPhrase($0, phrase, lastIsPrefix: prefix) }
      }
    case .lead(let codes): return codes.contains(task.lead(asOf: ctx.asOf))
    case .coordinating(let codes): return task.coordinating.contains { codes.contains($0) }
    case .status(let selectors):
      return selectors.contains { selector($0, task, ctx, t) }
    case .owner(let refs): return task.owner.map { refs.contains($0) } ?? false
    case .tracker(let refs): return task.tracker.map { refs.contains($0) } ?? false
    case .involves(let refs):
      return (task.owner.map { refs.contains($0) } ?? false)
        || (task.tracker.map { refs.contains($0) } ?? false)
    case .meeting(let refs): return task.meeting.map { refs.contains($0) } ?? false
    case .tag(let tags): return task.tags.contains { tags.contains(VietText.fold($0)) }
    case .ids(let ids): return ids.contains(task.id)
    case .priority(let p): return task.priority == p
    case .due(let cmp, let day):
      let dl = ctx.rules.basis == .effective
        ? task.effectiveDeadline(asOf: ctx.asOf) : task.deadline
      guard let d = dl.date else { return false }
      return cmp.holds(d, day)
    case .noDeadlineDate:
      let dl = ctx.rules.basis == .effective ? task.effectiveDeadline(asOf: ctx.asOf) : task.deadline
      return dl.date == nil
    case .completed(let cmp, let day):
      guard task.status(asOf: ctx.asOf) == .done, let d = task.completedOn else { return false }
      return cmp.holds(d, day)
    case .not(let inner): return !holds(inner, task, ctx, t, text)
    case .all(let inner): return inner.allSatisfy { holds($0, task, ctx, t, text) }
    case .any(let inner): return inner.contains { holds($0, task, ctx, t, text) }
    case .nothing: return false
    }
  }

  static func selector(
    _ s: StatusSelector, _ task: FollowUpTask, _ ctx: FilterContext, _ t: () -> Timeliness
  ) -> Bool {
    switch s {
    case .workflow(let w): return task.status(asOf: ctx.asOf) == w
    case .open:
      // Judged on the as-of day, like every other status word: a completion recorded later
      // does not count yet.
      return t().isOpen { task.isFinished(asOf: ctx.asOf) }
    case .overdue: return t().isOverdue
    case .dueSoon: return t().isDueSoon
    case .inTime:
      if case .openInTime = t() { return true }
      return false
    case .onTime:
      if case .doneOnTime = t() { return true }
      return false
    case .late:
      if case .doneLate = t() { return true }
      return false
    case .noDeadline:
      switch t() {
      case .openNoDeadline, .doneNoDeadline: return true
      default: return false
      }
    case .routine: return t() == .routine
    case .extended: return task.isExtended(asOf: ctx.asOf)
    case .pendingExtension:
      return task.extensions.contains { $0.isKnown(asOf: ctx.asOf) && $0.viewed(asOf: ctx.asOf).decision == .pending }
    }
  }
}
