import FollowUpCore
import FollowUpTUI
import Foundation
import TermCore
import Testing

/// The intake screen: a notice given, its drafts reviewed one by one, and only what the
/// officer accepted (as edited) leaving as one document for the store.
@Suite struct IntakeReviewTests {
  /// A notice of the sample's directory: two ready assignments, one to a group of bodies,
  /// one counted in working days from the notice's day.
  static let notice = """
    SỞ KHOA HỌC VÀ CÔNG NGHỆ
    Số: 21/TB-SKHCN
    Hải Phòng, ngày 09 tháng 10 năm 2023

    THÔNG BÁO
    Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 10/2023

    Ngày 05/10/2023, Giám đốc Sở Khoa học và Công nghệ chủ trì họp giao ban. Giám đốc Sở kết luận như sau:

    1. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát kinh phí sự nghiệp khoa học, hoàn thành trước ngày 31/10/2023.

    2. Sở Tư pháp có trách nhiệm thẩm định dự thảo Quy chế quản lý nhiệm vụ khoa học, hoàn thành trong 15 ngày làm việc.

    3. Các Sở, ngành liên quan phối hợp triển khai Chương trình đổi mới sáng tạo.

    4. Đề nghị Liên hiệp hội tổ chức hội thảo phản biện Đề án phát triển khoa học, báo cáo UBND thành phố trong Quý IV/2023.
    """

  static func intake(_ s: AppState) -> IntakeState? {
    if case .intake(let i)? = s.overlays.last { return i }
    return nil
  }

  /// The sample with the notice pasted into the intake screen and drafted.
  static func reviewing(_ lang: Lang = .en, width: Int = 120, height: Int = 32) -> AppState {
    var s = Fixture.state(lang, width: width, height: height)
    press(&s, .char("I"))
    send(&s, .paste(notice))
    press(&s, .ctrl("s"))
    return s
  }

  static func imported(_ effects: [AppEffect]) -> InterchangeDocument? {
    guard effects.count == 1, case .importNotice(let doc) = effects[0] else { return nil }
    return doc
  }

  @Test func aPastedNoticeIsDraftedForReviewAndNothingIsSaved() throws {
    var s = Fixture.state(.en, width: 120, height: 32)
    #expect(press(&s, .char("I")).isEmpty)
    #expect(s.keyScope == .intakeSource)
    #expect(send(&s, .paste(Self.notice)).isEmpty)
    #expect(press(&s, .ctrl("s")).isEmpty, "drafting reads no file and writes nothing")
    let st = try #require(Self.intake(s))
    #expect(st.stage == .review)
    #expect(s.keyScope == .intakeReview)
    #expect(st.meeting.notice == "21/TB-SKHCN")
    #expect(st.meeting.date == Day(year: 2023, month: 10, day: 5))
    // Every draft is the extractor's reading of the same text, undecided, with its sentence.
    let expected = IntakeExtractor.draft(Self.notice, catalog: s.catalog).tasks
    #expect(st.items.map(\.draft) == expected)
    #expect(st.items.allSatisfy { $0.decision == .undecided && $0.edited == nil })
    for t in expected { #expect(Self.notice.contains(t.source)) }
    let screen = screenText(s)
    #expect(screen.contains("Notice 21/TB-SKHCN of 09/10/2023"), "\(screen)")
    #expect(screen.contains("Source sentence:"))
    #expect(screen.contains("“Giao Sở Tài chính"), "the selected draft's sentence is beside it")
    #expect(s.list.page.total == Sample.tasks.count)
  }

  @Test func savingSendsExactlyTheAcceptedDraftsAsOneDocument() throws {
    var s = Self.reviewing()
    press(&s, .char("y"))  // [1] accepted, on to [2]
    press(&s, .char("x"))  // [2] dropped, on to [3]
    press(&s, .char("y"))  // [3] is a group: refused
    #expect(Self.intake(s)?.items[2].decision == .undecided)
    #expect(Self.intake(s)?.error?.contains("choose the agency") == true)
    press(&s, .down)
    press(&s, .char(" "))  // [4] accepted
    let st = try #require(Self.intake(s))
    #expect(st.items.map(\.decision) == [.accepted, .dropped, .undecided, .accepted])
    let doc = try #require(Self.imported(press(&s, .ctrl("s"))))
    #expect(Self.intake(s)?.savingRef == "M2023-1005")
    let meeting = try #require(doc.meetings.first)
    #expect(doc.meetings.count == 1)
    #expect(meeting.ref == "M2023-1005" && meeting.notice == "21/TB-SKHCN" && meeting.date == Day(year: 2023, month: 10, day: 5))
    let kept = [st.items[0].draft, st.items[3].draft]
    #expect(doc.tasks.map(\.content) == kept.map(\.content))
    #expect(doc.tasks.map(\.lead) == ["STC", "LHH"])
    #expect(doc.tasks[0].coordinating == ["SNV"])
    #expect(doc.tasks.map(\.deadline) == kept.map(\.deadline))
    #expect(doc.tasks.allSatisfy { $0.meeting == "M2023-1005" && $0.assignedOn == meeting.date })
    // The sentence each came from travels with it as its first progress note.
    #expect(doc.tasks.map { $0.notes.first?.text } == kept.map { IntakeInterchange.sourcePrefix + $0.source })
    // Keys are ignored while the save is in flight: a second Ctrl-S sends nothing more.
    #expect(press(&s, .ctrl("s")).isEmpty)
  }

  @Test func nothingIsSavedBeforeADraftIsAccepted() throws {
    var s = Self.reviewing()
    #expect(press(&s, .ctrl("s")).isEmpty)
    #expect(Self.intake(s)?.error == "No draft is accepted, so nothing was saved; accept the drafts to keep first")
    press(&s, .char("d"), .char("d"), .char("d"), .char("d"))
    #expect(Self.intake(s)?.items.allSatisfy { $0.decision == .dropped } == true)
    #expect(press(&s, .ctrl("s")).isEmpty)
  }

  /// A group of bodies as lead is settled in the task form: the directory's agency chosen
  /// there replaces it, the draft is accepted, and what the form did not touch stays as read.
  @Test func editingADraftChoosesTheAgencyAndAcceptsIt() throws {
    var s = Self.reviewing()
    press(&s, .down, .down)
    press(&s, .char("e"))
    var form = try #require(topForm(s))
    #expect(form.purpose == .reviewDraft(index: 2))
    #expect(form.text(.lead) == "Các Sở, ngành liên quan")
    #expect(!form.fields.contains { $0.id == .meeting }, "the meeting is the notice's")
    press(&s, .enter)
    form = try #require(topForm(s), "a group is not a directory agency: the form stays")
    #expect(form.errorField == .lead)
    #expect(topForm(s)?.focused?.id == .lead, "the field at fault has the keys")
    press(&s, .ctrl("u"))
    type(&s, "SKHCN")
    press(&s, .enter)
    #expect(topForm(s) == nil)
    let st = try #require(Self.intake(s))
    #expect(st.items[2].decision == .accepted)
    #expect(st.items[2].edited?.lead == "SKHCN")
    #expect(st.items[2].checks.isEmpty, "the group check is settled by the choice")
    #expect(st.scroll.cursor == 3, "the edit moves on to the next draft")
    let doc = try #require(Self.imported(press(&s, .ctrl("s"))))
    #expect(doc.tasks.count == 1)
    #expect(doc.tasks[0].lead == "SKHCN")
    #expect(doc.tasks[0].content == st.items[2].draft.content)
    #expect(doc.tasks[0].meeting == doc.meetings.first?.ref)
  }

  /// `trong 15 ngày làm việc` is counted from the notice's day in the form too: saving the
  /// form unchanged keeps the words and the date the draft had.
  @Test func aPeriodInTheFormCountsFromTheNoticesDay() throws {
    var s = Self.reviewing()
    let drafted = try #require(Self.intake(s)?.items[1].draft.deadline)
    #expect(drafted.text == "trong 15 ngày làm việc")
    #expect(drafted.date == Day(year: 2023, month: 10, day: 30))
    press(&s, .down, .char("e"))
    #expect(topForm(s)?.text(.deadline) == "trong 15 ngày làm việc")
    #expect(screenText(s).contains("→ 30/10/2023"), "the preview reads it against the notice")
    press(&s, .enter)
    #expect(Self.intake(s)?.items[1].edited?.deadline == drafted)
  }

  @Test func escapeAsksBeforeThrowingAwayAReview() throws {
    var s = Self.reviewing()
    press(&s, .char("y"))
    press(&s, .escape)
    #expect(s.keyScope == .discard)
    #expect(screenText(s).contains("Discard the draft and the decisions made?"))
    press(&s, .char("n"))
    #expect(Self.intake(s)?.items[0].decision == .accepted, "keeping on leaves the review as it was")
    press(&s, .escape)
    #expect(press(&s, .char("y")).isEmpty)
    #expect(s.overlays.isEmpty)
    #expect(s.status?.text == "Draft discarded; nothing saved.")
  }

  @Test func escapeBeforeAnyDecisionGoesBackToTheText() throws {
    var s = Self.reviewing()
    press(&s, .escape)
    let st = try #require(Self.intake(s))
    #expect(st.stage == .source)
    #expect(st.area.text == Self.notice)
  }

  /// A file is read by the runtime (an effect), never by the interface; what it reads, or
  /// why it could not, comes back as an action.
  @Test func aFileNameIsReadThroughAnEffect() throws {
    var s = Fixture.state(.en, width: 120, height: 32)
    press(&s, .char("I"), .tab)
    type(&s, "/srv/notices/tb-21.docx")
    #expect(press(&s, .enter) == [.readNotice(path: "/srv/notices/tb-21.docx")])
    #expect(press(&s, .char("x")).isEmpty, "keys wait for the file")
    send(&s, .noticeRead(path: "/srv/notices/tb-21.docx", .failure(UserError(.intakeEmpty, vi: "Tệp rỗng", en: "The file 'tb-21.docx' is empty"))))
    var st = try #require(Self.intake(s))
    #expect(st.stage == .source && st.error == "The file 'tb-21.docx' is empty")
    press(&s, .ctrl("s"))
    send(&s, .noticeRead(path: "/srv/notices/tb-21.docx", .success(Self.notice)))
    st = try #require(Self.intake(s))
    #expect(st.stage == .review && st.sourceName == "tb-21.docx" && st.items.count == 4)
    #expect(screenText(s).contains("Drafted from tb-21.docx: 4 tasks"))
  }

  /// After the store took the document the screen closes and the list shows the meeting's tasks.
  @Test func aSavedNoticeShowsItsTasksInTheList() throws {
    var s = Self.reviewing()
    press(&s, .char("A"))
    let doc = try #require(Self.imported(press(&s, .ctrl("s"))))
    #expect(doc.tasks.count == 3, "the group's draft waits for its agency")
    var catalog = s.catalog
    for m in doc.meetings { catalog.upsert(m) }
    let stored = doc.tasks.enumerated().map { i, t -> FollowUpTask in
      var t = t
      t.id = 100 + i
      t.version = 1
      return t
    }
    send(&s, .saved(changed: stored, deleted: [], catalog: catalog, revision: 2, message: "Saved"))
    #expect(s.overlays.isEmpty)
    #expect(s.view == .tasks)
    #expect(s.list.filterText == "meeting:M2023-1005")
    #expect(s.list.page.rows.map(\.task.id).sorted() == [100, 101, 102])
    #expect(s.list.page.total == 3)
  }

  @Test func aRefusedSaveKeepsTheReview() throws {
    var s = Self.reviewing()
    press(&s, .char("y"))
    _ = try #require(Self.imported(press(&s, .ctrl("s"))))
    send(&s, .saveFailed(UserError(.internalFault, vi: "Tệp chỉ đọc", en: "The file is read-only")))
    let st = try #require(Self.intake(s))
    #expect(st.savingRef == nil && st.items[0].decision == .accepted)
    #expect(st.error == "Not saved: The file is read-only")
  }

  /// On a narrow terminal the sentence goes under the list rather than beside it.
  @Test(arguments: [Lang.vi, .en])
  func narrowTerminalsStackTheSentenceUnderTheList(lang: Lang) throws {
    let s = Self.reviewing(lang, width: 80, height: 24)
    let rows = screenText(s).components(separatedBy: "\n")
    let listRow = try #require(rows.firstIndex { $0.contains("[1] 1") })
    let sentence = try #require(rows.firstIndex { $0.contains("Giao Sở Tài chính") })
    #expect(sentence > listRow + 3)
    #expect(!rows[listRow].contains("│"))
  }
}

/// The intake screen as drawn: drafts with their marks beside (or, narrow, above) the
/// selected one's sentence, the meeting found, what needs checking.
@Suite struct IntakeGoldenScreens {
  @Test(arguments: [(Lang.en, Size(width: 80, height: 24)), (Lang.vi, Size(width: 120, height: 40))])
  func reviewWithMarks(lang: Lang, size: Size) {
    var s = IntakeReviewTests.reviewing(lang, width: size.width, height: size.height)
    press(&s, .char("y"), .char("x"))
    assertScreen(Render.frame(s).grid, named: "intake-review-\(size.width)x\(size.height)-\(lang.rawValue)")
  }

  @Test func textGivenAndTheQuestionBeforeDiscardingIt() {
    var s = Fixture.state(.vi, width: 80, height: 24)
    press(&s, .char("I"))
    send(&s, .paste(IntakeReviewTests.notice))
    press(&s, .escape)
    #expect(s.keyScope == .discard)
    let frame = Render.frame(s)
    #expect(frame.cursor == nil)
    assertScreen(frame.grid, named: "intake-source-discard-80x24-vi")
    press(&s, .char("n"))
    #expect(s.keyScope == .intakeSource, "keeping the text goes on typing")
    press(&s, .escape, .char("y"))
    #expect(s.overlays.isEmpty)
  }
}

/// The notice's text field: several lines, typed or pasted.
@Suite struct TextAreaTests {
  @Test func pastedLinesSplitAndJoinAroundTheCursor() {
    var a = TextArea("Giao Sở Y tế")
    a.insert(" chủ trì\n2. Sở Tư pháp\r\n3. Sở Nội vụ")
    #expect(a.lines.map(\.text) == ["Giao Sở Y tế chủ trì", "2. Sở Tư pháp", "3. Sở Nội vụ"])
    #expect(a.row == 2 && a.column == "3. Sở Nội vụ".count)
    a.handle(.home)
    a.handle(.backspace)
    #expect(a.lines.map(\.text) == ["Giao Sở Y tế chủ trì", "2. Sở Tư pháp3. Sở Nội vụ"])
    a.handle(.enter)
    #expect(a.text == "Giao Sở Y tế chủ trì\n2. Sở Tư pháp\n3. Sở Nội vụ")
    a.handle(.up)
    a.handle(.end)
    a.handle(.delete)
    #expect(a.text == "Giao Sở Y tế chủ trì\n2. Sở Tư pháp3. Sở Nội vụ")
  }
}
