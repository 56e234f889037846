import FollowUpCore
import TermCore

/// The interface's logic: a pure function from state and action to new state and effects.
public enum Update {
  /// Applies an action; returns the effects the runtime must perform.
  public static func update(_ s: inout AppState, _ action: AppAction) -> [AppEffect] {
    switch action {
    case .key(let key): return handleKey(&s, key)
    case .paste(let text): return handlePaste(&s, text)
    case .mouse(let m): return handleMouse(&s, m)
    case .resized(let size):
      s.size = size
      clampAll(&s)
      return []
    case .externalChange(let changed, let deleted, let catalog, let revision):
      absorb(&s, deleted: deleted, catalog: catalog, revision: revision)
      let n = changed.count + deleted.count
      if n > 0 || catalog != nil {
        s.status = StatusMessage(s.env.lang.pick(
          vi: "Đã cập nhật thay đổi từ nơi khác (\(n) nhiệm vụ).", en: "Updated with changes made elsewhere (\(counted(n, vi: "", en: "task", .en)))."))
      }
      return reloadDetailHistory(s, touched: changed.map(\.id) + deleted)
    case .saved(let changed, let deleted, let catalog, let revision, let message):
      absorb(&s, deleted: deleted, catalog: catalog, revision: revision)
      var effects: [AppEffect] = []
      if case .form(let form)? = s.overlays.last, form.saving {
        s.overlays.removeLast()
        effects += chainAfterSave(&s, form, changed: changed)
      }
      IntakeReview.saved(&s)
      if s.list.consumeMarks {
        s.list.marked = []
        s.list.consumeMarks = false
      }
      s.status = StatusMessage(message)
      return effects + reloadDetailHistory(s, touched: changed.map(\.id) + deleted)
    case .saveFailed(let error):
      let sentence = error.message(s.env.lang)
      let prefix = s.env.lang.pick(vi: "Chưa lưu: ", en: "Not saved: ")
      let text = (sentence.hasPrefix(prefix) ? "" : prefix) + shortenPaths(sentence, s.env)
      // Nothing changed, so the marks stay for another try.
      s.list.consumeMarks = false
      if case .form(var form)? = s.overlays.last, form.saving {
        form.saving = false
        form.error = text
        s.overlays[s.overlays.count - 1] = .form(form)
      }
      IntakeReview.saveFailed(&s, text)
      s.status = StatusMessage(text, isError: true)
      return []
    case .taskLoaded(let task):
      for i in s.overlays.indices {
        if case .detail(var d) = s.overlays[i], d.taskID == task.id {
          d.task = task
          s.overlays[i] = .detail(d)
        }
      }
      return []
    case .historyLoaded(let id, let lines):
      for i in s.overlays.indices {
        if case .detail(var d) = s.overlays[i], d.taskID == id {
          d.history = lines
          s.overlays[i] = .detail(d)
        }
      }
      return []
    case .noticeRead(let path, let result):
      IntakeReview.noticeRead(&s, path: path, result)
      return []
    case .externalEditFinished(let result):
      switch result {
      case .success(let task):
        // The version the editor started from: a change made meanwhile is refused, not lost.
        return [.modify(ids: [task.id], expected: [task.id: task.version], edit: .setFields(TaskFields(task)))]
      case .failure(let e):
        s.status = StatusMessage(e.message(s.env.lang), isError: true)
        return []
      }
    }
  }

  /// Takes in a change the store has committed: the directory when it changed, marks of
  /// deleted tasks dropped, and the list read again around the selected task.
  static func absorb(_ s: inout AppState, deleted: [Int], catalog: Catalog?, revision: Int) {
    let catalogChanged = catalog.map { $0 != s.catalog } ?? false
    if let catalog { s.catalog = catalog }
    s.revision = max(s.revision, revision)
    s.list.marked.subtract(deleted)
    for i in s.overlays.indices {
      if case .detail(var d) = s.overlays[i], deleted.contains(d.taskID) {
        d.task = nil
        s.overlays[i] = .detail(d)
      }
    }
    afterDataChange(&s, catalogChanged: catalogChanged)
  }

  /// Shows quoted files by their names rather than full paths, so the cause fits on screen.
  static func shortenPaths(_ text: String, _ env: AppEnvironment) -> String {
    var out = text
    if !env.filePath.isEmpty {
      out = out.replacingOccurrences(of: "'" + env.filePath + "'", with: "'" + env.fileLabel + "'")
    }
    return out.replacingOccurrences(of: #"'/(?:[^'/]*/)+([^'/]+)'"#, with: "'$1'", options: .regularExpression)
  }

  // MARK: Keys

  static func handleKey(_ s: inout AppState, _ key: Key) -> [AppEffect] {
    if case .form(var form)? = s.overlays.last {
      let effects = formKey(&s, &form, key)
      if case .form? = s.overlays.last { s.overlays[s.overlays.count - 1] = .form(form) }
      return effects
    }
    if case .confirm(let c)? = s.overlays.last { return confirmKey(&s, c, key) }
    if case .intake(var intake)? = s.overlays.last {
      let effects = IntakeReview.key(&s, &intake, key)
      if case .intake? = s.overlays.last { s.overlays[s.overlays.count - 1] = .intake(intake) }
      return effects
    }
    if !ScreenLayout(s.size).isUsable { return tooSmallKey(&s, key) }
    if s.prompt != nil, s.overlays.isEmpty { return promptKey(&s, key) }
    guard let command = s.env.keys.command(for: key, in: s.scope) else { return [] }
    return perform(&s, command)
  }

  static func quit(_ s: inout AppState) -> [AppEffect] {
    s.quitting = true
    return [.quit]
  }

  /// Runs a command in the current scope.
  public static func perform(_ s: inout AppState, _ command: Command) -> [AppEffect] {
    let l = s.env.lang
    let page = ScreenLayout.pageStep(s)
    switch command {
    case .moveUp: move(&s, -1)
    case .moveDown: move(&s, 1)
    case .pageUp: move(&s, -page)
    case .pageDown: move(&s, page)
    case .top: move(&s, Int.min / 2)
    case .bottom: move(&s, Int.max / 2)
    case .open: return open(&s)
    case .back:
      if !s.overlays.isEmpty {
        s.overlays.removeLast()
      } else if s.view == .tasks, let origin = s.drillOrigin {
        goBack(&s, to: origin)
      } else if s.view == .tasks && (!s.list.searchText.isEmpty || !s.list.filter.isEmpty || s.list.quick.any || s.list.scope != nil) {
        s.list.searchText = ""
        s.list.filterText = ""
        s.list.filter = .all
        s.list.quick = QuickFilters()
        s.list.scope = nil
        refresh(&s)
        s.status = StatusMessage(l.pick(vi: "Đã bỏ mọi bộ lọc.", en: "All filters cleared."))
      }
    case .search:
      var e = LineEditor(s.list.searchText)
      _ = e.handle(.end)
      s.prompt = .search(e)
    case .filter:
      var e = LineEditor(s.list.filterText)
      _ = e.handle(.end)
      s.prompt = .filter(e, error: nil)
    case .toggleOpen:
      s.list.quick.openOnly.toggle()
      refresh(&s)
    case .overdueOnly:
      s.list.quick.overdueOnly.toggle()
      refresh(&s)
    case .dueThisWeek:
      s.list.quick.dueThisWeek.toggle()
      refresh(&s)
    case .mine:
      if s.me == nil {
        s.status = StatusMessage(l.pick(
          vi: "Không biết bạn là ai trong danh bạ: đặt user trong tệp cấu hình là mã cán bộ (ví dụ P01).",
          en: "You are not in the directory: set user in the config file to your person ref (e.g. P01)."), isError: true)
        return []
      }
      s.list.quick.mine.toggle()
      refresh(&s)
    case .toggleDone: return toggleDone(&s)
    case .add:
      if s.view == .meetings && s.overlays.isEmpty {
        s.overlays.append(.form(Forms.meetingForm(asOf: s.env.asOf)))
      } else {
        s.overlays.append(.form(Forms.taskForm(nil, purpose: .addTask, asOf: s.env.asOf, meeting: meetingOfFilter(s))))
      }
    case .edit:
      let ts = targetTasks(s)
      guard let t = ts.first, ts.count == 1 else { return needOne(&s) }
      s.overlays.append(.form(Forms.taskForm(t, purpose: .editTask(id: t.id, version: t.version), asOf: s.env.asOf)))
    case .externalEdit:
      let ts = targetTasks(s)
      guard let t = ts.first, ts.count == 1 else { return needOne(&s) }
      return [.editExternally(taskID: t.id)]
    case .note:
      let ts = targetTasks(s)
      guard !ts.isEmpty else { return needOne(&s) }
      var form = Forms.noteForm(ids: ts.map(\.id), versions: versions(ts), asOf: s.env.asOf)
      form.fromMarks = targetsAreMarks(s)
      s.overlays.append(.form(form))
    case .extend:
      let ts = targetTasks(s)
      guard !ts.isEmpty else { return needOne(&s) }
      var form = Forms.extensionForm(ids: ts.map(\.id), versions: versions(ts), asOf: s.env.asOf)
      form.fromMarks = targetsAreMarks(s)
      s.overlays.append(.form(form))
    case .reassign:
      let ts = targetTasks(s)
      guard !ts.isEmpty else { return needOne(&s) }
      var form = Forms.reassignForm(ids: ts.map(\.id), versions: versions(ts))
      form.fromMarks = targetsAreMarks(s)
      s.overlays.append(.form(form))
    case .awaitingAcceptance:
      s.list.quick.awaitingAcceptance.toggle()
      refresh(&s)
    case .remind, .reportDone, .returnReport:
      let ts = targetTasks(s)
      guard !ts.isEmpty else { return needOne(&s) }
      let ids = ts.map(\.id), v = versions(ts)
      var form: FormState
      switch command {
      case .remind: form = Forms.remindForm(ids: ids, versions: v, asOf: s.env.asOf)
      case .reportDone: form = Forms.reportForm(ids: ids, versions: v, asOf: s.env.asOf)
      default: form = Forms.returnForm(ids: ids, versions: v)
      }
      form.fromMarks = targetsAreMarks(s)
      s.overlays.append(.form(form))
    case .accept:
      let ts = targetTasks(s)
      guard !ts.isEmpty else { return needOne(&s) }
      return [.modify(ids: ts.map(\.id), expected: versions(ts), edit: .accept(on: nil))]
    case .delete:
      let ts = targetTasks(s)
      guard !ts.isEmpty else { return needOne(&s) }
      s.overlays.append(.confirm(ConfirmState(ids: ts.map(\.id), versions: versions(ts), fromMarks: targetsAreMarks(s))))
    case .cycleSort:
      if s.view == .agencies && s.overlays.isEmpty {
        let all = WorkloadOrder.allCases
        s.agencies.order = all[((all.firstIndex(of: s.agencies.order) ?? 0) + 1) % all.count]
        refreshReport(&s)
      } else {
        s.list.sort = nextSort(after: s.list.sort)
        refresh(&s)
        s.status = StatusMessage(l.pick(vi: "Sắp xếp: ", en: "Sorted by ") + Labels.sort(s.list.sort, l))
      }
    case .intake: IntakeReview.open(&s)
    case .undo: return [.undo]
    case .redo: return [.redo]
    case .mark:
      guard let id = s.list.selectedID else { return [] }
      if s.list.marked.contains(id) { s.list.marked.remove(id) } else { s.list.marked.insert(id) }
      move(&s, 1)
    case .clearMarks:
      s.list.marked = []
    case .help:
      s.overlays.append(.help(Scroller()))
    case .quit:
      if case .help? = s.overlays.last {
        s.overlays.removeLast()
        return []
      }
      return quit(&s)
    case .viewTasks: switchView(&s, .tasks)
    case .viewMeetings: switchView(&s, .meetings)
    case .viewAgencies: switchView(&s, .agencies)
    case .nextView: switchView(&s, ViewKind(rawValue: (s.view.rawValue + 1) % 3) ?? .tasks)
    case .previousView: switchView(&s, ViewKind(rawValue: (s.view.rawValue + 2) % 3) ?? .tasks)
    case .toggleGrouping:
      s.agencies.grouping = s.agencies.grouping == .lead ? .coordinating : .lead
      s.agencies.scroll = Scroller()
      refreshReport(&s)
    case .toggleRollup:
      s.agencies.rollup.toggle()
      refreshReport(&s)
      clampAll(&s)
    case .redraw: return [.redraw]
    default:
      // A mode's own commands (a form's, a dialog's, a prompt's): its key handler acts on
      // them, no view does, so a new one is declared in the key map and handled in its mode.
      break
    }
    return []
  }

  static func switchView(_ s: inout AppState, _ v: ViewKind) {
    s.overlays.removeAll { if case .detail = $0 { return true } else { return false } }
    // Choosing a view by hand leaves the drill-down path: Esc no longer leads back.
    if v != s.view { s.drillOrigin = nil }
    s.view = v
    s.prompt = nil
    refreshReport(&s)
    clampAll(&s)
  }

  /// Enter in a view: a task's detail, a meeting's tasks, an agency row's tasks.
  static func open(_ s: inout AppState) -> [AppEffect] {
    switch s.view {
    case .tasks:
      guard let id = s.list.selectedID else { return [] }
      s.overlays.append(.detail(DetailState(taskID: id)))
      return [.loadHistory(taskID: id)]
    case .meetings: openMeeting(&s)
    case .agencies: openAgencyRow(&s)
    }
    return []
  }

}
