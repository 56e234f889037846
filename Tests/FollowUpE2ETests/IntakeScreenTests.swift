import Foundation
import Testing

/// The intake screen in a real terminal: a notice file opened with `I`, one draft dropped, the
/// rest saved as one action that the list shows and one `u` takes back.
@Suite(.serialized) struct IntakeScreenTests {
  static let notice = """
    ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG
    Số: 318/TB-UBND
    Hải Phòng, ngày 22 tháng 11 năm 2023

    THÔNG BÁO
    Kết luận của Chủ tịch UBND thành phố tại cuộc họp về cải cách hành chính

    Ngày 20/11/2023, Chủ tịch UBND thành phố chủ trì cuộc họp về cải cách hành chính. Chủ tịch UBND thành phố kết luận:

    1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát quy chế làm việc của các cơ quan chuyên môn, hoàn thành trước ngày 15/12/2023.

    2. Sở Tư pháp có trách nhiệm kiểm tra việc công bố thủ tục hành chính, báo cáo UBND thành phố trong tháng 12/2023.

    3. Ban Tuyên giáo Thành ủy chỉ đạo tuyên truyền kết quả cải cách hành chính năm 2023.

    4. UBND các quận, huyện chủ động rà soát thủ tục hành chính cấp huyện.
    """

  static func count(_ ws: Scratch, _ filter: [String] = []) throws -> String {
    try ws.run(["count"] + filter + ["--file", ws.file]).out.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func openANoticeDropADraftSaveAndUndoTheWholeNotice() throws {
    try #require(Paths.tmux != nil, Paths.missingTmux)
    let ws = try Scratch("e2e-intake")
    defer { ws.remove() }
    try ws.importSample()
    let file = try ws.write("tb-318.txt", Self.notice)
    let tmux = try Tmux(ws, command: commandReportingTerminal(["--file", ws.file, "--as-of", "30/11/2023", "--lang", "en"]), cols: 120, rows: 32)
    defer { tmux.stop() }
    try tmux.await("the task list") { $0.contains("FollowUp ·") && $0.contains("7 tasks") }

    try tmux.send("I")
    try tmux.await("the intake screen") { $0.contains("Read a conclusion notice") && $0.contains("Tab to give a path") }
    try tmux.send("Tab")
    try tmux.await("the File field taking the keys") { !$0.contains("Tab to give a path") }
    try tmux.type(file)
    try tmux.send("Enter")
    try tmux.await("the drafts") { $0.contains("Drafted from tb-318.txt: 4 tasks · 0 accepted · 0 dropped") }

    // The group of districts cannot be accepted as it is; the three others can.
    try tmux.send("A")
    try tmux.await("three accepted") { $0.contains("3 accepted · 0 dropped") }
    try tmux.send("j")
    try tmux.await("the second draft") { $0.contains("[2] ✓ accepted") && $0.contains("“Sở Tư pháp có trách nhiệm") }
    try tmux.send("x")
    try tmux.await("the second dropped") { $0.contains("2 accepted · 1 dropped") }
    #expect(try Self.count(ws) == "7", "nothing is saved during the review")

    try tmux.send("C-s")
    let list = try tmux.await("the list of the saved tasks") {
      $0.contains("Saved meeting M2023-1120 and 2 tasks (#8–#9)") && $0.contains("2/9 tasks")
    }
    #expect(list.contains("rà soát quy chế làm việc của các cơ quan"), "\(list)")
    #expect(list.contains("chỉ đạo tuyên truyền kết quả cải cách"), "\(list)")
    #expect(!list.contains("kiểm tra việc công bố thủ tục"), "the dropped draft is not saved:\n\(list)")
    #expect(try Self.count(ws) == "9")
    #expect(try Self.count(ws, ["meeting:M2023-1120"]) == "2")

    try tmux.send("u")
    try tmux.await("the whole notice undone") { $0.contains("Undone:") && $0.contains("0/7 tasks") }
    #expect(try Self.count(ws) == "7")
    try tmux.send("q")
    try expectTerminalRestored(tmux, exit: 0)
  }
}
