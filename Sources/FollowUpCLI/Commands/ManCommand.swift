import ArgumentParser
import FollowUpCore
import Foundation

/// `followup man` (hidden): the manual pages, generated from the program's own definitions
/// (commands, options, config keys, interchange fields) so they always say what the program
/// does. `Resources/man/` holds their committed output; a test keeps the two equal.
struct ManCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "man",
    abstract: "Print a manual page (mdoc) generated from the program's definitions, or write them all.",
    discussion: """
      Pages: followup (1), the commands and the filter language; config (5), the config file; \
      interchange (5), the JSON and CSV files of import and export. The page is in English unless \
      --lang vi asks for Vietnamese. With --output-dir, every page in both languages is written \
      as a man tree: DIR/man1, DIR/man5, DIR/vi/man1, DIR/vi/man5.
      """,
    shouldDisplay: false)

  @Option(help: "The page: followup, config or interchange.") var page: ManualPage = .followup

  // The program's own --lang, declared the same way so that it reaches this command wherever
  // it is written; the page is English unless it asks for Vietnamese, whatever the locale.
  @OptionGroup var global: GlobalOptions

  @Option(
    name: .customLong("output-dir"),
    help: ArgumentHelp("Write every page in both languages under this folder, as a man tree.", valueName: "dir"))
  var outputDir: String?

  func run() throws {
    guard let dir = outputDir else {
      emit(try ManPage.render(page, global.lang ?? .en).text)
      return
    }
    var missing: Set<String> = []
    for lang in [Lang.en, .vi] {
      for page in ManualPage.allCases {
        let rendered = try ManPage.render(page, lang)
        missing.formUnion(rendered.untranslated)
        let url = URL(fileURLWithPath: dir).appendingPathComponent(page.path(lang))
        do {
          try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(rendered.text.utf8).write(to: url, options: .atomic)
        } catch {
          throw UserError(
            .manWrite, vi: "Không ghi được \(url.path): \(error.localizedDescription)",
            en: "Cannot write \(url.path): \(error.localizedDescription)")
        }
        emit(url.path + "\n")
      }
    }
    if !missing.isEmpty {
      // Not an error: a new option's help shows in English on the Vietnamese page until its
      // translation is added to `ManText.vietnamese`.
      let list = missing.sorted().map { "  " + $0 }.joined(separator: "\n")
      Environment.current.errors(
        "followup man: \(missing.count) text(s) have no Vietnamese in ManText.vietnamese and appear in English:\n\(list)\n")
    }
  }
}

/// The manual pages `followup man` writes.
enum ManualPage: String, CaseIterable, ExpressibleByArgument {
  case followup, config, interchange

  /// The page's name: `followup`, `followup-config`, `followup-interchange`.
  var name: String { self == .followup ? "followup" : "followup-" + rawValue }

  /// 1 for the program, 5 for file formats.
  var section: Int { self == .followup ? 1 : 5 }

  /// Where the page lives in a man tree: English at the top (the fallback `man` uses for every
  /// locale), other languages under their locale folder, so that copying the tree into a
  /// MANPATH makes `man followup` pick the reader's language.
  func path(_ lang: Lang) -> String {
    (lang == .en ? "" : lang.rawValue + "/") + "man\(section)/\(name).\(section)"
  }
}

/// The subset of ArgumentParser's help dump (ToolInfo v0, the input of its `generate-manual`
/// plugin) the manual needs.
struct ToolInfo: Decodable {
  struct Command: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var arguments: [Argument]?
    var subcommands: [Command]?
  }

  struct Name: Decodable {
    var kind: String
    var name: String
  }

  struct Argument: Decodable {
    var kind: String
    var names: [Name]?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var isOptional: Bool
    var isRepeating: Bool
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool
  }

  var command: Command
}

/// Builds the pages: generated parts from the definitions, prose from `ManText`.
enum ManPage {
  /// The date on the pages; changed by hand when their text changes materially.
  static let date = "December 6, 2026"

  /// A rendered page and the texts it had to leave in English.
  struct Rendered {
    /// The page, mdoc in plain ASCII.
    var text: String
    /// English texts without a Vietnamese translation (empty for English pages).
    var untranslated: Set<String>
  }

  /// The command tree as ArgumentParser describes it.
  ///
  /// Asked through its public entry points: parsing `--experimental-dump-help` (the flag the
  /// `generate-manual` plugin runs the tool with) stops with a request whose full message is
  /// the ToolInfo JSON.
  static func info() throws -> ToolInfo {
    let json: String
    do {
      _ = try FollowUpCommand.parseAsRoot(["--experimental-dump-help"])
      json = ""
    } catch {
      json = FollowUpCommand.fullMessage(for: error)
    }
    do {
      return try JSONDecoder().decode(ToolInfo.self, from: Data(json.utf8))
    } catch {
      throw UserError(
        .manDump, vi: "Không đọc được mô tả các lệnh; hãy báo lỗi này kèm phiên bản chương trình",
        en: "Cannot read the command descriptions; report this with the program's version")
    }
  }

  static func render(_ page: ManualPage, _ lang: Lang) throws -> Rendered {
    var w = MdocWriter(lang: lang)
    w.raw(".\\\" Generated by 'followup man' from the program's definitions; do not edit by hand.")
    w.raw(".\\\" Regenerate every page with: followup man --output-dir Resources/man")
    w.raw(".Dd \(date)")
    w.raw(".Dt \(page.name.uppercased()) \(page.section)")
    w.raw(".Os " + macroText("FollowUp " + FollowUpCommand.configuration.version))
    switch page {
    case .followup: try followup(&w)
    case .config: config(&w)
    case .interchange: try interchange(&w)
    }
    return Rendered(text: asciiOnly(w.lines.joined(separator: "\n")) + "\n", untranslated: w.untranslated)
  }

  // MARK: followup(1)

  static func followup(_ w: inout MdocWriter) throws {
    let root = try info().command
    w.section(ManText.name)
    w.raw(".Nm followup")
    w.raw(".Nd " + macroText(w.help(root.abstract ?? "")))
    w.section(ManText.synopsis)
    w.lines += synopsis(["followup"], root.arguments ?? [], trailing: [])
    w.lines += [".Pp", ".Nm followup", ".Ar command", ".Op Ar options"]
    w.section(ManText.description)
    w.prose(ManText.followupDescription)
    w.raw(".Pp")
    w.prose(ManText.interfaceOptions)
    optionList(&w, root.arguments ?? [])
    w.raw(".Pp")
    w.prose(ManText.commonOptions)
    let common = Set((root.arguments ?? []).map(signature))
    w.section(ManText.commands)
    // ArgumentParser's own `help` command is described once, with --help, above.
    // Nested commands (`followup server init`) get their own section after their parent's.
    func describe(_ names: [String], _ sub: ToolInfo.Command) {
      w.raw(".Ss " + macroText(names.joined(separator: " ")))
      w.lines += paragraphs(w.help(sub.abstract ?? ""))
      if let d = sub.discussion, !d.isEmpty {
        w.raw(".Pp")
        w.lines += paragraphs(w.help(d))
      }
      w.raw(".Pp")
      w.lines += synopsis(names, sub.arguments ?? [], trailing: [])
      optionList(&w, (sub.arguments ?? []).filter { !common.contains(signature($0)) })
      for child in sub.subcommands ?? [] where child.shouldDisplay ?? true && child.commandName != "help" {
        describe(names + [child.commandName], child)
      }
    }
    for sub in (root.subcommands ?? []) where sub.shouldDisplay ?? true && sub.commandName != "help" {
      describe(["followup", sub.commandName], sub)
    }
    w.section(ManText.filters)
    w.prose(ManText.filterIntro)
    w.raw(".Bl -tag -width 6n")
    for field in TaskFilter.fieldNames {
      w.raw(".It Cm " + word(field))
      w.prose(w.described(ManText.filterFields[field], what: "filter field \(field)"))
    }
    w.raw(".El")
    w.raw(".Pp")
    w.prose(ManText.filterRules)
    w.prose(ManText.followupTail)
  }

  // MARK: followup-config(5)

  static func config(_ w: inout MdocWriter) {
    w.section(ManText.name)
    w.raw(".Nm followup-config")
    w.raw(".Nd " + macroText(w.pick(ManText.configSummary)))
    w.section(ManText.synopsis)
    w.raw(".Pa $XDG_CONFIG_HOME/followup/config.toml")
    w.section(ManText.description)
    w.prose(ManText.configDescription)
    w.section(ManText.settings)
    w.raw(".Bl -tag -width 6n")
    for key in ConfigReader.topKeys {
      w.raw(".It Cm " + word(key == "keys" ? "[keys]" : key))
      w.prose(w.described(ManText.configKeys[key], what: "config key \(key)"))
    }
    w.raw(".El")
    w.prose(ManText.configTail)
  }

  // MARK: followup-interchange(5)

  static func interchange(_ w: inout MdocWriter) throws {
    w.section(ManText.name)
    w.raw(".Nm followup-interchange")
    w.raw(".Nd " + macroText(w.pick(ManText.interchangeSummary)))
    w.section(ManText.description)
    w.prose(ManText.interchangeDescription)
    for record in try InterchangeRecords.all() {
      w.raw(".Ss " + macroText(w.pick(record.title)))
      w.raw(".Bl -tag -width 6n")
      for field in record.fields {
        w.raw(".It Cm " + word(field))
        w.prose(w.described(ManText.interchangeFields[record.key + "." + field], what: "interchange field \(record.key).\(field)"))
      }
      w.raw(".El")
    }
    w.section(ManText.values)
    w.raw(".Bl -tag -width 6n")
    let values: [(String, [String])] = [
      ("bloc", Bloc.allCases.map(\.rawValue)), ("status", WorkflowStatus.allCases.map(\.rawValue)),
      ("decision", ExtensionDecision.allCases.map(\.rawValue)), ("kind", DeadlineKind.allCases.map(\.rawValue)),
      ("channel", ReminderChannel.allCases.map(\.rawValue)),
    ]
    for (key, all) in values {
      w.raw(".It Cm " + word(key))
      w.raw(all.map { "\\(lq" + word($0) + "\\(rq" }.joined(separator: ", "))
    }
    w.raw(".El")
    w.section(ManText.importing)
    w.prose(ManText.interchangeRules)
    w.section(ManText.csv)
    w.prose(ManText.csvDescription)
    w.raw(".Bl -tag -width 6n")
    w.raw(".It " + macroText(w.pick(ManText.csvEnglishColumns)))
    w.raw(CSVTasks.englishHeader.map(word).joined(separator: ", "))
    w.raw(".It " + macroText(w.pick(ManText.csvAnnexColumns)))
    w.raw(CSVTasks.annexHeader.map { "\\(lq" + word($0) + "\\(rq" }.joined(separator: ", "))
    w.raw(".El")
    w.prose(ManText.interchangeTail)
  }

  // MARK: mdoc helpers

  /// Non-ASCII characters as groff's `\[uXXXX]` escapes: every man implementation reads
  /// them, whatever it assumes the file's encoding to be.
  static func asciiOnly(_ s: String) -> String {
    var out = ""
    for u in s.precomposedStringWithCanonicalMapping.unicodeScalars {
      if u.isASCII {
        out.unicodeScalars.append(u)
      } else {
        let hex = String(u.value, radix: 16, uppercase: true)
        out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
      }
    }
    return out
  }

  /// What makes two arguments the same option: names, value and help.
  static func signature(_ a: ToolInfo.Argument) -> String {
    ((a.names ?? []).map(\.name) + [a.valueName ?? "", a.abstract ?? ""]).joined(separator: "\u{1F}")
  }

  /// `.Nm followup list` then one macro line per argument.
  static func synopsis(_ names: [String], _ args: [ToolInfo.Argument], trailing: [String]) -> [String] {
    var out = [".Nm " + names.joined(separator: " ")]
    for a in args where a.shouldDisplay && !isHelpOrVersion(a) {
      let item = markup(a, names: flagName(a))
      out.append(a.isOptional ? ".Op " + item : "." + item)
    }
    return out + trailing
  }

  /// An argument as mdoc: its names (for options and flags), its value, `...` when repeated.
  static func markup(_ a: ToolInfo.Argument, names: String) -> String {
    var out: String
    switch a.kind {
    case "positional": out = "Ar " + word(a.valueName ?? "value")
    case "flag": out = names
    default: out = names + " Ar " + word(a.valueName ?? "value")
    }
    return a.isRepeating ? out + " No ..." : out
  }

  /// The option list: names, then the help text with its default and accepted values.
  static func optionList(_ w: inout MdocWriter, _ args: [ToolInfo.Argument]) {
    let shown = args.filter { $0.shouldDisplay && !isHelpOrVersion($0) }
    guard !shown.isEmpty else { return }
    w.raw(".Bl -tag -width 6n")
    for a in shown {
      w.raw(".It " + markup(a, names: allNames(a)))
      var help = w.help(a.abstract ?? "")
      if let values = a.allValues, !values.isEmpty, !(a.abstract ?? "").contains("(values:"), !(a.valueName ?? "").contains("|") {
        help += " (" + w.pick(ManText.values1) + ": " + values.joined(separator: ", ") + ")"
      }
      if let d = a.defaultValue, !d.isEmpty, a.kind != "flag" { help += " (" + w.pick(ManText.default1) + ": " + d + ")" }
      w.lines += paragraphs(help)
      if let d = a.discussion, !d.isEmpty { w.lines += paragraphs(w.help(d)) }
    }
    w.raw(".El")
  }

  /// `-h/--help` and `--version`: said once, in the text, not under every command.
  static func isHelpOrVersion(_ a: ToolInfo.Argument) -> Bool {
    let names = Set((a.names ?? []).map(\.name))
    return a.kind == "flag" && (names == ["h", "help"] || names == ["help"] || names == ["version"])
  }

  static func flagName(_ a: ToolInfo.Argument) -> String {
    let names = a.names ?? []
    let long = names.first { $0.kind == "long" } ?? names.first
    return "Fl " + (long.map { ($0.kind == "short" ? "" : "-") + word($0.name) } ?? "")
  }

  static func allNames(_ a: ToolInfo.Argument) -> String {
    (a.names ?? []).map { "Fl " + ($0.kind == "short" ? "" : "-") + word($0.name) }.joined(separator: " , ")
  }

  /// A word inside a macro line.
  static func word(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\e") }

  /// Text given as macro arguments: mdoc would run words like `Ar` or `No` as macros.
  static func macroText(_ s: String) -> String {
    s.split(separator: " ").map { w in
      let word = String(w).replacingOccurrences(of: "\\", with: "\\e")
      return word.count >= 2 && word.count <= 3 && word.first?.isUppercase == true && word.dropFirst().allSatisfy(\.isLowercase)
        ? "\\&" + word : word
    }.joined(separator: " ")
  }

  /// A text line, safe from being read as a request.
  static func text(_ s: String) -> String {
    let e = s.replacingOccurrences(of: "\\", with: "\\e")
    return e.hasPrefix(".") || e.hasPrefix("'") ? "\\&" + e : e
  }

  /// Text split at blank lines into paragraphs; each source line a text line.
  static func paragraphs(_ s: String) -> [String] {
    var out: [String] = []
    var first = true
    for para in s.components(separatedBy: "\n\n") where !para.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      if !first { out.append(".Pp") }
      first = false
      for line in para.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        out.append(text(line.trimmingCharacters(in: .whitespaces)))
      }
    }
    return out
  }
}

/// The lines of one page in one language, and the English texts it could not translate.
struct MdocWriter {
  let lang: Lang
  var lines: [String] = []
  var untranslated: Set<String> = []

  init(lang: Lang) { self.lang = lang }

  mutating func raw(_ line: String) { lines.append(line) }

  /// A section heading in the page's language.
  mutating func section(_ title: ManText.Bilingual) { lines.append(".Sh " + ManPage.macroText(pick(title))) }

  /// Hand-written mdoc in the page's language, line by line.
  mutating func prose(_ text: ManText.Bilingual) { prose(pick(text)) }

  mutating func prose(_ mdoc: String) {
    lines += mdoc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  func pick(_ text: ManText.Bilingual) -> String { lang == .vi ? text.vi : text.en }

  /// A help text from the command definitions, in Vietnamese when it has a translation.
  mutating func help(_ english: String) -> String {
    guard lang == .vi, !english.isEmpty else { return english }
    if let vi = ManText.vietnamese[english] { return vi }
    untranslated.insert(english)
    return english
  }

  /// A description from a catalog, or a pointer elsewhere when a new field has none yet.
  mutating func described(_ text: ManText.Bilingual?, what: String) -> String {
    if let text { return pick(text) }
    untranslated.insert("(no description) " + what)
    return pick(ManText.noDescription)
  }
}

/// The records of the interchange format and their keys, as the importer reads them.
enum InterchangeRecords {
  struct Record {
    var key: String
    var title: ManText.Bilingual
    var fields: [String]
  }

  static func all() throws -> [Record] {
    InterchangeReader.recordKeys.map { r in
      Record(key: r.record, title: ManText.recordTitles[r.record] ?? ManText.Bilingual(en: r.record, vi: r.record), fields: r.keys)
    }
  }
}
