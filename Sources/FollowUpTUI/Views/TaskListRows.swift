import FollowUpCore
import TermCore

// Which tasks the list shows and in what order, read from the store a page at a time: the
// query the list's filters make, the page around the cursor, and keeping both up to date as
// tasks change.

extension Update {
  /// How many screens of rows a page holds: one above and one below the visible one, so
  /// moving by a line or a page rarely asks the store again.
  static let pageScreens = 3

  /// The filter the list shows: the committed filter, the search, the quick filters and a
  /// drill-down's agency, all as terms the store can run.
  static func listFilter(_ s: AppState, search: TaskFilter?) -> TaskFilter {
    var terms = s.list.filter.terms
    if let search { terms += search.terms }
    let q = s.list.quick
    if q.openOnly { terms.append(.status([.open])) }
    if q.overdueOnly { terms.append(.status([.overdue])) }
    if q.awaitingAcceptance { terms.append(.status([.workflow(.reported)])) }
    if q.mine, let me = s.me { terms.append(.involves([me])) }
    if q.dueThisWeek {
      let monday = s.env.asOf.adding(days: 1 - s.env.asOf.isoWeekday)
      terms += [.status([.open]), .due(.greaterOrEqual, monday), .due(.lessOrEqual, monday.adding(days: 6))]
    }
    if let scope = s.list.scope { terms.append(scope.term) }
    return TaskFilter(terms: terms, source: s.list.filter.source)
  }

  /// Reads the list again (new filters, order or tasks): the page around the selected task,
  /// or at the cursor's position when it is no longer listed, and the counts.
  ///
  /// The search's last word matches whole words; only when that finds nothing, and the word
  /// may still be unfinished (no space after it), does it match the beginning of words. So
  /// `doan` finds Đoàn and not doanh, while `nguyen binh kh` already finds Nguyễn Bỉnh Khiêm.
  public static func refresh(_ s: inout AppState, keep: KeptRow = .selected) {
    let selected: Int?
    switch keep {
    case .selected: selected = s.list.selectedID
    case .task(let id): selected = id
    case .top: selected = nil
    }
    let ctx = s.filterContext
    let text = s.list.searchText
    let exact = text.isEmpty
      ? nil : (try? TaskFilter.parse(text, context: ctx)) ?? TaskFilter(terms: [.nothing], source: text)
    let height = ScreenLayout(s.size).body.height
    let limit = max(1, height) * pageScreens
    do {
      var query = ListQuery(filter: listFilter(s, search: exact), order: s.list.sort)
      let offset = max(0, s.list.scroll.top - height)
      var page = try s.source.page(query, around: selected, offset: offset, limit: limit, context: ctx)
      if page.total == 0, !text.isEmpty, !(text.last?.isWhitespace ?? true),
        let prefix = try? TaskFilter.parse(text, context: ctx, incremental: true), prefix != exact
      {
        query = ListQuery(filter: listFilter(s, search: prefix), order: s.list.sort)
        page = try s.source.page(query, around: selected, offset: offset, limit: limit, context: ctx)
      }
      s.list.query = query
      s.list.page = page
      s.list.counts = try s.source.tally(query.filter, context: ctx)
      if let selected, let at = page.position(of: selected) { s.list.scroll.cursor = at }
      s.list.scroll.clamp(count: page.total, height: height)
      fillPage(&s)
    } catch {
      readFailed(&s, error)
    }
  }

  /// Which row stays selected when the list is read again.
  public enum KeptRow: Equatable, Sendable {
    /// The one selected now.
    case selected
    /// This task, when listed.
    case task(Int?)
    /// None: the list opens at its top.
    case top
  }

  /// Makes sure the page holds the rows on screen and the cursor's row, reading another page
  /// when the cursor moved past it.
  static func fillPage(_ s: inout AppState) {
    guard let query = s.list.query else { return }
    let height = max(1, ScreenLayout(s.size).body.height)
    let top = s.list.scroll.top
    let wanted = top..<(top + height)
    guard !s.list.page.covers(wanted) || !s.list.page.covers(s.list.scroll.cursor..<(s.list.scroll.cursor + 1)) else {
      return
    }
    do {
      let page = try s.source.page(
        query, around: nil, offset: max(0, top - height), limit: height * pageScreens, context: s.filterContext)
      s.list.page = page
      s.list.scroll.clamp(count: page.total, height: height)
    } catch {
      readFailed(&s, error)
    }
  }

  /// Says on the status line that the store could not be read; the screen keeps what it had.
  static func readFailed(_ s: inout AppState, _ error: Error) {
    let text = (error as? UserError)?.message(s.env.lang) ?? "\(error)"
    s.status = StatusMessage(shortenPaths(text, s.env), isError: true)
  }

  /// Brings the screen up to date after tasks or the directory changed.
  static func afterDataChange(_ s: inout AppState, catalogChanged: Bool = true) {
    if catalogChanged { s.resolveMe() }
    if let f = try? TaskFilter.parse(s.list.filterText, context: s.filterContext) { s.list.filter = f }
    do {
      s.list.stored = try s.source.stored()
    } catch {
      readFailed(&s, error)
    }
    refresh(&s)
    refreshReport(&s)
    clampAll(&s)
  }
}
