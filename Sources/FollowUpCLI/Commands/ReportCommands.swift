import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation

extension WorkloadGrouping: ExpressibleByArgument {}
extension WorkloadOrder: ExpressibleByArgument {}
extension RateFormula: ExpressibleByArgument {}
extension TimelinessBasis: ExpressibleByArgument {}

/// Options shared by `workload` and `report`.
struct ReportOptions: ParsableArguments {
  @Option(help: "Count by lead or coordinating agency.") var by: WorkloadGrouping = .lead
  @Flag(help: "Count agencies in the row of their roll-up target (e.g. Đảng đoàn LHH in LHH).") var rollup = false
  @Option(help: "Row order: protocol, name or overdue.") var sort: WorkloadOrder = .protocolOrder
  @Option(help: "Rate denominators: due (VPCP, default) or total.") var formula: RateFormula?
  @Option(help: "Deadline basis: effective (after approved extensions) or original.") var basis: TimelinessBasis?

  func options(asOf: Day, period: ClosedRange<Day>?) -> WorkloadOptions {
    var rules = Environment.current.rules
    if let basis { rules.basis = basis }
    return WorkloadOptions(
      asOf: asOf, grouping: by, rollup: rollup,
      formula: formula ?? Environment.current.settings.formula ?? .due, rules: rules,
      period: period, order: sort)
  }
}

struct WorkloadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workload", abstract: "Per-agency workload (Biểu tổng hợp) as of a day.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var read: ReadOptions
  @OptionGroup var report: ReportOptions

  func run() throws {
    let asOf = try read.day()
    let options = report.options(asOf: asOf, period: nil)
    // Counting by lead in SQLite needs no meeting list; the in-memory count may (assigned days).
    let s = try Session(global, asOf: asOf, create: false, meetings: options.grouping != .lead)
    let r = try s.store.workload(catalog: s.catalog, options: options)
    switch read.format {
    case .json: emit(ReportFormat.json(r, s.catalog).rendered())
    case .csv: emit(CSV.document(ReportFormat.summaryRows(r, s.catalog, s.lang, numbered: false)))
    case .table: emit(ReportFormat.table(r, s.catalog, s.lang, width: Terminal.width))
    }
  }
}

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The period report for the Standing Board: the Biểu tổng hợp with its annex.",
    discussion: """
      Counts the tasks assigned in the period (--from … --to) plus those carried over, as of \
      --as-of (default: the end of the period). Formats: markdown; csv (UTF-8 with BOM for \
      Excel and LibreOffice, --delimiter comma or semicolon, dates dd/mm/yyyy); html (one \
      self-contained page with a bar per agency, printable on A4 landscape); xlsx (an Excel \
      workbook: the Biểu with its merged header bands, rates as numbers formatted 0.0%, print \
      titles on A4 landscape, and the annex on a second sheet; needs -o unless piped).
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions
  @Option(help: ArgumentHelp("First day of the period.", valueName: "date")) var from: String?
  @Option(help: ArgumentHelp("Last day of the period (default: the as-of day).", valueName: "date")) var to: String?
  @OptionGroup var asOf: AsOfOption
  @Option(help: "markdown, csv, html or xlsx (needs -o unless piped).") var format: Format = .markdown
  @Option(help: "CSV delimiter: comma or semicolon.") var delimiter: Delimiter = .comma
  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path")) var output: String?

  enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, csv, html, xlsx }

  func run() throws {
    let toDay = try parseDay(to, option: "--to")
    let cutoff = try asOf.given() ?? toDay ?? Environment.current.today
    let fromDay = try parseDay(from, option: "--from")
    let end = toDay ?? cutoff
    var period: ClosedRange<Day>?
    if let fromDay {
      guard fromDay <= end else {
        throw UserError(.inputPeriod, vi: "--from (\(fromDay.formatted)) phải trước --to (\(end.formatted))", en: "--from (\(fromDay.formatted)) must not be after --to (\(end.formatted))")
      }
      period = fromDay...end
    }
    let s = try Session(global, asOf: cutoff, create: false)
    let options = report.options(asOf: cutoff, period: period)
    let all = try s.tasks(.full)
    let r = WorkloadReport.compute(tasks: all, catalog: s.catalog, options: options)
    let inScope = ReportFormat.annexTasks(all, r, s.catalog)
    let text: String
    switch format {
    case .markdown: text = ReportFormat.markdown(r, annex: inScope, s.catalog, s.lang)
    case .html: text = HTMLReport.render(r, annex: inScope, catalog: s.catalog, lang: s.lang)
    case .csv:
      var rows = ReportFormat.summaryRows(r, s.catalog, s.lang, numbered: true)
      rows.append([])
      rows.append(s.lang == .vi ? CSVTasks.annexHeader : ReportFormat.annexHeaderEnglish)
      rows += CSVTasks.annexRows(inScope, catalog: s.catalog, asOf: cutoff, rules: options.rules, lang: s.lang)
      text = CSV.document(rows, delimiter: delimiter.character)
    case .xlsx:
      let book = try XLSXReport.workbook(r, annex: inScope, catalog: s.catalog, lang: s.lang)
      try writeBinary(book, to: output)
      return
    }
    try writeOutput(text, to: output)
  }
}

/// How reports are laid out for each medium.
enum ReportFormat {
  static let annexHeaderEnglish = [
    "No.", "Task", "Assigned by (number, date)", "Lead agency", "Coordinating agencies",
    "Deadline (as written → normalised)", "Progress / result", "Status", "Days overdue", "Remarks (extensions…)",
  ]

  static func title(_ r: WorkloadReport, _ l: Lang) -> String {
    r.options.grouping == .lead
      ? l.pick(vi: "BIỂU TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ", en: "TASK COMPLETION SUMMARY BY LEAD AGENCY")
      : l.pick(vi: "BIỂU TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN PHỐI HỢP", en: "TASK COMPLETION SUMMARY BY COORDINATING AGENCY")
  }

  static func headerLines(_ r: WorkloadReport, _ c: Catalog, _ l: Lang) -> [String] {
    var lines: [String] = []
    let asOf = r.options.asOf.formatted
    if let p = r.options.period {
      lines.append(l.pick(
        vi: "Kỳ báo cáo: từ ngày \(p.lowerBound.formatted) đến ngày \(p.upperBound.formatted) — Số liệu tính đến ngày \(asOf)",
        en: "Period: \(p.lowerBound.formatted) to \(p.upperBound.formatted) — figures as of \(asOf)"))
    } else {
      lines.append(l.pick(vi: "Số liệu tính đến ngày \(asOf)", en: "Figures as of \(asOf)"))
    }
    lines.append(r.options.rules.basis == .effective
      ? l.pick(vi: "Căn cứ thời hạn: thời hạn hiện hành (đã tính gia hạn được chấp thuận)", en: "Deadline basis: effective deadline (approved extensions counted)")
      : l.pick(vi: "Căn cứ thời hạn: thời hạn ban đầu (không tính gia hạn)", en: "Deadline basis: original deadline (extensions ignored)"))
    if r.options.rollup {
      let merged = r.rows.flatMap { row in row.members.map { (from: $0, to: row.agency) } }
      if !merged.isEmpty {
        let text = merged.map { c.agencyLabel($0.from) + " → " + c.agencyLabel($0.to) }.joined(separator: "; ")
        lines.append(l.pick(vi: "Gộp số liệu: \(text)", en: "Rolled up: \(text)"))
      }
    }
    return lines
  }

  static func footnotes(_ r: WorkloadReport, _ l: Lang) -> [String] {
    var lines = Words.formulaFootnote(r.options.formula, l)
    if r.totals.excluded > 0 {
      lines.append(l.pick(
        vi: "Không tính vào (3): \(r.totals.excluded) nhiệm vụ dừng thực hiện.",
        en: "Not counted in (3): \(counted(r.totals.excluded, vi: "", en: "withdrawn task", .en))."))
    }
    if r.options.period != nil && r.totals.carriedOver > 0 {
      lines.append(l.pick(
        vi: "Trong đó kỳ trước chuyển sang: \(r.totals.carriedOver) nhiệm vụ.",
        en: "Of which carried over from before the period: \(r.totals.carriedOver) tasks."))
    }
    return lines
  }

  static func cells(_ counts: WorkloadCounts, _ f: RateFormula, _ l: Lang) -> [String] {
    ReportColumns.printed.map { $0.text(counts, f, l) }
  }

  /// The header of the printed columns, (1) and (2) first; numbered as on the form when asked.
  static func fullHeader(_ r: WorkloadReport, _ l: Lang, numbered: Bool) -> [String] {
    let titles = [(1, l.pick(vi: "STT", en: "No.")), (2, agencyHeader(r, l))]
      + ReportColumns.printed.map { ($0.number ?? 0, $0.full.text(l)) }
    return titles.map { numbered ? "(\($0.0)) \($0.1)" : $0.1 }
  }

  static func agencyHeader(_ r: WorkloadReport, _ l: Lang) -> String {
    r.options.grouping == .lead ? l.pick(vi: "Cơ quan chủ trì", en: "Lead agency") : l.pick(vi: "Cơ quan phối hợp", en: "Coordinating agency")
  }

  static func table(_ r: WorkloadReport, _ c: Catalog, _ l: Lang, width: Int?) -> String {
    var table = TextTable(columns: [.init(title: l.pick(vi: "STT", en: "No."), alignRight: true), .init(title: agencyHeader(r, l), maxWidth: 44)]
      + ReportColumns.printed.map { .init(title: $0.short.text(l), alignRight: true) })
    for (i, row) in r.rows.enumerated() {
      table.rows.append([String(i + 1), Words.rowLabel(row, c, l)] + cells(row.counts, r.options.formula, l))
    }
    table.rulesBefore = [r.rows.count]
    table.rows.append(["", l.pick(vi: "Tổng cộng", en: "Total")] + cells(r.totals, r.options.formula, l))
    let head = [title(r, l)] + headerLines(r, c, l)
    let legend = l.pick(
      vi: "HT = hoàn thành; KTH = không thời hạn; TX = thường xuyên.",
      en: "ND = no deadline.")
    return (head + [""] + [table.render()] + [""] + footnotes(r, l) + [legend]).joined(separator: "\n")
  }

  static func summaryRows(_ r: WorkloadReport, _ c: Catalog, _ l: Lang, numbered: Bool) -> [[String]] {
    var rows = [fullHeader(r, l, numbered: numbered)]
    for (i, row) in r.rows.enumerated() {
      rows.append([String(i + 1), Words.rowLabel(row, c, l, fullNameLimit: 200)] + cells(row.counts, r.options.formula, l))
    }
    rows.append(["", l.pick(vi: "Tổng cộng", en: "Total")] + cells(r.totals, r.options.formula, l))
    if numbered {
      rows.append([])
      rows += footnotes(r, l).map { [$0] }
    }
    return rows
  }

  static func json(_ r: WorkloadReport, _ c: Catalog) -> JSONValue {
    func counts(_ x: WorkloadCounts) -> [(String, JSONValue)] {
      let rate: (Double?) -> JSONValue = { $0.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null }
      return ReportColumns.printed.map { c in
        (c.key, c.isRate ? rate(c.rate(x, r.options.formula)) : .int(c.count(x) ?? 0))
      }
    }
    let rows: [JSONValue] = r.rows.map { row in
      .object([("agency", .string(row.agency)), ("name", .string(c.agencies[row.agency]?.name ?? row.agency)),
        ("members", .array(row.members.map(JSONValue.string)))] + counts(row.counts))
    }
    return .object([
      ("asOf", .string(r.options.asOf.iso)), ("by", .string(r.options.grouping.rawValue)),
      ("rollup", .bool(r.options.rollup)), ("formula", .string(r.options.formula.rawValue)),
      ("basis", .string(r.options.rules.basis.rawValue)),
      ("rows", .array(rows)), ("totals", .object(counts(r.totals))),
    ])
  }

  /// The tasks the report counted, in the order of its rows.
  static func annexTasks(_ tasks: [FollowUpTask], _ r: WorkloadReport, _ c: Catalog) -> [FollowUpTask] {
    let byID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var seen: Set<Int> = []
    var out: [FollowUpTask] = []
    for row in r.rows {
      // By meeting, then item number as people count (2 before 10, 2.a before 2.b), then id.
      let ids = row.taskIDs.sorted { a, b in
        let x = byID[a], y = byID[b]
        let (mx, my) = (x?.meeting ?? "", y?.meeting ?? "")
        if mx != my { return mx < my }
        switch (x?.item ?? "").compare(y?.item ?? "", options: .numeric) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a < b
        }
      }
      for id in ids where seen.insert(id).inserted {
        if let t = byID[id] { out.append(t) }
      }
    }
    return out
  }

  static func markdownCell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  static func markdown(_ r: WorkloadReport, annex: [FollowUpTask], _ c: Catalog, _ l: Lang) -> String {
    var out: [String] = ["# " + title(r, l), ""]
    out += headerLines(r, c, l).map { $0 + "  " }
    out.append("")
    let header = fullHeader(r, l, numbered: true)
    out.append("| " + header.joined(separator: " | ") + " |")
    out.append("|" + (["---:", "---"] + ReportColumns.printed.map { _ in "---:" }).joined(separator: "|") + "|")
    for (i, row) in r.rows.enumerated() {
      out.append("| " + ([String(i + 1), markdownCell(Words.rowLabel(row, c, l, fullNameLimit: 200))] + cells(row.counts, r.options.formula, l)).joined(separator: " | ") + " |")
    }
    out.append("| | **" + l.pick(vi: "Tổng cộng", en: "Total") + "** | " + cells(r.totals, r.options.formula, l).map { "**\($0)**" }.joined(separator: " | ") + " |")
    out.append("")
    out.append(l.pick(vi: "**Ghi chú:**", en: "**Notes:**"))
    out += footnotes(r, l).map { "- " + $0 }
    out.append("")
    out.append("## " + l.pick(vi: "Phụ lục: Danh mục nhiệm vụ", en: "Annex: list of tasks"))
    out.append("")
    let annexHeader = l == .vi ? CSVTasks.annexHeader : annexHeaderEnglish
    out.append("| " + annexHeader.joined(separator: " | ") + " |")
    out.append("|" + annexHeader.map { _ in "---" }.joined(separator: "|") + "|")
    for row in CSVTasks.annexRows(annex, catalog: c, asOf: r.options.asOf, rules: r.options.rules, lang: l) {
      out.append("| " + row.map(markdownCell).joined(separator: " | ") + " |")
    }
    return out.joined(separator: "\n") + "\n"
  }
}
