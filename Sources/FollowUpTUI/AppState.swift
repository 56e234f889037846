import FollowUpCore
import TermCore

/// The three views, switched with 1, 2, 3 and Tab.
public enum ViewKind: Int, CaseIterable, Sendable {
  case tasks, meetings, agencies
}

/// Settings that do not change while the interface runs.
public struct AppEnvironment: Equatable, Sendable {
  /// The language of everything shown.
  public var lang: Lang
  /// The day deadlines are judged on.
  public var asOf: Day
  /// Timeliness basis and due-soon window.
  public var rules: TimelinessRules
  /// Rate denominators of the agencies view.
  public var formula: RateFormula
  /// The user's name in the history.
  public var user: String
  /// The file's name, shown in the header.
  public var fileLabel: String
  /// The file's full path, replaced by its name in messages so they fit.
  public var filePath: String
  /// Styles.
  public var theme: Theme
  /// Key bindings.
  public var keys: KeyMap
  /// Whether the file can be written.
  public var writable: Bool

  /// Creates an environment.
  public init(
    lang: Lang, asOf: Day, rules: TimelinessRules = .standard, formula: RateFormula = .due,
    user: String, fileLabel: String, filePath: String = "", theme: Theme = .colour256,
    keys: KeyMap = .standard, writable: Bool = true
  ) {
    self.lang = lang
    self.asOf = asOf
    self.rules = rules
    self.formula = formula
    self.user = user
    self.fileLabel = fileLabel
    self.filePath = filePath
    self.theme = theme
    self.keys = keys
    self.writable = writable
  }
}

/// A cursor over rows with the first row shown.
public struct Scroller: Equatable, Sendable {
  /// The selected row.
  public var cursor = 0
  /// The first row on screen.
  public var top = 0

  /// Creates a scroller at the top.
  public init() {}

  /// Keeps the cursor within `count` rows and on screen in a window of `height` rows.
  public mutating func clamp(count: Int, height: Int) {
    cursor = max(0, min(cursor, count - 1))
    if count == 0 { cursor = 0 }
    let h = max(1, height)
    if cursor < top { top = cursor }
    if cursor >= top + h { top = cursor - h + 1 }
    top = max(0, min(top, max(0, count - h)))
  }

  /// Moves by `delta` rows.
  public mutating func move(_ delta: Int, count: Int, height: Int) {
    cursor += delta
    clamp(count: count, height: height)
  }
}

/// The quick filters of the task list (toggled by single keys).
public struct QuickFilters: Equatable, Sendable {
  /// Hide done and withdrawn tasks.
  public var openOnly = false
  /// Only overdue tasks.
  public var overdueOnly = false
  /// Only tasks due this week (open).
  public var dueThisWeek = false
  /// Only tasks the user owns or tracks.
  public var mine = false
  /// Only tasks reported done and awaiting acceptance (chờ đánh giá).
  public var awaitingAcceptance = false

  /// Creates quick filters, all off.
  public init() {}

  /// Whether any is on.
  public var any: Bool { openOnly || overdueOnly || dueThisWeek || mine || awaitingAcceptance }
}

/// The task list's own state.
public struct TaskListState: Equatable, Sendable {
  /// The committed filter's text (shared filter language).
  public var filterText = ""
  /// The committed filter.
  public var filter = TaskFilter.all
  /// The live search text (words without field names), applied on top of the filter.
  public var searchText = ""
  /// Quick filters.
  public var quick = QuickFilters()
  /// Sort order.
  public var sort: TaskOrder = .status
  /// The rows fetched around the cursor, and the whole list's length.
  public var page = ListPage()
  /// The query the page answers (the search's prefix reading included when it is in force).
  public var query: ListQuery?
  /// Timeliness counts of the whole list (for the header line).
  public var counts = WorkloadCounts()
  /// How many tasks the store holds, whatever the filters and the as-of day.
  public var stored = 0
  /// Cursor and scroll.
  public var scroll = Scroller()
  /// Marked task ids (multi-select).
  public var marked: Set<Int> = []
  /// Set while a change made to the marked tasks is being saved: once it succeeds the marks
  /// are used up, as in mutt and tig, so a second key press cannot act on them again.
  public var consumeMarks = false
  /// The tasks of one agencies-view row, when the list was opened from it.
  public var scope: AgencyScope?

  /// Creates an empty list state.
  public init() {}

  /// The selected task id.
  public var selectedID: Int? { page.row(at: scroll.cursor)?.task.id }

  /// Equal when what the user sees is; `counts` and `existing` are derived from the store
  /// and the query.
  public static func == (a: TaskListState, b: TaskListState) -> Bool {
    a.filterText == b.filterText && a.filter == b.filter && a.searchText == b.searchText && a.quick == b.quick
      && a.sort == b.sort && a.page == b.page && a.scroll == b.scroll
      && a.marked == b.marked && a.consumeMarks == b.consumeMarks && a.scope == b.scope
  }
}

/// The tasks one row of the agencies view counts: the same rule as the report (lead or
/// coordinating agencies, the rolled-up ones included, withdrawn tasks and tasks assigned
/// after the as-of day left out), so the drill-down lists exactly the row's total.
public struct AgencyScope: Equatable, Sendable {
  /// Lead or coordinating.
  public var grouping: WorkloadGrouping
  /// The row's agency and the agencies rolled into it.
  public var codes: Set<String>
  /// The row's label, as the agencies view shows it.
  public var label: String

  /// Creates a scope.
  public init(grouping: WorkloadGrouping, codes: Set<String>, label: String) {
    self.grouping = grouping
    self.codes = codes
    self.label = label
  }

  /// The scope as a filter term, so the store finds the row's tasks as the report counted
  /// them (by the lead agency on the as-of day, withdrawn tasks left out).
  public var term: FilterTerm {
    let agency: FilterTerm = grouping == .lead ? .lead(codes) : .coordinating(codes)
    return .all([agency, .not(.status([.workflow(.withdrawn)]))])
  }
}

/// What the task list looked like before a drill-down, and the view it was opened from, so
/// Esc returns there as tig and htop do.
public struct DrillOrigin: Equatable, Sendable {
  /// The view Enter was pressed in.
  public var view: ViewKind
  /// The list's committed filter text then.
  public var filterText: String
  /// Its live search then.
  public var searchText: String
  /// Its quick filters then.
  public var quick: QuickFilters
  /// Its agency scope then.
  public var scope: AgencyScope?
  /// The task selected then.
  public var selectedID: Int?

  /// Creates an origin.
  public init(
    view: ViewKind, filterText: String, searchText: String, quick: QuickFilters, scope: AgencyScope?,
    selectedID: Int?
  ) {
    self.view = view
    self.filterText = filterText
    self.searchText = searchText
    self.quick = quick
    self.scope = scope
    self.selectedID = selectedID
  }
}

/// The agencies view's own state.
public struct AgencyViewState: Equatable, Sendable {
  /// Lead or coordinating.
  public var grouping: WorkloadGrouping = .lead
  /// Roll-up on or off.
  public var rollup = true
  /// Row order.
  public var order: WorkloadOrder = .protocolOrder
  /// Cursor and scroll.
  public var scroll = Scroller()
  /// The report shown, computed when the view opens or the data changes while it is open.
  public var report: WorkloadReport?

  /// Creates the default agencies view.
  public init() {}

  /// Equal when the settings and cursor are; the report is derived from them and the data.
  public static func == (a: AgencyViewState, b: AgencyViewState) -> Bool {
    a.grouping == b.grouping && a.rollup == b.rollup && a.order == b.order && a.scroll == b.scroll
  }
}

/// The line being typed at the bottom of the task list.
public enum Prompt: Equatable, Sendable {
  /// Live search: the list narrows on every keystroke.
  case search(LineEditor)
  /// A filter in the shared language, with its error when it does not parse.
  case filter(LineEditor, error: String?)
}

/// A message in the status line.
public struct StatusMessage: Equatable, Sendable {
  /// The text.
  public var text: String
  /// Whether it reports a failure.
  public var isError: Bool

  /// Creates a message.
  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}

/// A screen drawn over the views.
public enum Overlay: Equatable, Sendable {
  /// Everything about one task.
  case detail(DetailState)
  /// All keys.
  case help(Scroller)
  /// A form (add, edit, note, extension, reassignment, meeting).
  case form(FormState)
  /// A yes/no question before deleting or withdrawing.
  case confirm(ConfirmState)
  /// A conclusion notice read into drafted tasks for review.
  case intake(IntakeState)
}

/// The detail screen of one task.
public struct DetailState: Equatable, Sendable {
  /// The task shown.
  public var taskID: Int
  /// Scroll position.
  public var scroll = Scroller()
  /// Its change history, once loaded.
  public var history: [TaskDetail.HistoryLine] = []
  /// The whole task with its progress notes, once loaded (the list holds tasks without them).
  public var task: FollowUpTask?

  /// Creates a detail screen for a task.
  public init(taskID: Int) { self.taskID = taskID }
}

/// A question about deleting or withdrawing tasks.
public struct ConfirmState: Equatable, Sendable {
  /// The tasks concerned.
  public var ids: [Int]
  /// Their versions when asked.
  public var versions: [Int: Int]
  /// Whether the tasks are the marked ones (the marks are used up once the change is saved).
  public var fromMarks: Bool

  /// Creates the question.
  public init(ids: [Int], versions: [Int: Int], fromMarks: Bool = false) {
    self.ids = ids
    self.versions = versions
    self.fromMarks = fromMarks
  }
}

/// The whole interface: one value, changed only by `update`.
public struct AppState: Equatable, Sendable {
  /// Fixed settings.
  public var env: AppEnvironment
  /// The terminal size.
  public var size: Size
  /// The directory: agencies, people and meetings (small, so held whole).
  public var catalog: Catalog
  /// The store revision the screen reflects.
  public var revision: Int
  /// Where tasks are read from.
  public var source: any TaskSource { reader.source }
  let reader: Reader
  /// The active view.
  public var view: ViewKind = .tasks
  /// The task list.
  public var list = TaskListState()
  /// The meetings view's cursor.
  public var meetings = Scroller()
  /// Each meeting's task counts, read while the meetings view is shown (derived from the
  /// store, so two states compare without them).
  public var meetingCounts: [String: WorkloadCounts] {
    get { meetingTally.value }
    set { meetingTally.value = newValue }
  }
  var meetingTally = Derived<[String: WorkloadCounts]>([:])
  /// The agencies view.
  public var agencies = AgencyViewState()
  /// Screens over the view, last on top.
  public var overlays: [Overlay] = []
  /// Where the task list was drilled into from, while it shows a drill-down.
  public var drillOrigin: DrillOrigin?
  /// The line being typed, if any.
  public var prompt: Prompt?
  /// The status line.
  public var status: StatusMessage?
  /// Set when the user quits.
  public var quitting = false

  /// Creates the state for a store and reads the first page.
  public init(env: AppEnvironment, size: Size, catalog: Catalog, revision: Int, source: any TaskSource) {
    self.env = env
    self.size = size
    self.catalog = catalog
    self.revision = revision
    self.reader = Reader(source: source)
    Update.afterDataChange(&self)
  }

  /// The source, held so that two states compare by what they show, not by where they read
  /// it from.
  struct Reader: Equatable, Sendable {
    let source: any TaskSource
    static func == (a: Reader, b: Reader) -> Bool { true }
  }

  /// A value read from the store for drawing: states compare by what it is read from.
  struct Derived<Value: Sendable>: Equatable, Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
    static func == (a: Derived, b: Derived) -> Bool { true }
  }

  /// The key scope of what is on top.
  public var scope: KeyScope {
    switch overlays.last {
    case .detail?: return .detail
    case .help?: return .help
    default: return viewScope
    }
  }

  /// The scope whose keys are read now: a mode (a form, its completion list or discard
  /// question, the delete question, the search or filter line) or else what is on top.
  public var keyScope: KeyScope {
    switch overlays.last {
    case .form(let f)?:
      if f.confirmingDiscard { return .discard }
      return f.menu != nil ? .completion : .form
    case .confirm?: return .confirm
    case .intake(let i)?: return i.keyScope
    case .detail?, .help?: return scope
    case nil:
      switch prompt {
      case .search?: return .search
      case .filter?: return .filter
      case nil: return scope
      }
    }
  }

  /// The key scope under the help screen: what the user was looking at when asking for help.
  public var scopeUnderHelp: KeyScope {
    for overlay in overlays.reversed() {
      if case .detail = overlay { return .detail }
    }
    return viewScope
  }

  var viewScope: KeyScope {
    switch view {
    case .tasks: return .tasks
    case .meetings: return .meetings
    case .agencies: return .agencies
    }
  }

  /// The filter context for the as-of day.
  public var filterContext: FilterContext {
    FilterContext(catalog: catalog, asOf: env.asOf, rules: env.rules, me: me)
  }

  /// The user's person ref, when the user name names one person. Resolved when the
  /// directory loads or changes: looking it up folds every person's name, and filtering
  /// asks for it on every keystroke.
  public private(set) var me: String?

  /// Resolves the user's person ref against the current directory, and orders its meetings.
  mutating func resolveMe() {
    me = try? catalog.resolvePerson(env.user).ref
    meetingOrder = Derived(catalog.meetingsNewestFirst)
  }

  /// The meetings, newest first: sorted when the directory changes, not on every frame (a
  /// large store holds a hundred thousand meetings).
  public var meetingsNewestFirst: [Meeting] { meetingOrder.value }
  var meetingOrder = Derived<[Meeting]>([])
}
