import Foundation

/// Reads interchange JSON into a validated document, naming the record and field of the
/// first problem.
public enum InterchangeReader {
  /// The longest text a single field may hold; larger values are refused, not truncated.
  public static let maxFieldLength = 100_000

  /// Parses and validates a `followup/1` JSON file's bytes.
  ///
  /// Problems are reported in this order: bad UTF-8, then JSON syntax, then the first value
  /// of the wrong type (fields in declaration order, lists in order), then the format tag,
  /// then the first record that breaks a rule.
  public static func read(json data: Data) throws -> InterchangeDocument {
    let fields = try decode(DocumentFields.self, from: data)
    var doc = try header(fields)
    doc.tasks.reserveCapacity(fields.tasks?.count ?? 0)
    let meetingYears = Dictionary(
      doc.meetings.map { ($0.ref, $0.date.year) }, uniquingKeysWith: { a, _ in a })
    let memo = DeadlineMemo()
    for (i, t) in (fields.tasks ?? []).enumerated() {
      doc.tasks.append(try task(t, i, meetingYears: meetingYears, memo: memo))
    }
    return doc
  }

  /// The header of a streamed file, given as a small document of its own (no tasks).
  static func header(json bytes: [UInt8]) throws -> InterchangeDocument {
    try header(try decode(DocumentFields.self, from: Data(bytes)))
  }

  /// The format tag checked, then agencies, people and meetings read; tasks are left out.
  static func header(_ fields: DocumentFields) throws -> InterchangeDocument {
    guard let format = fields.format else {
      throw UserError(
        .importFormat, vi: "Tệp thiếu trường \"format\": \"\(InterchangeDocument.formatTag)\"",
        en: "The file has no \"format\": \"\(InterchangeDocument.formatTag)\" field")
    }
    guard format == InterchangeDocument.formatTag else {
      throw UserError(
        .importFormat,
        vi: "Tệp có định dạng '\(format)', chương trình chỉ đọc '\(InterchangeDocument.formatTag)'",
        en: "The file's format is '\(format)'; only '\(InterchangeDocument.formatTag)' can be read")
    }
    var doc = InterchangeDocument()
    doc.agencies.reserveCapacity(fields.agencies?.count ?? 0)
    doc.people.reserveCapacity(fields.people?.count ?? 0)
    doc.meetings.reserveCapacity(fields.meetings?.count ?? 0)
    for (i, a) in (fields.agencies ?? []).enumerated() { doc.agencies.append(try agency(a, i)) }
    for (i, p) in (fields.people ?? []).enumerated() { doc.people.append(try person(p, i)) }
    for (i, m) in (fields.meetings ?? []).enumerated() { doc.meetings.append(try meeting(m, i)) }
    return doc
  }

  /// Decodes JSON bytes with Foundation's `JSONDecoder`, turning every failure into the
  /// sentence a person can act on: bad UTF-8 first, then syntax, then the first wrong type.
  static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    try requireUTF8(data)
    if let e = StrictJSON.firstViolation(in: data) { throw syntaxError(e) }
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch let e as DecodingError {
      throw userError(e, data: data)
    }
  }

  /// Refuses bytes that are not UTF-8, naming the first bad byte's offset.
  public static func requireUTF8(_ data: Data) throws {
    if String(validating: data, as: UTF8.self) != nil { return }
    // Only a bad file pays for finding where: the bytes of the scalars before the bad one.
    var offset = 0
    var bytes = data.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    loop: while true {
      switch parser.parseScalar(from: &bytes) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput, .error: break loop
      }
    }
    throw utf8Error(offset: offset)
  }

  /// "The file is not UTF-8 text (bad byte at offset 5)".
  static func utf8Error(offset: Int) -> UserError {
    UserError(
      .importUtf8,
      vi: "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí \(offset)); hãy lưu lại với mã UTF-8",
      en: "The file is not UTF-8 text (bad byte at offset \(offset)); save it as UTF-8")
  }

  static func syntaxError(_ e: StrictJSON.Position) -> UserError {
    UserError(
      .importJson,
      vi: "Tệp không phải JSON hợp lệ (dòng \(e.line), cột \(e.column)); hãy sửa cú pháp rồi nhập lại",
      en: "The file is not valid JSON (line \(e.line), column \(e.column)); fix the syntax and import again")
  }

  /// A decoding failure as one sentence: a value of the wrong type named by its path
  /// (`tasks[0].tags[1]: missing string value`), or the syntax error with its line and column.
  static func userError(_ error: DecodingError, data: Data) -> UserError {
    switch error {
    case .typeMismatch(let type, let context):
      return fieldError(context.codingPath, expected: typeName(type), missing: false)
    case .valueNotFound(let type, let context):
      return fieldError(context.codingPath, expected: typeName(type), missing: true)
    case .keyNotFound(let key, let context):
      return fieldError(context.codingPath + [key], expected: "value", missing: true)
    case .dataCorrupted:
      return syntaxError(StrictJSON.syntaxPosition(in: data))
    @unknown default:
      return syntaxError(StrictJSON.syntaxPosition(in: data))
    }
  }

  /// The JSON type named in "wrong type, expected …".
  static func typeName(_ type: Any.Type) -> String {
    if type == String.self { return "string" }
    if type == Int.self { return "integer" }
    if type == Bool.self { return "true/false" }
    let name = String(describing: type)
    if name.hasPrefix("Array<") || name.hasPrefix("[") && !name.contains(":") { return "list" }
    return "object"
  }

  /// "tasks[0].tags[1]: missing string value", the wording the import has always used.
  static func fieldError(_ path: [any CodingKey], expected: String, missing: Bool) -> UserError {
    var p = ""
    for key in path {
      if let i = key.intValue { p += "[\(i)]" } else { p += "." + key.stringValue }
    }
    return fieldError(shown: p.hasPrefix(".") ? String(p.dropFirst()) : p, expected: expected, missing: missing)
  }

  /// The same sentence for a path already written out (`tasks[0].tags[1]`).
  static func fieldError(shown: String, expected: String, missing: Bool) -> UserError {
    if missing {
      return UserError(
        .importField, vi: "\(shown): thiếu giá trị \(expected)", en: "\(shown): missing \(expected) value")
    }
    return UserError(
      .importField, vi: "\(shown): kiểu dữ liệu sai, cần \(expected)",
      en: "\(shown): wrong type, expected \(expected)")
  }

  /// "tasks[3] (T4), field 'deadline'".
  static func place(_ list: String, _ index: Int, _ label: String?, _ field: String) -> String {
    let l = label.map { " (\($0))" } ?? ""
    return "\(list)[\(index)]\(l), field '\(field)'"
  }

  static func invalid(
    _ list: String, _ i: Int, _ label: String?, _ field: String, vi: String, en: String
  ) -> UserError {
    let p = place(list, i, label, field)
    return UserError(.importField, vi: "\(p): \(vi)", en: "\(p): \(en)")
  }

  // Field names are autoclosures because they are only needed for error messages, and
  // building "extensions[0].to" for every field of every record was measurable in imports.

  /// Cleans a single-line text field and refuses control characters and oversized values.
  static func text(
    _ raw: String?, _ list: String, _ i: Int, _ label: String?, _ field: @autoclosure () -> String,
    required: Bool = false, multiline: Bool = false
  ) throws -> String {
    let value = raw ?? ""
    if value.utf8.count > maxFieldLength {
      throw invalid(
        list, i, label, field(),
        vi: "dài \(value.utf8.count) byte, vượt giới hạn \(maxFieldLength)",
        en: "is \(value.utf8.count) bytes long, over the \(maxFieldLength)-byte limit")
    }
    if let c = VietText.controlCharacter(in: value) {
      let hex = String(c.value, radix: 16, uppercase: true)
      throw invalid(
        list, i, label, field(), vi: "chứa ký tự điều khiển U+\(hex); hãy xoá nó",
        en: "contains the control character U+\(hex); remove it")
    }
    let cleaned = multiline ? VietText.cleanMultiline(value) : VietText.clean(value)
    if required && cleaned.isEmpty {
      throw invalid(list, i, label, field(), vi: "bắt buộc, không được để trống", en: "is required and empty")
    }
    return cleaned
  }

  static func optionalRef(
    _ raw: String?, _ list: String, _ i: Int, _ label: String?, _ field: @autoclosure () -> String
  ) throws -> String? {
    let v = try text(raw, list, i, label, field())
    return v.isEmpty ? nil : v
  }

  static func day(
    _ raw: String?, _ list: String, _ i: Int, _ label: String?, _ field: @autoclosure () -> String
  ) throws -> Day? {
    guard let raw, !raw.isEmpty else { return nil }
    if let d = isoDay(raw) { return d }
    throw invalid(
      list, i, label, field(), vi: "'\(raw)' không phải ngày dạng YYYY-MM-DD có thật",
      en: "'\(raw)' is not a real date in the form YYYY-MM-DD")
  }

  /// `Day(iso:)`, with the plain `dddd-dd-dd` form read straight from the bytes.
  ///
  /// Every task has a few dates and `Day(iso:)` splits into Characters; for ten ASCII digits
  /// and dashes the answer is the same, so only other shapes go the general way.
  static func isoDay(_ raw: String) -> Day? {
    let fields: (Int, Int, Int)?? = raw.utf8.withContiguousStorageIfAvailable { p in
      guard p.count == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
      func number(_ range: Range<Int>) -> Int? {
        var v = 0
        for i in range {
          let d = p[i] &- UInt8(ascii: "0")
          guard d < 10 else { return nil }
          v = v * 10 + Int(d)
        }
        return v
      }
      guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
      return (y, m, d)
    }
    if case .some(.some(let f)) = fields { return Day(year: f.0, month: f.1, day: f.2) }
    return Day(iso: raw)
  }

  static func agency(_ a: AgencyFields, _ i: Int) throws -> Agency {
    let code = try text(a.code, "agencies", i, nil, "code", required: true)
    let name = try text(a.name, "agencies", i, code, "name", required: true)
    var aliases: [String] = []
    for al in a.aliases ?? [] {
      let v = try text(al, "agencies", i, code, "aliases")
      if !v.isEmpty { aliases.append(v) }
    }
    let bloc: Bloc
    if let b = a.bloc, !b.isEmpty {
      guard let v = Bloc(rawValue: b) else {
        throw invalid(
          "agencies", i, code, "bloc",
          vi: "'\(b)' không phải khối; dùng " + Bloc.allCases.map(\.rawValue).joined(separator: ", "),
          en: "'\(b)' is not a bloc; use " + Bloc.allCases.map(\.rawValue).joined(separator: ", "))
      }
      bloc = v
    } else {
      bloc = .other
    }
    return Agency(
      code: code, name: name, aliases: aliases, bloc: bloc, order: a.order ?? 1000,
      rollupTo: try optionalRef(a.rollupTo, "agencies", i, code, "rollupTo"),
      validFrom: try day(a.validFrom, "agencies", i, code, "validFrom"),
      validTo: try day(a.validTo, "agencies", i, code, "validTo"),
      successor: try optionalRef(a.successor, "agencies", i, code, "successor"))
  }

  static func person(_ p: PersonFields, _ i: Int) throws -> Person {
    let ref = try text(p.ref, "people", i, nil, "ref", required: true)
    return Person(
      ref: ref, family: try text(p.family, "people", i, ref, "family"),
      middle: try text(p.middle, "people", i, ref, "middle"),
      given: try text(p.given, "people", i, ref, "given", required: true),
      title: try text(p.title, "people", i, ref, "title"),
      position: try text(p.position, "people", i, ref, "position"),
      agency: try optionalRef(p.agency, "people", i, ref, "agency"))
  }

  static func meeting(_ m: MeetingFields, _ i: Int) throws -> Meeting {
    let ref = try text(m.ref, "meetings", i, nil, "ref", required: true)
    guard let date = try day(m.date, "meetings", i, ref, "date") else {
      throw invalid("meetings", i, ref, "date", vi: "bắt buộc, không được để trống", en: "is required and empty")
    }
    return Meeting(
      ref: ref, date: date, title: try text(m.title, "meetings", i, ref, "title"),
      chair: try text(m.chair, "meetings", i, ref, "chair"),
      host: try optionalRef(m.host, "meetings", i, ref, "host"),
      counterpart: try optionalRef(m.counterpart, "meetings", i, ref, "counterpart"),
      notice: try text(m.notice, "meetings", i, ref, "notice"),
      source: try text(m.source, "meetings", i, ref, "source"))
  }

  static func deadline(
    _ d: DeadlineValue?, _ i: Int, _ label: String?, _ field: @autoclosure () -> String,
    referenceYear: Int?, memo: DeadlineMemo?
  ) throws -> Deadline? {
    guard let d else { return nil }
    switch d {
    case .text(let raw):
      let t = try text(raw, "tasks", i, label, field())
      do {
        return try DeadlineMemo.parse(t, referenceYear: referenceYear, memo: memo)
      } catch let e as UserError {
        throw invalid("tasks", i, label, field(), vi: e.vi, en: e.en)
      }
    case .object(let raw, let kindRaw, let dateRaw):
      let t = try text(raw, "tasks", i, label, field() + ".text")
      guard let kindRaw else {
        do {
          return try DeadlineMemo.parse(t, referenceYear: referenceYear, memo: memo)
        } catch let e as UserError {
          throw invalid("tasks", i, label, field(), vi: e.vi, en: e.en)
        }
      }
      guard let kind = DeadlineKind(rawValue: kindRaw) else {
        let kinds = DeadlineKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw invalid(
          "tasks", i, label, field() + ".kind", vi: "'\(kindRaw)' không phải loại thời hạn; dùng \(kinds)",
          en: "'\(kindRaw)' is not a deadline kind; use \(kinds)")
      }
      let date = try day(dateRaw, "tasks", i, label, field() + ".date")
      let dated = hasEndDate(kind)
      if dated && date == nil {
        throw invalid(
          "tasks", i, label, field() + ".date", vi: "loại '\(kindRaw)' cần ngày kết thúc",
          en: "kind '\(kindRaw)' needs an end date")
      }
      let d = Deadline(text: t, kind: kind, date: dated ? date : nil)
      if let problem = disagreement(d, referenceYear: referenceYear, memo: memo) {
        throw invalid("tasks", i, label, field() + "." + problem.field, vi: problem.vi, en: problem.en)
      }
      return d
    }
  }

  /// Why a deadline written as `{text, kind, date}` contradicts itself, if it does: a
  /// month, quarter, half-year or year must end on its period's last day, and text that
  /// reads as a deadline must read as this kind and date. Such a file is refused rather
  /// than silently normalised, because either field could be the wrong one.
  public static func disagreement(_ d: Deadline, referenceYear: Int?) -> (field: String, vi: String, en: String)? {
    disagreement(d, referenceYear: referenceYear, memo: nil)
  }

  static func disagreement(
    _ d: Deadline, referenceYear: Int?, memo: DeadlineMemo?
  ) -> (field: String, vi: String, en: String)? {
    if let date = d.date {
      let (y, m, _) = date.components
      let ends: Bool
      switch d.kind {
      case .month: ends = Day.endOf(month: m, year: y) == date
      case .quarter: ends = m % 3 == 0 && Day.endOf(month: m, year: y) == date
      case .halfYear: ends = (m == 6 || m == 12) && Day.endOf(month: m, year: y) == date
      case .year: ends = m == 12 && Day.endOf(month: 12, year: y) == date
      default: ends = true
      }
      if !ends {
        return (
          "date", "thời hạn loại '\(d.kind.rawValue)' phải kết thúc vào ngày cuối kỳ, không phải \(date.formatted)",
          "a '\(d.kind.rawValue)' deadline must end on the last day of its period, not \(date.formatted)"
        )
      }
    }
    guard !d.text.isEmpty,
      let read = try? DeadlineMemo.parse(d.text, referenceYear: referenceYear ?? d.date?.year, memo: memo)
    else { return nil }
    if read.kind != d.kind {
      return (
        "kind", "'\(d.text)' là thời hạn loại '\(read.kind.rawValue)', không phải '\(d.kind.rawValue)'",
        "'\(d.text)' is a '\(read.kind.rawValue)' deadline, not '\(d.kind.rawValue)'"
      )
    }
    if let a = read.date, let b = d.date, a != b {
      return (
        "date", "'\(d.text)' kết thúc ngày \(a.formatted), không phải \(b.formatted)",
        "'\(d.text)' ends on \(a.formatted), not \(b.formatted)"
      )
    }
    return nil
  }

  /// The kinds that end on a date; the others carry none.
  static func hasEndDate(_ kind: DeadlineKind) -> Bool {
    switch kind {
    case .date, .month, .quarter, .halfYear, .year: return true
    case .routine, .none, .other: return false
    }
  }

  static func task(
    _ t: RecordFields, _ i: Int, meetingYears: [String: Int], memo: DeadlineMemo? = nil
  ) throws -> FollowUpTask {
    let id = t.id, ref = t.ref
    if let id, id <= 0 {
      throw invalid("tasks", i, ref, "id", vi: "phải là số dương", en: "must be a positive number")
    }
    let label = ref ?? id.map(String.init)
    let content = try text(t.content, "tasks", i, label, "content", required: true, multiline: true)
    let lead = try text(t.lead, "tasks", i, label, "lead", required: true)
    let meeting = try optionalRef(t.meeting, "tasks", i, label, "meeting")
    let assignedOn = try day(t.assignedOn, "tasks", i, label, "assignedOn")
    let refYear = assignedOn?.year ?? meeting.flatMap { meetingYears[$0] }
    let status: WorkflowStatus
    if let s = t.status, !s.isEmpty {
      guard let v = WorkflowStatus(rawValue: s) else {
        let all = WorkflowStatus.allCases.map(\.rawValue).joined(separator: ", ")
        throw invalid(
          "tasks", i, label, "status", vi: "'\(s)' không phải trạng thái; dùng \(all)",
          en: "'\(s)' is not a status; use \(all)")
      }
      status = v
    } else {
      status = .notStarted
    }
    let completedOn = try day(t.completedOn, "tasks", i, label, "completedOn")
    if status == .done && completedOn == nil {
      throw invalid(
        "tasks", i, label, "completedOn", vi: "bắt buộc khi trạng thái là done",
        en: "is required when the status is done")
    }
    if status != .done && completedOn != nil {
      throw invalid(
        "tasks", i, label, "completedOn", vi: "chỉ ghi khi trạng thái là done",
        en: "may only be given when the status is done")
    }
    let rawCoordinating = t.coordinating ?? []
    var coordinating: [String] = []
    coordinating.reserveCapacity(rawCoordinating.count)
    for c in rawCoordinating {
      let v = try text(c, "tasks", i, label, "coordinating")
      if !v.isEmpty && v != lead && !coordinating.contains(v) { coordinating.append(v) }
    }
    let rawTags = t.tags ?? []
    var tags: [String] = []
    tags.reserveCapacity(rawTags.count)
    for tag in rawTags {
      let v = try text(tag, "tasks", i, label, "tags")
      if !v.isEmpty && !tags.contains(v) { tags.append(v) }
    }
    let rawExtensions = t.extensions ?? []
    var extensions: [DeadlineExtension] = []
    extensions.reserveCapacity(rawExtensions.count)
    for (k, e) in rawExtensions.enumerated() {
      func f() -> String { "extensions[\(k)]" }
      guard let to = try deadline(e.to, i, label, f() + ".to", referenceYear: refYear, memo: memo), to.date != nil
      else {
        throw invalid(
          "tasks", i, label, f() + ".to", vi: "cần hạn mới có ngày (ví dụ 31/12/2023 hoặc Quý I/2024)",
          en: "needs a new dated deadline (e.g. 31/12/2023 or Quý I/2024)")
      }
      let decision: ExtensionDecision
      if let d = e.decision, !d.isEmpty {
        guard let v = ExtensionDecision(rawValue: d) else {
          let all = ExtensionDecision.allCases.map(\.rawValue).joined(separator: ", ")
          throw invalid(
            "tasks", i, label, f() + ".decision", vi: "'\(d)' không phải quyết định; dùng \(all)",
            en: "'\(d)' is not a decision; use \(all)")
        }
        decision = v
      } else {
        decision = .pending
      }
      let decidedOn = try day(e.decidedOn, "tasks", i, label, f() + ".decidedOn")
      // An approval moves the deadline only from the day it was decided: without that day
      // no report could say when it took effect.
      if (decision == .approved || decision == .partial) && decidedOn == nil {
        throw invalid(
          "tasks", i, label, f() + ".decidedOn", vi: "bắt buộc khi quyết định là \(decision.rawValue)",
          en: "is required when the decision is \(decision.rawValue)")
      }
      let granted = try deadline(e.granted, i, label, f() + ".granted", referenceYear: refYear, memo: memo)
      if decision == .partial && granted?.date == nil {
        throw invalid(
          "tasks", i, label, f() + ".granted", vi: "cần hạn được chấp thuận có ngày khi quyết định là partial",
          en: "needs the granted dated deadline when the decision is partial")
      }
      if decision != .partial && granted != nil {
        throw invalid(
          "tasks", i, label, f() + ".granted", vi: "chỉ ghi khi quyết định là partial",
          en: "may only be given when the decision is partial")
      }
      let requestedOn = try day(e.requestedOn, "tasks", i, label, f() + ".requestedOn")
      if let r = requestedOn, let d = decidedOn, d < r {
        throw invalid(
          "tasks", i, label, f() + ".decidedOn", vi: "ngày quyết định \(d.formatted) trước ngày đề nghị \(r.formatted)",
          en: "the decision day \(d.formatted) is before the request day \(r.formatted)")
      }
      extensions.append(
        DeadlineExtension(
          requestedOn: requestedOn,
          from: try deadline(e.from, i, label, f() + ".from", referenceYear: refYear, memo: memo),
          to: to, reason: try text(e.reason, "tasks", i, label, f() + ".reason", multiline: true),
          decision: decision, decidedOn: decidedOn,
          document: try text(e.document, "tasks", i, label, f() + ".document"), granted: granted))
    }
    let rawNotes = t.notes ?? []
    var notes: [ProgressNote] = []
    notes.reserveCapacity(rawNotes.count)
    for (k, n) in rawNotes.enumerated() {
      func f() -> String { "notes[\(k)]" }
      guard let on = try day(n.on, "tasks", i, label, f() + ".on") else {
        throw invalid("tasks", i, label, f() + ".on", vi: "bắt buộc, không được để trống", en: "is required and empty")
      }
      notes.append(
        ProgressNote(
          on: on, text: try text(n.text, "tasks", i, label, f() + ".text", required: true, multiline: true),
          by: try text(n.by, "tasks", i, label, f() + ".by")))
    }
    var reassignments: [Reassignment] = []
    for (k, r) in (t.reassignments ?? []).enumerated() {
      func f() -> String { "reassignments[\(k)]" }
      let from = try text(r.from, "tasks", i, label, f() + ".from", required: true)
      let to = try text(r.to, "tasks", i, label, f() + ".to", required: true)
      guard let on = try day(r.on, "tasks", i, label, f() + ".on") else {
        throw invalid("tasks", i, label, f() + ".on", vi: "bắt buộc, không được để trống", en: "is required and empty")
      }
      reassignments.append(Reassignment(from: from, to: to, on: on, document: try text(r.document, "tasks", i, label, f() + ".document")))
    }
    // The chain must end at the task's lead and each step start where the last ended.
    for (k, r) in reassignments.enumerated() {
      let next = k + 1 < reassignments.count ? reassignments[k + 1].from : lead
      if r.to != next || (k > 0 && reassignments[k - 1].on > r.on) {
        throw invalid(
          "tasks", i, label, "reassignments[\(k)]",
          vi: "chuỗi chuyển giao phải theo thứ tự ngày và kết thúc ở cơ quan chủ trì '\(lead)'",
          en: "reassignments must be in date order and end at the lead agency '\(lead)'")
      }
    }
    var withdrawal: Withdrawal?
    if let w = t.withdrawal {
      guard status == .withdrawn else {
        throw invalid(
          "tasks", i, label, "withdrawal", vi: "chỉ ghi khi trạng thái là withdrawn",
          en: "may only be given when the status is withdrawn")
      }
      if let m = w.mergedInto, m <= 0 || m == id {
        throw invalid(
          "tasks", i, label, "withdrawal.mergedInto", vi: "phải là số của một nhiệm vụ khác",
          en: "must be the number of another task")
      }
      withdrawal = Withdrawal(
        on: try day(w.on, "tasks", i, label, "withdrawal.on"),
        reason: try text(w.reason, "tasks", i, label, "withdrawal.reason", multiline: true),
        document: try text(w.document, "tasks", i, label, "withdrawal.document"), mergedInto: w.mergedInto)
    }
    var reminders: [Reminder] = []
    for (k, r) in (t.reminders ?? []).enumerated() {
      func f() -> String { "reminders[\(k)]" }
      guard let on = try day(r.on, "tasks", i, label, f() + ".on") else {
        throw invalid("tasks", i, label, f() + ".on", vi: "bắt buộc, không được để trống", en: "is required and empty")
      }
      var channel = ReminderChannel.letter
      if let c = r.channel, !c.isEmpty {
        guard let v = ReminderChannel(rawValue: c) else {
          let all = ReminderChannel.allCases.map(\.rawValue).joined(separator: ", ")
          throw invalid(
            "tasks", i, label, f() + ".channel", vi: "'\(c)' không phải kênh đôn đốc; dùng \(all)",
            en: "'\(c)' is not a reminder channel; use \(all)")
        }
        channel = v
      }
      reminders.append(Reminder(
        on: on, document: try text(r.document, "tasks", i, label, f() + ".document"), channel: channel,
        note: try text(r.note, "tasks", i, label, f() + ".note", multiline: true)))
    }
    let reportedOn = try day(t.reportedOn, "tasks", i, label, "reportedOn")
    if reportedOn != nil && status != .reported && status != .done && status != .withdrawn {
      throw invalid(
        "tasks", i, label, "reportedOn", vi: "chỉ ghi khi nhiệm vụ đã báo cáo hoàn thành",
        en: "may only be given once completion was reported")
    }
    return FollowUpTask(
      id: id ?? 0, ref: try optionalRef(ref, "tasks", i, label, "ref"), meeting: meeting,
      item: try text(t.item, "tasks", i, label, "item"), content: content, lead: lead,
      coordinating: coordinating, owner: try optionalRef(t.owner, "tasks", i, label, "owner"),
      tracker: try optionalRef(t.tracker, "tasks", i, label, "tracker"),
      deadline: try deadline(t.deadline, i, label, "deadline", referenceYear: refYear, memo: memo) ?? .none,
      product: try text(t.product, "tasks", i, label, "product"), priority: t.priority ?? false,
      tags: tags, status: status, completedOn: completedOn,
      result: try text(t.result, "tasks", i, label, "result", multiline: true),
      extensions: extensions, notes: notes, assignedOn: assignedOn, reassignments: reassignments,
      withdrawal: withdrawal, reminders: reminders, reportedOn: reportedOn)
  }
}

/// Deadline texts already read in one file: a large file writes the same few thousand
/// dates and periods over and over, and reading one was the dearest step of a task
/// (8 % of a 100k import). The answers are those of `Deadline.parse`, refusals included.
final class DeadlineMemo {
  private struct Key: Hashable {
    let text: String
    let year: Int?
  }
  private var known: [Key: Result<Deadline, UserError>] = [:]

  /// `Deadline.parse(text, referenceYear:)`'s deadline, remembered in `memo` when given.
  static func parse(_ text: String, referenceYear: Int?, memo: DeadlineMemo?) throws -> Deadline {
    guard let memo else { return try Deadline.parse(text, referenceYear: referenceYear).deadline }
    let key = Key(text: text, year: referenceYear)
    if let known = memo.known[key] { return try known.get() }
    let result: Result<Deadline, UserError>
    do {
      result = .success(try Deadline.parse(text, referenceYear: referenceYear).deadline)
    } catch let e as UserError {
      result = .failure(e)
    }
    // A file of all-different texts does not grow the memory without bound.
    if memo.known.count >= 100_000 { memo.known.removeAll(keepingCapacity: true) }
    memo.known[key] = result
    return try result.get()
  }
}

/// An integer field. Foundation reads `2.0` and `1e1` as integers, as files written by
/// spreadsheets need; a number with a fraction is a value of the wrong type, not bad JSON.
struct JSONInteger: Decodable {
  let value: Int

  init(value: Int) { self.value = value }

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let i = try? c.decode(Int.self) {
      value = i
    } else if let d = try? c.decode(Double.self), d.rounded() == d, let i = Int(exactly: d) {
      value = i
    } else {
      throw DecodingError.typeMismatch(Int.self, .init(codingPath: c.codingPath, debugDescription: "integer"))
    }
  }
}

/// A string that may also be written as an integer (`"item": 3`).
struct LooseString: Decodable {
  let value: String

  init(value: String) { self.value = value }

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self) {
      value = s
    } else if let i = try? c.decode(Int.self) {
      value = String(i)
    } else {
      throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath, debugDescription: "string"))
    }
  }
}

/// A deadline written as text (`"Quý I/2024"`) or as `{text, kind, date}`.
enum DeadlineValue: Decodable {
  case text(String)
  case object(text: String?, kind: String?, date: String?)

  private enum Keys: String, CodingKey { case text, kind, date }

  init(from decoder: any Decoder) throws {
    if let s = try? decoder.singleValueContainer().decode(String.self) {
      self = .text(s)
      return
    }
    let c: KeyedDecodingContainer<Keys>
    do {
      c = try decoder.container(keyedBy: Keys.self)
    } catch {
      throw DecodingError.typeMismatch(
        [String: String].self, .init(codingPath: decoder.codingPath, debugDescription: "object"))
    }
    self = .object(
      text: try c.decodeIfPresent(String.self, forKey: .text),
      kind: try c.decodeIfPresent(String.self, forKey: .kind),
      date: try c.decodeIfPresent(String.self, forKey: .date))
  }
}

// The records of a `followup/1` file as they are written, every field optional: the rules
// that make one required live in `InterchangeReader`, so that a missing field is named with
// its record. Fields are decoded in declaration order, which is the order wrong types are
// reported in.

/// The whole file.
struct DocumentFields: Decodable {
  var format: String?
  var agencies: [AgencyFields]?
  var people: [PersonFields]?
  var meetings: [MeetingFields]?
  var tasks: [RecordFields]?
}

/// An agency record.
struct AgencyFields: Decodable {
  var code: String?
  var name: String?
  var aliases: [String]?
  var bloc: String?
  private var orderValue: JSONInteger?
  var rollupTo: String?
  var validFrom: String?
  var validTo: String?
  var successor: String?
  var order: Int? { orderValue?.value }

  private enum CodingKeys: String, CodingKey {
    case code, name, aliases, bloc, orderValue = "order", rollupTo, validFrom, validTo, successor
  }
}

/// A person record.
struct PersonFields: Decodable {
  var ref: String?
  var family: String?
  var middle: String?
  var given: String?
  var title: String?
  var position: String?
  var agency: String?
}

/// A meeting record.
struct MeetingFields: Decodable {
  var ref: String?
  var date: String?
  var title: String?
  var chair: String?
  var host: String?
  var counterpart: String?
  var notice: String?
  var source: String?
}

/// One extension of a task.
struct ExtensionFields: Decodable {
  var requestedOn: String?
  var from: DeadlineValue?
  var to: DeadlineValue?
  var reason: String?
  var decision: String?
  var decidedOn: String?
  var document: String?
  var granted: DeadlineValue?
}

/// One progress note of a task.
struct NoteFields: Decodable {
  var on: String?
  var text: String?
  var by: String?
}

/// A task record.
struct RecordFields: Decodable {
  var idValue: JSONInteger?
  var ref: String?
  var meeting: String?
  var itemValue: LooseString?
  var content: String?
  var lead: String?
  var coordinating: [String]?
  var owner: String?
  var tracker: String?
  var deadline: DeadlineValue?
  var product: String?
  var priority: Bool?
  var tags: [String]?
  var status: String?
  var completedOn: String?
  var result: String?
  var extensions: [ExtensionFields]?
  var notes: [NoteFields]?
  var assignedOn: String?
  var reassignments: [ReassignmentFields]?
  var withdrawal: WithdrawalFields?
  var reminders: [ReminderFields]?
  var reportedOn: String?
  var id: Int? { idValue?.value }
  var item: String? { itemValue?.value }

  private enum CodingKeys: String, CodingKey {
    case idValue = "id", ref, meeting, itemValue = "item", content, lead, coordinating, owner, tracker,
      deadline, product, priority, tags, status, completedOn, result, extensions, notes, assignedOn,
      reassignments, withdrawal, reminders, reportedOn
  }
}

/// One change of lead agency.
struct ReassignmentFields: Decodable {
  var from: String?
  var to: String?
  var on: String?
  var document: String?
}

/// Why and when a task was withdrawn.
struct WithdrawalFields: Decodable {
  var on: String?
  var reason: String?
  var document: String?
  var mergedIntoValue: JSONInteger?
  var mergedInto: Int? { mergedIntoValue?.value }

  private enum CodingKeys: String, CodingKey { case on, reason, document, mergedIntoValue = "mergedInto" }
}

/// One reminder sent about a task.
struct ReminderFields: Decodable {
  var on: String?
  var document: String?
  var channel: String?
  var note: String?
}

/// What `JSONDecoder` lets through that a `followup/1` file must not hold, and where a syntax
/// error is, as a line and a column a person can find in an editor.
///
/// `JSONDecoder` accepts trailing commas (`[1, 2,]`), leaves values under keys it does not read
/// unchecked (`"x": 01`, `"x": 1.`, `"x": "\q"`, a raw tab in a string, an unpaired surrogate
/// escape), and names no place for a syntax error. One pass over the bytes checks what it
/// skips; for the rest `JSONSerialization`, asked only once a file has failed, says where.
enum StrictJSON {
  /// A place in the text: 1-based line, and column counted in Unicode scalars.
  struct Position: Equatable {
    var line: Int
    var column: Int
  }

  /// The byte offset where a check failed.
  struct Failure: Error {
    var offset: Int
  }

  /// The first trailing comma, malformed number, raw control character in a string, bad
  /// escape or unpaired surrogate escape; nil when there is none.
  static func firstViolation(in data: Data) -> Position? {
    let offset: Int? = data.withUnsafeBytes { raw -> Int? in
      let b = raw.bindMemory(to: UInt8.self)
      var i = 0
      // The last byte outside strings that was not white space.
      var previous: UInt8 = 0
      while i < b.count {
        let c = b[i]
        switch c {
        case 0x20, 0x0A, 0x0D, 0x09:
          i += 1
          continue
        case UInt8(ascii: "\""):
          switch string(b, from: i + 1) {
          case .success(let end): i = end
          case .failure(let f): return f.offset
          }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          switch number(b, from: i) {
          case .success(let end): i = end
          case .failure(let f): return f.offset
          }
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
          if previous == UInt8(ascii: ",") { return i }
          i += 1
        default:
          i += 1
        }
        previous = c
      }
      return nil
    }
    return offset.map { position(ofOffset: $0, in: data) }
  }

  /// Checks the string whose text starts at `i`, just after its opening quote; returns the
  /// offset after its closing quote. An unterminated string is left to the parser.
  static func string(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Result<Int, Failure> {
    var i = start
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "\"") { return .success(i + 1) }
      if c < 0x20 { return .failure(Failure(offset: i)) }
      guard c == UInt8(ascii: "\\") else {
        i += 1
        continue
      }
      guard i + 1 < b.count else { return .success(b.count) }
      switch b[i + 1] {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
        i += 2
      case UInt8(ascii: "u"):
        guard let unit = hex4(b, i + 2) else { return .failure(Failure(offset: i)) }
        if (0xDC00...0xDFFF).contains(unit) { return .failure(Failure(offset: i)) }
        if (0xD800...0xDBFF).contains(unit) {
          guard i + 11 < b.count, b[i + 6] == UInt8(ascii: "\\"), b[i + 7] == UInt8(ascii: "u"),
            let low = hex4(b, i + 8), (0xDC00...0xDFFF).contains(low)
          else { return .failure(Failure(offset: i)) }
          i += 12
        } else {
          i += 6
        }
      default:
        return .failure(Failure(offset: i))
      }
    }
    return .success(b.count)
  }

  /// Checks the number starting at `i` against RFC 8259 (`-? (0|[1-9][0-9]*) (.[0-9]+)?
  /// ([eE][+-]?[0-9]+)?`); returns the offset after it.
  static func number(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Result<Int, Failure> {
    var i = start
    func isDigit(_ k: Int) -> Bool { k < b.count && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") }
    func digits() -> Bool {
      guard isDigit(i) else { return false }
      while isDigit(i) { i += 1 }
      return true
    }
    if b[i] == UInt8(ascii: "-") { i += 1 }
    if i < b.count && b[i] == UInt8(ascii: "0") {
      i += 1
      if isDigit(i) { return .failure(Failure(offset: i - 1)) }
    } else if !digits() {
      return .failure(Failure(offset: i))
    }
    if i < b.count && b[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() else { return .failure(Failure(offset: i)) }
    }
    if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
      i += 1
      if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
      guard digits() else { return .failure(Failure(offset: i)) }
    }
    return .success(i)
  }

  /// The four hex digits at `i` as a UTF-16 code unit.
  static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
    guard i + 4 <= b.count else { return nil }
    var v: UInt32 = 0
    for k in i..<(i + 4) {
      guard let d = Character(Unicode.Scalar(b[k])).hexDigitValue else { return nil }
      v = v * 16 + UInt32(d)
    }
    return v
  }

  /// The line and column of a byte offset; columns count scalars, not bytes.
  static func position(ofOffset offset: Int, in data: Data) -> Position {
    data.withUnsafeBytes { raw in
      let b = raw.bindMemory(to: UInt8.self)
      let end = min(max(0, offset), b.count)
      var line = 1
      var column = 1
      for k in 0..<end {
        if b[k] == 0x0A {
          line += 1
          column = 1
        } else if b[k] & 0xC0 != 0x80 {
          column += 1
        }
      }
      return Position(line: line, column: column)
    }
  }

  /// Where a file `JSONDecoder` refused stops being JSON: `JSONSerialization` names the byte
  /// ("around character 53"); when it names none, it stopped at the end.
  static func syntaxPosition(in data: Data) -> Position {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
      if let m = text.firstMatch(of: #/character (\d+)/#), let n = Int(m.1) {
        return position(ofOffset: n, in: data)
      }
    }
    return position(ofOffset: data.count, in: data)
  }
}

extension InterchangeReader {
  /// Reads one task object written by `InterchangeWriter.task`, keeping its id.
  public static func readTask(json data: Data) throws -> FollowUpTask {
    try task(try decode(RecordFields.self, from: data), 0, meetingYears: [:])
  }
}

extension InterchangeReader {
  /// Every kind of record a `followup/1` file holds and its keys, in the order the importer
  /// reads them: taken from the decoding types themselves, so a field added there is listed
  /// wherever this is shown (the manual page).
  public static let recordKeys: [(record: String, keys: [String])] = [
    ("document", KeyRecorder.keys(of: DocumentFields.self)),
    ("agency", KeyRecorder.keys(of: AgencyFields.self)),
    ("person", KeyRecorder.keys(of: PersonFields.self)),
    ("meeting", KeyRecorder.keys(of: MeetingFields.self)),
    ("task", KeyRecorder.keys(of: RecordFields.self)),
    ("deadline", KeyRecorder.keys(of: DeadlineValue.self)),
    ("extension", KeyRecorder.keys(of: ExtensionFields.self)),
    ("note", KeyRecorder.keys(of: NoteFields.self)),
    ("reassignment", KeyRecorder.keys(of: ReassignmentFields.self)),
    ("withdrawal", KeyRecorder.keys(of: WithdrawalFields.self)),
    ("reminder", KeyRecorder.keys(of: ReminderFields.self)),
  ]
}

/// A decoder that holds no value and writes down each key a type asks for: decoding a
/// record type through it lists that type's keys in the order it reads them.
final class KeyRecorder: Decoder {
  var keys: [String] = []
  let codingPath: [any CodingKey] = []
  let userInfo: [CodingUserInfoKey: Any] = [:]

  /// The keys `type` reads, in order.
  static func keys<T: Decodable>(of type: T.Type) -> [String] {
    let recorder = KeyRecorder()
    _ = try? T(from: recorder)
    return recorder.keys
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(Keyed<Key>(recorder: self))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.empty }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Self.empty }

  /// What every value asked of the recorder is: absent.
  static var empty: DecodingError {
    DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "a key recorder holds no values"))
  }

  /// Answers "absent" for every key, after writing it down: optional fields read as nil.
  struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: KeyRecorder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool {
      if !recorder.keys.contains(key.stringValue) { recorder.keys.append(key.stringValue) }
      return false
    }

    func decodeNil(forKey key: Key) throws -> Bool { _ = contains(key); return true }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
      _ = contains(key)
      throw KeyRecorder.empty
    }
    func nestedContainer<NestedKey: CodingKey>(
      keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
      _ = contains(key)
      throw KeyRecorder.empty
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
      _ = contains(key)
      throw KeyRecorder.empty
    }
    func superDecoder() throws -> any Decoder { throw KeyRecorder.empty }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw KeyRecorder.empty }
  }
}
