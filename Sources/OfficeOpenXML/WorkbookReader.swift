import FollowUpCore
import Foundation

/// One worksheet read as text: cells as a spreadsheet shows their values.
public struct SheetCells: Sendable {
  /// The sheet's name in the workbook's tab.
  public var name: String
  /// Rows from sheet row 1; row `r` here is sheet row `r + 1`, empty rows kept as `[]`.
  public var rows: [[String]]
  /// Cells whose value was never calculated (a formula with no saved result).
  public var uncalculated: Set<TaskGrid.Cell>
}

/// Reads worksheets out of an .xlsx or .xlsm package (macros are never read or run).
///
/// Values come as text: shared, inline and rich-text strings joined; numbers in their
/// shortest form; numbers formatted as dates turned into dd/mm/yyyy (1900 or 1904 date
/// system, as the workbook says); formulas through the value saved with them.
public struct WorkbookReader {
  /// Sheet names in tab order, hidden ones included.
  public let sheetNames: [String]
  private let zip: SafeZip
  private let sheets: [(name: String, path: String, hidden: Bool)]
  private let system: ExcelDate.System
  private let strings: [String]
  private let dateStyles: [Bool]

  /// The largest sheet Excel itself can hold; a reference past it is not a real worksheet.
  static let maxRows = 1_048_576
  static let maxColumns = 16_384

  /// Opens a workbook held in memory.
  public init(_ data: Data, limits: ZipLimits = .standard) throws {
    let zip = try SafeZip(data, limits: limits)
    self.zip = zip
    let root = try Self.relationships(zip, of: "")
    let workbookPath =
      root.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
    guard let workbookXML = try zip.read(workbookPath) else {
      throw UserError(
        .xlsxNoWorkbook,
        vi: "Tệp không phải sổ tính Excel (không có phần \(workbookPath)); hãy mở và lưu lại thành .xlsx",
        en: "The file is not an Excel workbook (it has no \(workbookPath) part); open it and save it as .xlsx")
    }
    let book = WorkbookPart()
    try XMLEvents.parse(workbookXML, part: workbookPath, into: book)
    let rels = try Self.relationships(zip, of: workbookPath)
    var byID: [String: (type: String, target: String)] = [:]
    for r in rels { byID[r.id] = (r.type, r.target) }
    sheets = book.sheets.compactMap { s in
      guard let rel = byID[s.rid], rel.type.hasSuffix("/worksheet") else { return nil }
      return (s.name, rel.target, s.hidden)
    }
    sheetNames = sheets.map(\.name)
    system = book.date1904 ? .from1904 : .from1900
    if let sst = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }),
      let xml = try zip.read(sst.target)
    {
      let part = SharedStringsPart()
      try XMLEvents.parse(xml, part: sst.target, into: part)
      strings = part.strings
    } else {
      strings = []
    }
    if let st = rels.first(where: { $0.type.hasSuffix("/styles") }), let xml = try zip.read(st.target) {
      let part = StylesPart()
      try XMLEvents.parse(xml, part: st.target, into: part)
      dateStyles = part.dateStyles
    } else {
      dateStyles = []
    }
  }

  /// The sheet to read: the one named (exactly, else ignoring case and marks), or the first
  /// visible one.
  public func sheetName(_ wanted: String?) throws -> String {
    guard let wanted else {
      guard let first = sheets.first(where: { !$0.hidden }) ?? sheets.first else {
        throw UserError(
          .xlsxNoSheet, vi: "Sổ tính không có trang tính nào", en: "The workbook has no worksheet")
      }
      return first.name
    }
    if let s = sheets.first(where: { $0.name == wanted }) { return s.name }
    let key = VietText.fold(wanted)
    if let s = sheets.first(where: { VietText.fold($0.name) == key }) { return s.name }
    let names = sheetNames.map { "'\($0)'" }.joined(separator: ", ")
    throw UserError(
      .xlsxSheet,
      vi: "Sổ tính không có trang tính '\(wanted)'; các trang tính: \(names)",
      en: "The workbook has no sheet '\(wanted)'; its sheets are \(names)")
  }

  /// Reads one sheet's cells.
  public func cells(of name: String) throws -> SheetCells {
    guard let sheet = sheets.first(where: { $0.name == name }), let xml = try zip.read(sheet.path)
    else {
      throw UserError(
        .xlsxSheet, vi: "Không đọc được trang tính '\(name)'", en: "Cannot read the sheet '\(name)'")
    }
    let part = SheetPart(strings: strings, dateStyles: dateStyles, system: system, sheet: name)
    try XMLEvents.parse(xml, part: sheet.path, into: part)
    return SheetCells(name: name, rows: part.rows, uncalculated: part.uncalculated)
  }

  /// A sheet as a grid to read tasks from, cells named the way a spreadsheet names them
  /// ("Danh sách!D7").
  public func grid(sheet wanted: String?) throws -> TaskGrid {
    let name = try sheetName(wanted)
    let sheet = try cells(of: name)
    var unreadable: [TaskGrid.Cell: UserError] = [:]
    for cell in sheet.uncalculated {
      unreadable[cell] = UserError(
        .xlsxFormula,
        vi: "công thức chưa được tính (không có giá trị lưu kèm); hãy mở sổ tính bằng Excel hoặc LibreOffice, để nó tính rồi lưu lại",
        en: "the formula has no calculated value saved with it; open the workbook in Excel or LibreOffice, let it calculate and save it again")
    }
    return TaskGrid(
      rows: sheet.rows, name: (vi: "Trang tính '\(name)'", en: "Sheet '\(name)'"),
      place: { r, c, _ in
        let ref = c.map { CellRef.name(row: r, column: $0) } ?? "\(r + 1):\(r + 1)"
        return (vi: "\(name)!\(ref)", en: "\(name)!\(ref)")
      }, strictWidth: false, unreadable: unreadable)
  }

  /// The relationships of a part (`""` for the package itself), targets resolved to paths.
  static func relationships(_ zip: SafeZip, of part: String) throws -> [Relationship] {
    let folder = part.split(separator: "/").dropLast().joined(separator: "/")
    let file = part.split(separator: "/").last.map(String.init) ?? ""
    let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    guard let xml = try zip.read(relsPath) else { return [] }
    let handler = RelationshipsPart()
    try XMLEvents.parse(xml, part: relsPath, into: handler)
    return handler.relationships.compactMap { r in
      guard r.external == false else { return nil }
      var rel = r
      rel.target = resolve(r.target, from: folder)
      return rel
    }
  }

  /// A relationship target made a package path: absolute ("/xl/…") or relative to `folder`.
  static func resolve(_ target: String, from folder: String) -> String {
    var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
    for piece in target.split(separator: "/") {
      if piece == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else if piece != "." {
        parts.append(piece)
      }
    }
    return parts.joined(separator: "/")
  }
}

/// A1-style cell names.
public enum CellRef {
  /// "A", "B", …, "Z", "AA", … for a 0-based column.
  public static func column(_ c: Int) -> String {
    var n = c + 1
    var letters: [Character] = []
    while n > 0 {
      let d = (n - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + d))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  /// "D7" for 0-based row 6, column 3.
  public static func name(row: Int, column c: Int) -> String { column(c) + String(row + 1) }

  /// The 0-based row and column of "D7"; nil when it is not a cell name.
  static func parse(_ ref: String) -> (row: Int, column: Int)? {
    var col = 0
    var row = 0
    var letters = 0
    var digits = 0
    for u in ref.utf8 {
      switch u {
      case 65...90 where digits == 0:
        col = col * 26 + Int(u - 64)
        letters += 1
      case 97...122 where digits == 0:
        col = col * 26 + Int(u - 96)
        letters += 1
      case 48...57:
        row = row * 10 + Int(u - 48)
        digits += 1
      case 36:  // '$' of an absolute reference
        continue
      default:
        return nil
      }
      if letters > 3 || digits > 7 { return nil }
    }
    guard letters > 0, digits > 0, row > 0 else { return nil }
    return (row - 1, col - 1)
  }
}

/// One relationship of a .rels part.
struct Relationship {
  var id: String
  var type: String
  var target: String
  var external: Bool
}

final class RelationshipsPart: XMLEventHandler {
  var relationships: [Relationship] = []
  var failure: Error? { nil }
  func start(_ name: String, attributes: [String: String]) {
    guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"]
    else { return }
    relationships.append(
      Relationship(
        id: id, type: attributes["Type"] ?? "", target: target,
        external: attributes["TargetMode"] == "External"))
  }
  func end(_ name: String) {}
  func text(_ text: String) {}
}

final class WorkbookPart: XMLEventHandler {
  var sheets: [(name: String, rid: String, hidden: Bool)] = []
  var date1904 = false
  var failure: Error? { nil }
  func start(_ name: String, attributes: [String: String]) {
    switch name {
    case "workbookPr":
      let v = attributes["date1904"]?.lowercased()
      date1904 = v == "1" || v == "true"
    case "sheet":
      if let n = attributes["name"], let rid = attributes["id"] {
        let state = attributes["state"] ?? "visible"
        sheets.append((n, rid, state != "visible"))
      }
    default: break
    }
  }
  func end(_ name: String) {}
  func text(_ text: String) {}
}

/// The shared string table: each `<si>` is the text of its `<t>` runs (plain or rich text),
/// phonetic hints (`<rPh>`) left out.
final class SharedStringsPart: XMLEventHandler {
  var strings: [String] = []
  private var current = ""
  private var inText = false
  private var inPhonetic = false
  var failure: Error? { nil }
  func start(_ name: String, attributes: [String: String]) {
    switch name {
    case "si": current = ""
    case "t": inText = !inPhonetic
    case "rPh": inPhonetic = true
    default: break
    }
  }
  func end(_ name: String) {
    switch name {
    case "si": strings.append(current)
    case "t": inText = false
    case "rPh": inPhonetic = false
    default: break
    }
  }
  func text(_ text: String) { if inText { current += text } }
}

/// Which cell formats (`cellXfs` indexes) show a number as a date.
final class StylesPart: XMLEventHandler {
  var dateStyles: [Bool] = []
  private var customDate: [Int: Bool] = [:]
  private var inCellXfs = false
  var failure: Error? { nil }
  func start(_ name: String, attributes: [String: String]) {
    switch name {
    case "numFmt":
      if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
        customDate[id] = Self.isDateFormat(code)
      }
    case "cellXfs": inCellXfs = true
    case "xf" where inCellXfs:
      let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
      dateStyles.append(customDate[id] ?? Self.builtinDate.contains(id))
    default: break
    }
  }
  func end(_ name: String) { if name == "cellXfs" { inCellXfs = false } }
  func text(_ text: String) {}

  /// Built-in number formats that show dates (ECMA-376 §18.8.30, with the East Asian ones).
  static let builtinDate: Set<Int> = Set(14...17).union(22...22).union(27...36).union(50...58)

  /// Whether a format code shows a date: it has a day or year part once quoted text,
  /// escapes and bracketed sections (colours, locales, elapsed time) are removed.
  static func isDateFormat(_ code: String) -> Bool {
    let section = code.split(separator: ";", omittingEmptySubsequences: false).first ?? ""
    var inQuote = false
    var inBracket = false
    var escaped = false
    for ch in section.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch ch {
      case "\\": escaped = true
      case "\"": inQuote.toggle()
      case "[" where !inQuote: inBracket = true
      case "]" where !inQuote: inBracket = false
      case "d" where !inQuote && !inBracket, "y" where !inQuote && !inBracket: return true
      default: break
      }
    }
    return false
  }
}

/// Streams a worksheet's `<sheetData>` into rows of text.
final class SheetPart: XMLEventHandler {
  var rows: [[String]] = []
  var uncalculated: Set<TaskGrid.Cell> = []
  private(set) var failure: Error?
  private let strings: [String]
  private let dateStyles: [Bool]
  private let system: ExcelDate.System
  private let sheet: String

  private var row = -1
  private var column = -1
  private var type = "n"
  private var style = 0
  private var value = ""
  private var hasValue = false
  private var hasFormula = false
  private var inline = ""
  private var collecting: Collecting = .none
  private var inPhonetic = false

  private enum Collecting { case none, value, inline }

  init(strings: [String], dateStyles: [Bool], system: ExcelDate.System, sheet: String) {
    self.strings = strings
    self.dateStyles = dateStyles
    self.system = system
    self.sheet = sheet
  }

  func start(_ name: String, attributes: [String: String]) {
    switch name {
    case "row":
      // Rows and cells may omit their reference; they then follow the previous one.
      row = attributes["r"].flatMap(Int.init).map { $0 - 1 } ?? row + 1
      column = -1
      guard row >= 0, row < WorkbookReader.maxRows else {
        return fail(at: "row \(attributes["r"] ?? "?")")
      }
    case "c":
      if let ref = attributes["r"] {
        guard let p = CellRef.parse(ref), p.row == row || row < 0 else { return fail(at: ref) }
        column = p.column
      } else {
        column += 1
      }
      guard column < WorkbookReader.maxColumns else { return fail(at: attributes["r"] ?? "?") }
      type = attributes["t"] ?? "n"
      style = attributes["s"].flatMap(Int.init) ?? 0
      value = ""
      inline = ""
      hasValue = false
      hasFormula = false
    case "v":
      collecting = .value
      hasValue = true
    case "f":
      hasFormula = true
    case "is":
      collecting = .inline
      hasValue = true
    case "rPh":
      inPhonetic = true
    default: break
    }
  }

  func end(_ name: String) {
    switch name {
    case "v": collecting = .none
    case "is": collecting = .none
    case "rPh": inPhonetic = false
    case "c": finishCell()
    default: break
    }
  }

  func text(_ text: String) {
    switch collecting {
    case .none: break
    case .value: value += text
    case .inline: if !inPhonetic { inline += text }
    }
  }

  private func finishCell() {
    guard row >= 0, column >= 0 else { return }
    if hasFormula && !hasValue {
      uncalculated.insert(TaskGrid.Cell(row: row, column: column))
      return
    }
    let text: String
    switch type {
    case "s":
      guard let i = Int(value), i >= 0, i < strings.count else {
        return fail(at: CellRef.name(row: row, column: column))
      }
      text = strings[i]
    case "inlineStr": text = inline
    case "str", "e", "d": text = value
    case "b": text = value == "1" ? "TRUE" : "FALSE"
    default:
      guard !value.isEmpty else { return }
      guard let number = Double(value) else { return fail(at: CellRef.name(row: row, column: column)) }
      if style < dateStyles.count, dateStyles[style], let day = ExcelDate.day(serial: number, system: system) {
        text = day.formatted
      } else {
        text = Self.shortest(number)
      }
    }
    if text.isEmpty { return }
    while rows.count <= row { rows.append([]) }
    if rows[row].count <= column {
      rows[row].append(contentsOf: repeatElement("", count: column + 1 - rows[row].count))
    }
    rows[row][column] = text
  }

  /// A number as a sheet shows it by default: whole numbers without a point.
  static func shortest(_ n: Double) -> String {
    if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
    return String(n)
  }

  private func fail(at ref: String) {
    guard failure == nil else { return }
    failure = UserError(
      .xlsxCell,
      vi: "\(sheet)!\(ref): ô không đọc được (tham chiếu hoặc giá trị sai); hãy lưu lại sổ tính bằng Excel hoặc LibreOffice",
      en: "\(sheet)!\(ref): the cell cannot be read (a wrong reference or value); save the workbook again from Excel or LibreOffice")
  }
}
