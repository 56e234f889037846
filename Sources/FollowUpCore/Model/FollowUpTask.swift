import Foundation

/// A request to move a task's deadline (gia hạn), and what was decided.
public struct DeadlineExtension: Hashable, Sendable {
  /// When the agency asked.
  public var requestedOn: Day?
  /// The deadline in force when asked.
  public var from: Deadline?
  /// The deadline asked for (and granted, when approved).
  public var to: Deadline
  /// Why (lý do).
  public var reason: String
  /// The decision.
  public var decision: ExtensionDecision
  /// When it was decided; an approval counts only from this day.
  public var decidedOn: Day?
  /// The decision document, e.g. `5537/VPCP-KGVX`.
  public var document: String
  /// The deadline granted by a partial approval (chấp thuận một phần); nil otherwise.
  public var granted: Deadline?

  /// Creates an extension record.
  public init(
    requestedOn: Day? = nil, from: Deadline? = nil, to: Deadline, reason: String = "",
    decision: ExtensionDecision = .pending, decidedOn: Day? = nil, document: String = "",
    granted: Deadline? = nil
  ) {
    self.requestedOn = requestedOn
    self.from = from
    self.to = to
    self.reason = reason
    self.decision = decision
    self.decidedOn = decidedOn
    self.document = document
    self.granted = granted
  }

  /// The deadline the decision sets: the one asked for when approved, the one granted when
  /// partly approved, none otherwise.
  public var decidedDeadline: Deadline? {
    switch decision {
    case .approved: return to
    case .partial: return granted
    case .pending, .rejected: return nil
    }
  }

  /// Whether this extension moves the deadline for reports as of `asOf`: an approval counts
  /// from its decision day (older files without one count it from the start).
  public func isInForce(asOf: Day) -> Bool {
    guard let d = decidedDeadline, d.date != nil else { return false }
    guard let decided = decidedOn else { return true }
    return decided <= asOf
  }

  /// Whether the request was known by `asOf`: filed (or, without a request day, decided) by
  /// then. A request with neither day is always known.
  public func isKnown(asOf: Day) -> Bool {
    if let r = requestedOn { return r <= asOf }
    if let d = decidedOn { return d <= asOf }
    return true
  }

  /// The request as it stood on `asOf`: a decision taken later is still pending then.
  public func viewed(asOf: Day) -> DeadlineExtension {
    guard decision != .pending, let d = decidedOn, d > asOf else { return self }
    var e = self
    e.decision = .pending
    e.decidedOn = nil
    e.document = ""
    e.granted = nil
    return e
  }

  /// Whether the request was filed after the deadline it asks to move had passed (đề nghị
  /// khi đã quá hạn).
  public var isLateRequest: Bool {
    guard let asked = requestedOn, let was = from?.date else { return false }
    return asked > was
  }
}

/// A transfer of the task to another lead agency (giao lại / chuyển cơ quan chủ trì): the
/// task counts for `from` until the day before `on`, for `to` from `on`.
public struct Reassignment: Hashable, Sendable {
  /// The lead agency before.
  public var from: String
  /// The lead agency from `on`.
  public var to: String
  /// The day the new agency takes over.
  public var on: Day
  /// The document that decided it.
  public var document: String

  /// Creates a reassignment.
  public init(from: String, to: String, on: Day, document: String = "") {
    self.from = from
    self.to = to
    self.on = on
    self.document = document
  }
}

/// Why and when a task left the list (rút khỏi danh mục, or gộp vào another task).
public struct Withdrawal: Hashable, Sendable {
  /// The first day it no longer counts; nil in older files (then it never counted).
  public var on: Day?
  /// Lý do.
  public var reason: String
  /// The document that decided it.
  public var document: String
  /// The task it was merged into (gộp vào), by id; nil for a plain withdrawal.
  public var mergedInto: Int?

  /// Creates a withdrawal record.
  public init(on: Day?, reason: String = "", document: String = "", mergedInto: Int? = nil) {
    self.on = on
    self.reason = reason
    self.document = document
    self.mergedInto = mergedInto
  }
}

/// A reminder sent to the agency (đôn đốc): evidence in reviews.
public struct Reminder: Hashable, Sendable {
  /// The day it was sent.
  public var on: Day
  /// The reminder letter's number, if any.
  public var document: String
  /// How it was sent.
  public var channel: ReminderChannel
  /// Free note.
  public var note: String

  /// Creates a reminder.
  public init(on: Day, document: String = "", channel: ReminderChannel = .letter, note: String = "") {
    self.on = on
    self.document = document
    self.channel = channel
    self.note = note
  }
}

/// A dated progress report on a task (cập nhật tiến độ).
public struct ProgressNote: Hashable, Sendable {
  /// The day the progress was reported.
  public var on: Day
  /// What was reported.
  public var text: String
  /// Who reported it: a person ref or a user name.
  public var by: String

  /// Creates a note.
  public init(on: Day, text: String, by: String = "") {
    self.on = on
    self.text = text
    self.by = by
  }
}

/// A task (nhiệm vụ) assigned by a meeting's conclusions.
public struct FollowUpTask: Hashable, Sendable, Identifiable {
  /// Small stable number, never reused; 0 until stored.
  public var id: Int
  /// External reference from the source data, e.g. `T3`.
  public var ref: String?
  /// The meeting that assigned it.
  public var meeting: String?
  /// Item number in the conclusions (mục), e.g. `3` or `2.b`.
  public var item: String
  /// What must be done, as written.
  public var content: String
  /// Lead agency code (exactly one).
  public var lead: String
  /// Coordinating agency codes.
  public var coordinating: [String]
  /// Focal person ref.
  public var owner: String?
  /// Tracking officer ref (in the assigning office).
  public var tracker: String?
  /// The deadline as written, with kind and end date.
  public var deadline: Deadline
  /// Required product (sản phẩm), e.g. `Tờ trình và dự thảo Quy định`.
  public var product: String
  /// Key task (nhiệm vụ trọng tâm).
  public var priority: Bool
  /// Free tags, e.g. `khẩn`.
  public var tags: [String]
  /// Workflow status.
  public var status: WorkflowStatus
  /// Completion day, set with `done`.
  public var completedOn: Day?
  /// Result text (kết quả), e.g. the delivering document.
  public var result: String
  /// Deadline extension requests, oldest first.
  public var extensions: [DeadlineExtension]
  /// Progress notes, oldest first.
  public var notes: [ProgressNote]
  /// The day it was assigned (the meeting's day unless given).
  public var assignedOn: Day?
  /// Changes of lead agency, oldest first; `lead` is the lead after the last one.
  public var reassignments: [Reassignment]
  /// Set when the task was withdrawn or merged (status `withdrawn`).
  public var withdrawal: Withdrawal?
  /// Reminders sent, oldest first.
  public var reminders: [Reminder]
  /// The day the agency reported completion (đã báo cáo), kept after acceptance.
  public var reportedOn: Day?
  /// Incremented on every stored change; an edit based on an older version is refused.
  public var version: Int

  /// Creates a task.
  public init(
    id: Int = 0, ref: String? = nil, meeting: String? = nil, item: String = "",
    content: String, lead: String, coordinating: [String] = [], owner: String? = nil,
    tracker: String? = nil, deadline: Deadline = .none, product: String = "",
    priority: Bool = false, tags: [String] = [], status: WorkflowStatus = .notStarted,
    completedOn: Day? = nil, result: String = "", extensions: [DeadlineExtension] = [],
    notes: [ProgressNote] = [], assignedOn: Day? = nil, reassignments: [Reassignment] = [],
    withdrawal: Withdrawal? = nil, reminders: [Reminder] = [], reportedOn: Day? = nil, version: Int = 0
  ) {
    self.id = id
    self.ref = ref
    self.meeting = meeting
    self.item = item
    self.content = content
    self.lead = lead
    self.coordinating = coordinating
    self.owner = owner
    self.tracker = tracker
    self.deadline = deadline
    self.product = product
    self.priority = priority
    self.tags = tags
    self.status = status
    self.completedOn = completedOn
    self.result = result
    self.extensions = extensions
    self.notes = notes
    self.assignedOn = assignedOn
    self.reassignments = reassignments
    self.withdrawal = withdrawal
    self.reminders = reminders
    self.reportedOn = reportedOn
    self.version = version
  }

  /// Tags as stored: without the `#` people write in front of them (`#khẩn` is the tag
  /// `khẩn`, which the filter `#khẩn` finds), without blanks, each once by folded key.
  public static func cleanTags(_ tags: [String]) -> [String] {
    var out: [String] = []
    var seen: Set<String> = []
    for tag in tags {
      let bare = String(tag.drop { $0 == "#" || $0.isWhitespace }).trimmingCharacters(in: .whitespaces)
      if bare.isEmpty || !seen.insert(VietText.fold(bare)).inserted { continue }
      out.append(bare)
    }
    return out
  }

  /// The deadline reports use as of a day: the latest approved (or partly approved)
  /// extension decided by then.
  public func effectiveDeadline(asOf: Day) -> Deadline {
    var best: (decided: Day?, index: Int)? = nil
    for (i, e) in extensions.enumerated() where e.isInForce(asOf: asOf) {
      if let b = best {
        let later = (e.decidedOn ?? Day(ordinal: Int.min)) >= (b.decided ?? Day(ordinal: Int.min))
        if later { best = (e.decidedOn, i) }
      } else {
        best = (e.decidedOn, i)
      }
    }
    if let b = best, let d = extensions[b.index].decidedDeadline { return d }
    return deadline
  }

  /// Whether an approved extension is in force as of a day.
  public func isExtended(asOf: Day) -> Bool {
    extensions.contains { $0.isInForce(asOf: asOf) }
  }

  /// Whether the task was done on time as of a day only thanks to an extension: on time
  /// against the effective deadline, late against the original (đúng hạn sau gia hạn).
  public func isOnTimeOnlyAfterExtension(asOf: Day) -> Bool {
    guard status(asOf: asOf) == .done, let done = completedOn,
      let eff = effectiveDeadline(asOf: asOf).date, let orig = deadline.date
    else { return false }
    return done <= eff && done > orig
  }

  /// Whether the task is finished as of a day: withdrawn, or done by then. A routine task
  /// stays `.routine` in reports when done, so this, not `Timeliness`, says it is closed.
  public func isFinished(asOf: Day) -> Bool {
    let s = status(asOf: asOf)
    return s == .withdrawn || s == .done
  }

  /// The workflow status as it stood at the end of a day.
  ///
  /// Only the dated steps can be undone: a completion after the day leaves the task reported
  /// (if reported by then) or in progress; a withdrawal dated after the day leaves it the
  /// same way. A status with no date (not started, in progress) is taken as it is.
  public func status(asOf: Day) -> WorkflowStatus {
    switch status {
    case .done:
      if let c = completedOn, c <= asOf { return .done }
    case .withdrawn:
      guard let on = withdrawal?.on, on > asOf else { return .withdrawn }
    case .reported:
      if let r = reportedOn, r > asOf { return .inProgress }
      return .reported
    case .notStarted, .inProgress:
      return status
    }
    if let r = reportedOn, r <= asOf { return .reported }
    return .inProgress
  }

  /// The lead agency on a day: before a reassignment's day, the agency it moved from.
  public func lead(asOf: Day) -> String {
    // The earliest reassignment still to come (the first listed among equal days).
    var next: Reassignment?
    for r in reassignments where r.on > asOf && (next.map { r.on < $0.on } ?? true) { next = r }
    return next?.from ?? lead
  }

  /// The task as it stood at the end of a day: status, lead, completion, extensions and
  /// their decisions, notes and reminders as known then. Every read for an as-of day judges
  /// this view, so a report for a past day comes out the same whenever it is made.
  public func viewed(asOf day: Day) -> FollowUpTask {
    var t = self
    t.status = status(asOf: day)
    t.lead = lead(asOf: day)
    if t.status != .done { t.completedOn = nil }
    if t.status != .withdrawn { t.withdrawal = nil }
    if let r = t.reportedOn, r > day { t.reportedOn = nil }
    t.reassignments.removeAll { $0.on > day }
    t.extensions = extensions.filter { $0.isKnown(asOf: day) }.map { $0.viewed(asOf: day) }
    t.notes.removeAll { $0.on > day }
    t.reminders.removeAll { $0.on > day }
    return t
  }

  /// The last reminder sent by a day, if any.
  public func lastReminder(asOf: Day) -> Reminder? {
    reminders.filter { $0.on <= asOf }.max { $0.on < $1.on }
  }
}
