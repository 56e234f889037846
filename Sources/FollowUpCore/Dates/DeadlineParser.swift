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
  ///
  /// A period counted from the document — `trong 15 ngày làm việc`, `trong 10 ngày`,
  /// `trong 2 tuần`, `trong 3 tháng`, optionally followed by `kể từ ngày …` — needs
  /// `reference` (the document's day, else the assignment day). Counting starts the day
  /// after it (Civil Code art. 147); working days skip weekends and the holidays of
  /// `calendar`; a period of days, weeks or months that ends on a day off ends on the next
  /// working day (art. 148). Years the calendar lacks give a warning.
  public static func parse(
    _ text: String, referenceYear: Int? = nil, reference: Day? = nil, calendar: HolidayCalendar = .official
  ) throws -> ParsedDeadline {
    let written = VietText.clean(text)
    guard !written.isEmpty else { return ParsedDeadline(deadline: .none) }

    let scanned = DateToken.scan(written)
    if let period = RelativePeriod.match(scanned) {
      guard let reference else { throw DateErrors.relativeNeedsReference(written) }
      let end = period.end(from: reference, calendar: calendar)
      let missing = calendar.missingYears(from: reference, to: end)
      return ParsedDeadline(
        deadline: Deadline(text: written, kind: .date, date: end),
        warnings: missing.isEmpty ? [] : [.holidaysMissing(missing)])
    }
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

/// A period counted from a document's day: `trong 15 ngày làm việc kể từ ngày ký`.
struct RelativePeriod: Equatable {
  enum Unit: Equatable { case workingDays, days, weeks, months }
  var count: Int
  var unit: Unit

  /// Words that may come before the number (`trong vòng`, `chậm nhất`, `không quá`, `thời hạn`).
  static let leading: Set<String> = ["trong", "vong", "thoi", "han", "cham", "nhat", "khong", "qua", "toi", "da", "la", "hoan", "thanh", "sau"]
  /// Words that may start what follows the unit (`kể từ ngày …`, `tính từ …`).
  static let trailing: Set<String> = ["ke", "tinh", "tu", "sau"]

  /// The period the folded tokens describe, if they describe one.
  static func match(_ tokens: [DateToken]) -> RelativePeriod? {
    var i = 0
    while i < tokens.count, case .word(let w) = tokens[i], leading.contains(w) { i += 1 }
    guard i < tokens.count, case .number(let n) = tokens[i], n.digits <= 4, n.value > 0 else { return nil }
    i += 1
    func word(_ k: Int) -> String? {
      guard k < tokens.count, case .word(let w) = tokens[k] else { return nil }
      return w
    }
    let unit: Unit
    switch word(i) {
    case "ngay":
      if word(i + 1) == "lam", word(i + 2) == "viec" {
        unit = .workingDays
        i += 3
      } else {
        unit = .days
        i += 1
      }
    case "tuan":
      unit = .weeks
      i += 1
    case "thang":
      unit = .months
      i += 1
    default: return nil
    }
    // `6 tháng đầu năm 2023` is a half year, `tháng 11/2023` a month: only an end or
    // `kể từ …` may follow the unit.
    if i < tokens.count {
      guard let w = word(i), trailing.contains(w) else { return nil }
    }
    return RelativePeriod(count: n.value, unit: unit)
  }

  /// The last day of the period counted from `reference`.
  func end(from reference: Day, calendar: HolidayCalendar) -> Day {
    switch unit {
    case .workingDays:
      return calendar.adding(workingDays: count, after: reference)
    case .days:
      return calendar.workingDay(onOrAfter: reference.adding(days: count))
    case .weeks:
      return calendar.workingDay(onOrAfter: reference.adding(days: 7 * count))
    case .months:
      // The same day of the last month, or that month's last day when it has no such day.
      let (y, m, d) = reference.components
      let total = y * 12 + (m - 1) + count
      let year = total / 12, month = total % 12 + 1
      let last = Day.endOf(month: month, year: year) ?? reference
      let day = Day(year: year, month: month, day: min(d, last.dayOfMonth)) ?? last
      return calendar.workingDay(onOrAfter: day)
    }
  }
}
