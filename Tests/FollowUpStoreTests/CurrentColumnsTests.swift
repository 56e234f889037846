import FollowUpCore
import FollowUpStore
import Foundation
import Testing

/// Reads of a day on or after the file's horizon go through the current columns and their
/// indexes (counts, lists, windows, the agencies report); these tests pin them to the Swift
/// rules and to the store judging every row, on random tasks with every dated event, random
/// filters, every order, both bases, after imports (one by one and in bulk) and after
/// random edits. The seed is printed; set FOLLOWUP_PROPERTY_SEED to replay one.
@Suite struct CurrentColumnsTests {
  typealias Rng = AsOfPropertyTests.Rng

  /// The latest dated event of the tasks, worked out in Swift: what the store's horizon
  /// must be after importing them.
  static func latestEvent(_ tasks: [FollowUpTask], _ catalog: Catalog) -> Day? {
    var days: [Day] = []
    for t in tasks {
      days += [t.completedOn, t.reportedOn, t.withdrawal?.on, t.assignedOn ?? t.meeting.flatMap { catalog.meetings[$0]?.date }]
        .compactMap { $0 }
      days += t.extensions.compactMap(\.decidedOn) + t.reassignments.map(\.on)
    }
    return days.max()
  }

  static let selectors: [StatusSelector] = [
    .workflow(.notStarted), .workflow(.inProgress), .workflow(.reported), .workflow(.done), .workflow(.withdrawn),
    .open, .overdue, .dueSoon, .inTime, .onTime, .late, .noDeadline, .routine, .extended, .pendingExtension,
  ]

  /// The ids the Swift rules select, in id order.
  static func expected(_ tasks: [FollowUpTask], _ f: TaskFilter, _ ctx: FilterContext) -> [Int] {
    tasks.filter { t in f.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: ctx.catalog) } }.map(\.id)
  }

  /// Every read of `store` on `day` agrees with the Swift rules over `tasks`: each status
  /// word, `filters` random filters, windows in every order for the list's common filters
  /// (paged and around a task), and the agencies report.
  static func checkReads(
    _ store: SQLiteStore, _ tasks: [FollowUpTask], _ catalog: Catalog, day: Day, basis: TimelinessBasis,
    rng: inout Rng, filters: Int, windows: Bool = true, label: String
  ) throws {
    let rules = TimelinessRules(basis: basis, dueSoonDays: 10)
    let ctx = FilterContext(catalog: catalog, asOf: day, rules: rules)
    var cases = selectors.map { [FilterTerm.status([$0])] }
    cases += [[.status([.overdue, .dueSoon])], [.not(.status([.workflow(.done)]))], [.status([.open]), .lead(["LHH"])]]
    for _ in 0..<filters { cases.append((0..<(1 + rng.below(3))).map { _ in AsOfPropertyTests.randomTerm(&rng, depth: 2) }) }
    for terms in cases {
      let f = TaskFilter(terms: terms, source: "")
      let want = expected(tasks, f, ctx)
      let count = try store.count(f, context: ctx)
      let selected = try store.select(f, context: ctx, projection: .timing).map(\.id)
      if count != want.count || selected != want {
        Issue.record("\(label) \(day.iso) \(basis): \(terms) counts \(count), selects \(selected.count), Swift \(want.count)")
        return
      }
    }
    // The tallies (the list's header, the meetings view) against the Swift judgement of
    // the same tasks; the largest days overdue is the report's, not the tally's.
    for terms in cases.prefix(selectors.count + 6) {
      let f = TaskFilter(terms: terms, source: "")
      for grouping in [TallyGrouping.whole, .meeting] {
        func plain(_ t: [String: WorkloadCounts]) -> [String: WorkloadCounts] {
          t.mapValues { var c = $0; c.maxDaysOverdue = 0; return c }
        }
        let sql = plain(try store.tally(f, context: ctx, by: grouping))
        let swift = plain(try store.tallyBySelecting(f, context: ctx, by: grouping))
        #expect(sql == swift, "\(label) tally \(grouping) \(terms) @ \(day.iso) \(basis)")
      }
    }
    // The list's windows: the common filters in every order, as the interface pages them.
    let ranks = TaskOrder.agencyRanks(catalog)
    let windowFilters: [[FilterTerm]] = [
      [], [.status([.open])], [.status([.overdue])], [.status([.dueSoon])], [.lead(["LHH", "SNV"])], [.owner(["P01"])],
      [.meeting(["M2023-0526"])], [.text(["nhiem", "vu"], lastIsPrefix: true)], [.status([.workflow(.done)])],
    ]
    for terms in windows ? windowFilters : [] {
      let f = TaskFilter(terms: terms, source: "")
      let matching = Set(expected(tasks, f, ctx))
      for order in TaskOrder.allCases {
        let sorted = tasks.filter { matching.contains($0.id) }.map { t in
          (order.key(t, timeliness: rules.evaluate(t, asOf: day), asOf: day, basis: basis, agencyRank: ranks), t.id)
        }.sorted { $0.0 < $1.0 }.map(\.1)
        let limit = 23 + rng.below(40)
        var paged: [Int] = []
        var offset = 0
        while offset <= sorted.count {
          let w = try store.window(WindowRequest(filter: f, order: order, offset: offset, limit: limit), context: ctx)
          #expect(w.total == sorted.count, "\(label) \(terms) by \(order) @ \(day.iso) \(basis)")
          paged += w.rows.map(\.id)
          offset += limit
        }
        #expect(paged == sorted, "\(label) \(terms) by \(order) @ \(day.iso) \(basis)")
        if let id = sorted.isEmpty ? nil : sorted[rng.below(sorted.count)] {
          let w = try store.window(WindowRequest(filter: f, order: order, around: id, offset: 0, limit: 10), context: ctx)
          let at = sorted.firstIndex(of: id) ?? -1
          #expect(w.rows.map(\.id) == Array(sorted[w.offset..<min(sorted.count, w.offset + 10)]), "\(label) around #\(id) by \(order)")
          #expect(w.rows.contains { $0.id == id } && (at < 10 || w.offset == max(0, min(at - 5, sorted.count - 10))))
        }
      }
    }
    for rollup in [false, true] {
      let options = WorkloadOptions(asOf: day, rollup: rollup, rules: rules)
      let sql = try store.leadWorkload(catalog: catalog, options: options)
      let swift = WorkloadReport.compute(tasks: tasks, catalog: catalog, options: options)
      #expect(sql.totals == swift.totals, "\(label) workload @ \(day.iso) \(basis) rollup \(rollup)")
      #expect(sql.rows.map(\.agency) == swift.rows.map(\.agency))
      #expect(sql.rows.map(\.counts) == swift.rows.map(\.counts), "\(label) workload rows @ \(day.iso) \(basis)")
    }
  }

  /// The days to check around a horizon: on it, just after, at the due-soon edge, far
  /// after, and just before (where the reads judge every row).
  static func days(around horizon: Day, _ rng: inout Rng) -> [Day] {
    [horizon, horizon.adding(days: 1), horizon.adding(days: 10), horizon.adding(days: 11 + rng.below(400)), horizon.adding(days: -1)]
  }

  static func open(_ dir: URL, _ tasks: [FollowUpTask]) throws -> SQLiteStore {
    let s = try SQLiteStore(path: dir.appendingPathComponent("c.db").path, user: "test")
    let sample = try Sample.doc
    _ = try s.importDocument(InterchangeDocument(agencies: sample.agencies, people: sample.people, meetings: sample.meetings, tasks: tasks))
    return s
  }

  @Test func readsOfThePresentMatchTheSwiftRules() throws {
    let seed = AsOfPropertyTests.seed
    print("CurrentColumnsTests seed \(seed) (replay with FOLLOWUP_PROPERTY_SEED=\(seed))")
    var rng = Rng(state: seed)
    let generated = AsOfPropertyTests.randomTasks(250, &rng)
    try withTempDir { dir in
      let s = try Self.open(dir, generated)
      defer { try? s.close() }
      let tasks = try s.loadTasks(projection: .full)
      let catalog = try s.loadCatalog()
      let horizon = try #require(Self.latestEvent(tasks, catalog))
      #expect(try s.horizon() == horizon)
      for day in Self.days(around: horizon, &rng) {
        for basis in [TimelinessBasis.effective, .original] {
          try Self.checkReads(s, tasks, catalog, day: day, basis: basis, rng: &rng, filters: 60, label: "seed \(seed)")
        }
      }
    }
  }

  /// Edits, deletes and undos keep the columns, the tally and the horizon current: after
  /// each batch of random changes the fast reads agree with the store judging every row
  /// and with the Swift rules.
  @Test func writesKeepTheColumnsCurrent() throws {
    let seed = AsOfPropertyTests.seed
    print("CurrentColumnsTests writes seed \(seed) (replay with FOLLOWUP_PROPERTY_SEED=\(seed))")
    var rng = Rng(state: seed)
    let generated = AsOfPropertyTests.randomTasks(150, &rng)
    try withTempDir { dir in
      let s = try Self.open(dir, generated)
      defer { try? s.close() }
      let reference = try SQLiteStore(path: dir.appendingPathComponent("c.db").path, user: "test", judgesEveryRow: true)
      defer { try? reference.close() }
      let catalog = try s.loadCatalog()
      for round in 0..<4 {
        for _ in 0..<25 {
          let tasks = try s.loadTasks(projection: .full)
          let t = tasks[rng.below(tasks.count)]
          let day = AsOfPropertyTests.base.adding(days: 100 + rng.below(700))
          let edit: TaskEdit
          switch rng.below(7) {
          case 0: edit = .markDone(day)
          case 1: edit = .reopen
          case 2:
            let decision = rng.pick(ExtensionDecision.allCases)
            edit = .addExtension(DeadlineExtension(
              requestedOn: day.adding(days: -3), from: t.deadline, to: .on(day.adding(days: 20 + rng.below(60))),
              decision: decision, decidedOn: decision == .pending ? nil : day,
              granted: decision == .partial ? .on(day.adding(days: 10)) : nil))
          case 3: edit = .reassign(lead: rng.pick(AsOfPropertyTests.leads.filter { $0 != t.lead }), owner: nil, on: day)
          case 4: edit = .withdraw(reason: nil, on: day)
          case 5:
            var patch = TaskPatch(defaultCompletion: day)
            patch.deadline = rng.chance(20) ? .none : .on(day.adding(days: rng.below(90) - 45))
            edit = .patch(patch)
          default:
            try s.delete(ids: [t.id])
            continue
          }
          // An edit the rules refuse (reopening an open task, say) changes nothing.
          _ = try? s.apply(edit, to: [t.id])
        }
        if round == 2 {
          // An undo the file refuses changes nothing; the reads must agree either way.
          do { _ = try s.undo() } catch { print("CurrentColumnsTests: undo refused: \(error)") }
        }
        let tasks = try s.loadTasks(projection: .full)
        let horizon = try #require(try s.horizon())
        #expect(horizon >= Self.latestEvent(tasks, catalog) ?? horizon, "the horizon covers every event")
        for basis in [TimelinessBasis.effective, .original] {
          let ctx = FilterContext(catalog: catalog, asOf: horizon.adding(days: 2), rules: TimelinessRules(basis: basis, dueSoonDays: 10))
          for sel in Self.selectors {
            let f = TaskFilter(terms: [.status([sel])], source: "")
            #expect(try s.count(f, context: ctx) == reference.count(f, context: ctx), "round \(round) \(sel) \(basis)")
          }
          let options = WorkloadOptions(asOf: ctx.asOf, rules: ctx.rules)
          #expect(
            try s.leadWorkload(catalog: catalog, options: options).rows.map(\.counts)
              == reference.leadWorkload(catalog: catalog, options: options).rows.map(\.counts), "round \(round) \(basis)")
          try Self.checkReads(s, tasks, catalog, day: ctx.asOf, basis: basis, rng: &rng, filters: 10, label: "writes seed \(seed) round \(round)")
        }
      }
    }
  }

  /// A bulk import (triggers set aside, indexes built after the rows) fills the columns,
  /// the tally and the horizon as the triggers would.
  @Test func bulkImportFillsTheColumns() throws {
    var rng = Rng(state: 77)
    let generated = AsOfPropertyTests.randomTasks(5_000, &rng)
    try withTempDir { dir in
      let s = try Self.open(dir, generated)
      defer { try? s.close() }
      let tasks = try s.loadTasks(projection: .full)
      let catalog = try s.loadCatalog()
      let horizon = try #require(Self.latestEvent(tasks, catalog))
      #expect(try s.horizon() == horizon)
      try Self.checkReads(s, tasks, catalog, day: horizon.adding(days: 5), basis: .effective, rng: &rng, filters: 5, windows: false, label: "bulk")
      // A second bulk import adds to the tally rather than replacing it.
      _ = try s.importDocument(InterchangeDocument(tasks: generated), renumber: true)
      let all = try s.loadTasks(projection: .full)
      try Self.checkReads(s, all, catalog, day: horizon.adding(days: 5), basis: .original, rng: &rng, filters: 5, windows: false, label: "bulk twice")
    }
  }
}
