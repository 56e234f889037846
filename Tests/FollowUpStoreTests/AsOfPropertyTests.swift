import FollowUpCore
import FollowUpStore
import Foundation
import Testing

/// Random tasks with every dated event × random filters (negations and combinations) ×
/// random as-of days × both bases: the SQL path (`Store.count`, `Store.select`) must
/// select exactly the tasks the Swift rules (`TaskFilter.matches`) select. The seed is
/// printed; set FOLLOWUP_PROPERTY_SEED to replay one. A failure is shrunk to the smallest
/// filter that still disagrees and names the tasks it disagrees on.
@Suite struct AsOfPropertyTests {
  /// A small linear congruential generator: the same seed gives the same cases everywhere.
  struct Rng {
    var state: UInt64
    mutating func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    mutating func below(_ n: Int) -> Int { next() % max(n, 1) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
  }

  static let leads = ["BTGTU", "DD_LHH", "LHH", "SNV", "STP", "STC", "SKHCN", "UBND", "TTTU"]
  static let base = Sample.day("2023-01-01")

  /// Tasks covering every status, deadline kind, extension decision and dated event, with
  /// empty fields (no owner, no tracker, no meeting, no deadline) on purpose.
  static func randomTasks(_ n: Int, _ rng: inout Rng) -> [FollowUpTask] {
    var out: [FollowUpTask] = []
    for i in 0..<n {
      let day = base.adding(days: rng.below(500))
      var t = FollowUpTask(
        id: i + 1,
        meeting: rng.chance(30) ? "M2023-0526" : nil,
        content: "Nhiệm vụ \(i) về \(rng.pick(["trí thức", "hội đặc thù", "chuyển đổi số", "Nguyễn Bỉnh Khiêm"]))",
        lead: rng.pick(leads), coordinating: rng.chance(40) ? [rng.pick(leads)] : [],
        owner: rng.pick(["P01", "P06", nil]), tracker: rng.pick(["P01", "P02", nil]),
        priority: rng.chance(20), tags: rng.chance(20) ? ["khẩn"] : [],
        status: rng.pick(WorkflowStatus.allCases), assignedOn: rng.chance(15) ? nil : day)
      t.coordinating.removeAll { $0 == t.lead }
      let dl = day.adding(days: rng.below(220) - 20)
      switch rng.below(8) {
      case 0: t.deadline = .none
      case 1: t.deadline = Deadline(text: "thường xuyên", kind: .routine, date: nil)
      case 2: t.deadline = Deadline(text: "tháng", kind: .month, date: dl)
      default: t.deadline = .on(dl)
      }
      let start = t.assignedOn ?? day
      if rng.chance(25) {
        t.reportedOn = start.adding(days: rng.below(200))
        if t.status == .notStarted || t.status == .inProgress { t.status = .reported }
      } else if t.status == .reported && rng.chance(50) {
        t.reportedOn = nil
      }
      if t.status == .done { t.completedOn = (t.reportedOn ?? dl).adding(days: rng.below(60) - (t.reportedOn == nil ? 30 : 0)) }
      if t.status == .withdrawn {
        t.withdrawal = Withdrawal(
          on: rng.chance(80) ? start.adding(days: rng.below(300)) : nil, reason: "Không còn phù hợp",
          mergedInto: rng.chance(30) ? rng.below(n) + 1 : nil)
      }
      // A chain of reassignments ending at the current lead.
      let moves = rng.chance(25) ? 1 + rng.below(2) : 0
      var chain: [String] = []
      for _ in 0..<moves { chain.append(rng.pick(leads)) }
      chain.append(t.lead)
      var on = start
      for k in 0..<moves {
        on = on.adding(days: 1 + rng.below(150))
        t.reassignments.append(Reassignment(from: chain[k], to: chain[k + 1], on: on))
      }
      for k in 0..<rng.below(3) {
        let asked: Day? = rng.chance(20) ? nil : dl.adding(days: rng.below(40) - 30)
        let decided: Day? = rng.chance(15) ? nil : (asked ?? dl).adding(days: rng.below(30))
        let to: Deadline = rng.chance(10)
          ? Deadline(text: "thường xuyên", kind: .routine, date: nil) : .on(dl.adding(days: 10 + k * 7 + rng.below(50)))
        let decision = rng.pick(ExtensionDecision.allCases)
        t.extensions.append(DeadlineExtension(
          requestedOn: asked, from: .on(dl), to: to, decision: decision, decidedOn: decided,
          granted: decision == .partial ? .on(dl.adding(days: 5 + rng.below(20))) : nil))
      }
      for _ in 0..<rng.below(3) {
        t.reminders.append(Reminder(on: start.adding(days: rng.below(300)), channel: rng.pick(ReminderChannel.allCases)))
      }
      out.append(t)
    }
    return out
  }

  /// A random filter term, `depth` levels of nesting at most.
  static func randomTerm(_ rng: inout Rng, depth: Int) -> FilterTerm {
    let day = base.adding(days: rng.below(700))
    let cmp = rng.pick([Comparison.less, .lessOrEqual, .greater, .greaterOrEqual, .equal])
    let leaves = 17
    let choice = depth > 0 ? rng.below(leaves + 3) : rng.below(leaves)
    switch choice {
    case 0: return .lead(Set((0...rng.below(2)).map { _ in rng.pick(leads) }))
    case 1: return .coordinating([rng.pick(leads)])
    case 2:
      let all: [StatusSelector] = [
        .workflow(.notStarted), .workflow(.inProgress), .workflow(.reported), .workflow(.done),
        .workflow(.withdrawn), .open, .overdue, .dueSoon, .inTime, .onTime, .late, .noDeadline, .routine,
        .extended, .pendingExtension,
      ]
      return .status(Set((0...rng.below(2)).map { _ in rng.pick(all) }))
    case 3: return .owner([rng.pick(["P01", "P06"])])
    case 4: return .tracker([rng.pick(["P01", "P02"])])
    case 5: return .involves([rng.pick(["P01", "P02", "P06"])])
    case 6: return .meeting(["M2023-0526"])
    case 7: return .tag(["khan"])
    case 8: return .ids(Set((0..<(1 + rng.below(20))).map { _ in 1 + rng.below(300) }))
    case 9: return .priority(rng.chance(50))
    case 10, 11: return .due(cmp, day)
    case 12: return .noDeadlineDate
    case 13: return .completed(cmp, day)
    case 14: return .text(rng.pick([["tri", "thuc"], ["hoi"], ["so", "noi", "vu"], ["lien", "hiep", "hoi"]]), lastIsPrefix: false)
    case 15: return .nothing
    case 16: return .not(randomTerm(&rng, depth: max(depth - 1, 0)))
    case 17, 18: return .not(randomTerm(&rng, depth: depth - 1))
    default:
      let parts = (0..<(2 + rng.below(2))).map { _ in randomTerm(&rng, depth: depth - 1) }
      return rng.chance(50) ? .all(parts) : .any(parts)
    }
  }

  /// Smaller filters that might still disagree: each term dropped, each negation or group
  /// replaced by what it holds.
  static func shrinks(_ terms: [FilterTerm]) -> [[FilterTerm]] {
    var out: [[FilterTerm]] = []
    if terms.count > 1 {
      for i in terms.indices { out.append(Array(terms[..<i] + terms[(i + 1)...])) }
    }
    for (i, t) in terms.enumerated() {
      var inner: [FilterTerm] = []
      switch t {
      case .not(let x): inner = [x] + shrinks([x]).compactMap { $0.count == 1 ? FilterTerm.not($0[0]) : nil }
      case .all(let xs), .any(let xs):
        inner = xs
        if xs.count > 2 {
          for k in xs.indices {
            let rest = Array(xs[..<k] + xs[(k + 1)...])
            if case .all = t { inner.append(.all(rest)) } else { inner.append(.any(rest)) }
          }
        }
      default: break
      }
      for x in inner {
        var copy = terms
        copy[i] = x
        out.append(copy)
      }
    }
    return out
  }

  struct Case {
    var terms: [FilterTerm]
    var asOf: Day
    var basis: TimelinessBasis
  }

  /// The task ids where SQL and Swift disagree for a case (empty when they agree).
  static func disagreement(_ c: Case, store: SQLiteStore, tasks: [FollowUpTask], catalog: Catalog) throws -> (count: Int, swift: Int, ids: [Int]) {
    let ctx = FilterContext(catalog: catalog, asOf: c.asOf, rules: TimelinessRules(basis: c.basis, dueSoonDays: 10))
    let f = TaskFilter(terms: c.terms, source: "")
    let expected = tasks.filter { t in f.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: catalog) } }.map(\.id)
    let selected = try store.select(f, context: ctx, projection: .timing).map(\.id)
    let counted = try store.count(f, context: ctx)
    let diff = Set(expected).symmetricDifference(selected).sorted()
    return (counted, expected.count, counted != expected.count && diff.isEmpty ? [-1] : diff)
  }

  static var seed: UInt64 {
    if let s = ProcessInfo.processInfo.environment["FOLLOWUP_PROPERTY_SEED"], let v = UInt64(s) { return v }
    return UInt64.random(in: 1...UInt64(Int32.max))
  }

  @Test func sqlSelectsExactlyWhatTheSwiftRulesSelect() throws {
    let seed = Self.seed
    print("AsOfPropertyTests seed \(seed) (replay with FOLLOWUP_PROPERTY_SEED=\(seed))")
    var rng = Rng(state: seed)
    let generated = Self.randomTasks(300, &rng)
    try withTempDir { dir in
      let s = try SQLiteStore(path: dir.appendingPathComponent("p.db").path, user: "test")
      defer { try? s.close() }
      let sample = try Sample.doc
      _ = try s.importDocument(InterchangeDocument(agencies: sample.agencies, people: sample.people, meetings: sample.meetings, tasks: generated))
      let tasks = try s.loadTasks(projection: .full)
      // The store keeps every event as given (it numbers the versions and dates a task
      // from its meeting when it has no day of its own).
      for (kept, given) in zip(tasks, generated) {
        var k = kept
        k.version = given.version
        if given.assignedOn == nil, given.meeting != nil { k.assignedOn = nil }
        #expect(k == given)
        if k != given { break }
      }
      let catalog = try s.loadCatalog()
      var checked = 0
      for _ in 0..<2000 {
        let terms = (0..<(1 + rng.below(3))).map { _ in Self.randomTerm(&rng, depth: 2) }
        var c = Case(
          terms: terms, asOf: Self.base.adding(days: rng.below(800) - 30),
          basis: rng.chance(50) ? .effective : .original)
        var found = try Self.disagreement(c, store: s, tasks: tasks, catalog: catalog)
        checked += 1
        // A negated term is exactly the complement of its term among the tasks that exist.
        let ctx = FilterContext(catalog: catalog, asOf: c.asOf, rules: TimelinessRules(basis: c.basis))
        let term = c.terms[0]
        let yes = try s.count(TaskFilter(terms: [term], source: ""), context: ctx)
        let no = try s.count(TaskFilter(terms: [.not(term)], source: ""), context: ctx)
        let all = try s.count(.all, context: ctx)
        if yes + no != all {
          Issue.record("seed \(seed): \(term) matches \(yes), its negation \(no), of \(all) tasks as of \(c.asOf.formatted)")
          return
        }
        guard !found.ids.isEmpty else { continue }
        // Shrink: keep taking the first smaller filter that still disagrees.
        var shrinking = true
        while shrinking {
          shrinking = false
          for smaller in Self.shrinks(c.terms) {
            let candidate = Case(terms: smaller, asOf: c.asOf, basis: c.basis)
            let d = try Self.disagreement(candidate, store: s, tasks: tasks, catalog: catalog)
            if !d.ids.isEmpty {
              c = candidate
              found = d
              shrinking = true
              break
            }
          }
        }
        let shown = found.ids.prefix(3).compactMap { id in tasks.first { $0.id == id } }
        Issue.record(
          """
          seed \(seed): SQL and Swift disagree as of \(c.asOf.formatted), basis \(c.basis.rawValue), on \(c.terms): \
          count \(found.count) vs \(found.swift), tasks \(found.ids.prefix(10)); first: \(shown)
          """)
        return
      }
      #expect(checked == 2000)
    }
  }

  /// The as-of sums hold on random data: for every day, done + open + withdrawn = every task
  /// assigned by then, and the workload's total (3) plus its footnote is the same number.
  @Test func statusesPartitionTheTasksAssignedByEachDay() throws {
    var rng = Rng(state: 2024)
    let generated = Self.randomTasks(200, &rng)
    try withTempDir { dir in
      let s = try SQLiteStore(path: dir.appendingPathComponent("q.db").path, user: "test")
      defer { try? s.close() }
      let sample = try Sample.doc
      _ = try s.importDocument(InterchangeDocument(agencies: sample.agencies, people: sample.people, meetings: sample.meetings, tasks: generated))
      let catalog = try s.loadCatalog()
      for step in stride(from: -10, through: 760, by: 11) {
        let asOf = Self.base.adding(days: step)
        let ctx = FilterContext(catalog: catalog, asOf: asOf)
        func count(_ terms: [FilterTerm]) throws -> Int { try s.count(TaskFilter(terms: terms, source: ""), context: ctx) }
        let all = try count([])
        let assigned = generated.filter { catalog.exists($0, asOf: asOf) }.count
        let done = try count([.status([.workflow(.done)])])
        let open = try count([.status([.open])])
        let withdrawn = try count([.status([.workflow(.withdrawn)])])
        #expect(all == assigned, "\(asOf.formatted)")
        #expect(done + open + withdrawn == all, "\(asOf.formatted): \(done) + \(open) + \(withdrawn) ≠ \(all)")
        let report = try s.leadWorkload(catalog: catalog, options: WorkloadOptions(asOf: asOf))
        #expect(report.totals.total + report.totals.excluded == all, "\(asOf.formatted)")
        #expect(report.totals.total == all - withdrawn, "\(asOf.formatted)")
      }
    }
  }
}
