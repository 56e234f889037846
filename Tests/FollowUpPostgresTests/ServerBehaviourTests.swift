import FollowUpCore
import FollowUpPostgres
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing

/// Many clients at once, a server that goes away, moving data between a file and a server,
/// live notifications and schema versions.
@Suite(.enabled(if: TestServer.available, TestServer.skipReason))
struct ServerBehaviourTests {
  @Test func twentyClientsTwentyFiveChangesEachLoseNothing() throws {
    let db = try TestDatabase(logins: [("cvp", .office, nil)])
    let setup = try db.store("cvp")
    _ = try setup.importDocument(try Sample.document)
    let ids = try setup.loadTasks(projection: .timing).map(\.id)
    let start = try setup.revision()
    let clients = 20, changes = 25
    let failures = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: clients) { c in
      do {
        let store = try db.store("cvp")
        for k in 0..<changes {
          // Every client writes to every task in turn, so they collide on the same rows.
          let id = ids[(c + k) % ids.count]
          try store.apply(.addNote(ProgressNote(on: Sample.asOf, text: "client \(c) change \(k)")), to: [id])
        }
      } catch {
        failures.withLock { $0.append("client \(c): \(error)") }
      }
    }
    #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
    let notes = try setup.loadTasks(projection: .full).flatMap(\.notes).filter { $0.text.hasPrefix("client ") }
    #expect(notes.count == clients * changes)
    #expect(Set(notes.map(\.text)).count == clients * changes, "a note was written twice or lost")
    #expect(try setup.revision() == start + clients * changes, "every change is one action")
    #expect(try setup.history(taskID: nil, limit: 10_000).filter { $0.kind == "note" }.count == clients * changes)
  }

  @Test func aStoppedServerGivesOneSentenceAndHalfAppliesNothing() throws {
    let cluster = try TestServer.ownCluster()
    let db = try TestDatabase(on: cluster, logins: [("fvp", .office, nil)])
    let office = try db.store("fvp")
    _ = try office.importDocument(try Sample.document)
    let before = try office.loadTasks(projection: .timing).count

    // A large import running when the server stops: all of it or none of it.
    var big = try Sample.document
    let template = big.tasks[0]
    big.tasks = (0..<5_000).map { i in
      var t = template
      t.id = 0
      t.ref = "BIG-\(i)"
      return t
    }
    let bigDoc = big
    let outcome = Mutex<Result<Int, any Error>?>(nil)
    let importer = Thread {
      do {
        let s = try db.store("fvp")
        let summary = try s.importDocument(bigDoc, renumber: true)
        outcome.withLock { $0 = .success(summary.taskIDs.count) }
      } catch {
        outcome.withLock { $0 = .failure(error) }
      }
    }
    importer.start()
    let watcher = try PGConnection(db.adminURL)
    try waitUntil("the import to be under way") {
      try outcome.withLock { $0 != nil }
        || (watcher.execute(
          """
          SELECT 1 FROM pg_stat_activity WHERE usename = 'fvp' AND datname = current_database()
            AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO followup.task %'
          """
        ).isEmpty == false)
    }
    try TestServer.stopServer(cluster)

    // While it is down: one sentence and a non-zero exit on the command line.
    let down = try followup(["list", "--file", db.url(as: "fvp")])
    #expect(down.status != 0)
    #expect(down.err.split(separator: "\n").count == 1 && down.err.contains("Cannot reach the server"), "\(down.err)")
    try waitUntil("the import to end") { outcome.withLock { $0 != nil } }

    try TestServer.startServer(cluster)
    let after = try db.store("fvp").loadTasks(projection: .timing).count
    switch outcome.withLock({ $0 }) {
    case .success(let n)?:
      #expect(after == before + n, "the import reported success but \(after - before) tasks are there")
    case .failure(let e as UserError)?:
      #expect([UserError.Code.serverLost, .serverCommitLost].contains(e.code), "\(e.code): \(e.en)")
      if e.code == .serverLost { #expect(after == before, "a failed import left \(after - before) tasks") }
      #expect(after == before || after == before + big.tasks.count, "half an import: \(after - before) tasks")
    case .failure(let e)?:
      Issue.record("the import failed without a sentence: \(e)")
    case nil:
      Issue.record("the import never ended")
    }

    // The long-lived session carries on over a new connection.
    #expect(try office.loadTasks(projection: .timing).count == after)
    try office.apply(.addNote(ProgressNote(on: Sample.asOf, text: "Sau khi khởi động lại")), to: [1])
    #expect(try office.task(1).notes.last?.text == "Sau khi khởi động lại")
  }

  @Test func aFileExportImportsIntoAServerAndExportsIdentically() throws {
    try withScratchFolder("followup-migrate") { dir in
      let file = dir.appendingPathComponent("office.db").path
      let sample = dir.appendingPathComponent("sample.json")
      try BundledData.sampleJSON.write(to: sample)
      #expect(try followup(["import", "--file", file, sample.path]).status == 0)
      #expect(try followup(["note", "--file", file, "2", "Đã gửi dự thảo lần 2"]).status == 0)
      let fromFile = try followup(["export", "--file", file])
      #expect(fromFile.status == 0, "\(fromFile.err)")
      let exported = dir.appendingPathComponent("export.json")
      try Data(fromFile.out.utf8).write(to: exported)

      let db = try TestDatabase(logins: [("mvp", .office, nil)])
      let url = db.url(as: "mvp")
      let imported = try followup(["import", "--file", url, exported.path])
      #expect(imported.status == 0, "\(imported.err)")
      let fromServer = try followup(["export", "--file", url])
      #expect(fromServer.status == 0, "\(fromServer.err)")
      #expect(fromServer.out == fromFile.out, "the server's export differs from the file's")
    }
  }

  @Test func migrateCopiesAFileToAServerAndBackWithIdenticalExports() throws {
    try withScratchFolder("followup-migrate") { dir in
      let file = dir.appendingPathComponent("office.db").path
      let sample = dir.appendingPathComponent("sample.json")
      try BundledData.sampleJSON.write(to: sample)
      #expect(try followup(["import", "--file", file, sample.path]).status == 0)
      // Events of every kind, so the copy has more to lose than the sample's fields.
      #expect(try followup(["note", "--file", file, "2", "Đã gửi dự thảo lần 2"]).status == 0)
      #expect(try followup(["extend", "--file", file, "2", "--to", "31/12/2099", "--reason", "Chờ ý kiến"]).status == 0)
      #expect(try followup(["remind", "--file", file, "1", "--document", "12/VP-TH"]).status == 0)
      #expect(try followup(["withdraw", "--file", file, "5", "--reason", "Không còn phù hợp"]).status == 0)
      let fromFile = try followup(["export", "--file", file])
      #expect(fromFile.status == 0, "\(fromFile.err)")

      let db = try TestDatabase(logins: [("mgvp", .office, nil)])
      let url = db.url(as: "mgvp")
      let revision = try db.store("mgvp").revision()
      let there = try followup(["migrate", file, url])
      #expect(there.status == 0, "\(there.err)")
      #expect(try db.store("mgvp").revision() == revision + 1, "the copy was not one action")
      let fromServer = try followup(["export", "--file", url])
      #expect(fromServer.status == 0, "\(fromServer.err)")
      #expect(fromServer.out == fromFile.out, "the server's export differs from the file's")

      let back = dir.appendingPathComponent("back.db").path
      let home = try followup(["migrate", url, back])
      #expect(home.status == 0, "\(home.err)")
      #expect(try followup(["export", "--file", back]).out == fromFile.out, "the file copied back differs")

      // A target that already holds tasks is refused whole, in one sentence.
      let again = try followup(["migrate", file, url])
      // (The line before it says the server ignores FOLLOWUP_USER.)
      #expect(again.status != 0 && again.err.split(separator: "\n").last?.contains("already holds 7 tasks") == true, "\(again.err)")
      #expect(try followup(["export", "--file", url]).out == fromFile.out, "a refused copy changed the server")
    }
  }

  @Test func anotherSessionsChangeIsNotified() throws {
    let db = try TestDatabase(logins: [("nvp", .office, nil), ("nsnv", .agency, "SNV")])
    let office = try db.store("nvp")
    _ = try office.importDocument(try Sample.document)
    let token = try office.changeToken()
    #expect(try office.waitForChange(after: token, timeout: 0.05) == false, "a change reported with none made")
    #expect(try office.waitForChange(after: token - 1, timeout: 0), "a change already made was not reported")
    let task = try #require(try office.loadTasks(projection: .timing).first { $0.coordinating.contains("SNV") })
    // The wait runs on a thread of its own, as the interface's watcher does; the store stays
    // usable meanwhile and the other session's note wakes the wait.
    let woken = Mutex<Result<Bool, any Error>?>(nil)
    let waiter = Thread {
      let r = Result { try office.waitForChange(after: token, timeout: 60) }
      woken.withLock { $0 = r }
    }
    waiter.start()
    #expect(try office.task(task.id).id == task.id, "a read waited for the change wait")
    try db.store("nsnv").apply(.addNote(ProgressNote(on: Sample.asOf, text: "Đã phối hợp")), to: [task.id])
    try waitUntil("the wait to end") { woken.withLock { $0 != nil } }
    #expect(try woken.withLock { $0 }?.get() == true)
    #expect(try office.changes(since: token).changed.map(\.id) == [task.id])
  }

  @Test func aChangeWaitSaysTheServerIsDownAndResumesAfterARestart() throws {
    let cluster = try TestServer.ownCluster()
    let db = try TestDatabase(on: cluster, logins: [("wvp", .office, nil)])
    let office = try db.store("wvp")
    _ = try office.importDocument(try Sample.document)
    let token = try office.changeToken()
    #expect(try office.waitForChange(after: token, timeout: 0.01) == false)
    try TestServer.stopServer(cluster)
    let e = try #require(throws: UserError.self) { _ = try office.waitForChange(after: token, timeout: 5) }
    #expect([UserError.Code.serverLost, .serverDown].contains(e.code), "\(e.code): \(e.en)")
    try TestServer.startServer(cluster)
    #expect(try office.waitForChange(after: token, timeout: 0.01) == false, "the restart was taken for a change")
    try db.store("wvp").apply(.addNote(ProgressNote(on: Sample.asOf, text: "Sau khởi động lại")), to: [1])
    #expect(try office.waitForChange(after: token, timeout: 60))
  }

  @Test func aNewerSchemaIsRefusedAndLeftAlone() throws {
    let db = try TestDatabase(logins: [("svp", .office, nil)])
    try PGConnection(db.adminURL).execute("INSERT INTO followup.schema_version VALUES (99)")
    let e = try #require(throws: UserError.self) { _ = try db.store("svp") }
    #expect(e.code == .serverNewer, "\(e.en)")
    let r = try followup(["server", "init", db.adminURL])
    #expect(r.status != 0 && r.err.contains("newer FollowUp"), "\(r.err)")
    #expect(try PGConnection(db.adminURL).execute("SELECT max(version) AS v FROM followup.schema_version").first?.int("v") == 99)
  }

  @Test func theUserSettingIsIgnoredOnAServerWithANotice() throws {
    let db = try TestDatabase(logins: [("uvp", .office, nil)])
    let url = db.url(as: "uvp")
    _ = try db.store("uvp").importDocument(try Sample.document)
    let r = try followup(["add", "--file", url, "--lead", "LHH", "Báo cáo"], user: "pretender")
    #expect(r.status == 0, "\(r.err)")
    #expect(r.err.contains("history records the login uvp") && r.err.contains("pretender"), "\(r.err)")
    #expect(try db.store("uvp").history(taskID: nil, limit: 5).first?.by == "uvp")
  }
}

/// Waits for a condition, polling; fails after a minute.
func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
  let deadline = Date().addingTimeInterval(60)
  while try !condition() {
    if Date() > deadline { throw TestFailure("timed out waiting for \(what)") }
    usleep(20_000)
  }
}

/// A value shared between threads.
final class Mutex<T>: @unchecked Sendable {
  private var value: T
  private let lock = NSLock()
  init(_ value: T) { self.value = value }
  func withLock<R>(_ body: (inout T) -> R) -> R {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}

/// Every field of a task survives the server: dated events included.
@Suite(.enabled(if: TestServer.available, TestServer.skipReason))
struct ServerRoundTripTests {
  @Test func aTaskWithEveryEventComesBackIdentical() throws {
    let db = try TestDatabase(logins: [("rvp", .office, nil)])
    let store = try db.store("rvp")
    _ = try store.importDocument(try Sample.document)
    let d: (String) -> Day = Sample.day
    var t = FollowUpTask(
      ref: "EV-1", content: "Tổng kết \"đặc biệt\", {ngoặc}", lead: "LHH", coordinating: ["SNV", "SKHCN"],
      deadline: .on(d("2023-10-31")), product: "Báo cáo", priority: true, tags: ["khẩn", "a,b"], status: .withdrawn,
      result: "Số 12/BC", assignedOn: d("2023-06-01"))
    t.extensions = [
      DeadlineExtension(
        requestedOn: d("2023-10-20"), from: .on(d("2023-10-31")), to: .on(d("2023-12-31")), reason: "Chờ",
        decision: .partial, decidedOn: d("2023-10-25"), document: "55/VP", granted: .on(d("2023-11-30")))
    ]
    t.notes = [ProgressNote(on: d("2023-09-01"), text: "Đã họp", by: "rvp")]
    t.reassignments = [Reassignment(from: "SNV", to: "LHH", on: d("2023-07-01"), document: "7/QĐ")]
    t.reminders = [Reminder(on: d("2023-10-01"), document: "9/CV", channel: .phone, note: "nhắc lần 1")]
    t.withdrawal = Withdrawal(on: d("2023-11-15"), reason: "Gộp", document: "11/TB", mergedInto: 2)
    t.reportedOn = d("2023-11-01")
    let added = try store.add(t)
    var back = try store.task(added.id)
    #expect(back.version == 1)
    back.version = t.version
    t.id = added.id
    #expect(back == t, "stored \(t), read back \(back)")
    // History rebuilds both states from the snapshots: undo puts every field back.
    try store.apply(.reopen, to: [added.id])
    _ = try store.undo()
    var undone = try store.task(added.id)
    undone.version = t.version
    #expect(undone == t, "after undo \(undone)")
  }
}

/// The server narrows a filter in SQL before judging it: it must never leave out a task the
/// rules match, a reassigned one or one found through an agency's name included.
@Suite(.enabled(if: TestServer.available, TestServer.skipReason))
struct ServerNarrowingTests {
  @Test func aNarrowedSelectFindsWhatJudgingEveryTaskFinds() throws {
    let db = try TestDatabase(logins: [("nrvp", .office, nil)])
    let store = try db.store("nrvp")
    _ = try store.importDocument(try Sample.document)
    let moved = try #require(try store.loadTasks(projection: .timing).first { $0.lead == "LHH" && $0.status != .done })
    try store.apply(.reassign(lead: "SNV", owner: nil, on: Sample.day("2023-10-01")), to: [moved.id])
    let all = try store.loadTasks(projection: .listing)
    for asOf in ["2023-09-15", "2023-11-30"].map(Sample.day) {
      let ctx = FilterContext(catalog: try store.loadCatalog(), asOf: asOf)
      for words in [
        "agency:LHH", "agency:SNV", "agency:SNV,LHH", "lien hiep", "noi vu", "nguyen binh", "nguyen binh khiem", "tri thuc tre",
        "agency:LHH or agency:SNV", "agency:SNV or status:overdue", "-agency:LHH", "meeting:M2023-0526 agency:LHH",
      ] {
        let filter = try TaskFilter.parse(words, context: ctx)
        let judged = all.filter { t in filter.matches(t, context: ctx) { SearchText.tokens(for: t, catalog: ctx.catalog) } }
        let selected = try store.select(filter, context: ctx)
        #expect(
          Set(selected.map(\.id)) == Set(judged.map(\.id)),
          "'\(words)' as of \(asOf.iso): the server selects \(selected.map(\.id).sorted()), the rules \(judged.map(\.id).sorted())")
      }
    }
  }
}
