import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import Testing

/// The interface reads pages, counts and reports from the store; these tests pin each read
/// to the Swift rules (`MemorySource`) on random tasks, days, filters, orders and both bases.
@Suite struct InterfaceReadsTests {
  static let filters = [
    "", "status:open", "status:overdue", "status:due_soon", "-status:done", "agency:LHH", "owner:P01",
    "nguyen binh", "chuyen doi so", "due<31/12/2023", "status:open agency:SNV,STP",
  ]

  func store(_ dir: URL, _ tasks: [FollowUpTask]) throws -> SQLiteStore {
    let s = try SQLiteStore(path: dir.appendingPathComponent("w.db").path, user: "test")
    _ = try s.importDocument(InterchangeDocument(
      agencies: Sample.doc.agencies, people: Sample.doc.people, meetings: Sample.doc.meetings, tasks: tasks))
    return s
  }

  /// Every page of a list, read in steps of `limit`.
  func pages(_ s: SQLiteStore, _ query: ListQuery, _ ctx: FilterContext, limit: Int) throws -> [Int] {
    var ids: [Int] = []
    var offset = 0
    while true {
      let w = try s.window(WindowRequest(filter: query.filter, order: query.order, offset: offset, limit: limit), context: ctx)
      ids += w.rows.map(\.id)
      offset += limit
      if w.rows.isEmpty || offset >= w.total { return ids }
    }
  }

  @Test(arguments: [TimelinessBasis.effective, .original])
  func pagesAndCountsAreTheRules(_ basis: TimelinessBasis) throws {
    try withTempDir { dir in
      var tasks = SQLJudgementTests.randomTasks(400, seed: 23)
      for i in tasks.indices where i % 3 == 0 { tasks[i].meeting = Sample.doc.meetings.first?.ref }
      let s = try store(dir, tasks)
      defer { try? s.close() }
      let memory = MemorySource(try s.loadTasks(projection: .listing))
      let catalog = try s.loadCatalog()
      for asOf in SQLJudgementTests.days {
        let ctx = FilterContext(catalog: catalog, asOf: asOf, rules: TimelinessRules(basis: basis, dueSoonDays: 10))
        for words in Self.filters {
          let filter = try TaskFilter.parse(words, context: ctx)
          for order in [TaskOrder.status, .deadline, .agency, .id] {
            let query = ListQuery(filter: filter, order: order)
            let rules = try memory.page(query, around: nil, offset: 0, limit: .max, context: ctx)
            let paged = try pages(s, query, ctx, limit: 17)
            #expect(paged == rules.rows.map(\.task.id), "'\(words)' by \(order) as of \(asOf.iso)")
          }
          let counted = try s.tally(filter, context: ctx, by: .whole)[""]
          #expect(counted == (try memory.tally(filter, context: ctx)), "counts of '\(words)' as of \(asOf.iso)")
        }
        #expect(try s.tally(.all, context: ctx, by: .meeting) == (try memory.tallyByMeeting(context: ctx)))
      }
    }
  }

  @Test func aPageAroundATaskHoldsItWhereverItSorts() throws {
    try withTempDir { dir in
      let s = try store(dir, SQLJudgementTests.randomTasks(300, seed: 5))
      defer { try? s.close() }
      let catalog = try s.loadCatalog()
      let ctx = FilterContext(catalog: catalog, asOf: Sample.day("2023-12-31"))
      let memory = MemorySource(try s.loadTasks(projection: .listing))
      let all = try memory.page(ListQuery(filter: .all, order: .status), around: nil, offset: 0, limit: .max, context: ctx)
      for (position, row) in all.rows.enumerated() where position % 7 == 0 {
        let w = try s.window(WindowRequest(order: .status, around: row.task.id, offset: 0, limit: 30), context: ctx)
        let at = try #require(w.rows.firstIndex { $0.id == row.task.id }, "#\(row.task.id) not in its page")
        #expect(w.offset + at == position, "#\(row.task.id) shown at \(w.offset + at), listed at \(position)")
        #expect(w.rows.count == min(30, all.total))
      }
    }
  }
}
