import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation

/// The interface's reads answered from tasks held in memory, by the Swift rules alone (the
/// filter's `matches`, `TaskOrder.key`, `TimelinessRules.evaluate`, `WorkloadReport.compute`):
/// what `Update` tests read through, and the oracle a store's answers are compared with.
public final class MemorySource: TaskSource, @unchecked Sendable {
  // Guarded by `lock`: tests change the tasks between actions, the interface reads them.
  private let lock = NSLock()
  private var tasks: [Int: FollowUpTask]
  /// How many reads were asked (tests check that moving within a page asks for none).
  public private(set) var reads = 0

  /// Holds these tasks.
  public init(_ tasks: [FollowUpTask]) {
    self.tasks = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
  }

  /// Takes in changed and deleted tasks, as a store would have committed them.
  public func apply(changed: [FollowUpTask], deleted: [Int]) {
    lock.withLock {
      for t in changed { tasks[t.id] = t }
      for id in deleted { tasks[id] = nil }
    }
  }

  func matching(_ filter: TaskFilter, _ context: FilterContext) -> [FollowUpTask] {
    lock.withLock {
      reads += 1
      return tasks.values.filter { t in
        filter.matches(t, context: context) { SearchText.tokens(for: t, catalog: context.catalog) }
      }
    }
  }

  /// A page, sorted by the order's keys.
  public func page(_ query: ListQuery, around: Int?, offset: Int, limit: Int, context: FilterContext) throws -> ListPage {
    let ranks = TaskOrder.agencyRanks(context.catalog)
    let sorted = matching(query.filter, context).map { t in
      (query.order.key(
        t, timeliness: context.rules.evaluate(t, asOf: context.asOf), asOf: context.asOf,
        basis: context.rules.basis, agencyRank: ranks), t)
    }.sorted { $0.0 < $1.0 }.map(\.1)
    let at = around.flatMap { id in sorted.firstIndex { $0.id == id } }
    let start = WindowRequest(around: around, offset: offset, limit: limit).offset(placing: at, total: sorted.count)
    let rows = sorted.dropFirst(start).prefix(max(0, limit)).map {
      ListRow(task: $0, timeliness: context.rules.evaluate($0, asOf: context.asOf))
    }
    return ListPage(rows: Array(rows), offset: start, total: sorted.count)
  }

  /// Counts of the matching tasks.
  public func tally(_ filter: TaskFilter, context: FilterContext) throws -> WorkloadCounts {
    var c = WorkloadCounts()
    for t in matching(filter, context) { c.add(context.rules.evaluate(t, asOf: context.asOf), extended: false) }
    c.maxDaysOverdue = 0
    return c
  }

  /// Counts by meeting.
  public func tallyByMeeting(context: FilterContext) throws -> [String: WorkloadCounts] {
    var out: [String: WorkloadCounts] = [:]
    for t in matching(.all, context) {
      guard let m = t.meeting else { continue }
      out[m, default: WorkloadCounts()].add(context.rules.evaluate(t, asOf: context.asOf), extended: false)
    }
    for key in out.keys { out[key]?.maxDaysOverdue = 0 }
    return out
  }

  /// How many tasks it holds.
  public func stored() throws -> Int { lock.withLock { tasks.count } }

  /// Tasks by id.
  public func rows(ids: [Int], context: FilterContext) throws -> [ListRow] {
    lock.withLock {
      reads += 1
      return ids.compactMap { tasks[$0] }.map { ListRow(task: $0, timeliness: context.rules.evaluate($0, asOf: context.asOf)) }
    }
  }

  /// The report from every task.
  public func workload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport {
    let all = lock.withLock { Array(tasks.values) }
    return WorkloadReport.compute(tasks: all, catalog: catalog, options: options)
  }
}

/// What a test reads of the interface's tasks, through the state's source like the
/// interface itself.
public struct SourceView {
  let state: AppState

  /// Tasks by id, as the source has them now.
  public var tasks: Lookup { Lookup(state: state) }
  /// The directory the state holds.
  public var catalog: Catalog { state.catalog }

  /// A task's judgement on the state's as-of day.
  public func timeliness(of id: Int) -> Timeliness {
    (try? state.source.rows(ids: [id], context: state.filterContext).first?.timeliness) ?? .excluded
  }

  /// Tasks by id.
  public struct Lookup {
    let state: AppState
    /// The task with an id, if the source holds it.
    public subscript(id: Int) -> FollowUpTask? {
      try? state.source.rows(ids: [id], context: state.filterContext).first?.task
    }
  }
}

extension AppState {
  /// The tasks as the source holds them (for assertions).
  public var data: SourceView { SourceView(state: self) }
}

extension TaskListState {
  /// The ids of the whole list, in order: the small lists of tests fit one page.
  public var visible: [Int] {
    precondition(page.offset == 0 && page.rows.count == page.total, "the list is longer than its page")
    return page.rows.map(\.task.id)
  }
}

extension TaskListState {
  /// A task as the list's page shows it now (without its notes), if it is on the page.
  public func shown(_ id: Int) -> FollowUpTask? {
    page.rows.first { $0.task.id == id }?.task
  }
}
