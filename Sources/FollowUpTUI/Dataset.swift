import FollowUpCore

/// Tasks by id, looked up without hashing (see `IDMap`).
public struct TaskTable: Sendable, Equatable, Sequence {
  private var map = IDMap<FollowUpTask>()

  /// Creates an empty table.
  public init() {}

  /// Creates a table of tasks.
  public init(_ tasks: [FollowUpTask]) {
    for t in tasks { map[t.id] = t }
  }

  /// The task with an id.
  @inline(__always)
  public subscript(id: Int) -> FollowUpTask? {
    get { map[id] }
    set { map[id] = newValue }
  }

  /// How many tasks there are.
  public var count: Int { map.count }
  /// Whether there are none.
  public var isEmpty: Bool { map.count == 0 }
  /// The ids, ascending.
  public var keys: [Int] { map.keys }
  /// The largest id.
  public var maxID: Int? { map.maxID }
  /// The tasks, by id.
  public var values: [FollowUpTask] { map.entries.map(\.value) }

  /// Calls `body` with each (id, task), by id, without copying them into an array first.
  public func forEach(_ body: (Int, FollowUpTask) throws -> Void) rethrows {
    try map.forEach(body)
  }

  /// Every (id, task), by id.
  public func makeIterator() -> IndexingIterator<[(key: Int, value: FollowUpTask)]> {
    map.entries.map { (key: $0.id, value: $0.value) }.makeIterator()
  }
}

/// The file's contents as the interface holds them, with the caches that keep filtering and
/// drawing fast: each task's timeliness for the as-of day, and the interned search index.
///
/// The search index may arrive after the first frame (it is built on another thread from the
/// stored folded text); until then text filters fall back to tokenising tasks directly.
public struct Dataset: Sendable {
  /// The directory.
  public private(set) var catalog: Catalog
  /// Tasks by id (progress notes are loaded only for the detail screen).
  public private(set) var tasks: TaskTable
  /// Interned search tokens of every task, once built.
  public private(set) var index: SearchIndex?
  /// Each task's timeliness on the as-of day, by id.
  private var judged: IDMap<Timeliness>
  /// The file revision this data reflects.
  public private(set) var revision: Int
  /// Tasks changed while the index was being built, to index once it arrives.
  private var pendingIndex: Set<Int> = []

  /// Builds the dataset; `indexNow` builds the search index here (tests, small files).
  public init(
    catalog: Catalog, tasks: [FollowUpTask], revision: Int, asOf: Day, rules: TimelinessRules,
    indexNow: Bool = true
  ) {
    self.catalog = catalog
    self.revision = revision
    var judged = IDMap<Timeliness>()
    for t in tasks { judged[t.id] = rules.evaluate(t, asOf: asOf) }
    self.tasks = TaskTable(tasks)
    self.judged = judged
    if indexNow {
      var index = SearchIndex()
      let tokenizer = SearchText.Tokenizer(catalog: catalog)
      for t in tasks { index.set(taskID: t.id, tokens: tokenizer.tokens(for: t)) }
      self.index = index
    }
  }

  /// An empty dataset.
  public static let empty = Dataset(catalog: Catalog(), tasks: [], revision: 0, asOf: Day(ordinal: 0), rules: .standard)

  /// Takes a search index built elsewhere, bringing it up to date with changes made since.
  public mutating func adopt(index built: SearchIndex) {
    var index = built
    let tokenizer = SearchText.Tokenizer(catalog: catalog)
    for id in pendingIndex {
      if let t = tasks[id] { index.set(taskID: id, tokens: tokenizer.tokens(for: t)) } else { index.remove(taskID: id) }
    }
    pendingIndex = []
    self.index = index
  }

  /// Applies changed and deleted tasks (and a new directory, when it changed).
  public mutating func apply(
    changed: [FollowUpTask], deleted: [Int], catalog newCatalog: Catalog?, revision: Int,
    asOf: Day, rules: TimelinessRules
  ) {
    if let newCatalog, newCatalog != catalog {
      // Names feed the search tokens of every task, so a new directory re-indexes all.
      for t in changed { tasks[t.id] = t }
      for id in deleted { tasks[id] = nil }
      self = Dataset(catalog: newCatalog, tasks: Array(tasks.values), revision: revision, asOf: asOf, rules: rules)
      return
    }
    let tokenizer = SearchText.Tokenizer(catalog: catalog)
    for t in changed {
      // Notes are not held for every task; keep a loaded task's notes out of the list copy.
      var listed = t
      listed.notes = []
      tasks[t.id] = listed
      if index != nil {
        index?.set(taskID: t.id, tokens: tokenizer.tokens(for: t))
      } else {
        pendingIndex.insert(t.id)
      }
      judged[t.id] = rules.evaluate(t, asOf: asOf)
    }
    for id in deleted {
      tasks[id] = nil
      if index != nil { index?.remove(taskID: id) } else { pendingIndex.insert(id) }
      judged[id] = nil
    }
    self.revision = max(self.revision, revision)
  }

  /// Re-judges every task for a new as-of day or rules.
  public mutating func rejudge(asOf: Day, rules: TimelinessRules) {
    var judged = IDMap<Timeliness>()
    tasks.forEach { id, t in judged[id] = rules.evaluate(t, asOf: asOf) }
    self.judged = judged
  }

  /// A task's timeliness.
  @inline(__always)
  public func timeliness(of id: Int) -> Timeliness {
    judged[id] ?? .excluded
  }

  /// Whether a task's search text contains a phrase (through the index when it is built).
  public func matchesText(_ id: Int, _ phrase: SearchIndex.Phrase?, words: [String], prefix: Bool) -> Bool {
    if let index, let phrase { return index.matches(taskID: id, phrase) }
    guard let t = tasks[id] else { return false }
    return VietText.matchesPhrase(SearchText.Tokenizer(catalog: catalog).tokens(for: t), words, lastIsPrefix: prefix)
  }
}

extension Dataset: Equatable {
  /// Equal when the contents are: the search index is derived from them, and its internal
  /// word numbers depend on the order tasks were added.
  public static func == (a: Dataset, b: Dataset) -> Bool {
    a.catalog == b.catalog && a.tasks == b.tasks && a.revision == b.revision
      && a.tasks.keys.allSatisfy { a.timeliness(of: $0) == b.timeliness(of: $0) }
  }
}
