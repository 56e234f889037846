import Foundation

/// Tasks as CSV: the English-keyed export/list layout, the Vietnamese report annex, and
/// import from either header.
public enum CSVTasks {
  /// The English column keys of `list --format csv` and `export --format csv`.
  public static let englishHeader = [
    "id", "ref", "meeting", "item", "content", "lead", "coordinating", "owner", "tracker",
    "deadline", "deadlineDate", "product", "priority", "tags", "status", "completedOn", "result",
    "timeliness", "effectiveDeadline",
  ]

  /// The Vietnamese column labels of the report annex (Phụ lục).
  public static let annexHeader = [
    "STT", "Nội dung nhiệm vụ", "Văn bản giao (số, ngày)", "Cơ quan chủ trì", "Cơ quan phối hợp",
    "Thời hạn (nguyên văn → chuẩn hoá)", "Tình hình thực hiện / kết quả", "Tình trạng",
    "Số ngày quá hạn", "Ghi chú (gia hạn…)",
  ]

  /// Rows in the English-keyed layout (dates dd/mm/yyyy so spreadsheets read them).
  public static func englishRows(
    _ tasks: [FollowUpTask], asOf: Day, rules: TimelinessRules
  ) -> [[String]] {
    [englishHeader]
      + tasks.map { t in
        let eff = t.effectiveDeadline(asOf: asOf)
        return [
          String(t.id), t.ref ?? "", t.meeting ?? "", t.item, t.content, t.lead,
          t.coordinating.joined(separator: "; "), t.owner ?? "", t.tracker ?? "", t.deadline.text,
          t.deadline.date?.formatted ?? "", t.product, t.priority ? "yes" : "no",
          t.tags.joined(separator: "; "), t.status.rawValue, t.completedOn?.formatted ?? "",
          t.result, rules.evaluate(t, asOf: asOf).code, eff.date?.formatted ?? "",
        ]
      }
  }

  /// Rows of the report annex, one per task, in Vietnamese or English.
  public static func annexRows(
    _ tasks: [FollowUpTask], catalog: Catalog, asOf: Day, rules: TimelinessRules, lang: Lang
  ) -> [[String]] {
    var out: [[String]] = []
    for (i, stored) in tasks.enumerated() {
      let tl = rules.evaluate(stored, asOf: asOf)
      // The annex shows what was known on the cut-off day.
      let t = stored.viewed(asOf: asOf)
      let doc: String = {
        guard let m = t.meeting.flatMap({ catalog.meetings[$0] }) else { return t.meeting ?? "" }
        let notice = m.notice.isEmpty ? m.ref : m.notice
        return notice + ", " + m.date.formatted
      }()
      let deadline: String = {
        switch t.deadline.kind {
        case .none: return ""
        case .date, .routine, .other: return t.deadline.text
        default: return t.deadline.text + (t.deadline.date.map { " → " + $0.formatted } ?? "")
        }
      }()
      let progress =
        !t.result.isEmpty
        ? t.result : (t.notes.last.map { $0.on.formatted + ": " + $0.text } ?? "")
      let overdueDays: String = {
        if case .overdue(let d) = tl { return String(d) }
        if case .doneLate(let d) = tl { return String(d) }
        return ""
      }()
      var notes = t.extensions.map { e in
        lang.pick(vi: "Gia hạn", en: "Extension") + " → " + e.to.display + " ("
          + Words.decision(e.decision, lang) + (e.granted.map { " → " + $0.display } ?? "")
          + (e.decidedOn.map { " " + $0.formatted } ?? "") + ")"
          + (e.isLateRequest ? lang.pick(vi: ", đề nghị khi đã quá hạn", en: ", requested after the deadline") : "")
      }
      for r in t.reassignments {
        notes.append(lang.pick(vi: "Chuyển giao ", en: "Reassigned ") + r.from + " → " + r.to + " " + r.on.formatted)
      }
      if !t.reminders.isEmpty, let last = t.reminders.map(\.on).max() {
        notes.append(lang.pick(
          vi: "Đôn đốc \(t.reminders.count) lần (gần nhất \(last.formatted))",
          en: "Reminded \(t.reminders.count) time\(t.reminders.count == 1 ? "" : "s") (last \(last.formatted))"))
      }
      if let w = t.withdrawal {
        notes.append(
          (w.mergedInto.map { lang.pick(vi: "Gộp vào #\($0)", en: "Merged into #\($0)") } ?? lang.pick(vi: "Dừng thực hiện", en: "Withdrawn"))
            + (w.on.map { " " + $0.formatted } ?? ""))
      }
      if t.status == .reported, let r = t.reportedOn {
        notes.append(lang.pick(vi: "Đã báo cáo hoàn thành \(r.formatted), chờ đánh giá", en: "Reported done \(r.formatted), awaiting acceptance"))
      }
      let remarks = notes.joined(separator: "; ")
      var state = Words.timeliness(tl, lang)
      if case .doneOnTime = tl, stored.isOnTimeOnlyAfterExtension(asOf: asOf) { state += lang.pick(vi: " (sau gia hạn)", en: " (after extension)") }
      out.append([
        String(i + 1), t.content, doc, catalog.agencies[t.lead]?.name ?? t.lead,
        t.coordinating.map { catalog.agencies[$0]?.name ?? $0 }.joined(separator: "; "), deadline,
        progress, state, overdueDays, remarks,
      ])
    }
    return out
  }

  /// Reads tasks from CSV rows whose header uses the English keys or the annex labels.
  ///
  /// Agency and person cells may hold codes or names; all rows are checked before any is
  /// kept, and the first problem names its line and column.
  public static func read(_ rows: [[String]], catalog: Catalog, referenceYear: Int?) throws
    -> [FollowUpTask]
  {
    guard let header = rows.first else {
      throw UserError("csv.empty", vi: "Tệp CSV rỗng", en: "The CSV file is empty")
    }
    var columns: [String: Int] = [:]
    for (i, h) in header.enumerated() {
      let key = VietText.fold(h)
      if let field = aliases[key] ?? aliases[VietText.fold(String(h.prefix { $0 != "(" }))] {
        if columns[field] == nil { columns[field] = i }
      }
    }
    guard columns["content"] != nil, columns["lead"] != nil else {
      throw UserError(
        "csv.header",
        vi: "Dòng tiêu đề CSV phải có cột nội dung (content / Nội dung nhiệm vụ) và cơ quan chủ trì (lead / Cơ quan chủ trì)",
        en: "The CSV header must have a content column (content / Nội dung nhiệm vụ) and a lead agency column (lead / Cơ quan chủ trì)")
    }
    var tasks: [FollowUpTask] = []
    for (r, row) in rows.enumerated().dropFirst() {
      let line = r + 1
      guard row.count == header.count else {
        throw UserError(
          "csv.columns",
          vi: "Dòng \(line) của CSV có \(row.count) cột, tiêu đề có \(header.count); kiểm tra dấu phân cách và ngoặc kép",
          en: "CSV line \(line) has \(row.count) columns but the header has \(header.count); check delimiters and quotes")
      }
      func cell(_ f: String) -> String {
        guard let i = columns[f] else { return "" }
        return row[i]
      }
      func fail(_ f: String, vi: String, en: String) -> UserError {
        let col = (columns[f] ?? 0) + 1
        return UserError(
          "csv.field", vi: "CSV dòng \(line), cột \(col) (\(f)): \(vi)",
          en: "CSV line \(line), column \(col) (\(f)): \(en)")
      }
      func text(_ f: String, multiline: Bool = false) throws -> String {
        let v = cell(f)
        if let c = VietText.controlCharacter(in: v) {
          throw fail(f, vi: "chứa ký tự điều khiển U+\(String(c.value, radix: 16, uppercase: true))",
            en: "contains the control character U+\(String(c.value, radix: 16, uppercase: true))")
        }
        if v.utf8.count > InterchangeReader.maxFieldLength {
          throw fail(f, vi: "quá dài (\(v.utf8.count) byte)", en: "is too long (\(v.utf8.count) bytes)")
        }
        return multiline ? VietText.cleanMultiline(v) : VietText.clean(v)
      }
      let content = try text("content", multiline: true)
      if content.isEmpty { throw fail("content", vi: "không được để trống", en: "is empty") }
      func agency(_ v: String, _ f: String) throws -> String {
        do { return try catalog.resolveAgency(v).code } catch let e as UserError {
          throw fail(f, vi: e.vi, en: e.en)
        }
      }
      func person(_ f: String) throws -> String? {
        let v = try text(f)
        if v.isEmpty { return nil }
        do { return try catalog.resolvePerson(v).ref } catch let e as UserError {
          throw fail(f, vi: e.vi, en: e.en)
        }
      }
      let leadText = try text("lead")
      if leadText.isEmpty { throw fail("lead", vi: "không được để trống", en: "is empty") }
      let lead = try agency(leadText, "lead")
      var coordinating: [String] = []
      for part in try text("coordinating").split(whereSeparator: { $0 == ";" || $0 == "," }) {
        let p = VietText.clean(String(part))
        if p.isEmpty { continue }
        let code = try agency(p, "coordinating")
        if code != lead && !coordinating.contains(code) { coordinating.append(code) }
      }
      var meeting: String? = nil
      let m = try text("meeting")
      if !m.isEmpty {
        meeting = try? catalog.resolveMeeting(m).ref
      }
      let year = meeting.flatMap { catalog.meetings[$0]?.date.year } ?? referenceYear
      var deadlineText = try text("deadline")
      if let arrow = deadlineText.range(of: "→") {
        deadlineText = VietText.clean(String(deadlineText[..<arrow.lowerBound]))
      }
      let deadline: Deadline
      do {
        deadline = try Deadline.parse(deadlineText, referenceYear: year).deadline
      } catch let e as UserError {
        throw fail("deadline", vi: e.vi, en: e.en)
      }
      var status = WorkflowStatus.notStarted
      let s = try text("status")
      if !s.isEmpty {
        let key = VietText.fold(s).replacingOccurrences(of: " ", with: "_")
        if let w = WorkflowStatus(rawValue: s) {
          status = w
        } else if case .workflow(let w)? = TaskFilter.statusWords[key] {
          status = w
        } else if key.hasPrefix("ht") || key.hasPrefix("da_hoan_thanh") || key.hasPrefix("done") {
          status = .done
        } else if key.hasPrefix("qua_han") || key.hasPrefix("trong_han") || key.hasPrefix("sap") {
          status = .inProgress
        } else {
          throw fail("status", vi: "'\(s)' không phải trạng thái", en: "'\(s)' is not a status")
        }
      }
      var completedOn: Day? = nil
      let c = try text("completedOn")
      if !c.isEmpty {
        do { completedOn = try DateParser.parseDay(c, referenceYear: year).day } catch let e as UserError {
          throw fail("completedOn", vi: e.vi, en: e.en)
        }
      }
      if status == .done && completedOn == nil {
        throw fail("completedOn", vi: "cần ngày hoàn thành cho nhiệm vụ đã hoàn thành",
          en: "a done task needs its completion date")
      }
      if status != .done { completedOn = nil }
      let id = Int(cell("id").trimmingCharacters(in: .whitespaces)) ?? 0
      let tags = try text("tags").split(whereSeparator: { $0 == ";" || $0 == "," })
        .map { VietText.clean(String($0)) }.filter { !$0.isEmpty }
      let priorityKey = VietText.fold(cell("priority"))
      tasks.append(
        FollowUpTask(
          id: id, ref: try text("ref").nilIfEmpty, meeting: meeting, item: try text("item"),
          content: content, lead: lead, coordinating: coordinating, owner: try person("owner"),
          tracker: try person("tracker"), deadline: deadline, product: try text("product"),
          priority: ["yes", "true", "1", "co", "x"].contains(priorityKey), tags: tags,
          status: status, completedOn: completedOn, result: try text("result", multiline: true)))
    }
    return tasks
  }

  /// Header words (folded) and the field each means.
  static let aliases: [String: String] = {
    var m: [String: String] = [:]
    let table: [(String, [String])] = [
      ("id", ["id", "so", "so nhiem vu"]),
      ("ref", ["ref", "ma", "ma nhiem vu"]),
      ("meeting", ["meeting", "cuoc hop", "van ban giao", "van ban giao so, ngay"]),
      ("item", ["item", "muc"]),
      ("content", ["content", "noi dung nhiem vu", "noi dung"]),
      ("lead", ["lead", "co quan chu tri", "chu tri"]),
      ("coordinating", ["coordinating", "co quan phoi hop", "phoi hop"]),
      ("owner", ["owner", "nguoi phu trach", "can bo dau moi", "dau moi", "phu trach"]),
      ("tracker", ["tracker", "nguoi theo doi", "chuyen vien theo doi"]),
      ("deadline", ["deadline", "thoi han", "thoi han nguyen van chuan hoa", "han"]),
      ("product", ["product", "san pham"]),
      ("priority", ["priority", "trong tam"]),
      ("tags", ["tags", "the"]),
      ("status", ["status", "tinh trang", "trang thai"]),
      ("completedOn", ["completedon", "completed on", "ngay hoan thanh"]),
      ("result", ["result", "ket qua", "tinh hinh thuc hien / ket qua", "tinh hinh thuc hien"]),
    ]
    for (field, words) in table { for w in words { m[w] = field } }
    m["thoi han (nguyen van → chuan hoa)"] = "deadline"
    return m
  }()
}

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
