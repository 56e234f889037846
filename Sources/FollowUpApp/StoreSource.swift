import FollowUpCore
import FollowUpStore
import FollowUpTUI

/// The interface's reads answered by a store: each is one query for what is on screen.
public final class StoreSource: TaskSource {
  let store: any TaskStore

  /// Reads from a store.
  public init(store: any TaskStore) {
    self.store = store
  }

  /// A page of the list, judged on the context's day.
  public func page(_ query: ListQuery, around: Int?, offset: Int, limit: Int, context: FilterContext) throws -> ListPage {
    let window = try store.window(
      WindowRequest(filter: query.filter, order: query.order, around: around, offset: offset, limit: limit),
      context: context)
    return ListPage(rows: window.rows.map { judged($0, context) }, offset: window.offset, total: window.total)
  }

  /// Counts of the tasks matching a filter.
  public func tally(_ filter: TaskFilter, context: FilterContext) throws -> WorkloadCounts {
    try store.tally(filter, context: context, by: .whole)[""] ?? WorkloadCounts()
  }

  /// Counts by meeting.
  public func tallyByMeeting(context: FilterContext) throws -> [String: WorkloadCounts] {
    try store.tally(.all, context: context, by: .meeting)
  }

  /// How many tasks the store holds: counted as of a day after every assignment.
  public func stored() throws -> Int {
    try store.count(.all, context: FilterContext(catalog: Catalog(), asOf: Day.distantFuture))
  }

  /// Tasks by id, judged.
  public func rows(ids: [Int], context: FilterContext) throws -> [ListRow] {
    try store.loadTasks(ids: ids).map { judged($0, context) }
  }

  /// The agencies report.
  public func workload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport {
    try store.workload(catalog: catalog, options: options)
  }

  func judged(_ task: FollowUpTask, _ context: FilterContext) -> ListRow {
    ListRow(task: task, timeliness: context.rules.evaluate(task, asOf: context.asOf))
  }
}
