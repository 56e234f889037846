import Foundation

/// A change to tasks described as data: what it does to a task, what history calls it and
/// the sentence that confirms it. The command line and the interface build these; every store
/// applies them the same way.
public enum TaskEdit: Equatable, Sendable {
  /// Done on a day, with the result when one is given.
  case markDone(Day, result: String? = nil)
  /// Back to in progress (from done or withdrawn), as `followup reopen` does.
  case reopen
  /// Replace the editable fields (the form's or the editor's values).
  case setFields(TaskFields)
  /// Change only the fields given (the command line's `edit` options).
  case patch(TaskPatch)
  /// Add a progress note.
  case addNote(ProgressNote)
  /// Add an extension record.
  case addExtension(DeadlineExtension)
  /// Give to another lead agency (and owner).
  case reassign(lead: String, owner: String?)
  /// Withdraw (dừng thực hiện), with the reason as a progress note when one was given.
  case withdraw(reason: ProgressNote?)

  /// Performs the edit on a task.
  public func apply(to t: inout FollowUpTask) {
    switch self {
    case .markDone(let day, let result):
      t.status = .done
      t.completedOn = day
      if let result { t.result = result }
    case .reopen:
      if !t.status.isOpen { t.status = .inProgress }
      t.completedOn = nil
    case .setFields(let f): f.apply(to: &t)
    case .patch(let p): p.apply(to: &t)
    case .addNote(let n):
      t.notes.append(n)
      if t.status == .notStarted { t.status = .inProgress }
    case .addExtension(var e):
      if e.from == nil { e.from = t.effectiveDeadline(asOf: e.requestedOn ?? Day(ordinal: Int.max)) }
      t.extensions.append(e)
    case .reassign(let lead, let owner):
      t.lead = lead
      t.coordinating.removeAll { $0 == lead }
      if let owner { t.owner = owner }
    case .withdraw(let reason):
      t.status = .withdrawn
      t.completedOn = nil
      if let reason { t.notes.append(reason) }
    }
  }

  /// The action's kind in the history (`done`, `edit`, `note`…): stable words that undo, the
  /// change feed and `history` key on.
  public var kind: String {
    switch self {
    case .markDone: "done"
    case .reopen: "reopen"
    case .setFields, .patch: "edit"
    case .addNote: "note"
    case .addExtension: "extend"
    case .reassign: "reassign"
    case .withdraw: "withdraw"
    }
  }

  /// The action's one-line summary in the history, e.g. `extend #3 → 31/12/2023`.
  public func summary(ids: [Int]) -> String {
    let list = TaskEdit.list(ids)
    switch self {
    case .addExtension(let e): return "\(kind) \(list) → \(e.to.display)"
    case .reassign(let lead, _): return "\(kind) \(list) → \(lead)"
    default: return "\(kind) \(list)"
    }
  }

  /// The sentence confirming the saved edit; `before` holds the tasks as they were, so
  /// reopening can name the completion day it cleared (undo brings it back).
  public func confirmation(ids: [Int], before: [FollowUpTask] = [], _ l: Lang) -> String {
    let list = TaskEdit.list(ids)
    switch self {
    case .markDone(let d, _):
      return l.pick(vi: "Đã hoàn thành \(list) ngày \(d.formatted)", en: "Marked \(list) done on \(d.formatted)")
    case .reopen:
      let cleared = before.compactMap { t in t.completedOn.map { (before.count == 1 ? "" : "#\(t.id) ") + $0.formatted } }
      let note = cleared.isEmpty
        ? "" : l.pick(vi: " (bỏ ngày hoàn thành ", en: " (completion day ") + cleared.joined(separator: ", ") + l.pick(vi: ")", en: " cleared)")
      return l.pick(vi: "Đã mở lại \(list)", en: "Reopened \(list)") + note
    case .setFields, .patch: return l.pick(vi: "Đã lưu \(list)", en: "Saved \(list)")
    case .addNote: return l.pick(vi: "Đã ghi tiến độ cho \(list)", en: "Recorded progress on \(list)")
    case .addExtension(let e):
      return l.pick(
        vi: "Đã ghi gia hạn \(list) → \(e.to.display) (\(Words.decision(e.decision, .vi)))",
        en: "Recorded extension of \(list) → \(e.to.display) (\(Words.decision(e.decision, .en)))")
    case .reassign(let lead, _): return l.pick(vi: "Đã giao lại \(list) cho \(lead)", en: "Reassigned \(list) to \(lead)")
    case .withdraw(let reason):
      return l.pick(vi: "Đã dừng thực hiện \(list)", en: "Withdrew \(list)")
        + (reason == nil ? "" : l.pick(vi: ", lý do ghi vào tiến độ", en: ", reason recorded as a progress note"))
    }
  }

  static func list(_ ids: [Int]) -> String { ids.map { "#\($0)" }.joined(separator: " ") }
}

/// The fields the task form and the editor form edit, all replaced at once.
public struct TaskFields: Equatable, Sendable {
  /// What is to be done (nội dung).
  public var content: String
  /// The lead agency code.
  public var lead: String
  /// Coordinating agency codes.
  public var coordinating: [String]
  /// The focal person.
  public var owner: String?
  /// The tracking officer.
  public var tracker: String?
  /// The deadline as written, with its normalised end date.
  public var deadline: Deadline
  /// The meeting whose conclusions assigned the task.
  public var meeting: String?
  /// The item number in the conclusion notice.
  public var item: String
  /// The expected product (a regulation, a report…).
  public var product: String
  /// Marked urgent.
  public var priority: Bool
  /// Tags, without "#".
  public var tags: [String]
  /// Workflow status.
  public var status: WorkflowStatus
  /// The day it was done.
  public var completedOn: Day?
  /// What was delivered.
  public var result: String

  /// Creates a set of field values.
  public init(
    content: String, lead: String, coordinating: [String], owner: String?, tracker: String?,
    deadline: Deadline, meeting: String?, item: String, product: String, priority: Bool,
    tags: [String], status: WorkflowStatus, completedOn: Day?, result: String
  ) {
    self.content = content
    self.lead = lead
    self.coordinating = coordinating
    self.owner = owner
    self.tracker = tracker
    self.deadline = deadline
    self.meeting = meeting
    self.item = item
    self.product = product
    self.priority = priority
    self.tags = tags
    self.status = status
    self.completedOn = completedOn
    self.result = result
  }

  /// The fields of an existing task.
  public init(_ t: FollowUpTask) {
    self.init(
      content: t.content, lead: t.lead, coordinating: t.coordinating, owner: t.owner, tracker: t.tracker,
      deadline: t.deadline, meeting: t.meeting, item: t.item, product: t.product, priority: t.priority,
      tags: t.tags, status: t.status, completedOn: t.completedOn, result: t.result)
  }

  /// Copies the fields into a task.
  public func apply(to t: inout FollowUpTask) {
    t.content = content
    t.lead = lead
    t.coordinating = coordinating.filter { $0 != lead }
    t.owner = owner
    t.tracker = tracker
    t.deadline = deadline
    t.meeting = meeting
    t.item = item
    t.product = product
    t.priority = priority
    t.tags = tags
    t.status = status
    t.completedOn = status == .done ? completedOn : nil
    t.result = result
  }
}

/// Some fields to change, the others left as they are when the edit is applied (so an edit
/// from the command line applies to the task as stored at that moment).
public struct TaskPatch: Equatable, Sendable {
  /// New content.
  public var content: String?
  /// New lead agency code.
  public var lead: String?
  /// New coordinating agency codes.
  public var coordinating: [String]?
  /// New owner; `.some(nil)` clears it.
  public var owner: String??
  /// New tracker; `.some(nil)` clears it.
  public var tracker: String??
  /// New deadline.
  public var deadline: Deadline?
  /// New meeting; `.some(nil)` clears it.
  public var meeting: String??
  /// New item number.
  public var item: String?
  /// New product.
  public var product: String?
  /// New result.
  public var result: String?
  /// Key task or not.
  public var priority: Bool?
  /// New tags (replacing the old ones); an empty list clears them.
  public var tags: [String]?
  /// New status.
  public var status: WorkflowStatus?
  /// The completion day for a task that is or becomes done.
  public var completedOn: Day?
  /// The completion day used when the status becomes done without one (today).
  public var defaultCompletion: Day

  /// Creates a patch that changes nothing yet.
  public init(defaultCompletion: Day) {
    self.defaultCompletion = defaultCompletion
  }

  /// Whether the patch changes nothing.
  public var isEmpty: Bool { self == TaskPatch(defaultCompletion: defaultCompletion) }

  /// Applies the given fields; a done task keeps a completion day, any other has none.
  public func apply(to t: inout FollowUpTask) {
    if let content { t.content = content }
    if let lead { t.lead = lead }
    if let coordinating { t.coordinating = coordinating }
    t.coordinating.removeAll { $0 == t.lead }
    if let owner { t.owner = owner }
    if let tracker { t.tracker = tracker }
    if let deadline { t.deadline = deadline }
    if let product { t.product = product }
    if let result { t.result = result }
    if let item { t.item = item }
    if let meeting { t.meeting = meeting }
    if let priority { t.priority = priority }
    if let tags { t.tags = tags }
    if let status {
      t.status = status
      t.completedOn = status == .done ? (completedOn ?? t.completedOn ?? defaultCompletion) : nil
    } else if let completedOn, t.status == .done {
      t.completedOn = completedOn
    }
  }
}
