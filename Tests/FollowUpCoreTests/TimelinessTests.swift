import FollowUpCore
import Testing

/// DOMAIN.md §6.4: derived state of the sample tasks by as-of date.
@Suite struct TimelinessOracleTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var ref: String
    var asOf: String
    var basis: TimelinessBasis
    var expected: Timeliness
    var testDescription: String { "\(ref) @ \(asOf) \(basis)" }
  }

  static let rows: [Row] = [
    // 31/07/2023
    Row(ref: "T1", asOf: "2023-07-31", basis: .effective, expected: .openInTime(daysLeft: 61, dueSoon: false)),
    Row(ref: "T2", asOf: "2023-07-31", basis: .effective, expected: .openInTime(daysLeft: 244, dueSoon: false)),
    Row(ref: "T3", asOf: "2023-07-31", basis: .effective, expected: .openInTime(daysLeft: 61, dueSoon: false)),
    Row(ref: "T4", asOf: "2023-07-31", basis: .effective, expected: .openInTime(daysLeft: 122, dueSoon: false)),
    Row(ref: "T5", asOf: "2023-07-31", basis: .effective, expected: .openNoDeadline),
    Row(ref: "T6", asOf: "2023-07-31", basis: .effective, expected: .doneOnTime(daysEarly: 3)),
    Row(ref: "T7", asOf: "2023-07-31", basis: .effective, expected: .routine),
    // 01/08/2023
    Row(ref: "T1", asOf: "2023-08-01", basis: .effective, expected: .openInTime(daysLeft: 60, dueSoon: false)),
    Row(ref: "T2", asOf: "2023-08-01", basis: .effective, expected: .openInTime(daysLeft: 243, dueSoon: false)),
    Row(ref: "T3", asOf: "2023-08-01", basis: .effective, expected: .openInTime(daysLeft: 60, dueSoon: false)),
    Row(ref: "T4", asOf: "2023-08-01", basis: .effective, expected: .openInTime(daysLeft: 121, dueSoon: false)),
    Row(ref: "T5", asOf: "2023-08-01", basis: .effective, expected: .openNoDeadline),
    Row(ref: "T6", asOf: "2023-08-01", basis: .effective, expected: .doneOnTime(daysEarly: 3)),
    Row(ref: "T7", asOf: "2023-08-01", basis: .effective, expected: .routine),
    // 01/10/2023
    Row(ref: "T1", asOf: "2023-10-01", basis: .effective, expected: .overdue(days: 1)),
    Row(ref: "T2", asOf: "2023-10-01", basis: .effective, expected: .openInTime(daysLeft: 182, dueSoon: false)),
    Row(ref: "T3", asOf: "2023-10-01", basis: .effective, expected: .doneOnTime(daysEarly: 5)),
    Row(ref: "T4", asOf: "2023-10-01", basis: .effective, expected: .openInTime(daysLeft: 60, dueSoon: false)),
    Row(ref: "T5", asOf: "2023-10-01", basis: .effective, expected: .openNoDeadline),
    Row(ref: "T6", asOf: "2023-10-01", basis: .effective, expected: .doneOnTime(daysEarly: 3)),
    Row(ref: "T7", asOf: "2023-10-01", basis: .effective, expected: .routine),
    // 31/12/2023
    Row(ref: "T1", asOf: "2023-12-31", basis: .effective, expected: .overdue(days: 92)),
    Row(ref: "T2", asOf: "2023-12-31", basis: .effective, expected: .openInTime(daysLeft: 91, dueSoon: false)),
    Row(ref: "T3", asOf: "2023-12-31", basis: .effective, expected: .doneOnTime(daysEarly: 5)),
    Row(ref: "T4", asOf: "2023-12-31", basis: .effective, expected: .doneLate(daysLate: 8)),
    Row(ref: "T5", asOf: "2023-12-31", basis: .effective, expected: .openNoDeadline),
    Row(ref: "T6", asOf: "2023-12-31", basis: .effective, expected: .doneOnTime(daysEarly: 3)),
    Row(ref: "T7", asOf: "2023-12-31", basis: .effective, expected: .routine),
    // 31/12/2023, original basis
    Row(ref: "T1", asOf: "2023-12-31", basis: .original, expected: .overdue(days: 92)),
    Row(ref: "T2", asOf: "2023-12-31", basis: .original, expected: .openInTime(daysLeft: 91, dueSoon: false)),
    Row(ref: "T3", asOf: "2023-12-31", basis: .original, expected: .doneLate(daysLate: 56)),
    Row(ref: "T4", asOf: "2023-12-31", basis: .original, expected: .doneLate(daysLate: 8)),
    Row(ref: "T5", asOf: "2023-12-31", basis: .original, expected: .openNoDeadline),
    Row(ref: "T6", asOf: "2023-12-31", basis: .original, expected: .doneOnTime(daysEarly: 3)),
    Row(ref: "T7", asOf: "2023-12-31", basis: .original, expected: .routine),
    // Boundaries of T3 on the original basis: the deadline day is still in time.
    Row(ref: "T3", asOf: "2023-07-31", basis: .original, expected: .openInTime(daysLeft: 0, dueSoon: true)),
    Row(ref: "T3", asOf: "2023-08-01", basis: .original, expected: .overdue(days: 1)),
  ]

  @Test(arguments: rows)
  func oracle(_ row: Row) {
    let rules = TimelinessRules(basis: row.basis)
    #expect(rules.evaluate(Sample.task(row.ref), asOf: Sample.day(row.asOf)) == row.expected)
  }

  @Test func extensionCountsOnlyFromItsDecisionDay() {
    // T3's extension was approved on 27/07/2023: on 26/07 the original deadline still rules.
    let t3 = Sample.task("T3")
    #expect(t3.effectiveDeadline(asOf: Sample.day("2023-07-26")).date == Sample.day("2023-07-31"))
    #expect(t3.effectiveDeadline(asOf: Sample.day("2023-07-27")).date == Sample.day("2023-09-30"))
    #expect(!t3.isExtended(asOf: Sample.day("2023-07-26")))
    #expect(t3.isExtended(asOf: Sample.day("2023-07-27")))
  }

  @Test func rejectedExtensionNeverMovesTheDeadline() {
    let t1 = Sample.task("T1")
    #expect(t1.effectiveDeadline(asOf: Sample.day("2023-12-31")).date == Sample.day("2023-09-30"))
    #expect(!t1.isExtended(asOf: Sample.day("2023-12-31")))
  }

  @Test func completionAfterTheAsOfDayIsIgnored() {
    // T4 was completed on 08/12/2023; on 01/12 it is still open and overdue by one day.
    #expect(TimelinessRules().evaluate(Sample.task("T4"), asOf: Sample.day("2023-12-01")) == .overdue(days: 1))
  }

  @Test func finishingOnTheDeadlineDayIsOnTime() {
    var t = Sample.task("T6")
    t.completedOn = Sample.day("2023-06-15")
    #expect(TimelinessRules().evaluate(t, asOf: Sample.day("2023-12-31")) == .doneOnTime(daysEarly: 0))
  }

  @Test func dueSoonWindowFollowsTheRules() {
    let t2 = Sample.task("T2")
    #expect(TimelinessRules(dueSoonDays: 7).evaluate(t2, asOf: Sample.day("2024-03-24")) == .openInTime(daysLeft: 7, dueSoon: true))
    #expect(TimelinessRules(dueSoonDays: 7).evaluate(t2, asOf: Sample.day("2024-03-23")) == .openInTime(daysLeft: 8, dueSoon: false))
    #expect(TimelinessRules(dueSoonDays: 14).evaluate(t2, asOf: Sample.day("2024-03-23")).isDueSoon)
  }

  @Test func withdrawnIsExcluded() {
    var t = Sample.task("T1")
    t.status = .withdrawn
    #expect(TimelinessRules().evaluate(t, asOf: Sample.day("2023-12-31")) == .excluded)
  }
}
