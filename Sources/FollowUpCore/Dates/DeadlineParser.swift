/// A deadline read from text, with what the reader assumed.
public struct ParsedDeadline: Hashable, Sendable {
  /// The deadline: the text as written (cleaned), its kind and its end date.
  public var deadline: Deadline
  /// Assumptions a person should confirm (two-digit or missing year).
  public var warnings: [DateWarning]

  /// Creates a parse result.
  public init(deadline: Deadline, warnings: [DateWarning] = []) {
    self.deadline = deadline
    self.warnings = warnings
  }
}

extension Deadline {
  /// Reads a deadline as documents write it (DOMAIN §2.3, §4.7), keeping the text as written.
  ///
  /// Days give `.date`; `tháng 11/2023` `.month`; `Quý I/2024` `.quarter`; `6 tháng đầu năm 2023`
  /// `.halfYear`; `năm 2023` `.year`; `thường xuyên`, `hằng năm`, `định kỳ` `.routine`;
  /// `theo Kế hoạch số …` `.other`; empty text `.none`. `referenceYear` is the source
  /// document's year, used (with a warning) when the text gives none.
  public static func parse(_ text: String, referenceYear: Int? = nil) throws -> ParsedDeadline {
    let written = VietText.clean(text)
    guard !written.isEmpty else { return ParsedDeadline(deadline: .none) }

    let scanned = DateToken.scan(written)
    let tokens = DateGrammar.strippingFillers(scanned)
    // Phrases are tried before and after filler removal: `không có thời hạn` ends in a filler.
    func startsWithAny(_ phrases: [[String]]) -> Bool {
      phrases.contains { phrase in
        DateGrammar.startsWith(ArraySlice(scanned), phrase)
          || DateGrammar.startsWith(ArraySlice(tokens), phrase)
      }
    }
    if startsWithAny(DeadlineWords.routine) {
      return ParsedDeadline(deadline: Deadline(text: written, kind: .routine, date: nil))
    }
    if startsWithAny(DeadlineWords.noDeadline) {
      return ParsedDeadline(deadline: Deadline(text: written, kind: .none, date: nil))
    }
    if startsWithAny(DeadlineWords.dependsOnOther) {
      return ParsedDeadline(deadline: Deadline(text: written, kind: .other, date: nil))
    }

    let shape =
      DateGrammar.halfYearShape(tokens) ?? DateGrammar.quarterShape(tokens)
      ?? DateGrammar.monthShape(tokens) ?? DateGrammar.yearShape(tokens)
      ?? DateGrammar.dayShape(tokens)
    guard let shape else { throw DateErrors.unrecognisedDeadline(written) }
    return try resolve(shape, written: written, referenceYear: referenceYear)
  }

  private static func resolve(
    _ shape: DateShape, written: String, referenceYear: Int?
  ) throws -> ParsedDeadline {
    let placeholder = DateGrammar.placeholderForMissingYear(written)
    func year(_ n: DateNumber?) throws -> (Int, [DateWarning]) {
      try DateGrammar.resolveYear(
        n, written: written, referenceYear: referenceYear, placeholder: placeholder)
    }
    func make(_ kind: DeadlineKind, _ day: Day?, _ warnings: [DateWarning]) -> ParsedDeadline {
      ParsedDeadline(deadline: Deadline(text: written, kind: kind, date: day), warnings: warnings)
    }

    switch shape {
    case .day(let d, let m, let y):
      let (day, warnings) = try DateGrammar.resolveDay(
        day: d, month: m, year: y, written: written, referenceYear: referenceYear)
      return make(.date, day, warnings)
    case .month(let m, let y):
      guard (1...12).contains(m.value) else { throw DateErrors.month(written, month: m.value) }
      let (yy, warnings) = try year(y)
      return make(.month, Day.endOf(month: m.value, year: yy), warnings)
    case .quarter(let q, let label, let y):
      guard (1...4).contains(q) else { throw DateErrors.quarter(written, label: label) }
      let (yy, warnings) = try year(y)
      return make(.quarter, Day.endOf(month: q * 3, year: yy), warnings)
    case .halfYear(let first, let y):
      let (yy, warnings) = try year(y)
      return make(.halfYear, Day.endOf(month: first ? 6 : 12, year: yy), warnings)
    case .year(let y):
      let (yy, warnings) = try year(y)
      return make(.year, Day.endOf(month: 12, year: yy), warnings)
    }
  }
}

/// Folded phrases that decide a deadline's kind without a date.
enum DeadlineWords {
  /// Ongoing or recurring work: never due, never late.
  static let routine: [[String]] = [
    ["thuong", "xuyen"], ["hang", "nam"], ["hang", "quy"], ["hang", "thang"], ["hang", "tuan"],
    ["hang", "ngay"], ["dinh", "ky"],
  ]
  /// Written-out "no deadline".
  static let noDeadline: [[String]] = [["khong", "thoi", "han"], ["khong", "co", "thoi", "han"]]
  /// Tied to another document's schedule or event.
  static let dependsOnOther: [[String]] = [["theo"], ["sau", "khi"]]
}
