import FollowUpCore
import TermCore

// The task list: the commands that act on its tasks, the drill-down into it, and its drawing.

extension Update {
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

  /// The tasks a command acts on: the detail's task, else the marked ones, else the
  /// selected; read from the store, so their versions are the ones the edit is checked on.
  static func targetRows(_ s: AppState) -> [ListRow] {
    let ids: [Int]
    if case .detail(let d)? = s.overlays.last {
      ids = [d.taskID]
    } else if s.view != .tasks {
      return []
    } else if !s.list.marked.isEmpty {
      ids = s.list.marked.sorted()
    } else if let row = s.list.page.row(at: s.list.scroll.cursor) {
      // The selected row is on the page already, read with the list.
      return [row]
    } else {
      return []
    }
    return (try? s.source.rows(ids: ids, context: s.filterContext)) ?? []
  }

  /// The tasks of `targetRows`.
  static func targetTasks(_ s: AppState) -> [FollowUpTask] { targetRows(s).map(\.task) }

  static func meetingOfFilter(_ s: AppState) -> String? {
    for term in s.list.filter.terms {
      if case .meeting(let refs) = term, refs.count == 1 { return refs.first }
    }
    return nil
  }

  /// Space: marks open tasks done; when every target is already done or withdrawn, reopens
  /// them (what `followup reopen` does).
  static func toggleDone(_ s: inout AppState) -> [AppEffect] {
    let rows = targetRows(s)
    guard !rows.isEmpty else { return needOne(&s) }
    let fromMarks = targetsAreMarks(s)
    // Not by timeliness alone: a done routine task is still judged `.routine`, and a second
    // Space must reopen it, not mark it done again.
    let asOf = s.env.asOf
    let closed = { (r: ListRow) in r.task.isFinished(asOf: asOf) || r.timeliness.isDone }
    if rows.allSatisfy(closed) {
      let ts = rows.map(\.task)
      s.list.consumeMarks = fromMarks
      return [.modify(ids: ts.map(\.id), expected: versions(ts), edit: .reopen)]
    }
    let open = rows.filter { !closed($0) }.map(\.task)
    s.list.consumeMarks = fromMarks
    return [.modify(ids: open.map(\.id), expected: versions(open), edit: .markDone(s.env.asOf))]
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
    refresh(&s, keep: .top)
  }

  /// Esc after a drill-down: the list as it was, and the view (and row) it was opened from.
  static func goBack(_ s: inout AppState, to origin: DrillOrigin) {
    s.drillOrigin = nil
    s.list.filterText = origin.filterText
    s.list.filter = (try? TaskFilter.parse(origin.filterText, context: s.filterContext)) ?? .all
    s.list.searchText = origin.searchText
    s.list.quick = origin.quick
    s.list.scope = origin.scope
    refresh(&s, keep: .task(origin.selectedID))
    s.view = origin.view
    s.status = nil
    refreshReport(&s)
    clampAll(&s)
  }
}

extension Render {
  static func tasksView(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) -> (x: Int, y: Int)? {
    let t = s.env.theme, l = s.env.lang
    var cursor: (x: Int, y: Int)? = nil
    // Subheader: prompt, or what is filtering the list.
    let y1 = layout.subheader.y
    switch s.prompt {
    case .search(let e)?:
      let x = g.put("/ ", x: 0, y: y1, style: t.label)
      let v = e.visible(width: max(1, layout.subheader.width - x - 1))
      g.put(v.text, x: x, y: y1, width: layout.subheader.width - x)
      cursor = (x + v.cursorColumn, y1)
    case .filter(let e, let error)?:
      let x = g.put(l.pick(vi: "Lọc: ", en: "Filter: "), x: 0, y: y1, style: t.label)
      let fieldWidth = max(10, (layout.subheader.width - x) * (error == nil ? 1 : 1) / (error == nil ? 1 : 2))
      let v = e.visible(width: fieldWidth)
      let w = g.put(v.text, x: x, y: y1, width: fieldWidth)
      cursor = (x + v.cursorColumn, y1)
      if let error {
        let ex = x + max(w, v.cursorColumn) + 1
        putLine(&g, "  " + error, x: ex, y: y1, width: layout.subheader.width - ex, style: t.overdue)
      }
    case nil:
      putLine(&g, filterSummary(s), x: 0, y: y1, width: layout.subheader.width, style: t.muted)
    }
    // Column headings.
    // The id column fits the largest id on the page, and at least the number of tasks (ids
    // are given out in order), so it does not change width while scrolling.
    let maxID = max(s.list.stored, s.list.page.rows.map(\.task.id).max() ?? 0)
    let cols = ScreenLayout.taskColumns(layout.columns.width, maxID: maxID)
    var x = 0
    let y2 = layout.columns.y
    g.fill(layout.columns, style: t.columnHeader)
    func head(_ text: String, _ w: Int, right: Bool = false) {
      guard w > 0 else { return }
      g.put(TextWidth.pad(text, to: w, alignRight: right), x: x, y: y2, width: w, style: t.columnHeader)
      x += w + 1
    }
    head("#", cols.id, right: true)
    head("", cols.mark)
    head(l.pick(vi: "Hạn", en: "Deadline"), cols.deadline)
    head(l.pick(vi: "Chủ trì", en: "Lead"), cols.lead)
    head(l.pick(vi: "Phụ trách", en: "Owner"), cols.owner)
    head(l.pick(vi: "Nội dung", en: "Content"), cols.content)
    // Rows.
    let body = layout.body
    if s.list.page.total == 0 {
      let msg = s.list.stored == 0
        ? l.pick(vi: "Chưa có nhiệm vụ nào. Nhấn \(s.env.keys.key(.add)) để thêm, hoặc nhập dữ liệu: followup import tệp.json", en: "No tasks yet. Press \(s.env.keys.key(.add)) to add one, or import: followup import file.json")
        : l.pick(vi: "Không có nhiệm vụ nào khớp. \(s.env.keys.key(.back)) để bỏ lọc.", en: "No task matches. \(s.env.keys.key(.back)) clears the filters.")
      putLine(&g, msg, x: 1, y: body.y + 1, width: body.width - 1, style: t.muted)
    }
    // Only the rows on screen are looked at for the words searched, never the whole list.
    let searchWords = VietText.tokens(s.list.searchText)
    let lastIsPrefix = !(s.list.searchText.last?.isWhitespace ?? true)
    let contentX = cols.id + 1 + cols.mark + 1 + cols.deadline + 1 + (cols.lead > 0 ? cols.lead + 1 : 0) + (cols.owner > 0 ? cols.owner + 1 : 0)
    for row in 0..<body.height {
      let i = s.list.scroll.top + row
      guard let listed = s.list.page.row(at: i) else { break }
      let task = listed.task
      let y = body.y + row
      let tl = listed.timeliness
      let base = t.style(for: tl)
      let marked = s.list.marked.contains(task.id)
      var x = 0
      func cell(_ text: String, _ w: Int, _ style: Style, right: Bool = false) {
        guard w > 0 else { return }
        g.put(TextWidth.pad(text, to: w, alignRight: right), x: x, y: y, width: w, style: style)
        x += w + 1
      }
      cell((marked ? "*" : "") + String(task.id), cols.id, marked ? t.marked : .plain, right: true)
      cell(Words.mark(tl), cols.mark, base)
      let eff = s.env.rules.basis == .effective ? task.effectiveDeadline(asOf: s.env.asOf) : task.deadline
      cell(eff.display + (eff != task.deadline ? "*" : ""), cols.deadline, base)
      cell(s.catalog.agencyLabel(task.lead), cols.lead, .plain)
      cell(s.catalog.personName(task.owner), cols.owner, .plain)
      let content = task.content.replacingOccurrences(of: "\n", with: " ")
      let (shown, hits) = searchWords.isEmpty
        ? (content, [])
        : showingHits(content, searchHits(content, words: searchWords, lastIsPrefix: lastIsPrefix), width: cols.content)
      cell(shown, cols.content, tl == .excluded ? t.muted : .plain)
      for hit in hits where hit.lowerBound < cols.content {
        let r = Rect(x: contentX + hit.lowerBound, y: y, width: min(hit.upperBound, cols.content) - hit.lowerBound, height: 1)
        g.applyStyle(r) { $0 = $0.with([.bold, .underline]) }
      }
      if i == s.list.scroll.cursor && s.overlays.isEmpty {
        g.applyStyle(Rect(x: 0, y: y, width: body.width, height: 1)) { st in
          st = st.with(t.selected.attributes)
          if t.selected.background != .standard { st.background = t.selected.background }
        }
      }
    }
    return cursor
  }

  /// The display columns of the words of `text` the search words hit (whole words; the last
  /// one also as the start of a word while it may still be typed).
  static func searchHits(_ text: String, words: [String], lastIsPrefix: Bool) -> [Range<Int>] {
    guard let last = words.last else { return [] }
    let whole = Set(words)
    var hits: [Range<Int>] = []
    var column = 0
    var word = ""
    var start = 0
    func flush() {
      guard !word.isEmpty else { return }
      for token in VietText.tokens(word) where whole.contains(token) || (lastIsPrefix && token.hasPrefix(last)) {
        hits.append(start..<column)
        break
      }
      word = ""
    }
    for ch in text {
      if ch.isLetter || ch.isNumber || ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
        if word.isEmpty { start = column }
        word.append(ch)
      } else {
        flush()
      }
      column += TextWidth.width(ch)
    }
    flush()
    return hits
  }

  /// Text for a cell of `width` columns that shows its first search hit: when the hit lies
  /// past the cell's end, the start is cut (marked "…") so the hit and a little before it show.
  static func showingHits(_ text: String, _ hits: [Range<Int>], width: Int) -> (String, [Range<Int>]) {
    guard let first = hits.first, first.upperBound > width - 1, width > 8 else { return (text, hits) }
    let skip = max(0, first.lowerBound - min(12, width / 3))
    var dropped = 0
    var index = text.startIndex
    while index < text.endIndex, dropped < skip + 1 {
      dropped += TextWidth.width(text[index])
      index = text.index(after: index)
    }
    let shift = dropped - 1
    return ("…" + String(text[index...]), hits.compactMap { h in h.lowerBound - shift >= 1 ? (h.lowerBound - shift)..<(h.upperBound - shift) : nil })
  }

  static func filterSummary(_ s: AppState) -> String {
    let l = s.env.lang
    var parts: [String] = []
    let counts = s.list.counts
    let shown = s.list.page.total, total = s.list.stored
    parts.append(shown == total
      ? l.pick(vi: "\(total) nhiệm vụ", en: counted(total, vi: "", en: "task", .en))
      : l.pick(vi: "\(shown)/\(total) nhiệm vụ", en: "\(shown)/\(total) task" + (total == 1 ? "" : "s")))
    parts.append(l.pick(vi: "\(counts.overdue) quá hạn", en: "\(counts.overdue) overdue"))
    parts.append(l.pick(vi: "\(counts.dueSoon) sắp đến hạn", en: "\(counts.dueSoon) due soon"))
    parts.append(l.pick(vi: "\(counts.done) đã xong", en: "\(counts.done) done"))
    // A drill-down's agency comes first: on a narrow screen it is what must not be cut.
    if let scope = s.list.scope {
      let role = scope.grouping == .lead ? l.pick(vi: "chủ trì", en: "lead") : l.pick(vi: "phối hợp", en: "coordinating")
      parts.insert(scope.label + " (\(role))", at: 0)
    }
    if !s.list.filterText.isEmpty { parts.append(l.pick(vi: "lọc: ", en: "filter: ") + s.list.filterText) }
    if !s.list.searchText.isEmpty { parts.append(l.pick(vi: "tìm: ", en: "search: ") + s.list.searchText) }
    let q = s.list.quick
    if q.openOnly { parts.append(l.pick(vi: "[chưa xong]", en: "[open]")) }
    if q.overdueOnly { parts.append(l.pick(vi: "[quá hạn]", en: "[overdue]")) }
    if q.dueThisWeek { parts.append(l.pick(vi: "[tuần này]", en: "[this week]")) }
    if q.mine { parts.append(l.pick(vi: "[của tôi]", en: "[mine]")) }
    if q.awaitingAcceptance { parts.append(l.pick(vi: "[chờ đánh giá]", en: "[awaiting acceptance]")) }
    if !s.list.marked.isEmpty { parts.append(l.pick(vi: "\(s.list.marked.count) đã chọn", en: "\(s.list.marked.count) marked")) }
    parts.append(l.pick(vi: "xếp theo ", en: "by ") + Labels.sort(s.list.sort, l))
    return " " + parts.joined(separator: " · ")
  }
}
