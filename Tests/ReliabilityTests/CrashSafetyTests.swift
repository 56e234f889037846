import FollowUpCore
import FollowUpStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGKILL at random moments: the file stays sound, acknowledged changes stay, and no action
/// is ever half there.
@Suite struct CrashSafetyTests {
  /// What one writer was asked to do.
  enum Job: Sendable {
    case add(Int)
    case note(Int, task: Int)
    case bulkDone(Int, group: Int)
    case importFile(Int)

    var n: Int {
      switch self {
      case .add(let n), .note(let n, _), .bulkDone(let n, _), .importFile(let n): return n
      }
    }
  }

  static let groupSize = 3
  static let importSize = 4

  /// ≥ 500 short `followup` writers, four at a time, about half of them SIGKILLed after a
  /// random delay (0–70 ms: during start-up, opening, the transaction or the exit). Then:
  /// `PRAGMA integrity_check` is ok; every change whose command exited 0 is there; every
  /// action is all or nothing (a bulk `done` of 3 tasks, an `import` of 4); the action log
  /// agrees with the tasks; and the file still takes writes.
  @Test func killedCommandLineWritersLoseNothingAcknowledged() throws {
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("kill") { s in
      let total = 520
      let seed = SeededRandom.seed()
      let jobs: [Job] = (0..<total).map { i in
        switch i % 4 {
        case 0: return .add(i)
        case 1: return .note(i, task: 1 + (i / 4) % 7)
        case 2: return .bulkDone(i, group: i / 4)
        default: return .importFile(i)
        }
      }
      // Tasks the bulk jobs mark done, three per job, and the files the import jobs read.
      try s.importSample()
      let groups = (0..<total / 4).flatMap { g in
        (1...Self.groupSize).map { k -> [String: Any] in ["ref": "B\(g)-\(k)", "content": "Nhóm \(g) việc \(k)", "lead": "LHH"] }
      }
      let setup = try s.run(["import", "--file", s.file, try s.write("groups.json", interchange(groups))])
      try #require(setup.status == 0, "\(setup.err)")
      var groupIDs: [Int: [Int]] = [:]
      for row in try s.sql("SELECT ref, id FROM task WHERE ref LIKE 'B%'") {
        let g = Int(row[0].dropFirst().split(separator: "-")[0]) ?? -1
        groupIDs[g, default: []].append(Int(row[1]) ?? -1)
      }
      for job in jobs {
        if case .importFile(let n) = job {
          let tasks = (1...Self.importSize).map { k -> [String: Any] in
            ["ref": "I\(n)-\(k)", "content": "Nhập \(n) việc \(k)", "lead": "SNV", "deadline": "Quý I/2024"]
          }
          try s.write("imp-\(n).json", interchange(tasks))
        }
      }

      let outcomes = Outcomes(total)
      // Half the writers are killed, after a delay drawn from 0 to 1.2 × the time a writer
      // takes here and now (measured on the writers that are left alone), so kills land in
      // every phase: start-up, opening, the transaction, the commit and the exit.
      let kills: [Double?] = {
        var g = SeededRandom(seed: seed)
        return (0..<total).map { i in i >= 16 && Double.random(in: 0..<1, using: &g) < 0.5 ? Double.random(in: 0...1.2, using: &g) : nil }
      }()
      let timing = Timing()
      let groupsByJob = groupIDs
      parallel(workers: 4, count: total) { i in
        let job = jobs[i]
        let args: [String]
        switch job {
        case .add(let n): args = ["add", "--file", s.file, "--lead", "LHH", "--deadline", "31/12/2023", "K\(n) Việc thêm số \(n)"]
        case .note(let n, let task): args = ["note", "--file", s.file, "\(task)", "N\(n) Đã làm xong bước \(n)"]
        case .bulkDone(_, let g): args = ["done", "--file", s.file, "--on", "1/12/2023"] + (groupsByJob[g] ?? []).map(String.init)
        case .importFile(let n): args = ["import", "--file", s.file, s.path("imp-\(n).json")]
        }
        do {
          let started = Date()
          let child = try s.start(args)
          if let fraction = kills[i] {
            usleep(useconds_t(fraction * timing.typical * 1_000_000))
            child.signal(SIGKILL)
            outcomes.set(i, child.wait())
          } else {
            let o = child.wait()
            if o.ending == .exited(0) { timing.record(Date().timeIntervalSince(started)) }
            outcomes.set(i, o)
          }
        } catch {
          outcomes.set(i, RunResult(ending: .exited(-1), stdout: Data(), stderr: Data("\(error)".utf8)))
        }
      }

      // The file is sound.
      #expect(try s.sql("PRAGMA integrity_check") == [["ok"]])
      #expect(try s.sql("PRAGMA foreign_key_check").isEmpty)
      // The log agrees with the data: the revision is the last action's, every task is at the
      // version its last logged change left, and every action touched what it should.
      #expect(try s.sql("SELECT (SELECT value FROM meta WHERE key = 'revision') = (SELECT MAX(rev) FROM action)") == [["1"]])
      #expect(try s.sql("SELECT COUNT(*) FROM task t WHERE t.version != (SELECT MAX(after_version) FROM action_task WHERE task_id = t.id)") == [["0"]])
      let perAction = try s.sql("SELECT a.kind, COUNT(at.task_id) FROM action a LEFT JOIN action_task at ON at.action_id = a.id WHERE a.id > 2 GROUP BY a.id")
      let expectedRows = ["add": 1, "note": 1, "done": Self.groupSize, "import": Self.importSize]
      for row in perAction where expectedRows[row[0]] != Int(row[1]) {
        Issue.record("a \(row[0]) action touched \(row[1]) tasks")
      }

      let contents = Set(try s.sql("SELECT content FROM task").map { $0[0] })
      let notes = try s.sql("SELECT task_id, text FROM note").map { ($0[0], $0[1]) }
      let statuses = Dictionary(try s.sql("SELECT id, status FROM task").map { (Int($0[0]) ?? -1, $0[1]) }, uniquingKeysWith: { a, _ in a })
      let imported = Dictionary(grouping: try s.sql("SELECT ref FROM task WHERE ref LIKE 'I%'").map { $0[0] }) {
        Int($0.dropFirst().split(separator: "-")[0]) ?? -1
      }
      var killed = 0, killedApplied = 0, acknowledged = 0
      for (i, job) in jobs.enumerated() {
        let o = outcomes.get(i)
        let applied: Bool
        switch job {
        case .add(let n):
          applied = contents.contains("K\(n) Việc thêm số \(n)")
        case .note(let n, let task):
          let hits = notes.filter { $0.1 == "N\(n) Đã làm xong bước \(n)" }
          #expect(hits.count <= 1 && hits.allSatisfy { $0.0 == "\(task)" }, "note \(n): \(hits)")
          applied = hits.count == 1
        case .bulkDone(_, let g):
          let done = (groupIDs[g] ?? []).map { statuses[$0] == "done" }
          #expect(done.count == Self.groupSize)
          #expect(Set(done).count == 1, "bulk done of group \(g) is half applied: \(done)")
          applied = done.allSatisfy { $0 }
        case .importFile(let n):
          let count = imported[n]?.count ?? 0
          #expect(count == 0 || count == Self.importSize, "import \(n) is half applied: \(count) tasks")
          applied = count == Self.importSize
        }
        switch o.ending {
        case .exited(0):
          acknowledged += 1
          #expect(applied, "job \(i) (\(job)) exited 0 but its change is missing")
        case .signalled(SIGKILL):
          killed += 1
          if applied { killedApplied += 1 }
        default:
          Issue.record("job \(i) (\(job)) failed on its own: \(o.ending) \(o.err)")
        }
      }
      #expect(killed > 0 && acknowledged > 0)
      // Still a working file.
      #expect(try s.run(["add", "--file", s.file, "--lead", "LHH", "Sau cơn bão"]).status == 0)
      let list = try s.run(["list", "--file", s.file, "--format", "json"])
      #expect(list.status == 0, "\(list.err)")
      report("kill test (seed \(seed)): \(total) writers (typically \(Int(timing.typical * 1000)) ms each), \(acknowledged) exited 0 and all present, \(killed) SIGKILLed (\(killedApplied) of them had committed, \(killed - killedApplied) left no trace), integrity ok")
    }
  }

  /// Killed while creating a new file on first use: afterwards the path is either absent or
  /// a working FollowUp file, never an empty or half-made one that is refused.
  @Test func killedWhileCreatingTheFileLeavesNoHalfMadeFile() throws {
    try withScratch("create") { s in
      let rounds = 60
      var g = SeededRandom(seed: SeededRandom.seed())
      var absent = 0, working = 0
      let sample = try s.write("sample.json", BundledData.sampleJSON)
      // How long creating a file takes here (the `add` itself is then refused: no agencies).
      let timing = Timing()
      for r in 0..<3 {
        let started = Date()
        _ = try s.run(["add", "--file", s.path("calibrate-\(r)/data.db"), "--lead", "LHH", "Việc đầu"])
        timing.record(Date().timeIntervalSince(started))
      }
      for r in 0..<rounds {
        let path = s.path("new-\(r)/data.db")
        let child = try s.start(["add", "--file", path, "--lead", "LHH", "Việc đầu"])
        usleep(useconds_t(Double.random(in: 0...1.1, using: &g) * timing.typical * 1_000_000))
        child.signal(SIGKILL)
        _ = child.wait()
        let list = try s.run(["list", "--file", path, "--format", "json"])
        if list.status == 0 {
          working += 1
        } else {
          #expect(list.err.contains("There is no data file") || list.err.contains("Không có tệp dữ liệu"), "round \(r): \(list.err)")
          #expect(!FileManager.default.fileExists(atPath: path))
          absent += 1
        }
        // Either way, the next writer gets a working file.
        let imp = try s.run(["import", "--file", path, sample])
        #expect(imp.status == 0, "round \(r): \(imp.err)")
      }
      report("creation kill test: \(rounds) first-use writers killed, \(working) left a working file, \(absent) left none, 0 left a broken one")
    }
  }

  /// The interface SIGKILLed just after a key that saves: reopened, the last change it
  /// acknowledged (on its status line) is in the file, and the file is sound.
  @Test func killedInterfaceKeepsTheLastAcknowledgedChange() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("tuikill") { s in
      try s.importSample()
      s.user = "tui"
      let tmux = try Tmux(s, command: "sleep 600")
      defer { tmux.stop() }
      // A killed program's pane stays, to be respawned for the next round.
      try tmux.client(["set-option", "-wg", "remain-on-exit", "on"])
      var g = SeededRandom(seed: SeededRandom.seed())
      let rounds = 12
      var acknowledged = 0
      var committedAfterKill = 0
      for round in 0..<rounds {
        // Each round judges as of another day, so its screens cannot be mistaken for what the
        // previous (killed) round left in the pane.
        let asOf = String(format: "%02d/11/2023", round + 1)
        let program = ([Paths.followup, "--file", s.file, "--as-of", asOf, "--lang", "en"]).map(shellQuote).joined(separator: " ")
        try tmux.respawn("exec " + program)
        try tmux.await("the list (round \(round))") { $0.contains("as of \(asOf)") && $0.contains("tasks") }
        // Sorted by number, task 1 is the first row whatever its state. Each `s` is sent only
        // once the order it asked for is on screen, so no press is lost or doubled under load.
        var order = try sortOrder(tmux.capture())
        while order != "number" {
          try tmux.send("s")
          let previous = order
          order = try sortOrder(tmux.await("the order after \(previous ?? "?")", timeout: 30) {
            let now = sortOrder($0)
            return now != nil && now != previous
          })
        }
        // The selection follows its task through the re-sorting: back to the first row.
        try tmux.send("Home", "Enter")
        try tmux.await("the detail of task 1") { $0.contains("Task #1") }
        let before = try actions(s)
        try tmux.send("Space")
        try tmux.await("the acknowledgement") { $0.contains("Marked #1 done on \(asOf)") || $0.contains("Reopened #1") }
        acknowledged += 1
        #expect(try actions(s) == before + 1, "the acknowledged change is committed")
        let pid = try #require(try tmux.panePID())
        // The next save, and SIGKILL while it may be under way.
        try tmux.send("Space")
        usleep(useconds_t(Int.random(in: 0...15_000, using: &g)))
        #expect(kill(pid, SIGKILL) == 0)
        #expect(waitGone(pid))
        let after = try actions(s)
        #expect(after == before + 1 || after == before + 2, "round \(round): \(before) → \(after)")
        if after == before + 2 { committedAfterKill += 1 }
        #expect(try s.sql("PRAGMA integrity_check") == [["ok"]])
        // The task is in the state the last committed action left.
        let last = try s.sql("SELECT kind FROM action WHERE by = 'tui' ORDER BY id DESC LIMIT 1").first?.first
        let status = try s.sql("SELECT status FROM task WHERE id = 1").first?.first
        #expect((last == "done") == (status == "done"), "round \(round): last action \(last ?? "-"), status \(status ?? "-")")
      }
      report("interface kill test: \(rounds) interfaces SIGKILLed mid-save, \(acknowledged) acknowledged changes all present, \(committedAfterKill) in-flight saves had committed, integrity ok")
    }
  }

  /// The list's sort order as its header names it ("… sorted by number"), if shown.
  func sortOrder(_ screen: String) -> String? {
    let header = screen.split(separator: "\n").prefix(3).joined(separator: "\n")
    return header.firstMatch(of: /· by (urgency|deadline|agency|number)\b/).map { String($0.1) }
  }

  func actions(_ s: Scratch) throws -> Int {
    Int(try s.sql("SELECT COUNT(*) FROM action WHERE by = 'tui'").first?.first ?? "") ?? -1
  }
}

/// Outcomes written by worker threads.
final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [RunResult?]
  init(_ n: Int) { items = Array(repeating: nil, count: n) }
  func set(_ i: Int, _ o: RunResult) {
    lock.lock()
    items[i] = o
    lock.unlock()
  }
  func get(_ i: Int) -> RunResult {
    lock.lock()
    defer { lock.unlock() }
    return items[i] ?? RunResult(ending: .exited(-2), stdout: Data(), stderr: Data())
  }
}

/// The median duration of the runs recorded so far (50 ms before any).
final class Timing: @unchecked Sendable {
  private let lock = NSLock()
  private var samples: [TimeInterval] = []
  func record(_ t: TimeInterval) {
    lock.lock()
    samples.append(t)
    lock.unlock()
  }
  var typical: TimeInterval {
    lock.lock()
    defer { lock.unlock() }
    guard !samples.isEmpty else { return 0.05 }
    return samples.sorted()[samples.count / 2]
  }
}
