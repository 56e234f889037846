import FollowUpCore
import Foundation

/// The text of a .docx notice: one line per paragraph (table cells included), with Word's
/// automatic numbering written out as the labels a reader sees (`1.`, `a)`, `–`).
public enum DocxText {
  /// The paragraphs of a .docx, numbered as Word shows them; a damaged or hostile package is refused in one sentence.
  public static func read(_ data: Data, name: String) throws -> String {
    let zip: SafeZip
    do {
      zip = try SafeZip(data)
    } catch let e as UserError {
      throw UserError(
        .intakeDocx, vi: "Tệp '\(name)' không đọc được như .docx: \(e.vi)",
        en: "The file '\(name)' cannot be read as a .docx: \(e.en)")
    }
    do {
      guard let document = try zip.read("word/document.xml") else {
        throw UserError(
          .intakeDocx, vi: "Tệp '\(name)' là tệp nén nhưng không phải văn bản Word (.docx)",
          en: "The file '\(name)' is a zip archive but not a Word document (.docx)")
      }
      let numbering = try zip.read("word/numbering.xml").map { try Numbering.read($0) } ?? Numbering()
      let styles = try zip.read("word/styles.xml").map { try StyleNumbering.read($0) } ?? [:]
      let body = BodyReader(numbering: numbering, styles: styles)
      try XMLEvents.parse(document, part: "word/document.xml", into: body)
      return body.lines.joined(separator: "\n")
    } catch let e as UserError where e.code.family != "intake" {
      throw UserError(
        .intakeDocx, vi: "Tệp '\(name)' không đọc được như .docx: \(e.vi)",
        en: "The file '\(name)' cannot be read as a .docx: \(e.en)")
    }
  }

  /// One level of a numbering definition.
  struct Level {
    var start = 1
    var format = "decimal"
    var text = "%1."
  }

  /// `numbering.xml`: which abstract definition each list uses, and its levels.
  struct Numbering {
    var abstracts: [String: [Int: Level]] = [:]
    var lists: [String: String] = [:]
    var startOverrides: [String: [Int: Int]] = [:]

    static func read(_ data: Data) throws -> Numbering {
      let h = NumberingHandler()
      try XMLEvents.parse(data, part: "word/numbering.xml", into: h)
      return h.numbering
    }

    func level(list: String, level: Int) -> Level? {
      guard let abstract = lists[list], var l = abstracts[abstract]?[level] else { return nil }
      if let s = startOverrides[list]?[level] { l.start = s }
      return l
    }
  }

  final class NumberingHandler: XMLEventHandler {
    var numbering = Numbering()
    var failure: Error?
    var abstract: String?
    var level: Int?
    var list: String?
    var overrideLevel: Int?

    func start(_ name: String, attributes: [String: String]) {
      switch name {
      case "abstractNum": abstract = attributes["abstractNumId"]
      case "lvl":
        if let a = abstract, let i = attributes["ilvl"].flatMap(Int.init) {
          level = i
          numbering.abstracts[a, default: [:]][i] = Level()
        }
      case "start", "numFmt", "lvlText":
        guard let a = abstract, let i = level, let v = attributes["val"] else {
          if name == "start", let l = list, let o = overrideLevel, let v = attributes["val"].flatMap(Int.init) {
            numbering.startOverrides[l, default: [:]][o] = v
          }
          return
        }
        if name == "start" { numbering.abstracts[a]?[i]?.start = Int(v) ?? 1 }
        if name == "numFmt" { numbering.abstracts[a]?[i]?.format = v }
        if name == "lvlText" { numbering.abstracts[a]?[i]?.text = v }
      case "startOverride":
        if let l = list, let o = overrideLevel, let v = attributes["val"].flatMap(Int.init) {
          numbering.startOverrides[l, default: [:]][o] = v
        }
      case "num": list = attributes["numId"]
      case "abstractNumId": if let l = list, let v = attributes["val"] { numbering.lists[l] = v }
      case "lvlOverride": overrideLevel = attributes["ilvl"].flatMap(Int.init)
      default: break
      }
    }

    func end(_ name: String) {
      switch name {
      case "abstractNum": abstract = nil
      case "lvl": level = nil
      case "num": list = nil
      case "lvlOverride": overrideLevel = nil
      default: break
      }
    }

    func text(_ text: String) {}
  }

  /// `styles.xml`: paragraph styles that carry a list (Heading styles numbered by the template).
  enum StyleNumbering {
    static func read(_ data: Data) throws -> [String: (list: String, level: Int)] {
      let h = StyleHandler()
      try XMLEvents.parse(data, part: "word/styles.xml", into: h)
      return h.found
    }
  }

  final class StyleHandler: XMLEventHandler {
    var found: [String: (list: String, level: Int)] = [:]
    var failure: Error?
    var style: String?
    var list: String?
    var level = 0

    func start(_ name: String, attributes: [String: String]) {
      switch name {
      case "style":
        style = attributes["styleId"]
        list = nil
        level = 0
      case "numId": list = attributes["val"]
      case "ilvl": level = attributes["val"].flatMap(Int.init) ?? 0
      default: break
      }
    }

    func end(_ name: String) {
      if name == "style", let s = style, let l = list, l != "0" { found[s] = (l, level) }
      if name == "style" { style = nil }
    }

    func text(_ text: String) {}
  }

  /// Collects paragraphs, numbering each as Word would show it.
  final class BodyReader: XMLEventHandler {
    let numbering: Numbering
    let styles: [String: (list: String, level: Int)]
    var lines: [String] = []
    var failure: Error?
    var inParagraph = false
    var inText = false
    var deleted = 0
    var current = ""
    var list: String?
    var level: Int?
    var style: String?
    /// Counters per list and level.
    var counters: [String: [Int: Int]] = [:]

    init(numbering: Numbering, styles: [String: (list: String, level: Int)]) {
      self.numbering = numbering
      self.styles = styles
    }

    func start(_ name: String, attributes: [String: String]) {
      switch name {
      case "p":
        inParagraph = true
        current = ""
        list = nil
        level = nil
        style = nil
      case "pStyle": style = attributes["val"]
      case "numId": list = attributes["val"]
      case "ilvl": level = attributes["val"].flatMap(Int.init)
      case "t": inText = deleted == 0
      case "del": deleted += 1
      case "tab", "br": if inParagraph { current += " " }
      default: break
      }
    }

    func end(_ name: String) {
      switch name {
      case "t": inText = false
      case "del": deleted -= 1
      case "p":
        inParagraph = false
        let text = current.trimmingCharacters(in: .whitespaces)
        var label = ""
        var l = list
        var lv = level ?? 0
        if l == nil, let s = style, let found = styles[s] {
          l = found.list
          lv = level ?? found.level
        }
        if let l, l != "0", !text.isEmpty {
          label = self.label(list: l, level: lv)
        }
        if !text.isEmpty { lines.append(label.isEmpty ? text : label + " " + text) }
      default: break
      }
    }

    func text(_ text: String) {
      if inText { current += text }
    }

    func label(list: String, level: Int) -> String {
      guard let def = numbering.level(list: list, level: level) else { return "" }
      var c = counters[list, default: [:]]
      c[level] = (c[level] ?? (def.start - 1)) + 1
      // A higher level moving on restarts the ones below it.
      for deeper in c.keys where deeper > level { c[deeper] = nil }
      counters[list] = c
      if def.format == "bullet" {
        let mark = def.text.trimmingCharacters(in: .whitespaces)
        return ["-", "\u{2013}", "\u{2014}", "+", "\u{2022}", "*"].contains(mark) ? mark : "\u{2022}"
      }
      var out = def.text
      for k in (0...8).reversed() where out.contains("%\(k + 1)") {
        let value = c[k] ?? numbering.level(list: list, level: k)?.start ?? 1
        let format = numbering.level(list: list, level: k)?.format ?? "decimal"
        out = out.replacingOccurrences(of: "%\(k + 1)", with: DocxText.format(value, format))
      }
      return out
    }
  }

  static func format(_ n: Int, _ format: String) -> String {
    switch format {
    case "lowerLetter": return letter(n)
    case "upperLetter": return letter(n).uppercased()
    case "lowerRoman": return roman(n).lowercased()
    case "upperRoman": return roman(n)
    default: return String(n)
    }
  }

  /// a, b, … z, aa, bb (Word's way past z).
  static func letter(_ n: Int) -> String {
    guard n > 0 else { return String(n) }
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let repeatCount = (n - 1) / 26 + 1
    return String(repeating: letters[(n - 1) % 26], count: repeatCount)
  }

  static func roman(_ n: Int) -> String {
    guard n > 0, n < 4000 else { return String(n) }
    let table: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var rest = n
    var out = ""
    for (v, s) in table {
      while rest >= v {
        out += s
        rest -= v
      }
    }
    return out
  }
}
