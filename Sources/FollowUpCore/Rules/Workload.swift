/// Whose workload a report counts.
public enum WorkloadGrouping: String, Sendable, Codable, CaseIterable {
  /// One row per lead agency (cơ quan chủ trì): each task once.
  case lead
  /// One row per coordinating agency (cơ quan phối hợp): a task once per coordinator.
  case coordinating
}

/// The denominator of the report's rates (DOMAIN §2.5).
public enum RateFormula: String, Sendable, Codable, CaseIterable {
  /// VPCP style: rates over the tasks that have fallen due, (12) = (4)+(5)+(8).
  case due
  /// Đà Nẵng style: rates over all tasks, (3).
  case total
}

/// How rows are ordered.
public enum WorkloadOrder: String, Sendable, Codable, CaseIterable {
  /// Protocol order of the agency directory (default).
  case protocolOrder = "protocol"
  /// Vietnamese alphabetical order of names.
  case name
  /// Most overdue first.
  case overdue
}

/// The report's counts for one row (or the totals), columns (3)–(14) of the Biểu tổng hợp.
public struct WorkloadCounts: Hashable, Sendable {
  /// (4) Hoàn thành đúng hạn.
  public var doneOnTime = 0
  /// (5) Hoàn thành quá hạn.
  public var doneLate = 0
  /// (6) Hoàn thành, không thời hạn.
  public var doneNoDeadline = 0
  /// (7) Chưa hoàn thành, trong hạn.
  public var openInTime = 0
  /// (8) Chưa hoàn thành, quá hạn.
  public var overdue = 0
  /// (9) Chưa hoàn thành, không thời hạn.
  public var openNoDeadline = 0
  /// (10) Thường xuyên.
  public var routine = 0
  /// (11) Được gia hạn: tasks with an approved extension in force.
  public var extended = 0
  /// Open tasks within their deadline that are due soon (not an official column).
  public var dueSoon = 0
  /// Withdrawn tasks, outside (3) and reported in a footnote.
  public var excluded = 0
  /// Tasks assigned before the period and still open at its start.
  public var carriedOver = 0
  /// The largest number of days any task is overdue.
  public var maxDaysOverdue = 0

  /// Creates empty counts.
  public init() {}

  /// (3) Tổng số = (4)+(5)+(6)+(7)+(8)+(9)+(10).
  public var total: Int {
    doneOnTime + doneLate + doneNoDeadline + openInTime + overdue + openNoDeadline + routine
  }
  /// Completed, whatever the timing.
  public var done: Int { doneOnTime + doneLate + doneNoDeadline }
  /// Still open (within deadline, overdue, or without deadline).
  public var open: Int { openInTime + overdue + openNoDeadline }
  /// (12) Đến hạn = (4)+(5)+(8).
  public var due: Int { doneOnTime + doneLate + overdue }

  /// The total-based completion denominator, (3) − (10): routine work is outside the
  /// tracking scope (it is never "completed"), tasks without a deadline are in (they can
  /// be completed, and (6) counts them).
  public var tracked: Int { total - routine }
  /// The total-based on-time denominator, (3) − (6) − (9) − (10): only tasks with a
  /// deadline can be on time or late.
  public var dated: Int { total - doneNoDeadline - openNoDeadline - routine }

  /// (13) Tỷ lệ hoàn thành, or nil when the denominator is zero. Total basis:
  /// ((4)+(5)+(6)) / ((3) − (10)).
  public func completionRate(_ formula: RateFormula) -> Double? {
    switch formula {
    case .due: return due == 0 ? nil : Double(doneOnTime + doneLate) / Double(due)
    case .total: return tracked == 0 ? nil : Double(done) / Double(tracked)
    }
  }

  /// (14) Tỷ lệ đúng hạn, or nil when the denominator is zero. Total basis:
  /// (4) / ((3) − (6) − (9) − (10)).
  public func onTimeRate(_ formula: RateFormula) -> Double? {
    let d = formula == .due ? due : dated
    return d == 0 ? nil : Double(doneOnTime) / Double(d)
  }

  /// Counts one task's timeliness.
  public mutating func add(_ t: Timeliness, extended isExtended: Bool, times n: Int = 1) {
    switch t {
    case .doneOnTime: doneOnTime += n
    case .doneLate: doneLate += n
    case .doneNoDeadline: doneNoDeadline += n
    case .openInTime(_, let soon):
      openInTime += n
      if soon { dueSoon += n }
    case .overdue(let days):
      overdue += n
      maxDaysOverdue = max(maxDaysOverdue, days)
    case .openNoDeadline: openNoDeadline += n
    case .routine: routine += n
    case .excluded:
      excluded += n
      return
    }
    if isExtended { extended += n }
  }

  /// Adds another row's counts (for totals).
  public mutating func add(_ o: WorkloadCounts) {
    doneOnTime += o.doneOnTime
    doneLate += o.doneLate
    doneNoDeadline += o.doneNoDeadline
    openInTime += o.openInTime
    overdue += o.overdue
    openNoDeadline += o.openNoDeadline
    routine += o.routine
    extended += o.extended
    dueSoon += o.dueSoon
    excluded += o.excluded
    carriedOver += o.carriedOver
    maxDaysOverdue = max(maxDaysOverdue, o.maxDaysOverdue)
  }
}

/// One row of the report: an agency (with the agencies rolled into it) and its counts.
public struct WorkloadRow: Hashable, Sendable {
  /// The row's agency code.
  public var agency: String
  /// Other agency codes whose tasks this row includes because of the roll-up.
  public var members: [String]
  /// The counts.
  public var counts: WorkloadCounts
  /// The ids of the tasks counted in this row (withdrawn ones included), for drill-down.
  public var taskIDs: [Int]
}

/// What a report is asked for.
public struct WorkloadOptions: Hashable, Sendable {
  /// The cut-off day (số liệu tính đến ngày).
  public var asOf: Day
  /// Lead or coordinating agencies.
  public var grouping: WorkloadGrouping
  /// Whether agencies with a roll-up target are counted in the target's row.
  public var rollup: Bool
  /// Rate denominators.
  public var formula: RateFormula
  /// Timeliness basis and due-soon window.
  public var rules: TimelinessRules
  /// The report period: tasks assigned in it, plus earlier ones still open at its start.
  public var period: ClosedRange<Day>?
  /// Row order.
  public var order: WorkloadOrder

  /// Creates options; the defaults are the official ones.
  public init(
    asOf: Day, grouping: WorkloadGrouping = .lead, rollup: Bool = false,
    formula: RateFormula = .due, rules: TimelinessRules = .standard,
    period: ClosedRange<Day>? = nil, order: WorkloadOrder = .protocolOrder
  ) {
    self.asOf = asOf
    self.grouping = grouping
    self.rollup = rollup
    self.formula = formula
    self.rules = rules
    self.period = period
    self.order = order
  }
}

/// The per-agency workload report (Biểu tổng hợp), DESIGN §4 and DOMAIN §3.
public struct WorkloadReport: Hashable, Sendable {
  /// What was asked.
  public var options: WorkloadOptions
  /// One row per agency with at least one task.
  public var rows: [WorkloadRow]
  /// The totals row (for coordinating reports, the sum of rows).
  public var totals: WorkloadCounts

  /// Computes the report from tasks and their directory.
  public static func compute(
    tasks: [FollowUpTask], catalog: Catalog, options: WorkloadOptions
  ) -> WorkloadReport {
    var byAgency: [String: WorkloadCounts] = [:]
    var ids: [String: [Int]] = [:]
    var totals = WorkloadCounts()
    for task in tasks {
      guard let carried = scope(task, catalog: catalog, options: options) else { continue }
      let t = options.rules.evaluate(task, asOf: options.asOf)
      let ext = task.isExtended(asOf: options.asOf)
      // A reassigned task counts for the lead it had on the cut-off day.
      let codes = options.grouping == .lead ? [task.lead(asOf: options.asOf)] : uniqued(task.coordinating)
      // Two coordinators that roll up into one row count the task once in that row; the
      // second still joins the row's members.
      var rowsCounted: Set<String> = []
      for code in codes {
        if options.rollup && codes.count > 1 && !rowsCounted.insert(rollupTarget(code, catalog)).inserted {
          if byAgency[code] == nil { byAgency[code] = WorkloadCounts() }
          continue
        }
        // Mutated in place: copying a value out and back would copy a growing list per task.
        byAgency[code, default: WorkloadCounts()].add(t, extended: ext)
        if carried { byAgency[code]?.carriedOver += 1 }
        ids[code, default: []].append(task.id)
      }
      if options.grouping == .lead {
        totals.add(t, extended: ext)
        if carried { totals.carriedOver += 1 }
      }
    }
    return assemble(counts: byAgency, taskIDs: ids, totals: options.grouping == .lead ? totals : nil, catalog: catalog, options: options)
  }

  /// Builds the report from counts per agency code (however they were counted): rolls
  /// agencies into their targets when asked, orders the rows, and adds up the totals when
  /// they are not given (coordinating reports count a task once per coordinator).
  public static func assemble(
    counts: [String: WorkloadCounts], taskIDs: [String: [Int]] = [:], totals given: WorkloadCounts?,
    catalog: Catalog, options: WorkloadOptions
  ) -> WorkloadReport {
    var rows: [String: WorkloadRow] = [:]
    for (code, c) in counts {
      let target = options.rollup ? rollupTarget(code, catalog) : code
      rows[target, default: WorkloadRow(agency: target, members: [], counts: .init(), taskIDs: [])].counts.add(c)
      rows[target]?.taskIDs.append(contentsOf: taskIDs[code] ?? [])
      if code != target { rows[target]?.members.append(code) }
    }
    var list = Array(rows.values)
    var totals = given ?? WorkloadCounts()
    if given == nil { for r in list { totals.add(r.counts) } }
    list.sort { a, b in order(a, b, options.order, catalog) }
    for i in list.indices {
      list[i].taskIDs.sort()
      list[i].members.sort { lhs, rhs in
        let x = catalog.agencies[lhs], y = catalog.agencies[rhs]
        if let x, let y { return Catalog.protocolOrder(x, y) }
        return lhs < rhs
      }
    }
    return WorkloadReport(options: options, rows: list, totals: totals)
  }

  /// Whether a task belongs to the period; nil when outside, true when carried over.
  static func scope(_ task: FollowUpTask, catalog: Catalog, options: WorkloadOptions) -> Bool? {
    guard let assigned = catalog.assignedOn(task) else { return false }
    if assigned > options.asOf { return nil }
    guard let period = options.period else { return false }
    if assigned > period.upperBound { return nil }
    if assigned >= period.lowerBound { return false }
    // Assigned earlier: it is carried over only if it was still open when the period began.
    if task.isFinished(asOf: period.lowerBound.adding(days: -1)) { return nil }
    return true
  }

  static func rollupTarget(_ code: String, _ catalog: Catalog) -> String {
    var current = code
    var seen: Set<String> = [code]
    // Follow chains (A → B → C) but stop on a cycle rather than loop forever.
    while let next = catalog.agencies[current]?.rollupTo, !next.isEmpty, !seen.contains(next) {
      seen.insert(next)
      current = next
    }
    return current
  }

  static func uniqued(_ codes: [String]) -> [String] {
    var seen: Set<String> = []
    return codes.filter { seen.insert($0).inserted }
  }

  static func order(_ a: WorkloadRow, _ b: WorkloadRow, _ o: WorkloadOrder, _ c: Catalog) -> Bool {
    let x = c.agencies[a.agency], y = c.agencies[b.agency]
    let byProtocol: Bool = {
      if let x, let y { return Catalog.protocolOrder(x, y) }
      if x != nil { return true }
      if y != nil { return false }
      return a.agency < b.agency
    }()
    switch o {
    case .protocolOrder:
      return byProtocol
    case .name:
      let nx = x?.name ?? a.agency, ny = y?.name ?? b.agency
      return nx == ny ? byProtocol : VietText.areInIncreasingOrder(nx, ny)
    case .overdue:
      if a.counts.overdue != b.counts.overdue { return a.counts.overdue > b.counts.overdue }
      if a.counts.maxDaysOverdue != b.counts.maxDaysOverdue {
        return a.counts.maxDaysOverdue > b.counts.maxDaysOverdue
      }
      return byProtocol
    }
  }
}
