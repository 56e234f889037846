import Foundation

/// RFC 4180 CSV as spreadsheets read and write it: UTF-8 with a BOM, `,` or `;`, CRLF.
public enum CSV {
  /// The byte-order mark Excel needs to read UTF-8.
  public static let bom = "\u{FEFF}"

  /// Parses CSV text into rows of fields; the delimiter is `,` or `;`, whichever the header
  /// line uses outside quotes.
  public static func parse(_ text: String) throws -> [[String]] {
    var body = Substring(text)
    if body.hasPrefix(bom) { body = body.dropFirst() }
    let delimiter = detectDelimiter(body)
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var fieldWasQuoted = false
    var line = 1
    var iterator = body.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let n = next() {
            if n == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              inQuotes = false
              pending = n
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
        continue
      }
      switch c {
      case "\"" where field.isEmpty && !fieldWasQuoted:
        inQuotes = true
        fieldWasQuoted = true
      case delimiter:
        row.append(field)
        field = ""
        fieldWasQuoted = false
      case "\r":
        continue
      case "\n":
        row.append(field)
        rows.append(row)
        row = []
        field = ""
        fieldWasQuoted = false
        line += 1
      default:
        field.unicodeScalars.append(c)
      }
    }
    if inQuotes {
      throw UserError(
        .csvQuote, vi: "Tệp CSV có dấu ngoặc kép chưa đóng (từ khoảng dòng \(line)); sửa rồi nhập lại",
        en: "The CSV file has an unclosed quote (around line \(line)); fix it and import again")
    }
    if !field.isEmpty || !row.isEmpty || fieldWasQuoted {
      row.append(field)
      rows.append(row)
    }
    return rows.filter { !($0.count == 1 && $0[0].isEmpty) }
  }

  static func detectDelimiter(_ text: Substring) -> Unicode.Scalar {
    var commas = 0, semicolons = 0, inQuotes = false
    for c in text.unicodeScalars {
      if c == "\"" { inQuotes.toggle() }
      if inQuotes { continue }
      if c == "\n" { break }
      if c == "," { commas += 1 }
      if c == ";" { semicolons += 1 }
    }
    return semicolons > commas ? ";" : ","
  }

  /// One field, quoted when needed; a leading `=`, `+`, `-`, `@`, tab or CR is prefixed with
  /// an apostrophe so spreadsheets show the text instead of running it as a formula.
  public static func field(_ s: String, delimiter: Character = ",") -> String {
    var v = s
    if let f = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(f) {
      v = "'" + v
    }
    // By scalar, not Character: a quote followed by a combining mark is one Character and
    // would otherwise escape unnoticed.
    let d = delimiter.unicodeScalars.first ?? ","
    guard v.unicodeScalars.contains(where: { $0 == d || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    else { return v }
    var quoted = String.UnicodeScalarView()
    quoted.append("\"")
    for c in v.unicodeScalars {
      quoted.append(c)
      if c == "\"" { quoted.append("\"") }
    }
    quoted.append("\"")
    return String(quoted)
  }

  /// A whole file: BOM, rows joined by CRLF.
  public static func document(_ rows: [[String]], delimiter: Character = ",") -> String {
    bom
      + rows.map { $0.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter)) }
      .joined(separator: "\r\n") + "\r\n"
  }
}
