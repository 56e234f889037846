import FollowUpApp
import FollowUpCore
import FollowUpStore
import Foundation
import TOMLKit
import TermCore

/// Reading `config.toml`: every problem becomes one warning naming the key and the line, and
/// the setting keeps its default, so a typo never stops the program from starting.
extension Settings {
  /// Where the config file lives: `$XDG_CONFIG_HOME/followup/config.toml`, else
  /// `~/.config/followup/config.toml`.
  static func configPath(environment: [String: String]) -> String {
    // The XDG spec says a relative value is invalid and must be ignored.
    if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") {
      return x + "/followup/config.toml"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.config/followup/config.toml"
  }

  /// Reads the config file; a missing file means all defaults and no warnings.
  static func load(environment: [String: String]) -> Settings {
    let path = configPath(environment: environment)
    guard FileManager.default.fileExists(atPath: path) else { return Settings() }
    let shown = abbreviate(path, environment: environment)
    guard let data = FileManager.default.contents(atPath: path) else {
      var s = Settings()
      s.path = path
      s.warnings = [UserError(
        .configRead, vi: "\(shown): không đọc được tệp cấu hình; dùng giá trị mặc định",
        en: "\(shown): cannot read the config file; using the defaults")]
      return s
    }
    return parse(data, path: path, shown: shown, environment: environment)
  }

  /// Reads config text (the file's bytes); `shown` names the file in warnings.
  static func parse(_ data: Data, path: String?, shown: String, environment: [String: String]) -> Settings {
    var s = Settings()
    s.path = path
    guard let text = String(data: data, encoding: .utf8) else {
      s.warnings = [UserError(
        .configUtf8, vi: "\(shown): tệp cấu hình không phải UTF-8; dùng giá trị mặc định",
        en: "\(shown): the config file is not UTF-8; using the defaults")]
      return s
    }
    if text.utf8.contains(0) {
      // toml++ reads C strings: a NUL would silently cut the file short.
      s.warnings = [UserError(
        .configNul, vi: "\(shown): tệp cấu hình chứa ký tự NUL; dùng giá trị mặc định",
        en: "\(shown): the config file contains a NUL character; using the defaults")]
      return s
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      let line = e.source.begin.line, column = e.source.begin.column
      s.warnings = [UserError(
        .configSyntax,
        vi: "\(shown) dòng \(line), cột \(column): lỗi cú pháp TOML (\(e.description)); bỏ qua cả tệp, dùng giá trị mặc định",
        en: "\(shown) line \(line), column \(column): TOML syntax error (\(e.description)); ignoring the whole file, using the defaults")]
      return s
    } catch {
      s.warnings = [UserError(
        .configSyntax, vi: "\(shown): không đọc được TOML; dùng giá trị mặc định",
        en: "\(shown): cannot read the TOML; using the defaults")]
      return s
    }
    var reader = ConfigReader(text: text, shown: shown, environment: environment)
    reader.read(table, into: &s)
    // TOMLKit hands keys back sorted by name; a person reads the warnings in file order.
    s.warnings = reader.warnings.enumerated().sorted { a, b in
      (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
    }.map(\.element.error)
    return s
  }

  /// A path under the home folder written with `~`, so warnings stay short.
  static func abbreviate(_ path: String, environment: [String: String]) -> String {
    if let home = environment["HOME"], !home.isEmpty, home != "/", path.hasPrefix(home + "/") {
      return "~" + path.dropFirst(home.count)
    }
    return path
  }
}

/// Walks the parsed table, checking each key; collects warnings instead of failing.
struct ConfigReader {
  let lines: [Substring]
  let shown: String
  let environment: [String: String]
  /// Warnings with the line they are about, when known.
  var warnings: [(line: Int?, error: UserError)] = []

  /// The top-level keys, in the order the example file documents them.
  static let topKeys = ["user", "file", "lang", "due_soon_days", "basis", "formula", "theme", "colours", "share", "keys"]

  init(text: String, shown: String, environment: [String: String]) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    self.shown = shown
    self.environment = environment
  }

  mutating func read(_ table: TOMLTable, into s: inout Settings) {
    for key in table.keys {
      guard let value = table[key] else { continue }
      switch key {
      case "user": s.user = string(key, value).flatMap { text(key, $0) }
      case "file": s.file = string(key, value).flatMap { file(key, $0) }
      case "lang":
        s.lang = string(key, value).flatMap { v in
          choice(key, v, Lang(rawValue: v.lowercased()), allowed: "vi, en")
        }
      case "due_soon_days", "due-soon-days":
        if let n = value.int {
          if (0...365).contains(n) {
            s.dueSoonDays = n
          } else {
            warn(key, vi: "\(n) nằm ngoài khoảng 0–365", en: "\(n) is outside 0–365")
          }
        } else {
          wrongType(key, value, vi: "một số nguyên (ví dụ 7)", en: "a whole number (e.g. 7)")
        }
      case "basis":
        s.basis = string(key, value).flatMap { v in
          choice(key, v, TimelinessBasis(rawValue: v.lowercased()), allowed: "effective, original")
        }
      case "formula":
        s.formula = string(key, value).flatMap { v in
          choice(key, v, RateFormula(rawValue: v.lowercased()), allowed: "due, total")
        }
      case "theme":
        if let v = nameOrNumber(key, value), !s.interface.setTheme(v) {
          _ = choice(key, v, Optional<Bool>.none, allowed: InterfaceSettings.themeNames)
        }
      case "colours", "colors":
        s.interface.colours = nameOrNumber(key, value).flatMap { v in
          choice(key, v, ColourChoice(rawValue: v.lowercased()), allowed: "auto, none, 16, 256")
        }
      case "share":
        s.share = string(key, value).flatMap { v in choice(key, v, SQLiteStore.Sharing(rawValue: v.lowercased()), allowed: "owner, group") }
      case "keys":
        guard let keys = value.table else {
          wrongType(key, value, vi: "một bảng [keys]", en: "a [keys] table")
          continue
        }
        rebind(keys, into: &s.interface)
      default:
        if value.table != nil {
          warn(key, table: nil, header: true, vi: "bảng không được hỗ trợ; bỏ qua", en: "unknown table; ignored")
        } else {
          warn(key, vi: "khoá không được hỗ trợ (dùng: \(Self.topKeys.joined(separator: ", "))); bỏ qua",
            en: "unknown key (known: \(Self.topKeys.joined(separator: ", "))); ignored")
        }
      }
    }
  }

  // MARK: Values

  mutating func string(_ key: String, _ value: TOMLValueConvertible, table: String? = nil) -> String? {
    if let s = value.string { return s }
    wrongType(key, value, table: table, vi: "một chuỗi trong ngoặc kép", en: "a string in double quotes")
    return nil
  }

  /// `theme = 256` and `theme = "256"` both read as "256".
  mutating func nameOrNumber(_ key: String, _ value: TOMLValueConvertible) -> String? {
    if let n = value.int { return String(n) }
    return string(key, value)
  }

  mutating func text(_ key: String, _ v: String) -> String? {
    if VietText.controlCharacter(in: v) != nil {
      warn(key, vi: "chứa ký tự điều khiển; dùng giá trị mặc định", en: "contains a control character; using the default")
      return nil
    }
    let cleaned = VietText.clean(v)
    return cleaned.isEmpty ? nil : cleaned
  }

  /// A data file path: `~/` is the home folder; a relative path is relative to the folder
  /// the program runs in, which is rarely meant, so it is refused.
  mutating func file(_ key: String, _ v: String) -> String? {
    guard let t = text(key, v) else { return nil }
    if t == "~" || t.hasPrefix("~/") {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      return home + t.dropFirst()
    }
    guard t.hasPrefix("/") else {
      warn(key, vi: "'\(t)' phải là đường dẫn tuyệt đối hoặc bắt đầu bằng ~/; dùng giá trị mặc định",
        en: "'\(t)' must be an absolute path or start with ~/; using the default")
      return nil
    }
    return t
  }

  mutating func choice<T>(_ key: String, _ v: String, _ parsed: T?, allowed: String, table: String? = nil) -> T? {
    if let parsed { return parsed }
    let words = allowed.components(separatedBy: ", ")
    warn(key, table: table, vi: "'\(v)' không phải \(Self.alternatives(words, "hoặc")); dùng giá trị mặc định",
      en: "'\(v)' is not \(Self.alternatives(words, "or")); using the default")
    return nil
  }

  /// `a or b`, `a, b or c`.
  static func alternatives(_ words: [String], _ or: String) -> String {
    guard let last = words.last, words.count > 1 else { return words.first ?? "" }
    return words.dropLast().joined(separator: ", ") + " \(or) " + last
  }

  // MARK: Keys

  /// `[keys]`: command = "key" or ["key", …]; command names as in the `?` screen's list
  /// (`toggle-done`, `quit`; underscores work too).
  mutating func rebind(_ table: TOMLTable, into settings: inout InterfaceSettings) {
    for name in table.keys {
      guard let value = table[name] else { continue }
      var texts: [String] = []
      if let s = value.string {
        texts = [s]
      } else if let a = value.array, a.allSatisfy({ $0.string != nil }) {
        texts = a.compactMap { $0.string }
      } else {
        wrongType(name, value, table: "keys", vi: "một phím (\"x\") hoặc danh sách phím ([\"x\", \"Ctrl-X\"])",
          en: "a key (\"x\") or a list of keys ([\"x\", \"Ctrl-X\"])")
        continue
      }
      switch settings.rebind(name, to: texts) {
      case nil: break
      case .unknownCommand?:
        warn(name, table: "keys", vi: "không có lệnh tên này (ví dụ: toggle-done, quit, external-edit); bỏ qua",
          en: "there is no command by this name (e.g. toggle-done, quit, external-edit); ignored")
      case .unreadableKey(let bad)?:
        warn(name, table: "keys", vi: "không hiểu phím '\(bad)' (ví dụ: x, Space, Enter, Ctrl-R, F5); bỏ qua",
          en: "cannot read the key '\(bad)' (e.g. x, Space, Enter, Ctrl-R, F5); ignored")
      case .noKeys?:
        warn(name, table: "keys", vi: "danh sách phím trống; bỏ qua", en: "the list of keys is empty; ignored")
      case .typedByTextFields?:
        warn(name, table: "keys", vi: "ô nhập dùng các phím này để gõ nên lệnh sẽ không còn tác dụng (hãy dùng ví dụ Ctrl-X, F5); bỏ qua",
          en: "a text field types these keys itself, so the command would never run (use e.g. Ctrl-X, F5); ignored")
      }
    }
    // A remap can take the only key of another command; say so rather than lose it silently.
    for (command, had) in settings.commandsWithoutKeys {
      warnings.append(located(lineOfTable("keys"), vi: "lệnh '\(command)' không còn phím nào (trước đây: \(had)); hãy gán phím khác cho nó",
        en: "the command '\(command)' has no key left (it was \(had)); give it another key"))
    }
  }

  // MARK: Warnings

  mutating func wrongType(_ key: String, _ value: TOMLValueConvertible, table: String? = nil, vi: String, en: String) {
    warn(key, table: table, vi: "cần \(vi), không phải \(Self.typeName(value.type, .vi)); dùng giá trị mặc định",
      en: "needs \(en), not \(Self.typeName(value.type, .en)); using the default")
  }

  /// A TOML type's name for a person.
  static func typeName(_ t: TOMLType, _ l: Lang) -> String {
    switch t {
    case .table: return l.pick(vi: "một bảng", en: "a table")
    case .array: return l.pick(vi: "một danh sách", en: "a list")
    case .string: return l.pick(vi: "một chuỗi", en: "a string")
    case .int: return l.pick(vi: "một số nguyên", en: "a whole number")
    case .double: return l.pick(vi: "một số thập phân", en: "a decimal number")
    case .bool: return l.pick(vi: "true/false", en: "true/false")
    case .date, .time, .dateTime: return l.pick(vi: "một ngày giờ", en: "a date or time")
    }
  }

  mutating func warn(_ key: String, table: String? = nil, header: Bool = false, vi: String, en: String) {
    let name = table.map { "\($0).\(key)" } ?? key
    warnings.append(located(header ? lineOfTable(key) : lineOf(key, table: table),
      vi: "khoá '\(name)': \(vi)", en: "key '\(name)': \(en)"))
  }

  func located(_ line: Int?, vi: String, en: String) -> (line: Int?, error: UserError) {
    let whereVi = line.map { "\(shown) dòng \($0)" } ?? shown
    let whereEn = line.map { "\(shown) line \($0)" } ?? shown
    return (line, UserError(.configValue, vi: whereVi + ": " + vi, en: whereEn + ": " + en))
  }

  /// The line where a key is set, found by scanning the text: TOMLKit keeps no positions for
  /// values, and a warning that names the line is what lets a person fix it quickly.
  func lineOf(_ key: String, table: String?) -> Int? {
    var current: String? = nil
    for (i, raw) in lines.enumerated() {
      let line = raw.drop { $0 == " " || $0 == "\t" }
      if line.hasPrefix("[") {
        let name = line.drop { $0 == "[" }.prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
        current = name.isEmpty ? nil : name
        continue
      }
      let candidates = current == table ? [key, "\"\(key)\"", "'\(key)'"] : (table == nil ? [] : ["\(table ?? "").\(key)"])
      for c in candidates where line.hasPrefix(c) {
        let rest = line.dropFirst(c.count).drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("=") { return i + 1 }
      }
    }
    return nil
  }

  /// The line of a `[table]` header.
  func lineOfTable(_ name: String) -> Int? {
    for (i, raw) in lines.enumerated() {
      let line = raw.drop { $0 == " " || $0 == "\t" }
      guard line.hasPrefix("[") else { continue }
      let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
      if inner == name { return i + 1 }
    }
    return nil
  }
}
