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

  /// The printed columns after (1) No. and (2) the agency.
  static let figures = ReportColumns.printed

  /// Every column: No., the agency, then the figures.
  static var columns: Int { 2 + figures.count }

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

    // Two header bands, as the HTML page and the printed forms have them: a banded run of
    // columns shares one merged heading above its own; any other column spans both rows.
    let top = sheet.rows.count
    var upper: [CellValue] = [.text(l.pick(vi: "STT", en: "No."), .header), .text(ReportFormat.agencyHeader(r, l), .header)]
    var lower = [CellValue](repeating: .empty(.header), count: columns)
    sheet.merges.append((top, 0, top + 1, 0))
    sheet.merges.append((top, 1, top + 1, 1))
    var i = 0
    while i < figures.count {
      let col = 2 + i
      guard let band = figures[i].band?.0 else {
        upper.append(.text(figures[i].full.text(l), .header))
        sheet.merges.append((top, col, top + 1, col))
        i += 1
        continue
      }
      let run = figures[i...].prefix { $0.band?.0 == band }.count
      upper.append(.text(band.title.text(l), .header))
      upper += [CellValue](repeating: .empty(.header), count: run - 1)
      sheet.merges.append((top, col, top, col + run - 1))
      for (k, f) in figures[i..<(i + run)].enumerated() { lower[col + k] = .text(f.band?.part.text(l) ?? "", .header) }
      i += run
    }
    sheet.rows.append(upper)
    sheet.rows.append(lower)
    sheet.rows.append(([1, 2] + figures.compactMap(\.number)).map { .text("(\($0))", .numbering) })
    sheet.heights[top] = 2 * WorkbookWriter.lineHeight
    sheet.heights[top + 1] = 2 * WorkbookWriter.lineHeight
    let headerEnd = sheet.rows.count

    func counts(_ x: WorkloadCounts, total: Bool) -> [CellValue] {
      let int: CellStyle = total ? .totalInteger : .integer
      let pct: CellStyle = total ? .totalPercent : .percent
      return figures.map { f -> CellValue in
        if let n = f.count(x) { return .number(Double(n), int) }
        guard let rate = f.rate(x, r.options.formula), rate.isFinite else { return .text("–", .centered) }
        return .number(rate, pct)
      }
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
    for f in figures {
      let label = f.band?.part.text(l) ?? f.full.text(l)
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
        .outputBinary, vi: "Sổ tính là tệp nhị phân; hãy chỉ định tệp ghi ra bằng -o TỆP.xlsx",
        en: "A workbook is a binary file; name the file to write with -o FILE.xlsx")
    }
    FileHandle.standardOutput.write(data)
    return
  }
  do {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw UserError(
      .outputWrite, vi: "Không ghi được tệp '\(path)'; kiểm tra đường dẫn và quyền ghi",
      en: "Cannot write the file '\(path)'; check the path and permissions")
  }
}
