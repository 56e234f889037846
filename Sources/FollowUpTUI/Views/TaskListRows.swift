import FollowUpCore
import TermCore

// Which tasks the list shows and in what order: sorting, filtering, live search, and keeping
// both up to date as tasks change.

extension Update {
  /// Re-sorts every task for the current order, then re-filters.
  public static func resort(_ s: inout AppState) {
    let data = s.data
    let rank = TaskOrder.agencyRanks(data.catalog)
    var keys: [Int: SortKey] = [:]
    keys.reserveCapacity(data.tasks.count)
    var keyed: [(SortKey, Int)] = []
    keyed.reserveCapacity(data.tasks.count)
    let asOf = s.env.asOf
    data.tasks.forEach { id, t in
      // A task assigned after the as-of day did not exist yet: the list, like every read,
      // leaves it out.
      guard data.catalog.exists(t, asOf: asOf) else { return }
      let k = s.list.sort.key(t, timeliness: data.timeliness(of: id), asOf: s.env.asOf, basis: s.env.rules.basis, agencyRank: rank)
      keys[id] = k
      keyed.append((k, id))
    }
    keyed.sort { $0.0 < $1.0 }
    s.list.sorted = keyed.map(\.1)
    s.list.sortKeys = keys
    refilter(&s)
  }

  /// Brings the lists up to date after tasks changed: a few changed tasks are moved to their
  /// new places by binary search; many, or a new directory, sort everything again.
  static func afterDataChange(_ s: inout AppState, touched: [Int] = [], catalogChanged: Bool = true) {
    if catalogChanged { s.resolveMe() }
    s.list.marked = s.list.marked.filter { s.data.tasks[$0] != nil }
    if let f = try? TaskFilter.parse(s.list.filterText, context: s.filterContext) { s.list.filter = f }
    if s.list.scope != nil { updateScope(&s, touched: catalogChanged || touched.isEmpty ? nil : touched) }
    if catalogChanged || touched.count > 64 || touched.isEmpty {
      resort(&s)
    } else {
      reposition(&s, Set(touched))
      refilter(&s)
    }
    refreshReport(&s)
    clampAll(&s)
  }

  /// Keeps a drill-down's tasks those its agencies-view row counts: the changed tasks are
  /// judged again (all of them when `touched` is nil).
  static func updateScope(_ s: inout AppState, touched: [Int]?) {
    guard var scope = s.list.scope else { return }
    let data = s.data
    let asOf = s.env.asOf
    func counts(_ id: Int) -> Bool {
      guard data.timeliness(of: id) != .excluded, let t = data.tasks[id] else { return false }
      if let assigned = data.catalog.assignedOn(t), assigned > asOf { return false }
      switch scope.grouping {
      case .lead: return scope.codes.contains(t.lead)
      case .coordinating: return t.coordinating.contains { scope.codes.contains($0) }
      }
    }
    if let touched {
      for id in touched {
        if counts(id) { scope.ids.insert(id) } else { scope.ids.remove(id) }
      }
    } else {
      scope.ids = Set(data.tasks.keys.filter(counts))
    }
    s.list.scope = scope
  }

  static func reposition(_ s: inout AppState, _ ids: Set<Int>) {
    s.list.sorted.removeAll { ids.contains($0) }
    let rank = TaskOrder.agencyRanks(s.data.catalog)
    for id in ids {
      guard let t = s.data.tasks[id], s.data.catalog.exists(t, asOf: s.env.asOf) else {
        s.list.sortKeys[id] = nil
        continue
      }
      let k = s.list.sort.key(t, timeliness: s.data.timeliness(of: id), asOf: s.env.asOf, basis: s.env.rules.basis, agencyRank: rank)
      s.list.sortKeys[id] = k
      var lo = 0, hi = s.list.sorted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if (s.list.sortKeys[s.list.sorted[mid]] ?? k) < k { lo = mid + 1 } else { hi = mid }
      }
      s.list.sorted.insert(id, at: lo)
    }
  }

  /// Recomputes the visible rows, keeping the selected task selected when it is still shown.
  ///
  /// The search's last word matches whole words; only when that finds nothing, and the word
  /// may still be unfinished (no space after it), does it match the beginning of words. So
  /// `doan` finds Đoàn and not doanh, while `nguyen binh kh` already finds Nguyễn Bỉnh Khiêm.
  public static func refilter(_ s: inout AppState) {
    let selected = s.list.selectedID
    let ctx = s.filterContext
    let text = s.list.searchText
    let exact = (try? TaskFilter.parse(text, context: ctx)) ?? TaskFilter(terms: [.nothing], source: text)
    var visible = matching(s, search: exact)
    if visible.isEmpty, !text.isEmpty, !(text.last?.isWhitespace ?? true),
      let prefix = try? TaskFilter.parse(text, context: ctx, incremental: true), prefix != exact
    {
      visible = matching(s, search: prefix)
    }
    s.list.visible = visible
    var counts = WorkloadCounts()
    for id in visible { counts.add(s.data.timeliness(of: id), extended: false) }
    s.list.counts = counts
    if let selected, let i = visible.firstIndex(of: selected) {
      s.list.scroll.cursor = i
    }
    s.list.scroll.clamp(count: visible.count, height: ScreenLayout(s.size).body.height)
  }

  /// The sorted task ids that pass the quick filters, the committed filter and a search.
  static func matching(_ s: AppState, search: TaskFilter) -> [Int] {
    let ctx = s.filterContext
    let filters = [s.list.filter, search].filter { !$0.isEmpty }
    let quick = s.list.quick
    let scope = s.list.scope?.ids
    let me = s.me
    let monday = s.env.asOf.adding(days: 1 - s.env.asOf.isoWeekday)
    let sunday = monday.adding(days: 6)
    let data = s.data
    var phrases: [PhraseKey: SearchIndex.Phrase] = [:]
    for f in filters {
      for (p, prefix) in f.textTerms { phrases[PhraseKey(words: p, prefix: prefix)] = data.index?.compile(p, lastIsPrefix: prefix) }
    }
    let asOf = s.env.asOf
    // The quick filters that need only the judgement (and, for a routine task, the task).
    func passesStatusQuick(_ id: Int, _ tl: Timeliness) -> Bool {
      if quick.openOnly && !tl.isOpen(finished: { data.tasks[id]?.isFinished(asOf: asOf) == true }) { return false }
      if quick.overdueOnly && !tl.isOverdue { return false }
      if quick.awaitingAcceptance && data.tasks[id]?.status(asOf: asOf) != .reported { return false }
      return true
    }
    // The common case, plain words (with at most "open only" or "overdue only"): straight
    // through the index, plus the tasks whose agencies' names contain the phrase.
    if !quick.mine, !quick.dueThisWeek, filters.count == 1, let only = filters.first,
      only.terms.count == textCount(only), let index = data.index
    {
      let compiled = only.textTerms.compactMap { t in
        phrases[PhraseKey(words: t.phrase, prefix: t.lastIsPrefix)].map { ($0, ctx.agencies(matching: t.phrase, lastIsPrefix: t.lastIsPrefix)) }
      }
      guard compiled.count == only.textTerms.count else { return [] }
      return s.list.sorted.filter { id in
        if let scope, !scope.contains(id) { return false }
        if quick.any && !passesStatusQuick(id, data.timeliness(of: id)) { return false }
        return compiled.allSatisfy { phrase, agencies in
          if index.matches(taskID: id, phrase) { return true }
          guard !agencies.isEmpty, let t = data.tasks[id] else { return false }
          return SearchText.involves(t, anyOf: agencies)
        }
      }
    }
    if filters.isEmpty && !quick.any {
      guard let scope else { return s.list.sorted }
      return s.list.sorted.filter { scope.contains($0) }
    }
    var visible: [Int] = []
    visible.reserveCapacity(s.list.sorted.count)
    // Only what needs the task itself fetches it: copying 100,000 task values to test a
    // status would cost more than the whole test.
    let needsTask = quick.mine || quick.dueThisWeek || !filters.isEmpty
    for id in s.list.sorted {
      if let scope, !scope.contains(id) { continue }
      let tl = data.timeliness(of: id)
      if !passesStatusQuick(id, tl) { continue }
      if !needsTask {
        visible.append(id)
        continue
      }
      guard let t = data.tasks[id] else { continue }
      if quick.mine && t.owner != me && t.tracker != me { continue }
      if quick.dueThisWeek {
        guard !tl.isDone, let d = (s.env.rules.basis == .effective ? t.effectiveDeadline(asOf: s.env.asOf) : t.deadline).date,
          d >= monday, d <= sunday
        else { continue }
      }
      var ok = true
      for f in filters {
        let hit = f.matches(t, context: ctx, timeliness: tl) { words, prefix in
          let key = PhraseKey(words: words, prefix: prefix)
          let phrase = phrases[key] ?? data.index?.compile(words, lastIsPrefix: prefix)
          return data.matchesText(id, phrase, words: words, prefix: prefix)
        }
        if !hit {
          ok = false
          break
        }
      }
      if ok { visible.append(id) }
    }
    return visible
  }

  static func textCount(_ f: TaskFilter) -> Int {
    f.terms.filter { if case .text = $0 { return true } else { return false } }.count
  }

  struct PhraseKey: Hashable {
    var words: [String]
    var prefix: Bool
  }
}
