import FollowUpCore
import Foundation
import Testing

/// Reads judged as of a day see only what had happened by then, and the dated events
/// (reassignment, withdrawal, merge, reported completion, partial approval, reminders)
/// take effect from their own days.
@Suite struct DatedEventTests {
  func d(_ iso: String) -> Day { Sample.day(iso) }

  @Test func aCompletionAfterTheDayIsStillOpenThatDay() {
    let t4 = Sample.task("T4")  // done 08/12/2023
    #expect(t4.status(asOf: d("2023-12-07")) == .inProgress)
    #expect(t4.status(asOf: d("2023-12-08")) == .done)
    #expect(!t4.isFinished(asOf: d("2023-11-30")))
    let ctx = FilterContext(catalog: Sample.catalog, asOf: d("2023-11-30"))
    let done = TaskFilter(terms: [.status([.workflow(.done)])], source: "")
    let open = TaskFilter(terms: [.status([.open])], source: "")
    let tokens = { (t: FollowUpTask) in SearchText.tokens(for: t, catalog: Sample.catalog) }
    let nDone = Sample.tasks.filter { t in done.matches(t, context: ctx) { tokens(t) } }.count
    let nOpen = Sample.tasks.filter { t in open.matches(t, context: ctx) { tokens(t) } }.count
    #expect(nDone == 2 && nOpen == 5)
  }

  @Test func aTaskAssignedAfterTheDayMatchesNothingNotEvenANegation() {
    let ctx = FilterContext(catalog: Sample.catalog, asOf: d("2023-05-25"))
    for terms in [[FilterTerm](), [.status([.open])], [.not(.status([.open]))], [.not(.owner(["P01"]))]] {
      let f = TaskFilter(terms: terms, source: "")
      #expect(Sample.tasks.allSatisfy { t in !f.matches(t, context: ctx) { [] } }, "\(terms)")
    }
  }

  @Test func aNegatedTermIsTheComplementEmptyFieldsIncluded() throws {
    let ctx = FilterContext(catalog: Sample.catalog, asOf: d("2023-12-31"))
    for text in ["owner:P01", "tracker:P01", "due<1/12/2023", "due:week", "meeting:M2023-0526", "with:SNV", "done<1/1/2024"] {
      let f = try TaskFilter.parse(text, context: ctx)
      let g = try TaskFilter.parse("-" + text, context: ctx)
      for t in Sample.tasks {
        #expect(f.matches(t, context: ctx) { [] } != g.matches(t, context: ctx) { [] }, "\(text) on \(t.ref ?? "")")
      }
    }
  }

  @Test func reassignmentCountsForTheOldLeadUntilTheDayBefore() {
    var t = Sample.task("T5")
    t.reassignments = [Reassignment(from: "LHH", to: "SNV", on: d("2023-09-01"), document: "12/QĐ-UBND")]
    t.lead = "SNV"
    #expect(t.lead(asOf: d("2023-08-31")) == "LHH")
    #expect(t.lead(asOf: d("2023-09-01")) == "SNV")
    for (day, lead) in [("2023-08-31", "LHH"), ("2023-09-01", "SNV")] {
      let r = WorkloadReport.compute(tasks: [t], catalog: Sample.catalog, options: WorkloadOptions(asOf: d(day)))
      #expect(r.rows.map(\.agency) == [lead])
      let ctx = FilterContext(catalog: Sample.catalog, asOf: d(day))
      #expect(TaskFilter(terms: [.lead([lead])], source: "").matches(t, context: ctx) { [] })
    }
  }

  @Test func withdrawalCountsUntilTheDayBeforeThenTheFootnote() {
    var t = Sample.task("T1")
    t.status = .withdrawn
    t.withdrawal = Withdrawal(on: d("2023-10-15"), reason: "Gộp vào Chương trình hành động", document: "30-TB/BTGTU")
    #expect(TimelinessRules.standard.evaluate(t, asOf: d("2023-10-14")) == .overdue(days: 14))
    #expect(TimelinessRules.standard.evaluate(t, asOf: d("2023-10-15")) == .excluded)
    let before = WorkloadReport.compute(tasks: [t], catalog: Sample.catalog, options: WorkloadOptions(asOf: d("2023-10-14")))
    let after = WorkloadReport.compute(tasks: [t], catalog: Sample.catalog, options: WorkloadOptions(asOf: d("2023-10-15")))
    #expect(before.totals.total == 1 && before.totals.excluded == 0)
    #expect(after.totals.total == 0 && after.totals.excluded == 1)
  }

  @Test func aReportedCompletionIsNotCompletedUntilAccepted() {
    var t = Sample.task("T2")
    t.status = .reported
    t.reportedOn = d("2024-02-20")
    #expect(t.status(asOf: d("2024-02-19")) == .inProgress)
    #expect(t.status(asOf: d("2024-02-20")) == .reported)
    #expect(!TimelinessRules.standard.evaluate(t, asOf: d("2024-02-25")).isDone)
    // Accepted later, completion on the reported day: reported in between, done after.
    t.status = .done
    t.completedOn = t.reportedOn
    #expect(t.status(asOf: d("2024-02-20")) == .done)
  }

  @Test func aPartialApprovalGrantsItsDayFromTheDecisionDay() {
    var t = Sample.task("T1")  // deadline 30/09/2023
    t.extensions = [DeadlineExtension(
      requestedOn: d("2023-09-20"), from: t.deadline, to: .on(d("2023-12-31")), decision: .partial,
      decidedOn: d("2023-09-25"), granted: .on(d("2023-10-31")))]
    #expect(t.effectiveDeadline(asOf: d("2023-09-24")).date == d("2023-09-30"))
    #expect(t.effectiveDeadline(asOf: d("2023-09-25")).date == d("2023-10-31"))
    #expect(TimelinessRules.standard.evaluate(t, asOf: d("2023-10-15")) == .openInTime(daysLeft: 16, dueSoon: false))
    // Before its decision day the request was pending.
    #expect(t.viewed(asOf: d("2023-09-22")).extensions.first?.decision == .pending)
    #expect(t.viewed(asOf: d("2023-09-19")).extensions.isEmpty)
  }

  @Test func aRequestAfterTheDeadlineIsFlagged() {
    let late = DeadlineExtension(requestedOn: d("2023-10-02"), from: .on(d("2023-09-30")), to: .on(d("2023-12-31")))
    let inTime = DeadlineExtension(requestedOn: d("2023-09-30"), from: .on(d("2023-09-30")), to: .on(d("2023-12-31")))
    #expect(late.isLateRequest && !inTime.isLateRequest)
  }

  @Test func onTimeOnlyThanksToAnExtension() {
    let t3 = Sample.task("T3")  // 31/07 → 30/09 approved, done 25/09
    #expect(t3.isOnTimeOnlyAfterExtension(asOf: d("2023-12-31")))
    #expect(!Sample.task("T6").isOnTimeOnlyAfterExtension(asOf: d("2023-12-31")))
  }

  @Test func notesAndRemindersAfterTheDayAreHidden() {
    var t = Sample.task("T4")
    t.reminders = [Reminder(on: d("2023-12-01"), document: "15-CV/BTGTU", channel: .letter)]
    let v = t.viewed(asOf: d("2023-11-30"))
    #expect(v.notes.allSatisfy { $0.on <= d("2023-11-30") } && v.notes.count == 1)
    #expect(v.reminders.isEmpty && v.completedOn == nil)
    #expect(t.lastReminder(asOf: d("2023-12-05"))?.document == "15-CV/BTGTU")
  }

  /// Total-based rates: routine work is outside both denominators, tasks without a
  /// deadline outside the on-time one (DOMAIN §0 item 2), on the §6.5 sample.
  @Test func totalBasedRatesLeaveRoutineAndNoDeadlineOut() {
    let r = WorkloadReport.compute(tasks: Sample.tasks, catalog: Sample.catalog, options: WorkloadOptions(asOf: d("2023-12-31"), formula: .total))
    #expect(r.totals.total == 7)
    #expect(r.totals.completionRate(.total) == 3.0 / 6.0)
    #expect(r.totals.onTimeRate(.total) == 2.0 / 5.0)
  }
}

/// Deadlines counted from the document's day over the holiday calendar.
@Suite struct RelativeDeadlineTests {
  func d(_ iso: String) -> Day { Sample.day(iso) }

  @Test func theCalendarCoversEachYearWithItsSource() {
    let c = HolidayCalendar.official
    for y in 2019...2025 {
      #expect(c.covers(y) && !(c.sources[y] ?? "").isEmpty, "\(y)")
    }
    #expect(!c.covers(2018))
    // Fixed holidays are days off whenever they fall on a weekday.
    for iso in ["2023-05-01", "2024-04-30", "2025-09-02", "2021-09-03", "2024-02-12"] {
      #expect(!c.isWorkingDay(d(iso)), "\(iso)")
    }
    // Saturdays worked in exchange for a swapped weekday.
    #expect(c.isWorkingDay(d("2024-05-04")) && c.isWorkingDay(d("2025-02-08")))
  }

  @Test(arguments: [
    ("trong 15 ngày làm việc", "2023-05-26", "2023-06-16"),
    ("trong vòng 5 ngày làm việc kể từ ngày ký", "2024-02-05", "2024-02-19"),  // across Tết Giáp Thìn
    ("3 ngày làm việc", "2024-04-26", "2024-05-04"),  // the Saturday worked counts
    ("trong 10 ngày", "2023-01-20", "2023-01-30"),
    ("trong 10 ngày", "2023-01-15", "2023-01-27"),  // ends in Tết: the next working day
    ("trong 3 tháng", "2023-11-30", "2024-02-29"),
    ("trong 1 tháng", "2023-05-31", "2023-06-30"),
    ("trong 2 tuần", "2023-05-26", "2023-06-09"),
  ])
  func countedFromTheDayAfterTheDocument(_ text: String, _ from: String, _ expected: String) throws {
    let p = try Deadline.parse(text, reference: d(from))
    #expect(p.deadline.kind == .date)
    #expect(p.deadline.date == d(expected))
    #expect(p.deadline.text == text)
    #expect(p.warnings.isEmpty)
  }

  @Test func aYearMissingFromTheCalendarWarns() throws {
    let p = try Deadline.parse("trong 10 ngày làm việc", reference: d("2025-12-24"))
    #expect(p.warnings == [.holidaysMissing([2026])])
    #expect(p.deadline.date == d("2026-01-07"))
  }

  @Test func aRelativeDeadlineNeedsItsDocumentsDay() {
    #expect {
      _ = try Deadline.parse("trong 15 ngày làm việc")
    } throws: { ($0 as? UserError)?.code == .dateRelative }
  }

  @Test func periodsThatAreNotRelativeReadAsBefore() throws {
    #expect(try Deadline.parse("6 tháng đầu năm 2023", reference: d("2023-01-10")).deadline.kind == .halfYear)
    #expect(try Deadline.parse("trong tháng 11/2023", reference: d("2023-01-10")).deadline.kind == .month)
  }
}

/// Names typed with titles; given names of several words.
@Suite struct PersonNameTests {
  @Test(arguments: [
    ("PGS.TS. Lê Thị An", "PGS.TS.", "Lê Thị An"),
    ("TS. Hoàng Văn Kể", "TS.", "Hoàng Văn Kể"),
    ("ThS. BS. Nguyễn Văn A", "ThS. BS.", "Nguyễn Văn A"),
    ("Đ/c Đào Khánh Hà", "Đ/c", "Đào Khánh Hà"),
    ("đồng chí Đào Khánh Hà", "đồng chí", "Đào Khánh Hà"),
    ("GS.TSKH. Trần Văn Bình", "GS.TSKH.", "Trần Văn Bình"),
    ("Ông Văn Tùng", "", "Ông Văn Tùng"),
    ("Tô Hiệu", "", "Tô Hiệu"),
  ])
  func titlesAreSetApart(_ typed: String, _ title: String, _ name: String) {
    let s = Person.splitTitle(typed)
    #expect(s.title == title && s.name == name)
  }

  @Test func twoWordGivenNames() throws {
    let p = try Person.parseName("Phạm Bình Minh", given: "Bình Minh")
    #expect(p.family == "Phạm" && p.middle == "" && p.given == "Bình Minh")
    let q = try Person.parseName("TS. Nguyễn Thị Thu Hà")
    #expect(q.title == "TS." && q.family == "Nguyễn" && q.middle == "Thị Thu" && q.given == "Hà")
    #expect(throws: UserError.self) { try Person.parseName("Phạm Bình Minh", given: "Minh Anh") }
  }

  @Test func aNameTypedWithItsTitleFindsThePerson() throws {
    #expect(try Sample.catalog.resolvePerson("TS. Lê Thị An").ref == "P08")
  }
}
