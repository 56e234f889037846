import FollowUpCore
import Foundation
import OfficeOpenXML

/// Excel workbooks on the command line: telling one from other input and reading its tasks.
enum Workbooks {
  /// Extensions of the workbook formats `import` reads; .xlsm is read for its data only.
  static let extensions: Set<String> = ["xlsx", "xlsm", "xltx", "xltm", "xls"]

  /// Whether the input is meant as a workbook: by its extension, or by a zip or compound-file
  /// signature when it has none (standard input).
  static func isWorkbook(path: String, data: Data) -> Bool {
    let ext = (path as NSString).pathExtension.lowercased()
    if extensions.contains(ext) { return true }
    if ext == "csv" || ext == "json" { return false }
    let head = [UInt8](data.prefix(4))
    return head == [0x50, 0x4B, 0x03, 0x04] || head == [0xD0, 0xCF, 0x11, 0xE0]
  }

  /// The chosen sheet as a grid of cells, or nil when the input is not a workbook; errors
  /// carry the file name in front.
  static func taskGrid(path: String, data: Data, sheet: String?) throws -> TaskGrid? {
    guard isWorkbook(path: path, data: data) else {
      if sheet != nil {
        throw UserError(
          .importSheet, vi: "--sheet chỉ dùng với sổ tính Excel (.xlsx, .xlsm)",
          en: "--sheet applies to Excel workbooks (.xlsx, .xlsm) only")
      }
      return nil
    }
    do {
      return try WorkbookReader(data).grid(sheet: sheet)
    } catch let e as UserError {
      throw e.located(vi: path, en: path)
    }
  }
}
