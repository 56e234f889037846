import FollowUpCore
import Foundation
import OfficeOpenXML
import Testing
import ZIPFoundation

/// A workbook package built part by part, the way other programs write them.
struct BookParts {
  var sheets: [(name: String, xml: String)] = []
  var shared: [String]? = nil
  var styles: String? = nil
  var date1904 = false
  var hidden: Set<String> = []
  var macros = false

  static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  /// A sheet from its `<sheetData>` rows.
  static func sheet(_ rows: String, prefix: String = "") -> String {
    let p = prefix.isEmpty ? "" : prefix + ":"
    let xmlns = prefix.isEmpty ? "xmlns=\"\(ns)\"" : "xmlns:\(prefix)=\"\(ns)\""
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><\(p)worksheet \(xmlns) xmlns:r=\"\(rel)\"><\(p)sheetData>"
      + rows + "</\(p)sheetData></\(p)worksheet>"
  }

  func data() throws -> Data {
    var entries: [(String, Data)] = []
    let main = macros
      ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    entries.append((
      "[Content_Types].xml",
      Data(("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + (macros ? "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>" : "")
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(main)\"/></Types>").utf8)))
    entries.append((
      "_rels/.rels",
      Data(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(Self.rel)/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>").utf8)))
    var book = "<workbook xmlns=\"\(Self.ns)\" xmlns:r=\"\(Self.rel)\">"
      + (date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") + "<sheets>"
    var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for (i, s) in sheets.enumerated() {
      book += "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\""
        + (hidden.contains(s.name) ? " state=\"hidden\"" : "") + "/>"
      rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
      entries.append(("xl/worksheets/sheet\(i + 1).xml", Data(s.xml.utf8)))
    }
    book += "</sheets></workbook>"
    if let shared {
      rels += "<Relationship Id=\"rS\" Type=\"\(Self.rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
      entries.append((
        "xl/sharedStrings.xml",
        Data(("<sst xmlns=\"\(Self.ns)\">" + shared.map { "<si>\($0)</si>" }.joined() + "</sst>").utf8)))
    }
    if let styles {
      rels += "<Relationship Id=\"rT\" Type=\"\(Self.rel)/styles\" Target=\"styles.xml\"/>"
      entries.append(("xl/styles.xml", Data(("<styleSheet xmlns=\"\(Self.ns)\">" + styles + "</styleSheet>").utf8)))
    }
    if macros {
      rels += "<Relationship Id=\"rV\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>"
      entries.append(("xl/vbaProject.bin", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 1024)))
    }
    rels += "</Relationships>"
    entries.append(("xl/workbook.xml", Data(book.utf8)))
    entries.append(("xl/_rels/workbook.xml.rels", Data(rels.utf8)))
    return try makeZip(entries)
  }
}

/// Inline-string cell.
func istr(_ ref: String, _ text: String) -> String {
  "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
}

/// A row of inline strings from column A.
func irow(_ r: Int, _ cells: [String]) -> String {
  "<row r=\"\(r)\">"
    + cells.enumerated().filter { !$0.element.isEmpty }.map { istr(CellRef.name(row: r - 1, column: $0.offset), $0.element) }
    .joined() + "</row>"
}

let sampleCatalog: Catalog = {
  do { return try InterchangeReader.read(json: BundledData.sampleJSON).catalog } catch {
    fatalError("sample.json does not load: \(error)")
  }
}()

/// Cell values as the reader gives them, and tasks read from a worksheet.
@Suite struct WorkbookReaderTests {
  @Test func readsSharedInlineAndRichTextStringsNumbersAndBooleans() throws {
    var parts = BookParts()
    parts.shared = [
      "<t>Sở Nội vụ</t>",
      "<r><rPr><b/></rPr><t>Đề xuất </t></r><r><t xml:space=\"preserve\">chính sách</t></r><rPh><t>ignored</t></rPh>",
    ]
    parts.sheets = [(
      "Data",
      BookParts.sheet(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c>"
          + "<c r=\"C1\" t=\"inlineStr\"><is><r><t>Quý </t></r><r><t>I/2024</t></r></is></c>"
          + "<c r=\"D1\"><v>42</v></c><c r=\"E1\"><v>0.5</v></c><c r=\"F1\" t=\"b\"><v>1</v></c>"
          + "<c r=\"G1\" t=\"str\"><f>B1&amp;\"\"</f><v>Sở Nội vụ</v></c></row>",
        prefix: "x")
    )]
    let book = try WorkbookReader(try parts.data())
    let cells = try book.cells(of: "Data")
    #expect(cells.rows == [["Đề xuất chính sách", "Sở Nội vụ", "Quý I/2024", "42", "0.5", "TRUE", "Sở Nội vụ"]])
  }

  @Test func readsDateCellsInBothDateSystemsAndLeavesPlainNumbers() throws {
    let styles = "<numFmts count=\"1\"><numFmt numFmtId=\"170\" formatCode=\"[$-42A]dd/mm/yyyy;@\"/></numFmts>"
      + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"170\"/><xf numFmtId=\"4\"/></cellXfs>"
    func read(_ date1904: Bool, _ serial: Int) throws -> [String] {
      var parts = BookParts()
      parts.styles = styles
      parts.date1904 = date1904
      parts.sheets = [(
        "S",
        BookParts.sheet(
          "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>\(serial)</v></c><c r=\"B1\" s=\"2\"><v>\(serial).75</v></c>"
            + "<c r=\"C1\" s=\"3\"><v>\(serial)</v></c><c r=\"D1\"><v>\(serial)</v></c></row>")
      )]
      return try WorkbookReader(try parts.data()).cells(of: "S").rows[0]
    }
    // 30/09/2023 is day 45199 counted from 1900 and day 43737 counted from 1904.
    #expect(try read(false, 45199) == ["30/09/2023", "30/09/2023", "45199", "45199"])
    #expect(try read(true, 43737) == ["30/09/2023", "30/09/2023", "43737", "43737"])
  }

  @Test func excelDaysCountThePhantomLeapDayOf1900() {
    #expect(ExcelDate.day(serial: 1, system: .from1900)?.formatted == "01/01/1900")
    #expect(ExcelDate.day(serial: 59, system: .from1900)?.formatted == "28/02/1900")
    #expect(ExcelDate.day(serial: 61, system: .from1900)?.formatted == "01/03/1900")
    #expect(ExcelDate.day(serial: 0, system: .from1904)?.formatted == "01/01/1904")
    for iso in ["1900-01-01", "1900-02-28", "1900-03-01", "2023-09-30", "2024-02-29"] {
      let d = Day(iso: iso)
      #expect(d.flatMap { ExcelDate.day(serial: Double(ExcelDate.serial($0)), system: .from1900) } == d)
    }
  }

  /// The annex as an office keeps it: title rows, a two-row header whose upper row groups
  /// "Chủ trì" and "Phối hợp" under a merged "Cơ quan", a numbering row, blank rows.
  static func annexLike(deadlineRow7: String = "31/7/2023") -> BookParts {
    var parts = BookParts()
    parts.sheets = [
      ("Ghi chú", BookParts.sheet(irow(1, ["Trang này không có nhiệm vụ"]))),
      (
        "Danh sách",
        BookParts.sheet(
          irow(1, ["DANH MỤC NHIỆM VỤ THEO KẾT LUẬN"])
            + irow(3, ["STT", "Nội dung nhiệm vụ", "Cơ quan", "", "Thời hạn", "Tình trạng"])
            + irow(4, ["", "", "Chủ trì", "Phối hợp", "", ""])
            + irow(5, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
            + irow(6, ["1", "Rà soát các hội đặc thù", "LHH", "Sở Nội vụ; STC", "Quý I/2024", "Đang thực hiện"])
            + irow(7, ["2", "Hoàn thiện quy định tư vấn, phản biện", "Liên hiệp hội", "", deadlineRow7, ""])
            + "<row r=\"8\"/>" + irow(9, ["", "  ", "", "", "", ""])
            + irow(10, ["3", "Báo cáo Thường trực Thành ủy", "BTGTU", "", "", ""]))
      ),
    ]
    parts.hidden = ["Ghi chú"]
    return parts
  }

  @Test func findsATwoRowMergedHeaderBelowTitleRowsAndSkipsEmptyRows() throws {
    let book = try WorkbookReader(try Self.annexLike().data())
    #expect(book.sheetNames == ["Ghi chú", "Danh sách"])
    // The first sheet is hidden, so the first visible one is read.
    let grid = try book.grid(sheet: nil)
    let read = try CSVTasks.read(grid, catalog: sampleCatalog, referenceYear: 2023)
    #expect(read.tasks.map(\.lead) == ["LHH", "LHH", "BTGTU"])
    #expect(read.tasks[0].coordinating == ["SNV", "STC"])
    #expect(read.tasks[0].deadline.kind == .quarter)
    #expect(read.tasks[1].deadline.date?.formatted == "31/07/2023")
    #expect(read.rows.map { $0 + 1 } == [6, 7, 10])
    #expect(grid.place(read.rows[2], nil, "").en == "Danh sách!10:10")
  }

  @Test func aBadCellIsNamedBySheetAndCell() throws {
    let book = try WorkbookReader(try Self.annexLike(deadlineRow7: "31/6/2023").data())
    let grid = try book.grid(sheet: "danh sach")
    #expect(throws: UserError.self) { try CSVTasks.read(grid, catalog: sampleCatalog, referenceYear: 2023) }
    do {
      _ = try CSVTasks.read(grid, catalog: sampleCatalog, referenceYear: 2023)
    } catch let e as UserError {
      #expect(e.en.hasPrefix("Danh sách!E7: “31/6/2023” is not a real date"), "\(e.en)")
    }
  }

  @Test func aMissingSheetListsTheSheets() throws {
    let book = try WorkbookReader(try Self.annexLike().data())
    do {
      _ = try book.grid(sheet: "Tổng hợp")
      Issue.record("no error")
    } catch let e as UserError {
      #expect(e.en == "The workbook has no sheet 'Tổng hợp'; its sheets are 'Ghi chú', 'Danh sách'")
    }
  }

  @Test func aFormulaWithoutItsValueStopsTheImportOnlyWhereATaskNeedsIt() throws {
    var parts = BookParts()
    parts.sheets = [(
      "Danh sách",
      BookParts.sheet(
        irow(1, ["STT", "content", "lead", "deadline"])
          // A1: a numbering formula never calculated, in a column no task field uses.
          + "<row r=\"2\"><c r=\"A2\"><f>ROW()-1</f></c>" + istr("B2", "Việc một") + istr("C2", "LHH")
          + "<c r=\"D2\"><f>DATE(2023,9,30)</f></c></row>")
    )]
    let grid = try WorkbookReader(try parts.data()).grid(sheet: nil)
    do {
      _ = try CSVTasks.read(grid, catalog: sampleCatalog, referenceYear: 2023)
      Issue.record("no error")
    } catch let e as UserError {
      #expect(e.en.hasPrefix("Danh sách!D2: the formula has no calculated value"), "\(e.en)")
    }
  }

  @Test func aMacroWorkbookIsReadForItsDataAlone() throws {
    var parts = Self.annexLike()
    parts.macros = true
    let book = try WorkbookReader(try parts.data())
    let read = try CSVTasks.read(try book.grid(sheet: nil), catalog: sampleCatalog, referenceYear: 2023)
    #expect(read.tasks.count == 3)
  }

  @Test func aPartWithADoctypeIsRefused() throws {
    var parts = BookParts()
    parts.sheets = [(
      "S",
      "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
        + "<worksheet xmlns=\"\(BookParts.ns)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>"
    )]
    let book = try WorkbookReader(try parts.data())
    #expect(refusal { _ = try book.cells(of: "S") }?.code == .xmlDoctype)
  }

  @Test func aCellPastTheLastColumnExcelHasIsRefused() throws {
    var parts = BookParts()
    parts.sheets = [("S", BookParts.sheet("<row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row>"))]
    let e = refusal { _ = try WorkbookReader(try parts.data()).cells(of: "S") }
    #expect(e?.code == .xlsxCell)
    #expect(e?.en.hasPrefix("S!ZZZZ1: the cell cannot be read") == true)
  }
}
