import Testing

@testable import FollowUpCore

@Suite("Dates and deadlines")
struct DateParserTests {
  // MARK: parseDay (DOMAIN §4.7)

  @Test(
    arguments: [
      ("26/05/2023", nil, "2023-05-26", []),
      ("26/5/2023", nil, "2023-05-26", []),
      ("6/5/2023", nil, "2023-05-06", []),
      ("26-5-2023", nil, "2023-05-26", []),
      ("26.5.2023", nil, "2023-05-26", []),
      ("2023-05-26", nil, "2023-05-26", []),
      ("ngày 26 tháng 5 năm 2023", nil, "2023-05-26", []),
      ("ngày 05 tháng 02 năm 2024", nil, "2024-02-05", []),
      ("ngay 26 thang 5 nam 2023", nil, "2023-05-26", []),
      ("NGÀY 26 THÁNG 5 NĂM 2023", nil, "2023-05-26", []),
      ("Nga\u{0300}y 26 tha\u{0301}ng 5 na\u{0306}m 2023", nil, "2023-05-26", []),
      ("ngày 26 tháng 5, 2023", nil, "2023-05-26", []),
      ("  26 / 5 / 2023 ", nil, "2023-05-26", []),
      ("trước ngày 30/9/2023", nil, "2023-09-30", []),
      ("hạn 30/9/2023", nil, "2023-09-30", []),
      ("Hạn: 30/9/2023.", nil, "2023-09-30", []),
      ("29/2/2024", nil, "2024-02-29", []),
      ("26/5/23", nil, "2023-05-26", [.twoDigitYear(assumed: 2023)]),
      ("26/5/23", 2023, "2023-05-26", [.twoDigitYear(assumed: 2023)]),
      ("1/1/99", 2001, "1999-01-01", [.twoDigitYear(assumed: 1999)]),
      ("trước ngày 15/7", 2023, "2023-07-15", [.yearAssumed(2023)]),
      ("15/7", 2024, "2024-07-15", [.yearAssumed(2024)]),
      ("truoc ngay 15/7", 2023, "2023-07-15", [.yearAssumed(2023)]),
      ("ngày 15 tháng 7", 2023, "2023-07-15", [.yearAssumed(2023)]),
    ] as [(String, Int?, String, [DateWarning])])
  func parseDay(_ input: String, _ year: Int?, _ iso: String, _ warnings: [DateWarning]) throws {
    let result = try DateParser.parseDay(input, referenceYear: year)
    #expect(result.day.iso == iso)
    #expect(result.warnings == warnings)
  }

  // MARK: Deadline.parse (DOMAIN §2.3, §4.7)

  @Test(
    arguments: [
      ("26/05/2023", nil, DeadlineKind.date, "2023-05-26", []),
      ("30/9/2023", nil, .date, "2023-09-30", []),
      ("30-9-2023", nil, .date, "2023-09-30", []),
      ("ngày 30 tháng 9 năm 2023", nil, .date, "2023-09-30", []),
      ("2023-05-26", nil, .date, "2023-05-26", []),
      ("26/5/23", nil, .date, "2023-05-26", [.twoDigitYear(assumed: 2023)]),
      ("trước ngày 15/7", 2023, .date, "2023-07-15", [.yearAssumed(2023)]),
      ("tháng 11/2023", nil, .month, "2023-11-30", []),
      ("THANG 11/2023", nil, .month, "2023-11-30", []),
      ("trong tháng 11 năm 2023", nil, .month, "2023-11-30", []),
      ("tháng 2/2024", nil, .month, "2024-02-29", []),
      ("tháng 2/2023", nil, .month, "2023-02-28", []),
      ("11/2023", nil, .month, "2023-11-30", []),
      ("tháng 12", 2023, .month, "2023-12-31", [.yearAssumed(2023)]),
      ("Quý I/2024", nil, .quarter, "2024-03-31", []),
      ("quý 3/2023", nil, .quarter, "2023-09-30", []),
      ("Quý III năm 2023", nil, .quarter, "2023-09-30", []),
      ("Quý IV năm 2015", nil, .quarter, "2015-12-31", []),
      ("Quý II/2024", nil, .quarter, "2024-06-30", []),
      ("Q1/2024", nil, .quarter, "2024-03-31", []),
      ("Q1 2024", nil, .quarter, "2024-03-31", []),
      ("quy 1/2024", nil, .quarter, "2024-03-31", []),
      ("trong Quý IV", 2023, .quarter, "2023-12-31", [.yearAssumed(2023)]),
      ("6 tháng đầu năm 2023", nil, .halfYear, "2023-06-30", []),
      ("6 tháng cuối năm 2023", nil, .halfYear, "2023-12-31", []),
      ("6 thang dau nam 2023", nil, .halfYear, "2023-06-30", []),
      ("6 tháng đầu năm", 2024, .halfYear, "2024-06-30", [.yearAssumed(2024)]),
      ("năm 2023", nil, .year, "2023-12-31", []),
      ("trong năm 2023", nil, .year, "2023-12-31", []),
      ("cuối năm 2023", nil, .year, "2023-12-31", []),
    ] as [(String, Int?, DeadlineKind, String, [DateWarning])])
  func deadline(
    _ input: String, _ year: Int?, _ kind: DeadlineKind, _ iso: String, _ warnings: [DateWarning]
  ) throws {
    let parsed = try Deadline.parse(input, referenceYear: year)
    #expect(parsed.deadline.kind == kind)
    #expect(parsed.deadline.date?.iso == iso)
    #expect(parsed.deadline.text == VietText.clean(input))
    #expect(parsed.warnings == warnings)
  }

  @Test(arguments: [
    ("thường xuyên", DeadlineKind.routine),
    ("thuong xuyen", .routine),
    ("Thường xuyên", .routine),
    ("hằng năm", .routine),
    ("hàng năm", .routine),
    ("định kỳ", .routine),
    ("định kỳ hằng quý", .routine),
    ("theo Kế hoạch số 64/KH-UBND", .other),
    ("theo tiến độ của Đề án", .other),
    ("không có thời hạn", .none),
  ])
  func undatedDeadline(_ input: String, _ kind: DeadlineKind) throws {
    let parsed = try Deadline.parse(input)
    #expect(parsed.deadline.kind == kind)
    #expect(parsed.deadline.date == nil)
    #expect(parsed.deadline.text == input)
    #expect(parsed.warnings.isEmpty)
  }

  @Test(arguments: ["", "   ", "\u{00A0}\t\n"])
  func emptyDeadline(_ input: String) throws {
    let parsed = try Deadline.parse(input)
    #expect(parsed.deadline == Deadline.none)
    #expect(parsed.deadline.text == "")
    #expect(parsed.warnings.isEmpty)
  }

  @Test("the text is kept as written (cleaned, NFC), never rewritten")
  func textAsWritten() throws {
    let nfd = "Quy\u{0301}\u{00A0}I/2024 "
    let parsed = try Deadline.parse(nfd)
    #expect(Array(parsed.deadline.text.unicodeScalars) == Array("Quý I/2024".unicodeScalars))
    #expect(try Deadline.parse("26/5/2023").deadline.text == "26/5/2023")
    #expect(
      try Deadline.parse("trước ngày 15/7", referenceYear: 2023).deadline.text
        == "trước ngày 15/7")
  }

  @Test("the sample's deadlines read as §6.3 says")
  func sampleDeadlines() throws {
    let sample = try SampleData.load()
    let expected: [String: (DeadlineKind, String?)] = [
      "T1": (.date, "2023-09-30"), "T2": (.quarter, "2024-03-31"), "T3": (.date, "2023-07-31"),
      "T4": (.month, "2023-11-30"), "T5": (.none, nil), "T6": (.date, "2023-06-15"),
      "T7": (.routine, nil),
    ]
    for task in sample.tasks {
      let parsed = try Deadline.parse(task.deadline, referenceYear: 2023)
      #expect(parsed.deadline.kind == expected[task.ref]?.0, "\(task.ref)")
      #expect(parsed.deadline.date?.iso == expected[task.ref]?.1, "\(task.ref)")
    }
  }

  // MARK: Errors

  enum Entry: String, Sendable { case day, deadline }

  @Test(arguments: [
    ("31/6/2023", Entry.day, "date.invalid"),
    ("31/6/2023", .deadline, "date.invalid"),
    ("32/1/2023", .day, "date.invalid"),
    ("29/2/2023", .day, "date.invalid"),
    ("0/5/2023", .day, "date.invalid"),
    ("5/26/2023", .day, "date.month"),
    ("5/26/2023", .deadline, "date.month"),
    ("tháng 13/2023", .deadline, "date.month"),
    ("tháng 0/2023", .deadline, "date.month"),
    ("Quý V/2024", .deadline, "date.quarter"),
    ("quý 5/2024", .deadline, "date.quarter"),
    ("26/5/2200", .day, "date.year"),
    ("26/5/1800", .deadline, "date.year"),
    ("26/5/202", .day, "date.year"),
    ("năm 3000", .deadline, "date.year"),
    ("Quý I/20245", .deadline, "date.year"),
    ("15/7", .day, "date.noyear"),
    ("trước ngày 15/7", .deadline, "date.noyear"),
    ("Quý I", .deadline, "date.noyear"),
    ("hôm qua", .day, "date.unrecognised"),
    ("đầu tháng 6", .deadline, "date.unrecognised"),
    ("trong 15 ngày làm việc", .deadline, "date.relative"),
    ("tháng 11/2023", .day, "date.unrecognised"),
    ("26/5-2023", .day, "date.unrecognised"),
    ("trước", .deadline, "date.unrecognised"),
  ])
  func errors(_ input: String, _ entry: Entry, _ code: String) {
    do {
      switch entry {
      case .day: _ = try DateParser.parseDay(input)
      case .deadline: _ = try Deadline.parse(input)
      }
      Issue.record("\(input) was accepted")
    } catch let error as UserError {
      #expect(error.code.rawValue == code)
      #expect(error.vi.contains("“\(input)”"), "\(error.vi)")
      #expect(error.en.contains("“\(input)”"), "\(error.en)")
      #expect(error.vi != error.en)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("error sentences say what was wrong and how to write it")
  func errorWording() {
    #expect(throws: UserError.self) { try DateParser.parseDay("31/6/2023") }
    do {
      _ = try DateParser.parseDay("31/6/2023")
    } catch let error as UserError {
      #expect(error.en.contains("June 2023 has only 30 days"))
      #expect(error.vi.contains("tháng 6 năm 2023 chỉ có 30 ngày"))
      #expect(error.en.contains("30/06/2023"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
    do {
      _ = try DateParser.parseDay("5/26/2023")
    } catch let error as UserError {
      #expect(error.en.contains("month 26"))
      #expect(error.en.contains("day/month/year"))
      #expect(error.en.contains("26/05/2023"))
      #expect(error.vi.contains("tháng 26"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
    do {
      _ = try Deadline.parse("xyz")
    } catch let error as UserError {
      #expect(error.en.contains("Quý I/2024"))
      #expect(error.vi.contains("tháng 11/2023"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("empty input to parseDay is date.empty")
  func emptyDay() {
    for input in ["", "  ", "\u{00A0}"] {
      #expect {
        _ = try DateParser.parseDay(input)
      } throws: { error in
        (error as? UserError)?.code == .dateEmpty
      }
    }
  }

  @Test(arguments: [DateWarning.twoDigitYear(assumed: 2023), .yearAssumed(2024), .holidaysMissing([2031])])
  func warningMessages(_ warning: DateWarning) {
    let vi = warning.message(.vi)
    let en = warning.message(.en)
    #expect(vi != en)
    let year: String
    switch warning {
    case .twoDigitYear(let y): year = String(y)
    case .yearAssumed(let y): year = String(y)
    case .holidaysMissing(let ys): year = ys.map(String.init).joined(separator: ", ")
    }
    #expect(vi.contains(year) && en.contains(year))
  }

  // MARK: Day

  @Test(arguments: ["2023-05-26", "2024-02-29", "1900-01-01", "2100-12-31", "1970-01-01"])
  func dayRoundTrip(_ iso: String) throws {
    let day = try #require(Day(iso: iso))
    #expect(day.iso == iso)
    let parsed = try DateParser.parseDay(day.formatted)
    #expect(parsed.day == day)
    #expect(parsed.warnings.isEmpty)
    #expect(Day(ordinal: day.ordinal) == day)
  }

  @Test(arguments: ["2023-02-29", "2023-13-01", "2023-5-26", "26/05/2023", "", "2023-05-26x"])
  func dayISORejects(_ text: String) {
    #expect(Day(iso: text) == nil)
  }

  @Test("Day arithmetic, weekdays and month ends")
  func dayArithmetic() throws {
    let day = try #require(Day(year: 2023, month: 5, day: 26))
    #expect(day.formatted == "26/05/2023")
    #expect(day.isoWeekday == 5)
    #expect(try #require(Day(iso: "1970-01-01")).isoWeekday == 4)
    #expect(try #require(Day(iso: "2023-05-28")).isoWeekday == 7)
    #expect(try #require(Day(iso: "1969-12-29")).isoWeekday == 1)
    #expect(day.adding(days: 7).isoWeekday == 5)
    #expect(day.adding(days: 6).formatted == "01/06/2023")
    #expect(day.adding(days: -26).formatted == "30/04/2023")
    let t3 = try #require(Day(iso: "2023-07-31"))
    #expect(day.days(until: t3) == 66)
    #expect(t3.days(until: day) == -66)

    #expect(Day.isLeap(2024) && Day.isLeap(2000) && !Day.isLeap(1900) && !Day.isLeap(2023))
    #expect(Day.endOf(month: 2, year: 2024)?.formatted == "29/02/2024")
    #expect(Day.endOf(month: 2, year: 2023)?.formatted == "28/02/2023")
    #expect(Day.endOf(month: 2, year: 1900)?.formatted == "28/02/1900")
    #expect(Day.endOf(month: 12, year: 2023)?.formatted == "31/12/2023")
    #expect(Day(year: 2023, month: 2, day: 29) == nil)
    #expect(Day(year: 2023, month: 6, day: 31) == nil)
    #expect(try #require(Day(iso: "2024-02-28")).adding(days: 1).iso == "2024-02-29")
    #expect(try #require(Day(iso: "2023-12-31")).adding(days: 1).iso == "2024-01-01")
  }
}
