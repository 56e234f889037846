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
      let before = s.data.catalog
      s.data.apply(changed: changed, deleted: deleted, catalog: catalog, revision: revision, asOf: s.env.asOf, rules: s.env.rules)
      afterDataChange(&s, touched: changed.map(\.id) + deleted, catalogChanged: s.data.catalog != before)
      let n = changed.count + deleted.count
      if n > 0 || catalog != nil {
        s.status = StatusMessage(s.env.lang.pick(
          vi: "Đã cập nhật thay đổi từ nơi khác (\(n) nhiệm vụ).", en: "Updated with changes made elsewhere (\(counted(n, vi: "", en: "task", .en)))."))
      }
      return reloadDetailHistory(s, touched: changed.map(\.id) + deleted)
    case .saved(let changed, let deleted, let catalog, let revision, let message):
      let before = s.data.catalog
      s.data.apply(changed: changed, deleted: deleted, catalog: catalog, revision: revision, asOf: s.env.asOf, rules: s.env.rules)
      afterDataChange(&s, touched: changed.map(\.id) + deleted, catalogChanged: s.data.catalog != before)
      var effects: [AppEffect] = []
      if case .form(let form)? = s.overlays.last, form.saving {
        s.overlays.removeLast()
        effects += chainAfterSave(&s, form, changed: changed)
      }
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
    case .indexReady(let index):
      s.data.adopt(index: index)
      if !s.list.searchText.isEmpty || !s.list.filter.textTerms.isEmpty { refilter(&s) }
      return []
    case .historyLoaded(let id, let lines):
      for i in s.overlays.indices {
        if case .detail(var d) = s.overlays[i], d.taskID == id {
          d.history = lines
          s.overlays[i] = .detail(d)
        }
      }
      return []
    case .externalEditFinished(let result):
      switch result {
      case .success(let task):
        guard let current = s.data.tasks[task.id] else { return [] }
        return [.modify(ids: [task.id], expected: [task.id: current.version], kind: "edit", summary: "edit #\(task.id)", edit: .setFields(TaskFields(task)))]
      case .failure(let e):
        s.status = StatusMessage(e.message(s.env.lang), isError: true)
        return []
      }
    }
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
    if !ScreenLayout(s.size).isUsable {
      if key == .char("q") || key == .ctrl("c") { return quit(&s) }
      return []
    }
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
    let layout = ScreenLayout(s.size)
    let page: Int
    switch s.overlays.last {
    case .detail?, .help?: page = max(1, Render.scrollingHeight(layout) - 1)
    default: page = max(1, layout.body.height - 1)
    }
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
        refilter(&s)
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
      refilter(&s)
    case .overdueOnly:
      s.list.quick.overdueOnly.toggle()
      refilter(&s)
    case .dueThisWeek:
      s.list.quick.dueThisWeek.toggle()
      refilter(&s)
    case .mine:
      if s.me == nil {
        s.status = StatusMessage(l.pick(
          vi: "Không biết bạn là ai trong danh bạ: đặt user trong tệp cấu hình là mã cán bộ (ví dụ P01).",
          en: "You are not in the directory: set user in the config file to your person ref (e.g. P01)."), isError: true)
        return []
      }
      s.list.quick.mine.toggle()
      refilter(&s)
    case .toggleDone: return toggleDone(&s)
    case .add:
      if s.view == .meetings && s.overlays.isEmpty {
        s.overlays.append(.form(Forms.meetingForm(asOf: s.env.asOf)))
      } else {
        s.overlays.append(.form(Forms.taskForm(nil, purpose: .addTask, asOf: s.env.asOf, meeting: meetingOfFilter(s))))
      }
    case .edit:
      guard let t = targetTasks(s).first, targetTasks(s).count == 1 else {
        return needOne(&s)
      }
      s.overlays.append(.form(Forms.taskForm(t, purpose: .editTask(id: t.id, version: t.version), asOf: s.env.asOf)))
    case .externalEdit:
      guard let t = targetTasks(s).first, targetTasks(s).count == 1 else { return needOne(&s) }
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
        resort(&s)
        s.status = StatusMessage(l.pick(vi: "Sắp xếp: ", en: "Sorted by ") + Labels.sort(s.list.sort, l))
      }
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
    }
    return []
  }

  /// The orders `s` walks through: most urgent first, then by deadline, by agency, by number.
  public static let sortCycle: [TaskOrder] = [.status, .deadline, .agency, .id]

  /// The order after `o` in the cycle.
  public static func nextSort(after o: TaskOrder) -> TaskOrder {
    let i = sortCycle.firstIndex(of: o) ?? -1
    return sortCycle[(i + 1) % sortCycle.count]
  }

  static func needOne(_ s: inout AppState) -> [AppEffect] {
    s.status = StatusMessage(s.env.lang.pick(vi: "Hãy chọn một nhiệm vụ trước.", en: "Select a task first."), isError: true)
    return []
  }

  static func versions(_ ts: [FollowUpTask]) -> [Int: Int] {
    Dictionary(ts.map { ($0.id, $0.version) }, uniquingKeysWith: { a, _ in a })
  }

  /// Whether a command acts on the marked tasks (rather than the detail's or the selected one).
  static func targetsAreMarks(_ s: AppState) -> Bool {
    if case .detail? = s.overlays.last { return false }
    return s.view == .tasks && !s.list.marked.isEmpty
  }

  /// The tasks a command acts on: the detail's task, else the marked ones, else the selected.
  static func targetTasks(_ s: AppState) -> [FollowUpTask] {
    if case .detail(let d)? = s.overlays.last { return s.data.tasks[d.taskID].map { [$0] } ?? [] }
    guard s.view == .tasks else { return [] }
    if !s.list.marked.isEmpty {
      return s.list.marked.sorted().compactMap { s.data.tasks[$0] }
    }
    return s.list.selectedID.flatMap { s.data.tasks[$0] }.map { [$0] } ?? []
  }

  static func meetingOfFilter(_ s: AppState) -> String? {
    for term in s.list.filter.terms {
      if case .meeting(let refs) = term, refs.count == 1 { return refs.first }
    }
    return nil
  }

  /// Space: marks open tasks done; when every target is already done or withdrawn, reopens
  /// them (what `followup reopen` does).
  static func toggleDone(_ s: inout AppState) -> [AppEffect] {
    let ts = targetTasks(s)
    guard !ts.isEmpty else { return needOne(&s) }
    let fromMarks = targetsAreMarks(s)
    let data = s.data
    // Not by timeliness alone: a done routine task is still judged `.routine`, and a second
    // Space must reopen it, not mark it done again.
    let asOf = s.env.asOf
    let closed = { (t: FollowUpTask) in t.isFinished(asOf: asOf) || data.timeliness(of: t.id).isDone }
    if ts.allSatisfy(closed) {
      let ids = ts.map(\.id)
      s.list.consumeMarks = fromMarks
      return [.modify(ids: ids, expected: versions(ts), kind: "reopen", summary: "reopen " + ids.map { "#\($0)" }.joined(separator: " "), edit: .reopen)]
    }
    let open = ts.filter { !closed($0) }
    s.list.consumeMarks = fromMarks
    return [.modify(ids: open.map(\.id), expected: versions(open), kind: "done", summary: "done " + open.map { "#\($0.id)" }.joined(separator: " "), edit: .markDone(s.env.asOf))]
  }

  static func switchView(_ s: inout AppState, _ v: ViewKind) {
    s.overlays.removeAll { if case .detail = $0 { return true } else { return false } }
    // Choosing a view by hand leaves the drill-down path: Esc no longer leads back.
    if v != s.view { s.drillOrigin = nil }
    s.view = v
    s.prompt = nil
    if v == .agencies { refreshReport(&s) }
    clampAll(&s)
  }

  /// Recomputes the agencies view's report (only while it can be seen: it reads every task).
  static func refreshReport(_ s: inout AppState) {
    s.agencies.report = s.view == .agencies ? computeWorkload(s) : nil
  }

  static func open(_ s: inout AppState) -> [AppEffect] {
    switch s.view {
    case .tasks:
      guard let id = s.list.selectedID else { return [] }
      s.overlays.append(.detail(DetailState(taskID: id)))
      return [.loadHistory(taskID: id)]
    case .meetings:
      let ms = s.data.catalog.meetingsNewestFirst
      guard ms.indices.contains(s.meetings.cursor) else { return [] }
      let text = "meeting:" + ms[s.meetings.cursor].ref
      drill(&s, filter: text, scope: nil)
      s.status = StatusMessage(s.env.lang.pick(vi: "Lọc: \(text) — Esc để quay lại", en: "Filter: \(text) — Esc goes back"))
    case .agencies:
      let rows = workload(s).rows
      guard rows.indices.contains(s.agencies.scroll.cursor) else { return [] }
      let row = rows[s.agencies.scroll.cursor]
      let l = s.env.lang
      let scope = AgencyScope(
        grouping: s.agencies.grouping, codes: Set([row.agency] + row.members),
        label: Words.rowLabel(row, s.data.catalog, l, fullNameLimit: 28),
        ids: Set(row.taskIDs.filter { s.data.timeliness(of: $0) != .excluded }))
      drill(&s, filter: "", scope: scope)
      // The agency is named in the line above the list; this says what the count means.
      let n = s.list.visible.count
      s.status = StatusMessage(l.pick(
        vi: "\(n) nhiệm vụ, đúng như dòng của Biểu tổng hợp — Esc để quay lại",
        en: "\(counted(n, vi: "", en: "task", .en)), as the workload row counts them — Esc goes back"))
    }
    return []
  }

  /// Shows the task list narrowed to a filter or an agency row, remembering where Enter was
  /// pressed so Esc can return there.
  static func drill(_ s: inout AppState, filter text: String, scope: AgencyScope?) {
    s.drillOrigin = DrillOrigin(
      view: s.view, filterText: s.list.filterText, searchText: s.list.searchText, quick: s.list.quick,
      scope: s.list.scope, selectedID: s.list.selectedID)
    s.view = .tasks
    s.list.searchText = ""
    s.list.quick = QuickFilters()
    s.list.scope = scope
    s.list.filterText = text
    s.list.filter = (try? TaskFilter.parse(text, context: s.filterContext)) ?? .all
    s.list.scroll = Scroller()
    refilter(&s)
  }

  /// Esc after a drill-down: the list as it was, and the view (and row) it was opened from.
  static func goBack(_ s: inout AppState, to origin: DrillOrigin) {
    s.drillOrigin = nil
    s.list.filterText = origin.filterText
    s.list.filter = (try? TaskFilter.parse(origin.filterText, context: s.filterContext)) ?? .all
    s.list.searchText = origin.searchText
    s.list.quick = origin.quick
    s.list.scope = origin.scope
    refilter(&s)
    if let id = origin.selectedID, let row = s.list.visible.firstIndex(of: id) {
      s.list.scroll.cursor = row
      s.list.scroll.clamp(count: s.list.visible.count, height: ScreenLayout(s.size).body.height)
    }
    s.view = origin.view
    s.status = nil
    if s.view == .agencies { refreshReport(&s) }
    clampAll(&s)
  }

  // MARK: Moving

  static func move(_ s: inout AppState, _ delta: Int) {
    let layout = ScreenLayout(s.size)
    switch s.overlays.last {
    case .detail(var d)?:
      // The title row stays put; the lines under it scroll.
      let count = detailLineCount(s, d)
      let height = Render.scrollingHeight(layout)
      let maxTop = max(0, count - height)
      d.scroll.top = max(0, min(maxTop, d.scroll.top + delta))
      d.scroll.cursor = d.scroll.top
      s.overlays[s.overlays.count - 1] = .detail(d)
    case .help(var h)?:
      let count = Render.helpColumns(s).map(\.count).max() ?? 0
      let maxTop = max(0, count - Render.scrollingHeight(layout))
      h.top = max(0, min(maxTop, h.top + delta))
      h.cursor = h.top
      s.overlays[s.overlays.count - 1] = .help(h)
    default:
      switch s.view {
      case .tasks: s.list.scroll.move(delta, count: s.list.visible.count, height: layout.body.height)
      case .meetings: s.meetings.move(delta, count: s.data.catalog.meetings.count, height: layout.body.height)
      case .agencies: s.agencies.scroll.move(delta, count: workload(s).rows.count, height: layout.agencyBody.height)
      }
    }
  }

  /// How many lines of the detail scroll under its pinned title.
  static func detailLineCount(_ s: AppState, _ d: DetailState) -> Int {
    max(0, Render.detailLines(s, d, width: ScreenLayout(s.size).page.width).count - 1)
  }

  static func clampAll(_ s: inout AppState) {
    let h = ScreenLayout(s.size).body.height
    s.list.scroll.clamp(count: s.list.visible.count, height: h)
    s.meetings.clamp(count: s.data.catalog.meetings.count, height: h)
    if s.view == .agencies {
      s.agencies.scroll.clamp(count: workload(s).rows.count, height: ScreenLayout(s.size).agencyBody.height)
    }
  }

  // MARK: Prompts

  static func promptKey(_ s: inout AppState, _ key: Key) -> [AppEffect] {
    let l = s.env.lang
    switch s.prompt {
    case .search(var e)?:
      switch key {
      case .enter:
        s.prompt = nil
        let n = s.list.visible.count
        s.status = StatusMessage(s.list.searchText.isEmpty ? "" : l.pick(vi: "Tìm \"\(s.list.searchText)\": \(n) nhiệm vụ — Esc để bỏ", en: "Search \"\(s.list.searchText)\": \(counted(n, vi: "", en: "task", .en)) — Esc to clear"))
      case .escape:
        s.prompt = nil
        s.list.searchText = ""
        refilter(&s)
      case .up, .down, .pageUp, .pageDown:
        if let c = s.env.keys.command(for: key, in: .tasks) { return perform(&s, c) }
      default:
        guard e.handle(key) else { return [] }
        s.prompt = .search(e)
        s.list.searchText = e.text
        refilter(&s)
      }
    case .filter(var e, _)?:
      switch key {
      case .enter:
        do {
          s.list.filter = try TaskFilter.parse(e.text, context: s.filterContext)
          s.list.filterText = s.list.filter.source
          s.prompt = nil
          refilter(&s)
        } catch let err as UserError {
          s.prompt = .filter(e, error: err.message(l))
        } catch {}
      case .escape:
        s.prompt = nil
        s.list.filter = (try? TaskFilter.parse(s.list.filterText, context: s.filterContext)) ?? .all
        refilter(&s)
      default:
        guard e.handle(key) else { return [] }
        do {
          s.list.filter = try TaskFilter.parse(e.text, context: s.filterContext, incremental: true)
          s.prompt = .filter(e, error: nil)
        } catch let err as UserError {
          // A half-typed filter does not empty the list: the committed one stays in force.
          s.list.filter = (try? TaskFilter.parse(s.list.filterText, context: s.filterContext)) ?? .all
          s.prompt = .filter(e, error: err.message(l))
        } catch {}
        refilter(&s)
      }
    case nil:
      break
    }
    return []
  }

  static func handlePaste(_ s: inout AppState, _ text: String) -> [AppEffect] {
    if case .form(var form)? = s.overlays.last, form.fields.indices.contains(form.focus) {
      form.fields[form.focus].editor.insert(text)
      form.suggestion = 0
      form.menu = nil
      s.overlays[s.overlays.count - 1] = .form(form)
      return []
    }
    switch s.prompt {
    case .search(var e)?:
      e.insert(text)
      s.prompt = .search(e)
      s.list.searchText = e.text
      refilter(&s)
    case .filter(var e, _)?:
      e.insert(text)
      s.prompt = .filter(e, error: nil)
      return promptKey(&s, .end)
    case nil:
      // Pasted text outside a text field is ignored: it must never run as commands.
      break
    }
    return []
  }

  // MARK: Forms and confirmations

  static func formKey(_ s: inout AppState, _ form: inout FormState, _ key: Key) -> [AppEffect] {
    guard !form.saving else { return [] }
    let l = s.env.lang
    if form.confirmingDiscard {
      switch key {
      case .char("y"), .char("Y"), .char("c"), .char("C"):
        s.overlays.removeLast()
        s.status = StatusMessage(l.pick(vi: "Đã huỷ, không lưu gì.", en: "Cancelled; nothing saved."))
      case .char("n"), .char("N"), .char("k"), .char("K"), .escape:
        form.confirmingDiscard = false
      default:
        break
      }
      return []
    }
    if form.menu != nil, let effects = menuKey(&form, key) { return effects }
    let suggestions = form.focused.map { Forms.suggestions($0, s.data.catalog) } ?? []
    switch key {
    case .escape:
      if form.isDirty {
        form.confirmingDiscard = true
        return []
      }
      s.overlays.removeLast()
      s.status = StatusMessage(l.pick(vi: "Đã huỷ, không lưu gì.", en: "Cancelled; nothing saved."))
      return []
    case .enter, .ctrl("s"):
      switch Forms.submit(form, state: s) {
      case .success(let effect):
        form.saving = true
        form.error = nil
        if form.fromMarks { s.list.consumeMarks = true }
        return [effect]
      case .failure(let e):
        form.error = e.message
        form.errorField = e.field
        if let f = e.field, let i = form.fields.firstIndex(where: { $0.id == f }) { form.focus = i }
        return []
      }
    case .tab:
      if suggestions.count == 1, form.fields.indices.contains(form.focus) {
        Forms.accept(suggestions[0], into: &form.fields[form.focus])
        form.suggestion = 0
        clearFieldError(&form)
      } else if suggestions.count > 1, form.fields.indices.contains(form.focus) {
        // Several candidates: list them and walk through them rather than guess.
        let start = min(form.suggestion, suggestions.count - 1)
        form.menu = CompletionMenu(original: form.fields[form.focus].editor.text, candidates: suggestions, index: start)
        Forms.accept(suggestions[start], into: &form.fields[form.focus])
        clearFieldError(&form)
      } else {
        form.focus = (form.focus + 1) % form.fields.count
      }
    case .down:
      form.focus = (form.focus + 1) % form.fields.count
      form.suggestion = 0
    case .backTab, .up:
      form.focus = (form.focus + form.fields.count - 1) % form.fields.count
      form.suggestion = 0
    case .ctrl("n"):
      if !suggestions.isEmpty { form.suggestion = (form.suggestion + 1) % suggestions.count }
    case .ctrl("p"):
      if !suggestions.isEmpty { form.suggestion = (form.suggestion + suggestions.count - 1) % suggestions.count }
    default:
      guard form.fields.indices.contains(form.focus) else { return [] }
      var field = form.fields[form.focus]
      switch field.kind {
      case .toggle where key == .char(" ") || key == .left || key == .right:
        field.editor = LineEditor(field.editor.text.isEmpty ? "x" : "")
      case .choice(let options) where key == .char(" ") || key == .left || key == .right:
        let i = options.firstIndex(of: field.editor.text) ?? 0
        let next = key == .left ? (i + options.count - 1) % options.count : (i + 1) % options.count
        field.editor = LineEditor(options[next])
      case .toggle, .choice:
        break
      default:
        _ = field.editor.handle(key)
      }
      form.fields[form.focus] = field
      form.suggestion = 0
      clearFieldError(&form)
    }
    return []
  }

  /// Keys while the completion list is open: Tab/↓ and Shift-Tab/↑ walk it, Enter keeps the
  /// highlighted candidate, Esc puts back what was typed; any other key keeps the candidate
  /// and then acts as usual (nil).
  static func menuKey(_ form: inout FormState, _ key: Key) -> [AppEffect]? {
    guard var menu = form.menu, form.fields.indices.contains(form.focus), !menu.candidates.isEmpty else {
      form.menu = nil
      return nil
    }
    let n = menu.candidates.count
    switch key {
    case .tab, .down, .ctrl("n"): menu.index = (menu.index + 1) % n
    case .backTab, .up, .ctrl("p"): menu.index = (menu.index + n - 1) % n
    case .enter:
      form.menu = nil
      return []
    case .escape:
      form.fields[form.focus].editor = LineEditor(menu.original)
      form.fields[form.focus].editor.handle(.end)
      form.menu = nil
      return []
    default:
      form.menu = nil
      return nil
    }
    var field = form.fields[form.focus]
    field.editor = LineEditor(menu.original)
    Forms.accept(menu.candidates[menu.index], into: &field)
    form.fields[form.focus] = field
    form.menu = menu
    return []
  }

  static func clearFieldError(_ form: inout FormState) {
    guard let field = form.focused, form.errorField == field.id else { return }
    form.error = nil
    form.errorField = nil
  }

  /// After a form saved: a new meeting opens the task form for its first conclusion; a task
  /// added in that sitting opens the next one.
  static func chainAfterSave(_ s: inout AppState, _ form: FormState, changed: [FollowUpTask]) -> [AppEffect] {
    switch form.purpose {
    case .addMeeting:
      let ref = VietText.clean(form.text(.meetingRef))
      var next = Forms.taskForm(nil, purpose: .addTask, asOf: s.env.asOf, meeting: ref)
      next.chainedMeeting = ref
      if let i = next.fields.firstIndex(where: { $0.id == .item }) { next.fields[i] = FormField(.item, .text, "1") }
      next.markClean()
      s.overlays.append(.form(next))
    case .addTask where form.chainedMeeting != nil:
      guard let ref = form.chainedMeeting else { return [] }
      var next = Forms.taskForm(nil, purpose: .addTask, asOf: s.env.asOf, meeting: ref)
      next.chainedMeeting = ref
      let item = Int(form.text(.item)).map { String($0 + 1) } ?? ""
      if let i = next.fields.firstIndex(where: { $0.id == .item }) { next.fields[i] = FormField(.item, .text, item) }
      for id in [FieldID.lead, .tracker] {
        if let i = next.fields.firstIndex(where: { $0.id == id }) {
          next.fields[i] = FormField(id, next.fields[i].kind, form.text(id), required: next.fields[i].required)
        }
      }
      next.markClean()
      s.overlays.append(.form(next))
    default:
      if let t = changed.first, case .addTask = form.purpose, let row = s.list.visible.firstIndex(of: t.id) {
        s.list.scroll.cursor = row
        s.list.scroll.clamp(count: s.list.visible.count, height: ScreenLayout(s.size).body.height)
      }
    }
    return []
  }

  static func confirmKey(_ s: inout AppState, _ c: ConfirmState, _ key: Key) -> [AppEffect] {
    switch key {
    case .char("w"), .char("W"):
      // Withdrawing asks for the reason, as `followup withdraw --reason` takes one.
      s.overlays.removeLast()
      s.overlays.append(.form(Forms.withdrawForm(ids: c.ids, versions: c.versions, fromMarks: c.fromMarks)))
      return []
    case .char("d"), .char("D"), .char("x"):
      s.overlays.removeLast()
      closeDetailIf(&s, ids: c.ids)
      s.list.marked.subtract(c.ids)
      if c.fromMarks { s.list.consumeMarks = true }
      return [.delete(ids: c.ids, expected: c.versions)]
    case .escape, .char("n"), .char("q"):
      s.overlays.removeLast()
      s.status = StatusMessage(s.env.lang.pick(vi: "Đã huỷ.", en: "Cancelled."))
    default:
      break
    }
    return []
  }

  static func closeDetailIf(_ s: inout AppState, ids: [Int]) {
    s.overlays.removeAll { if case .detail(let d) = $0 { return ids.contains(d.taskID) } else { return false } }
  }

  // MARK: Mouse

  static func handleMouse(_ s: inout AppState, _ m: MouseEvent) -> [AppEffect] {
    guard s.overlays.allSatisfy({ if case .form = $0 { return false } else { return true } }) else { return [] }
    let layout = ScreenLayout(s.size)
    switch m.kind {
    case .wheelUp: move(&s, -3)
    case .wheelDown: move(&s, 3)
    case .press(button: 1):
      if m.y == layout.header.y, s.overlays.isEmpty {
        for (v, range) in Render.tabRanges(s) where range.contains(m.x) { switchView(&s, v) }
        return []
      }
      let area = s.view == .agencies ? layout.agencyBody : layout.body
      guard s.overlays.isEmpty, area.contains(x: m.x, y: m.y) else { return [] }
      let row = m.y - area.y
      switch s.view {
      case .tasks:
        let i = s.list.scroll.top + row
        if s.list.visible.indices.contains(i) {
          if s.list.scroll.cursor == i { return open(&s) }
          s.list.scroll.cursor = i
        }
      case .meetings:
        let i = s.meetings.top + row
        if i < s.data.catalog.meetings.count { s.meetings.cursor = i }
      case .agencies:
        let i = s.agencies.scroll.top + row
        if i < workload(s).rows.count { s.agencies.scroll.cursor = i }
      }
    default: break
    }
    return []
  }

  // MARK: Filtering and sorting

  /// The workload report the agencies view shows.
  public static func workload(_ s: AppState) -> WorkloadReport {
    s.agencies.report ?? computeWorkload(s)
  }

  static func computeWorkload(_ s: AppState) -> WorkloadReport {
    WorkloadReport.compute(
      tasks: Array(s.data.tasks.values), catalog: s.data.catalog,
      options: WorkloadOptions(
        asOf: s.env.asOf, grouping: s.agencies.grouping, rollup: s.agencies.rollup,
        formula: s.env.formula, rules: s.env.rules, order: s.agencies.order))
  }

  /// Re-sorts every task for the current order, then re-filters.
  public static func resort(_ s: inout AppState) {
    let data = s.data
    let rank = TaskOrder.agencyRanks(data.catalog)
    var keys: [Int: SortKey] = [:]
    keys.reserveCapacity(data.tasks.count)
    var keyed: [(SortKey, Int)] = []
    keyed.reserveCapacity(data.tasks.count)
    data.tasks.forEach { id, t in
      let k = s.list.sort.key(t, timeliness: data.timeliness(of: id), asOf: s.env.asOf, basis: s.env.rules.basis, agencyRank: rank)
      keys[id] = k
      keyed.append((k, id))
    }
    keyed.sort { $0.0 < $1.0 }
    s.list.sorted = keyed.map(\.1)
    s.list.sortKeys = keys
    refilter(&s)
  }

  /// Brings the lists up to date after tasks changed: a few changed tasks are moved to their
  /// new places by binary search; many, or a new directory, sort everything again.
  static func afterDataChange(_ s: inout AppState, touched: [Int] = [], catalogChanged: Bool = true) {
    if catalogChanged { s.resolveMe() }
    s.list.marked = s.list.marked.filter { s.data.tasks[$0] != nil }
    if let f = try? TaskFilter.parse(s.list.filterText, context: s.filterContext) { s.list.filter = f }
    if s.list.scope != nil { updateScope(&s, touched: catalogChanged || touched.isEmpty ? nil : touched) }
    if catalogChanged || touched.count > 64 || touched.isEmpty {
      resort(&s)
    } else {
      reposition(&s, Set(touched))
      refilter(&s)
    }
    refreshReport(&s)
    clampAll(&s)
  }

  /// Keeps a drill-down's tasks those its agencies-view row counts: the changed tasks are
  /// judged again (all of them when `touched` is nil).
  static func updateScope(_ s: inout AppState, touched: [Int]?) {
    guard var scope = s.list.scope else { return }
    let data = s.data
    let asOf = s.env.asOf
    func counts(_ id: Int) -> Bool {
      guard data.timeliness(of: id) != .excluded, let t = data.tasks[id] else { return false }
      if let assigned = data.catalog.assignedOn(t), assigned > asOf { return false }
      switch scope.grouping {
      case .lead: return scope.codes.contains(t.lead)
      case .coordinating: return t.coordinating.contains { scope.codes.contains($0) }
      }
    }
    if let touched {
      for id in touched {
        if counts(id) { scope.ids.insert(id) } else { scope.ids.remove(id) }
      }
    } else {
      scope.ids = Set(data.tasks.keys.filter(counts))
    }
    s.list.scope = scope
  }

  static func reposition(_ s: inout AppState, _ ids: Set<Int>) {
    s.list.sorted.removeAll { ids.contains($0) }
    let rank = TaskOrder.agencyRanks(s.data.catalog)
    for id in ids {
      guard let t = s.data.tasks[id] else {
        s.list.sortKeys[id] = nil
        continue
      }
      let k = s.list.sort.key(t, timeliness: s.data.timeliness(of: id), asOf: s.env.asOf, basis: s.env.rules.basis, agencyRank: rank)
      s.list.sortKeys[id] = k
      var lo = 0, hi = s.list.sorted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if (s.list.sortKeys[s.list.sorted[mid]] ?? k) < k { lo = mid + 1 } else { hi = mid }
      }
      s.list.sorted.insert(id, at: lo)
    }
  }

  /// Recomputes the visible rows, keeping the selected task selected when it is still shown.
  ///
  /// The search's last word matches whole words; only when that finds nothing, and the word
  /// may still be unfinished (no space after it), does it match the beginning of words. So
  /// `doan` finds Đoàn and not doanh, while `nguyen binh kh` already finds Nguyễn Bỉnh Khiêm.
  public static func refilter(_ s: inout AppState) {
    let selected = s.list.selectedID
    let ctx = s.filterContext
    let text = s.list.searchText
    let exact = (try? TaskFilter.parse(text, context: ctx)) ?? TaskFilter(terms: [.nothing], source: text)
    var visible = matching(s, search: exact)
    if visible.isEmpty, !text.isEmpty, !(text.last?.isWhitespace ?? true),
      let prefix = try? TaskFilter.parse(text, context: ctx, incremental: true), prefix != exact
    {
      visible = matching(s, search: prefix)
    }
    s.list.visible = visible
    var counts = WorkloadCounts()
    for id in visible { counts.add(s.data.timeliness(of: id), extended: false) }
    s.list.counts = counts
    if let selected, let i = visible.firstIndex(of: selected) {
      s.list.scroll.cursor = i
    }
    s.list.scroll.clamp(count: visible.count, height: ScreenLayout(s.size).body.height)
  }

  /// The sorted task ids that pass the quick filters, the committed filter and a search.
  static func matching(_ s: AppState, search: TaskFilter) -> [Int] {
    let ctx = s.filterContext
    let filters = [s.list.filter, search].filter { !$0.isEmpty }
    let quick = s.list.quick
    let scope = s.list.scope?.ids
    let me = s.me
    let monday = s.env.asOf.adding(days: 1 - s.env.asOf.isoWeekday)
    let sunday = monday.adding(days: 6)
    let data = s.data
    var phrases: [PhraseKey: SearchIndex.Phrase] = [:]
    for f in filters {
      for (p, prefix) in f.textTerms { phrases[PhraseKey(words: p, prefix: prefix)] = data.index?.compile(p, lastIsPrefix: prefix) }
    }
    let asOf = s.env.asOf
    // The quick filters that need only the judgement (and, for a routine task, the task).
    func passesStatusQuick(_ id: Int, _ tl: Timeliness) -> Bool {
      if quick.openOnly && !tl.isOpen(finished: { data.tasks[id]?.isFinished(asOf: asOf) == true }) { return false }
      if quick.overdueOnly && !tl.isOverdue { return false }
      return true
    }
    // The common case, plain words (with at most "open only" or "overdue only"): straight
    // through the index, plus the tasks whose agencies' names contain the phrase.
    if !quick.mine, !quick.dueThisWeek, filters.count == 1, let only = filters.first,
      only.terms.count == textCount(only), let index = data.index
    {
      let compiled = only.textTerms.compactMap { t in
        phrases[PhraseKey(words: t.phrase, prefix: t.lastIsPrefix)].map { ($0, ctx.agencies(matching: t.phrase, lastIsPrefix: t.lastIsPrefix)) }
      }
      guard compiled.count == only.textTerms.count else { return [] }
      return s.list.sorted.filter { id in
        if let scope, !scope.contains(id) { return false }
        if quick.any && !passesStatusQuick(id, data.timeliness(of: id)) { return false }
        return compiled.allSatisfy { phrase, agencies in
          if index.matches(taskID: id, phrase) { return true }
          guard !agencies.isEmpty, let t = data.tasks[id] else { return false }
          return SearchText.involves(t, anyOf: agencies)
        }
      }
    }
    if filters.isEmpty && !quick.any {
      guard let scope else { return s.list.sorted }
      return s.list.sorted.filter { scope.contains($0) }
    }
    var visible: [Int] = []
    visible.reserveCapacity(s.list.sorted.count)
    // Only what needs the task itself fetches it: copying 100,000 task values to test a
    // status would cost more than the whole test.
    let needsTask = quick.mine || quick.dueThisWeek || !filters.isEmpty
    for id in s.list.sorted {
      if let scope, !scope.contains(id) { continue }
      let tl = data.timeliness(of: id)
      if !passesStatusQuick(id, tl) { continue }
      if !needsTask {
        visible.append(id)
        continue
      }
      guard let t = data.tasks[id] else { continue }
      if quick.mine && t.owner != me && t.tracker != me { continue }
      if quick.dueThisWeek {
        guard !tl.isDone, let d = (s.env.rules.basis == .effective ? t.effectiveDeadline(asOf: s.env.asOf) : t.deadline).date,
          d >= monday, d <= sunday
        else { continue }
      }
      var ok = true
      for f in filters {
        let hit = f.matches(t, context: ctx, timeliness: tl) { words, prefix in
          let key = PhraseKey(words: words, prefix: prefix)
          let phrase = phrases[key] ?? data.index?.compile(words, lastIsPrefix: prefix)
          return data.matchesText(id, phrase, words: words, prefix: prefix)
        }
        if !hit {
          ok = false
          break
        }
      }
      if ok { visible.append(id) }
    }
    return visible
  }

  static func textCount(_ f: TaskFilter) -> Int {
    f.terms.filter { if case .text = $0 { return true } else { return false } }.count
  }

  struct PhraseKey: Hashable {
    var words: [String]
    var prefix: Bool
  }

  static func reloadDetailHistory(_ s: AppState, touched: [Int]) -> [AppEffect] {
    guard case .detail(let d)? = s.overlays.last, touched.contains(d.taskID) else { return [] }
    return [.loadHistory(taskID: d.taskID)]
  }
}
