import Foundation

/// Reads interchange JSON into a validated document, naming the record and field of the
/// first problem.
public enum InterchangeReader {
  /// The longest text a single field may hold; larger values are refused, not truncated.
  public static let maxFieldLength = 100_000

  /// Parses and validates a `followup/1` JSON file's bytes.
  ///
  /// Problems are reported in the order JSONDecoder imposed before: bad UTF-8, then JSON
  /// syntax, then the first value of the wrong type (fields in declaration order, lists in
  /// order), then the format tag, then the first record that breaks a rule. Records are
  /// type-checked and converted in one walk; once a rule is broken, conversion stops but
  /// type checking goes on, since a type error anywhere outranks it.
  public static func read(json data: Data) throws -> InterchangeDocument {
    let root = try parse(data)
    let fields: Record
    switch root {
    case .object(let members): fields = Record(members, Schema.document)
    case .null: throw ShapeError.missing("object").userError
    default: throw ShapeError.wrong("object").userError
    }
    // The format error or the first broken rule, thrown only if no type error turns up.
    var problem: (any Error)?
    do {
      try Schema.check(fields, Schema.document, only: 0)
    } catch {
      throw error.userError
    }
    if let format = fields.string(0) {
      if format != InterchangeDocument.formatTag {
        problem = UserError(
          "import.format",
          vi: "Tệp có định dạng '\(format)', chương trình chỉ đọc '\(InterchangeDocument.formatTag)'",
          en: "The file's format is '\(format)'; only '\(InterchangeDocument.formatTag)' can be read")
      }
    } else {
      problem = UserError(
        "import.format", vi: "Tệp thiếu trường \"format\": \"\(InterchangeDocument.formatTag)\"",
        en: "The file has no \"format\": \"\(InterchangeDocument.formatTag)\" field")
    }
    var doc = InterchangeDocument()
    doc.agencies.reserveCapacity(fields.count(1))
    doc.people.reserveCapacity(fields.count(2))
    doc.meetings.reserveCapacity(fields.count(3))
    doc.tasks.reserveCapacity(fields.count(4))
    try eachRecord(of: fields, 1, .agency) { i, r in
      guard problem == nil else { return }
      do { doc.agencies.append(try agency(AgencyFields(r: r), i)) } catch { problem = error }
    }
    try eachRecord(of: fields, 2, .person) { i, r in
      guard problem == nil else { return }
      do { doc.people.append(try person(PersonFields(r: r), i)) } catch { problem = error }
    }
    try eachRecord(of: fields, 3, .meeting) { i, r in
      guard problem == nil else { return }
      do { doc.meetings.append(try meeting(MeetingFields(r: r), i)) } catch { problem = error }
    }
    let meetingYears = Dictionary(
      doc.meetings.map { ($0.ref, $0.date.year) }, uniquingKeysWith: { a, _ in a })
    try eachRecord(of: fields, 4, .task) { i, r in
      guard problem == nil else { return }
      do {
        doc.tasks.append(try task(RecordFields(r: r), i, meetingYears: meetingYears))
      } catch {
        problem = error
      }
    }
    if let problem { throw problem }
    return doc
  }

  /// Type-checks each object of one of the document's lists and hands it to `body`.
  static func eachRecord(
    of document: Record, _ field: Int, _ type: RecordType, _ body: (Int, Record) -> Void
  ) throws {
    guard let p = document.position(field) else { return }
    let key = Schema.document.keys[field]
    // Fetched once per list: each fetch of a schema retains its arrays.
    let schema = type.schema
    switch document.members[p].value {
    case .null: return
    case .array(let items):
      for k in items.indices {
        switch items[k] {
        case .object(let members):
          let r = Record(members, schema)
          do {
            try Schema.check(r, schema)
          } catch {
            throw error.at(.index(k)).at(.key(key)).userError
          }
          body(k, r)
        case .null: throw ShapeError.missing("object").at(.index(k)).at(.key(key)).userError
        default: throw ShapeError.wrong("object").at(.index(k)).at(.key(key)).userError
        }
      }
    default:
      throw ShapeError.wrong("list").at(.key(key)).userError
    }
  }

  /// Refuses bytes that are not UTF-8, naming the first bad byte's offset.
  public static func requireUTF8(_ data: Data) throws {
    let bad: Int? = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let base = bytes.baseAddress else { return nil }
      return FastJSON.firstInvalidUTF8(base, from: 0, to: bytes.count)
    }
    guard let offset = bad else { return }
    throw UserError(
      "import.utf8",
      vi: "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí \(offset)); hãy lưu lại với mã UTF-8",
      en: "The file is not UTF-8 text (bad byte at offset \(offset)); save it as UTF-8")
  }

  /// The JSON tree of a file, or the error a person can act on: bad UTF-8 first, then syntax.
  static func parse(_ data: Data) throws -> FastJSON.Value {
    do {
      return try FastJSON.parse(data)
    } catch {
      // A file that parses is valid UTF-8 (the parser checks every string), so the UTF-8
      // scan is only needed here, to keep naming bad bytes before syntax as it always has.
      try requireUTF8(data)
      throw syntaxError(error)
    }
  }

  static func syntaxError(_ e: FastJSON.SyntaxError) -> UserError {
    UserError(
      "import.json",
      vi: "Tệp không phải JSON hợp lệ (dòng \(e.line), cột \(e.column)); hãy sửa cú pháp rồi nhập lại",
      en: "The file is not valid JSON (line \(e.line), column \(e.column)); fix the syntax and import again")
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
    return UserError("import.field", vi: "\(p): \(vi)", en: "\(p): \(en)")
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
    referenceYear: Int?
  ) throws -> Deadline? {
    guard let d else { return nil }
    switch d {
    case .text(let raw):
      let t = try text(raw, "tasks", i, label, field())
      do {
        return try Deadline.parse(t, referenceYear: referenceYear).deadline
      } catch let e as UserError {
        throw invalid("tasks", i, label, field(), vi: e.vi, en: e.en)
      }
    case .object(let raw, let kindRaw, let dateRaw):
      let t = try text(raw, "tasks", i, label, field() + ".text")
      guard let kindRaw else {
        do {
          return try Deadline.parse(t, referenceYear: referenceYear).deadline
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
      if let problem = disagreement(d, referenceYear: referenceYear) {
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
    guard !d.text.isEmpty, let read = try? Deadline.parse(d.text, referenceYear: referenceYear ?? d.date?.year).deadline
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

  static func task(_ t: RecordFields, _ i: Int, meetingYears: [String: Int]) throws -> FollowUpTask {
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
    for (k, record) in rawExtensions.enumerated() {
      let e = ExtensionFields(r: record)
      func f() -> String { "extensions[\(k)]" }
      guard let to = try deadline(e.to, i, label, f() + ".to", referenceYear: refYear), to.date != nil
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
      let granted = try deadline(e.granted, i, label, f() + ".granted", referenceYear: refYear)
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
          from: try deadline(e.from, i, label, f() + ".from", referenceYear: refYear),
          to: to, reason: try text(e.reason, "tasks", i, label, f() + ".reason", multiline: true),
          decision: decision, decidedOn: decidedOn,
          document: try text(e.document, "tasks", i, label, f() + ".document"), granted: granted))
    }
    let rawNotes = t.notes ?? []
    var notes: [ProgressNote] = []
    notes.reserveCapacity(rawNotes.count)
    for (k, record) in rawNotes.enumerated() {
      let n = NoteFields(r: record)
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
    for (k, record) in (t.reassignments ?? []).enumerated() {
      let r = ReassignmentFields(r: record)
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
    if let record = t.withdrawal {
      let w = WithdrawalFields(r: record)
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
    for (k, record) in (t.reminders ?? []).enumerated() {
      let r = ReminderFields(r: record)
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
      deadline: try deadline(t.deadline, i, label, "deadline", referenceYear: refYear) ?? .none,
      product: try text(t.product, "tasks", i, label, "product"), priority: t.priority ?? false,
      tags: tags, status: status, completedOn: completedOn,
      result: try text(t.result, "tasks", i, label, "result", multiline: true),
      extensions: extensions, notes: notes, assignedOn: assignedOn, reassignments: reassignments,
      withdrawal: withdrawal, reminders: reminders, reportedOn: reportedOn)
  }
}

/// A JSON value of the wrong type, and the path to it; becomes an `import.field` error.
///
/// The wording is the one JSONDecoder's errors produced ("tasks[0].tags[1]: missing string
/// value"), so messages did not change when the decoder was replaced.
struct ShapeError: Error {
  enum Step {
    case key(String)
    case index(Int)
  }

  /// Innermost step first: steps are added while the error travels outwards.
  var steps: [Step] = []
  /// "string", "integer", "true/false", "list" or "object".
  var expected: String
  /// True when the value was null where an element is required.
  var missing = false

  static func wrong(_ expected: String) -> ShapeError { ShapeError(expected: expected) }
  static func missing(_ expected: String) -> ShapeError { ShapeError(expected: expected, missing: true) }

  func at(_ step: Step) -> ShapeError {
    var e = self
    e.steps.append(step)
    return e
  }

  var userError: UserError {
    var p = ""
    for step in steps.reversed() {
      switch step {
      case .key(let k): p += "." + k
      case .index(let i): p += "[\(i)]"
      }
    }
    let shown = p.hasPrefix(".") ? String(p.dropFirst()) : p
    if missing {
      return UserError(
        "import.field", vi: "\(shown): thiếu giá trị \(expected)", en: "\(shown): missing \(expected) value")
    }
    return UserError(
      "import.field", vi: "\(shown): kiểu dữ liệu sai, cần \(expected)",
      en: "\(shown): wrong type, expected \(expected)")
  }
}

/// The kinds of object a `followup/1` file holds.
enum RecordType: Sendable {
  case document, agency, person, meeting, task, `extension`, note, deadline, reassignment, withdrawal, reminder

  var schema: Schema {
    switch self {
    case .document: return Schema.document
    case .agency: return Schema.agency
    case .person: return Schema.person
    case .meeting: return Schema.meeting
    case .task: return Schema.task
    case .extension: return Schema.extension
    case .note: return Schema.note
    case .deadline: return Schema.deadline
    case .reassignment: return Schema.reassignment
    case .withdrawal: return Schema.withdrawal
    case .reminder: return Schema.reminder
    }
  }
}

/// The fields a record may have, in declaration order, and the JSON type each must have.
///
/// `check` walks a record against its schema and reports the first value of the wrong type
/// the way JSONDecoder did (fields in declaration order, null read as absent); records are
/// then converted through `Record` with their types known to be right, straight from the
/// tree, with no intermediate copies.
struct Schema: Sendable {
  enum Kind: Sendable {
    case string
    case int
    case bool
    /// A string that may also be written as an integer (`"item": 3`).
    case looseString
    case strings
    /// Text (`"Quý I/2024"`) or a `{text, kind, date}` object.
    case deadline
    case records(RecordType)
    /// One nested object.
    case record(RecordType)

    /// The type named in "wrong type, expected …".
    var expected: String {
      switch self {
      case .string, .looseString: return "string"
      case .int: return "integer"
      case .bool: return "true/false"
      case .strings, .records: return "list"
      case .deadline, .record: return "object"
      }
    }
  }

  let keys: [String]
  let kinds: [Kind]

  init(_ fields: KeyValuePairs<String, Kind>) {
    keys = fields.map(\.key)
    kinds = fields.map(\.value)
  }

  static let deadline = Schema(["text": .string, "kind": .string, "date": .string])
  static let agency = Schema([
    "code": .string, "name": .string, "aliases": .strings, "bloc": .string, "order": .int,
    "rollupTo": .string, "validFrom": .string, "validTo": .string, "successor": .string,
  ])
  static let person = Schema([
    "ref": .string, "family": .string, "middle": .string, "given": .string, "title": .string,
    "position": .string, "agency": .string,
  ])
  static let meeting = Schema([
    "ref": .string, "date": .string, "title": .string, "chair": .string, "host": .string,
    "counterpart": .string, "notice": .string, "source": .string,
  ])
  static let `extension` = Schema([
    "requestedOn": .string, "from": .deadline, "to": .deadline, "reason": .string,
    "decision": .string, "decidedOn": .string, "document": .string, "granted": .deadline,
  ])
  static let reassignment = Schema(["from": .string, "to": .string, "on": .string, "document": .string])
  static let withdrawal = Schema(["on": .string, "reason": .string, "document": .string, "mergedInto": .int])
  static let reminder = Schema(["on": .string, "document": .string, "channel": .string, "note": .string])
  static let note = Schema(["on": .string, "text": .string, "by": .string])
  static let task = Schema([
    "id": .int, "ref": .string, "meeting": .string, "item": .looseString, "content": .string,
    "lead": .string, "coordinating": .strings, "owner": .string, "tracker": .string,
    "deadline": .deadline, "product": .string, "priority": .bool, "tags": .strings,
    "status": .string, "completedOn": .string, "result": .string,
    "extensions": .records(.extension), "notes": .records(.note), "assignedOn": .string,
    "reassignments": .records(.reassignment), "withdrawal": .record(.withdrawal),
    "reminders": .records(.reminder), "reportedOn": .string,
  ])
  static let document = Schema([
    "format": .string, "agencies": .records(.agency), "people": .records(.person),
    "meetings": .records(.meeting), "tasks": .records(.task),
  ])

  /// Checks every field of a located record, or only field `only`.
  static func check(
    _ record: borrowing Record, _ schema: borrowing Schema, only: Int? = nil
  ) throws(ShapeError) {
    for field in only.map({ $0..<($0 + 1) }) ?? schema.kinds.indices {
      guard let position = record.position(field) else { continue }
      do {
        try check(record.members[position].value, schema.kinds[field])
      } catch {
        throw error.at(.key(schema.keys[field]))
      }
    }
  }

  static func check(_ v: FastJSON.Value, _ kind: Kind) throws(ShapeError) {
    // Nested switches rather than one over a (kind, value) tuple, which would copy both.
    switch v {
    case .null: return
    case .string:
      switch kind {
      case .string, .looseString, .deadline: return
      default: throw .wrong(kind.expected)
      }
    case .int:
      switch kind {
      case .int, .looseString: return
      default: throw .wrong(kind.expected)
      }
    case .bool:
      guard case .bool = kind else { throw .wrong(kind.expected) }
    case .object(let members):
      switch kind {
      case .deadline: try check(Record(members, Schema.deadline), Schema.deadline)
      case .record(let type):
        let schema = type.schema
        try check(Record(members, schema), schema)
      default: throw .wrong(kind.expected)
      }
    case .array(let items):
      switch kind {
      case .strings:
        for k in items.indices {
          switch items[k] {
          case .string: continue
          case .null: throw ShapeError.missing("string").at(.index(k))
          default: throw ShapeError.wrong("string").at(.index(k))
          }
        }
      case .records(let type):
        let schema = type.schema
        for k in items.indices {
          switch items[k] {
          case .object(let members):
            do { try check(Record(members, schema), schema) } catch { throw error.at(.index(k)) }
          case .null: throw ShapeError.missing("object").at(.index(k))
          default: throw ShapeError.wrong("object").at(.index(k))
          }
        }
      default:
        throw .wrong(kind.expected)
      }
    case .double:
      throw .wrong(kind.expected)
    }
  }
}

/// An object read by field number: where each declared key first occurs among its members.
///
/// The first occurrence of a repeated key wins, as it did with JSONDecoder. Keys are matched
/// against the declared list starting after the previous match, because files written by
/// `InterchangeWriter` list them in declaration order: a match is then one comparison of
/// two small strings. The typed accessors assume `Schema.check` has passed; a value of
/// another type reads as absent rather than trapping.
struct Record {
  let members: [FastJSON.Member]
  // Positions as Int32 keep a record small; no object in a file under 2 GB has more members.
  // Schemas have at most 24 fields (`InterchangeTests` checks).
  private var slots = InlineArray<24, Int32>(repeating: -1)

  init(_ members: [FastJSON.Member], _ schema: borrowing Schema) {
    self.members = members
    var hint = 0
    let keys = schema.keys
    for position in members.indices {
      guard position < Int(Int32.max) else { break }
      let field: Int
      if hint < keys.count && keys[hint] == members[position].key {
        field = hint
      } else if let k = keys.firstIndex(of: members[position].key) {
        field = k
      } else {
        continue
      }
      hint = field + 1
      if slots[field] < 0 { slots[field] = Int32(truncatingIfNeeded: position) }
    }
  }

  func position(_ field: Int) -> Int? {
    let p = slots[field]
    return p < 0 ? nil : Int(p)
  }

  func string(_ field: Int) -> String? {
    guard let p = position(field), case .string(let s) = members[p].value else { return nil }
    return s
  }

  /// The number of elements of a list field, 0 when it is absent or not a list.
  func count(_ field: Int) -> Int {
    guard let p = position(field), case .array(let items) = members[p].value else { return 0 }
    return items.count
  }

  func int(_ field: Int) -> Int? {
    guard let p = position(field), case .int(let i) = members[p].value else { return nil }
    return i
  }

  func bool(_ field: Int) -> Bool? {
    guard let p = position(field), case .bool(let b) = members[p].value else { return nil }
    return b
  }

  func looseString(_ field: Int) -> String? {
    guard let p = position(field) else { return nil }
    switch members[p].value {
    case .string(let s): return s
    case .int(let i): return String(i)
    default: return nil
    }
  }

  func strings(_ field: Int) -> [String]? {
    guard let p = position(field), case .array(let items) = members[p].value else { return nil }
    var out: [String] = []
    out.reserveCapacity(items.count)
    for item in items {
      if case .string(let s) = item { out.append(s) }
    }
    return out
  }

  /// The objects of a list field, each as a record of `type`.
  func records(_ field: Int, _ type: RecordType) -> [Record]? {
    guard let p = position(field), case .array(let items) = members[p].value else { return nil }
    var out: [Record] = []
    out.reserveCapacity(items.count)
    let schema = type.schema
    for item in items {
      if case .object(let members) = item { out.append(Record(members, schema)) }
    }
    return out
  }

  func record(_ field: Int, _ type: RecordType) -> Record? {
    guard let p = position(field), case .object(let members) = members[p].value else { return nil }
    return Record(members, type.schema)
  }

  func deadline(_ field: Int) -> DeadlineValue? {
    guard let p = position(field) else { return nil }
    switch members[p].value {
    case .string(let s): return .text(s)
    case .object(let members):
      let r = Record(members, Schema.deadline)
      return .object(text: r.string(0), kind: r.string(1), date: r.string(2))
    default: return nil
    }
  }
}

/// A deadline written as text (`"Quý I/2024"`) or as `{text, kind, date}`.
enum DeadlineValue {
  case text(String)
  case object(text: String?, kind: String?, date: String?)
}

// Views of checked records with the fields by name, in `Schema` order.

struct AgencyFields {
  let r: Record
  var code: String? { r.string(0) }
  var name: String? { r.string(1) }
  var aliases: [String]? { r.strings(2) }
  var bloc: String? { r.string(3) }
  var order: Int? { r.int(4) }
  var rollupTo: String? { r.string(5) }
  var validFrom: String? { r.string(6) }
  var validTo: String? { r.string(7) }
  var successor: String? { r.string(8) }
}

struct PersonFields {
  let r: Record
  var ref: String? { r.string(0) }
  var family: String? { r.string(1) }
  var middle: String? { r.string(2) }
  var given: String? { r.string(3) }
  var title: String? { r.string(4) }
  var position: String? { r.string(5) }
  var agency: String? { r.string(6) }
}

struct MeetingFields {
  let r: Record
  var ref: String? { r.string(0) }
  var date: String? { r.string(1) }
  var title: String? { r.string(2) }
  var chair: String? { r.string(3) }
  var host: String? { r.string(4) }
  var counterpart: String? { r.string(5) }
  var notice: String? { r.string(6) }
  var source: String? { r.string(7) }
}

struct ExtensionFields {
  let r: Record
  var requestedOn: String? { r.string(0) }
  var from: DeadlineValue? { r.deadline(1) }
  var to: DeadlineValue? { r.deadline(2) }
  var reason: String? { r.string(3) }
  var decision: String? { r.string(4) }
  var decidedOn: String? { r.string(5) }
  var document: String? { r.string(6) }
  var granted: DeadlineValue? { r.deadline(7) }
}

struct NoteFields {
  let r: Record
  var on: String? { r.string(0) }
  var text: String? { r.string(1) }
  var by: String? { r.string(2) }
}

struct RecordFields {
  let r: Record
  var id: Int? { r.int(0) }
  var ref: String? { r.string(1) }
  var meeting: String? { r.string(2) }
  var item: String? { r.looseString(3) }
  var content: String? { r.string(4) }
  var lead: String? { r.string(5) }
  var coordinating: [String]? { r.strings(6) }
  var owner: String? { r.string(7) }
  var tracker: String? { r.string(8) }
  var deadline: DeadlineValue? { r.deadline(9) }
  var product: String? { r.string(10) }
  var priority: Bool? { r.bool(11) }
  var tags: [String]? { r.strings(12) }
  var status: String? { r.string(13) }
  var completedOn: String? { r.string(14) }
  var result: String? { r.string(15) }
  /// The extension records; wrap each in `ExtensionFields`.
  var extensions: [Record]? { r.records(16, .extension) }
  /// The note records; wrap each in `NoteFields`.
  var notes: [Record]? { r.records(17, .note) }
  var assignedOn: String? { r.string(18) }
  var reassignments: [Record]? { r.records(19, .reassignment) }
  var withdrawal: Record? { r.record(20, .withdrawal) }
  var reminders: [Record]? { r.records(21, .reminder) }
  var reportedOn: String? { r.string(22) }
}

struct ReassignmentFields {
  let r: Record
  var from: String? { r.string(0) }
  var to: String? { r.string(1) }
  var on: String? { r.string(2) }
  var document: String? { r.string(3) }
}

struct WithdrawalFields {
  let r: Record
  var on: String? { r.string(0) }
  var reason: String? { r.string(1) }
  var document: String? { r.string(2) }
  var mergedInto: Int? { r.int(3) }
}

struct ReminderFields {
  let r: Record
  var on: String? { r.string(0) }
  var document: String? { r.string(1) }
  var channel: String? { r.string(2) }
  var note: String? { r.string(3) }
}

extension InterchangeReader {
  /// Reads one task object written by `InterchangeWriter.task`, keeping its id.
  public static func readTask(json data: Data) throws -> FollowUpTask {
    let root: FastJSON.Value
    do {
      root = try FastJSON.parse(data)
    } catch {
      throw syntaxError(error)
    }
    let r: Record
    switch root {
    case .object(let members): r = Record(members, Schema.task)
    case .null: throw ShapeError.missing("object").userError
    default: throw ShapeError.wrong("object").userError
    }
    do {
      try Schema.check(r, Schema.task)
    } catch {
      throw error.userError
    }
    return try task(RecordFields(r: r), 0, meetingYears: [:])
  }
}
