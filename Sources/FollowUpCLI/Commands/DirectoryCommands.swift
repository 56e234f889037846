import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation

extension Bloc: ExpressibleByArgument {}

struct AddAgencyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add-agency", abstract: "Add an agency to the directory (a new file already has the city's).")

  @OptionGroup var global: GlobalOptions
  @Option(name: .customLong("alias"), help: ArgumentHelp("Another name people use, e.g. Sở KH&CN (repeatable).", valueName: "name")) var aliases: [String] = []
  @Option(help: "party, state, front, association, central or other.") var bloc: Bloc = .other
  @Option(help: ArgumentHelp("Protocol order in lists (default: after the bloc's last agency).", valueName: "n")) var order: Int?
  @Option(name: .customLong("rollup-to"), help: ArgumentHelp("The agency whose row absorbs this one in rolled-up reports.", valueName: "agency"), completion: agencyCompletion) var rollupTo: String?
  @Argument(help: ArgumentHelp("A short ASCII code: letters, digits and _, e.g. SKHCN.", valueName: "code")) var code: String
  @Argument(help: "The full name, e.g. Sở Khoa học và Công nghệ.") var name: [String]

  func run() throws {
    let store = try global.openStore()
    let catalog = try store.loadCatalog()
    let l = global.language
    let code = self.code.uppercased()
    guard !code.isEmpty, code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_") }) else {
      throw UserError(
        .inputCode, vi: "Mã cơ quan '\(self.code)' chỉ gồm chữ không dấu, chữ số và _ (ví dụ SKHCN)",
        en: "The agency code '\(self.code)' may hold only ASCII letters, digits and _ (e.g. SKHCN)")
    }
    if let existing = catalog.agencies[code] {
      throw UserError(
        .inputCode, vi: "Đã có cơ quan mã \(code) (\(existing.name)); chọn mã khác",
        en: "There is already an agency \(code) (\(existing.name)); choose another code")
    }
    let fullName = try cleanText(name.joined(separator: " "), option: "name")
    guard !fullName.isEmpty else {
      throw UserError(.inputName, vi: "Cần tên đầy đủ của cơ quan", en: "Give the agency's full name")
    }
    let rollup = try rollupTo.map { try catalog.resolveAgency($0).code }
    let inBloc = catalog.agencies.values.filter { $0.bloc == bloc }.map(\.order)
    let agency = Agency(
      code: code, name: fullName, aliases: try aliases.map { try cleanText($0, option: "--alias") }.filter { !$0.isEmpty },
      bloc: bloc, order: order ?? ((inBloc.max() ?? 0) + 10), rollupTo: rollup)
    try store.save(agencies: [agency])
    emit(l.pick(vi: "Đã thêm cơ quan \(code): \(fullName).", en: "Added agency \(code): \(fullName)."))
  }
}

struct AddPersonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add-person", abstract: "Add a person (focal person or tracking officer) to the directory.")

  @OptionGroup var global: GlobalOptions
  @Option(help: ArgumentHelp("Their agency (code or name).", valueName: "agency"), completion: agencyCompletion) var agency: String
  @Option(help: ArgumentHelp("A short ref (default: the next free P-number).", valueName: "ref")) var ref: String?
  @Option(help: ArgumentHelp("Position, e.g. Chuyên viên.", valueName: "text")) var position: String?
  @Option(help: ArgumentHelp("Title written before the name, e.g. TS.", valueName: "text")) var title: String?
  @Option(help: ArgumentHelp("The given name when it has several words, e.g. \"Bình Minh\".", valueName: "text")) var given: String?
  @Argument(help: "Full name, family name first, a title (TS., ThS., PGS.TS., Đ/c…) may come first: Nguyễn Thị Thuỷ.") var name: [String]

  func run() throws {
    let store = try global.openStore()
    let catalog = try store.loadCatalog()
    let l = global.language
    // Family name first, given name last, the rest is the middle name: how Vietnamese names
    // are written and sorted; a title typed before the name is kept apart.
    let parsed = try Person.parseName(
      try cleanText(name.joined(separator: " "), option: "name"), given: try given.map { try cleanText($0, option: "--given") })
    let newRef: String
    if let ref {
      newRef = try cleanText(ref, option: "--ref")
      if let existing = catalog.people[newRef] {
        throw UserError(
          .inputRef, vi: "Mã \(newRef) đã dùng cho \(existing.fullName); chọn mã khác",
          en: "The ref \(newRef) is already \(existing.fullName)'s; choose another")
      }
    } else {
      let used = catalog.people.keys.compactMap { $0.hasPrefix("P") ? Int($0.dropFirst()) : nil }
      newRef = String(format: "P%02d", (used.max() ?? 0) + 1)
    }
    guard !newRef.isEmpty else {
      throw UserError(.inputRef, vi: "--ref không được để trống", en: "--ref cannot be empty")
    }
    let person = Person(
      ref: newRef, family: parsed.family, middle: parsed.middle, given: parsed.given,
      title: try title.map { try cleanText($0, option: "--title") } ?? parsed.title, position: try cleanText(position ?? "", option: "--position"),
      agency: try catalog.resolveAgency(agency).code)
    try store.save(people: [person])
    emit(l.pick(vi: "Đã thêm \(person.fullName) với mã \(newRef).", en: "Added \(person.fullName) as \(newRef)."))
  }
}
