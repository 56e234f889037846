import FollowUpCore

/// The interface's read access to the tasks: the store answers each question with what is
/// on screen, so the interface holds a page of rows, never the whole file.
///
/// `Update` asks it synchronously, as a list view asks a database cursor; writes stay effects
/// that the runtime performs. A read that fails (a server gone away) throws a `UserError`,
/// shown on the status line, and the screen keeps what it had.
public protocol TaskSource: AnyObject, Sendable {
  /// A page of the tasks matching a filter in an order: around a task when it still matches,
  /// otherwise from an offset.
  func page(_ query: ListQuery, around: Int?, offset: Int, limit: Int, context: FilterContext) throws -> ListPage
  /// Timeliness counts of the tasks matching a filter (how many, not how late).
  func tally(_ filter: TaskFilter, context: FilterContext) throws -> WorkloadCounts
  /// Timeliness counts by meeting ref.
  func tallyByMeeting(context: FilterContext) throws -> [String: WorkloadCounts]
  /// How many tasks the store holds, whatever the as-of day (the header shows how many of
  /// them the list has).
  func stored() throws -> Int
  /// Tasks by id, judged on the as-of day (missing ones left out).
  func rows(ids: [Int], context: FilterContext) throws -> [ListRow]
  /// The agencies report.
  func workload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport
}

/// What the task list shows: which tasks, in what order.
public struct ListQuery: Equatable, Sendable {
  /// Which tasks (the committed filter, the search, quick filters and a drill-down together).
  public var filter: TaskFilter
  /// In what order.
  public var order: TaskOrder

  /// Creates a query.
  public init(filter: TaskFilter, order: TaskOrder) {
    self.filter = filter
    self.order = order
  }
}

/// A task and how it stands on the as-of day.
public struct ListRow: Equatable, Sendable {
  /// The task, without its progress notes.
  public var task: FollowUpTask
  /// Its judgement.
  public var timeliness: Timeliness

  /// Creates a row.
  public init(task: FollowUpTask, timeliness: Timeliness) {
    self.task = task
    self.timeliness = timeliness
  }
}

/// Rows of the list fetched around the cursor, and where they sit in the whole list.
public struct ListPage: Equatable, Sendable {
  /// The rows, in order.
  public var rows: [ListRow]
  /// The position of the first row in the whole list.
  public var offset: Int
  /// How many tasks the whole list has.
  public var total: Int

  /// Creates a page.
  public init(rows: [ListRow] = [], offset: Int = 0, total: Int = 0) {
    self.rows = rows
    self.offset = offset
    self.total = total
  }

  /// The row at a position of the whole list, when this page holds it.
  public func row(at position: Int) -> ListRow? {
    let i = position - offset
    return rows.indices.contains(i) ? rows[i] : nil
  }

  /// The position of a task in the whole list, when this page holds it.
  public func position(of id: Int) -> Int? {
    rows.firstIndex { $0.task.id == id }.map { $0 + offset }
  }

  /// Whether the page holds every row of a range of positions (clipped to the list).
  public func covers(_ range: Range<Int>) -> Bool {
    let wanted = range.clamped(to: 0..<max(0, total))
    return wanted.isEmpty || (wanted.lowerBound >= offset && wanted.upperBound <= offset + rows.count)
  }
}
