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

  /// Creates an extension record.
  public init(
    requestedOn: Day? = nil, from: Deadline? = nil, to: Deadline, reason: String = "",
    decision: ExtensionDecision = .pending, decidedOn: Day? = nil, document: String = ""
  ) {
    self.requestedOn = requestedOn
    self.from = from
    self.to = to
    self.reason = reason
    self.decision = decision
    self.decidedOn = decidedOn
    self.document = document
  }

  /// Whether this extension moves the deadline for reports as of `asOf`.
  public func isInForce(asOf: Day) -> Bool {
    guard decision == .approved, to.date != nil else { return false }
    guard let decided = decidedOn else { return true }
    return decided <= asOf
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
  /// Incremented on every stored change; an edit based on an older version is refused.
  public var version: Int

  /// Creates a task.
  public init(
    id: Int = 0, ref: String? = nil, meeting: String? = nil, item: String = "",
    content: String, lead: String, coordinating: [String] = [], owner: String? = nil,
    tracker: String? = nil, deadline: Deadline = .none, product: String = "",
    priority: Bool = false, tags: [String] = [], status: WorkflowStatus = .notStarted,
    completedOn: Day? = nil, result: String = "", extensions: [DeadlineExtension] = [],
    notes: [ProgressNote] = [], assignedOn: Day? = nil, version: Int = 0
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

  /// The deadline reports use as of a day: the latest approved extension decided by then.
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
    if let b = best { return extensions[b.index].to }
    return deadline
  }

  /// Whether an approved extension is in force as of a day.
  public func isExtended(asOf: Day) -> Bool {
    extensions.contains { $0.isInForce(asOf: asOf) }
  }

  /// Whether the task is finished as of a day: withdrawn, or done by then. A routine task
  /// stays `.routine` in reports when done, so this, not `Timeliness`, says it is closed.
  public func isFinished(asOf: Day) -> Bool {
    status == .withdrawn || (status == .done && (completedOn.map { $0 <= asOf } ?? true))
  }
}
