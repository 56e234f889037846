import FollowUpCore
import TermCore

/// A drawn frame: the cells, and where the text cursor should be (nil hides it).
public struct Frame: Equatable, Sendable {
  /// The cells.
  public var grid: Grid
  /// The cursor position, when a text field has focus.
  public var cursor: (x: Int, y: Int)?

  public static func == (a: Frame, b: Frame) -> Bool {
    a.grid == b.grid && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
  }
}

/// Draws the whole state into a grid: a pure function, called for every frame.
public enum Render {
  /// Renders a frame.
  public static func frame(_ s: AppState) -> Frame {
    var g = Grid(size: s.size)
    var cursor: (x: Int, y: Int)? = nil
    let layout = ScreenLayout(s.size)
    guard layout.isUsable else {
      tooSmall(s, &g)
      return Frame(grid: g, cursor: nil)
    }
    header(s, &g, layout)
    switch s.view {
    case .tasks: cursor = tasksView(s, &g, layout)
    case .meetings: meetingsView(s, &g, layout)
    case .agencies: agenciesView(s, &g, layout)
    }
    for overlay in s.overlays {
      switch overlay {
      case .detail(let d):
        cursor = nil
        detailView(s, d, &g, layout)
      case .help(let h):
        cursor = nil
        helpView(s, h, &g, layout)
      case .form(let f): cursor = formView(s, f, &g, layout)
      case .confirm(let c):
        cursor = nil
        confirmView(s, c, &g, layout)
      }
    }
    footer(s, &g, layout)
    statusLine(s, &g, layout)
    return Frame(grid: g, cursor: cursor)
  }

  // MARK: Frame parts

  static func tooSmall(_ s: AppState, _ g: inout Grid) {
    let l = s.env.lang
    let min = ScreenLayout.minimum
    let text = l.pick(
      vi: "Cửa sổ quá nhỏ (\(s.size.width)×\(s.size.height)). Hãy phóng to ít nhất \(min.width)×\(min.height). q: thoát",
      en: "Window too small (\(s.size.width)×\(s.size.height)). Enlarge it to at least \(min.width)×\(min.height). q: quit")
    let lines = TextWidth.wrap(text, width: max(1, s.size.width))
    for (i, line) in lines.prefix(max(0, s.size.height)).enumerated() {
      g.put(line, x: 0, y: i, width: s.size.width, style: s.env.theme.error)
    }
  }

  static func header(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(layout.header, style: t.header)
    let tabs = tabRanges(s)
    let tabsStart = tabs.first?.1.lowerBound ?? layout.header.width
    let readOnly = s.env.writable ? "" : l.pick(vi: " · CHỈ ĐỌC", en: " · READ-ONLY")
    let day = l.pick(vi: "tính đến ", en: "as of ") + s.env.asOf.formatted
    var title = " FollowUp · \(s.env.fileLabel) · " + day + readOnly
    // The as-of day matters more than the file name when the header is short.
    if TextWidth.width(title) >= tabsStart { title = " FollowUp · " + day + readOnly }
    putLine(&g, title, x: 0, y: 0, width: max(0, tabsStart - 1), style: t.header)
    for (v, range) in tabs {
      g.put(" \(v.rawValue + 1) \(Labels.view(v, l)) ", x: range.lowerBound, y: 0, width: range.count, style: v == s.view ? t.activeTab : t.header)
    }
  }

  /// Where each view's tab sits in the header (for drawing and for mouse clicks).
  public static func tabRanges(_ s: AppState) -> [(ViewKind, Range<Int>)] {
    let l = s.env.lang
    var x = s.size.width
    var out: [(ViewKind, Range<Int>)] = []
    for v in ViewKind.allCases.reversed() {
      let w = TextWidth.width(" \(v.rawValue + 1) \(Labels.view(v, l)) ")
      x -= w
      out.insert((v, x..<(x + w)), at: 0)
    }
    return x > 20 ? out : []
  }

  /// Draws one line of text cut to `width` columns (and the screen's edge), ending with "…"
  /// when something was cut, so the reader knows there is more.
  @discardableResult
  static func putLine(_ g: inout Grid, _ text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
    let room = max(0, min(width, g.size.width - x))
    return g.put(TextWidth.truncate(text, to: room), x: x, y: y, width: room, style: style)
  }

  /// Wraps text into at most `maxLines` lines of `width` columns, the last ending with "…"
  /// when the rest does not fit.
  static func wrapLines(_ text: String, width: Int, maxLines: Int) -> [String] {
    let lines = TextWidth.wrap(text, width: max(1, width))
    guard lines.count > maxLines, maxLines > 0 else { return lines }
    let last = lines[(maxLines - 1)...].joined(separator: " ")
    return Array(lines.prefix(maxLines - 1)) + [TextWidth.truncate(last, to: width)]
  }

  static func statusLine(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    guard layout.status.height > 0, let m = s.status, !m.text.isEmpty else { return }
    let style = m.isError ? s.env.theme.error : s.env.theme.info
    let text = " " + m.text + " "
    // An error must be read whole: when it does not fit it takes the footer's row as well.
    if m.isError && TextWidth.width(text) > layout.status.width && layout.footer.height > 0 {
      let lines = wrapLines(m.text, width: layout.status.width - 2, maxLines: 2)
      g.fill(Rect(x: 0, y: layout.status.y, width: layout.status.width, height: 2), style: style)
      for (i, line) in lines.enumerated() {
        g.put(" " + line, x: 0, y: layout.status.y + i, width: layout.status.width, style: style)
      }
      return
    }
    putLine(&g, text, x: 0, y: layout.status.y, width: layout.status.width, style: style)
  }

  static func footer(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    guard layout.footer.height > 0 else { return }
    let t = s.env.theme, l = s.env.lang
    var items: [(String, String)]
    if case .form(let f)? = s.overlays.last, f.confirmingDiscard {
      items = [("y", l.pick(vi: "bỏ các thay đổi", en: "discard changes")), ("n", l.pick(vi: "tiếp tục sửa", en: "keep editing"))]
    } else if case .form(let f)? = s.overlays.last, f.menu != nil {
      items = [("Tab/↓", l.pick(vi: "gợi ý sau", en: "next")), ("S-Tab/↑", l.pick(vi: "gợi ý trước", en: "previous")),
        ("Enter", l.pick(vi: "chọn", en: "choose")), ("Esc", l.pick(vi: "như đã gõ", en: "as typed"))]
    } else if case .form? = s.overlays.last {
      items = [("Enter", l.pick(vi: "lưu", en: "save")), ("Tab", l.pick(vi: "chọn gợi ý / ô kế", en: "complete / next")),
        ("↑↓", l.pick(vi: "chuyển ô", en: "fields")), ("Space", l.pick(vi: "đổi lựa chọn", en: "toggle")), ("Esc", l.pick(vi: "huỷ", en: "cancel"))]
    } else if case .confirm? = s.overlays.last {
      items = [("w", l.pick(vi: "dừng thực hiện", en: "withdraw")), ("d", l.pick(vi: "xoá", en: "delete")), ("Esc", l.pick(vi: "huỷ", en: "cancel"))]
    } else if case .help? = s.overlays.last {
      items = [("q/Esc", l.pick(vi: "đóng", en: "close")), ("j/k ↑↓ PgUp/PgDn", l.pick(vi: "cuộn", en: "scroll"))]
    } else if let p = s.prompt, s.overlays.isEmpty {
      if case .search = p {
        items = [("Enter", l.pick(vi: "giữ kết quả", en: "keep")), ("Esc", l.pick(vi: "bỏ tìm", en: "clear")), ("↑↓", l.pick(vi: "chọn", en: "move"))]
      } else {
        items = [("Enter", l.pick(vi: "áp dụng", en: "apply")), ("Esc", l.pick(vi: "huỷ", en: "cancel")),
          ("", "agency: with: status: owner: due< meeting: #tag")]
      }
    } else {
      let bindings = s.env.keys.footer(s.scope)
      // Help and quit are always offered; other entries fill the room left, whole or not at all.
      let essential = bindings.filter { $0.command == .help || $0.command == .quit }
      let others = bindings.filter { $0.command != .help && $0.command != .quit }
      let reserved = essential.reduce(0) { $0 + TextWidth.width($1.footerLabel) + TextWidth.width($1.help(l)) + 3 }
      var room = layout.footer.width - reserved
      var chosen: [KeyBinding] = []
      for b in others {
        let w = TextWidth.width(b.footerLabel) + TextWidth.width(b.help(l)) + 3
        guard w <= room else { break }
        chosen.append(b)
        room -= w
      }
      items = (chosen + essential).map { ($0.footerLabel, $0.help(l)) }
    }
    var x = 0
    for (key, text) in items {
      let w = TextWidth.width(key) + TextWidth.width(text) + (key.isEmpty ? 1 : 3)
      guard x + w - 2 <= layout.footer.width else { break }
      if !key.isEmpty {
        x += g.put(key, x: x, y: layout.footer.y, width: layout.footer.width - x, style: t.footerKey)
      }
      x += g.put(" " + text + "  ", x: x, y: layout.footer.y, width: layout.footer.width - x, style: t.footerText)
    }
  }

  // MARK: Tasks

  struct TaskColumns {
    var id: Int, mark: Int, deadline: Int, lead: Int, owner: Int, content: Int
  }

  static func taskColumns(_ width: Int, maxID: Int) -> TaskColumns {
    let id = max(2, String(maxID).count) + 1
    var lead = width >= 100 ? 16 : 13
    var owner = width >= 100 ? 18 : 15
    let deadline = 13
    if width < 70 { owner = 0 }
    if width < 52 { lead = 0 }
    let used = id + 1 + 2 + 1 + deadline + 1 + (lead > 0 ? lead + 1 : 0) + (owner > 0 ? owner + 1 : 0)
    return TaskColumns(id: id, mark: 2, deadline: deadline, lead: lead, owner: owner, content: max(1, width - used))
  }

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
    let maxID = s.data.tasks.maxID ?? 0
    let cols = taskColumns(layout.columns.width, maxID: maxID)
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
    if s.list.visible.isEmpty {
      let msg = s.data.tasks.isEmpty
        ? l.pick(vi: "Chưa có nhiệm vụ nào. Nhấn a để thêm, hoặc nhập dữ liệu: followup import tệp.json", en: "No tasks yet. Press a to add one, or import: followup import file.json")
        : l.pick(vi: "Không có nhiệm vụ nào khớp. Esc để bỏ lọc.", en: "No task matches. Esc clears the filters.")
      putLine(&g, msg, x: 1, y: body.y + 1, width: body.width - 1, style: t.muted)
    }
    // Only the rows on screen are looked at for the words searched, never the whole list.
    let searchWords = VietText.tokens(s.list.searchText)
    let lastIsPrefix = !(s.list.searchText.last?.isWhitespace ?? true)
    let contentX = cols.id + 1 + cols.mark + 1 + cols.deadline + 1 + (cols.lead > 0 ? cols.lead + 1 : 0) + (cols.owner > 0 ? cols.owner + 1 : 0)
    for row in 0..<body.height {
      let i = s.list.scroll.top + row
      guard s.list.visible.indices.contains(i), let task = s.data.tasks[s.list.visible[i]] else { break }
      let y = body.y + row
      let tl = s.data.timeliness(of: task.id)
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
      cell(s.data.catalog.agencyLabel(task.lead), cols.lead, .plain)
      cell(s.data.catalog.personName(task.owner), cols.owner, .plain)
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
    let shown = s.list.visible.count, total = s.data.tasks.count
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
    if !s.list.marked.isEmpty { parts.append(l.pick(vi: "\(s.list.marked.count) đã chọn", en: "\(s.list.marked.count) marked")) }
    parts.append(l.pick(vi: "xếp theo ", en: "by ") + Labels.sort(s.list.sort, l))
    return " " + parts.joined(separator: " · ")
  }

  // MARK: Meetings

  static func meetingsView(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    var byMeeting: [String: WorkloadCounts] = [:]
    s.data.tasks.forEach { id, task in
      guard let m = task.meeting else { return }
      byMeeting[m, default: WorkloadCounts()].add(s.data.timeliness(of: id), extended: false)
    }
    putLine(&g, l.pick(vi: " Cuộc họp, mới nhất trước · Enter: xem nhiệm vụ của cuộc họp · a: thêm cuộc họp và các kết luận",
      en: " Meetings, newest first · Enter: its tasks · a: add a meeting and its conclusions"),
      x: 0, y: layout.subheader.y, width: layout.subheader.width, style: t.muted)
    let widths = [10, 12, 5, 7, 7, 6]
    let heads = [l.pick(vi: "Ngày", en: "Date"), l.pick(vi: "Mã", en: "Ref"), l.pick(vi: "NV", en: "Tasks"), l.pick(vi: "Chưa HT", en: "Open"),
      l.pick(vi: "Quá hạn", en: "Overdue"), l.pick(vi: "Đã HT", en: "Done"), l.pick(vi: "Nội dung", en: "Title")]
    g.fill(layout.columns, style: t.columnHeader)
    var x = 0
    for (i, h) in heads.enumerated() {
      let w = i < widths.count ? widths[i] : max(1, layout.columns.width - x)
      g.put(TextWidth.pad(h, to: w, alignRight: (2...5).contains(i)), x: x, y: layout.columns.y, width: w, style: t.columnHeader)
      x += w + 1
    }
    let meetings = s.data.catalog.meetingsNewestFirst
    if meetings.isEmpty {
      putLine(&g, l.pick(vi: "Chưa có cuộc họp nào. Nhấn a để thêm.", en: "No meetings yet. Press a to add one."), x: 1, y: layout.body.y + 1, width: layout.body.width - 1, style: t.muted)
    }
    for row in 0..<layout.body.height {
      let i = s.meetings.top + row
      guard meetings.indices.contains(i) else { break }
      let m = meetings[i]
      let c = byMeeting[m.ref] ?? WorkloadCounts()
      let y = layout.body.y + row
      let cells = [m.date.formatted, m.ref, String(c.total + c.excluded), String(c.open), String(c.overdue), String(c.done), m.title]
      var x = 0
      for (k, text) in cells.enumerated() {
        let w = k < widths.count ? widths[k] : max(1, layout.body.width - x)
        let style: Style = k == 4 && c.overdue > 0 ? t.overdue : .plain
        g.put(TextWidth.pad(text, to: w, alignRight: (2...5).contains(k)), x: x, y: y, width: w, style: style)
        x += w + 1
      }
      if i == s.meetings.cursor && s.overlays.isEmpty {
        g.applyStyle(Rect(x: 0, y: y, width: layout.body.width, height: 1)) { $0 = $0.with(t.selected.attributes) }
      }
    }
  }

  // MARK: Agencies

  static func agenciesView(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    let report = Update.workload(s)
    let a = s.agencies
    let options = [
      a.grouping == .lead ? l.pick(vi: "theo cơ quan chủ trì", en: "by lead agency") : l.pick(vi: "theo cơ quan phối hợp", en: "by coordinating agency"),
      a.rollup ? l.pick(vi: "gộp số liệu", en: "rolled up") : l.pick(vi: "không gộp", en: "not rolled up"),
      l.pick(vi: "xếp: ", en: "order: ") + Labels.order(a.order, l),
      s.env.rules.basis == .effective ? l.pick(vi: "hạn hiện hành", en: "effective deadline") : l.pick(vi: "hạn ban đầu", en: "original deadline"),
    ]
    putLine(&g, " " + l.pick(vi: "Biểu tổng hợp", en: "Workload") + " · " + options.joined(separator: " · "), x: 0, y: layout.subheader.y, width: layout.subheader.width, style: t.muted)
    let rows = report.rows
    let f = s.env.formula
    // The official columns (4)…(14) under their two bands, sized by their contents so the bar
    // keeps room; narrow windows keep the essential ones.
    struct Col {
      var title: String
      var band: Int  // 0 none, 1 done, 2 open
      var value: (WorkloadCounts) -> String
      var emphasise: (WorkloadCounts) -> Bool = { _ in false }
      var width = 0
    }
    func num(_ k: KeyPath<WorkloadCounts, Int>) -> (WorkloadCounts) -> String { { NumberFormat.integer($0[keyPath: k], l) } }
    var cols: [Col] = [
      Col(title: l.pick(vi: "Tổng", en: "Total"), band: 0, value: num(\.total)),
      Col(title: l.pick(vi: "Đúng", en: "On time"), band: 1, value: num(\.doneOnTime)),
      Col(title: l.pick(vi: "Quá", en: "Late"), band: 1, value: num(\.doneLate)),
      Col(title: "KTH", band: 1, value: num(\.doneNoDeadline)),
      Col(title: l.pick(vi: "Trong", en: "In time"), band: 2, value: num(\.openInTime)),
      Col(title: l.pick(vi: "Quá", en: "Overdue"), band: 2, value: num(\.overdue), emphasise: { $0.overdue > 0 }),
      Col(title: "KTH", band: 2, value: num(\.openNoDeadline)),
      Col(title: "TX", band: 0, value: num(\.routine)),
      Col(title: l.pick(vi: "Gia hạn", en: "Ext."), band: 0, value: num(\.extended)),
      Col(title: l.pick(vi: "Đến hạn", en: "Due"), band: 0, value: num(\.due)),
      Col(title: l.pick(vi: "Tỷ lệ HT", en: "Done %"), band: 0, value: { NumberFormat.percent($0.completionRate(f), l) }),
      Col(title: l.pick(vi: "Đúng hạn", en: "On time %"), band: 0, value: { NumberFormat.percent($0.onTimeRate(f), l) }),
    ]
    if l == .en {
      cols[3].title = "ND"
      cols[6].title = "ND"
      cols[7].title = "Rout."
    }
    let allCounts = rows.map(\.counts) + [report.totals]
    for i in cols.indices {
      cols[i].width = max(TextWidth.width(cols[i].title), allCounts.map { TextWidth.width(cols[i].value($0)) }.max() ?? 1)
    }
    let labels = rows.map { Words.rowLabel($0, s.data.catalog, l, fullNameLimit: 28) }
    let wantName = max(12, min(36, (labels.map { TextWidth.width($0) }.max() ?? 12)))
    func numbersWidth() -> Int { cols.reduce(0) { $0 + $1.width + 1 } }
    let minBar = 10
    var compact = false
    if 4 + 16 + 1 + numbersWidth() + minBar > layout.columns.width {
      // Too narrow for every column: keep total, done, overdue and the completion rate.
      compact = true
      let keep = [0, 5, 10]
      var done = Col(title: l.pick(vi: "Đã HT", en: "Done"), band: 0, value: num(\.done))
      done.width = max(TextWidth.width(done.title), allCounts.map { TextWidth.width(done.value($0)) }.max() ?? 1)
      var overdue = cols[keep[1]]
      overdue.title = l.pick(vi: "Quá hạn", en: "Overdue")
      overdue.width = max(overdue.width, TextWidth.width(overdue.title))
      cols = [cols[keep[0]], done, overdue, cols[keep[2]]]
    }
    let nameWidth = max(8, min(wantName, layout.columns.width - 4 - 1 - numbersWidth() - minBar))
    let barX = 4 + nameWidth + 1 + numbersWidth()
    let barWidth = max(0, layout.columns.width - barX - 1)
    // Band line over the official columns, as printed reports have it.
    var x = 4 + nameWidth + 1
    var bandSpan: [Int: (Int, Int)] = [:]
    for c in cols {
      if c.band > 0 {
        let span = bandSpan[c.band] ?? (x, x)
        bandSpan[c.band] = (span.0, x + c.width)
      }
      x += c.width + 1
    }
    for (band, span) in bandSpan where !compact {
      let w = span.1 - span.0
      let long = band == 1 ? l.pick(vi: "Đã hoàn thành", en: "Done") : l.pick(vi: "Chưa hoàn thành", en: "Open")
      let short = band == 1 ? l.pick(vi: "HT", en: "Done") : l.pick(vi: "Chưa HT", en: "Open")
      let title = TextWidth.width(long) + 2 <= w ? long : short
      let inner = max(0, w - 2)
      let label = TextWidth.truncate(title, to: inner)
      let pad = max(0, inner - TextWidth.width(label))
      let line = "├" + String(repeating: "─", count: pad / 2) + label + String(repeating: "─", count: pad - pad / 2) + "┤"
      g.put(line, x: span.0, y: 2, width: w, style: t.muted)
    }
    if compact {
      putLine(&g, l.pick(vi: "(thu gọn: phóng to cửa sổ để xem đủ các cột của biểu)", en: "(compact: widen the window for every column of the report)"), x: 4, y: 2, width: layout.columns.width - 4, style: t.muted)
    }
    let y3 = 3
    g.fill(Rect(x: 0, y: y3, width: layout.columns.width, height: 1), style: t.columnHeader)
    g.put(TextWidth.pad(l.pick(vi: "STT", en: "No."), to: 3, alignRight: true), x: 0, y: y3, style: t.columnHeader)
    g.put(TextWidth.pad(a.grouping == .lead ? l.pick(vi: "Cơ quan chủ trì", en: "Lead agency") : l.pick(vi: "Cơ quan phối hợp", en: "Coordinating"), to: nameWidth), x: 4, y: y3, width: nameWidth, style: t.columnHeader)
    x = 4 + nameWidth + 1
    for c in cols {
      g.put(TextWidth.pad(c.title, to: c.width, alignRight: true), x: x, y: y3, width: c.width, style: t.columnHeader)
      x += c.width + 1
    }
    if barWidth > 3 {
      putLine(&g, l.pick(vi: "xong/trong hạn/quá hạn", en: "done/open/overdue"), x: barX, y: y3, width: barWidth, style: t.columnHeader)
    }
    let maxTotal = max(1, rows.map { $0.counts.total }.max() ?? 1)
    let body = layout.agencyBody
    func drawRow(_ y: Int, _ no: String, _ name: String, _ c: WorkloadCounts, bar: Bool, style: Style) {
      g.put(TextWidth.pad(no, to: 3, alignRight: true), x: 0, y: y, style: style)
      g.put(TextWidth.pad(name, to: nameWidth), x: 4, y: y, width: nameWidth, style: style)
      var x = 4 + nameWidth + 1
      for col in cols {
        let st = style == .plain && col.emphasise(c) ? t.overdue : style
        g.put(TextWidth.pad(col.value(c), to: col.width, alignRight: true), x: x, y: y, width: col.width, style: st)
        x += col.width + 1
      }
      guard bar, barWidth > 3, c.total > 0 else { return }
      let length = max(1, Int((Double(c.total) / Double(maxTotal) * Double(barWidth)).rounded()))
      let parts = [c.done, c.openInTime, c.overdue, c.openNoDeadline + c.routine]
      let styles = [t.barDone, t.barOpen, t.barOverdue, t.barOther]
      var widths = parts.map { Int((Double($0) / Double(c.total) * Double(length)).rounded(.down)) }
      // Give rounding leftovers to the largest parts, but never hide a non-zero overdue count.
      var left = length - widths.reduce(0, +)
      for k in parts.indices.sorted(by: { parts[$0] > parts[$1] }) where left > 0 && parts[k] > 0 {
        widths[k] += 1
        left -= 1
      }
      if parts[2] > 0 && widths[2] == 0, let k = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[k] > 1 {
        widths[k] -= 1
        widths[2] = 1
      }
      var bx = barX
      for k in parts.indices where widths[k] > 0 {
        g.put(String(repeating: t.barGlyphs[k], count: widths[k]), x: bx, y: y, width: widths[k], style: styles[k])
        bx += widths[k]
      }
    }
    if rows.isEmpty {
      putLine(&g, l.pick(vi: "Chưa có số liệu đến ngày này.", en: "No figures for this day."), x: 1, y: body.y + 1, width: body.width - 1, style: t.muted)
    }
    let visibleRows = max(0, body.height - 1)
    for r in 0..<visibleRows {
      let i = a.scroll.top + r
      guard rows.indices.contains(i) else { break }
      let y = body.y + r
      drawRow(y, String(i + 1), labels[i], rows[i].counts, bar: true, style: .plain)
      if i == a.scroll.cursor && s.overlays.isEmpty {
        g.applyStyle(Rect(x: 0, y: y, width: 4 + nameWidth, height: 1)) { $0 = $0.with(t.selected.attributes) }
      }
    }
    if body.height > 0 && !rows.isEmpty {
      let y = body.y + min(visibleRows, rows.count - a.scroll.top)
      drawRow(y, "", l.pick(vi: "Tổng cộng", en: "Total"), report.totals, bar: false, style: t.label)
    }
  }

  // MARK: Detail and help

  /// Rows under the pinned title of the full-screen pages (detail and help), which scroll.
  public static func scrollingHeight(_ layout: ScreenLayout) -> Int {
    max(1, layout.page.height - 1)
  }

  /// The detail screen's lines, wrapped to a width, with the style of each; the first is the
  /// title, which stays at the top while the others scroll.
  public static func detailLines(_ s: AppState, _ d: DetailState, width: Int) -> [(String, Style)] {
    let t = s.env.theme, l = s.env.lang
    guard let task = d.task ?? s.data.tasks[d.taskID] else {
      return [(l.pick(vi: "Nhiệm vụ #\(d.taskID) không còn nữa (đã bị xoá ở nơi khác).", en: "Task #\(d.taskID) no longer exists (deleted elsewhere)."), t.error)]
    }
    var lines = TaskDetail.lines(
      task, catalog: s.data.catalog, asOf: s.env.asOf, rules: s.env.rules, lang: l, history: d.history)
    let statusLabel = l.pick(vi: "Tình trạng", en: "Status") + ": "
    if task.status == .withdrawn, let i = lines.firstIndex(where: { $0.hasPrefix(statusLabel) }) {
      // The status and the timeliness say the same word for a withdrawn task: say it once.
      lines[i] = statusLabel + Words.status(.withdrawn, l) + (withdrawReason(d.history).map { l.pick(vi: " · lý do: ", en: " · reason: ") + $0 } ?? "")
    }
    let tl = s.data.timeliness(of: task.id)
    var out: [(String, Style)] = []
    // One column is the left margin the screen draws before every line.
    let w = max(10, width - 1)
    for (i, line) in lines.enumerated() {
      let style: Style
      if i == 0 { style = t.label } else if line.hasSuffix(":") { style = t.label } else if line.hasPrefix(statusLabel) { style = t.style(for: tl) } else { style = .plain }
      if i == 0 {
        out.append((line, style))
        continue
      }
      if line.isEmpty {
        out.append(("", .plain))
        continue
      }
      let indent = line.hasPrefix("  ") ? "    " : "  "
      // The first piece takes the whole width; later pieces the width left after the indent.
      let first = TextWidth.wrap(line, width: w)
      guard let head = first.first else { continue }
      out.append((head, style))
      let rest = first.dropFirst().joined(separator: " ")
      if !rest.isEmpty {
        for part in TextWidth.wrap(rest, width: max(4, w - TextWidth.width(indent))) {
          out.append((indent + part, style))
        }
      }
    }
    return out
  }

  /// The reason given when the task was last withdrawn: the progress note the withdrawal
  /// recorded, found in the history (nil when none was given or the history has not loaded).
  static func withdrawReason(_ history: [TaskDetail.HistoryLine]) -> String? {
    guard let h = history.first(where: { $0.kind == "withdraw" && !$0.undone && $0.field == "status" }) else { return nil }
    let note = history.first { $0.kind == "withdraw" && !$0.undone && $0.field == "note" && $0.at == h.at && $0.old.isEmpty }
    guard let text = note?.new, !text.isEmpty else { return nil }
    // A note is stored as "dd/MM/yyyy text".
    let parts = text.split(separator: " ", maxSplits: 1)
    if parts.count == 2, (try? DateParser.parseDay(String(parts[0]), referenceYear: 2000)) != nil { return String(parts[1]) }
    return text
  }

  /// "lines 3–20 of 40" for a scrolled page, or nil when everything fits.
  static func position(top: Int, shown: Int, count: Int, _ l: Lang) -> String? {
    guard count > shown else { return nil }
    let first = top + 1, last = min(count, top + shown)
    return l.pick(vi: "dòng \(first)–\(last)/\(count)", en: "lines \(first)–\(last) of \(count)")
  }

  /// A pinned title row: the title on the left, cut with "…" so the position on the right
  /// (when there is one) always shows whole.
  static func titleRow(_ g: inout Grid, _ title: String, _ titleStyle: Style, position: String?, y: Int, width: Int, _ t: Theme) {
    let posWidth = position.map { TextWidth.width($0) + 1 } ?? 0
    putLine(&g, " " + title, x: 0, y: y, width: max(0, width - posWidth - 1), style: titleStyle)
    if let position {
      g.put(position, x: max(0, width - posWidth), y: y, style: t.muted)
    }
  }

  static func detailView(_ s: AppState, _ d: DetailState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(Rect(x: 0, y: layout.page.y, width: layout.page.width, height: layout.page.height + 1), style: .plain)
    let lines = detailLines(s, d, width: layout.page.width)
    guard let title = lines.first else { return }
    let body = lines.dropFirst()
    let height = scrollingHeight(layout)
    titleRow(&g, title.0, title.1, position: position(top: d.scroll.top, shown: height, count: body.count, l), y: layout.page.y, width: layout.page.width, t)
    for row in 0..<height {
      let i = body.startIndex + d.scroll.top + row
      guard body.indices.contains(i) else { break }
      putLine(&g, " " + body[i].0, x: 0, y: layout.page.y + 1 + row, width: layout.page.width, style: body[i].1)
    }
  }

  /// One section of the help screen: a title and its lines.
  struct HelpSection {
    var title: String
    var lines: [String]
  }

  /// The help screen's sections: the keys of what was on screen first, then the other
  /// views', the marks and the filter language.
  static func helpSections(_ s: AppState) -> [HelpSection] {
    let l = s.env.lang
    let width = s.env.keys.bindings.map { TextWidth.width($0.label) }.max() ?? 8
    let current = s.scopeUnderHelp
    let scopes = [current] + [KeyScope.tasks, .meetings, .agencies, .detail].filter { $0 != current }
    var out: [HelpSection] = []
    for scope in scopes {
      let title: String
      switch scope {
      case .tasks: title = l.pick(vi: "Danh sách nhiệm vụ (1)", en: "Task list (1)")
      case .meetings: title = l.pick(vi: "Cuộc họp (2)", en: "Meetings (2)")
      case .agencies: title = l.pick(vi: "Cơ quan (3)", en: "Agencies (3)")
      default: title = l.pick(vi: "Chi tiết nhiệm vụ (Enter)", en: "Task detail (Enter)")
      }
      let lines = s.env.keys.bindings.filter { $0.scopes.contains(scope) && !$0.keys.isEmpty }.map {
        "  " + TextWidth.pad($0.label, to: width) + "  " + $0.help(l)
      }
      out.append(HelpSection(title: title, lines: lines))
    }
    out.append(HelpSection(title: l.pick(vi: "Ô nhập", en: "Text fields"), lines: [
      l.pick(vi: "  ←→ Home End, Backspace/Delete xoá một ký tự, Ctrl-A/E đầu/cuối, Ctrl-K/U xoá đến cuối/đầu, Ctrl-W xoá một từ; dán được. Tab: gợi ý (nhiều gợi ý: Tab/Shift-Tab để chọn, Enter để giữ).",
        en: "  ←→ Home End, Backspace/Delete remove one character, Ctrl-A/E start/end, Ctrl-K/U kill to end/start, Ctrl-W delete a word; paste works. Tab completes (several candidates: Tab/Shift-Tab to pick, Enter to keep)."),
    ]))
    out.append(HelpSection(title: l.pick(vi: "Ký hiệu", en: "Marks"), lines: Labels.marks(l).map { "  " + TextWidth.pad($0.0, to: 3) + " " + $0.1 }))
    out.append(HelpSection(title: l.pick(vi: "Bộ lọc (f)", en: "Filter (f)"), lines: [
      "  agency:LHH  with:SNV  status:overdue  owner:thuy  who:me  due<31/12/2023  due:week",
      "  meeting:M2023-0526  #khẩn  id:3-7  priority:yes  -status:done  nguyen binh khiem",
      l.pick(vi: "  Từ gõ liền nhau là một cụm; không cần dấu (dao = Đào). Dấu phẩy: một trong các giá trị.",
        en: "  Words typed together form one phrase; no diacritics needed (dao = Đào). Commas: any of the values."),
    ]))
    return out
  }

  /// The help screen's lines, one column: every key, the marks and the filter language.
  public static func helpLines(_ s: AppState) -> [String] {
    helpSections(s).flatMap { [$0.title] + $0.lines + [""] }
  }

  /// The columns the help screen shows at its size: two side by side when the window is wide
  /// enough, split between sections, else one; lines are wrapped to the column.
  public static func helpColumns(_ s: AppState) -> [[String]] {
    let layout = ScreenLayout(s.size)
    let sections = helpSections(s)
    let two = layout.page.width >= 100
    let columnWidth = two ? (layout.page.width - 3) / 2 : layout.page.width - 1
    func wrapped(_ sec: HelpSection) -> [String] {
      ([sec.title] + sec.lines).flatMap { line -> [String] in
        let indent = line.hasPrefix("  ") ? "      " : ""
        let parts = TextWidth.wrap(line, width: max(10, columnWidth - 1))
        guard let head = parts.first else { return [line] }
        let rest = parts.dropFirst().joined(separator: " ")
        return [head] + (rest.isEmpty ? [] : TextWidth.wrap(rest, width: max(4, columnWidth - 1 - indent.count)).map { indent + $0 })
      } + [""]
    }
    let blocks = sections.map(wrapped)
    guard two else { return [blocks.flatMap { $0 }] }
    // Split where the two columns come closest to the same length.
    let total = blocks.reduce(0) { $0 + $1.count }
    var best = 1, bestDiff = Int.max, left = 0
    for i in 1..<max(2, blocks.count) {
      left += blocks[i - 1].count
      let diff = abs(total - 2 * left)
      if diff < bestDiff {
        bestDiff = diff
        best = i
      }
    }
    return [blocks.prefix(best).flatMap { $0 }, blocks.dropFirst(best).flatMap { $0 }]
  }

  static func helpView(_ s: AppState, _ h: Scroller, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(Rect(x: 0, y: layout.page.y, width: layout.page.width, height: layout.page.height + 1), style: .plain)
    let columns = helpColumns(s)
    let height = scrollingHeight(layout)
    let count = columns.map(\.count).max() ?? 0
    titleRow(&g, l.pick(vi: "Phím tắt", en: "Keys"), t.label, position: position(top: h.top, shown: height, count: count, l), y: layout.page.y, width: layout.page.width, t)
    let columnWidth = columns.count > 1 ? (layout.page.width - 3) / 2 : layout.page.width - 1
    for (c, lines) in columns.enumerated() {
      let x = c == 0 ? 0 : columnWidth + 2
      for row in 0..<height {
        let i = h.top + row
        guard lines.indices.contains(i) else { break }
        let line = lines[i]
        let style = !line.hasPrefix(" ") && !line.isEmpty ? t.label : .plain
        putLine(&g, " " + line, x: x, y: layout.page.y + 1 + row, width: columnWidth + 1, style: style)
      }
    }
  }

  // MARK: Forms

  static func box(_ g: inout Grid, _ r: Rect, title: String, _ t: Theme) {
    g.fill(r, style: .plain)
    guard r.width >= 2, r.height >= 2 else { return }
    let top = "┌" + String(repeating: "─", count: r.width - 2) + "┐"
    let bottom = "└" + String(repeating: "─", count: r.width - 2) + "┘"
    g.put(top, x: r.x, y: r.y, width: r.width)
    g.put(bottom, x: r.x, y: r.maxY - 1, width: r.width)
    for y in (r.y + 1)..<(r.maxY - 1) {
      g.put("│", x: r.x, y: y)
      g.put("│", x: r.maxX - 1, y: y)
    }
    putLine(&g, " " + title + " ", x: r.x + 2, y: r.y, width: r.width - 4, style: t.label)
  }

  static func formView(_ s: AppState, _ f: FormState, _ g: inout Grid, _ layout: ScreenLayout) -> (x: Int, y: Int)? {
    let t = s.env.theme, l = s.env.lang
    let suggestions = f.menu?.candidates ?? f.focused.map { Forms.suggestions($0, s.data.catalog) } ?? []
    let highlighted = f.menu?.index ?? f.suggestion
    let listed = min(Forms.maxSuggestions, suggestions.count)
    let width = min(layout.bounds.width - 2, 96)
    let innerWidth = max(1, width - 2)
    // The bottom lines: the question before discarding, the error wrapped whole (the form
    // grows for it), or the hint.
    let bottom: [(String, Style)]
    if f.confirmingDiscard {
      bottom = wrapLines(l.pick(vi: "Bỏ các thay đổi đã gõ? y: bỏ · n: tiếp tục sửa", en: "Discard changes? y/n"), width: innerWidth - 1, maxLines: 2).map { (" " + $0, t.error) }
    } else if let e = f.error {
      bottom = wrapLines(e, width: innerWidth - 1, maxLines: max(1, min(5, layout.bounds.height - f.fields.count - 6))).map { (" " + $0, t.error) }
    } else {
      let hint: String
      if f.menu != nil {
        hint = l.pick(vi: "Tab/Shift-Tab: gợi ý sau/trước · Enter: chọn · Esc: như đã gõ", en: "Tab/Shift-Tab: next/previous · Enter: choose · Esc: as typed")
      } else if case .withdraw = f.purpose {
        hint = l.pick(vi: "Lý do không bắt buộc, được ghi vào tiến độ · Enter: dừng thực hiện · Esc huỷ", en: "The reason is optional and goes into the progress notes · Enter withdraws · Esc cancels")
      } else {
        hint = l.pick(vi: "* bắt buộc · Enter lưu · Tab chọn gợi ý · Esc huỷ", en: "* required · Enter saves · Tab completes · Esc cancels")
      }
      bottom = [(" " + TextWidth.truncate(hint, to: innerWidth - 1), t.muted)]
    }
    let height = min(layout.bounds.height - 2, f.fields.count + 3 + bottom.count + listed)
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, (layout.bounds.height - height) / 2), width: width, height: height)
    box(&g, rect, title: Forms.title(f.purpose, l), t)
    let labelWidth = min(18, f.fields.map { TextWidth.width(Forms.label($0.id, l)) + 2 }.max() ?? 10)
    let inner = rect.inset(by: 1)
    let fieldX = inner.x + labelWidth + 1
    let fieldWidth = max(4, inner.maxX - fieldX - 1)
    let fieldsEnd = inner.maxY - 1 - bottom.count
    var y = inner.y
    var cursor: (x: Int, y: Int)? = nil
    // Keep the focused field on screen when the window is short.
    let room = fieldsEnd - inner.y - listed
    let first = max(0, min(f.focus - room / 2, f.fields.count - room))
    for (i, field) in f.fields.enumerated() where i >= first && y < fieldsEnd {
      let focused = i == f.focus
      let label = Forms.label(field.id, l) + (field.required ? "*" : "")
      g.put(TextWidth.pad(label, to: labelWidth, alignRight: true), x: inner.x, y: y, width: labelWidth, style: focused ? t.label : t.muted)
      switch field.kind {
      case .toggle:
        g.put(field.editor.text.isEmpty ? "[ ]" : "[x]", x: fieldX, y: y, style: focused ? t.focusedField : .plain)
        if focused { cursor = (fieldX + 1, y) }
      case .choice(let options):
        cursor = choiceField(&g, field, options: options, focused: focused, x: fieldX, y: y, width: fieldWidth, l, t) ?? cursor
      default:
        let v = field.editor.visible(width: fieldWidth)
        let style = f.errorField == field.id ? t.overdue : (focused ? t.focusedField : .plain)
        g.put(TextWidth.pad(v.text, to: fieldWidth), x: fieldX, y: y, width: fieldWidth, style: style)
        if focused { cursor = (fieldX + v.cursorColumn, y) }
        if field.kind == .deadline, !field.editor.text.isEmpty, fieldWidth > 30 {
          let preview: (String, Style) = {
            do {
              let d = try Deadline.parse(field.editor.text, referenceYear: s.env.asOf.year).deadline
              return ("→ " + (d.date?.formatted ?? Words.deadlineKind(d.kind, l)), t.muted)
            } catch { return ("?", t.overdue) }
          }()
          let pw = TextWidth.width(preview.0)
          if TextWidth.width(v.text) + pw + 2 < fieldWidth {
            g.put(preview.0, x: fieldX + fieldWidth - pw, y: y, style: preview.1)
          }
        }
      }
      y += 1
      if focused && !suggestions.isEmpty {
        for (k, sug) in suggestions.prefix(listed).enumerated() where y < fieldsEnd {
          let st = k == highlighted ? t.selected : t.muted
          g.put(TextWidth.pad("  " + sug.label, to: fieldWidth), x: fieldX, y: y, width: fieldWidth, style: st)
          y += 1
        }
      }
    }
    for (i, line) in bottom.enumerated() {
      putLine(&g, line.0, x: inner.x, y: inner.maxY - bottom.count + i, width: inner.width, style: line.1)
    }
    return f.confirmingDiscard ? nil : cursor
  }

  /// A choice field: every option in a row with the chosen one highlighted when they fit
  /// (Space or ←/→ moves along), else the chosen one with its place, e.g. `‹ Đang thực hiện › 2/5`.
  static func choiceField(
    _ g: inout Grid, _ field: FormField, options: [String], focused: Bool, x: Int, y: Int, width: Int, _ l: Lang, _ t: Theme
  ) -> (x: Int, y: Int)? {
    let labels = options.map { Forms.choiceLabel($0, l) }
    let chosen = options.firstIndex(of: field.editor.text)
    let row = labels.map { " " + $0 + " " }.joined(separator: " ")
    // The whole list while choosing; only the choice otherwise, to keep the form calm.
    if focused, TextWidth.width(row) <= width {
      var cx = x
      var cursor: (x: Int, y: Int)? = nil
      for (i, label) in labels.enumerated() {
        let selected = i == chosen
        let style = selected ? (focused ? t.focusedField : t.label) : t.muted
        if selected && focused { cursor = (cx + 1, y) }
        cx += g.put(" " + label + " ", x: cx, y: y, style: style) + 1
      }
      return cursor
    }
    let shown = chosen.map { labels[$0] } ?? field.editor.text
    let place = focused ? chosen.map { " \($0 + 1)/\(options.count)" } ?? "" : ""
    putLine(&g, "‹ " + shown + " ›" + place, x: x, y: y, width: width, style: focused ? t.focusedField : .plain)
    return focused ? (x, y) : nil
  }

  static func confirmView(_ s: AppState, _ c: ConfirmState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    let ids = c.ids.map { "#\($0)" }.joined(separator: " ")
    let lines = [
      l.pick(vi: "Nhiệm vụ \(ids):", en: (c.ids.count == 1 ? "Task " : "Tasks ") + ids + ":"),
      l.pick(vi: "  w  dừng thực hiện (giữ lại, không tính vào tổng số)", en: "  w  withdraw (kept, left out of report totals)"),
      l.pick(vi: "  d  xoá hẳn (hoàn tác được bằng u)", en: "  d  delete (u undoes it)"),
      l.pick(vi: "  Esc  huỷ", en: "  Esc  cancel"),
    ]
    let width = min(layout.bounds.width - 2, (lines.map { TextWidth.width($0) }.max() ?? 20) + 4)
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, layout.bounds.height / 2 - 3), width: width, height: lines.count + 2)
    box(&g, rect, title: l.pick(vi: "Xoá hay dừng thực hiện?", en: "Delete or withdraw?"), t)
    for (i, line) in lines.enumerated() {
      putLine(&g, line, x: rect.x + 2, y: rect.y + 1 + i, width: rect.width - 3)
    }
  }
}
