import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

extension Sandbox {
  /// An executable shell script standing in for the user's editor: it receives the form's
  /// path as its last argument and runs `body` with it in `$f`; `$n` counts the calls, and
  /// each form it was given is kept as `seen-N.txt`.
  @discardableResult
  func editorScript(_ name: String, _ body: String) throws -> String {
    let path = try write(name, """
      #!/bin/sh
      for a; do f=$a; done
      n=$(cat "\(dir.path)/\(name).count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "\(dir.path)/\(name).count"
      cp "$f" "\(dir.path)/seen-$n.txt"
      \(body)
      """)
    chmod(path, 0o755)
    return path
  }

  func seen(_ n: Int) -> String {
    (try? String(contentsOfFile: dir.appendingPathComponent("seen-\(n).txt").path, encoding: .utf8)) ?? ""
  }

  func calls(_ name: String) -> Int {
    Int((try? String(contentsOfFile: dir.appendingPathComponent("\(name).count").path, encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "0") ?? 0
  }

  func task(_ id: Int) throws -> [String: Any] {
    obj(try run(["show", String(id), "--file", file, "--format", "json", "--as-of", "2023-12-31"]).json())
  }
}

/// `followup edit ID --editor`: the text form in `$EDITOR`, read back strictly, reopened on
/// a mistake, cancelled when left alone.
@Suite struct EditorFormTests {
  @Test func theFormShowsEveryFieldAndSavesAChange() throws {
    try withSandbox { s in
      try s.importSample()
      let ed = try s.editorScript("ed", #"sed -i 's|^Deadline:.*|Deadline: Quý II/2024|' "$f""#)
      let r = try s.run(["edit", "2", "--editor", "--file", s.file, "--lang", "en"], environment: ["EDITOR": ed])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out == "Edited #2.\n")
      let form = s.seen(1)
      #expect(form.hasPrefix("# Task #2 (T2) · meeting M2023-0526 of 26/05/2023\n"))
      for line in [
        "Content: Tham mưu, đề xuất cơ chế, chính sách thu hút trí thức trẻ, trí thức trong doanh nghiệp",
        "Lead: LHH (Liên hiệp hội)", "Coordinating: SNV, SKHCN (Sở KH&CN)", "Owner: P06 (Nguyễn Thị Thuỷ)",
        "Tracker: P01 (Phạm Thị Thu Hà)", "Deadline: Quý I/2024", "Status: In progress", "Completed on:",
        "Product: Văn bản đề xuất chính sách", "Result:", "Meeting: M2023-0526", "Item: 2", "Key task: no", "Tags:",
      ] {
        #expect(form.contains("\n" + line + "\n"), "\(line)")
      }
      let t = try s.task(2)
      #expect(obj(t["deadline"])["text"] as? String == "Quý II/2024")
      #expect(obj(t["deadline"])["date"] as? String == "2024-06-30")
      // Everything else is as it was.
      #expect(t["coordinating"] as? [String] == ["SNV", "SKHCN"])
      #expect(t["owner"] as? String == "P06")
      // One undoable action.
      let h = try s.run(["history", "2", "--file", s.file, "--limit", "1"])
      #expect(h.out.contains("deadline: Quý I/2024 → Quý II/2024"))
    }
  }

  @Test func aMistakeReopensTheEditorWithTheProblemOnTop() throws {
    try withSandbox { s in
      try s.importSample()
      let ed = try s.editorScript("ed", #"""
        if [ $n = 1 ]; then sed -i 's|^Thời hạn:.*|Thời hạn: Quý 5/2024|' "$f"; else sed -i 's|^Thời hạn:.*|Thời hạn: tháng 6/2024|' "$f"; fi
        """#)
      let r = try s.run(["edit", "2", "--editor", "--file", s.file, "--lang", "vi"], environment: ["EDITOR": ed])
      #expect(r.status == 0, "\(r.err)")
      #expect(s.calls("ed") == 2)
      let second = s.seen(2).split(separator: "\n", omittingEmptySubsequences: false)
      #expect(second.first?.hasPrefix("#! LỖI: dòng 21 (Thời hạn): ") == true, "\(second.first ?? "")")
      #expect(second.first?.contains("Quý 5/2024") == true)
      // The person's own text is kept under the message.
      #expect(second.contains("Thời hạn: Quý 5/2024"))
      #expect(obj(try s.task(2)["deadline"])["text"] as? String == "tháng 6/2024")
    }
  }

  @Test func anUnchangedOrEmptiedFormCancels() throws {
    try withSandbox { s in
      try s.importSample()
      let before = s.snapshot()
      for (name, body) in [("keep", ":"), ("empty", #": > "$f""#), ("comments", #"sed -i 's|^[^#].*||' "$f""#)] {
        let ed = try s.editorScript(name, body)
        let r = try s.run(["edit", "4", "--editor", "--file", s.file], environment: ["EDITOR": ed])
        #expect(r.status == 0, "\(name): \(r.err)")
        #expect(r.out == "No changes; nothing was saved.\n", "\(name)")
      }
      #expect(s.snapshot() == before)
    }
  }

  @Test func givingUpOnAnErrorCancelsToo() throws {
    try withSandbox { s in
      try s.importSample()
      // Deletes the Owner line; then saves the reopened form without fixing it.
      let ed = try s.editorScript("ed", #"if [ $n = 1 ]; then sed -i '/^Owner:/d' "$f"; fi"#)
      let r = try s.run(["edit", "2", "--editor", "--file", s.file, "--lang", "en"], environment: ["EDITOR": ed])
      #expect(r.status == 0, "\(r.err)")
      #expect(s.calls("ed") == 2)
      #expect(s.seen(2).hasPrefix("#! ERROR: the field 'Owner' is missing; leave its value empty to clear it\n"))
      #expect(r.out == "No changes; nothing was saved.\n")
      #expect(try s.task(2)["owner"] as? String == "P06")
    }
  }

  @Test func fieldsReadNamesCodesAndSeveralLines() throws {
    try withSandbox { s in
      try s.importSample()
      let ed = try s.editorScript("ed", #"""
        sed -i -e 's|^Lead:.*|Lead: Sở Nội vụ|' -e 's|^Coordinating:.*|Coordinating: LHH, Sở Tài chính|' \
          -e 's|^Owner:.*|Owner: Trần Quốc Bình|' -e 's|^Tracker:.*|Tracker:|' -e 's|^Key task:.*|Key task: yes|' \
          -e 's|^Tags:.*|Tags: khẩn, ngân sách|' -e 's|^Status:.*|Status: Done|' -e 's|^Completed on:.*|Completed on: 5/1/2024|' \
          -e 's|^Result:.*|Result: Công văn số 12/SNV\n  gửi UBND thành phố|' "$f"
        """#)
      let r = try s.run(["edit", "2", "--editor", "--file", s.file, "--lang", "en"], environment: ["EDITOR": ed])
      #expect(r.status == 0, "\(r.err)")
      let t = try s.task(2)
      #expect(t["lead"] as? String == "SNV")
      #expect(t["coordinating"] as? [String] == ["LHH", "STC"])
      #expect(t["owner"] as? String == "P05")
      #expect(t["tracker"] is NSNull)
      #expect(t["priority"] as? Bool == true)
      #expect(t["tags"] as? [String] == ["khẩn", "ngân sách"])
      #expect(t["status"] as? String == "done")
      #expect(t["completedOn"] as? String == "2024-01-05")
      #expect(t["result"] as? String == "Công văn số 12/SNV\ngửi UBND thành phố")
    }
  }

  @Test(arguments: [
    ("s|^Deadline:.*|Deadline: 31/6/2024|", "line 21 (Deadline): "),
    ("s|^Lead:.*|Lead: Sở Không Có|", "line 17 (Lead): "),
    ("s|^Status:.*|Status: nearly|", "line 22 (Status): 'nearly' is not a status"),
    ("s|^Item:.*|Item: 2\\nColour: red|", "there is no field 'Colour'"),
    ("s|^Product:.*|Product: A\\n  B|", "line 25 (Product): this field takes one line"),
    ("s|^Completed on:.*|Completed on: 1/1/2024|", "(Completed on): only a done task has a completion day"),
  ])
  func problemsNameTheirLineAndField(_ edit: String, _ message: String) throws {
    try withSandbox { s in
      try s.importSample()
      // The first call makes the mistake; the second leaves the reopened form alone (cancel).
      let ed = try s.editorScript("ed", "if [ $n = 1 ]; then sed -i '\(edit)' \"$f\"; fi")
      let r = try s.run(["edit", "2", "--editor", "--file", s.file, "--lang", "en"], environment: ["EDITOR": ed])
      #expect(r.status == 0, "\(r.err)")
      let top = s.seen(2).split(separator: "\n").first.map(String.init) ?? ""
      #expect(top.hasPrefix("#! ERROR: "), "\(top)")
      #expect(top.contains(message), "\(top)")
      // The line the message names is that field's line in the form as reopened.
      let lines = s.seen(2).split(separator: "\n", omittingEmptySubsequences: false)
      if let m = top.firstMatch(of: /line (\d+) \(([^)]+)\)/), let n = Int(m.1), n <= lines.count {
        // A continuation line belongs to the field above it.
        let own = lines[..<n].last { !$0.hasPrefix(" ") } ?? ""
        #expect(own.hasPrefix(m.2 + ":"), "line \(n): \(lines[n - 1])")
      } else if message.hasPrefix("line") {
        Issue.record("no line number in \(top)")
      }
    }
  }

  @Test func theEditorCommandIsSplitIntoWordsNotRunByAShell() throws {
    try withSandbox { s in
      try s.importSample()
      let folder = s.dir.appendingPathComponent("my editors")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let script = folder.appendingPathComponent("ed.sh").path
      try Data("""
        #!/bin/sh
        echo "$#:$1:$2" > "\(s.dir.path)/args.txt"
        for a; do f=$a; done
        sed -i 's|^Item:.*|Item: 2.a|' "$f"

        """.utf8).write(to: URL(fileURLWithPath: script))
      chmod(script, 0o755)
      // Quotes group a path with a space; `;` and `$(…)` are plain words, never run.
      let r = try s.run(["edit", "2", "--editor", "--file", s.file, "--lang", "en"],
        environment: ["VISUAL": "'\(script)' --wait;touch$(id)", "EDITOR": "/bin/false", "TERM": "xterm"])
      #expect(r.status == 0, "\(r.err)")
      let args = try String(contentsOfFile: s.dir.appendingPathComponent("args.txt").path, encoding: .utf8)
      #expect(args.hasPrefix("2:--wait;touch$(id):"))
      #expect(try s.task(2)["item"] as? String == "2.a")
    }
  }

  @Test func editorFailuresAreOneSentenceAndSaveNothing() throws {
    try withSandbox { s in
      try s.importSample()
      let before = s.snapshot()
      let failing = try s.run(["edit", "2", "--editor", "--file", s.file], environment: ["EDITOR": "/bin/false"])
      #expect(failing.status == 1)
      #expect(failing.errLines == ["followup: The editor '/bin/false' exited with status 1; nothing was saved"])
      let missing = try s.run(["edit", "2", "--editor", "--file", s.file], environment: ["EDITOR": "no-such-editor"])
      #expect(missing.errLines == ["followup: Cannot find the editor 'no-such-editor'; set EDITOR, e.g. EDITOR=nano"])
      let mixed = try s.run(["edit", "2", "--editor", "--deadline", "năm 2024", "--file", s.file], environment: ["EDITOR": "/bin/true"])
      #expect(mixed.status == 1)
      #expect(mixed.err.contains("--editor cannot be combined with field options"))
      #expect(s.snapshot() == before)
    }
  }
}
