import FollowUpCore
import TermCore

extension Update {
  /// Reads what the agencies or meetings view shows, only while it is shown: the store
  /// counts every task for it.
  static func refreshReport(_ s: inout AppState) {
    do {
      s.agencies.report = s.view == .agencies ? try s.computeWorkload() : nil
      s.meetingCounts = s.view == .meetings ? try s.source.tallyByMeeting(context: s.filterContext) : [:]
    } catch {
      readFailed(&s, error)
    }
  }

  /// Enter on an agency row: the task list narrowed to exactly the tasks the row counts.
  static func openAgencyRow(_ s: inout AppState) {
    let rows = s.workload.rows
    guard rows.indices.contains(s.agencies.scroll.cursor) else { return }
    let row = rows[s.agencies.scroll.cursor]
    let l = s.env.lang
    let scope = AgencyScope(
      grouping: s.agencies.grouping, codes: Set([row.agency] + row.members),
      label: Words.rowLabel(row, s.catalog, l, fullNameLimit: 28))
    drill(&s, filter: "", scope: scope)
    // The agency is named in the line above the list; this says what the count means.
    let n = s.list.page.total
    let back = s.env.keys.key(.back)
    s.status = StatusMessage(l.pick(
      vi: "\(n) nhiệm vụ, đúng như dòng của Biểu tổng hợp — \(back) để quay lại",
      en: "\(counted(n, vi: "", en: "task", .en)), as the workload row counts them — \(back) goes back"))
  }
}

extension AppState {
  /// The workload report the agencies view shows.
  public var workload: WorkloadReport {
    agencies.report ?? WorkloadReport.assemble(counts: [:], totals: nil, catalog: catalog, options: workloadOptions)
  }

  /// The report read afresh from the store.
  func computeWorkload() throws -> WorkloadReport {
    try source.workload(catalog: catalog, options: workloadOptions)
  }

  /// The agencies view's report settings.
  var workloadOptions: WorkloadOptions {
    WorkloadOptions(
      asOf: env.asOf, grouping: agencies.grouping, rollup: agencies.rollup,
      formula: env.formula, rules: env.rules, order: agencies.order)
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
    // The report's columns under their bands, sized by their contents so the bar keeps
    // room; narrow windows keep the columns the table marks for the compact view.
    struct Col {
      var column: ReportColumn
      var title: String
      var width = 0
    }
    let allCounts = rows.map(\.counts) + [report.totals]
    func sized(_ c: ReportColumn, _ title: Wording) -> Col {
      let width = max(TextWidth.width(title.text(l)), allCounts.map { TextWidth.width(c.text($0, f, l)) }.max() ?? 1)
      return Col(column: c, title: title.text(l), width: width)
    }
    var cols = ReportColumns.printed.map { sized($0, $0.screen) }
    let labels = rows.map { Words.rowLabel($0, s.catalog, l, fullNameLimit: 28) }
    let wantName = max(12, min(36, (labels.map { TextWidth.width($0) }.max() ?? 12)))
    func numbersWidth() -> Int { cols.reduce(0) { $0 + $1.width + 1 } }
    let minBar = 10
    var compact = false
    if 4 + 16 + 1 + numbersWidth() + minBar > layout.columns.width {
      compact = true
      cols = ReportColumns.compact.map { sized($0, $0.compact ?? $0.screen) }
    }
    let nameWidth = max(8, min(wantName, layout.columns.width - 4 - 1 - numbersWidth() - minBar))
    let barX = 4 + nameWidth + 1 + numbersWidth()
    let barWidth = max(0, layout.columns.width - barX - 1)
    // Band line over the official columns, as printed reports have it.
    var x = 4 + nameWidth + 1
    var bandSpans: [(band: ReportBand, from: Int, to: Int)] = []
    for c in cols {
      if let band = c.column.band?.0 {
        if let last = bandSpans.last, last.band == band {
          bandSpans[bandSpans.count - 1].to = x + c.width
        } else {
          bandSpans.append((band, x, x + c.width))
        }
      }
      x += c.width + 1
    }
    for (band, from, to) in bandSpans where !compact {
      let span = (from, to)
      let w = span.1 - span.0
      let long = band.screenTitle.long.text(l), short = band.screenTitle.short.text(l)
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
        let st = style == .plain && col.column.alarm && (col.column.count(c) ?? 0) > 0 ? t.overdue : style
        g.put(TextWidth.pad(col.column.text(c, f, l), to: col.width, alignRight: true), x: x, y: y, width: col.width, style: st)
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
    let visibleRows = layout.agencyRows
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
