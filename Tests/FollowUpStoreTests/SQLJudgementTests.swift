import FollowUpCore
import FollowUpStore
import Foundation
import Testing

/// The store judges timeliness in SQL for speed; these tests pin it to the Swift rules
/// (`TimelinessRules.evaluate`, `WorkloadReport.compute`, `TaskFilter.matches`) on many
/// random tasks, days and both bases, so the two can never drift apart.
@Suite struct SQLJudgementTests {
  /// A small deterministic generator covering every status, deadline kind and extension shape.
  static func randomTasks(_ n: Int, seed: UInt64) -> [FollowUpTask] {
    var state = seed
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    func pick<T>(_ xs: [T]) -> T { xs[next() % xs.count] }
    let base = Sample.day("2023-01-01")
    let leads = ["BTGTU", "DD_LHH", "LHH", "SNV", "STP", "STC", "SKHCN", "UBND", "TTTU"]
    var out: [FollowUpTask] = []
    for i in 0..<n {
      let day = base.adding(days: next() % 700)
      var t = FollowUpTask(
        id: i + 1, content: "Nhiệm vụ \(i) về \(pick(["trí thức", "hội đặc thù", "chuyển đổi số", "Nguyễn Bỉnh Khiêm"]))",
        lead: pick(leads), coordinating: next() % 3 == 0 ? [pick(leads)] : [], owner: pick(["P01", "P06", nil]),
        status: pick(WorkflowStatus.allCases), assignedOn: next() % 10 == 0 ? nil : day)
      t.coordinating.removeAll { $0 == t.lead }
      let dl = day.adding(days: next() % 200 - 20)
      switch next() % 8 {
      case 0: t.deadline = .none
      case 1: t.deadline = Deadline(text: "thường xuyên", kind: .routine, date: nil)
      case 2: t.deadline = Deadline(text: "tháng", kind: .month, date: dl)
      default: t.deadline = .on(dl)
      }
      if t.status == .done { t.completedOn = dl.adding(days: next() % 60 - 30) }
      for k in 0..<(next() % 3) {
        let decided: Day? = next() % 4 == 0 ? nil : dl.adding(days: next() % 40 - 20)
        t.extensions.append(DeadlineExtension(
          to: next() % 9 == 0 ? Deadline(text: "thường xuyên", kind: .routine, date: nil) : .on(dl.adding(days: 10 + k * 7 + next() % 50)),
          decision: pick(ExtensionDecision.allCases), decidedOn: decided))
      }
      out.append(t)
    }
    return out
  }

  static let days = ["2023-03-01", "2023-07-31", "2023-08-01", "2023-12-31", "2024-06-15", "2025-01-01"].map(Sample.day)

  func store(_ dir: URL, _ tasks: [FollowUpTask]) throws -> SQLiteStore {
    let s = try SQLiteStore(path: dir.appendingPathComponent("j.db").path, user: "test")
    _ = try s.importDocument(InterchangeDocument(agencies: Sample.doc.agencies, people: Sample.doc.people, tasks: tasks))
    return s
  }

  @Test(arguments: [TimelinessBasis.effective, .original])
  func workloadByLeadMatchesTheSwiftRules(_ basis: TimelinessBasis) throws {
    try withTempDir { dir in
      let tasks = Self.randomTasks(600, seed: 7)
      let s = try store(dir, tasks)
      defer { try? s.close() }
      let stored = try s.loadTasks(projection: .full)
      let catalog = try s.loadCatalog()
      for asOf in Self.days {
        for rollup in [false, true] {
          let options = WorkloadOptions(asOf: asOf, rollup: rollup, rules: TimelinessRules(basis: basis, dueSoonDays: 10))
          let sql = try s.leadWorkload(catalog: catalog, options: options)
          let swift = WorkloadReport.compute(tasks: stored, catalog: catalog, options: options)
          #expect(sql.totals == swift.totals, "\(asOf) \(basis) rollup \(rollup)")
          #expect(sql.rows.map(\.agency) == swift.rows.map(\.agency))
          #expect(sql.rows.map(\.counts) == swift.rows.map(\.counts), "\(asOf) \(basis)")
        }
      }
    }
  }

  @Test(arguments: [TimelinessBasis.effective, .original])
  func filtersCountedInSQLMatchTheSwiftFilter(_ basis: TimelinessBasis) throws {
    try withTempDir { dir in
      let tasks = Self.randomTasks(600, seed: 11)
      let s = try store(dir, tasks)
      defer { try? s.close() }
      let stored = try s.loadTasks(projection: .full)
      let catalog = try s.loadCatalog()
      let filters = [
        "status:overdue", "status:due_soon", "status:in_time", "status:open", "status:done", "status:on_time",
        "status:late", "status:no_deadline", "status:routine", "status:extended", "status:pending",
        "status:overdue,due_soon", "-status:done", "due<1/1/2024", "due>=1/6/2023", "due:none", "due:week",
        "done<1/1/2024", "agency:LHH status:open", "with:SNV", "owner:P01 -status:withdrawn",
        "tri thuc", "-hoi dac thu", "nguyen binh khiem status:open", "id:5-50 status:late",
      ]
      for asOf in Self.days {
        let ctx = FilterContext(catalog: catalog, asOf: asOf, rules: TimelinessRules(basis: basis, dueSoonDays: 10))
        for text in filters {
          let f = try TaskFilter.parse(text, context: ctx)
          let expected = stored.filter { t in f.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: catalog) } }
          #expect(try s.count(f, context: ctx) == expected.count, "\(text) @ \(asOf) \(basis)")
          #expect(try s.select(f, context: ctx).map(\.id) == expected.map(\.id), "\(text) @ \(asOf) \(basis)")
        }
      }
    }
  }
}
