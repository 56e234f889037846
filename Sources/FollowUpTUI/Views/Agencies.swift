import FollowUpCore
import TermCore

extension Update {
  /// Recomputes the agencies view's report (only while it can be seen: it reads every task).
  static func refreshReport(_ s: inout AppState) {
    s.agencies.report = s.view == .agencies ? s.computeWorkload() : nil
  }

  /// Enter on an agency row: the task list narrowed to exactly the tasks the row counts.
  static func openAgencyRow(_ s: inout AppState) {
    let rows = s.workload.rows
    guard rows.indices.contains(s.agencies.scroll.cursor) else { return }
    let row = rows[s.agencies.scroll.cursor]
    let l = s.env.lang
    let scope = AgencyScope(
      grouping: s.agencies.grouping, codes: Set([row.agency] + row.members),
      label: Words.rowLabel(row, s.data.catalog, l, fullNameLimit: 28),
      ids: Set(row.taskIDs.filter { s.data.timeliness(of: $0) != .excluded }))
    drill(&s, filter: "", scope: scope)
    // The agency is named in the line above the list; this says what the count means.
    let n = s.list.visible.count
    let back = s.env.keys.key(.back)
    s.status = StatusMessage(l.pick(
      vi: "\(n) nhiệm vụ, đúng như dòng của Biểu tổng hợp — \(back) để quay lại",
      en: "\(counted(n, vi: "", en: "task", .en)), as the workload row counts them — \(back) goes back"))
  }
}

extension AppState {
  /// The workload report the agencies view shows.
  public var workload: WorkloadReport {
    agencies.report ?? computeWorkload()
  }

  /// The report computed afresh from every task.
  func computeWorkload() -> WorkloadReport {
    WorkloadReport.compute(
      tasks: Array(data.tasks.values), catalog: data.catalog,
      options: WorkloadOptions(
        asOf: env.asOf, grouping: agencies.grouping, rollup: agencies.rollup,
        formula: env.formula, rules: env.rules, order: agencies.order))
  }
}

extension Render {
  static func agenciesView(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    let report = s.workload
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
}
