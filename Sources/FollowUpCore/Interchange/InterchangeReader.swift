import Foundation

/// Reads interchange JSON into a validated document, naming the record and field of the
/// first problem.
public enum InterchangeReader {
  /// The longest text a single field may hold; larger values are refused, not truncated.
  public static let maxFieldLength = 100_000

  /// Parses and validates a `followup/1` JSON file's bytes.
  public static func read(json data: Data) throws -> InterchangeDocument {
    try requireUTF8(data)
    let dto: DocDTO
    do {
      dto = try JSONDecoder().decode(DocDTO.self, from: data)
    } catch let DecodingError.typeMismatch(type, ctx) {
      throw fieldError(ctx.codingPath, vi: "kiểu dữ liệu sai, cần \(typeName(type))",
        en: "wrong type, expected \(typeName(type))")
    } catch let DecodingError.valueNotFound(type, ctx) {
      throw fieldError(ctx.codingPath, vi: "thiếu giá trị \(typeName(type))",
        en: "missing \(typeName(type)) value")
    } catch let DecodingError.dataCorrupted(ctx) where !ctx.codingPath.isEmpty {
      throw fieldError(ctx.codingPath, vi: ctx.debugDescription, en: ctx.debugDescription)
    } catch {
      throw syntaxError(data)
    }
    guard let format = dto.format else {
      throw UserError(
        "import.format", vi: "Tệp thiếu trường \"format\": \"\(InterchangeDocument.formatTag)\"",
        en: "The file has no \"format\": \"\(InterchangeDocument.formatTag)\" field")
    }
    guard format == InterchangeDocument.formatTag else {
      throw UserError(
        "import.format",
        vi: "Tệp có định dạng '\(format)', chương trình chỉ đọc '\(InterchangeDocument.formatTag)'",
        en: "The file's format is '\(format)'; only '\(InterchangeDocument.formatTag)' can be read")
    }
    var doc = InterchangeDocument()
    for (i, a) in (dto.agencies ?? []).enumerated() { doc.agencies.append(try agency(a, i)) }
    for (i, p) in (dto.people ?? []).enumerated() { doc.people.append(try person(p, i)) }
    for (i, m) in (dto.meetings ?? []).enumerated() { doc.meetings.append(try meeting(m, i)) }
    let meetingYears = Dictionary(
      doc.meetings.map { ($0.ref, $0.date.year) }, uniquingKeysWith: { a, _ in a })
    for (i, t) in (dto.tasks ?? []).enumerated() {
      doc.tasks.append(try task(t, i, meetingYears: meetingYears))
    }
    return doc
  }

  /// Refuses bytes that are not UTF-8, naming the first bad byte's offset.
  public static func requireUTF8(_ data: Data) throws {
    if String(validating: data, as: UTF8.self) != nil { return }
    var offset = 0
    var it = data.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&it) {
      case .scalarValue(let s): offset += String(s).utf8.count
      case .emptyInput: break loop
      case .error: break loop
      }
    }
    throw UserError(
      "import.utf8",
      vi: "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí \(offset)); hãy lưu lại với mã UTF-8",
      en: "The file is not UTF-8 text (bad byte at offset \(offset)); save it as UTF-8")
  }

  static func syntaxError(_ data: Data) -> UserError {
    var position = ""
    do {
      _ = try JSONSerialization.jsonObject(with: data)
    } catch {
      let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? ""
      if let r = text.range(of: #"character (\d+)"#, options: .regularExpression),
        let n = Int(text[r].dropFirst("character ".count))
      {
        let prefix = data.prefix(max(0, n))
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let col = n - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        position = " (dòng \(line), cột \(col))|(line \(line), column \(col))"
      }
    }
    let parts = position.split(separator: "|").map(String.init)
    let vi = parts.first ?? "", en = parts.count > 1 ? " " + parts[1] : ""
    return UserError(
      "import.json", vi: "Tệp không phải JSON hợp lệ\(vi); hãy sửa cú pháp rồi nhập lại",
      en: "The file is not valid JSON\(en); fix the syntax and import again")
  }

  static func typeName(_ t: Any.Type) -> String {
    switch t {
    case is String.Type: return "string"
    case is Int.Type: return "integer"
    case is Bool.Type: return "true/false"
    default: return t is [Any].Type ? "list" : "\(t)".lowercased()
    }
  }

  static func fieldError(_ path: [CodingKey], vi: String, en: String) -> UserError {
    let p = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    let shown = p.hasPrefix(".") ? String(p.dropFirst()) : p
    return UserError("import.field", vi: "\(shown): \(vi)", en: "\(shown): \(en)")
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

  /// Cleans a single-line text field and refuses control characters and oversized values.
  static func text(
    _ raw: String?, _ list: String, _ i: Int, _ label: String?, _ field: String,
    required: Bool = false, multiline: Bool = false
  ) throws -> String {
    let value = raw ?? ""
    if value.utf8.count > maxFieldLength {
      throw invalid(
        list, i, label, field,
        vi: "dài \(value.utf8.count) byte, vượt giới hạn \(maxFieldLength)",
        en: "is \(value.utf8.count) bytes long, over the \(maxFieldLength)-byte limit")
    }
    if let c = VietText.controlCharacter(in: value) {
      let hex = String(c.value, radix: 16, uppercase: true)
      throw invalid(
        list, i, label, field, vi: "chứa ký tự điều khiển U+\(hex); hãy xoá nó",
        en: "contains the control character U+\(hex); remove it")
    }
    let cleaned = multiline ? VietText.cleanMultiline(value) : VietText.clean(value)
    if required && cleaned.isEmpty {
      throw invalid(list, i, label, field, vi: "bắt buộc, không được để trống", en: "is required and empty")
    }
    return cleaned
  }

  static func optionalRef(
    _ raw: String?, _ list: String, _ i: Int, _ label: String?, _ field: String
  ) throws -> String? {
    let v = try text(raw, list, i, label, field)
    return v.isEmpty ? nil : v
  }

  static func day(
    _ raw: String?, _ list: String, _ i: Int, _ label: String?, _ field: String
  ) throws -> Day? {
    guard let raw, !raw.isEmpty else { return nil }
    if let d = Day(iso: raw) { return d }
    throw invalid(
      list, i, label, field, vi: "'\(raw)' không phải ngày dạng YYYY-MM-DD có thật",
      en: "'\(raw)' is not a real date in the form YYYY-MM-DD")
  }

  static func agency(_ a: AgencyDTO, _ i: Int) throws -> Agency {
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

  static func person(_ p: PersonDTO, _ i: Int) throws -> Person {
    let ref = try text(p.ref, "people", i, nil, "ref", required: true)
    return Person(
      ref: ref, family: try text(p.family, "people", i, ref, "family"),
      middle: try text(p.middle, "people", i, ref, "middle"),
      given: try text(p.given, "people", i, ref, "given", required: true),
      title: try text(p.title, "people", i, ref, "title"),
      position: try text(p.position, "people", i, ref, "position"),
      agency: try optionalRef(p.agency, "people", i, ref, "agency"))
  }

  static func meeting(_ m: MeetingDTO, _ i: Int) throws -> Meeting {
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
    _ d: DeadlineDTO?, _ i: Int, _ label: String?, _ field: String, referenceYear: Int?
  ) throws -> Deadline? {
    guard let d else { return nil }
    switch d {
    case .text(let raw):
      let t = try text(raw, "tasks", i, label, field)
      do {
        return try Deadline.parse(t, referenceYear: referenceYear).deadline
      } catch let e as UserError {
        throw invalid("tasks", i, label, field, vi: e.vi, en: e.en)
      }
    case .object(let raw, let kindRaw, let dateRaw):
      let t = try text(raw, "tasks", i, label, field + ".text")
      guard let kindRaw else {
        do {
          return try Deadline.parse(t, referenceYear: referenceYear).deadline
        } catch let e as UserError {
          throw invalid("tasks", i, label, field, vi: e.vi, en: e.en)
        }
      }
      guard let kind = DeadlineKind(rawValue: kindRaw) else {
        let kinds = DeadlineKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw invalid(
          "tasks", i, label, field + ".kind", vi: "'\(kindRaw)' không phải loại thời hạn; dùng \(kinds)",
          en: "'\(kindRaw)' is not a deadline kind; use \(kinds)")
      }
      let date = try day(dateRaw, "tasks", i, label, field + ".date")
      let dated: Set<DeadlineKind> = [.date, .month, .quarter, .halfYear, .year]
      if dated.contains(kind) && date == nil {
        throw invalid(
          "tasks", i, label, field + ".date", vi: "loại '\(kindRaw)' cần ngày kết thúc",
          en: "kind '\(kindRaw)' needs an end date")
      }
      return Deadline(text: t, kind: kind, date: dated.contains(kind) ? date : nil)
    }
  }

  static func task(_ t: TaskDTO, _ i: Int, meetingYears: [String: Int]) throws -> FollowUpTask {
    if let id = t.id, id <= 0 {
      throw invalid("tasks", i, t.ref, "id", vi: "phải là số dương", en: "must be a positive number")
    }
    let label = t.ref ?? t.id.map(String.init)
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
    var coordinating: [String] = []
    for c in t.coordinating ?? [] {
      let v = try text(c, "tasks", i, label, "coordinating")
      if !v.isEmpty && v != lead && !coordinating.contains(v) { coordinating.append(v) }
    }
    var tags: [String] = []
    for tag in t.tags ?? [] {
      let v = try text(tag, "tasks", i, label, "tags")
      if !v.isEmpty && !tags.contains(v) { tags.append(v) }
    }
    var extensions: [DeadlineExtension] = []
    for (k, e) in (t.extensions ?? []).enumerated() {
      let f = "extensions[\(k)]"
      guard let to = try deadline(e.to, i, label, f + ".to", referenceYear: refYear), to.date != nil
      else {
        throw invalid(
          "tasks", i, label, f + ".to", vi: "cần hạn mới có ngày (ví dụ 31/12/2023 hoặc Quý I/2024)",
          en: "needs a new dated deadline (e.g. 31/12/2023 or Quý I/2024)")
      }
      let decision: ExtensionDecision
      if let d = e.decision, !d.isEmpty {
        guard let v = ExtensionDecision(rawValue: d) else {
          throw invalid(
            "tasks", i, label, f + ".decision", vi: "'\(d)' không phải quyết định; dùng pending, approved, rejected",
            en: "'\(d)' is not a decision; use pending, approved, rejected")
        }
        decision = v
      } else {
        decision = .pending
      }
      extensions.append(
        DeadlineExtension(
          requestedOn: try day(e.requestedOn, "tasks", i, label, f + ".requestedOn"),
          from: try deadline(e.from, i, label, f + ".from", referenceYear: refYear),
          to: to, reason: try text(e.reason, "tasks", i, label, f + ".reason", multiline: true),
          decision: decision, decidedOn: try day(e.decidedOn, "tasks", i, label, f + ".decidedOn"),
          document: try text(e.document, "tasks", i, label, f + ".document")))
    }
    var notes: [ProgressNote] = []
    for (k, n) in (t.notes ?? []).enumerated() {
      let f = "notes[\(k)]"
      guard let on = try day(n.on, "tasks", i, label, f + ".on") else {
        throw invalid("tasks", i, label, f + ".on", vi: "bắt buộc, không được để trống", en: "is required and empty")
      }
      notes.append(
        ProgressNote(
          on: on, text: try text(n.text, "tasks", i, label, f + ".text", required: true, multiline: true),
          by: try text(n.by, "tasks", i, label, f + ".by")))
    }
    return FollowUpTask(
      id: t.id ?? 0, ref: try optionalRef(t.ref, "tasks", i, label, "ref"), meeting: meeting,
      item: try text(t.item?.value, "tasks", i, label, "item"), content: content, lead: lead,
      coordinating: coordinating, owner: try optionalRef(t.owner, "tasks", i, label, "owner"),
      tracker: try optionalRef(t.tracker, "tasks", i, label, "tracker"),
      deadline: try deadline(t.deadline, i, label, "deadline", referenceYear: refYear) ?? .none,
      product: try text(t.product, "tasks", i, label, "product"), priority: t.priority ?? false,
      tags: tags, status: status, completedOn: completedOn,
      result: try text(t.result, "tasks", i, label, "result", multiline: true),
      extensions: extensions, notes: notes, assignedOn: assignedOn)
  }
}

struct DocDTO: Decodable {
  var format: String?
  var agencies: [AgencyDTO]?
  var people: [PersonDTO]?
  var meetings: [MeetingDTO]?
  var tasks: [TaskDTO]?
}

struct AgencyDTO: Decodable {
  var code, name: String?
  var aliases: [String]?
  var bloc: String?
  var order: Int?
  var rollupTo, validFrom, validTo, successor: String?
}

struct PersonDTO: Decodable {
  var ref, family, middle, given, title, position, agency: String?
}

struct MeetingDTO: Decodable {
  var ref, date, title, chair, host, counterpart, notice, source: String?
}

/// A string that may also be written as a number (`"item": 3`).
struct LooseString: Decodable {
  var value: String
  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self) {
      value = s
    } else if let i = try? c.decode(Int.self) {
      value = String(i)
    } else {
      throw DecodingError.typeMismatch(
        String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a string"))
    }
  }
}

/// A deadline written as text (`"Quý I/2024"`) or as `{text, kind, date}`.
enum DeadlineDTO: Decodable {
  case text(String)
  case object(text: String?, kind: String?, date: String?)

  enum Keys: String, CodingKey { case text, kind, date }

  init(from decoder: Decoder) throws {
    if let s = try? decoder.singleValueContainer().decode(String.self) {
      self = .text(s)
      return
    }
    let c = try decoder.container(keyedBy: Keys.self)
    self = .object(
      text: try c.decodeIfPresent(String.self, forKey: .text),
      kind: try c.decodeIfPresent(String.self, forKey: .kind),
      date: try c.decodeIfPresent(String.self, forKey: .date))
  }
}

struct ExtensionDTO: Decodable {
  var requestedOn: String?
  var from, to: DeadlineDTO?
  var reason, decision, decidedOn, document: String?
}

struct NoteDTO: Decodable {
  var on, text, by: String?
}

struct TaskDTO: Decodable {
  var id: Int?
  var ref, meeting: String?
  var item: LooseString?
  var content, lead: String?
  var coordinating: [String]?
  var owner, tracker: String?
  var deadline: DeadlineDTO?
  var product: String?
  var priority: Bool?
  var tags: [String]?
  var status, completedOn, result: String?
  var extensions: [ExtensionDTO]?
  var notes: [NoteDTO]?
  var assignedOn: String?
}

extension InterchangeReader {
  /// Reads one task object written by `InterchangeWriter.task`, keeping its id.
  public static func readTask(json data: Data) throws -> FollowUpTask {
    let dto = try JSONDecoder().decode(TaskDTO.self, from: data)
    return try task(dto, 0, meetingYears: [:])
  }
}
