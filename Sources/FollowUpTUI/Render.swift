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
    g.put(title, x: 0, y: 0, width: max(0, tabsStart - 1), style: t.header)
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

  static func statusLine(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    guard layout.status.height > 0, let m = s.status, !m.text.isEmpty else { return }
    let style = m.isError ? s.env.theme.error : s.env.theme.info
    let text = " " + m.text + " "
    // An error must be read whole: when it does not fit it takes the footer's row as well.
    if m.isError && TextWidth.width(text) > layout.status.width && layout.footer.height > 0 {
      let lines = TextWidth.wrap(m.text, width: max(1, layout.status.width - 2))
      g.fill(Rect(x: 0, y: layout.status.y, width: layout.status.width, height: 2), style: style)
      for (i, line) in lines.prefix(2).enumerated() {
        g.put(" " + line, x: 0, y: layout.status.y + i, width: layout.status.width, style: style)
      }
      return
    }
    g.put(text, x: 0, y: layout.status.y, width: layout.status.width, style: style)
  }

  static func footer(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    guard layout.footer.height > 0 else { return }
    let t = s.env.theme, l = s.env.lang
    var items: [(String, String)]
    if case .form? = s.overlays.last {
      items = [("Enter", l.pick(vi: "lưu", en: "save")), ("Tab", l.pick(vi: "chọn gợi ý / ô kế", en: "complete / next")),
        ("↑↓", l.pick(vi: "chuyển ô", en: "fields")), ("Space", l.pick(vi: "đổi lựa chọn", en: "toggle")), ("Esc", l.pick(vi: "huỷ", en: "cancel"))]
    } else if case .confirm? = s.overlays.last {
      items = [("w", l.pick(vi: "dừng thực hiện", en: "withdraw")), ("d", l.pick(vi: "xoá", en: "delete")), ("Esc", l.pick(vi: "huỷ", en: "cancel"))]
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
      let reserved = essential.reduce(0) { $0 + TextWidth.width($1.label) + TextWidth.width($1.help(l)) + 3 }
      var room = layout.footer.width - reserved
      var chosen: [KeyBinding] = []
      for b in others {
        let w = TextWidth.width(b.label) + TextWidth.width(b.help(l)) + 3
        guard w <= room else { break }
        chosen.append(b)
        room -= w
      }
      items = (chosen + essential).map { ($0.label, $0.help(l)) }
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
        g.put("  " + error, x: x + max(w, v.cursorColumn) + 1, y: y1, width: layout.subheader.width - x - max(w, v.cursorColumn) - 1, style: t.overdue)
      }
    case nil:
      g.put(filterSummary(s), x: 0, y: y1, width: layout.subheader.width, style: t.muted)
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
      g.put(msg, x: 1, y: body.y + 1, width: body.width - 1, style: t.muted)
    }
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
      cell(task.content.replacingOccurrences(of: "\n", with: " "), cols.content, tl == .excluded ? t.muted : .plain)
      if i == s.list.scroll.cursor && s.overlays.isEmpty {
        g.applyStyle(Rect(x: 0, y: y, width: body.width, height: 1)) { st in
          st = st.with(t.selected.attributes)
          if t.selected.background != .standard { st.background = t.selected.background }
        }
      }
    }
    return cursor
  }

  static func filterSummary(_ s: AppState) -> String {
    let l = s.env.lang
    var parts: [String] = []
    let counts = s.list.counts
    let shown = s.list.visible.count, total = s.data.tasks.count
    parts.append(shown == total
      ? l.pick(vi: "\(total) nhiệm vụ", en: counted(total, vi: "", en: "task", .en))
      : l.pick(vi: "\(shown)/\(total) nhiệm vụ", en: "\(shown)/\(total) tasks"))
    parts.append(l.pick(vi: "\(counts.overdue) quá hạn", en: "\(counts.overdue) overdue"))
    parts.append(l.pick(vi: "\(counts.dueSoon) sắp đến hạn", en: "\(counts.dueSoon) due soon"))
    parts.append(l.pick(vi: "\(counts.done) đã xong", en: "\(counts.done) done"))
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
    g.put(l.pick(vi: " Cuộc họp, mới nhất trước · Enter: xem nhiệm vụ của cuộc họp · a: thêm cuộc họp và các kết luận",
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
      g.put(l.pick(vi: "Chưa có cuộc họp nào. Nhấn a để thêm.", en: "No meetings yet. Press a to add one."), x: 1, y: layout.body.y + 1, width: layout.body.width - 1, style: t.muted)
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
    g.put(" " + l.pick(vi: "Biểu tổng hợp", en: "Workload") + " · " + options.joined(separator: " · "), x: 0, y: layout.subheader.y, width: layout.subheader.width, style: t.muted)
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
      g.put(l.pick(vi: "(thu gọn: phóng to cửa sổ để xem đủ các cột của biểu)", en: "(compact: widen the window for every column of the report)"), x: 4, y: 2, width: layout.columns.width - 4, style: t.muted)
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
      g.put(l.pick(vi: "xong/trong hạn/quá hạn", en: "done/open/overdue"), x: barX, y: y3, width: barWidth, style: t.columnHeader)
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
      g.put(l.pick(vi: "Chưa có số liệu đến ngày này.", en: "No figures for this day."), x: 1, y: body.y + 1, width: body.width - 1, style: t.muted)
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

  /// The detail screen's lines, wrapped to a width, with the style of each.
  public static func detailLines(_ s: AppState, _ d: DetailState, width: Int) -> [(String, Style)] {
    let t = s.env.theme, l = s.env.lang
    guard let task = d.task ?? s.data.tasks[d.taskID] else {
      return [(l.pick(vi: "Nhiệm vụ #\(d.taskID) không còn nữa (đã bị xoá ở nơi khác).", en: "Task #\(d.taskID) no longer exists (deleted elsewhere)."), t.error)]
    }
    let lines = TaskDetail.lines(task, catalog: s.data.catalog, asOf: s.env.asOf, rules: s.env.rules, lang: l, history: d.history)
    let tl = s.data.timeliness(of: task.id)
    var out: [(String, Style)] = []
    // One column is the left margin the screen draws before every line.
    let w = max(10, width - 1)
    for (i, line) in lines.enumerated() {
      let style: Style
      if i == 0 { style = t.label } else if line.hasSuffix(":") { style = t.label } else if line.hasPrefix(l.pick(vi: "Tình trạng", en: "Status")) { style = t.style(for: tl) } else { style = .plain }
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

  static func detailView(_ s: AppState, _ d: DetailState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(Rect(x: 0, y: layout.page.y, width: layout.page.width, height: layout.page.height + 1), style: .plain)
    let lines = detailLines(s, d, width: layout.page.width)
    for row in 0..<layout.page.height {
      let i = d.scroll.top + row
      guard lines.indices.contains(i) else { break }
      g.put(" " + lines[i].0, x: 0, y: layout.page.y + row, width: layout.page.width, style: lines[i].1)
    }
    if lines.count > layout.page.height {
      let more = l.pick(vi: "dòng \(d.scroll.top + 1)–\(min(lines.count, d.scroll.top + layout.page.height))/\(lines.count)", en: "lines \(d.scroll.top + 1)–\(min(lines.count, d.scroll.top + layout.page.height)) of \(lines.count)")
      g.put(more, x: max(0, layout.page.width - TextWidth.width(more) - 1), y: layout.page.y, style: t.muted)
    }
  }

  /// The help screen's lines: every key, the marks and the filter language.
  public static func helpLines(_ s: AppState) -> [String] {
    let l = s.env.lang
    var out: [String] = [l.pick(vi: "Phím tắt", en: "Keys"), ""]
    let width = s.env.keys.bindings.map { TextWidth.width($0.label) }.max() ?? 8
    for scope in [KeyScope.tasks, .meetings, .agencies, .detail] {
      let title: String
      switch scope {
      case .tasks: title = l.pick(vi: "Danh sách nhiệm vụ (1)", en: "Task list (1)")
      case .meetings: title = l.pick(vi: "Cuộc họp (2)", en: "Meetings (2)")
      case .agencies: title = l.pick(vi: "Cơ quan (3)", en: "Agencies (3)")
      default: title = l.pick(vi: "Chi tiết nhiệm vụ (Enter)", en: "Task detail (Enter)")
      }
      out.append(title)
      for b in s.env.keys.bindings where b.scopes.contains(scope) && !b.keys.isEmpty {
        out.append("  " + TextWidth.pad(b.label, to: width) + "  " + b.help(l))
      }
      out.append("")
    }
    out.append(l.pick(vi: "Ô nhập: ←→ Home End, Backspace/Delete xoá một ký tự, Ctrl-A/E đầu/cuối, Ctrl-K/U xoá đến cuối/đầu, Ctrl-W xoá một từ; dán được.",
      en: "Text fields: ←→ Home End, Backspace/Delete remove one character, Ctrl-A/E start/end, Ctrl-K/U kill to end/start, Ctrl-W delete a word; paste works."))
    out.append("")
    out.append(l.pick(vi: "Ký hiệu", en: "Marks"))
    for (m, text) in Labels.marks(l) { out.append("  " + TextWidth.pad(m, to: 3) + " " + text) }
    out.append("")
    out.append(l.pick(vi: "Bộ lọc (f)", en: "Filter (f)"))
    out.append("  agency:LHH  with:SNV  status:overdue  owner:thuy  who:me  due<31/12/2023  due:week")
    out.append("  meeting:M2023-0526  #khẩn  id:3-7  priority:yes  -status:done  nguyen binh khiem")
    out.append(l.pick(vi: "  Từ gõ liền nhau là một cụm; không cần dấu (dao = Đào). Dấu phẩy: một trong các giá trị.",
      en: "  Words typed together form one phrase; no diacritics needed (dao = Đào). Commas: any of the values."))
    out.append("")
    out.append(l.pick(vi: "Esc hoặc q để đóng.", en: "Esc or q closes this."))
    return out
  }

  static func helpView(_ s: AppState, _ h: Scroller, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme
    g.fill(Rect(x: 0, y: layout.page.y, width: layout.page.width, height: layout.page.height + 1), style: .plain)
    let lines = helpLines(s).flatMap { TextWidth.wrap($0, width: max(10, layout.page.width - 2)) }
    for row in 0..<layout.page.height {
      let i = h.top + row
      guard lines.indices.contains(i) else { break }
      let line = lines[i]
      let style = !line.hasPrefix(" ") && !line.isEmpty ? t.label : .plain
      g.put(" " + line, x: 0, y: layout.page.y + row, width: layout.page.width, style: style)
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
    g.put(" " + title + " ", x: r.x + 2, y: r.y, width: r.width - 4, style: t.label)
  }

  static func formView(_ s: AppState, _ f: FormState, _ g: inout Grid, _ layout: ScreenLayout) -> (x: Int, y: Int)? {
    let t = s.env.theme, l = s.env.lang
    let suggestions = f.focused.map { Forms.suggestions($0, s.data.catalog) } ?? []
    let width = min(layout.bounds.width - 2, 96)
    let height = min(layout.bounds.height - 2, f.fields.count + 4 + min(6, suggestions.count))
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, (layout.bounds.height - height) / 2), width: width, height: height)
    box(&g, rect, title: Forms.title(f.purpose, l), t)
    let labelWidth = min(18, f.fields.map { TextWidth.width(Forms.label($0.id, l)) + 2 }.max() ?? 10)
    let inner = rect.inset(by: 1)
    let fieldX = inner.x + labelWidth + 1
    let fieldWidth = max(4, inner.maxX - fieldX - 1)
    var y = inner.y
    var cursor: (x: Int, y: Int)? = nil
    // Keep the focused field on screen when the window is short.
    let room = inner.height - 2 - min(6, suggestions.count)
    let first = max(0, min(f.focus - room / 2, f.fields.count - room))
    for (i, field) in f.fields.enumerated() where i >= first && y < inner.maxY - 2 {
      let focused = i == f.focus
      let label = Forms.label(field.id, l) + (field.required ? "*" : "")
      g.put(TextWidth.pad(label, to: labelWidth, alignRight: true), x: inner.x, y: y, width: labelWidth, style: focused ? t.label : t.muted)
      switch field.kind {
      case .toggle:
        g.put(field.editor.text.isEmpty ? "[ ]" : "[x]", x: fieldX, y: y, style: focused ? t.focusedField : .plain)
        if focused { cursor = (fieldX + 1, y) }
      case .choice:
        let shown: String = {
          if let st = WorkflowStatus(rawValue: field.editor.text) { return Words.status(st, l) }
          if let d = ExtensionDecision(rawValue: field.editor.text) { return Words.decision(d, l) }
          return field.editor.text
        }()
        g.put("‹ " + shown + " ›", x: fieldX, y: y, width: fieldWidth, style: focused ? t.focusedField : .plain)
        if focused { cursor = (fieldX, y) }
      default:
        let v = field.editor.visible(width: fieldWidth)
        let style = f.errorField == field.id ? t.overdue : (focused ? t.focusedField : .plain)
        let w = g.put(TextWidth.pad(v.text, to: fieldWidth), x: fieldX, y: y, width: fieldWidth, style: style)
        _ = w
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
        for (k, sug) in suggestions.prefix(6).enumerated() where y < inner.maxY - 2 {
          let st = k == f.suggestion ? t.selected : t.muted
          g.put(TextWidth.pad("  " + sug.label, to: fieldWidth), x: fieldX, y: y, width: fieldWidth, style: st)
          y += 1
        }
      }
    }
    if let e = f.error {
      g.put(" " + e, x: inner.x, y: inner.maxY - 1, width: inner.width, style: t.error)
    } else {
      g.put(l.pick(vi: "* bắt buộc · Enter lưu · Tab chọn gợi ý · Esc huỷ", en: "* required · Enter saves · Tab completes · Esc cancels"), x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 1, style: t.muted)
    }
    return cursor
  }

  static func confirmView(_ s: AppState, _ c: ConfirmState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    let ids = c.ids.map { "#\($0)" }.joined(separator: " ")
    let lines = [
      l.pick(vi: "Nhiệm vụ \(ids):", en: "Task \(ids):"),
      l.pick(vi: "  w  dừng thực hiện (giữ lại, không tính vào tổng số)", en: "  w  withdraw (kept, left out of report totals)"),
      l.pick(vi: "  d  xoá hẳn (hoàn tác được bằng u)", en: "  d  delete (u undoes it)"),
      l.pick(vi: "  Esc  huỷ", en: "  Esc  cancel"),
    ]
    let width = min(layout.bounds.width - 2, (lines.map { TextWidth.width($0) }.max() ?? 20) + 4)
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, layout.bounds.height / 2 - 3), width: width, height: lines.count + 2)
    box(&g, rect, title: l.pick(vi: "Xoá hay dừng thực hiện?", en: "Delete or withdraw?"), t)
    for (i, line) in lines.enumerated() {
      g.put(line, x: rect.x + 2, y: rect.y + 1 + i, width: rect.width - 3)
    }
  }
}
