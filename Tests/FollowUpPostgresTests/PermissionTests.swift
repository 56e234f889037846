import FollowUpCore
import FollowUpPostgres
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing

/// Each role × each action, through the store (what followup does) and through psql with the
/// same login: allowed ones change the database, refused ones change nothing and, through
/// followup, say which rule refused them.
@Suite(.enabled(if: TestServer.available, TestServer.skipReason))
struct PermissionTests {
  /// The tasks the actions work on, found in the sample plus one task the agency leads.
  struct Tasks {
    /// Led by the agency login's agency (SNV).
    var own: Int
    /// Led by another agency, SNV coordinating.
    var coordinated: Int
    /// Neither led nor coordinated by SNV.
    var other: Int
  }

  /// One thing a login might try.
  struct Action: Sendable {
    var name: String
    var allowed: Set<ServerRole>
    var store: (@Sendable (PostgresStore, Tasks) throws -> Void)?
    var sql: @Sendable (Tasks) -> String
  }

  static let day = Day(iso: "2024-01-15") ?? Day(ordinal: 0)

  static let actions: [Action] = [
    Action(
      name: "note on a task it leads", allowed: [.office, .agency],
      store: { s, t in try s.apply(.addNote(ProgressNote(on: day, text: "Đã họp")), to: [t.own]) },
      sql: { "INSERT INTO note (task_id, seq, on_day, text) VALUES (\($0.own), 90, '2024-01-15', 'psql')" }),
    Action(
      name: "note on a task it coordinates", allowed: [.office, .agency],
      store: { s, t in try s.apply(.addNote(ProgressNote(on: day, text: "Phối hợp")), to: [t.coordinated]) },
      sql: { "INSERT INTO note (task_id, seq, on_day, text) VALUES (\($0.coordinated), 90, '2024-01-15', 'psql')" }),
    Action(
      name: "note on another agency's task", allowed: [.office],
      store: { s, t in try s.apply(.addNote(ProgressNote(on: day, text: "Sai")), to: [t.other]) },
      sql: { "INSERT INTO note (task_id, seq, on_day, text) VALUES (\($0.other), 90, '2024-01-15', 'psql')" }),
    Action(
      name: "report completion of a task it leads", allowed: [.office, .agency],
      store: { s, t in
        var p = TaskPatch(defaultCompletion: day)
        p.status = .reported
        try s.apply(.patch(p), to: [t.own])
      },
      sql: { "UPDATE task SET status = 'reported', result = 'psql' WHERE id = \($0.own)" }),
    Action(
      name: "report completion of a task it only coordinates", allowed: [.office],
      store: { s, t in
        var p = TaskPatch(defaultCompletion: day)
        p.status = .reported
        try s.apply(.patch(p), to: [t.coordinated])
      },
      sql: { "UPDATE task SET status = 'reported' WHERE id = \($0.coordinated)" }),
    Action(
      name: "request an extension of a task it leads", allowed: [.office, .agency],
      store: { s, t in
        try s.apply(.addExtension(DeadlineExtension(requestedOn: day, to: .on(day.adding(days: 60)), reason: "Chờ"))
          , to: [t.own])
      },
      sql: {
        "INSERT INTO extension (task_id, seq, to_text, to_kind, to_date, decision) VALUES (\($0.own), 90, '15/03/2024', 'date', '2024-03-15', 'pending')"
      }),
    Action(
      name: "request an extension of a task it coordinates", allowed: [.office],
      store: { s, t in
        try s.apply(.addExtension(DeadlineExtension(requestedOn: day, to: .on(day.adding(days: 60)))), to: [t.coordinated])
      },
      sql: {
        "INSERT INTO extension (task_id, seq, to_text, to_kind, decision) VALUES (\($0.coordinated), 90, 'x', 'other', 'pending')"
      }),
    Action(
      name: "approve an extension", allowed: [.office],
      store: { s, t in
        try s.apply(
          .addExtension(DeadlineExtension(to: .on(day.adding(days: 90)), decision: .approved, decidedOn: day)), to: [t.own])
      },
      sql: { "UPDATE extension SET decision = 'approved', decided_on = '2024-01-15' WHERE task_id = \($0.own)" }),
    Action(
      name: "accept a completion", allowed: [.office],
      store: { s, t in try s.apply(.markDone(day), to: [t.own]) },
      sql: { "UPDATE task SET status = 'done', completed_on = '2024-01-15' WHERE id = \($0.own)" }),
    Action(
      name: "withdraw a task", allowed: [.office],
      // Another task: the one this list accepted as done can no longer be withdrawn.
      store: { s, t in try s.apply(.withdraw(reason: nil, on: day), to: [t.other]) },
      sql: { "UPDATE task SET status = 'withdrawn' WHERE id = \($0.own)" }),
    Action(
      name: "reassign a task", allowed: [.office],
      store: { s, t in try s.apply(.reassign(lead: "LHH", owner: nil, on: day), to: [t.own]) },
      sql: { "UPDATE task SET lead = 'LHH' WHERE id = \($0.own)" }),
    Action(
      name: "add a task", allowed: [.office],
      store: { s, _ in _ = try s.add(FollowUpTask(content: "Mới", lead: "SNV")) },
      sql: { _ in "INSERT INTO task (content, lead) VALUES ('psql', 'SNV')" }),
    Action(
      name: "change the directory", allowed: [.office],
      store: { s, _ in try s.save(agencies: [Agency(code: "SNV", name: "Sở Nội vụ (đổi tên)", bloc: .state, order: 5)]) },
      sql: { _ in "UPDATE agency SET name = 'psql' WHERE code = 'SNV'" }),
    Action(
      name: "rewrite history", allowed: [],
      store: nil,
      sql: { _ in "UPDATE action SET by = 'someone else'" }),
    Action(
      name: "delete a task", allowed: [.office],
      store: { s, t in try s.delete(ids: [t.own]) },
      sql: { "DELETE FROM task WHERE id = \($0.own)" }),
  ]

  /// A database with the sample, an office, an agency (SNV) and a viewer login.
  static func setUp() throws -> (TestDatabase, Tasks) {
    let db = try TestDatabase(logins: [("pvp", .office, nil), ("psnv", .agency, "SNV"), ("pxem", .viewer, nil)])
    let office = try db.store("pvp")
    _ = try office.importDocument(try Sample.document)
    let own = try office.add(FollowUpTask(content: "Rà soát biên chế", lead: "SNV", deadline: .on(day.adding(days: 30))))
    let coordinated = try office.add(
      FollowUpTask(content: "Phối hợp tổng kết", lead: "LHH", coordinating: ["SNV"], deadline: .on(day.adding(days: 30))))
    let all = try office.loadTasks(projection: .listing)
    let other = try #require(all.first { $0.lead != "SNV" && !$0.coordinating.contains("SNV") })
    return (db, Tasks(own: own.id, coordinated: coordinated.id, other: other.id))
  }

  static func revision(_ db: TestDatabase) throws -> Int {
    try PGConnection(db.adminURL).execute("SELECT value FROM followup.revision").first?.int("value") ?? -1
  }

  static let logins: [ServerRole: String] = [.office: "pvp", .agency: "psnv", .viewer: "pxem"]

  @Test(arguments: ServerRole.allCases)
  func throughFollowUp(_ role: ServerRole) throws {
    let (db, tasks) = try Self.setUp()
    let store = try db.store(try #require(Self.logins[role]))
    #expect(store.role == role)
    for action in Self.actions {
      guard let run = action.store else { continue }
      let before = try Self.revision(db)
      do {
        try run(store, tasks)
        #expect(action.allowed.contains(role), "\(role) was allowed to \(action.name)")
        #expect(try Self.revision(db) > before, "\(action.name) by \(role) changed nothing")
      } catch let e as UserError {
        #expect(!action.allowed.contains(role), "\(role) was refused \(action.name): \(e.en)")
        #expect(e.code.rawValue.hasPrefix("server.rule"), "\(action.name) by \(role) refused as \(e.code): \(e.en)")
        #expect(e.en.hasPrefix("Not allowed: ") && e.en.hasSuffix("nothing was changed"), "\(e.en)")
        #expect(try Self.revision(db) == before, "a refused \(action.name) by \(role) changed the database")
      }
    }
  }

  @Test(arguments: ServerRole.allCases)
  func throughPsql(_ role: ServerRole) throws {
    let (db, tasks) = try Self.setUp()
    let url = db.url(as: try #require(Self.logins[role]))
    for action in Self.actions {
      let before = try Self.revision(db)
      let r = try psql(url, action.sql(tasks))
      if action.allowed.contains(role) {
        #expect(r.status == 0, "\(role) through psql was refused \(action.name): \(r.err)")
        #expect(try Self.revision(db) > before, "\(action.name) by \(role) through psql changed nothing")
      } else {
        #expect(r.status != 0 && r.err.contains("ERROR"), "\(role) through psql was allowed to \(action.name)")
        #expect(try Self.revision(db) == before, "a refused \(action.name) by \(role) through psql changed the database")
      }
    }
  }

  @Test func historyNamesTheLoginWhateverTheClientSays() throws {
    let (db, tasks) = try Self.setUp()
    _ = try psql(db.url(as: "psnv"), "SET followup.summary = 'forged'; INSERT INTO note (task_id, seq, on_day, text, by) VALUES (\(tasks.own), 91, '2024-01-15', 'x', 'pvp')")
    let office = try db.store("pvp")
    let line = try #require(try office.history(taskID: tasks.own).first)
    #expect(line.by == "psnv")
    #expect(try office.task(tasks.own).notes.last?.by == "psnv", "an agency login signed a note as someone else")
  }

  @Test func anAgencyUndoesItsOwnNoteButRemovesNoOneElses() throws {
    let (db, tasks) = try Self.setUp()
    let url = db.url(as: "psnv")
    let office = try db.store("pvp")
    let before = try office.task(tasks.own)

    // Through followup: the officer's note on a task it leads, then undone.
    #expect(try followup(["note", "--file", url, String(tasks.own), "Ghi nhầm nhiệm vụ"]).status == 0)
    #expect(try office.task(tasks.own).notes.count == before.notes.count + 1)
    let undo = try followup(["undo", "--file", url])
    #expect(undo.status == 0, "\(undo.err)")
    var now = try office.task(tasks.own)
    #expect(now.notes == before.notes && now.status == before.status, "the undo left \(now.notes.map(\.text)), \(now.status)")
    let line = try #require(try office.history(taskID: tasks.own).first)
    #expect(line.by == "psnv" && line.kind == "undo", "\(line)")

    // The same through the store, on a task it only coordinates: the note goes, nothing else.
    let agency = try db.store("psnv")
    let coordinated = try office.task(tasks.coordinated)
    try agency.apply(.addNote(ProgressNote(on: Self.day, text: "Phối hợp, ghi nhầm")), to: [tasks.coordinated])
    _ = try agency.undo()
    now = try office.task(tasks.coordinated)
    #expect(now.notes == coordinated.notes && now.status == coordinated.status)

    // Through psql the same login removes neither the office's note nor, outside an undo of
    // its own action, its own; not even by claiming to undo the office's action.
    try office.apply(.addNote(ProgressNote(on: Self.day, text: "Văn phòng ghi")), to: [tasks.coordinated])
    let officeAction = try #require(try office.history(taskID: tasks.coordinated).first?.actionID)
    try agency.apply(.addNote(ProgressNote(on: Self.day, text: "Cơ quan ghi")), to: [tasks.coordinated])
    let kept = try office.task(tasks.coordinated).notes
    let revision = try Self.revision(db)
    for sql in [
      "DELETE FROM note WHERE task_id = \(tasks.coordinated)",
      "DELETE FROM note WHERE task_id = \(tasks.coordinated) AND by = 'psnv'",
      """
      BEGIN; SET LOCAL followup.kind = 'undo'; SET LOCAL followup.target = '\(officeAction)';
      DELETE FROM note WHERE task_id = \(tasks.coordinated); COMMIT
      """,
    ] {
      _ = try psql(url, sql)
      #expect(try office.task(tasks.coordinated).notes == kept, "psql as an agency removed a note with: \(sql)")
    }
    #expect(try Self.revision(db) == revision, "a refused delete through psql changed the database")
  }
}
