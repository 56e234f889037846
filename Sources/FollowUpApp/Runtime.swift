import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore

/// How the interface ended.
public enum ExitReason: Equatable, Sendable {
  /// The user quit.
  case quit
  /// A signal asked us to stop (SIGTERM, SIGINT, SIGHUP).
  case signal(Int32)
  /// The terminal went away.
  case hangup

  /// The process exit status that goes with it.
  public var exitCode: Int32 {
    switch self {
    case .quit: return 0
    case .signal(let s): return 128 + s
    case .hangup: return 129
    }
  }
}

/// Opens a task in the user's editor and returns the edited task (or an error to show).
public protocol ExternalEditing: AnyObject {
  /// Suspends the screen, runs the editor, resumes; returns the result.
  func edit(_ task: FollowUpTask, catalog: Catalog, backend: TerminalBackend) -> Result<FollowUpTask, UserError>
}

/// The run loop: reads events, runs `Update`, performs effects against the store, draws.
///
/// The only place where the interface, the store and the terminal meet.
public final class Runtime {
  let store: any TaskStore
  let backend: TerminalBackend
  /// The current state (readable for tests and benchmarks).
  public private(set) var state: AppState
  /// The store's change token when last looked at.
  var changeToken: Int
  let editor: ExternalEditing?
  /// Tells the run loop of other sessions' commits and of a store that stopped answering.
  var watcher: ChangeWatcher?
  /// Whether the store answered when last heard of.
  var link = ChangeWatcher.Link.up

  /// Reads the directory and the first page of the list.
  ///
  /// The tasks stay in the store: the interface reads the rows on screen, the counts and the
  /// report from it, so a file of a million tasks opens as fast as one of seven.
  public init(store: any TaskStore, backend: TerminalBackend, env: AppEnvironment, editor: ExternalEditing? = nil) throws {
    self.store = store
    self.backend = backend
    self.editor = editor
    let revision = try store.revision()
    let catalog = try store.loadCatalog()
    changeToken = try store.changeToken()
    state = AppState(env: env, size: backend.size, catalog: catalog, revision: revision, source: StoreSource(store: store))
  }

  /// Runs until the user quits, a signal arrives or the terminal goes away.
  public func run() -> ExitReason {
    draw()
    let watcher = ChangeWatcher(store: store, token: changeToken)
    self.watcher = watcher
    defer {
      watcher.stop()
      self.watcher = nil
    }
    while !state.quitting {
      let event = backend.nextEvent(timeoutMilliseconds: 250)
      switch event {
      case nil:
        break
      case .key(let k):
        dispatch(.key(k))
      case .paste(let p):
        dispatch(.paste(p))
      case .mouse(let m):
        dispatch(.mouse(m))
      case .resize(let size):
        dispatch(.resized(size))
      case .signal(let sig):
        return .signal(sig)
      case .hangup:
        return .hangup
      }
      watch()
      if !state.quitting { draw() }
    }
    return .quit
  }

  /// Feeds an action through `Update` and performs the effects it asks for.
  public func dispatch(_ action: AppAction) {
    var queue = [action]
    while !queue.isEmpty {
      let next = queue.removeFirst()
      for effect in Update.update(&state, next) {
        queue += perform(effect)
      }
    }
  }

  /// Draws the current state.
  public func draw() {
    let frame = Render.frame(state)
    backend.draw(frame.grid)
    backend.setCursor(frame.cursor)
  }

  /// Takes what the watcher saw: a lost or regained store is said on the status line, and
  /// other sessions' commits are read in. Nothing here waits for the store.
  func watch() {
    guard let watcher else { return }
    let (changed, now) = watcher.take()
    let l = state.env.lang, place = store.location
    if now != link {
      switch now {
      case .down:
        // Forms stay open with what was typed; a save tried meanwhile is refused whole.
        state.status = StatusMessage(
          l.pick(
            vi: "Mất kết nối tới \(place); đang kết nối lại… Những gì đang sửa vẫn được giữ.",
            en: "Lost the connection to \(place); reconnecting… Unsaved edits are kept."), isError: true)
      case .up:
        // Over the outage's errors only: a save confirmed meanwhile keeps its message.
        if state.status == nil || state.status?.isError == true {
          state.status = StatusMessage(l.pick(vi: "Đã kết nối lại với \(place).", en: "Reconnected to \(place)."))
        }
      }
      link = now
    } else if case .down = now, state.status == nil {
      // A key may clear the status line; the link is still down, so say it again.
      state.status = StatusMessage(
        l.pick(vi: "Mất kết nối tới \(place); đang kết nối lại…", en: "Lost the connection to \(place); reconnecting…"),
        isError: true)
    }
    if changed { poll() }
  }

  /// Looks for commits by other processes and folds them in without moving the cursor.
  public func poll() {
    guard let token = try? store.changeToken(), token != changeToken else { return }
    changeToken = token
    guard let changes = try? store.changes(since: state.revision), changes.revision != state.revision else { return }
    let catalog = changes.directoryChanged ? try? store.loadCatalog() : nil
    dispatch(.externalChange(changed: changes.changed, deleted: changes.deleted, catalog: catalog, revision: changes.revision))
  }

  /// Performs one effect; returns the actions its result produces.
  func perform(_ effect: AppEffect) -> [AppAction] {
    let l = state.env.lang
    // The hints name the keys the key map binds now, remapped or not.
    let undo = state.env.keys.key(.undo), redo = state.env.keys.key(.redo)
    do {
      switch effect {
      case .modify(let ids, let expected, let edit):
        let before = try store.loadTasks(ids: ids)
        try store.apply(edit, to: ids, expected: expected)
        return [try saved(message: edit.confirmation(ids: ids, before: before, l) + l.pick(vi: " · \(undo): hoàn tác", en: " · \(undo) undoes"))]
      case .add(let task):
        let t = try store.add(task)
        return [try saved(message: l.pick(vi: "Đã thêm nhiệm vụ #\(t.id) · \(undo): hoàn tác", en: "Added task #\(t.id) · \(undo) undoes"))]
      case .delete(let ids, let expected):
        try store.delete(ids: ids, expected: expected)
        return [try saved(message: l.pick(vi: "Đã xoá ", en: "Deleted ") + ids.map { "#\($0)" }.joined(separator: " ") + l.pick(vi: " · \(undo): hoàn tác", en: " · \(undo) undoes"))]
      case .saveMeeting(let m):
        try store.save(meeting: m)
        return [try saved(message: l.pick(vi: "Đã lưu cuộc họp \(m.ref); nhập các kết luận", en: "Saved meeting \(m.ref); now enter its conclusions"))]
      case .undo:
        let o = try store.undo()
        return [try saved(message: l.pick(vi: "Đã hoàn tác: ", en: "Undone: ") + o.summary + l.pick(vi: " · \(redo): làm lại", en: " · \(redo) redoes"))]
      case .redo:
        let o = try store.redo()
        return [try saved(message: l.pick(vi: "Đã làm lại: ", en: "Redone: ") + o.summary)]
      case .loadHistory(let id):
        let lines = try store.history(taskID: id, limit: 100).map {
          TaskDetail.HistoryLine(at: $0.at, by: $0.by, kind: $0.kind, field: $0.field, old: $0.old, new: $0.new, undone: $0.undone)
        }
        let whole = try store.loadTasks(ids: [id]).first
        return (whole.map { [AppAction.taskLoaded($0)] } ?? []) + [.historyLoaded(taskID: id, lines)]
      case .editExternally(let id):
        guard let editor, let task = try store.loadTasks(ids: [id]).first else {
          return [.saveFailed(UserError(.editorNone, vi: "Không mở được trình soạn thảo ở đây", en: "No external editor is available here"))]
        }
        let result = editor.edit(task, catalog: state.catalog, backend: backend)
        backend.invalidate()
        return [.externalEditFinished(result)]
      case .readNotice(let path):
        return [.noticeRead(path: path, Result { try Runtime.noticeText(path) }.mapError(Runtime.userError))]
      case .importNotice(let doc):
        // The same path as `followup intake --save`: one document, one undoable action.
        let ids = try store.importDocument(doc, renumber: true).taskIDs
        let ref = doc.meetings.first?.ref ?? ""
        let range = ids.isEmpty ? "" : " (#\(ids.min() ?? 0)–#\(ids.max() ?? 0))"
        return [try saved(message: l.pick(
          vi: "Đã lưu cuộc họp \(ref) và \(ids.count) nhiệm vụ\(range) · \(undo): hoàn tác cả văn bản",
          en: "Saved meeting \(ref) and \(counted(ids.count, vi: "", en: "task", .en))\(range) · \(undo) undoes the whole notice"))]
      case .redraw:
        backend.invalidate()
        return []
      case .quit:
        return []
      }
    } catch let e as UserError {
      return [.saveFailed(e)]
    } catch {
      return [.saveFailed(UserError(.internalFault, vi: "\(error)", en: "\(error)"))]
    }
  }

  /// A notice's text from a file the officer named: `~` is the home folder, and `-` is a file
  /// of that name (standard input is the terminal here).
  static func noticeText(_ path: String) throws -> String {
    var p = path
    if p == "~" || p.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      p = home + p.dropFirst()
    }
    return try IntakeFile.text(p == "-" ? "./-" : p)
  }

  static func userError(_ error: Error) -> UserError {
    (error as? UserError) ?? UserError(.internalFault, vi: "\(error)", en: "\(error)")
  }

  /// What our write (and anything else committed meanwhile) changed.
  func saved(message: String) throws -> AppAction {
    let changes = try store.changes(since: state.revision)
    let catalog = changes.directoryChanged ? try store.loadCatalog() : nil
    // Our own commit moved the token: remembering it keeps the next poll from reading the
    // same changes again.
    changeToken = changes.revision
    return .saved(changed: changes.changed, deleted: changes.deleted, catalog: catalog, revision: changes.revision, message: message)
  }
}
