import FollowUpCore
import Testing

/// DOMAIN.md §6.5: per-agency reports as of 31/12/2023.
@Suite struct WorkloadOracleTests {
  static let asOf = Sample.day("2023-12-31")
  static let period = Sample.day("2023-05-26")...Sample.day("2023-12-31")

  func report(_ grouping: WorkloadGrouping = .lead, rollup: Bool, period: ClosedRange<Day>? = period) -> WorkloadReport {
    WorkloadReport.compute(
      tasks: Sample.tasks, catalog: Sample.catalog,
      options: WorkloadOptions(asOf: Self.asOf, grouping: grouping, rollup: rollup, period: period))
  }

  /// (3)…(12) in order: total, on time, late, done KTH, in time, overdue, open KTH, routine,
  /// extended, due.
  func numbers(_ c: WorkloadCounts) -> [Int] {
    ReportColumns.printed.filter { (3...12).contains($0.number ?? 0) }.compactMap { $0.count(c) }
  }

  @Test func leadAgenciesRolledUp() {
    let r = report(rollup: true)
    #expect(r.rows.map(\.agency) == ["BTGTU", "LHH"])
    #expect(r.rows[1].members == ["DD_LHH"])
    #expect(numbers(r.rows[0].counts) == [1, 1, 0, 0, 0, 0, 0, 0, 0, 1])
    #expect(numbers(r.rows[1].counts) == [6, 1, 1, 0, 1, 1, 1, 1, 1, 3])
    #expect(numbers(r.totals) == [7, 2, 1, 0, 1, 1, 1, 1, 1, 4])
    #expect(NumberFormat.percent(r.rows[0].counts.completionRate(.due), .vi) == "100,0%")
    #expect(NumberFormat.percent(r.rows[0].counts.onTimeRate(.due), .vi) == "100,0%")
    #expect(NumberFormat.percent(r.rows[1].counts.completionRate(.due), .vi) == "66,7%")
    #expect(NumberFormat.percent(r.rows[1].counts.onTimeRate(.due), .vi) == "33,3%")
    #expect(NumberFormat.percent(r.totals.completionRate(.due), .vi) == "75,0%")
    #expect(NumberFormat.percent(r.totals.onTimeRate(.due), .vi) == "50,0%")
    #expect(NumberFormat.percent(r.totals.completionRate(.due), .en) == "75.0%")
  }

  @Test func leadAgenciesWithoutRollUp() {
    let r = report(rollup: false)
    #expect(r.rows.map(\.agency) == ["BTGTU", "DD_LHH", "LHH"])
    let dd = r.rows[1].counts, lhh = r.rows[2].counts
    #expect(dd.total == 2 && dd.overdue == 1 && dd.routine == 1 && dd.due == 1)
    #expect(NumberFormat.percent(dd.completionRate(.due), .vi) == "0,0%")
    #expect(NumberFormat.percent(dd.onTimeRate(.due), .vi) == "0,0%")
    #expect(numbers(lhh) == [4, 1, 1, 0, 1, 0, 1, 0, 1, 2])
    #expect(NumberFormat.percent(lhh.completionRate(.due), .vi) == "100,0%")
    #expect(NumberFormat.percent(lhh.onTimeRate(.due), .vi) == "50,0%")
  }

  @Test func coordinatingAgencies() {
    let r = report(.coordinating, rollup: false)
    #expect(r.rows.map(\.agency) == ["BTGTU", "SNV", "STP", "STC", "SKHCN"])
    func row(_ code: String) -> WorkloadCounts { r.rows.first { $0.agency == code }?.counts ?? WorkloadCounts() }
    // total, on time, late, in time, overdue, open without deadline
    func six(_ c: WorkloadCounts) -> [Int] { [c.total, c.doneOnTime, c.doneLate, c.openInTime, c.overdue, c.openNoDeadline] }
    #expect(six(row("BTGTU")) == [1, 0, 0, 0, 1, 0])
    #expect(six(row("SNV")) == [4, 1, 1, 1, 0, 1])
    #expect(six(row("STP")) == [1, 1, 0, 0, 0, 0])
    #expect(six(row("STC")) == [1, 0, 0, 0, 0, 1])
    #expect(six(row("SKHCN")) == [3, 1, 1, 1, 0, 0])
    // Which tasks each row counted, for drill-down.
    #expect(r.rows.first { $0.agency == "SNV" }?.taskIDs.sorted() == [2, 3, 4, 5])
  }

  @Test func twoCoordinatorsRolledIntoOneRowCountTheTaskOnce() {
    var tasks = Sample.tasks
    guard let i = tasks.firstIndex(where: { $0.id == 2 }) else { Issue.record("no task 2"); return }
    tasks[i].coordinating = ["DD_LHH", "LHH", "SNV"]
    func report(rollup: Bool) -> WorkloadReport {
      WorkloadReport.compute(
        tasks: tasks, catalog: Sample.catalog,
        options: WorkloadOptions(asOf: Self.asOf, grouping: .coordinating, rollup: rollup, period: Self.period))
    }
    let rolled = report(rollup: true).rows.first { $0.agency == "LHH" }
    #expect(rolled?.counts.total == 1)
    #expect(rolled?.taskIDs == [2])
    #expect(rolled?.members == ["DD_LHH"])
    // Apart, each coordinator still counts it.
    let apart = report(rollup: false).rows
    #expect(apart.first { $0.agency == "LHH" }?.counts.total == 1)
    #expect(apart.first { $0.agency == "DD_LHH" }?.counts.total == 1)
  }

  @Test func alphabeticalOrderUsesVietnameseCollation() {
    let r = WorkloadReport.compute(
      tasks: Sample.tasks, catalog: Sample.catalog,
      options: WorkloadOptions(asOf: Self.asOf, grouping: .coordinating, order: .name))
    let names = r.rows.map { Sample.catalog.agencies[$0.agency]?.name ?? "" }.filter { $0.hasPrefix("Sở") }
    #expect(names == ["Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp"])
  }

  @Test func mostOverdueFirst() {
    let r = WorkloadReport.compute(
      tasks: Sample.tasks, catalog: Sample.catalog,
      options: WorkloadOptions(asOf: Self.asOf, order: .overdue))
    #expect(r.rows.first?.agency == "DD_LHH")
  }

  @Test func ratesPrintADashWhenNothingIsDue() {
    let r = WorkloadReport.compute(
      tasks: [Sample.task("T5"), Sample.task("T7")], catalog: Sample.catalog,
      options: WorkloadOptions(asOf: Self.asOf))
    #expect(r.totals.due == 0)
    #expect(NumberFormat.percent(r.totals.completionRate(.due), .vi) == "–")
    #expect(NumberFormat.percent(r.totals.onTimeRate(.due), .en) == "–")
  }

  @Test func totalBasedRates() {
    let r = report(rollup: true)
    // Đà Nẵng style over the tracked tasks: routine work (T7) is outside both
    // denominators, the task without a deadline (T5) outside the on-time one:
    // done / ((3) − (10)) = 3 / 6, on time / ((3) − (6) − (9) − (10)) = 2 / 5.
    #expect(NumberFormat.percent(r.totals.completionRate(.total), .vi) == "50,0%")
    #expect(NumberFormat.percent(r.totals.onTimeRate(.total), .vi) == "40,0%")
  }

  @Test func withdrawnTasksLeaveTheTotalsForAFootnote() {
    var tasks = Sample.tasks
    tasks[0].status = .withdrawn
    let r = WorkloadReport.compute(tasks: tasks, catalog: Sample.catalog, options: WorkloadOptions(asOf: Self.asOf, rollup: true))
    #expect(r.totals.total == 6)
    #expect(r.totals.excluded == 1)
  }

  @Test func tasksAssignedAfterTheCutOffAreNotCounted() {
    let r = WorkloadReport.compute(
      tasks: Sample.tasks, catalog: Sample.catalog,
      options: WorkloadOptions(asOf: Sample.day("2023-05-25")))
    #expect(r.totals.total == 0)
  }

  @Test func carriedOverTasks() {
    // A period starting 01/10/2023: everything was assigned before; T6 and T3 were done
    // before the period and drop out, the rest are carried over.
    let r = WorkloadReport.compute(
      tasks: Sample.tasks, catalog: Sample.catalog,
      options: WorkloadOptions(asOf: Self.asOf, period: Sample.day("2023-10-01")...Self.asOf))
    #expect(r.totals.total == 5)
    #expect(r.totals.carriedOver == 5)
  }

  @Test func numbersInVietnameseFormat() {
    #expect(NumberFormat.integer(21914, .vi) == "21.914")
    #expect(NumberFormat.integer(21914, .en) == "21,914")
    #expect(NumberFormat.integer(999, .vi) == "999")
    #expect(NumberFormat.percent(0.9862, .vi) == "98,6%")
  }
}
