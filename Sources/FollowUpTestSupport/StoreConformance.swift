import FollowUpCore
import FollowUpStore
import Foundation

/// What every `TaskStore` must do, checked through the protocol alone, so the SQLite file and
/// the database server are held to the same behaviour.
///
/// Each check gets a fresh, empty store from `open` (the same store opened again as another
/// user when it asks for a second name) and throws `ConformanceFailure` when the store
/// misbehaves.
public struct StoreConformance: Sendable {
  /// Opens the store under test as a user; called again with another user for the same data.
  public typealias Opener = @Sendable (_ user: String) throws -> any TaskStore

  /// A broken promise, with what was expected and what the store did.
  public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
  }

  /// The checks, by name, for a test to run one by one.
  public static let checks: [(name: String, run: @Sendable (Opener) throws -> Void)] = [
    ("the sample imports whole, with its ids", sampleImportsWhole),
    ("an import with one bad task imports nothing", importIsAllOrNothing),
    ("add gives the next id and version 1", addAssignsIDs),
    ("edits are applied and recorded in the history", editsAreRecorded),
    ("an edit of a task changed since it was read is refused", staleEditIsRefused),
    ("undo and redo restore each state", undoAndRedo),
    ("undo refuses to revert another user's later change", undoRespectsOthers),
    ("deleted ids are never given out again", deletedIDsStayRetired),
    ("a missing task is named", missingTaskIsNamed),
    ("select, count and window agree", readsAgree),
    ("the window keeps a task in view", windowKeepsTask),
    ("another session's change moves the token and is listed", changesAreSeen),
    ("the lead workload equals the rules applied to every task", workloadMatchesRules),
    ("every dated event is stored and read back as it was", datedEventsRoundTrip),
    ("reads judge each task as it stood on the as-of day", readsJudgeAsOfTheDay),
  ]

  static func fail(_ message: String) -> ConformanceFailure { ConformanceFailure(description: message) }

  static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw fail(message()) }
  }

  /// Runs `body` and returns the user error it throws, failing when it throws none.
  static func userError(_ what: String, _ body: () throws -> Void) throws -> UserError {
    do {
      try body()
    } catch let e as UserError {
      return e
    }
    throw fail("\(what): expected a refusal, nothing was thrown")
  }

  static func withSample(_ open: Opener, user: String = "thuy") throws -> any TaskStore {
    let store = try open(user)
    _ = try store.importDocument(try Sample.document)
    return store
  }

  static func context(_ store: any TaskStore, asOf: Day = Sample.asOf) throws -> FilterContext {
    FilterContext(catalog: try store.loadCatalog(), asOf: asOf)
  }

  // MARK: Checks

  static func sampleImportsWhole(_ open: Opener) throws {
    let store = try open("thuy")
    let doc = try Sample.document
    let summary = try store.importDocument(doc)
    try expect(summary.taskIDs == Array(1...doc.tasks.count), "import numbered the tasks \(summary.taskIDs)")
    let stored = try store.loadTasks(projection: .full)
    try expect(stored.count == doc.tasks.count, "\(stored.count) tasks stored of \(doc.tasks.count)")
    for t in doc.tasks {
      guard let s = stored.first(where: { $0.ref == t.ref }) else { throw fail("task \(t.ref ?? "?") missing") }
      try expect(s.content == t.content && s.lead == t.lead && s.deadline == t.deadline && s.status == t.status
        && s.notes.count == t.notes.count && s.extensions == t.extensions,
        "task \(t.id) came back different: \(s) from \(t)")
    }
  }

  static func importIsAllOrNothing(_ open: Opener) throws {
    let store = try open("thuy")
    var doc = try Sample.document
    doc.tasks[doc.tasks.count - 1].lead = "NO-SUCH-AGENCY"
    _ = try userError("import with an unknown agency") { _ = try store.importDocument(doc) }
    try expect(try store.loadTasks(projection: .timing).isEmpty, "a refused import left tasks behind")
  }

  static func addAssignsIDs(_ open: Opener) throws {
    let store = try withSample(open)
    let maxID = try store.loadTasks(projection: .timing).map(\.id).max() ?? 0
    let added = try store.add(FollowUpTask(content: "Báo cáo sơ kết", lead: "LHH"))
    try expect(added.id == maxID + 1 && added.version == 1, "added as #\(added.id) v\(added.version), expected #\(maxID + 1) v1")
    let back = try store.task(added.id)
    try expect(back.content == "Báo cáo sơ kết" && back.lead == "LHH", "read back \(back)")
  }

  static func editsAreRecorded(_ open: Opener) throws {
    let store = try withSample(open)
    let day = Sample.day("2023-12-08")
    try store.apply(.markDone(day, result: "Tờ trình số 12"), to: [4])
    let t = try store.task(4)
    try expect(t.status == .done && t.completedOn == day && t.result == "Tờ trình số 12", "task 4 after done: \(t)")
    try expect(t.version == 2, "version after one edit is \(t.version)")
    let history = try store.history(taskID: 4)
    try expect(history.first?.kind == "done" && history.first?.by == "thuy", "history starts \(String(describing: history.first))")
    try store.apply(.addNote(ProgressNote(on: day, text: "Đã trình", by: "thuy")), to: [4])
    try expect(try store.task(4).notes.last?.text == "Đã trình", "the note was not kept")
    var patch = TaskPatch(defaultCompletion: day)
    patch.product = "Quy định"
    try store.apply(.patch(patch), to: [4])
    try expect(try store.task(4).product == "Quy định", "the patch was not applied")
  }

  static func staleEditIsRefused(_ open: Opener) throws {
    let thuy = try withSample(open)
    let an = try open("an")
    let seen = try thuy.task(2)
    var patch = TaskPatch(defaultCompletion: Sample.asOf)
    patch.product = "Bản của An"
    try an.apply(.patch(patch), to: [2])
    patch.product = "Bản của Thuỷ"
    let e = try userError("stale edit") { try thuy.apply(.patch(patch), to: [2], expected: [2: seen.version]) }
    try expect(e.message(.en).contains("an"), "the refusal does not name who changed it: \(e.message(.en))")
    try expect(try thuy.task(2).product == "Bản của An", "a refused edit changed the task")
  }

  static func undoAndRedo(_ open: Opener) throws {
    let store = try withSample(open)
    let before = try store.task(1)
    try store.apply(.markDone(Sample.asOf), to: [1])
    let undone = try store.undo()
    try expect(undone.kind == "done" && undone.taskIDs == [1], "undo reported \(undone)")
    let back = try store.task(1)
    try expect(back.status == before.status && back.completedOn == before.completedOn, "undo left \(back)")
    _ = try store.redo()
    try expect(try store.task(1).status == .done, "redo did not mark task 1 done again")
    _ = try store.undo()
    try store.apply(.reopen, to: [6])
    _ = try userError("redo after a new action") { _ = try store.redo() }
  }

  static func undoRespectsOthers(_ open: Opener) throws {
    let thuy = try withSample(open)
    let an = try open("an")
    var mine = TaskPatch(defaultCompletion: Sample.asOf)
    mine.product = "Của Thuỷ"
    try thuy.apply(.patch(mine), to: [2])
    var theirs = TaskPatch(defaultCompletion: Sample.asOf)
    theirs.product = "Của An"
    try an.apply(.patch(theirs), to: [2])
    _ = try userError("undo over another user's change") { _ = try thuy.undo() }
    try expect(try thuy.task(2).product == "Của An", "undo reverted another user's change")
  }

  static func deletedIDsStayRetired(_ open: Opener) throws {
    let store = try withSample(open)
    let last = try store.add(FollowUpTask(content: "Tạm", lead: "LHH"))
    try store.delete(ids: [last.id])
    try expect(try store.loadTasks(ids: [last.id]).isEmpty, "deleted task still there")
    let next = try store.add(FollowUpTask(content: "Mới", lead: "LHH"))
    try expect(next.id == last.id + 1, "id \(last.id) was given out again as \(next.id)")
    _ = try store.undo()
    _ = try store.undo()
    try expect(try store.task(last.id).content == "Tạm", "undoing the delete did not bring the task back")
  }

  static func missingTaskIsNamed(_ open: Opener) throws {
    let store = try withSample(open)
    let e = try userError("edit of task 999") { try store.apply(.reopen, to: [2, 999]) }
    try expect(e.message(.en).contains("999"), "the error does not name the task: \(e.message(.en))")
  }

  static func readsAgree(_ open: Opener) throws {
    let store = try withSample(open)
    for asOf in ["2023-05-20", "2023-09-30", "2023-11-30", "2024-06-30"].map(Sample.day) {
      let ctx = try context(store, asOf: asOf)
      for words in ["", "status:open", "status:overdue", "-status:done", "agency:LHH", "nguyen", "-owner:thuy", "due<31/12/2023"] {
        let filter = try TaskFilter.parse(words, context: ctx)
        let selected = try store.select(filter, context: ctx)
        let all = try store.loadTasks(projection: .listing)
        let judged = all.filter { t in
          filter.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: ctx.catalog) }
        }
        try expect(Set(selected.map(\.id)) == Set(judged.map(\.id)),
          "'\(words)' as of \(asOf.iso): store selects \(selected.map(\.id).sorted()), the rules \(judged.map(\.id).sorted())")
        try expect(try store.count(filter, context: ctx) == selected.count, "'\(words)': count differs from select")
        var paged: [Int] = []
        var offset = 0
        var total = -1
        repeat {
          let w = try store.window(WindowRequest(filter: filter, order: .deadline, offset: offset, limit: 3), context: ctx)
          total = w.total
          paged += w.rows.map(\.id)
          offset += 3
          if w.rows.isEmpty { break }
        } while offset < total
        try expect(total == selected.count && Set(paged) == Set(selected.map(\.id)) && paged.count == selected.count,
          "'\(words)': the pages hold \(paged), the list \(selected.map(\.id))")
      }
    }
  }

  static func windowKeepsTask(_ open: Opener) throws {
    let store = try withSample(open)
    let ctx = try context(store)
    for id in try store.loadTasks(projection: .timing).map(\.id) {
      let w = try store.window(WindowRequest(order: .status, around: id, offset: 0, limit: 2), context: ctx)
      try expect(w.rows.contains { $0.id == id }, "the window around #\(id) holds \(w.rows.map(\.id))")
      try expect(w.rows.count == min(2, w.total), "a window of 2 holds \(w.rows.count) of \(w.total)")
    }
  }

  static func changesAreSeen(_ open: Opener) throws {
    let thuy = try withSample(open)
    let an = try open("an")
    let token = try thuy.changeToken()
    let revision = try thuy.revision()
    try an.apply(.addNote(ProgressNote(on: Sample.asOf, text: "Đang dự thảo", by: "an")), to: [5])
    try expect(try thuy.changeToken() != token, "another session's change did not move the token")
    let changes = try thuy.changes(since: revision)
    try expect(changes.changed.map(\.id) == [5] && changes.deleted.isEmpty, "changes since: \(changes.changed.map(\.id)), deleted \(changes.deleted)")
  }

  static func workloadMatchesRules(_ open: Opener) throws {
    let store = try withSample(open)
    let catalog = try store.loadCatalog()
    for asOf in ["2023-05-20", "2023-09-30", "2023-11-30", "2023-12-31"].map(Sample.day) {
      for rollup in [false, true] {
        let options = WorkloadOptions(asOf: asOf, rollup: rollup)
        let stored = try store.leadWorkload(catalog: catalog, options: options)
        let rules = WorkloadReport.compute(tasks: try store.loadTasks(projection: .timing), catalog: catalog, options: options)
        try expect(stored.rows.map(\.counts) == rules.rows.map(\.counts) && stored.totals == rules.totals,
          "workload as of \(asOf.iso) (roll-up \(rollup)) differs from the rules")
      }
    }
  }

  // MARK: Dated events and as-of reads

  static func datedEventsRoundTrip(_ open: Opener) throws {
    let store = try open("thuy")
    var doc = try Sample.document
    for i in doc.tasks.indices { doc.tasks[i].id = i + 1 }
    doc.tasks[0].lead = "LHH"
    doc.tasks[0].reassignments = [Reassignment(from: "DD_LHH", to: "LHH", on: Sample.day("2023-10-01"), document: "45-TB/BTGTU")]
    doc.tasks[0].reminders = [Reminder(on: Sample.day("2023-10-05"), document: "12-CV/BTGTU", channel: .phone, note: "Nhắc lần 1")]
    doc.tasks[0].extensions.append(DeadlineExtension(
      requestedOn: Sample.day("2023-10-02"), from: .on(Sample.day("2023-09-30")), to: .on(Sample.day("2023-12-31")),
      decision: .partial, decidedOn: Sample.day("2023-10-10"), document: "60-CV/BTGTU", granted: .on(Sample.day("2023-11-30"))))
    doc.tasks[1].status = .reported
    doc.tasks[1].reportedOn = Sample.day("2024-03-20")
    doc.tasks[4].status = .withdrawn
    doc.tasks[4].withdrawal = Withdrawal(on: Sample.day("2023-11-01"), reason: "Gộp", document: "50-TB/BTGTU", mergedInto: 2)
    _ = try store.importDocument(doc)
    for given in doc.tasks {
      var back = try store.task(given.id)
      back.version = given.version
      if given.assignedOn == nil { back.assignedOn = nil }
      try expect(back == given, "task \(given.id) came back as \(back), stored \(given)")
    }
    // Edits keep them too.
    try store.apply(.remind(Reminder(on: Sample.day("2023-12-01"), channel: .letter)), to: [1])
    try store.apply(.accept(on: nil), to: [2])
    try store.apply(.reassign(lead: "SNV", owner: nil, on: Sample.day("2023-12-15"), document: "7/QĐ"), to: [1])
    let t1 = try store.task(1), t2 = try store.task(2)
    try expect(t1.reminders.count == 2 && t1.reassignments.count == 2 && t1.lead == "SNV", "task 1 after edits: \(t1)")
    try expect(t2.status == .done && t2.completedOn == Sample.day("2024-03-20") && t2.reportedOn == t2.completedOn, "task 2 after accept: \(t2)")
  }

  static func readsJudgeAsOfTheDay(_ open: Opener) throws {
    let store = try withSample(open)
    func count(_ terms: [FilterTerm], _ iso: String) throws -> Int {
      try store.count(TaskFilter(terms: terms, source: ""), context: try context(store, asOf: Sample.day(iso)))
    }
    // T4 was completed on 08/12/2023: still open on 30/11.
    try expect(try count([.status([.workflow(.done)])], "2023-11-30") == 2, "done as of 30/11/2023")
    try expect(try count([.status([.open])], "2023-11-30") == 5, "open as of 30/11/2023")
    // Nothing had been assigned the day before the meeting, whatever the filter.
    for terms in [[FilterTerm](), [.status([.open])], [.not(.owner(["P01"]))]] {
      try expect(try count(terms, "2023-05-25") == 0, "\(terms) before the meeting")
    }
    let report = try store.leadWorkload(catalog: try store.loadCatalog(), options: WorkloadOptions(asOf: Sample.day("2023-05-25")))
    try expect(report.totals.total == 0, "workload before the meeting")
    // A reassignment counts for the old lead until the day before.
    try store.apply(.reassign(lead: "SNV", owner: nil, on: Sample.day("2023-09-01")), to: [5])
    try expect(try count([.lead(["LHH"]), .ids([5])], "2023-08-31") == 1, "task 5 under LHH on 31/08")
    try expect(try count([.lead(["SNV"]), .ids([5])], "2023-09-01") == 1, "task 5 under SNV on 01/09")
    // A withdrawal counts until the day before, then leaves the totals.
    try store.apply(.withdraw(reason: nil, on: Sample.day("2023-10-15")), to: [1])
    let catalog = try store.loadCatalog()
    let before = try store.leadWorkload(catalog: catalog, options: WorkloadOptions(asOf: Sample.day("2023-10-14")))
    let after = try store.leadWorkload(catalog: catalog, options: WorkloadOptions(asOf: Sample.day("2023-10-15")))
    try expect(before.totals.total == 7 && after.totals.total == 6 && after.totals.excluded == 1, "withdrawal on 15/10: \(before.totals.total) then \(after.totals.total)")
  }
}
