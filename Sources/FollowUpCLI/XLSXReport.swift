import FollowUpCore
import Foundation
import OfficeOpenXML

/// `report --format xlsx` and `export --format xlsx`: the same rows the CSV and HTML outputs
/// print, laid out as workbooks that print on A4 landscape.
enum XLSXReport {
  /// The Biểu tổng hợp as printed, then the annex of tasks on a second sheet.
  static func workbook(_ r: WorkloadReport, annex: [FollowUpTask], catalog c: Catalog, lang l: Lang) throws -> Data {
    try WorkbookWriter.data([summary(r, c, l), annexSheet(annex, r, c, l)])
  }

  /// The task list with the CSV export's columns; days as date cells, ids as numbers.
  static func taskList(_ tasks: [FollowUpTask], asOf: Day, rules: TimelinessRules, lang l: Lang) throws -> Data {
    let rows = CSVTasks.englishRows(tasks, asOf: asOf, rules: rules)
    let header = rows.first ?? CSVTasks.englishHeader
    var sheet = SheetSpec(name: l.pick(vi: "Nhiệm vụ", en: "Tasks"))
    sheet.rows.append(header.map { .text($0, .header) })
    for row in rows.dropFirst() {
      sheet.rows.append(zip(header, row).map { key, value in
        if key == "id", let n = Int(value) { return .number(Double(n), .integer) }
        if CSVTasks.englishDayColumns.contains(key), let d = day(value) { return .day(d) }
        return .text(value, .text)
      })
    }
    sheet.widths = header.indices.map { i in
      WorkbookWriter.width(fitting: rows.map { i < $0.count ? $0[i] : "" }, min: 6, max: i == 4 ? 60 : 30)
    }
    sheet.frozenRows = 1
    sheet.printTitleRows = 1...1
    return try WorkbookWriter.data([sheet])
  }

  /// A dd/mm/yyyy text back to its day.
  static func day(_ text: String) -> Day? {
    let parts = text.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    return Day(year: parts[2], month: parts[1], day: parts[0])
  }

  /// Columns: (1) STT, (2) agency, (3)–(12) counts, (13)–(14) rates.
  static let columns = 14

  static func summary(_ r: WorkloadReport, _ c: Catalog, _ l: Lang) -> SheetSpec {
    var sheet = SheetSpec(name: l.pick(vi: "Biểu tổng hợp", en: "Summary"))
    let last = columns - 1
    func line(_ text: String, _ style: CellStyle) {
      let row = sheet.rows.count
      sheet.rows.append([.text(text, style)])
      sheet.merges.append((row, 0, row, last))
    }
    line(ReportFormat.title(r, l), .title)
    for text in ReportFormat.headerLines(r, c, l) { line(text, .subtitle) }
    sheet.rows.append([])

    // Two header bands, as the HTML page and the printed forms have them.
    let top = sheet.rows.count
    let full = Words.reportColumnsFull(l)
    let bands = ReportFormat.headerBands(l)
    var upper: [CellValue] = [
      .text(l.pick(vi: "STT", en: "No."), .header), .text(ReportFormat.agencyHeader(r, l), .header),
      .text(full[0], .header),
    ]
    upper += [.text(bands.done, .header), .empty(.header), .empty(.header)]
    upper += [.text(bands.open, .header), .empty(.header), .empty(.header)]
    upper += full[7...].map { .text($0, .header) }
    var lower = [CellValue](repeating: .empty(.header), count: columns)
    for (i, label) in (bands.doneParts + bands.openParts).enumerated() { lower[3 + i] = .text(label, .header) }
    sheet.rows.append(upper)
    sheet.rows.append(lower)
    for col in [0, 1, 2] + Array(9...last) { sheet.merges.append((top, col, top + 1, col)) }
    sheet.merges.append((top, 3, top, 5))
    sheet.merges.append((top, 6, top, 8))
    sheet.rows.append((1...columns).map { .text("(\($0))", .numbering) })
    sheet.heights[top] = 2 * WorkbookWriter.lineHeight
    sheet.heights[top + 1] = 2 * WorkbookWriter.lineHeight
    let headerEnd = sheet.rows.count

    func counts(_ x: WorkloadCounts, total: Bool) -> [CellValue] {
      let int: CellStyle = total ? .totalInteger : .integer
      let pct: CellStyle = total ? .totalPercent : .percent
      let rates = [x.completionRate(r.options.formula), x.onTimeRate(r.options.formula)].map { rate -> CellValue in
        guard let rate, rate.isFinite else { return .text("–", .centered) }
        return .number(rate, pct)
      }
      return Words.reportCounts(x).map { .number(Double($0), int) } + rates
    }
    var labels: [String] = []
    for (i, row) in r.rows.enumerated() {
      let label = Words.rowLabel(row, c, l, fullNameLimit: 200)
      labels.append(label)
      sheet.rows.append([.number(Double(i + 1), .integer), .text(label, .text)] + counts(row.counts, total: false))
    }
    let total = l.pick(vi: "Tổng cộng", en: "Total")
    sheet.rows.append([.empty(.totalText), .text(total, .totalText)] + counts(r.totals, total: true))
    sheet.rows.append([])
    sheet.rows.append([.text(l.pick(vi: "Ghi chú:", en: "Notes:"), .note)])
    for text in ReportFormat.footnotes(r, l) { line(text, .note) }

    // Headers wrap at word boundaries, so a column needs only its longest word and numbers.
    let words = { (s: String) in s.split(separator: " ").map(String.init) }
    sheet.widths = [5, WorkbookWriter.width(fitting: labels + [total], min: 22, max: 44)]
    for col in 2..<columns {
      let label: String = {
        switch col {
        case 2: return full[0]
        case 3...8: return (bands.doneParts + bands.openParts)[col - 3]
        default: return full[col - 2]
        }
      }()
      let numbers = [NumberFormat.integer(r.totals.total, l), "100,0%"]
      sheet.widths.append(WorkbookWriter.width(fitting: words(label) + numbers, min: 8, max: 14))
    }
    sheet.frozenRows = headerEnd
    sheet.printTitleRows = 1...headerEnd
    return sheet
  }

  static func annexSheet(_ tasks: [FollowUpTask], _ r: WorkloadReport, _ c: Catalog, _ l: Lang) -> SheetSpec {
    var sheet = SheetSpec(name: l.pick(vi: "Phụ lục", en: "Annex"))
    let header = l == .vi ? CSVTasks.annexHeader : ReportFormat.annexHeaderEnglish
    let rows = CSVTasks.annexRows(tasks, catalog: c, asOf: r.options.asOf, rules: r.options.rules, lang: l)
    let last = header.count - 1
    sheet.rows.append([.text(l.pick(vi: "PHỤ LỤC: DANH MỤC NHIỆM VỤ", en: "ANNEX: LIST OF TASKS"), .title)])
    sheet.merges.append((0, 0, 0, last))
    sheet.rows.append([.text(l.pick(vi: "Số liệu tính đến ngày ", en: "Figures as of ") + r.options.asOf.formatted, .subtitle)])
    sheet.merges.append((1, 0, 1, last))
    sheet.rows.append([])
    sheet.rows.append(header.map { .text($0, .header) })
    let headerEnd = sheet.rows.count
    // In annexRows, column 0 is the row number and column 8 the days overdue.
    let numeric: Set<Int> = [0, 8]
    for row in rows {
      sheet.rows.append(row.enumerated().map { i, v in
        if numeric.contains(i), let n = Int(v) { return .number(Double(n), .integer) }
        return .text(v, numeric.contains(i) ? .centered : .text)
      })
    }
    let limits: [(Double, Double)] = [(5, 6), (30, 50), (14, 22), (14, 24), (14, 26), (14, 24), (20, 36), (12, 18), (8, 10), (14, 26)]
    sheet.widths = header.indices.map { i in
      let (lo, hi) = i < limits.count ? limits[i] : (10, 24)
      return WorkbookWriter.width(fitting: rows.map { i < $0.count ? $0[i] : "" } + header[i].split(separator: " ").map(String.init), min: lo, max: hi)
    }
    sheet.frozenRows = headerEnd
    sheet.printTitleRows = headerEnd...headerEnd
    return sheet
  }
}

/// Writes a binary file, or to standard output when it is not a terminal.
func writeBinary(_ data: Data, to path: String?) throws {
  guard let path else {
    guard isatty(STDOUT_FILENO) == 0 else {
      throw UserError(
        "output.binary", vi: "Sổ tính là tệp nhị phân; hãy chỉ định tệp ghi ra bằng -o TỆP.xlsx",
        en: "A workbook is a binary file; name the file to write with -o FILE.xlsx")
    }
    FileHandle.standardOutput.write(data)
    return
  }
  do {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw UserError(
      "output.write", vi: "Không ghi được tệp '\(path)'; kiểm tra đường dẫn và quyền ghi",
      en: "Cannot write the file '\(path)'; check the path and permissions")
  }
}
