/// Reads days and deadlines written the ways Vietnamese documents write them.
public enum DateParser {
  /// Reads one calendar day: `26/5/2023`, `26-5-2023`, `26.5.2023`, `2023-05-26`, `ngày 26 tháng 5 năm 2023`.
  ///
  /// Dates are always day first (`6/5/2023` is 6 May). A two-digit year or, when
  /// `referenceYear` (the source document's year) is given, a missing year is accepted with a
  /// warning for a person to confirm. Keywords may be written without diacritics, in any case,
  /// and with leading words such as `trước ngày` or `hạn`.
  public static func parseDay(
    _ text: String, referenceYear: Int? = nil
  ) throws -> (day: Day, warnings: [DateWarning]) {
    let written = VietText.clean(text)
    guard !written.isEmpty else { throw DateErrors.empty() }
    let tokens = DateGrammar.strippingFillers(DateToken.scan(written))
    guard case .day(let d, let m, let y)? = DateGrammar.dayShape(tokens) else {
      throw DateErrors.unrecognisedDay(written)
    }
    return try DateGrammar.resolveDay(
      day: d, month: m, year: y, written: written, referenceYear: referenceYear)
  }
}

/// A number as written: its digits matter (a two-digit year, a four-digit ISO year).
struct DateNumber: Equatable {
  let text: String
  /// The value, or `Int.max` when the digits do not fit (always out of any range).
  let value: Int
  var digits: Int { text.count }

  init(_ text: String) {
    self.text = text
    value = Int(text) ?? Int.max
  }
}

/// A lexical piece of a folded date: runs of digits, runs of letters, single symbols.
enum DateToken: Equatable {
  case number(DateNumber)
  case word(String)
  case symbol(Unicode.Scalar)

  /// Splits folded text so that `Q1/2024` reads as `q`, `1`, `/`, `2024`.
  static func scan(_ written: String) -> [DateToken] {
    var tokens: [DateToken] = []
    var digits = ""
    var letters = ""
    func flush() {
      if !digits.isEmpty { tokens.append(.number(DateNumber(digits))) }
      if !letters.isEmpty { tokens.append(.word(letters)) }
      digits = ""
      letters = ""
    }
    for u in VietText.fold(written).unicodeScalars {
      if (0x30...0x39).contains(u.value) {
        if !letters.isEmpty { flush() }
        digits.unicodeScalars.append(u)
      } else if VietText.isWordScalar(u) {
        if !digits.isEmpty { flush() }
        letters.unicodeScalars.append(u)
      } else {
        flush()
        if u != " " { tokens.append(.symbol(u)) }
      }
    }
    flush()
    return tokens
  }
}

/// The forms a deadline can take once its words are recognised, before any range checks.
enum DateShape: Equatable {
  case day(day: DateNumber, month: DateNumber, year: DateNumber?)
  case month(DateNumber, year: DateNumber?)
  case quarter(value: Int, label: String, year: DateNumber?)
  case halfYear(first: Bool, year: DateNumber?)
  case year(DateNumber)
}

/// A read position in a token list; copies are cheap, so each form is tried on its own copy.
struct TokenCursor {
  let tokens: [DateToken]
  var index = 0

  init(_ tokens: [DateToken]) { self.tokens = tokens }

  var atEnd: Bool { index >= tokens.count }

  mutating func number() -> DateNumber? {
    guard index < tokens.count, case .number(let n) = tokens[index] else { return nil }
    index += 1
    return n
  }

  mutating func word(_ options: Set<String>) -> String? {
    guard index < tokens.count, case .word(let w) = tokens[index], options.contains(w) else {
      return nil
    }
    index += 1
    return w
  }

  mutating func anyWord() -> String? {
    guard index < tokens.count, case .word(let w) = tokens[index] else { return nil }
    index += 1
    return w
  }

  mutating func symbol(_ options: Set<Unicode.Scalar>) -> Unicode.Scalar? {
    guard index < tokens.count, case .symbol(let s) = tokens[index], options.contains(s) else {
      return nil
    }
    index += 1
    return s
  }
}

/// The grammar shared by `DateParser.parseDay` and `Deadline.parse`, on folded tokens.
enum DateGrammar {
  static let dateSeparators: Set<Unicode.Scalar> = ["/", "-", "."]
  static let yearSeparators: Set<Unicode.Scalar> = ["/", "-", ".", ","]

  // Longest first, so that `han chot` is removed whole rather than leaving `chot`.
  static let leadingFillers: [[String]] = [
    ["hoan", "thanh", "truoc"], ["cham", "nhat"], ["han", "chot"], ["thoi", "han"],
    ["hoan", "thanh"], ["truoc"], ["ngay"], ["han"], ["trong"], ["het"], ["cuoi"], ["den"],
    ["vao"],
  ]
  static let trailingFillers: [[String]] = [["truoc"], ["ngay"], ["han"]]
  static let leadingSymbols: Set<Unicode.Scalar> = [":", ",", ";", ".", "-", "\u{2013}", "*"]
  static let trailingSymbols: Set<Unicode.Scalar> = [":", ",", ";", "."]

  /// Removes words like `trước ngày`, `hạn`, `trong` and stray punctuation at either end.
  static func strippingFillers(_ tokens: [DateToken]) -> [DateToken] {
    var t = ArraySlice(tokens)
    var changed = true
    while changed {
      changed = false
      if case .symbol(let s)? = t.first, leadingSymbols.contains(s) {
        t = t.dropFirst()
        changed = true
      }
      if case .symbol(let s)? = t.last, trailingSymbols.contains(s) {
        t = t.dropLast()
        changed = true
      }
      // A filler alone is not a date; keep it so the error names what was written.
      if let filler = leadingFillers.first(where: { startsWith(t, $0) }), t.count > filler.count {
        t = t.dropFirst(filler.count)
        changed = true
      }
      if let filler = trailingFillers.first(where: { endsWith(t, $0) }), t.count > filler.count {
        t = t.dropLast(filler.count)
        changed = true
      }
    }
    return Array(t)
  }

  static func startsWith(_ t: ArraySlice<DateToken>, _ words: [String]) -> Bool {
    guard t.count >= words.count else { return false }
    return zip(t, words).allSatisfy { token, word in token == .word(word) }
  }

  static func endsWith(_ t: ArraySlice<DateToken>, _ words: [String]) -> Bool {
    guard t.count >= words.count else { return false }
    return zip(t.suffix(words.count), words).allSatisfy { token, word in token == .word(word) }
  }

  // MARK: Forms

  /// `26/5/2023`, `2023-05-26`, `15/7`, `26 tháng 5 năm 2023`, `26 tháng 5`.
  static func dayShape(_ tokens: [DateToken]) -> DateShape? {
    var c = TokenCursor(tokens)
    guard let first = c.number() else { return nil }
    let afterFirst = c
    if let sep1 = c.symbol(dateSeparators), let second = c.number() {
      if c.atEnd {
        // `11/2023` is a month, not a day without a year.
        return second.digits <= 2 ? .day(day: first, month: second, year: nil) : nil
      }
      guard let sep2 = c.symbol(dateSeparators), sep2 == sep1, let third = c.number(), c.atEnd
      else { return nil }
      return first.digits == 4
        ? .day(day: third, month: second, year: first)
        : .day(day: first, month: second, year: third)
    }
    c = afterFirst
    guard c.word(["thang"]) != nil, let month = c.number(), let tail = yearTail(c) else {
      return nil
    }
    return .day(day: first, month: month, year: tail.year)
  }

  /// `tháng 11/2023`, `tháng 11 năm 2023`, `tháng 11`, and the bare `11/2023`.
  static func monthShape(_ tokens: [DateToken]) -> DateShape? {
    var c = TokenCursor(tokens)
    if c.word(["thang"]) != nil {
      guard let month = c.number(), let tail = yearTail(c) else { return nil }
      return .month(month, year: tail.year)
    }
    guard let month = c.number(), month.digits <= 2, c.symbol(dateSeparators) != nil,
      let year = c.number(), year.digits == 4, c.atEnd
    else { return nil }
    return .month(month, year: year)
  }

  /// `Quý I/2024`, `quý 3/2023`, `Quý III năm 2023`, `Q1/2024`, `Q1 2024`.
  static func quarterShape(_ tokens: [DateToken]) -> DateShape? {
    var c = TokenCursor(tokens)
    guard c.word(["quy", "q"]) != nil else { return nil }
    let value: Int
    let label: String
    if let n = c.number() {
      value = n.value
      label = n.text
    } else if let w = c.anyWord(), let r = romanValue(w) {
      value = r
      label = w.uppercased()
    } else {
      return nil
    }
    guard let tail = yearTail(c) else { return nil }
    return .quarter(value: value, label: label, year: tail.year)
  }

  /// `6 tháng đầu năm 2023`, `6 tháng cuối năm 2023`.
  static func halfYearShape(_ tokens: [DateToken]) -> DateShape? {
    var c = TokenCursor(tokens)
    guard let six = c.number(), six.value == 6, c.word(["thang"]) != nil,
      let which = c.word(["dau", "cuoi"]), let tail = yearTail(c)
    else { return nil }
    return .halfYear(first: which == "dau", year: tail.year)
  }

  /// `năm 2023`.
  static func yearShape(_ tokens: [DateToken]) -> DateShape? {
    var c = TokenCursor(tokens)
    guard c.word(["nam"]) != nil, let year = c.number(), c.atEnd else { return nil }
    return .year(year)
  }

  struct YearTail { let year: DateNumber? }

  /// What may follow a day, month, quarter or half: nothing, or `/2023`, ` 2023`, `năm 2023`.
  static func yearTail(_ cursor: TokenCursor) -> YearTail? {
    var c = cursor
    if c.atEnd { return YearTail(year: nil) }
    let hadNam = c.word(["nam"]) != nil
    if !hadNam { _ = c.symbol(yearSeparators) }
    // `6 tháng đầu năm` names the year without giving it.
    if hadNam && c.atEnd { return YearTail(year: nil) }
    guard let year = c.number(), c.atEnd else { return nil }
    return YearTail(year: year)
  }

  /// I–X in Roman numerals (folded to lowercase), enough to name a wrong quarter.
  static func romanValue(_ w: String) -> Int? {
    let table = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    guard let i = table.firstIndex(of: w) else { return nil }
    return i + 1
  }

  // MARK: Resolution

  static func resolveDay(
    day: DateNumber, month: DateNumber, year: DateNumber?, written: String, referenceYear: Int?
  ) throws -> (day: Day, warnings: [DateWarning]) {
    guard (1...12).contains(month.value) else {
      throw DateErrors.dayMonth(written, day: day.value, month: month.value, year: year?.value)
    }
    let (y, warnings) = try resolveYear(
      year, written: written, referenceYear: referenceYear,
      placeholder: placeholderForMissingYear(written))
    guard let result = Day(year: y, month: month.value, day: day.value) else {
      throw DateErrors.invalidDay(written, day: day.value, month: month.value, year: y)
    }
    return (result, warnings)
  }

  static func resolveYear(
    _ number: DateNumber?, written: String, referenceYear: Int?, placeholder: String
  ) throws -> (Int, [DateWarning]) {
    guard let number else {
      guard let referenceYear else { throw DateErrors.missingYear(written, example: placeholder) }
      return (referenceYear, [.yearAssumed(referenceYear)])
    }
    switch number.digits {
    case 2:
      let year = centuryFor(twoDigits: number.value, referenceYear: referenceYear)
      return (year, [.twoDigitYear(assumed: year)])
    case 4 where yearRange.contains(number.value):
      return (number.value, [])
    default:
      throw DateErrors.year(written, yearText: number.text)
    }
  }

  static let yearRange = 1900...2100

  /// The century that puts a two-digit year nearest the document's year, else the POSIX pivot.
  static func centuryFor(twoDigits yy: Int, referenceYear: Int?) -> Int {
    guard let referenceYear else { return yy < 69 ? 2000 + yy : 1900 + yy }
    let candidates = [1900 + yy, 2000 + yy, 2100 + yy].filter { yearRange.contains($0) }
    return candidates.min { abs($0 - referenceYear) < abs($1 - referenceYear) } ?? 2000 + yy
  }

  /// How to show where the year goes: `15/7/yyyy`, `tháng 5 năm yyyy`.
  static func placeholderForMissingYear(_ written: String) -> String {
    let folded = VietText.fold(written)
    if folded.hasSuffix("nam") { return written + " yyyy" }
    if folded.last?.isNumber == true && !folded.contains("thang") { return written + "/yyyy" }
    return written + " năm yyyy"
  }
}
