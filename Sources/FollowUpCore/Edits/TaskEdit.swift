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
  /// Give to another lead agency (and owner) from a day (chuyển giao): the task counts for
  /// the old lead until the day before.
  case reassign(lead: String, owner: String?, on: Day, document: String = "")
  /// Withdraw (dừng thực hiện) from a day, with the reason also kept as a progress note.
  case withdraw(reason: ProgressNote?, on: Day, document: String = "")
  /// Merge `source` into `target` (gộp vào) from a day: applied to both, the source is
  /// withdrawn pointing at the target, the target notes what it took in.
  case merge(source: Int, into: Int, on: Day, document: String = "")
  /// Record a reminder sent to the agency (đôn đốc).
  case remind(Reminder)
  /// The agency reports completion (đã báo cáo, chờ đánh giá), with its result.
  case report(on: Day, result: String?)
  /// The tracking office accepts a reported completion: done on `on`, else the reported day.
  case accept(on: Day?)
  /// The tracking office returns a reported completion with a reason: back in progress.
  case returnReport(reason: ProgressNote)

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
      t.withdrawal = nil
    case .setFields(let f): f.apply(to: &t)
    case .patch(let p): p.apply(to: &t)
    case .addNote(let n):
      t.notes.append(n)
      if t.status == .notStarted { t.status = .inProgress }
    case .addExtension(var e):
      if e.from == nil { e.from = t.effectiveDeadline(asOf: e.requestedOn ?? Day(ordinal: Int.max)) }
      t.extensions.append(e)
    case .reassign(let lead, let owner, let on, let document):
      if lead != t.lead {
        t.reassignments.append(Reassignment(from: t.lead, to: lead, on: on, document: document))
        t.lead = lead
      }
      t.coordinating.removeAll { $0 == lead }
      if let owner { t.owner = owner }
    case .withdraw(let reason, let on, let document):
      t.status = .withdrawn
      t.completedOn = nil
      t.withdrawal = Withdrawal(on: on, reason: reason?.text ?? "", document: document)
      if let reason { t.notes.append(reason) }
    case .merge(let source, let target, let on, let document):
      if t.id == source {
        t.status = .withdrawn
        t.completedOn = nil
        t.withdrawal = Withdrawal(on: on, reason: "", document: document, mergedInto: target)
      } else if t.id == target {
        t.notes.append(ProgressNote(on: on, text: "Gộp nhiệm vụ #\(source) vào nhiệm vụ này" + (document.isEmpty ? "" : " (\(document))")))
      }
    case .remind(let r):
      t.reminders.append(r)
    case .report(let on, let result):
      t.status = .reported
      t.reportedOn = on
      if let result { t.result = result }
    case .accept(let on):
      t.status = .done
      t.completedOn = on ?? t.reportedOn
    case .returnReport(let reason):
      t.status = .inProgress
      t.reportedOn = nil
      t.notes.append(reason)
    }
  }

  /// Refuses the edit when the task, as stored before it, cannot take it: nothing is saved.
  public func validate(_ t: FollowUpTask) throws {
    func fail(_ vi: String, _ en: String) -> UserError { UserError(.taskState, vi: vi, en: en) }
    switch self {
    case .reassign(_, _, let on, _):
      if let last = t.reassignments.last, on < last.on {
        throw fail(
          "Nhiệm vụ #\(t.id) đã chuyển giao ngày \(last.on.formatted); ngày chuyển giao mới phải từ ngày đó trở đi",
          "Task #\(t.id) was already reassigned on \(last.on.formatted); a new reassignment must be on or after that day")
      }
    case .withdraw, .merge:
      if case .merge(_, let target, _, _) = self, t.id == target {
        if !t.status.isOpen {
          throw fail(
            "Nhiệm vụ #\(target) không còn thực hiện; chỉ gộp vào một nhiệm vụ đang thực hiện",
            "Task #\(target) is no longer open; merge only into an open task")
        }
        return
      }
      if !t.status.isOpen {
        throw fail(
          "Nhiệm vụ #\(t.id) đã \(t.status == .done ? "hoàn thành" : "dừng thực hiện"); mở lại trước khi dừng hoặc gộp",
          "Task #\(t.id) is already \(t.status == .done ? "done" : "withdrawn"); reopen it first")
      }
    case .remind:
      if !t.status.isOpen {
        throw fail(
          "Nhiệm vụ #\(t.id) không còn thực hiện; không cần đôn đốc", "Task #\(t.id) is no longer open; there is nothing to remind about")
      }
    case .report:
      if t.status != .notStarted && t.status != .inProgress {
        throw fail(
          "Nhiệm vụ #\(t.id) đang ở trạng thái \(Words.status(t.status, .vi)); chỉ nhiệm vụ đang thực hiện mới báo cáo hoàn thành",
          "Task #\(t.id) is \(Words.status(t.status, .en)); only an open task can report completion")
      }
    case .accept, .returnReport:
      if t.status != .reported {
        throw fail(
          "Nhiệm vụ #\(t.id) chưa báo cáo hoàn thành; không có gì để đánh giá",
          "Task #\(t.id) has not reported completion; there is nothing to accept or return")
      }
    case .addExtension(let e):
      if (e.decision == .approved || e.decision == .partial) && e.decidedOn == nil {
        throw fail("Quyết định gia hạn cần ngày quyết định", "An extension decision needs its decision day")
      }
      if e.decision == .partial {
        guard let g = e.granted?.date else {
          throw fail(
            "Chấp thuận một phần cần hạn được chấp thuận (--granted)", "A partial approval needs the granted deadline (--granted)")
        }
        if let asked = e.to.date, g > asked {
          throw fail(
            "Hạn được chấp thuận \(g.formatted) sau hạn đề nghị \(asked.formatted)",
            "The granted deadline \(g.formatted) is after the one asked for, \(asked.formatted)")
        }
      }
    default: break
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
    case .merge: "merge"
    case .remind: "remind"
    case .report: "report"
    case .accept: "accept"
    case .returnReport: "return"
    }
  }

  /// The action's one-line summary in the history, e.g. `extend #3 → 31/12/2023`.
  public func summary(ids: [Int]) -> String {
    let list = TaskEdit.list(ids)
    switch self {
    case .addExtension(let e): return "\(kind) \(list) → \(e.to.display)"
    case .reassign(let lead, _, let on, _): return "\(kind) \(list) → \(lead) \(on.formatted)"
    case .withdraw(_, let on, _): return "\(kind) \(list) \(on.formatted)"
    case .merge(let source, let target, let on, _): return "\(kind) #\(source) → #\(target) \(on.formatted)"
    case .remind(let r): return "\(kind) \(list) \(r.on.formatted)"
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
    case .reassign(let lead, _, let on, _):
      return l.pick(vi: "Đã giao lại \(list) cho \(lead) từ ngày \(on.formatted)", en: "Reassigned \(list) to \(lead) from \(on.formatted)")
    case .withdraw(let reason, let on, _):
      return l.pick(vi: "Đã dừng thực hiện \(list) từ ngày \(on.formatted)", en: "Withdrew \(list) from \(on.formatted)")
        + (reason == nil ? "" : l.pick(vi: ", lý do ghi vào tiến độ", en: ", reason recorded as a progress note"))
    case .merge(let source, let target, let on, _):
      return l.pick(vi: "Đã gộp #\(source) vào #\(target) từ ngày \(on.formatted)", en: "Merged #\(source) into #\(target) from \(on.formatted)")
    case .remind(let r):
      return l.pick(
        vi: "Đã ghi đôn đốc \(list) ngày \(r.on.formatted) (\(Words.channel(r.channel, .vi)))",
        en: "Recorded a reminder for \(list) on \(r.on.formatted) (\(Words.channel(r.channel, .en)))")
    case .report(let on, _):
      return l.pick(vi: "Đã ghi \(list) báo cáo hoàn thành ngày \(on.formatted), chờ đánh giá", en: "Recorded \(list) as reported done on \(on.formatted), awaiting acceptance")
    case .accept:
      let days = before.compactMap { t in (t.reportedOn).map { (before.count == 1 ? "" : "#\(t.id) ") + $0.formatted } }
      return l.pick(vi: "Đã công nhận hoàn thành \(list)", en: "Accepted \(list) as done")
        + (days.isEmpty ? "" : l.pick(vi: " (ngày báo cáo ", en: " (reported ") + days.joined(separator: ", ") + ")")
    case .returnReport:
      return l.pick(vi: "Đã trả lại \(list), chuyển về đang thực hiện", en: "Returned \(list) to in progress")
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
