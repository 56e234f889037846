import FollowUpCore
import Foundation
import Testing

/// Columns a string takes in a terminal: one per grapheme cluster (a Vietnamese letter with
/// its marks is one, whether NFC or NFD), two for East Asian wide characters, none for
/// control characters.
func displayWidth(_ s: String) -> Int {
  s.reduce(0) { w, ch in
    guard let v = ch.unicodeScalars.first?.value else { return w }
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return w }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return w + (wide.contains { $0.contains(v) } ? 2 : 1)
  }
}

/// A small RFC 4180 reader for checking CSV output (BOM stripped, CRLF or LF).
func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
  chars.append("\n")
  var i = 0
  var sawAnything = false
  while i < chars.count {
    let c = chars[i]
    if quoted {
      if c == "\"" {
        if i + 1 < chars.count && chars[i + 1] == "\"" {
          field.append("\"")
          i += 1
        } else {
          quoted = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
      sawAnything = true
    } else if c == "," {
      row.append(field)
      field = ""
      sawAnything = true
    } else if c == "\n" || c == "\r\n" {
      if sawAnything || !field.isEmpty { row.append(field) }
      if !row.isEmpty { rows.append(row) }
      row = []
      field = ""
      sawAnything = false
    } else if c != "\r" {
      field.append(c)
      sawAnything = true
    }
    i += 1
  }
  return rows
}

/// Digs into parsed JSON.
func obj(_ any: Any?) -> [String: Any] { any as? [String: Any] ?? [:] }
func arr(_ any: Any?) -> [Any] { any as? [Any] ?? [] }
