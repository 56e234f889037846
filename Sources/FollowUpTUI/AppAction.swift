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
  /// The external editor returned a task to save, or an error to show.
  case externalEditFinished(Result<FollowUpTask, UserError>)
  /// A notice file's text was read for the intake screen (or why it could not be).
  case noticeRead(path: String, Result<String, UserError>)
}

/// Work for the runtime: every read and write of the file, described as data.
public enum AppEffect: Equatable, Sendable {
  /// Change tasks in one undoable action, refusing if any changed since `expected`.
  case modify(ids: [Int], expected: [Int: Int], edit: TaskEdit)
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
  /// Read a notice's text from a file (.txt, .docx, .pdf) for the intake screen.
  case readNotice(path: String)
  /// Store a reviewed notice's meeting and accepted tasks as one undoable action.
  case importNotice(InterchangeDocument)
  /// Redraw the whole screen.
  case redraw
  /// Leave.
  case quit
}
