import FollowUpCore

/// The file's contents as the interface holds them, with the caches that keep filtering and
/// drawing fast: folded search tokens and each task's timeliness for the as-of day.
public struct Dataset: Equatable, Sendable {
  /// The directory.
  public private(set) var catalog: Catalog
  /// Tasks by id.
  public private(set) var tasks: [Int: FollowUpTask]
  /// Interned search tokens of every task.
  public private(set) var index: SearchIndex
  /// Each task's timeliness on the as-of day.
  public private(set) var timeliness: [Int: Timeliness]
  /// The file revision this data reflects.
  public private(set) var revision: Int

  /// Builds the dataset and its caches.
  public init(catalog: Catalog, tasks: [FollowUpTask], revision: Int, asOf: Day, rules: TimelinessRules) {
    self.catalog = catalog
    self.revision = revision
    var byID: [Int: FollowUpTask] = [:]
    byID.reserveCapacity(tasks.count)
    var index = SearchIndex()
    var tl: [Int: Timeliness] = [:]
    tl.reserveCapacity(tasks.count)
    for t in tasks {
      byID[t.id] = t
      index.set(taskID: t.id, tokens: SearchText.tokens(for: t, catalog: catalog))
      tl[t.id] = rules.evaluate(t, asOf: asOf)
    }
    self.tasks = byID
    self.index = index
    self.timeliness = tl
  }

  /// Equal when the contents are: the search index is derived from them, and its internal
  /// word numbers depend on the order tasks were added.
  public static func == (a: Dataset, b: Dataset) -> Bool {
    a.catalog == b.catalog && a.tasks == b.tasks && a.timeliness == b.timeliness && a.revision == b.revision
  }

  /// An empty dataset.
  public static let empty = Dataset(catalog: Catalog(), tasks: [], revision: 0, asOf: Day(ordinal: 0), rules: .standard)

  /// Applies changed and deleted tasks (and a new directory, when it changed).
  public mutating func apply(
    changed: [FollowUpTask], deleted: [Int], catalog newCatalog: Catalog?, revision: Int,
    asOf: Day, rules: TimelinessRules
  ) {
    if let newCatalog, newCatalog != catalog {
      // Names feed the search tokens of every task, so a new directory re-indexes all.
      catalog = newCatalog
      for t in changed { tasks[t.id] = t }
      for id in deleted { tasks[id] = nil }
      self = Dataset(catalog: newCatalog, tasks: Array(tasks.values), revision: revision, asOf: asOf, rules: rules)
      return
    }
    for t in changed {
      tasks[t.id] = t
      index.set(taskID: t.id, tokens: SearchText.tokens(for: t, catalog: catalog))
      timeliness[t.id] = rules.evaluate(t, asOf: asOf)
    }
    for id in deleted {
      tasks[id] = nil
      index.remove(taskID: id)
      timeliness[id] = nil
    }
    self.revision = max(self.revision, revision)
  }

  /// Re-judges every task for a new as-of day or rules.
  public mutating func rejudge(asOf: Day, rules: TimelinessRules) {
    for (id, t) in tasks { timeliness[id] = rules.evaluate(t, asOf: asOf) }
  }

  /// A task's timeliness (computed if missing).
  public func timeliness(of id: Int) -> Timeliness {
    timeliness[id] ?? .excluded
  }
}
