import FollowUpCore
import Foundation

/// Where FollowUp keeps its data, spoken to in domain operations only.
///
/// The command line and the interface use nothing else, so a store answers each question
/// however it does that fastest (indexes, SQL aggregates) and a SQLite file and a database
/// server are interchangeable behind it. Every write is one undoable action, all or nothing.
public protocol TaskStore: AnyObject, Sendable {
  /// Who the history records as making changes.
  var user: String { get }
  /// Whether this store accepts changes (false for a read-only file).
  var isWritable: Bool { get }
  /// A short name for headers and messages: the file's name, or the server's database.
  var displayName: String { get }
  /// Where the data lives, for messages: the file's path, or the server's address without
  /// any password.
  var location: String { get }

  // MARK: Change tracking

  /// A value that changes whenever anyone commits a change; compare it to notice other
  /// sessions' work and fetch it with `changes(since:)`.
  func changeToken() throws -> Int
  /// What changed since a revision (by any process).
  func changes(since revision: Int) throws -> ChangeSet
  /// Blocks until the change token differs from `token` or `timeout` seconds pass; true when
  /// it differs. A store that can be woken (a server's notifications) answers without asking
  /// it again and again; it is called from a thread of its own, beside the other calls.
  func waitForChange(after token: Int, timeout: Double) throws -> Bool

  // MARK: Reads

  /// The directory: agencies, people and (unless told not to) meetings.
  func loadCatalog(meetings: Bool) throws -> Catalog
  /// The directory, every task with what the projection asks for, and the revision they
  /// reflect, read in one consistent transaction.
  func loadAll(projection: TaskProjection) throws -> (catalog: Catalog, tasks: [FollowUpTask], revision: Int)
  /// Every task with what the projection asks for.
  func loadTasks(projection: TaskProjection) throws -> [FollowUpTask]
  /// The tasks with these ids, notes included (missing ones are left out).
  func loadTasks(ids: [Int]) throws -> [FollowUpTask]
  /// Hands every task's folded search text (tokens with a space around each) to `body`.
  func forEachSearchColumn(_ body: (Int, String) -> Void) throws
  /// The tasks matching a filter as of the context's day.
  func select(_ filter: TaskFilter, context: FilterContext, projection: TaskProjection) throws -> [FollowUpTask]
  /// How many tasks match a filter.
  func count(_ filter: TaskFilter, context: FilterContext) throws -> Int
  /// A page of the tasks matching a filter in an order: the rows around a task, or from an
  /// offset, with the total, so a list can show any part of a large store.
  func window(_ request: WindowRequest, context: FilterContext) throws -> TaskWindow
  /// Timeliness counts of the tasks matching a filter, for the whole filter or by meeting (how
  /// many, not how late: `maxDaysOverdue` stays 0).
  func tally(_ filter: TaskFilter, context: FilterContext, by grouping: TallyGrouping) throws -> [String: WorkloadCounts]
  /// The per-agency report by lead agency.
  func leadWorkload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport
  /// The history of one task, or of the whole store, newest first.
  func history(taskID: Int?, limit: Int) throws -> [HistoryEntry]
  /// The current revision (the number of committed actions, as the store counts them).
  func revision() throws -> Int

  // MARK: Writes

  /// Stores a new task (its id is assigned here).
  func add(_ task: FollowUpTask, summary: String?) throws -> FollowUpTask
  /// Applies an edit to tasks as one action. `expected` gives the version each task had when
  /// the user saw it; if someone changed a task since, nothing is saved and the error names
  /// who changed what.
  func apply(_ edit: TaskEdit, to ids: [Int], expected: [Int: Int]) throws -> [FollowUpTask]
  /// Deletes tasks (their ids are never given out again).
  func delete(ids: [Int], expected: [Int: Int], summary: String?) throws
  /// Adds or updates a meeting.
  func save(meeting: Meeting) throws
  /// Adds or updates agencies and people.
  func save(agencies: [Agency], people: [Person]) throws
  /// Imports a whole document: all of it, or nothing.
  func importDocument(
    _ doc: InterchangeDocument, renumber: Bool, location: ((Int) -> (vi: String, en: String))?
  ) throws -> ImportSummary
  /// Imports a file read as a stream (header, then tasks one at a time): all of it, or
  /// nothing. By default the tasks are gathered into one document for `importDocument`.
  func importStream(_ stream: InterchangeStream, renumber: Bool) throws -> ImportSummary
  /// Reverts this user's most recent action that is not undone yet.
  func undo() throws -> UndoOutcome
  /// Re-applies the action this user most recently undid.
  func redo() throws -> UndoOutcome
  /// Removes what opening created when the first action failed (a new empty file); a no-op
  /// for stores that were not created by opening.
  func discardIfCreated()
  /// Closes the connection.
  func close() throws
}

extension TaskStore {
  /// Asks for the change token a few times a second: for stores nothing can wake (a file
  /// another process writes).
  public func waitForChange(after token: Int, timeout: Double) throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(max(0, timeout) * 1000))
    while true {
      if try changeToken() != token { return true }
      let left = deadline - ContinuousClock.now
      if left <= .zero { return false }
      Thread.sleep(forTimeInterval: min(0.25, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18))
    }
  }

  /// The directory with meetings.
  public func loadCatalog() throws -> Catalog { try loadCatalog(meetings: true) }

  /// Everything needed to show the store, notes left out.
  public func loadAll() throws -> (catalog: Catalog, tasks: [FollowUpTask], revision: Int) {
    try loadAll(projection: .full)
  }

  /// One task, or an error saying it does not exist.
  public func task(_ id: Int) throws -> FollowUpTask {
    guard let t = try loadTasks(ids: [id]).first else { throw StoreErrors.noSuchTask(id) }
    return t
  }

  /// Timeliness counts judged in Swift (see `tallyBySelecting`).
  public func tally(_ filter: TaskFilter, context: FilterContext, by grouping: TallyGrouping) throws
    -> [String: WorkloadCounts]
  {
    try tallyBySelecting(filter, context: context, by: grouping)
  }

  /// The agencies report: by lead agency in the store's own query; by coordinating agency,
  /// where one task counts for several, from every task.
  public func workload(catalog: Catalog, options: WorkloadOptions) throws -> WorkloadReport {
    if options.grouping == .lead { return try leadWorkload(catalog: catalog, options: options) }
    return WorkloadReport.compute(tasks: try loadTasks(projection: .timing), catalog: catalog, options: options)
  }

  /// The tasks matching a filter, without their notes.
  public func select(_ filter: TaskFilter, context: FilterContext) throws -> [FollowUpTask] {
    try select(filter, context: context, projection: .listing)
  }

  /// Stores a new task with the default history line.
  @discardableResult
  public func add(_ task: FollowUpTask) throws -> FollowUpTask { try add(task, summary: nil) }

  /// Applies an edit to tasks as stored now (no version check).
  @discardableResult
  public func apply(_ edit: TaskEdit, to ids: [Int]) throws -> [FollowUpTask] {
    try apply(edit, to: ids, expected: [:])
  }

  /// Deletes tasks with the default history line.
  public func delete(ids: [Int], expected: [Int: Int] = [:]) throws {
    try delete(ids: ids, expected: expected, summary: nil)
  }

  /// Adds or updates agencies.
  public func save(agencies: [Agency]) throws { try save(agencies: agencies, people: []) }

  /// Adds or updates people.
  public func save(people: [Person]) throws { try save(agencies: [], people: people) }

  /// Imports a document with the ids it gives, naming tasks by their JSON path in errors.
  public func importDocument(_ doc: InterchangeDocument, renumber: Bool = false) throws -> ImportSummary {
    try importDocument(doc, renumber: renumber, location: nil)
  }

  /// Gathers the stream into one document and imports that: for stores with no streaming
  /// path of their own.
  public func importStream(_ stream: InterchangeStream, renumber: Bool) throws -> ImportSummary {
    try importDocument(try stream.document(), renumber: renumber, location: nil)
  }

  /// The history of the whole store or one task, newest first, at most 200 lines.
  public func history(taskID: Int? = nil) throws -> [HistoryEntry] {
    try history(taskID: taskID, limit: 200)
  }
}

extension TaskStore {
  /// A page found the plain way: every matching task judged and sorted by its keys; for a
  /// filter, or a store, that cannot page in its own query language.
  public func windowBySorting(_ request: WindowRequest, context: FilterContext) throws -> TaskWindow {
    let matching = try select(request.filter, context: context, projection: .listing)
    let ranks = TaskOrder.agencyRanks(context.catalog)
    let keyed = matching.map { t in
      (request.order.key(
        t, timeliness: context.rules.evaluate(t, asOf: context.asOf), asOf: context.asOf,
        basis: context.rules.basis, agencyRank: ranks), t)
    }.sorted { $0.0 < $1.0 }
    let limit = max(0, request.limit)
    let at = request.around.flatMap { id in keyed.firstIndex { $0.1.id == id } }
    let offset = request.offset(placing: at, total: keyed.count)
    let rows = keyed.dropFirst(offset).prefix(limit).map(\.1)
    return TaskWindow(rows: Array(rows), offset: offset, total: keyed.count)
  }
}

/// A page of a filtered, ordered task list.
public struct WindowRequest: Equatable, Sendable {
  /// Which tasks.
  public var filter: TaskFilter
  /// In what order.
  public var order: TaskOrder
  /// The task to keep in view: the page is placed so that it contains this task when it
  /// still matches; otherwise `offset` places it.
  public var around: Int?
  /// The first row wanted, counted from the top of the whole list.
  public var offset: Int
  /// How many rows.
  public var limit: Int

  /// The first row of the page: `offset` within the list, moved so that the row at
  /// `position` (where `around` stands, when it is listed) falls in the page, near its middle.
  public func offset(placing position: Int?, total: Int) -> Int {
    let limit = max(0, self.limit)
    let offset = min(max(0, self.offset), total)
    guard let at = position, at < offset || at >= offset + limit else { return offset }
    return max(0, min(at - limit / 2, total - limit))
  }

  /// Creates a request.
  public init(filter: TaskFilter = .all, order: TaskOrder = .status, around: Int? = nil, offset: Int = 0, limit: Int) {
    self.filter = filter
    self.order = order
    self.around = around
    self.offset = offset
    self.limit = limit
  }
}

/// Rows of a list page and where they sit in the whole list.
public struct TaskWindow: Equatable, Sendable {
  /// The rows, in order.
  public var rows: [FollowUpTask]
  /// The position of the first row in the whole list.
  public var offset: Int
  /// How many tasks the whole list has.
  public var total: Int

  /// Creates a window.
  public init(rows: [FollowUpTask], offset: Int, total: Int) {
    self.rows = rows
    self.offset = offset
    self.total = total
  }
}

/// Errors every store words the same way.
public enum StoreErrors {
  /// A task number that names no task.
  public static func noSuchTask(_ id: Int) -> UserError {
    UserError(
      .taskMissing, vi: "Không có nhiệm vụ số \(id); xem danh sách bằng 'followup list'",
      en: "There is no task \(id); see the list with 'followup list'")
  }
}
