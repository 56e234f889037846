import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// A private folder with its own HOME and data file, for running the real binary.
final class IntakeSandbox {
  let dir: URL
  let file: String

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("followup-intake-\(UUID().uuidString)")
    file = dir.appendingPathComponent("data.db").path
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("home"), withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: dir) }

  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("followup")
  }

  func write(_ name: String, _ text: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Runs `followup` with these arguments; returns the status, stdout and stderr.
  func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let outURL = dir.appendingPathComponent("out-\(UUID().uuidString)")
    let errURL = dir.appendingPathComponent("err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let p = Process()
    p.executableURL = IntakeSandbox.binary
    p.arguments = arguments + ["--file", file]
    p.environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
      "TZ": "Asia/Ho_Chi_Minh", "FOLLOWUP_USER": "thuy", "HOME": dir.appendingPathComponent("home").path,
      "XDG_DATA_HOME": dir.appendingPathComponent("xdg").path,
    ]
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = outHandle
    p.standardError = errHandle
    // Swift Testing's threads block signals the child would inherit: clear the mask around run().
    var none = sigset_t()
    var saved = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &saved)
    try p.run()
    pthread_sigmask(SIG_SETMASK, &saved, nil)
    p.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return (
      p.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    )
  }
}

@Suite struct IntakeCommand {
  @Test(arguments: [
    ("empty.txt", "intake.empty"), ("binary.txt", "not plain text"), ("not-a-zip.docx", "not a zip"),
    ("bomb.docx", "docx"), ("not-word.docx", "not a Word document"), ("scan-no-text.pdf", "no text layer"),
  ])
  func badInputIsOneSentenceAndSavesNothing(_ name: String, _ expected: String) throws {
    let s = try IntakeSandbox()
    let r = try s.run(["intake", "--lang", "en", "--save", fixtures.appendingPathComponent(name).path])
    #expect(r.status != 0)
    let lines = r.err.split(separator: "\n", omittingEmptySubsequences: true)
    #expect(lines.count == 1, "\(r.err)")
    #expect(r.out.isEmpty)
    if expected != "intake.empty" { #expect(r.err.contains(expected), "\(r.err)") }
    #expect(!FileManager.default.fileExists(atPath: s.file), "a data file was created")
  }

  @Test func aZipBombIsRefusedAsOne() throws {
    let s = try IntakeSandbox()
    let r = try s.run(["intake", "--lang", "en", fixtures.appendingPathComponent("bomb.docx").path])
    #expect(r.status != 0)
    #expect(r.err.lowercased().contains("bomb") || r.err.contains("limit") || r.err.contains("too"), "\(r.err)")
  }

  @Test func wordNumberingBecomesTheItemLabels() throws {
    let s = try IntakeSandbox()
    let r = try s.run(["intake", "--lang", "en", fixtures.appendingPathComponent("tb-so-noi-vu-numbered.docx").path])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("Notice:     96/TB-SNV of 12/09/2023"))
    #expect(r.out.contains("[1] Item 1.a"))
    #expect(r.out.contains("[2] Item 1.b"))
    #expect(r.out.contains("[3] Item 2.a"))
    #expect(r.out.contains("Lead:       STP (Sở Tư pháp)"))
    // Deleted revision text is not part of the notice.
    #expect(!r.out.contains("xóa bỏ"))
  }

  @Test func aPDFIsReadThroughItsTextLayer() throws {
    let s = try IntakeSandbox()
    let r = try s.run(["intake", "--lang", "en", fixtures.appendingPathComponent("notice-ascii.pdf").path])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("Lead:       STC (So Tai chinh)"))
    #expect(r.out.contains("\"trong Quy IV/2023\" → 31/12/2023"))
  }

  @Test func utf16WithABOMIsText() throws {
    let s = try IntakeSandbox()
    let r = try s.run(["intake", "--lang", "en", fixtures.appendingPathComponent("utf16.txt").path])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("Lead:       SYT (Sở Y tế)"))
  }

  @Test func wordsLineBreaksAndWindowsLineEndsAreText() throws {
    let s = try IntakeSandbox()
    let notice = try s.write("tb.txt", "1. Giao Sở Y tế chủ trì\u{0B}tổ chức tiêm chủng.\r\n2. Sở Tài chính bố trí kinh phí.\r\n")
    let r = try s.run(["intake", "--lang", "en", notice])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("Content:    tổ chức tiêm chủng"))
    #expect(r.out.contains("[2] Item 2"))
  }

  @Test func saveStoresEverythingAsOneActionThatUndoTakesBack() throws {
    let s = try IntakeSandbox()
    let notice = try s.write("tb.txt", """
      Số: 77/TB-UBND
      Hải Phòng, ngày 04 tháng 3 năm 2024
      THÔNG BÁO
      Kết luận của Chủ tịch UBND thành phố về phòng cháy
      1. Giao Công an thành phố chủ trì, phối hợp với Sở Xây dựng kiểm tra an toàn phòng cháy tại các chung cư, hoàn thành trong Quý II/2024.
      2. Sở Tài chính bố trí kinh phí mua sắm phương tiện chữa cháy, báo cáo UBND thành phố trước ngày 30/4/2024.
      """)
    let saved = try s.run(["intake", "--lang", "en", "--save", notice])
    #expect(saved.status == 0, "\(saved.err)")
    #expect(saved.out.contains("Saved meeting M2024-0304 and 2 tasks"))
    let list = try s.run(["list", "--format", "json", "--lang", "en"])
    let tasks = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
    #expect(tasks.count == 2)
    #expect(Set(tasks.compactMap { $0["lead"] as? String }) == ["CATP", "STC"])
    let show = try s.run(["show", "--lang", "en", String(tasks.compactMap { $0["id"] as? Int }.min() ?? 0)])
    #expect(show.out.contains(IntakeInterchange.sourcePrefix + "Giao Công an thành phố chủ trì"))
    let undo = try s.run(["undo", "--lang", "en"])
    #expect(undo.status == 0, "\(undo.err)")
    let after = try s.run(["list", "--format", "json", "--lang", "en"])
    let left = try JSONSerialization.jsonObject(with: Data(after.out.utf8)) as? [[String: Any]]
    #expect(left?.isEmpty == true)
  }

  @Test func saveRefusesWhileABodyIsUnresolvedAndSavesNothing() throws {
    let s = try IntakeSandbox()
    let notice = try s.write("tb.txt", """
      Hải Phòng, ngày 04 tháng 3 năm 2024
      1. Giao Sở Tài chính chủ trì bố trí kinh phí.
      2. Các Sở, ngành liên quan phối hợp thực hiện.
      """)
    let r = try s.run(["intake", "--lang", "en", "--save", notice])
    #expect(r.status != 0)
    #expect(r.err.contains("Nothing was saved") && r.err.contains("[2]"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: s.file))
  }

  @Test func theEvaluateCommandPrintsTheMetricsTable() throws {
    let s = try IntakeSandbox()
    let r = try s.run(["intake", "--lang", "en", "--evaluate", corpus.path])
    #expect(r.status == 0, "\(r.err)")
    let total = r.out.split(separator: "\n").first { $0.hasPrefix("TOTAL") }
    #expect(total != nil)
    #expect(r.out.contains("Lead right") && r.out.contains("Coord. F1") && r.out.contains("Deadline exact"))
  }
}
