import FollowUpCore
import Foundation
import ZIPFoundation

/// The looks a written cell can have; each is one `cellXfs` entry of the styles part.
///
/// A short fixed list keeps the styles part the same for every workbook, so equal data give
/// byte-equal files.
public enum CellStyle: Int, CaseIterable, Sendable {
  /// No border, default font.
  case plain
  /// Bold, larger, centred across its merged range: the document title.
  case title
  /// Italic, centred: the lines under the title.
  case subtitle
  /// Bold, centred both ways, wrapped, bordered: column headers.
  case header
  /// Italic, centred, bordered: the (1), (2), … row under the headers.
  case numbering
  /// Wrapped text at the top of a bordered cell.
  case text
  /// A whole number, grouped by thousands in the reader's locale, bordered.
  case integer
  /// A rate shown as a percentage with one decimal (`0.0%`), bordered.
  case percent
  /// A date shown dd/mm/yyyy, bordered.
  case date
  /// Bold wrapped text, bordered: the label of a total row.
  case totalText
  /// Bold whole number, bordered.
  case totalInteger
  /// Bold percentage, bordered.
  case totalPercent
  /// Centred text, bordered (a "–" where a rate has no denominator).
  case centered
  /// Italic text with no border: footnotes.
  case note
}

/// One cell to write.
public enum CellValue: Sendable, Equatable {
  /// Nothing (the cell is left out unless it carries a border style).
  case empty(CellStyle)
  /// Text, written inline.
  case text(String, CellStyle)
  /// A number; its style decides how it shows.
  case number(Double, CellStyle)
  /// A day, written as its 1900-system serial number with the date style.
  case day(Day)

  /// The style the cell is written with.
  var style: CellStyle {
    switch self {
    case .empty(let s), .text(_, let s), .number(_, let s): return s
    case .day: return .date
    }
  }
}

/// One worksheet to write: cells, merged ranges, widths and the page setup for printing.
public struct SheetSpec: Sendable {
  /// The tab name (at most 31 characters, no `[]:*?/\`).
  public var name: String
  /// Rows from row 1; `rows[r][c]` is cell (r, c), 0-based.
  public var rows: [[CellValue]] = []
  /// Merged ranges as 0-based inclusive (first row, first column, last row, last column).
  public var merges: [(Int, Int, Int, Int)] = []
  /// Column widths in characters of the default font.
  public var widths: [Double] = []
  /// Row heights in points where one must be set (wrapped header rows).
  public var heights: [Int: Double] = [:]
  /// Rows kept in view when scrolling, counted from the top.
  public var frozenRows = 0
  /// Rows printed again at the top of every page (1-based, inclusive), if any.
  public var printTitleRows: ClosedRange<Int>?
  /// Print across, on A4 paper.
  public var landscape = true

  /// Creates an empty sheet.
  public init(name: String) { self.name = name }
}

/// Writes .xlsx packages: the minimal parts Excel and LibreOffice need, strings inline, one
/// fixed styles part and fixed timestamps, so the same data always give the same bytes.
public enum WorkbookWriter {
  /// The package as bytes.
  public static func data(_ sheets: [SheetSpec]) throws -> Data {
    var parts: [(String, String)] = []
    parts.append(("[Content_Types].xml", contentTypes(sheets.count)))
    parts.append(("_rels/.rels", rootRels))
    parts.append(("docProps/app.xml", appProps))
    parts.append(("xl/workbook.xml", workbook(sheets)))
    parts.append(("xl/_rels/workbook.xml.rels", workbookRels(sheets.count)))
    parts.append(("xl/styles.xml", styles))
    for (i, s) in sheets.enumerated() {
      parts.append(("xl/worksheets/sheet\(i + 1).xml", worksheet(s)))
    }
    let archive = try Archive(accessMode: .create)
    for (path, text) in parts {
      let bytes = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count),
        modificationDate: Date(timeIntervalSince1970: 946_728_000), permissions: 0o644,
        compressionMethod: .deflate
      ) { position, size in
        bytes.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard var data = archive.data else {
      throw UserError(
        .xlsxWrite, vi: "Không tạo được sổ tính", en: "The workbook could not be built")
    }
    try fixTimestamps(&data)
    return data
  }

  /// Sets every entry's DOS date and time to 01/01/1980 00:00. They are stored in local
  /// time, so whatever date is passed in, the bytes would change with the time zone.
  static func fixTimestamps(_ data: inout Data) throws {
    let directory = try CentralDirectory(data, maxEntries: Int.max)
    let day1980: UInt16 = (0 << 9) | (1 << 5) | 1
    func put(_ at: Int, _ v: UInt16) {
      data[data.startIndex + at] = UInt8(v & 0xFF)
      data[data.startIndex + at + 1] = UInt8(v >> 8)
    }
    for record in directory.records {
      put(record.headerOffset + 12, 0)
      put(record.headerOffset + 14, day1980)
      put(record.localOffset + 10, 0)
      put(record.localOffset + 12, day1980)
    }
  }

  // MARK: Parts

  static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

  static func contentTypes(_ n: Int) -> String {
    var s = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    s += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    s += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    s += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    for i in 1...max(n, 1) where i <= n {
      s += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    return s + "</Types>"
  }

  static let rootRels = header
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/>"
    + "<Relationship Id=\"rId2\" Type=\"\(relNS)/extended-properties\" Target=\"docProps/app.xml\"/>"
    + "</Relationships>"

  static let appProps = header
    + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    + "<Application>FollowUp</Application></Properties>"

  static func workbook(_ sheets: [SheetSpec]) -> String {
    var s = header + "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
    s += "<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    for (i, sheet) in sheets.enumerated() {
      s += "<sheet name=\"\(esc(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
    }
    s += "</sheets>"
    let titles = sheets.enumerated().compactMap { i, sheet in
      sheet.printTitleRows.map { rows in
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">"
          + esc(quotedSheet(sheet.name)) + "!$\(rows.lowerBound):$\(rows.upperBound)</definedName>"
      }
    }
    if !titles.isEmpty { s += "<definedNames>" + titles.joined() + "</definedNames>" }
    return s + "</workbook>"
  }

  /// A sheet name as a formula writes it: quoted, inner quotes doubled.
  static func quotedSheet(_ name: String) -> String {
    "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
  }

  static func workbookRels(_ n: Int) -> String {
    var s = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for i in 0..<n {
      s += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
    }
    s += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
    return s + "</Relationships>"
  }

  /// Fonts: 0 regular, 1 bold, 2 italic, 3 bold title. Times New Roman 12 is the face of
  /// Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP).
  static let styles: String = {
    let font = { (attrs: String, size: Int) in
      "<font>\(attrs)<sz val=\"\(size)\"/><name val=\"Times New Roman\"/><family val=\"1\"/><charset val=\"163\"/></font>"
    }
    var s = header + "<styleSheet xmlns=\"\(mainNS)\">"
    s += "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/><numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
    s += "<fonts count=\"4\">" + font("", 12) + font("<b/>", 12) + font("<i/>", 12) + font("<b/>", 14) + "</fonts>"
    s += "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
    s += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7EEF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
    let thin = "<left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
      + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/>"
    s += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>\(thin)</border></borders>"
    s += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    s += "<cellXfs count=\"\(CellStyle.allCases.count)\">"
    for style in CellStyle.allCases { s += xf(style) }
    s += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    return s + "</styleSheet>"
  }()

  static func xf(_ style: CellStyle) -> String {
    // (number format, font, fill, border, horizontal, vertical, wrap)
    let p: (Int, Int, Int, Int, String?, String, Bool) = {
      switch style {
      case .plain: return (0, 0, 0, 0, nil, "top", false)
      case .title: return (0, 3, 0, 0, "center", "center", false)
      case .subtitle: return (0, 2, 0, 0, "center", "center", false)
      case .header: return (0, 1, 2, 1, "center", "center", true)
      case .numbering: return (0, 2, 2, 1, "center", "center", false)
      case .text: return (0, 0, 0, 1, "left", "top", true)
      case .integer: return (3, 0, 0, 1, "right", "top", false)
      case .percent: return (164, 0, 0, 1, "right", "top", false)
      case .date: return (165, 0, 0, 1, "center", "top", false)
      case .totalText: return (0, 1, 0, 1, "left", "top", true)
      case .totalInteger: return (3, 1, 0, 1, "right", "top", false)
      case .totalPercent: return (164, 1, 0, 1, "right", "top", false)
      case .centered: return (0, 0, 0, 1, "center", "top", false)
      case .note: return (0, 2, 0, 0, nil, "top", false)
      }
    }()
    var s = "<xf numFmtId=\"\(p.0)\" fontId=\"\(p.1)\" fillId=\"\(p.2)\" borderId=\"\(p.3)\" xfId=\"0\""
    if p.0 != 0 { s += " applyNumberFormat=\"1\"" }
    if p.1 != 0 { s += " applyFont=\"1\"" }
    if p.2 != 0 { s += " applyFill=\"1\"" }
    if p.3 != 0 { s += " applyBorder=\"1\"" }
    s += " applyAlignment=\"1\"><alignment"
    if let h = p.4 { s += " horizontal=\"\(h)\"" }
    s += " vertical=\"\(p.5)\""
    if p.6 { s += " wrapText=\"1\"" }
    return s + "/></xf>"
  }

  static func worksheet(_ sheet: SheetSpec) -> String {
    let lastRow = max(sheet.rows.count, 1)
    let lastCol = max(sheet.rows.map(\.count).max() ?? 1, sheet.widths.count, 1)
    var s = header + "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
    s += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
    s += "<dimension ref=\"A1:\(CellRef.name(row: lastRow - 1, column: lastCol - 1))\"/>"
    s += "<sheetViews><sheetView workbookViewId=\"0\">"
    if sheet.frozenRows > 0 {
      let top = CellRef.name(row: sheet.frozenRows, column: 0)
      s += "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
      s += "<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/>"
    }
    s += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15.75\"/>"
    if !sheet.widths.isEmpty {
      s += "<cols>"
      for (i, w) in sheet.widths.enumerated() {
        s += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(number(w))\" customWidth=\"1\"/>"
      }
      s += "</cols>"
    }
    s += "<sheetData>"
    for (r, row) in sheet.rows.enumerated() {
      var cells = ""
      for (c, cell) in row.enumerated() {
        let ref = CellRef.name(row: r, column: c)
        let st = cell.style.rawValue
        let sAttr = st == 0 ? "" : " s=\"\(st)\""
        switch cell {
        case .empty(let style):
          if style != .plain { cells += "<c r=\"\(ref)\"\(sAttr)/>" }
        case .text(let t, _):
          cells += "<c r=\"\(ref)\"\(sAttr) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(esc(t))</t></is></c>"
        case .number(let n, _):
          cells += "<c r=\"\(ref)\"\(sAttr)><v>\(number(n))</v></c>"
        case .day(let d):
          cells += "<c r=\"\(ref)\"\(sAttr)><v>\(ExcelDate.serial(d))</v></c>"
        }
      }
      let height = sheet.heights[r] ?? fittedHeight(row, r, sheet)
      let ht = height.map { " ht=\"\(number($0))\" customHeight=\"1\"" } ?? ""
      if !cells.isEmpty || !ht.isEmpty { s += "<row r=\"\(r + 1)\"\(ht)>" + cells + "</row>" }
    }
    s += "</sheetData>"
    if !sheet.merges.isEmpty {
      s += "<mergeCells count=\"\(sheet.merges.count)\">"
      for m in sheet.merges {
        s += "<mergeCell ref=\"\(CellRef.name(row: m.0, column: m.1)):\(CellRef.name(row: m.2, column: m.3))\"/>"
      }
      s += "</mergeCells>"
    }
    s += "<printOptions horizontalCentered=\"1\"/>"
    s += "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
    // paperSize 9 is A4; fit all columns on the page width, as many pages down as needed.
    s += "<pageSetup paperSize=\"9\" orientation=\"\(sheet.landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    s += "<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>"
    return s + "</worksheet>"
  }

  /// Points per line of 12-point text.
  public static let lineHeight = 15.75

  /// The height a row of wrapped text needs, estimated from its column widths, or nil when
  /// one line is enough. Excel does not grow rows on opening, so the file has to say.
  static func fittedHeight(_ row: [CellValue], _ r: Int, _ sheet: SheetSpec) -> Double? {
    var lines = 1
    for (c, cell) in row.enumerated() {
      guard case .text(let t, let style) = cell, [.text, .header, .totalText].contains(style),
        c < sheet.widths.count,
        !sheet.merges.contains(where: { r >= $0.0 && r <= $0.2 && c >= $0.1 && c <= $0.3 })
      else { continue }
      let perLine = max(1, Int((sheet.widths[c] - 1) / 1.1))
      var n = 0
      for paragraph in t.split(separator: "\n", omittingEmptySubsequences: false) {
        n += max(1, (paragraph.count + perLine - 1) / perLine)
      }
      lines = max(lines, n)
    }
    return lines > 1 ? Double(lines) * lineHeight : nil
  }

  /// A number as XML writes it: whole numbers without a point, others in shortest form.
  static func number(_ n: Double) -> String {
    if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
    return String(n)
  }

  /// Escapes text for XML, dropping the control characters XML 1.0 cannot carry.
  static func esc(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(u)
      default:
        if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// A column width in characters that fits `lines` of text: measured in grapheme clusters,
  /// so "Nguyễn" counts 6 whether it is stored composed or decomposed, between `min` and `max`
  /// (longer text wraps).
  public static func width(fitting texts: [String], min lo: Double, max hi: Double) -> Double {
    var widest = 0
    for t in texts {
      for line in t.split(separator: "\n", omittingEmptySubsequences: false) {
        widest = Swift.max(widest, line.count)
      }
    }
    // A little over one unit per character: Times' Vietnamese letters with stacked marks run
    // wider than the digit Excel measures widths in.
    let w = (Double(widest) * 1.1 + 2).rounded()
    return Swift.min(Swift.max(w, lo), hi)
  }
}
