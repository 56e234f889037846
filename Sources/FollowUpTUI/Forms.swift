import FollowUpCore
import TermCore

/// A field of a form.
public enum FieldID: String, Sendable, CaseIterable {
  case content, lead, coordinating, owner, tracker, deadline, meeting, item, product, priority
  case tags, status, completedOn, result
  case noteText, noteDate
  case extensionTo, decision, granted, decidedOn, reason, document
  case eventDate, channel
  case meetingRef, meetingDate, meetingTitle, meetingChair, meetingHost, meetingCounterpart, meetingNotice
}

/// What a field holds, which decides how it is typed, completed and checked.
public enum FieldKind: Equatable, Sendable {
  case text, agency, agencies, person, meeting, deadline, date, toggle
  case choice([String])
}

/// One field: its kind, its text and whether it must be filled.
public struct FormField: Equatable, Sendable {
  /// Which field this is.
  public var id: FieldID
  /// What it holds, which decides completion and checks.
  public var kind: FieldKind
  /// The text and cursor.
  public var editor: LineEditor
  /// Whether saving needs it filled.
  public var required: Bool

  /// Creates a field.
  public init(_ id: FieldID, _ kind: FieldKind, _ text: String = "", required: Bool = false) {
    self.id = id
    self.kind = kind
    editor = LineEditor(text)
    editor.handle(.end)
    self.required = required
  }
}

/// What a form is for.
public enum FormPurpose: Equatable, Sendable {
  case addTask
  case editTask(id: Int, version: Int)
  case note(ids: [Int], versions: [Int: Int])
  case extend(ids: [Int], versions: [Int: Int])
  case reassign(ids: [Int], versions: [Int: Int])
  case withdraw(ids: [Int], versions: [Int: Int])
  case remind(ids: [Int], versions: [Int: Int])
  case reportDone(ids: [Int], versions: [Int: Int])
  case returnReport(ids: [Int], versions: [Int: Int])
  case addMeeting
  /// A task drafted from a notice, edited before the review saves it with the others.
  case reviewDraft(index: Int)
}

/// The completions a field offers after Tab, shown as a list and walked with Tab/Shift-Tab
/// (or ↓/↑); the field shows the highlighted one, and Esc puts back what was typed.
public struct CompletionMenu: Equatable, Sendable {
  /// The field's text before the first Tab.
  public var original: String
  /// The candidates, best first.
  public var candidates: [Forms.Suggestion]
  /// The highlighted candidate.
  public var index: Int

  /// Creates a menu on its first candidate.
  public init(original: String, candidates: [Forms.Suggestion], index: Int = 0) {
    self.original = original
    self.candidates = candidates
    self.index = index
  }
}

/// A form on screen: fields, which one has focus, the highlighted completion, any error.
public struct FormState: Equatable, Sendable {
  /// What saving the form does.
  public var purpose: FormPurpose
  /// The fields, top to bottom.
  public var fields: [FormField]
  /// Index of the focused field.
  public var focus = 0
  /// Index of the highlighted completion.
  public var suggestion = 0
  /// The sentence shown under the form after a failed save.
  public var error: String?
  /// The field that sentence is about.
  public var errorField: FieldID?
  /// Set while the save is in flight; cleared by the result.
  public var saving = false
  /// After saving a meeting, the task form opens for its conclusions, item by item.
  public var chainedMeeting: String?
  /// Whether the form acts on the marked tasks (the marks are used up once it saves).
  public var fromMarks = false
  /// The completion list open on the focused field, after Tab found several candidates.
  public var menu: CompletionMenu?
  /// Set after Esc on a form with changes: the form asks whether to throw them away.
  public var confirmingDiscard = false
  /// The fields' texts as the form opened, to tell whether anything was typed.
  public var initialTexts: [String]
  /// The day a deadline without a year, or counted in days (`trong 15 ngày làm việc`), is
  /// read against: a notice's date for its drafts; else the meeting's year or the as-of day's.
  public var referenceDay: Day?

  /// Creates a form.
  public init(purpose: FormPurpose, fields: [FormField]) {
    self.purpose = purpose
    self.fields = fields
    initialTexts = fields.map(\.editor.text)
  }

  /// Whether any field differs from what the form opened with.
  public var isDirty: Bool { fields.map(\.editor.text) != initialTexts }

  /// Takes the current texts as the unchanged state (for forms prefilled after creation).
  public mutating func markClean() { initialTexts = fields.map(\.editor.text) }

  /// The focused field.
  public var focused: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

  /// A field's current text.
  public func text(_ id: FieldID) -> String {
    fields.first { $0.id == id }?.editor.text ?? ""
  }
}

/// Building, editing, completing and submitting forms: pure functions.
public enum Forms {
  /// The label of a field.
  public static func label(_ id: FieldID, _ l: Lang) -> String {
    switch id {
    case .content: return l.pick(vi: "Nội dung", en: "Content")
    case .lead: return l.pick(vi: "Chủ trì", en: "Lead agency")
    case .coordinating: return l.pick(vi: "Phối hợp", en: "Coordinating")
    case .owner: return l.pick(vi: "Phụ trách", en: "Owner")
    case .tracker: return l.pick(vi: "Theo dõi", en: "Tracker")
    case .deadline: return l.pick(vi: "Thời hạn", en: "Deadline")
    case .meeting: return l.pick(vi: "Cuộc họp", en: "Meeting")
    case .item: return l.pick(vi: "Mục", en: "Item")
    case .product: return l.pick(vi: "Sản phẩm", en: "Product")
    case .priority: return l.pick(vi: "Trọng tâm", en: "Key task")
    case .tags: return l.pick(vi: "Thẻ", en: "Tags")
    case .status: return l.pick(vi: "Trạng thái", en: "Status")
    case .completedOn: return l.pick(vi: "Ngày HT", en: "Completed")
    case .result: return l.pick(vi: "Kết quả", en: "Result")
    case .noteText: return l.pick(vi: "Tiến độ", en: "Progress")
    case .noteDate: return l.pick(vi: "Ngày", en: "Date")
    case .extensionTo: return l.pick(vi: "Hạn mới", en: "New deadline")
    case .decision: return l.pick(vi: "Quyết định", en: "Decision")
    case .decidedOn: return l.pick(vi: "Ngày quyết định", en: "Decided on")
    case .granted: return l.pick(vi: "Hạn được chấp thuận (một phần)", en: "Granted (partial)")
    case .eventDate: return l.pick(vi: "Ngày", en: "Date")
    case .channel: return l.pick(vi: "Hình thức", en: "Channel")
    case .reason: return l.pick(vi: "Lý do", en: "Reason")
    case .document: return l.pick(vi: "Văn bản", en: "Document")
    case .meetingRef: return l.pick(vi: "Mã cuộc họp", en: "Meeting ref")
    case .meetingDate: return l.pick(vi: "Ngày họp", en: "Date")
    case .meetingTitle: return l.pick(vi: "Nội dung", en: "Title")
    case .meetingChair: return l.pick(vi: "Chủ trì họp", en: "Chair")
    case .meetingHost: return l.pick(vi: "Cơ quan chủ trì", en: "Host agency")
    case .meetingCounterpart: return l.pick(vi: "Đơn vị làm việc", en: "Counterpart")
    case .meetingNotice: return l.pick(vi: "Thông báo KL", en: "Notice no.")
    }
  }

  /// The form's title.
  public static func title(_ p: FormPurpose, _ l: Lang) -> String {
    switch p {
    case .addTask: return l.pick(vi: "Thêm nhiệm vụ", en: "Add a task")
    case .editTask(let id, _): return l.pick(vi: "Sửa nhiệm vụ #\(id)", en: "Edit task #\(id)")
    case .note(let ids, _): return l.pick(vi: "Ghi tiến độ", en: "Progress note") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .extend(let ids, _): return l.pick(vi: "Gia hạn", en: "Deadline extension") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .reassign(let ids, _): return l.pick(vi: "Giao lại", en: "Reassign") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .withdraw(let ids, _): return l.pick(vi: "Dừng thực hiện", en: "Withdraw") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .remind(let ids, _): return l.pick(vi: "Đôn đốc", en: "Reminder") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .reportDone(let ids, _): return l.pick(vi: "Báo cáo hoàn thành", en: "Reported done") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .returnReport(let ids, _): return l.pick(vi: "Trả lại báo cáo", en: "Return report") + " " + ids.map { "#\($0)" }.joined(separator: " ")
    case .addMeeting: return l.pick(vi: "Thêm cuộc họp", en: "Add a meeting")
    case .reviewDraft(let i): return l.pick(vi: "Sửa nhiệm vụ dự thảo [\(i + 1)]", en: "Edit drafted task [\(i + 1)]")
    }
  }

  static let statusChoices = WorkflowStatus.allCases.map(\.rawValue)
  static let decisionChoices = ExtensionDecision.allCases.map(\.rawValue)

  /// The task form, empty or filled from a task.
  public static func taskForm(_ t: FollowUpTask?, purpose: FormPurpose, asOf: Day, meeting: String? = nil) -> FormState {
    let deadlineText: String = {
      guard let d = t?.deadline else { return "" }
      return d.kind == .date ? (d.date?.formatted ?? d.text) : d.text
    }()
    return FormState(purpose: purpose, fields: [
      FormField(.content, .text, t?.content ?? "", required: true),
      FormField(.lead, .agency, t?.lead ?? "", required: true),
      FormField(.coordinating, .agencies, t?.coordinating.joined(separator: ", ") ?? ""),
      FormField(.owner, .person, t?.owner ?? ""),
      FormField(.tracker, .person, t?.tracker ?? ""),
      FormField(.deadline, .deadline, deadlineText),
      FormField(.meeting, .meeting, t?.meeting ?? meeting ?? ""),
      FormField(.item, .text, t?.item ?? ""),
      FormField(.product, .text, t?.product ?? ""),
      FormField(.priority, .toggle, (t?.priority ?? false) ? "x" : ""),
      FormField(.tags, .text, t?.tags.joined(separator: ", ") ?? ""),
      FormField(.status, .choice(statusChoices), (t?.status ?? .notStarted).rawValue),
      FormField(.completedOn, .date, t?.completedOn?.formatted ?? ""),
      FormField(.result, .text, t?.result ?? ""),
    ])
  }

  /// The progress-note form.
  public static func noteForm(ids: [Int], versions: [Int: Int], asOf: Day) -> FormState {
    FormState(purpose: .note(ids: ids, versions: versions), fields: [
      FormField(.noteText, .text, required: true),
      FormField(.noteDate, .date, asOf.formatted, required: true),
    ])
  }

  /// The extension form.
  public static func extensionForm(ids: [Int], versions: [Int: Int], asOf: Day) -> FormState {
    FormState(purpose: .extend(ids: ids, versions: versions), fields: [
      FormField(.extensionTo, .deadline, required: true),
      FormField(.decision, .choice(decisionChoices), ExtensionDecision.approved.rawValue),
      FormField(.granted, .date),
      FormField(.decidedOn, .date, asOf.formatted),
      FormField(.reason, .text),
      FormField(.document, .text),
    ])
  }

  /// The reassignment form.
  public static func reassignForm(ids: [Int], versions: [Int: Int]) -> FormState {
    FormState(purpose: .reassign(ids: ids, versions: versions), fields: [
      FormField(.lead, .agency, required: true),
      FormField(.owner, .person),
    ])
  }

  /// The withdraw form: an optional reason, recorded as a progress note as `followup withdraw
  /// --reason` does.
  public static func withdrawForm(ids: [Int], versions: [Int: Int], fromMarks: Bool = false) -> FormState {
    var form = FormState(purpose: .withdraw(ids: ids, versions: versions), fields: [FormField(.reason, .text)])
    form.fromMarks = fromMarks
    return form
  }

  /// The reminder form: day, channel, letter number, note.
  public static func remindForm(ids: [Int], versions: [Int: Int], asOf: Day) -> FormState {
    FormState(purpose: .remind(ids: ids, versions: versions), fields: [
      FormField(.eventDate, .date, asOf.formatted, required: true),
      FormField(.channel, .choice(ReminderChannel.allCases.map(\.rawValue)), ReminderChannel.letter.rawValue),
      FormField(.document, .text),
      FormField(.noteText, .text),
    ])
  }

  /// The reported-completion form: the day and the result reported.
  public static func reportForm(ids: [Int], versions: [Int: Int], asOf: Day) -> FormState {
    FormState(purpose: .reportDone(ids: ids, versions: versions), fields: [
      FormField(.eventDate, .date, asOf.formatted, required: true),
      FormField(.result, .text),
    ])
  }

  /// The form returning a reported completion: the reason is required.
  public static func returnForm(ids: [Int], versions: [Int: Int]) -> FormState {
    FormState(purpose: .returnReport(ids: ids, versions: versions), fields: [FormField(.reason, .text, required: true)])
  }

  /// The words a choice field shows for a stored value: choices are picked from a list of
  /// labels, never typed as codes.
  public static func choiceLabel(_ value: String, _ l: Lang) -> String {
    if let st = WorkflowStatus(rawValue: value) { return Words.status(st, l) }
    if let c = ReminderChannel(rawValue: value) {
      let word = Words.channel(c, l)
      return word.prefix(1).uppercased() + word.dropFirst()
    }
    if let d = ExtensionDecision(rawValue: value) {
      let word = Words.decision(d, l)
      return word.prefix(1).uppercased() + word.dropFirst()
    }
    return value
  }

  /// The meeting form.
  public static func meetingForm(asOf: Day) -> FormState {
    FormState(purpose: .addMeeting, fields: [
      FormField(.meetingRef, .text, "M" + asOf.iso.replacingOccurrences(of: "-", with: "").prefix(4) + "-" + asOf.iso.suffix(5).replacingOccurrences(of: "-", with: ""), required: true),
      FormField(.meetingDate, .date, asOf.formatted, required: true),
      FormField(.meetingTitle, .text, required: true),
      FormField(.meetingChair, .text),
      FormField(.meetingHost, .agency),
      FormField(.meetingCounterpart, .agency),
      FormField(.meetingNotice, .text),
    ])
  }

  // MARK: Completion

  /// A completion: the value that goes into the field and what the list shows.
  public struct Suggestion: Equatable, Sendable {
    /// What goes into the field.
    public var value: String
    /// What the completion list shows.
    public var label: String
  }

  /// What the focused field's current word could be, from the directory, best first: an
  /// exact code or name, then names that start with the word, then names that contain it.
  public static func suggestions(_ field: FormField, _ catalog: Catalog) -> [Suggestion] {
    let word = currentWord(field)
    guard !word.isEmpty else { return [] }
    let phrase = VietText.tokens(word)
    let folded = VietText.fold(word)
    func rank(_ names: [String]) -> Int? {
      let keys = names.map { VietText.fold($0) }
      if keys.contains(folded) { return 0 }
      if keys.contains(where: { $0.hasPrefix(folded) }) { return 1 }
      if names.contains(where: { VietText.matchesPhrase(VietText.tokens($0), phrase, lastIsPrefix: true) }) { return 2 }
      return nil
    }
    func best<T>(_ items: [T], _ names: (T) -> [String], _ make: (T) -> Suggestion) -> [Suggestion] {
      let ranked = items.enumerated().compactMap { i, item in rank(names(item)).map { ($0, i, item) } }
      return ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(maxSuggestions).map { make($0.2) }
    }
    switch field.kind {
    case .agency, .agencies:
      if catalog.agencies[word] != nil { return [] }
      return best(catalog.agenciesInOrder, { [$0.code, $0.name] + $0.aliases }) {
        Suggestion(value: $0.code, label: "\($0.code) — \($0.name)")
      }
    case .person:
      if catalog.people[word] != nil { return [] }
      return best(catalog.peopleInOrder, { [$0.ref, $0.fullName, $0.given] }) {
        Suggestion(value: $0.ref, label: "\($0.ref) — \($0.fullName)" + ($0.agency.map { " (\($0))" } ?? ""))
      }
    case .meeting:
      if catalog.meetings[word] != nil { return [] }
      return best(catalog.meetingsNewestFirst, { [$0.ref, $0.title] }) {
        Suggestion(value: $0.ref, label: "\($0.ref) — \($0.date.formatted) \($0.title)")
      }
    default:
      return []
    }
  }

  /// How many completions a field lists.
  public static let maxSuggestions = 6

  /// The word being completed: the whole text, or the part after the last comma.
  static func currentWord(_ field: FormField) -> String {
    let text = field.editor.text
    if field.kind == .agencies, let comma = text.lastIndex(of: ",") {
      return VietText.clean(String(text[text.index(after: comma)...]))
    }
    return VietText.clean(text)
  }

  /// Puts a completion into the field in place of the current word.
  public static func accept(_ s: Suggestion, into field: inout FormField) {
    var text = field.editor.text
    if field.kind == .agencies, let comma = text.lastIndex(of: ",") {
      text = String(text[...comma]) + " " + s.value
    } else {
      text = s.value
    }
    field.editor = LineEditor(text)
    field.editor.handle(.end)
  }

  // MARK: Submitting

  /// Turns a filled form into the effect that saves it, or names the field that is wrong.
  public static func submit(_ form: FormState, state: AppState) -> Result<AppEffect, FormError> {
    let l = state.env.lang
    let catalog = state.catalog
    func fail(_ id: FieldID, _ vi: String, _ en: String) -> Result<AppEffect, FormError> {
      .failure(FormError(field: id, message: label(id, l) + ": " + l.pick(vi: vi, en: en)))
    }
    if let e = unfilled(form, l) { return .failure(e) }
    do {
      switch form.purpose {
      case .addTask, .editTask:
        let fields = try taskFields(form, state)
        if case .editTask(let id, let version) = form.purpose {
          return .success(.modify(ids: [id], expected: [id: version], edit: .setFields(fields)))
        }
        var t = FollowUpTask(content: "", lead: "")
        fields.apply(to: &t)
        t.assignedOn = fields.meeting.flatMap { catalog.meetings[$0]?.date } ?? state.env.asOf
        return .success(.add(t))
      case .note(let ids, let versions):
        let day = try date(form, .noteDate, state) ?? state.env.asOf
        let note = ProgressNote(on: day, text: VietText.cleanMultiline(form.text(.noteText)), by: state.me ?? state.env.user)
        return .success(.modify(ids: ids, expected: versions, edit: .addNote(note)))
      case .extend(let ids, let versions):
        let to = try deadline(form, .extensionTo, state)
        guard to.date != nil else { return fail(.extensionTo, "cần một hạn có ngày", "needs a dated deadline") }
        let decision = ExtensionDecision(rawValue: form.text(.decision)) ?? .pending
        let decided = try date(form, .decidedOn, state)
        let granted = try date(form, .granted, state)
        if decision == .partial && granted == nil {
          return fail(.granted, "cần hạn được chấp thuận khi chấp thuận một phần", "needs the granted day for a partial approval")
        }
        let e = DeadlineExtension(
          requestedOn: state.env.asOf, to: to, reason: VietText.clean(form.text(.reason)), decision: decision,
          decidedOn: decision == .pending ? nil : (decided ?? state.env.asOf), document: VietText.clean(form.text(.document)),
          granted: decision == .partial ? granted.map(Deadline.on) : nil)
        return .success(.modify(ids: ids, expected: versions, edit: .addExtension(e)))
      case .withdraw(let ids, let versions):
        let reason = VietText.cleanMultiline(form.text(.reason))
        let note = reason.isEmpty ? nil : ProgressNote(on: state.env.asOf, text: reason, by: state.me ?? state.env.user)
        return .success(.modify(ids: ids, expected: versions, edit: .withdraw(reason: note, on: state.env.asOf)))
      case .remind(let ids, let versions):
        let day = try date(form, .eventDate, state) ?? state.env.asOf
        let r = Reminder(
          on: day, document: VietText.clean(form.text(.document)),
          channel: ReminderChannel(rawValue: form.text(.channel)) ?? .letter, note: VietText.clean(form.text(.noteText)))
        return .success(.modify(ids: ids, expected: versions, edit: .remind(r)))
      case .reportDone(let ids, let versions):
        let day = try date(form, .eventDate, state) ?? state.env.asOf
        let result = VietText.cleanMultiline(form.text(.result))
        return .success(.modify(ids: ids, expected: versions, edit: .report(on: day, result: result.isEmpty ? nil : result)))
      case .returnReport(let ids, let versions):
        let reason = VietText.cleanMultiline(form.text(.reason))
        guard !reason.isEmpty else { return fail(.reason, "không được để trống", "must not be empty") }
        let note = ProgressNote(on: state.env.asOf, text: "Trả lại báo cáo hoàn thành: " + reason, by: state.me ?? state.env.user)
        return .success(.modify(ids: ids, expected: versions, edit: .returnReport(reason: note)))
      case .reassign(let ids, let versions):
        let lead = try agency(form, .lead, catalog, l)
        let owner = try person(form, .owner, catalog, l)
        return .success(.modify(ids: ids, expected: versions, edit: .reassign(lead: lead, owner: owner, on: state.env.asOf)))
      case .reviewDraft:
        // A draft is saved with the whole notice, by the review; its form only edits it.
        return .failure(FormError(field: nil, message: l.pick(vi: "Nhiệm vụ dự thảo được lưu cùng cả thông báo", en: "A drafted task is saved with its whole notice")))
      case .addMeeting:
        guard let day = try date(form, .meetingDate, state) else { return fail(.meetingDate, "không được để trống", "must not be empty") }
        let ref = VietText.clean(form.text(.meetingRef))
        if ref.contains(where: { $0.isWhitespace }) {
          return fail(.meetingRef, "không được có dấu cách", "must not contain spaces")
        }
        let host = VietText.clean(form.text(.meetingHost)).isEmpty ? nil : try agency(form, .meetingHost, catalog, l)
        let counterpart = VietText.clean(form.text(.meetingCounterpart)).isEmpty ? nil : try agency(form, .meetingCounterpart, catalog, l)
        return .success(.saveMeeting(Meeting(
          ref: ref, date: day, title: VietText.clean(form.text(.meetingTitle)), chair: VietText.clean(form.text(.meetingChair)),
          host: host, counterpart: counterpart, notice: VietText.clean(form.text(.meetingNotice)))))
      }
    } catch let e as FormError {
      return .failure(e)
    } catch {
      return .failure(FormError(field: nil, message: "\(error)"))
    }
  }

  /// The first required field left empty, or a field holding a control character.
  static func unfilled(_ form: FormState, _ l: Lang) -> FormError? {
    func fail(_ id: FieldID, _ vi: String, _ en: String) -> FormError {
      FormError(field: id, message: label(id, l) + ": " + l.pick(vi: vi, en: en))
    }
    for f in form.fields where f.required && VietText.clean(f.editor.text).isEmpty {
      return fail(f.id, "không được để trống", "must not be empty")
    }
    for f in form.fields {
      if let c = VietText.controlCharacter(in: f.editor.text) {
        return fail(f.id, "có ký tự điều khiển U+\(String(c.value, radix: 16, uppercase: true))", "has the control character U+\(String(c.value, radix: 16, uppercase: true))")
      }
    }
    return nil
  }

  /// A form problem: the field to focus and the sentence to show.
  public struct FormError: Error, Equatable, Sendable {
    /// The field to focus, if the problem is in one.
    public var field: FieldID?
    /// The sentence to show.
    public var message: String
  }

  static func wrap(_ id: FieldID, _ l: Lang, _ body: () throws -> String) throws -> String {
    do { return try body() } catch let e as UserError {
      throw FormError(field: id, message: label(id, l) + ": " + e.message(l))
    }
  }

  static func agency(_ form: FormState, _ id: FieldID, _ c: Catalog, _ l: Lang) throws -> String {
    let text = form.text(id)
    do { return try c.resolveAgency(text).code } catch let e as UserError {
      throw FormError(field: id, message: label(id, l) + ": " + e.message(l))
    }
  }

  static func person(_ form: FormState, _ id: FieldID, _ c: Catalog, _ l: Lang) throws -> String? {
    let text = VietText.clean(form.text(id))
    if text.isEmpty { return nil }
    do { return try c.resolvePerson(text).ref } catch let e as UserError {
      throw FormError(field: id, message: label(id, l) + ": " + e.message(l))
    }
  }

  static func date(_ form: FormState, _ id: FieldID, _ state: AppState) throws -> Day? {
    let text = VietText.clean(form.text(id))
    if text.isEmpty { return nil }
    do { return try DateParser.parseDay(text, referenceYear: state.env.asOf.year).day } catch let e as UserError {
      throw FormError(field: id, message: label(id, state.env.lang) + ": " + e.message(state.env.lang))
    }
  }

  static func deadline(_ form: FormState, _ id: FieldID, _ state: AppState) throws -> Deadline {
    let year = form.referenceDay?.year ?? state.catalog.meetings[form.text(.meeting)]?.date.year ?? state.env.asOf.year
    do { return try Deadline.parse(form.text(id), referenceYear: year, reference: form.referenceDay).deadline } catch let e as UserError {
      throw FormError(field: id, message: label(id, state.env.lang) + ": " + e.message(state.env.lang))
    }
  }

  static func taskFields(_ form: FormState, _ state: AppState) throws -> TaskFields {
    let c = state.catalog
    let l = state.env.lang
    let lead = try agency(form, .lead, c, l)
    var coordinating: [String] = []
    for part in form.text(.coordinating).split(separator: ",") {
      let p = VietText.clean(String(part))
      if p.isEmpty { continue }
      do {
        let code = try c.resolveAgency(p).code
        if code != lead && !coordinating.contains(code) { coordinating.append(code) }
      } catch let e as UserError {
        throw FormError(field: .coordinating, message: label(.coordinating, l) + ": " + e.message(l))
      }
    }
    var meeting: String?
    let m = VietText.clean(form.text(.meeting))
    if !m.isEmpty {
      do { meeting = try c.resolveMeeting(m).ref } catch let e as UserError {
        throw FormError(field: .meeting, message: label(.meeting, l) + ": " + e.message(l))
      }
    }
    let status = WorkflowStatus(rawValue: form.text(.status)) ?? .notStarted
    var completed = try date(form, .completedOn, state)
    if status == .done && completed == nil { completed = state.env.asOf }
    return TaskFields(
      content: VietText.cleanMultiline(form.text(.content)), lead: lead, coordinating: coordinating,
      owner: try person(form, .owner, c, l), tracker: try person(form, .tracker, c, l),
      deadline: try deadline(form, .deadline, state), meeting: meeting,
      item: VietText.clean(form.text(.item)), product: VietText.clean(form.text(.product)),
      priority: !VietText.clean(form.text(.priority)).isEmpty,
      tags: form.text(.tags).split(separator: ",").map { VietText.clean(String($0)) }.filter { !$0.isEmpty },
      status: status, completedOn: status == .done ? completed : nil,
      result: VietText.cleanMultiline(form.text(.result)))
  }
}
