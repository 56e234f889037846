import FollowUpCore
import Foundation

/// The text form a task is edited in with `$EDITOR`: a comment header explaining the fields,
/// then one `Label: value` line per field. Read back strictly: every field must be there
/// once, unknown lines are errors, and a field left as it was keeps its stored value exactly.
struct EditorForm {
  /// The fields the form edits (the same ones as the interface's edit form).
  enum Field: CaseIterable {
    case content, lead, coordinating, owner, tracker, deadline, status, completedOn
    case product, result, meeting, item, priority, tags

    func label(_ l: Lang) -> String {
      switch self {
      case .content: return l.pick(vi: "Nội dung", en: "Content")
      case .lead: return l.pick(vi: "Chủ trì", en: "Lead")
      case .coordinating: return l.pick(vi: "Phối hợp", en: "Coordinating")
      case .owner: return l.pick(vi: "Phụ trách", en: "Owner")
      case .tracker: return l.pick(vi: "Theo dõi", en: "Tracker")
      case .deadline: return l.pick(vi: "Thời hạn", en: "Deadline")
      case .status: return l.pick(vi: "Tình trạng", en: "Status")
      case .completedOn: return l.pick(vi: "Ngày hoàn thành", en: "Completed on")
      case .product: return l.pick(vi: "Sản phẩm", en: "Product")
      case .result: return l.pick(vi: "Kết quả", en: "Result")
      case .meeting: return l.pick(vi: "Cuộc họp", en: "Meeting")
      case .item: return l.pick(vi: "Mục", en: "Item")
      case .priority: return l.pick(vi: "Trọng tâm", en: "Key task")
      case .tags: return l.pick(vi: "Nhãn", en: "Tags")
      }
    }

    /// Whether the value may go on over several lines.
    var multiline: Bool { self == .content || self == .result }
  }

  let task: FollowUpTask
  let catalog: Catalog
  let lang: Lang
  /// The completion day a task marked done without one gets.
  let today: Day

  /// Lines of an error block put on top of the form when it is reopened.
  static let errorPrefix = "#! "
  /// How many lines that block has.
  static let errorBlockLines = 2

  // MARK: Writing

  /// The form for the task.
  func render() -> String {
    let l = lang
    var out: [String] = []
    var title = l.pick(vi: "Nhiệm vụ #\(task.id)", en: "Task #\(task.id)")
    if let r = task.ref, !r.isEmpty { title += " (\(r))" }
    if let m = task.meeting.flatMap({ catalog.meetings[$0] }) {
      title += l.pick(vi: " · cuộc họp \(m.ref) ngày \(m.date.formatted)", en: " · meeting \(m.ref) of \(m.date.formatted)")
    }
    out.append("# " + title)
    out += l.pick(
      vi: """
        # Sửa các dòng "Tên trường: giá trị" bên dưới, lưu và đóng trình soạn thảo để ghi lại.
        # Để nguyên tệp, hoặc xoá hết nội dung, để huỷ. Dòng bắt đầu bằng # được bỏ qua.
        # Giá trị nhiều dòng (Nội dung, Kết quả): các dòng tiếp theo thụt vào một dấu cách.
        #
        # Chủ trì, Phối hợp: mã hoặc tên cơ quan (LHH, Sở Nội vụ); nhiều cơ quan cách nhau bằng dấu phẩy.
        # Phụ trách, Theo dõi: mã hoặc họ tên cán bộ (P06, Nguyễn Thị Thuỷ); để trống nếu không có.
        # Thời hạn: 30/9/2023, tháng 11/2023, Quý I/2024, 6 tháng đầu năm 2024, năm 2024,
        #   thường xuyên; để trống nếu không có thời hạn.
        # Tình trạng: Chưa triển khai, Đang thực hiện, Đã báo cáo, Đã hoàn thành, Dừng thực hiện.
        # Ngày hoàn thành: dd/mm/yyyy, chỉ khi đã hoàn thành (để trống: hôm nay).
        # Trọng tâm: có hoặc không. Nhãn: cách nhau bằng dấu phẩy.
        """,
      en: """
        # Change the "Field: value" lines below, then save and close the editor to store them.
        # Leave the file as it is, or delete everything, to cancel. Lines starting with # are ignored.
        # Values over several lines (Content, Result): indent the following lines by a space.
        #
        # Lead, Coordinating: agency codes or names (LHH, Sở Nội vụ); several separated by commas.
        # Owner, Tracker: a person's ref or full name (P06, Nguyễn Thị Thuỷ); empty for nobody.
        # Deadline: 30/9/2023, tháng 11/2023, Quý I/2024, 6 tháng đầu năm 2024, năm 2024,
        #   thường xuyên; empty for no deadline.
        # Status: Not started, In progress, Reported, Done, Withdrawn.
        # Completed on: dd/mm/yyyy, only when done (empty: today).
        # Key task: yes or no. Tags: separated by commas.
        """
    ).split(separator: "\n").map(String.init)
    out.append("")
    for f in Field.allCases {
      let value = Self.written(f, task, catalog, l)
      let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
      out.append(f.label(l) + ":" + (lines.first.map { $0.isEmpty ? "" : " " + $0 } ?? ""))
      // Continuation lines are indented; an empty line inside a value stays empty.
      for more in lines.dropFirst() { out.append(more.isEmpty ? "" : "  " + more) }
    }
    if !task.extensions.isEmpty {
      out.append("")
      out.append(l.pick(vi: "# Gia hạn (ghi bằng phím x hoặc 'followup extend'):", en: "# Extensions (recorded with x or 'followup extend'):"))
      for e in task.extensions {
        out.append("#   → " + e.to.display + " (" + Words.decision(e.decision, l) + (e.decidedOn.map { " " + $0.formatted } ?? "") + ")"
          + (e.reason.isEmpty ? "" : ": " + Self.oneLine(e.reason)))
      }
    }
    if !task.notes.isEmpty {
      out.append("")
      out.append(l.pick(vi: "# Tiến độ (ghi bằng phím n hoặc 'followup note'):", en: "# Progress (recorded with n or 'followup note'):"))
      for n in task.notes.suffix(10) { out.append("#   " + n.on.formatted + ": " + Self.oneLine(n.text)) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }

  /// A field's value as the form writes it.
  static func written(_ f: Field, _ t: FollowUpTask, _ c: Catalog, _ l: Lang) -> String {
    switch f {
    case .content: return t.content
    case .lead: return agency(t.lead, c)
    case .coordinating: return t.coordinating.map { agency($0, c) }.joined(separator: ", ")
    case .owner: return person(t.owner, c)
    case .tracker: return person(t.tracker, c)
    case .deadline: return t.deadline.text.isEmpty ? (t.deadline.date?.formatted ?? "") : t.deadline.text
    case .status: return Words.status(t.status, l)
    case .completedOn: return t.completedOn?.formatted ?? ""
    case .product: return oneLine(t.product)
    case .result: return t.result
    case .meeting: return t.meeting ?? ""
    case .item: return t.item
    case .priority: return t.priority ? l.pick(vi: "có", en: "yes") : l.pick(vi: "không", en: "no")
    case .tags: return t.tags.joined(separator: ", ")
    }
  }

  /// `LHH (Liên hiệp hội)`: the code that is read back, and a name to recognise it by.
  static func agency(_ code: String, _ c: Catalog) -> String {
    let label = c.agencyLabel(code)
    return label == code ? code : "\(code) (\(label))"
  }

  /// `P06 (Nguyễn Thị Thuỷ)`.
  static func person(_ ref: String?, _ c: Catalog) -> String {
    guard let ref else { return "" }
    let name = c.personName(ref)
    return name == ref ? ref : "\(ref) (\(name))"
  }

  // MARK: Reading

  /// What came back from the editor.
  enum Outcome: Equatable {
    /// Every line a comment or blank: the person meant to cancel.
    case empty
    /// The task with the fields as edited.
    case task(FollowUpTask)
  }

  /// Reads an edited form; throws the first problem, naming its line and field.
  func parse(_ text: String) throws -> Outcome {
    let l = lang
    var values: [Field: (line: Int, value: String)] = [:]
    var current: Field?
    var pendingBlank = 0
    var sawContent = false
    func fail(_ line: Int, _ f: Field?, vi: String, en: String) -> UserError {
      let whereVi = "dòng \(line)" + (f.map { " (\($0.label(.vi)))" } ?? "")
      let whereEn = "line \(line)" + (f.map { " (\($0.label(.en)))" } ?? "")
      return UserError(.editorForm, vi: whereVi + ": " + vi, en: whereEn + ": " + en)
    }
    let rawLines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    // Line numbers name lines of the form as it is reopened, where this error's block
    // replaces the one (if any) on top of the text read.
    let shift = Self.errorBlockLines - rawLines.prefix { $0.hasPrefix(Self.errorPrefix) }.count
    for (i, raw) in rawLines.enumerated() {
      let n = i + 1 + shift
      let line = String(raw)
      if line.hasPrefix("#") { continue }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        pendingBlank += 1
        continue
      }
      sawContent = true
      if line.first == " " || line.first == "\t" {
        guard let f = current, var entry = values[f] else {
          throw fail(n, nil, vi: "dòng thụt vào nhưng không thuộc trường nào", en: "an indented line that belongs to no field")
        }
        guard f.multiline else {
          throw fail(n, f, vi: "trường này chỉ có một dòng; nối lại thành một dòng", en: "this field takes one line; join it into one")
        }
        entry.value += String(repeating: "\n", count: pendingBlank + 1) + line.trimmingCharacters(in: .whitespaces)
        values[f] = entry
        pendingBlank = 0
        continue
      }
      pendingBlank = 0
      guard let colon = line.firstIndex(of: ":") else {
        throw fail(n, nil, vi: "'\(Self.clip(line))' không có dạng \"Tên trường: giá trị\"",
          en: "'\(Self.clip(line))' is not of the form \"Field: value\"")
      }
      let name = VietText.fold(String(line[..<colon]))
      guard let f = Field.allCases.first(where: { VietText.fold($0.label(.vi)) == name || VietText.fold($0.label(.en)) == name }) else {
        let known = Field.allCases.map { $0.label(l) }.joined(separator: ", ")
        throw fail(n, nil, vi: "không có trường '\(Self.clip(String(line[..<colon])))' (các trường: \(known))",
          en: "there is no field '\(Self.clip(String(line[..<colon])))' (fields: \(known))")
      }
      if let earlier = values[f] {
        throw fail(n, f, vi: "trường này đã có ở dòng \(earlier.line); chỉ ghi một lần", en: "this field is already on line \(earlier.line); give it once")
      }
      values[f] = (n, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      current = f
    }
    guard sawContent else { return .empty }
    for f in Field.allCases where values[f] == nil {
      throw UserError(
        .editorForm, vi: "thiếu trường '\(f.label(.vi))'; để trống giá trị nếu muốn xoá nó",
        en: "the field '\(f.label(.en))' is missing; leave its value empty to clear it")
    }

    var t = task
    for f in Field.allCases {
      guard let (n, value) = values[f] else { continue }
      // A value left exactly as written keeps what is stored, so nothing drifts by a round trip.
      if value == Self.written(f, task, catalog, l) { continue }
      if let c = VietText.controlCharacter(in: value) {
        throw fail(n, f, vi: "chứa ký tự điều khiển U+\(String(c.value, radix: 16, uppercase: true)); hãy xoá nó",
          en: "contains the control character U+\(String(c.value, radix: 16, uppercase: true)); remove it")
      }
      do {
        try set(f, value, &t)
      } catch let e as UserError {
        throw fail(n, f, vi: e.vi, en: e.en)
      }
    }
    // Done without a day: today, as `followup done` does; not done: no completion day.
    if t.status == .done && t.completedOn == nil { t.completedOn = today }
    if t.status != .done, let day = t.completedOn {
      if task.status == .done && values[.completedOn]?.value == Self.written(.completedOn, task, catalog, l) {
        // Reopening a done task in the form: its old completion day goes with the status.
        t.completedOn = nil
      } else {
        throw fail(values[.completedOn]?.line ?? 0, .completedOn,
          vi: "chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành (\(day.formatted)); xoá ngày hoặc đặt Tình trạng: Đã hoàn thành",
          en: "only a done task has a completion day (\(day.formatted)); clear it or set Status: Done")
      }
    }
    t.coordinating.removeAll { $0 == t.lead }
    do {
      try TaskValidation.validate(t, catalog: catalog)
    } catch let e as UserError {
      throw UserError(e.code, vi: e.vi, en: e.en)
    }
    return .task(t)
  }

  static func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }

  /// Stores one edited value in the task.
  func set(_ f: Field, _ v: String, _ t: inout FollowUpTask) throws {
    switch f {
    case .content: t.content = VietText.cleanMultiline(v)
    case .lead:
      guard !v.isEmpty else {
        throw UserError(.editorLead, vi: "cần đúng một cơ quan chủ trì", en: "a task needs exactly one lead agency")
      }
      t.lead = try agencyCode(v)
    case .coordinating:
      var codes: [String] = []
      for part in Self.splitList(v) {
        let code = try agencyCode(part)
        if !codes.contains(code) { codes.append(code) }
      }
      t.coordinating = codes
    case .owner: t.owner = v.isEmpty ? nil : try personRef(v)
    case .tracker: t.tracker = v.isEmpty ? nil : try personRef(v)
    case .deadline:
      let year = t.meeting.flatMap { catalog.meetings[$0]?.date.year } ?? today.year
      t.deadline = try Deadline.parse(v, referenceYear: year).deadline
    case .status: t.status = try status(v)
    case .completedOn:
      t.completedOn = v.isEmpty ? nil : try DateParser.parseDay(v, referenceYear: today.year).day
    case .product: t.product = VietText.clean(v)
    case .result: t.result = VietText.cleanMultiline(v)
    case .meeting: t.meeting = v.isEmpty ? nil : try catalog.resolveMeeting(v).ref
    case .item: t.item = VietText.clean(v)
    case .priority:
      switch VietText.fold(v) {
      case "co", "yes", "true", "1", "x": t.priority = true
      case "khong", "no", "false", "0", "": t.priority = false
      default:
        throw UserError(.editorPriority, vi: "'\(Self.clip(v))' phải là có hoặc không", en: "'\(Self.clip(v))' must be yes or no")
      }
    case .tags:
      var tags: [String] = []
      for part in Self.splitList(v) {
        let tag = VietText.clean(part)
        if !tag.isEmpty && !tags.contains(tag) { tags.append(tag) }
      }
      t.tags = tags
    }
  }

  /// `LHH (Liên hiệp hội)` reads as the code before the brackets; anything else as a code or
  /// a name.
  func agencyCode(_ v: String) throws -> String {
    if let (head, _) = Self.splitBracket(v), catalog.agencies[head] != nil { return head }
    return try catalog.resolveAgency(v).code
  }

  func personRef(_ v: String) throws -> String {
    if let (head, _) = Self.splitBracket(v), catalog.people[head] != nil { return head }
    return try catalog.resolvePerson(v).ref
  }

  func status(_ v: String) throws -> WorkflowStatus {
    let key = VietText.fold(v).replacingOccurrences(of: " ", with: "_")
    for s in WorkflowStatus.allCases {
      if key == s.rawValue || key == VietText.fold(Words.status(s, .vi)).replacingOccurrences(of: " ", with: "_")
        || key == VietText.fold(Words.status(s, .en)).replacingOccurrences(of: " ", with: "_")
      {
        return s
      }
    }
    throw UserError(
      .editorStatus,
      vi: "'\(Self.clip(v))' không phải tình trạng (Chưa triển khai, Đang thực hiện, Đã báo cáo, Đã hoàn thành, Dừng thực hiện)",
      en: "'\(Self.clip(v))' is not a status (Not started, In progress, Reported, Done, Withdrawn)")
  }

  /// `CODE (words)` as (CODE, words).
  static func splitBracket(_ v: String) -> (String, String)? {
    guard v.hasSuffix(")"), let open = v.firstIndex(of: "(") else { return nil }
    let head = v[..<open].trimmingCharacters(in: .whitespaces)
    guard !head.isEmpty, !head.contains(" ") else { return nil }
    return (head, String(v[v.index(after: open)..<v.index(before: v.endIndex)]))
  }

  /// Splits on commas and semicolons outside brackets (a name in brackets may hold a comma).
  static func splitList(_ v: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for ch in v {
      switch ch {
      case "(": depth += 1
      case ")": depth = max(0, depth - 1)
      default: break
      }
      if (ch == "," || ch == ";") && depth == 0 {
        parts.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The form again with the problem on top, as comment lines the next read ignores; an
  /// earlier problem's lines are replaced.
  static func withError(_ text: String, _ error: UserError, _ l: Lang) -> String {
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix(errorPrefix) }
    let head = [
      errorPrefix + l.pick(vi: "LỖI: ", en: "ERROR: ") + oneLine(error.message(l)),
      errorPrefix + l.pick(vi: "Sửa rồi lưu lại; xoá hết nội dung hoặc lưu nguyên như vậy để huỷ.",
        en: "Fix it and save again; delete everything, or save it unchanged, to cancel."),
    ]
    return (head + kept.map(String.init)).joined(separator: "\n")
  }
}
