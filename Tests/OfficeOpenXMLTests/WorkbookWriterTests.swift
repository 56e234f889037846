import FollowUpCore
import Foundation
import OfficeOpenXML
import Testing

/// What the writer puts in a workbook comes back out of the reader.
@Suite struct WorkbookWriterTests {
  @Test func cellsComeBackAsASpreadsheetShowsThem() throws {
    var sheet = SheetSpec(name: "Biểu tổng hợp")
    let day = try #require(Day(year: 2023, month: 9, day: 30))
    sheet.rows = [
      [.text("Cơ quan chủ trì", .header), .text("Tỷ lệ HT", .header)],
      [.text("Sở Khoa học và Công nghệ\n(gồm LHH)", .text), .number(2.0 / 3.0, .percent), .number(21914, .integer), .day(day)],
      [],
      [.empty(.totalText), .text("A & B < C \"D\"", .totalText)],
    ]
    sheet.merges = [(0, 0, 0, 1)]
    sheet.widths = [30, 10]
    let book = try WorkbookReader(try WorkbookWriter.data([sheet, SheetSpec(name: "Phụ lục")]))
    #expect(book.sheetNames == ["Biểu tổng hợp", "Phụ lục"])
    let cells = try book.cells(of: "Biểu tổng hợp")
    #expect(cells.rows[0] == ["Cơ quan chủ trì", "Tỷ lệ HT"])
    // A rate is stored as the number itself; only its format shows it as a percentage.
    #expect(cells.rows[1][0] == "Sở Khoa học và Công nghệ\n(gồm LHH)")
    #expect(Double(cells.rows[1][1]).map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
    #expect(cells.rows[1][2] == "21914")
    #expect(cells.rows[1][3] == "30/09/2023")
    #expect(cells.rows[2].isEmpty)
    #expect(cells.rows[3] == ["", "A & B < C \"D\""])
  }

  @Test func theSameSheetsGiveTheSameBytes() throws {
    var sheet = SheetSpec(name: "Nhiệm vụ")
    sheet.rows = [[.text("Nguyễn Bỉnh Khiêm", .text), .number(1, .integer)]]
    #expect(try WorkbookWriter.data([sheet]) == WorkbookWriter.data([sheet]))
  }

  @Test func widthsCountGraphemeClustersSoComposedAndDecomposedTextFitAlike() {
    let composed = "Nguyễn Thị Hồng Nhung".precomposedStringWithCanonicalMapping
    let decomposed = composed.decomposedStringWithCanonicalMapping
    #expect(decomposed.unicodeScalars.count > composed.unicodeScalars.count)
    let a = WorkbookWriter.width(fitting: [composed], min: 1, max: 100)
    let b = WorkbookWriter.width(fitting: [decomposed], min: 1, max: 100)
    #expect(a == b)
    #expect(a < WorkbookWriter.width(fitting: [composed + " (Sở Nội vụ)"], min: 1, max: 100))
    // The widest line counts, and the bounds hold.
    #expect(WorkbookWriter.width(fitting: ["ngắn\n" + composed], min: 1, max: 100) == a)
    #expect(WorkbookWriter.width(fitting: [String(repeating: "x", count: 500)], min: 1, max: 40) == 40)
  }

  @Test func aSheetPartOverTenMegabytesIsRead() throws {
    // libxml2 refuses one push of more than 10 MB; the reader must stream the part.
    var sheet = SheetSpec(name: "Lớn")
    let text = String(repeating: "Tham mưu, đề xuất cơ chế, chính sách thu hút trí thức trẻ; ", count: 6)
    sheet.rows = (0..<22_000).map { i in [.number(Double(i + 1), .integer), .text(text, .plain)] }
    let data = try WorkbookWriter.data([sheet])
    #expect(try SafeZip(data).read("xl/worksheets/sheet1.xml").map { $0.count > 10_000_000 } == true)
    let cells = try WorkbookReader(data).cells(of: "Lớn")
    #expect(cells.rows.count == 22_000)
    #expect(cells.rows[21_999] == ["22000", text])
  }
}
