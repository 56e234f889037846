import FollowUpCore
import FollowUpStore
import Foundation
import Testing

/// The store answers searches through its full-text index, pages of the list in SQL and
/// large imports in bulk; these tests pin each to the Swift rules (`TaskFilter.matches`,
/// `TaskOrder.key`) so the fast paths can never give other answers.
@Suite struct StoreIndexTests {
  func store(_ dir: URL, _ tasks: [FollowUpTask], name: String = "i.db") throws -> SQLiteStore {
    let s = try SQLiteStore(path: dir.appendingPathComponent(name).path, user: "test")
    _ = try s.importDocument(InterchangeDocument(agencies: Sample.doc.agencies, people: Sample.doc.people, tasks: tasks))
    return s
  }

  /// The ids the Swift rules select for a filter text, in id order.
  func expected(_ stored: [FollowUpTask], _ filter: TaskFilter, _ ctx: FilterContext) -> [Int] {
    stored.filter { t in filter.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: ctx.catalog) } }.map(\.id)
  }

  static let searches = [
    "nguyen binh khiem", "tri thuc", "hoi dac thu status:open", "-chuyen doi so", "nhiem vu 12", "so",
  ]
  /// Searches as typed: the last word may be unfinished.
  static let typed = ["n", "ng", "nguyen b", "nguyen binh kh", "chuyen d", "tri", "nhiem vu 1", "xyz"]

  @Test func searchesThroughTheIndexMatchTheSwiftFilter() throws {
    try withTempDir { dir in
      let s = try store(dir, SQLJudgementTests.randomTasks(800, seed: 3))
      defer { try? s.close() }
      let stored = try s.loadTasks(projection: .listing)
      let ctx = FilterContext(catalog: try s.loadCatalog(), asOf: Sample.day("2023-09-30"))
      for text in Self.searches {
        let f = try TaskFilter.parse(text, context: ctx)
        #expect(try s.select(f, context: ctx).map(\.id) == expected(stored, f, ctx), "\(text)")
        #expect(try s.count(f, context: ctx) == expected(stored, f, ctx).count, "\(text)")
      }
      for text in Self.typed {
        let f = try TaskFilter.parse(text, context: ctx, incremental: true)
        #expect(try s.select(f, context: ctx).map(\.id) == expected(stored, f, ctx), "typed '\(text)'")
      }
    }
  }

  @Test(arguments: [TimelinessBasis.effective, .original])
  func windowsFollowTheSwiftOrder(_ basis: TimelinessBasis) throws {
    try withTempDir { dir in
      let s = try store(dir, SQLJudgementTests.randomTasks(500, seed: 5))
      defer { try? s.close() }
      let stored = try s.loadTasks(projection: .listing)
      let catalog = try s.loadCatalog()
      for asOf in SQLJudgementTests.days.prefix(2) {
        let rules = TimelinessRules(basis: basis, dueSoonDays: 10)
        let ctx = FilterContext(catalog: catalog, asOf: asOf, rules: rules)
        let ranks = TaskOrder.agencyRanks(catalog)
        for text in ["", "status:open", "agency:LHH", "tri thuc", "-status:done due<1/1/2024", "tag:x"] {
          let f = try TaskFilter.parse(text, context: ctx)
          let matching = Set(expected(stored, f, ctx))
          for order in TaskOrder.allCases {
            let sorted = stored.filter { matching.contains($0.id) }.map { t in
              (order.key(t, timeliness: rules.evaluate(t, asOf: asOf), asOf: asOf, basis: basis, agencyRank: ranks), t.id)
            }.sorted { $0.0 < $1.0 }.map(\.1)
            var paged: [Int] = []
            var offset = 0
            while true {
              let w = try s.window(WindowRequest(filter: f, order: order, offset: offset, limit: 37), context: ctx)
              #expect(w.total == sorted.count && w.offset == min(offset, sorted.count), "'\(text)' \(order) @ \(asOf)")
              if w.rows.isEmpty { break }
              paged += w.rows.map(\.id)
              offset += 37
            }
            #expect(paged == sorted, "'\(text)' by \(order) @ \(asOf) \(basis)")
            // A window around a task holds it, placed where the order puts it.
            for id in sorted.enumerated().filter({ $0.offset % 97 == 5 }).map(\.element) {
              let w = try s.window(WindowRequest(filter: f, order: order, around: id, offset: 0, limit: 10), context: ctx)
              let at = sorted.firstIndex(of: id) ?? -1
              #expect(w.rows.map(\.id) == Array(sorted[w.offset..<min(sorted.count, w.offset + 10)]), "around #\(id)")
              #expect(w.rows.contains { $0.id == id } && (at < 10 || w.offset == max(0, min(at - 5, sorted.count - 10))))
            }
          }
        }
      }
    }
  }

  /// A large import goes in bulk (indexes and the search index built after the rows); the
  /// file then searches, edits, deletes and undoes exactly as one filled task by task.
  @Test func bulkImportSearchesAndEditsLikeAnyOther() throws {
    try withTempDir { dir in
      let tasks = SQLJudgementTests.randomTasks(6_000, seed: 9)
      let bulk = try store(dir, tasks, name: "bulk.db")
      defer { try? bulk.close() }
      // A day after every task was assigned, so each one is in the lists.
      let ctx = FilterContext(catalog: try bulk.loadCatalog(), asOf: Sample.day("2030-01-01"))
      func ids(_ s: SQLiteStore, _ text: String) throws -> [Int] {
        try s.select(try TaskFilter.parse(text, context: ctx, incremental: true), context: ctx).map(\.id)
      }
      let stored = try bulk.loadTasks(projection: .listing)
      #expect(stored.count == 6_000)
      for text in Self.searches + Self.typed {
        let f = try TaskFilter.parse(text, context: ctx, incremental: true)
        #expect(try ids(bulk, text) == expected(stored, f, ctx), "\(text)")
      }
      // Edits reach the search index, as does a delete.
      var patch = TaskPatch(defaultCompletion: Sample.day("2023-09-30"))
      patch.content = "Giải thưởng Hồ Xuân Hương"
      try bulk.apply(.patch(patch), to: [17])
      #expect(try ids(bulk, "ho xuan huong") == [17])
      #expect(try ids(bulk, "ho xuan h") == [17])
      #expect(try !ids(bulk, "nhiem vu 16").contains(17))
      try bulk.delete(ids: [17])
      #expect(try ids(bulk, "ho xuan huong").isEmpty)
      // A second bulk import into a file that already holds tasks adds to the index.
      _ = try bulk.importDocument(InterchangeDocument(tasks: tasks), renumber: true)
      let before = try ids(bulk, "tri thuc").count
      #expect(before == 2 * expected(stored, try TaskFilter.parse("tri thuc", context: ctx), ctx).count - (stored[16].content.contains("trí thức") ? 1 : 0))
      // Undoing the import takes its tasks out of the search again.
      _ = try bulk.undo()
      #expect(try ids(bulk, "tri thuc").count == expected(stored, try TaskFilter.parse("tri thuc", context: ctx), ctx).count - (stored[16].content.contains("trí thức") ? 1 : 0))
      // A refused bulk import leaves nothing: no rows, and the search unchanged.
      var broken = tasks
      broken[5_999].content = " "
      #expect(throws: UserError.self) { try bulk.importDocument(InterchangeDocument(tasks: broken), renumber: true) }
      #expect(try bulk.loadTasks(projection: .timing).count == 5_999)
      #expect(try ids(bulk, "nguyen binh khiem") == expected(stored, try TaskFilter.parse("nguyen binh khiem", context: ctx), ctx).filter { $0 != 17 })
    }
  }
}
