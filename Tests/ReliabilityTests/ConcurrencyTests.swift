import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Several processes on one file: nothing lost, nothing "locked", each sees the others, a
/// stale edit or undo is refused with a sentence naming the change.
@Suite struct ConcurrencyTests {
  static let changesPerProcess = 500

  /// Two command-line writers and the interface change one file at the same time, 500
  /// changes each. The command-line writers add tasks and append progress notes to three
  /// shared tasks (a read-modify-write: the classic lost update); the interface toggles its
  /// own task done / reopened with Space. Afterwards every change is there exactly once, no
  /// command failed or spoke of a lock, the interface shows the other processes' tasks, and
  /// the command line shows the interface's changes.
  @Test func threeProcessesFiveHundredChangesEachLoseNothing() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("conc") { s in
      try s.importSample()
      let n = Self.changesPerProcess
      let shared = [2, 3, 5]

      // The interface, on task 7 alone.
      let program = ([Paths.followup, "--file", s.file, "--as-of", "30/11/2023", "--lang", "en"]).map(shellQuote).joined(separator: " ")
      let tmux = try Tmux(s, command: "FOLLOWUP_USER=tui exec " + program)
      defer { tmux.stop() }
      try tmux.await("the task list") { $0.contains("FollowUp ·") && $0.contains("7 tasks") }
      try tmux.send("f")
      try tmux.type("id:7")
      try tmux.send("Enter")
      try tmux.await("the list narrowed to task 7") { $0.contains("filter: id:7") && $0.contains("  7 ") }
      try tmux.send("Enter")
      try tmux.await("the detail of task 7") { $0.contains("Task #7") }

      // The two command-line writers, each its own thread running one `followup` after another.
      let outcomes = Outcomes(2 * n)
      let cli = background {
        parallel(workers: 2, count: 2 * n) { j in
          // Job j: writer j % 2, its (j / 2)-th change.
          let w = j % 2, i = j / 2
          let args =
            i % 2 == 0
            ? ["add", "--file", s.file, "--lead", "LHH", "W\(w)-\(i) Việc của người \(w)"]
            : ["note", "--file", s.file, "\(shared[(i / 2) % shared.count])", "W\(w)-\(i) Tiến độ của người \(w)"]
          do {
            outcomes.set(j, try s.run(args, user: "cli\(w)"))
          } catch {
            outcomes.set(j, RunResult(ending: .exited(-1), stdout: Data(), stderr: Data("\(error)".utf8)))
          }
        }
      }

      // Meanwhile, 500 Spaces in the interface, ten at a time, each batch saved before the next.
      var sent = 0
      sending: while sent < n {
        let batch = min(10, n - sent)
        try tmux.client(["send-keys", "-t", "main"] + Array(repeating: "Space", count: batch))
        sent += batch
        let saved = try waitUntil(timeout: 30) { try Self.count(s, "SELECT COUNT(*) FROM action WHERE by = 'tui'") >= sent }
        if !saved {
          Issue.record("the interface saved \(try Self.count(s, "SELECT COUNT(*) FROM action WHERE by = 'tui'")) of \(sent) changes:\n\(try tmux.capture())")
          break sending
        }
      }
      cli.wait()

      // Every command-line change succeeded, silently.
      var failures = 0
      for j in 0..<(2 * n) {
        let o = outcomes.get(j)
        if o.status != 0 || !o.stderr.isEmpty {
          failures += 1
          if failures <= 3 { Issue.record("writer \(j % 2) change \(j / 2): \(o.ending) \(o.err)") }
        }
        #expect(!o.err.lowercased().contains("lock"), "a lock reached the user: \(o.err)")
      }
      #expect(failures == 0)
      // Exactly once each.
      let contents = try s.sql("SELECT content FROM task WHERE content LIKE 'W%'").map { $0[0] }
      let notes = try s.sql("SELECT task_id, text FROM note WHERE text LIKE 'W%'")
      #expect(contents.count == n && Set(contents).count == n, "\(contents.count) added tasks, \(Set(contents).count) distinct")
      #expect(notes.count == n && Set(notes.map { $0[1] }).count == n, "\(notes.count) notes")
      for w in 0..<2 {
        for i in 0..<n where i % 2 == 1 {
          let task = "\(shared[(i / 2) % shared.count])"
          if !notes.contains(where: { $0[0] == task && $0[1] == "W\(w)-\(i) Tiến độ của người \(w)" }) {
            Issue.record("note W\(w)-\(i) on task \(task) is lost")
          }
        }
      }
      // The interface's 500 toggles: all saved, alternating, and the task ends where they left it.
      let kinds = try s.sql("SELECT kind FROM action WHERE by = 'tui' ORDER BY id").map { $0[0] }
      #expect(kinds.count == n)
      #expect(kinds.enumerated().allSatisfy { $0.element == ($0.offset % 2 == 0 ? "done" : "reopen") })
      #expect(try s.sql("SELECT status FROM task WHERE id = 7") == [["in_progress"]])
      #expect(try s.sql("PRAGMA integrity_check") == [["ok"]])
      // Each sees the others: the interface lists the tasks the command line added…
      try tmux.send("Escape", "Escape", "Escape")
      let total = 7 + n
      try tmux.await("the other processes' tasks in the interface") { $0.contains("\(total) tasks") }
      // …and the command line shows the interface's changes.
      let history = try s.run(["history", "7", "--file", s.file, "--lang", "en"])
      #expect(history.out.components(separatedBy: "\n").filter { $0.contains(" tui ") }.count >= 2, "\(history.out.prefix(400))")
      report("concurrency test: 3 processes (2 command-line writers, 1 interface) × \(n) changes = \(3 * n) changes at once, \(3 * n - failures - (n - kinds.count)) saved, 0 lost, 0 'locked' messages")
    }
  }

  static func count(_ s: Scratch, _ sql: String) throws -> Int {
    Int(try s.sql(sql).first?.first ?? "") ?? -1
  }

  /// An edit form opened in the interface, the task changed from the command line, then the
  /// form saved: refused, with a sentence naming who changed what; nothing overwritten.
  @Test func aStaleEditInTheInterfaceIsRefusedNamingTheChange() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    try withScratch("stale") { s in
      try s.importSample()
      let program = ([Paths.followup, "--file", s.file, "--as-of", "30/11/2023", "--lang", "en"]).map(shellQuote).joined(separator: " ")
      let tmux = try Tmux(s, command: "exec " + program)
      defer { tmux.stop() }
      try tmux.await("the task list") { $0.contains("FollowUp ·") && $0.contains("7 tasks") }
      try tmux.send("f")
      try tmux.type("id:2")
      try tmux.send("Enter")
      try tmux.await("the list narrowed to task 2") { $0.contains("filter: id:2") && $0.contains("  2 ") }
      try tmux.send("e")
      try tmux.await("the edit form") { $0.contains("Edit task #2") || $0.contains("#2") && $0.contains("Content") }
      let other = try s.run(["edit", "2", "--file", s.file, "--product", "Đề án thu hút"], user: "an")
      #expect(other.status == 0, "\(other.err)")
      // Whether or not the interface has polled the change yet, the form was opened on the
      // older version and saving it must be refused.
      try tmux.type(" (bổ sung)")
      try tmux.send("Enter")
      let screen = try tmux.await("the refusal") { $0.contains("task 2 was just changed by an") }
      #expect(screen.contains("product"), "the message names the field:\n\(screen)")
      let shown = try s.run(["show", "2", "--file", s.file, "--format", "json"])
      let task = (try? JSONSerialization.jsonObject(with: shown.stdout)) as? [String: Any]
      #expect(task?["product"] as? String == "Đề án thu hút")
      #expect((task?["content"] as? String)?.hasSuffix("(bổ sung)") == false)
      try tmux.send("Escape", "Escape", "q")
    }
  }

  /// `undo` from one person never reverts another's later change, also while both work at
  /// once: thuy edits task 2 and undoes it, 40 times, while an edits the same task 40 times.
  /// Every undo that went through found the task exactly as thuy's own change had left it;
  /// every other undo was refused with a sentence naming an's change.
  @Test func undoNeverRevertsSomeoneElsesLaterChange() throws {
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("undo") { s in
      try s.importSample()
      // The plain case first: the refusal names the change, and changes nothing.
      #expect(try s.run(["edit", "2", "--file", s.file, "--product", "Bản của Thuỷ"], user: "thuy").status == 0)
      #expect(try s.run(["edit", "2", "--file", s.file, "--product", "Bản của An"], user: "an").status == 0)
      let before = s.snapshot()
      let refused = try s.run(["undo", "--file", s.file, "--lang", "en"], user: "thuy")
      #expect(refused.status == 1)
      #expect(refused.errLines.count == 1)
      #expect(refused.err.contains("was changed since by an (product: Bản của Thuỷ → Bản của An)"), "\(refused.err)")
      #expect(s.snapshot() == before, "a refused undo changed the file")

      // Then both at once.
      let rounds = 40
      let outcomes = Outcomes(3 * rounds)
      parallel(workers: 2, count: 2) { who in
        for r in 0..<rounds {
          do {
            if who == 0 {
              outcomes.set(3 * r, try s.run(["note", "--file", s.file, "2", "Thuỷ lần \(r)"], user: "thuy"))
              outcomes.set(3 * r + 1, try s.run(["undo", "--file", s.file, "--lang", "en"], user: "thuy"))
            } else {
              outcomes.set(3 * r + 2, try s.run(["edit", "2", "--file", s.file, "--product", "An lần \(r)"], user: "an"))
            }
          } catch {
            Issue.record("\(error)")
          }
        }
      }
      var undone = 0, refusedCount = 0
      for r in 0..<rounds {
        #expect(outcomes.get(3 * r).status == 0, "\(outcomes.get(3 * r).err)")
        #expect(outcomes.get(3 * r + 2).status == 0, "\(outcomes.get(3 * r + 2).err)")
        let u = outcomes.get(3 * r + 1)
        if u.status == 0 {
          undone += 1
        } else {
          refusedCount += 1
          #expect(u.errLines.count == 1 && (u.err.contains("changed since by an") || u.err.contains("nothing of thuy's left")), "\(u.err)")
        }
      }
      // Every undo that happened started from the state thuy's action had left.
      let bad = try s.sql(
        """
        SELECT u.id FROM action u
        JOIN action_task ut ON ut.action_id = u.id
        JOIN action_task tt ON tt.action_id = u.target AND tt.task_id = ut.task_id
        WHERE u.kind = 'undo' AND u.by = 'thuy' AND ut.before IS NOT tt.after
        """)
      #expect(bad.isEmpty, "undos that reverted someone else's change: \(bad)")
      #expect(try s.sql("PRAGMA integrity_check") == [["ok"]])
      report("undo race: \(rounds) edit+undo pairs against \(rounds) edits by another user: \(undone) undone cleanly, \(refusedCount) refused naming the other change, 0 reverted someone else's change")
    }
  }

  /// Another program holds the write lock past the 5-second busy timeout: the write waits,
  /// then gives up with one sentence naming the file; the file is unchanged; reading still
  /// works meanwhile; once the lock goes, the same command works.
  @Test func aLockedFileWaitsThenSaysSoAndChangesNothing() throws {
    try #require(Paths.sqlite3 != nil, Paths.missingSQLite3)
    try withScratch("lock") { s in
      try s.importSample()
      let fifo = s.path("locker.in")
      #expect(mkfifo(fifo, 0o600) == 0)
      // Our end first (read-write, so neither side blocks opening), then sqlite3 reading it.
      let feed = open(fifo, O_RDWR)
      #expect(feed >= 0)
      let locker = try s.start(["-batch", s.file], program: Paths.sqlite3, stdin: fifo)
      func say(_ sql: String) { _ = sql.withCString { write(feed, $0, strlen($0)) } }
      say("BEGIN IMMEDIATE;\nSELECT 'locked';\n")
      let locked = waitUntil {
        FileManager.default.contents(atPath: locker.outPath).map { String(decoding: $0, as: UTF8.self).contains("locked") } ?? false
      }
      #expect(locked, "sqlite3 never said it holds the lock")
      let before = s.snapshot()
      let started = Date()
      let r = try s.run(["note", "2", "--file", s.file, "--lang", "en", "Ghi khi tệp đang bị khoá"])
      let waited = Date().timeIntervalSince(started)
      #expect(r.status == 1)
      #expect(r.errLines.count == 1, "\(r.err)")
      #expect(r.err.contains("has been locked by another program for over 5 seconds; try again shortly") && r.err.contains(s.file), "\(r.err)")
      #expect(waited >= 4.5, "gave up after \(waited) s instead of waiting")
      #expect(s.snapshot() == before)
      // Reading is not blocked by a writer.
      #expect(try s.run(["list", "--file", s.file, "--format", "json"]).status == 0)
      say("ROLLBACK;\n")
      close(feed)
      _ = locker.wait()
      #expect(try s.run(["note", "2", "--file", s.file, "Ghi sau khi tệp được mở khoá"]).status == 0)
      report("locked file: a write waited \(String(format: "%.1f", waited)) s, then refused in one sentence; file unchanged")
    }
  }
}
