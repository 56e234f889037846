import FollowUpCore
import TermCore

/// What the officer decided about one drafted task.
public enum DraftDecision: Equatable, Sendable {
  /// Not looked at yet: not saved.
  case undecided
  /// To be saved.
  case accepted
  /// Not an assignment, or not wanted: never saved.
  case dropped
}

/// One drafted task under review: the draft as read, the officer's edit of it, the decision.
public struct IntakeItem: Equatable, Sendable {
  /// The task as the notice was read.
  public var draft: DraftTask
  /// The fields as the officer edited them, once edited.
  public var edited: TaskFields?
  /// Accepted, dropped or not yet decided.
  public var decision: DraftDecision = .undecided

  /// Creates an undecided item.
  public init(draft: DraftTask) { self.draft = draft }

  /// Whether it can be saved: edited (the form checked every agency against the directory),
  /// or read with a lead and partners that are all directory agencies.
  public var isReady: Bool { edited != nil || draft.isResolved }

  /// What still needs a person: the draft's checks, less those about agencies, people and the
  /// deadline once the officer's edit has settled them.
  public var checks: [IntakeCheck] {
    guard edited != nil else { return draft.checks }
    return draft.checks.filter {
      if case .maybeDuplicate = $0 { return true }
      return false
    }
  }
}

/// The intake screen: the notice given (a file or pasted text), then each drafted task
/// reviewed beside the sentence it came from, and the accepted ones saved as one action.
public struct IntakeState: Equatable, Sendable {
  /// Giving the notice, or reviewing its drafts.
  public enum Stage: Equatable, Sendable { case source, review }
  /// The field of the source stage that has the keys.
  public enum SourceField: Equatable, Sendable { case path, text }

  /// Which stage is shown.
  public var stage: Stage = .source
  /// The file to read (.txt, .docx, .pdf).
  public var path = LineEditor()
  /// The notice pasted or typed in.
  public var area = TextArea()
  /// The source field with the keys.
  public var field: SourceField = .text
  /// Set while the file is being read.
  public var reading = false
  /// The file's name, or empty for pasted text.
  public var sourceName = ""
  /// The meeting the notice reports.
  public var meeting = DraftMeeting()
  /// The drafted tasks, in the notice's order.
  public var items: [IntakeItem] = []
  /// The selected draft and the list's scroll.
  public var scroll = Scroller()
  /// Set after Esc with decisions made: the screen asks before throwing them away.
  public var confirmingDiscard = false
  /// The meeting ref being saved, while the save is in flight.
  public var savingRef: String?
  /// The sentence shown after a refused step.
  public var error: String?

  /// Creates the screen on its source stage.
  public init() {}

  /// Whether leaving would throw away the officer's work: decisions or edits in review,
  /// text or a path on the source stage.
  public var hasWork: Bool {
    switch stage {
    case .review: return items.contains { $0.decision != .undecided || $0.edited != nil }
    case .source: return !area.isBlank || !path.isEmpty
    }
  }

  /// The selected item's index.
  public var selected: Int? { items.indices.contains(scroll.cursor) ? scroll.cursor : nil }

  /// The key scope the screen reads keys in now.
  public var keyScope: KeyScope {
    if confirmingDiscard { return .discard }
    return stage == .source ? .intakeSource : .intakeReview
  }
}

/// The intake screen's logic: keys, paste, the file read, drafting, and saving.
public enum IntakeReview {
  /// How many rows the review list of `count` drafts takes at a size (the view draws exactly
  /// these): the whole height beside the sentence, at most half of it above the sentence.
  public static func listRows(_ size: Size, count: Int) -> Int {
    let page = ScreenLayout(size).page
    let body = max(1, page.height - 2)
    return size.width >= IntakeLayout.sideBySideWidth ? body : max(1, min(count, body / 2, body - 6))
  }

  /// Opens the screen.
  static func open(_ s: inout AppState) {
    s.prompt = nil
    s.overlays.append(.intake(IntakeState()))
  }

  /// A key on the intake screen.
  static func key(_ s: inout AppState, _ st: inout IntakeState, _ key: Key) -> [AppEffect] {
    guard st.savingRef == nil, !st.reading else { return [] }
    let l = s.env.lang
    let keys = s.env.keys
    if st.confirmingDiscard {
      switch keys.command(for: key, in: .discard) {
      case .discard?:
        close(&s, message: l.pick(vi: "Đã bỏ bản dự thảo, không lưu gì.", en: "Draft discarded; nothing saved."))
      case .keepEditing?: st.confirmingDiscard = false
      case .redraw?: return [.redraw]
      default: break
      }
      return []
    }
    switch st.stage {
    case .source: return sourceKey(&s, &st, key)
    case .review: return reviewKey(&s, &st, key)
    }
  }

  static func close(_ s: inout AppState, message: String) {
    if case .intake? = s.overlays.last { s.overlays.removeLast() }
    s.status = StatusMessage(message)
  }

  static func sourceKey(_ s: inout AppState, _ st: inout IntakeState, _ key: Key) -> [AppEffect] {
    let l = s.env.lang
    switch s.env.keys.command(for: key, in: .intakeSource) {
    case .draftNotice?: return draft(&s, &st)
    case .switchField?: st.field = st.field == .path ? .text : .path
    case .cancel?:
      if st.hasWork {
        st.confirmingDiscard = true
      } else {
        close(&s, message: l.pick(vi: "Đã huỷ, không lưu gì.", en: "Cancelled; nothing saved."))
      }
    case .redraw?: return [.redraw]
    case .newLine?:
      // In the File field Enter reads the file, as it would in any file prompt.
      if st.field == .path { return draft(&s, &st) }
      st.area.handle(.enter)
    case .moveUp?: if st.field == .text { st.area.handle(.up) }
    case .moveDown?: if st.field == .text { st.area.handle(.down) }
    case .pageUp?: if st.field == .text { st.area.handle(.pageUp) }
    case .pageDown?: if st.field == .text { st.area.handle(.pageDown) }
    default:
      st.error = nil
      switch st.field {
      case .path: st.path.handle(key)
      case .text: st.area.handle(key)
      }
    }
    return []
  }

  /// Ctrl-S on the source stage: read the file named, else draft the text given.
  static func draft(_ s: inout AppState, _ st: inout IntakeState) -> [AppEffect] {
    let l = s.env.lang
    let path = st.path.text.trimmingCharacters(in: .whitespaces)
    if !path.isEmpty {
      st.reading = true
      st.error = nil
      return [.readNotice(path: path)]
    }
    guard !st.area.isBlank else {
      st.error = l.pick(
        vi: "Chưa có văn bản: hãy dán hoặc gõ thông báo, hoặc ghi đường dẫn tệp ở ô Tệp.",
        en: "There is no text yet: paste or type the notice, or give the file's path in the File field.")
      return []
    }
    review(&s, &st, text: st.area.text, name: "")
    return []
  }

  /// Drafts the tasks of a notice's text and shows them for review.
  static func review(_ s: inout AppState, _ st: inout IntakeState, text: String, name: String) {
    let l = s.env.lang
    let d = IntakeExtractor.draft(text, catalog: s.catalog)
    guard !d.tasks.isEmpty else {
      st.error = l.pick(
        vi: "Không tìm thấy câu giao nhiệm vụ nào (Giao …, Đề nghị …, … chủ trì, … có trách nhiệm …); kiểm tra văn bản.",
        en: "No assigning sentence was found (Giao …, Đề nghị …, … chủ trì, … có trách nhiệm …); check the text.")
      return
    }
    st.stage = .review
    st.sourceName = name
    st.meeting = d.meeting
    st.items = d.tasks.map { IntakeItem(draft: $0) }
    st.scroll = Scroller()
    st.error = nil
  }

  static func reviewKey(_ s: inout AppState, _ st: inout IntakeState, _ key: Key) -> [AppEffect] {
    let l = s.env.lang
    let count = st.items.count
    let rows = listRows(s.size, count: count)
    st.error = nil
    switch s.env.keys.command(for: key, in: .intakeReview) {
    case .moveUp?: st.scroll.move(-1, count: count, height: rows)
    case .moveDown?: st.scroll.move(1, count: count, height: rows)
    case .pageUp?: st.scroll.move(-max(1, rows - 1), count: count, height: rows)
    case .pageDown?: st.scroll.move(max(1, rows - 1), count: count, height: rows)
    case .top?: st.scroll.move(Int.min / 2, count: count, height: rows)
    case .bottom?: st.scroll.move(Int.max / 2, count: count, height: rows)
    case .acceptDraft?:
      guard let i = st.selected else { return [] }
      if st.items[i].decision == .accepted {
        st.items[i].decision = .undecided
      } else if st.items[i].isReady {
        st.items[i].decision = .accepted
        st.scroll.move(1, count: count, height: rows)
      } else {
        let edit = s.env.keys.key(.edit)
        st.error = l.pick(
          vi: "Dự thảo [\(i + 1)] chưa có cơ quan trong danh mục (nhóm cơ quan hoặc tên lạ); nhấn \(edit) để chọn cơ quan.",
          en: "Draft [\(i + 1)] has a body that is not a directory agency (a group or an unknown name); press \(edit) to choose the agency.")
      }
    case .dropDraft?:
      guard let i = st.selected else { return [] }
      st.items[i].decision = st.items[i].decision == .dropped ? .undecided : .dropped
      if st.items[i].decision == .dropped { st.scroll.move(1, count: count, height: rows) }
    case .acceptAll?:
      for i in st.items.indices where st.items[i].decision == .undecided && st.items[i].isReady {
        st.items[i].decision = .accepted
      }
      let left = st.items.filter { $0.decision == .undecided }.count
      if left > 0 {
        st.error = l.pick(
          vi: "Còn \(left) dự thảo cần chọn cơ quan trước khi nhận.",
          en: "\(counted(left, vi: "", en: "draft", .en)) still need an agency chosen before they can be accepted.")
      }
    case .edit?:
      guard let i = st.selected else { return [] }
      s.overlays.append(.form(Forms.draftForm(st.items[i], index: i, reference: st.meeting.referenceDay)))
    case .saveIntake?: return save(&s, &st)
    case .cancel?:
      if st.hasWork {
        st.confirmingDiscard = true
      } else {
        // Nothing decided yet: back to the text, to fix it or give another file.
        st.stage = .source
        st.items = []
      }
    case .redraw?: return [.redraw]
    default: break
    }
    return []
  }

  /// The accepted drafts as one document for the store: the meeting and its tasks.
  public static func document(_ st: IntakeState, catalog: Catalog, user: String, _ l: Lang) -> Result<InterchangeDocument, UserError> {
    let accepted = st.items.filter { $0.decision == .accepted }
    guard !accepted.isEmpty else {
      return .failure(UserError(
        .intakeNone, vi: "Chưa nhận dự thảo nào nên chưa lưu gì; nhận từng dự thảo trước khi lưu",
        en: "No draft is accepted, so nothing was saved; accept the drafts to keep first"))
    }
    if let i = st.items.firstIndex(where: { $0.decision == .accepted && !$0.isReady }) {
      return .failure(UserError(
        .intakeUnresolved, vi: "Chưa lưu gì: dự thảo [\(i + 1)] chưa có cơ quan trong danh mục; sửa nó để chọn cơ quan",
        en: "Nothing was saved: draft [\(i + 1)] has a body that is not a directory agency; edit it to choose the agency"))
    }
    let draft = IntakeDraft(meeting: st.meeting, tasks: [])
    guard let day = st.meeting.date ?? st.meeting.noticeDate,
      let meeting = IntakeInterchange.meeting(draft, ref: IntakeInterchange.meetingRef(day, taken: Set(catalog.meetings.keys)))
    else {
      return .failure(UserError(
        .intakeNodate, vi: "Chưa lưu gì: văn bản không ghi ngày họp hay ngày ban hành; thêm dòng ngày vào văn bản rồi lập lại dự thảo",
        en: "Nothing was saved: the notice gives no meeting or issue date; add the date line to the text and draft it again"))
    }
    let tasks = accepted.map { item in
      var t = IntakeInterchange.task(item.draft, meeting: meeting, by: user)
      if var fields = item.edited {
        fields.meeting = meeting.ref
        fields.apply(to: &t)
      }
      return t
    }
    return .success(InterchangeDocument(agencies: [], people: [], meetings: [meeting], tasks: tasks))
  }

  static func save(_ s: inout AppState, _ st: inout IntakeState) -> [AppEffect] {
    switch document(st, catalog: s.catalog, user: s.me ?? s.env.user, s.env.lang) {
    case .success(let doc):
      st.savingRef = doc.meetings.first?.ref
      return [.importNotice(doc)]
    case .failure(let e):
      st.error = e.message(s.env.lang)
      return []
    }
  }

  /// The file's text arrived (or why it could not be read).
  static func noticeRead(_ s: inout AppState, path: String, _ result: Result<String, UserError>) {
    guard case .intake(var st)? = s.overlays.last, st.reading else { return }
    st.reading = false
    switch result {
    case .success(let text):
      st.area = TextArea(text)
      review(&s, &st, text: text, name: path.split(separator: "/").last.map(String.init) ?? path)
    case .failure(let e):
      st.error = Update.shortenPaths(e.message(s.env.lang), s.env)
    }
    s.overlays[s.overlays.count - 1] = .intake(st)
  }

  /// Paste on the source stage goes to its fields; in review it is ignored, as everywhere
  /// outside a text field.
  static func paste(_ st: inout IntakeState, _ text: String) {
    guard st.stage == .source, !st.confirmingDiscard, !st.reading else { return }
    st.error = nil
    if st.field == .path && !text.contains(where: { $0 == "\n" || $0 == "\r" }) {
      st.path.insert(text)
    } else {
      st.field = .text
      st.area.insert(text)
    }
  }

  /// The save went through: the screen closes and the list shows the meeting's new tasks.
  static func saved(_ s: inout AppState) {
    guard case .intake(let st)? = s.overlays.last, let ref = st.savingRef else { return }
    s.overlays.removeLast()
    s.view = .tasks
    s.drillOrigin = nil
    s.list.searchText = ""
    s.list.quick = QuickFilters()
    s.list.scope = nil
    if let f = try? TaskFilter.parse("meeting:\(ref)", context: s.filterContext) {
      s.list.filter = f
      s.list.filterText = f.source
    }
    s.list.scroll = Scroller()
    Update.refresh(&s, keep: .top)
    Update.clampAll(&s)
  }

  /// The save was refused: nothing was written, the review stays as it was.
  static func saveFailed(_ s: inout AppState, _ text: String) {
    guard case .intake(var st)? = s.overlays.last, st.savingRef != nil else { return }
    st.savingRef = nil
    st.error = text
    s.overlays[s.overlays.count - 1] = .intake(st)
  }

  /// The draft form saved: the edit replaces the draft's fields and accepts it.
  static func saveDraftForm(_ s: inout AppState, _ form: inout FormState, index: Int) -> [AppEffect] {
    if let e = Forms.unfilled(form, s.env.lang) {
      form.error = e.message
      form.errorField = e.field
      return []
    }
    let fields: TaskFields
    do {
      fields = try Forms.taskFields(form, s)
    } catch let e as Forms.FormError {
      form.error = e.message
      form.errorField = e.field
      if let f = e.field, let i = form.fields.firstIndex(where: { $0.id == f }) { form.focus = i }
      return []
    } catch {
      form.error = "\(error)"
      return []
    }
    s.overlays.removeLast()
    guard case .intake(var st)? = s.overlays.last, st.items.indices.contains(index) else { return [] }
    st.items[index].edited = fields
    st.items[index].decision = .accepted
    // As accepting does, the edit moves on to the next draft.
    if st.scroll.cursor == index { st.scroll.move(1, count: st.items.count, height: listRows(s.size, count: st.items.count)) }
    s.overlays[s.overlays.count - 1] = .intake(st)
    return []
  }
}

extension Forms {
  /// The task form for a draft under review: what the notice says of the task; the meeting
  /// is the notice's, so it is not asked. Deadlines are read against the notice's day.
  public static func draftForm(_ item: IntakeItem, index: Int, reference: Day?) -> FormState {
    let d = item.draft
    func who(_ a: AgencyMention) -> String { a.kind == .agency ? (a.code ?? a.text) : a.text }
    let deadlineText: String
    if let f = item.edited {
      deadlineText = f.deadline.text.isEmpty ? (f.deadline.date?.formatted ?? "") : f.deadline.text
    } else {
      deadlineText = d.deadline.text.isEmpty ? d.deadlineText : d.deadline.text
    }
    var form = FormState(purpose: .reviewDraft(index: index), fields: [
      FormField(.content, .text, item.edited?.content ?? d.content, required: true),
      FormField(.lead, .agency, item.edited?.lead ?? d.lead.map(who) ?? "", required: true),
      FormField(.coordinating, .agencies, item.edited?.coordinating.joined(separator: ", ") ?? d.coordinating.map(who).joined(separator: ", ")),
      FormField(.owner, .person, item.edited?.owner ?? d.owner ?? d.ownerName ?? ""),
      FormField(.deadline, .deadline, deadlineText),
      FormField(.item, .text, item.edited?.item ?? d.item),
      FormField(.product, .text, item.edited?.product ?? d.product),
    ])
    form.referenceDay = reference
    return form
  }
}
