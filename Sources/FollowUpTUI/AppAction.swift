import FollowUpCore
import TermCore

/// Everything that can happen to the interface: user input, and results of effects.
public enum AppAction: Equatable, Sendable {
  /// A key was pressed.
  case key(Key)
  /// Text was pasted.
  case paste(String)
  /// The mouse was used.
  case mouse(MouseEvent)
  /// The terminal was resized.
  case resized(Size)
  /// Another process changed the file.
  case externalChange(changed: [FollowUpTask], deleted: [Int], catalog: Catalog?, revision: Int)
  /// Our own write succeeded; the tasks as stored now.
  case saved(changed: [FollowUpTask], deleted: [Int], catalog: Catalog?, revision: Int, message: String)
  /// Our own write failed; nothing changed on disk.
  case saveFailed(UserError)
  /// A task's history arrived.
  case historyLoaded(taskID: Int, [TaskDetail.HistoryLine])
  /// A task arrived whole (with its progress notes) for the detail screen.
  case taskLoaded(FollowUpTask)
  /// The search index finished building in the background.
  case indexReady(SearchIndex)
  /// The external editor returned a task to save, or an error to show.
  case externalEditFinished(Result<FollowUpTask, UserError>)
}

/// A change to tasks described as data; `apply` performs it on a task.
public enum TaskEdit: Equatable, Sendable {
  /// Done on a day.
  case markDone(Day)
  /// Back to in progress (from done or withdrawn), as `followup reopen` does.
  case reopen
  /// Replace the editable fields (the form's values).
  case setFields(TaskFields)
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
    case .markDone(let day):
      t.status = .done
      t.completedOn = day
    case .reopen:
      if !t.status.isOpen { t.status = .inProgress }
      t.completedOn = nil
    case .setFields(let f): f.apply(to: &t)
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
}

/// The fields the task form edits.
public struct TaskFields: Equatable, Sendable {
  /// What is to be done (nội dung).
  public var content: String
  /// The lead agency, as typed.
  public var lead: String
  /// Coordinating agencies, as typed.
  public var coordinating: [String]
  /// The focal person, as typed.
  public var owner: String?
  /// The tracking officer, as typed.
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

extension TaskFields {
  /// The fields of an existing task.
  public init(_ t: FollowUpTask) {
    content = t.content
    lead = t.lead
    coordinating = t.coordinating
    owner = t.owner
    tracker = t.tracker
    deadline = t.deadline
    meeting = t.meeting
    item = t.item
    product = t.product
    priority = t.priority
    tags = t.tags
    status = t.status
    completedOn = t.completedOn
    result = t.result
  }
}

/// Work for the runtime: every read and write of the file, described as data.
public enum AppEffect: Equatable, Sendable {
  /// Change tasks in one undoable action, refusing if any changed since `expected`.
  case modify(ids: [Int], expected: [Int: Int], kind: String, summary: String, edit: TaskEdit)
  /// Add a task.
  case add(FollowUpTask)
  /// Delete tasks.
  case delete(ids: [Int], expected: [Int: Int])
  /// Add or update a meeting.
  case saveMeeting(Meeting)
  /// Undo the user's last action.
  case undo
  /// Redo the last undone action.
  case redo
  /// Load a task's history for the detail screen.
  case loadHistory(taskID: Int)
  /// Open a task in `$EDITOR`.
  case editExternally(taskID: Int)
  /// Redraw the whole screen.
  case redraw
  /// Leave.
  case quit
}
