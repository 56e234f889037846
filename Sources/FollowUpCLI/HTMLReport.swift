import FollowUpCore
import Foundation

/// `report --format html`: one self-contained page (inline CSS and SVG, no scripts, nothing
/// fetched) that opens in any browser and prints on A4 landscape: the Biểu tổng hợp with
/// its numbered columns and footnote, a bar per agency, and the annex of tasks.
enum HTMLReport {
  /// The four parts of each agency's bar; together they make column (3).
  struct Segment: Sendable {
    var cssClass: String
    var vi: String
    var en: String
    var count: @Sendable (WorkloadCounts) -> Int
  }

  static let segments: [Segment] = [
    Segment(cssClass: "on-time", vi: "Đã hoàn thành đúng hạn hoặc không thời hạn — (4)+(6)",
      en: "Done on time or without deadline — (4)+(6)", count: { $0.doneOnTime + $0.doneNoDeadline }),
    Segment(cssClass: "late", vi: "Đã hoàn thành quá hạn — (5)", en: "Done late — (5)", count: { $0.doneLate }),
    Segment(cssClass: "open", vi: "Chưa hoàn thành, chưa quá hạn — (7)+(9)+(10)",
      en: "Open, not overdue — (7)+(9)+(10)", count: { $0.openInTime + $0.openNoDeadline + $0.routine }),
    Segment(cssClass: "overdue", vi: "Chưa hoàn thành, quá hạn — (8)", en: "Open, overdue — (8)", count: { $0.overdue }),
  ]

  /// The whole page.
  static func render(_ r: WorkloadReport, annex: [FollowUpTask], catalog c: Catalog, lang l: Lang) -> String {
    let title = ReportFormat.title(r, l)
    var out: [String] = []
    out.append("<!DOCTYPE html>")
    out.append("<html lang=\"\(l.rawValue)\">")
    out.append("<head>")
    out.append("<meta charset=\"utf-8\">")
    out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    out.append("<meta name=\"generator\" content=\"FollowUp \(esc(FollowUpCommand.configuration.version))\">")
    out.append("<title>" + esc(title + " — " + l.pick(vi: "tính đến ", en: "as of ") + r.options.asOf.formatted) + "</title>")
    out.append("<style>")
    out.append(css(l))
    out.append("</style>")
    out.append("</head>")
    out.append("<body>")
    out.append("<header class=\"doc\">")
    out.append("<h1>" + esc(title) + "</h1>")
    for line in ReportFormat.headerLines(r, c, l) { out.append("<p class=\"meta\">" + esc(line) + "</p>") }
    out.append("</header>")
    out.append(summaryTable(r, c, l))
    out.append("<ol class=\"notes\">")
    out.append("<li><b>" + esc(l.pick(vi: "Ghi chú:", en: "Notes:")) + "</b></li>")
    for line in ReportFormat.footnotes(r, l) { out.append("<li>" + esc(line) + "</li>") }
    out.append("</ol>")
    out.append(chart(r, c, l))
    out.append(annexTable(annex, r, c, l))
    out.append("</body>")
    out.append("</html>")
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: Summary

  static func summaryTable(_ r: WorkloadReport, _ c: Catalog, _ l: Lang) -> String {
    let full = Words.reportColumnsFull(l)
    // Two header rows group (4)–(6) and (7)–(9) under "done" and "not done", as the printed
    // forms do; the third row numbers the columns (1)–(14) the footnote refers to.
    let (done, open, doneParts, openParts) = ReportFormat.headerBands(l)
    var out = ["<table class=\"summary\">"]
    out.append("<colgroup><col class=\"c-no\"><col class=\"c-agency\">" + String(repeating: "<col class=\"c-num\">", count: 10)
      + "<col class=\"c-rate\"><col class=\"c-rate\"></colgroup>")
    out.append("<thead>")
    out.append("<tr>")
    out.append(th(l.pick(vi: "STT", en: "No."), rowspan: 2))
    out.append(th(ReportFormat.agencyHeader(r, l), rowspan: 2))
    out.append(th(full[0], rowspan: 2))
    out.append(th(done, colspan: 3))
    out.append(th(open, colspan: 3))
    for name in full[7...] { out.append(th(name, rowspan: 2)) }
    out.append("</tr>")
    out.append("<tr>" + (doneParts + openParts).map { th($0) }.joined() + "</tr>")
    out.append("<tr class=\"colno\">" + (1...14).map { th("(\($0))") }.joined() + "</tr>")
    out.append("</thead>")
    out.append("<tbody>")
    for (i, row) in r.rows.enumerated() {
      out.append("<tr><td class=\"num\">" + String(i + 1) + "</td><td>" + esc(Words.rowLabel(row, c, l, fullNameLimit: 200)) + "</td>"
        + ReportFormat.cells(row.counts, r.options.formula, l).map { "<td class=\"num\">" + esc($0) + "</td>" }.joined() + "</tr>")
    }
    out.append("</tbody>")
    out.append("<tfoot>")
    out.append("<tr class=\"total\"><td></td><td>" + esc(l.pick(vi: "Tổng cộng", en: "Total")) + "</td>"
      + ReportFormat.cells(r.totals, r.options.formula, l).map { "<td class=\"num\">" + esc($0) + "</td>" }.joined() + "</tr>")
    out.append("</tfoot>")
    out.append("</table>")
    return out.joined(separator: "\n")
  }

  static func th(_ text: String, rowspan: Int = 1, colspan: Int = 1) -> String {
    "<th" + (rowspan > 1 ? " rowspan=\"\(rowspan)\"" : "") + (colspan > 1 ? " colspan=\"\(colspan)\"" : "") + ">" + esc(text) + "</th>"
  }

  // MARK: Chart

  /// One horizontal stacked bar per agency, on a common scale, with the counts written on
  /// the bars and a pattern on late and overdue parts so a black-and-white print still tells
  /// them apart.
  static func chart(_ r: WorkloadReport, _ c: Catalog, _ l: Lang) -> String {
    let width = 1000, labelWidth = 300, barLeft = 310, barRight = 930, rowHeight = 26, top = 8
    let maxTotal = max(1, r.rows.map { $0.counts.total }.max() ?? 0)
    let scale = Double(barRight - barLeft) / Double(maxTotal)
    let height = top + max(1, r.rows.count) * rowHeight + 8
    var out = ["<section class=\"chart\">"]
    out.append("<h2>" + esc(l.pick(vi: "Biểu đồ tình hình thực hiện theo cơ quan", en: "Progress by agency")) + "</h2>")
    out.append("<ul class=\"legend\">")
    for s in segments {
      out.append("<li><svg class=\"swatch\" width=\"14\" height=\"14\" aria-hidden=\"true\"><rect class=\"seg \(s.cssClass)\" width=\"14\" height=\"14\"/>"
        + hatch(s.cssClass, x: 0, y: 0, w: 14, h: 14) + "</svg> " + esc(l.pick(vi: s.vi, en: s.en)) + "</li>")
    }
    out.append("</ul>")
    let label = l.pick(vi: "Biểu đồ thanh: số nhiệm vụ của từng cơ quan theo tình trạng", en: "Bar chart: each agency's tasks by state")
    out.append("<svg class=\"bars\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(esc(label))\">")
    out.append("<title>" + esc(label) + "</title>")
    out.append(patterns)
    if r.rows.isEmpty {
      out.append("<text x=\"\(barLeft)\" y=\"\(top + 17)\" class=\"lbl\">" + esc(l.pick(vi: "Không có nhiệm vụ nào.", en: "No tasks.")) + "</text>")
    }
    for (i, row) in r.rows.enumerated() {
      let y = top + i * rowHeight
      let name = Words.rowLabel(row, c, l)
      out.append("<g class=\"row\">")
      out.append("<text x=\"\(labelWidth)\" y=\"\(y + 17)\" class=\"lbl\" text-anchor=\"end\">" + esc("\(i + 1). " + clip(name, 42)) + "</text>")
      var x = Double(barLeft)
      for s in segments {
        let n = s.count(row.counts)
        guard n > 0 else { continue }
        let w = Double(n) * scale
        let rect = (x: fmt(x), w: fmt(w))
        out.append("<rect class=\"seg \(s.cssClass)\" x=\"\(rect.x)\" y=\"\(y + 4)\" width=\"\(rect.w)\" height=\"18\"><title>"
          + esc(l.pick(vi: s.vi, en: s.en) + ": " + NumberFormat.integer(n, l)) + "</title></rect>")
        out.append(hatch(s.cssClass, x: x, y: Double(y + 4), w: w, h: 18))
        if w >= 22 {
          out.append("<text x=\"\(fmt(x + w / 2))\" y=\"\(y + 17)\" class=\"val\" text-anchor=\"middle\">" + NumberFormat.integer(n, l) + "</text>")
        }
        x += w
      }
      out.append("<text x=\"\(fmt(x + 6))\" y=\"\(y + 17)\" class=\"lbl\">" + esc(NumberFormat.integer(row.counts.total, l)) + "</text>")
      out.append("</g>")
    }
    out.append("</svg>")
    out.append("</section>")
    return out.joined(separator: "\n")
  }

  /// Patterns drawn over the late (dots) and overdue (stripes) parts.
  static let patterns = """
    <defs>
    <pattern id="p-late" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.2" fill="#ffffff" fill-opacity="0.75"/></pattern>
    <pattern id="p-overdue" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.2" height="6" fill="#ffffff" fill-opacity="0.6"/></pattern>
    </defs>
    """

  static func hatch(_ cls: String, x: Double, y: Double, w: Double, h: Double) -> String {
    guard cls == "late" || cls == "overdue" else { return "" }
    return "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\" fill=\"url(#p-\(cls))\"/>"
  }

  /// A coordinate with at most one decimal, so the file is stable and small.
  static func fmt(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    return tenths % 10 == 0 ? String(tenths / 10) : String(format: "%.1f", Double(tenths) / 10)
  }

  static func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

  // MARK: Annex

  static func annexTable(_ tasks: [FollowUpTask], _ r: WorkloadReport, _ c: Catalog, _ l: Lang) -> String {
    let header = l == .vi ? CSVTasks.annexHeader : ReportFormat.annexHeaderEnglish
    let rows = CSVTasks.annexRows(tasks, catalog: c, asOf: r.options.asOf, rules: r.options.rules, lang: l)
    var out = ["<section class=\"annex\">"]
    out.append("<h2>" + esc(l.pick(vi: "Phụ lục: Danh mục nhiệm vụ", en: "Annex: list of tasks")) + "</h2>")
    out.append("<p class=\"meta\">" + esc(l.pick(
      vi: "Kèm theo biểu tổng hợp tính đến ngày \(r.options.asOf.formatted); ký hiệu tình trạng: ! quá hạn, ~ sắp đến hạn, · trong hạn, ✓ đã hoàn thành, ✓! hoàn thành quá hạn, - không thời hạn, = thường xuyên.",
      en: "Attached to the summary as of \(r.options.asOf.formatted); status marks: ! overdue, ~ due soon, · in time, ✓ done, ✓! done late, - no deadline, = routine."))
      + "</p>")
    out.append("<table class=\"annex\">")
    out.append("<colgroup>" + ["a-no", "a-task", "a-doc", "a-lead", "a-with", "a-deadline", "a-progress", "a-state", "a-days", "a-remarks"]
      .map { "<col class=\"\($0)\">" }.joined() + "</colgroup>")
    out.append("<thead><tr>" + header.map { th($0) }.joined() + "</tr></thead>")
    out.append("<tbody>")
    if rows.isEmpty {
      out.append("<tr><td colspan=\"\(header.count)\">" + esc(l.pick(vi: "Không có nhiệm vụ nào trong kỳ.", en: "No tasks in the period.")) + "</td></tr>")
    }
    for (task, row) in zip(tasks, rows) {
      let tl = r.options.rules.evaluate(task, asOf: r.options.asOf)
      var cells: [String] = []
      for (i, cell) in row.enumerated() {
        switch i {
        case 0, 8: cells.append("<td class=\"num\">" + esc(cell) + "</td>")
        case 7:
          let mark = Words.mark(tl).trimmingCharacters(in: .whitespaces)
          cells.append("<td class=\"state \(stateClass(tl))\"><span class=\"mark\">" + esc(mark) + "</span> " + esc(cell) + "</td>")
        default: cells.append("<td>" + multiline(cell) + "</td>")
        }
      }
      out.append("<tr>" + cells.joined() + "</tr>")
    }
    out.append("</tbody>")
    out.append("</table>")
    out.append("</section>")
    return out.joined(separator: "\n")
  }

  static func stateClass(_ t: Timeliness) -> String {
    switch t {
    case .overdue: return "overdue"
    case .doneLate: return "late"
    case .openInTime(_, true): return "soon"
    case .doneOnTime, .doneNoDeadline: return "on-time"
    default: return "open"
    }
  }

  // MARK: Text

  /// Text made inert in HTML: every character with a meaning in markup is escaped, and
  /// control characters other than line breaks are dropped.
  static func esc(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t": out.unicodeScalars.append(u)
      default:
        if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// Escaped text with its line breaks kept.
  static func multiline(_ s: String) -> String {
    esc(s).replacingOccurrences(of: "\n", with: "<br>")
  }

  // MARK: Style

  static func css(_ l: Lang) -> String {
    let page = l.pick(vi: "Trang ", en: "Page ")
    return """
      @page { size: A4 landscape; margin: 12mm 11mm 13mm 11mm;
        @bottom-right { content: "\(page)" counter(page) "/" counter(pages); font: 9pt "Times New Roman", "Liberation Serif", serif; } }
      :root { --on-time: #1e7b3c; --late: #b86e00; --open: #2f67b1; --overdue: #c42229; --rule: #4a4a4a; --head: #e9eef5; }
      * { box-sizing: border-box; }
      html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif; font-size: 11pt;
        line-height: 1.3; color: #111; background: #fff; margin: 0 auto; padding: 18px 24px; max-width: 297mm; }
      @media print { body { padding: 0; max-width: none; } }
      header.doc { text-align: center; margin-bottom: 10px; }
      h1 { font-size: 14pt; margin: 0 0 4px; letter-spacing: 0.01em; }
      h2 { font-size: 12.5pt; margin: 14px 0 6px; }
      p.meta { margin: 1px 0; font-style: italic; }
      table { border-collapse: collapse; width: 100%; }
      th, td { border: 1px solid var(--rule); padding: 3px 4px; }
      th { background: var(--head); font-weight: bold; text-align: center; vertical-align: middle; font-size: 9.5pt; }
      td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
      table.summary { font-size: 10.5pt; }
      table.summary col.c-no { width: 3.5%; } table.summary col.c-agency { width: 21%; }
      table.summary col.c-num { width: 5.6%; } table.summary col.c-rate { width: 6.5%; }
      table.summary tr.colno th { background: #fff; font-weight: normal; font-style: italic; font-size: 9pt; }
      table.summary tr.total td { font-weight: bold; background: #f4f4f4; }
      table.summary thead { display: table-header-group; }
      table.summary tr { break-inside: avoid; page-break-inside: avoid; }
      ol.notes { list-style: none; padding: 0; margin: 6px 0 0; font-size: 9.5pt; }
      ol.notes li { margin: 1px 0; }
      section.chart { break-inside: avoid; page-break-inside: avoid; margin-top: 10px; }
      ul.legend { list-style: none; padding: 0; margin: 0 0 4px; font-size: 9.5pt; display: flex; flex-wrap: wrap; gap: 4px 18px; }
      ul.legend li { display: flex; align-items: center; gap: 5px; }
      svg.bars { display: block; max-height: 150mm; }
      svg text { font-family: inherit; font-size: 13px; fill: #111; }
      svg text.val { fill: #fff; font-weight: bold; font-size: 12px; paint-order: stroke; stroke: #000; stroke-opacity: 0.55; stroke-width: 2.4px; }
      .seg.on-time { fill: var(--on-time); } .seg.late { fill: var(--late); }
      .seg.open { fill: var(--open); } .seg.overdue { fill: var(--overdue); }
      section.annex { break-before: page; page-break-before: always; }
      table.annex { font-size: 9.5pt; }
      table.annex td { vertical-align: top; }
      table.annex thead { display: table-header-group; }
      table.annex tr { break-inside: avoid; page-break-inside: avoid; }
      table.annex col.a-no { width: 3.5%; } table.annex col.a-task { width: 22%; } table.annex col.a-doc { width: 10%; }
      table.annex col.a-lead { width: 10%; } table.annex col.a-with { width: 10%; } table.annex col.a-deadline { width: 8.5%; }
      table.annex col.a-progress { width: 14%; } table.annex col.a-state { width: 9%; } table.annex col.a-days { width: 5%; }
      table.annex col.a-remarks { width: 8%; }
      td.state .mark { font-weight: bold; }
      td.state.overdue { color: var(--overdue); font-weight: bold; } td.state.late { color: var(--late); }
      td.state.soon { color: var(--late); font-weight: bold; } td.state.on-time { color: var(--on-time); }
      """
  }
}
