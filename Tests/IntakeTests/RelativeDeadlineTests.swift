import FollowUpCore
import Foundation
import Testing

/// Periods counted from the notice (`trong 15 ngày làm việc`, `trong 30 ngày kể từ ngày ký`):
/// dated from the notice's day through the project's deadline parser, the words kept as written.
@Suite struct RelativeDeadlines {
  /// A notice of `day` giving Sở Y tế one task whose deadline is `phrase`.
  static func notice(_ day: Day, _ phrase: String) -> String {
    let (y, m, d) = day.components
    return """
      Số: \(d)/TB-UBND
      Nam Định, ngày \(d) tháng \(m) năm \(y)
      THÔNG BÁO
      1. Giao Sở Y tế chủ trì rà soát danh mục thuốc, \(phrase).
      """
  }

  /// Working days counted one by one from the day after `from`, as an officer counts them.
  static func countWorkingDays(_ n: Int, after from: Day) -> Day {
    var day = from
    var left = n
    while left > 0 {
      day = day.adding(days: 1)
      if HolidayCalendar.official.isWorkingDay(day) { left -= 1 }
    }
    return day
  }

  /// Calendar days after `from`; a period ending on a day off ends on the next working day.
  static func countDays(_ n: Int, after from: Day) -> Day {
    var day = from.adding(days: n)
    while !HolidayCalendar.official.isWorkingDay(day) { day = day.adding(days: 1) }
    return day
  }

  static let noticeDays: [Day] = [
    Day(year: 2023, month: 10, day: 6), Day(year: 2024, month: 1, day: 31), Day(year: 2024, month: 4, day: 25),
    Day(year: 2024, month: 8, day: 30), Day(year: 2025, month: 1, day: 20), Day(year: 2025, month: 12, day: 29),
  ].compactMap { $0 }

  @Test(arguments: noticeDays)
  func periodsAreDatedFromTheNoticesDay(_ day: Day) throws {
    let cases: [(String, String, Day)] = [
      ("hoàn thành trong 15 ngày làm việc", "trong 15 ngày làm việc", Self.countWorkingDays(15, after: day)),
      ("báo cáo trong 7 ngày làm việc kể từ ngày ký", "trong 7 ngày làm việc kể từ ngày ký", Self.countWorkingDays(7, after: day)),
      ("hoàn thành trong 30 ngày kể từ ngày ký", "trong 30 ngày kể từ ngày ký", Self.countDays(30, after: day)),
      ("thực hiện trong vòng 10 ngày", "trong vòng 10 ngày", Self.countDays(10, after: day)),
      ("hoàn thành trong 2 tuần", "trong 2 tuần", Self.countDays(14, after: day)),
    ]
    for (phrase, written, expected) in cases {
      let d = IntakeExtractor.draft(Self.notice(day, phrase), catalog: otherProvince)
      #expect(d.meeting.noticeDate == day, "\(phrase)")
      let t = try #require(d.tasks.first, "\(phrase)")
      #expect(t.deadlineText == written)
      #expect(t.deadline.text == written)
      #expect(t.deadline.kind == .date)
      #expect(t.deadline.date == expected, "\(written) from \(day.formatted)")
      #expect(!t.checks.contains(.deadlineNotUnderstood(written)))
    }
  }

  /// Two counts checked by hand against the calendar: an ordinary October, and ten working
  /// days that straddle the Tết holiday of 2024 (8–14 February).
  @Test func handCountedPeriods() throws {
    let october = IntakeExtractor.draft(
      Self.notice(try #require(Day(year: 2023, month: 10, day: 6)), "hoàn thành trong 15 ngày làm việc"), catalog: otherProvince)
    #expect(october.tasks.first?.deadline.date == Day(year: 2023, month: 10, day: 27))
    let tet = IntakeExtractor.draft(
      Self.notice(try #require(Day(year: 2024, month: 1, day: 31)), "hoàn thành trong 10 ngày làm việc"), catalog: otherProvince)
    #expect(tet.tasks.first?.deadline.date == Day(year: 2024, month: 2, day: 21))
  }

  /// `kể từ ngày 02/11/2023` counts from that day, not the notice's.
  @Test func aDayWrittenAfterKeTuIsWhereThePeriodStarts() throws {
    let notice = try #require(Day(year: 2023, month: 10, day: 20))
    let start = try #require(Day(year: 2023, month: 11, day: 2))
    let d = IntakeExtractor.draft(
      Self.notice(notice, "hoàn thành trong 20 ngày làm việc kể từ ngày 02/11/2023"), catalog: otherProvince)
    let t = try #require(d.tasks.first)
    #expect(t.deadlineText == "trong 20 ngày làm việc kể từ ngày 02/11/2023")
    #expect(t.deadline.date == Self.countWorkingDays(20, after: start))
  }

  /// Without a date on the notice there is nothing to count from: the words stay for a person.
  @Test func withoutANoticeDateThePeriodIsLeftToThePerson() throws {
    let d = IntakeExtractor.draft("1. Giao Sở Y tế chủ trì rà soát danh mục thuốc, hoàn thành trong 15 ngày làm việc.", catalog: otherProvince)
    let t = try #require(d.tasks.first)
    #expect(t.deadlineText == "trong 15 ngày làm việc")
    #expect(t.deadline.date == nil)
    #expect(t.checks.contains(.deadlineNotUnderstood("trong 15 ngày làm việc")))
  }
}
