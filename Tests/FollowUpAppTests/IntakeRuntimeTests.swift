import FollowUpApp
import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore
import Testing

/// The intake screen with the real runtime and store: the notice file is read by the same
/// code as `followup intake`, and the accepted drafts land as one action `u` takes back.
@Suite struct IntakeRuntimeTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("IntakeTests/Fixtures")

  static func intake(_ rt: Runtime) -> IntakeState? {
    if case .intake(let i)? = rt.state.overlays.last { return i }
    return nil
  }

  @Test func aDocxNoticeIsReadDraftedSavedAndUndoneAsOne() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let before = try store.loadAll().tasks.count
      let (rt, _) = try headless(store, size: Size(width: 120, height: 32))
      let path = Self.fixtures.appendingPathComponent("tb-so-noi-vu-numbered.docx").path
      rt.press(.char("I"), .tab)
      rt.type(path)
      rt.press(.enter)
      let st = try #require(Self.intake(rt))
      #expect(st.stage == .review, "\(st.error ?? "")")
      #expect(st.meeting.notice == "96/TB-SNV")
      let expected = IntakeExtractor.draft(try IntakeFile.text(path), catalog: rt.state.catalog).tasks
      #expect(st.items.map(\.draft) == expected)
      let ready = expected.filter(\.isResolved)
      #expect(!ready.isEmpty && ready.count < expected.count, "the fixture has drafts of both kinds")

      rt.press(.char("A"), .ctrl("s"))
      #expect(Self.intake(rt) == nil, "\(rt.state.status?.text ?? "")")
      let saved = try store.loadAll()
      #expect(saved.tasks.count == before + ready.count)
      let meeting = try #require(saved.catalog.meetings.values.first { $0.notice == "96/TB-SNV" })
      #expect(Set(saved.tasks.filter { $0.meeting == meeting.ref }.map(\.content)) == Set(ready.map(\.content)))
      #expect(rt.state.list.filterText == "meeting:\(meeting.ref)")
      #expect(rt.state.list.page.total == ready.count)

      rt.press(.char("u"))
      #expect(try store.loadAll().tasks.count == before)
    }
  }

  @Test func aFileThatCannotBeReadSaysSoAndSavesNothing() throws {
    try withTempDir { dir in
      let store = try sampleStore(dir)
      let (rt, _) = try headless(store)
      let empty = dir.appendingPathComponent("rong.txt")
      try Data().write(to: empty)
      rt.press(.char("I"), .tab)
      rt.type(empty.path)
      rt.press(.enter)
      let st = try #require(Self.intake(rt))
      #expect(st.stage == .source)
      #expect(st.error == "The file 'rong.txt' is empty; choose a notice that has some text")
      #expect(try store.loadAll().tasks.count == Sample.tasks.count)
    }
  }
}
