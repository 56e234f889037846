import Foundation

/// Turns a reviewed draft into tasks and a meeting of the interchange format.
///
/// The sentence each task came from is kept as the task's first progress note, dated the
/// notice's day, so it travels with the task through export and import; the review JSON also
/// carries it, and the checks, as the extra keys `source` and `checks`.
public enum IntakeInterchange {
  /// The prefix of the note that keeps a task's source sentence.
  public static let sourcePrefix = "Trích văn bản: "

  /// A meeting ref not yet in `taken`: `M2023-0526`, then `M2023-0526-2`, …
  public static func meetingRef(_ day: Day, taken: Set<String>) -> String {
    let (y, m, d) = day.components
    let base = "M\(y)-" + (m < 10 ? "0" : "") + "\(m)" + (d < 10 ? "0" : "") + "\(d)"
    if !taken.contains(base) { return base }
    var n = 2
    while taken.contains("\(base)-\(n)") { n += 1 }
    return "\(base)-\(n)"
  }

  /// The meeting record, or nil when the notice gives no date at all.
  public static func meeting(_ draft: IntakeDraft, ref: String) -> Meeting? {
    guard let day = draft.meeting.date ?? draft.meeting.noticeDate else { return nil }
    let title = draft.meeting.title.isEmpty ? "Thông báo kết luận \(draft.meeting.notice)" : draft.meeting.title
    return Meeting(
      ref: ref, date: day, title: VietText.clean(title), chair: VietText.clean(draft.meeting.chair),
      host: draft.meeting.host, notice: draft.meeting.notice)
  }

  /// A task for the store; the lead is empty when the draft has no directory agency for it.
  public static func task(_ t: DraftTask, meeting: Meeting?, by user: String = "") -> FollowUpTask {
    var notes: [ProgressNote] = []
    if let day = meeting?.date, !t.source.isEmpty {
      notes.append(ProgressNote(on: day, text: sourcePrefix + t.source, by: user))
    }
    return FollowUpTask(
      meeting: meeting?.ref, item: t.item, content: VietText.clean(t.content),
      lead: t.lead?.kind == .agency ? (t.lead?.code ?? "") : "",
      coordinating: t.coordinating.compactMap { $0.kind == .agency ? $0.code : nil },
      owner: t.owner, deadline: t.deadline, product: VietText.clean(t.product), notes: notes,
      assignedOn: meeting?.date)
  }

  /// The whole draft as `followup/1` JSON for review, with `source` and `checks` on each task.
  public static func reviewJSON(_ draft: IntakeDraft, meetingRef: String, lang: Lang) -> String {
    let m = meeting(draft, ref: meetingRef)
    let tasks: [JSONValue] = draft.tasks.map { t in
      let full = InterchangeWriter.task(
        task(t, meeting: m),
        derived: [
          ("source", .string(t.source)),
          ("checks", .array(t.checks.map { .string($0.message(lang)) })),
        ])
      // Drafts have no number yet: without `id` the import gives them new ones.
      guard case .object(let pairs) = full else { return full }
      return .object(pairs.filter { $0.0 != "id" })
    }
    let root: JSONValue = .object([
      ("format", .string(InterchangeDocument.formatTag)), ("agencies", .array([])),
      ("people", .array([])), ("meetings", .array(m.map { [InterchangeWriter.meeting($0)] } ?? [])),
      ("tasks", .array(tasks)),
    ])
    return root.rendered() + "\n"
  }
}

/// Turns the bytes of a text file into text, refusing what is not text.
public enum IntakeText {
  /// UTF-8 (with or without BOM) or UTF-16 with a BOM; NUL bytes or invalid UTF-8 mean the file is not text.
  public static func decode(_ data: Data, name: String) throws -> String {
    let bytes = [UInt8](data)
    var text: String?
    if bytes.starts(with: [0xFF, 0xFE]) {
      text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16LittleEndian)
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16BigEndian)
    } else if !bytes.contains(0) {
      let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
      text = String(validating: body, as: UTF8.self)
    }
    // Word's line break inside a paragraph (vertical tab) and its page break (form feed)
    // survive copy and paste; any other control character means the bytes are not text.
    let lines = text.map {
      $0.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        .replacingOccurrences(of: "\u{0B}", with: " ").replacingOccurrences(of: "\u{0C}", with: "\n")
    }
    guard let text = lines, VietText.controlCharacter(in: text) == nil else {
      throw UserError(
        .intakeBinary,
        vi: "Tệp '\(name)' không phải văn bản thuần (UTF-8/UTF-16), .docx hay PDF; hãy lưu thông báo dưới một trong các dạng đó",
        en: "The file '\(name)' is not plain text (UTF-8/UTF-16), .docx or PDF; save the notice in one of those forms")
    }
    try requireWords(text, name: name)
    return text
  }

  /// Refuses text with no words in it.
  public static func requireWords(_ text: String, name: String) throws {
    guard text.contains(where: { $0.isLetter }) else {
      throw UserError(
        .intakeEmpty, vi: "Tệp '\(name)' không có chữ nào; hãy chọn tệp thông báo có nội dung",
        en: "The file '\(name)' contains no text; choose a notice that has some")
    }
  }
}
