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

  /// The English columns that hold a day (dd/mm/yyyy in CSV, a date cell in a workbook).
  public static let englishDayColumns: Set<String> = ["deadlineDate", "completedOn", "effectiveDeadline"]

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
    try read(TaskGrid(csv: rows), catalog: catalog, referenceYear: referenceYear).tasks
  }

  /// Reads tasks from a grid of cells (a CSV file or a worksheet): the header row is found
  /// among the first rows, empty rows are skipped, and every row is checked before any task
  /// is kept; the first problem names its cell the way the grid's source does.
  public static func read(_ grid: TaskGrid, catalog: Catalog, referenceYear: Int?) throws
    -> TaskGridImport
  {
    let rows = grid.rows
    guard rows.contains(where: { !TaskGrid.isBlank($0) }) else {
      throw UserError(
        .csvEmpty, vi: "\(grid.name.vi) không có dữ liệu", en: "\(grid.name.en) is empty")
    }
    guard let header = findHeader(rows) else {
      throw UserError(
        .csvHeader,
        vi: "\(grid.name.vi) không có dòng tiêu đề với cột nội dung (content / Nội dung nhiệm vụ) và cơ quan chủ trì (lead / Cơ quan chủ trì) trong \(headerSearchRows) dòng đầu",
        en: "\(grid.name.en) has no header row with a content column (content / Nội dung nhiệm vụ) and a lead agency column (lead / Cơ quan chủ trì) in its first \(headerSearchRows) rows")
    }
    let columns = header.columns
    let width = rows[header.last].count
    var tasks: [FollowUpTask] = []
    var taskRows: [Int] = []
    var r = header.last + 1
    if r < rows.count, isNumberingRow(rows[r]) { r += 1 }
    while r < rows.count {
      defer { r += 1 }
      let row = rows[r]
      if TaskGrid.isBlank(row) { continue }
      let at = grid.place(r, nil, "")
      if grid.strictWidth && row.count != width {
        throw UserError(
          .csvColumns,
          vi: "\(at.vi) có \(row.count) cột, tiêu đề có \(width); kiểm tra dấu phân cách và ngoặc kép",
          en: "\(at.en) has \(row.count) columns but the header has \(width); check delimiters and quotes")
      }
      func fail(_ f: String, vi: String, en: String) -> UserError {
        let where_ = grid.place(r, columns[f] ?? 0, f)
        return UserError(.csvField, vi: "\(where_.vi): \(vi)", en: "\(where_.en): \(en)")
      }
      func cell(_ f: String) throws -> String {
        guard let i = columns[f] else { return "" }
        if let e = grid.unreadable[TaskGrid.Cell(row: r, column: i)] {
          throw fail(f, vi: e.vi, en: e.en)
        }
        return i < row.count ? row[i] : ""
      }
      func text(_ f: String, multiline: Bool = false) throws -> String {
        let v = try cell(f)
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
      let id = Int(try cell("id").trimmingCharacters(in: .whitespaces)) ?? 0
      let tags = try text("tags").split(whereSeparator: { $0 == ";" || $0 == "," })
        .map { VietText.clean(String($0)) }.filter { !$0.isEmpty }
      let priorityKey = VietText.fold(try cell("priority"))
      tasks.append(
        FollowUpTask(
          id: id, ref: try text("ref").nilIfEmpty, meeting: meeting, item: try text("item"),
          content: content, lead: lead, coordinating: coordinating, owner: try person("owner"),
          tracker: try person("tracker"), deadline: deadline, product: try text("product"),
          priority: ["yes", "true", "1", "co", "x"].contains(priorityKey), tags: tags,
          status: status, completedOn: completedOn, result: try text("result", multiline: true)))
      taskRows.append(r)
    }
    return TaskGridImport(tasks: tasks, rows: taskRows)
  }

  /// How many rows from the top may hold title lines before the header.
  public static let headerSearchRows = 30

  /// The field a header label means: its folded text, or the text before a parenthesis.
  static func field(of label: String) -> String? {
    let key = VietText.fold(label)
    if key.isEmpty { return nil }
    return aliases[key] ?? aliases[VietText.fold(String(label.prefix { $0 != "(" }))]
  }

  /// Maps fields to columns; the first column naming a field wins.
  static func columns(_ labels: [String]) -> [String: Int] {
    var columns: [String: Int] = [:]
    for (i, h) in labels.enumerated() {
      if let f = field(of: h), columns[f] == nil { columns[f] = i }
    }
    return columns
  }

  /// The header's columns and its last row: one row, or two when the upper one groups
  /// columns under a merged label ("Cơ quan" over "Chủ trì" | "Phối hợp").
  static func findHeader(_ rows: [[String]]) -> (columns: [String: Int], last: Int)? {
    func complete(_ c: [String: Int]) -> Bool { c["content"] != nil && c["lead"] != nil }
    for r in 0..<min(rows.count, headerSearchRows) where !TaskGrid.isBlank(rows[r]) {
      let one = columns(rows[r])
      let below = r + 1 < rows.count ? rows[r + 1] : []
      let two = twoRowLabels(rows[r], below)
      let twoColumns = columns(two.labels)
      if complete(one) {
        // A second row only counts when it adds fields under cells the top row leaves
        // empty or unnamed, so a first data row is never taken for a header.
        let gained = twoColumns.filter { one[$0.key] == nil }
        let underGroups = gained.allSatisfy { two.grouped.contains($0.value) }
        if !gained.isEmpty && underGroups && twoColumns.count > one.count {
          return (twoColumns, r + 1)
        }
        return (one, r)
      }
      if complete(twoColumns) { return (twoColumns, r + 1) }
    }
    return nil
  }

  /// Labels of a two-row header: each lower cell read under the group label above it (the
  /// nearest non-empty upper cell to its left, as a merged cell shows), tried as
  /// "group child", then "child", then the upper cell alone. `grouped` lists the columns
  /// whose upper cell is empty or names no field.
  static func twoRowLabels(_ top: [String], _ bottom: [String]) -> (labels: [String], grouped: Set<Int>) {
    var labels: [String] = []
    var grouped: Set<Int> = []
    var group = ""
    for c in 0..<max(top.count, bottom.count) {
      let upper = c < top.count ? VietText.clean(top[c]) : ""
      let lower = c < bottom.count ? VietText.clean(bottom[c]) : ""
      if !upper.isEmpty { group = upper }
      if upper.isEmpty || field(of: upper) == nil { grouped.insert(c) }
      let parent = upper.isEmpty ? group : upper
      var label = upper
      for candidate in [parent.isEmpty || lower.isEmpty ? "" : parent + " " + lower, lower, upper]
      where !candidate.isEmpty && field(of: candidate) != nil {
        label = candidate
        break
      }
      labels.append(label)
    }
    return (labels, grouped)
  }

  /// A row of column numbers under a printed header: "(1)", "(2)", … or 1, 2, ….
  static func isNumberingRow(_ row: [String]) -> Bool {
    var last = 0
    var count = 0
    for cell in row {
      var t = VietText.clean(cell)
      if t.isEmpty { continue }
      if t.hasPrefix("(") && t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
      guard let n = Int(t), n > last else { return false }
      last = n
      count += 1
    }
    return count >= 3
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

/// A grid of cell texts to read tasks from — a CSV file or one worksheet — and how its cells
/// are named in error sentences.
public struct TaskGrid: Sendable {
  /// A cell by 0-based row and column.
  public struct Cell: Hashable, Sendable {
    /// 0-based row.
    public var row: Int
    /// 0-based column.
    public var column: Int
    /// Creates a cell position.
    public init(row: Int, column: Int) {
      self.row = row
      self.column = column
    }
  }

  /// The rows, top to bottom; a row may be shorter than the header (trailing cells empty).
  public var rows: [[String]]
  /// What the grid is, for whole-grid sentences: "The CSV file", "Sheet 'Danh sách'".
  public var name: (vi: String, en: String)
  /// Names a cell (or a row when `column` is nil) for a sentence: "CSV line 7, column 4
  /// (deadline)", "Danh sách!D7".
  public var place: @Sendable (_ row: Int, _ column: Int?, _ field: String) -> (vi: String, en: String)
  /// Whether every data row must have the header's width (CSV: a wrong count means a
  /// broken delimiter or quote).
  public var strictWidth: Bool
  /// Cells whose value cannot be read (a formula never calculated): an error only when a
  /// task needs the cell.
  public var unreadable: [Cell: UserError]

  /// Creates a grid.
  public init(
    rows: [[String]], name: (vi: String, en: String),
    place: @escaping @Sendable (_ row: Int, _ column: Int?, _ field: String) -> (vi: String, en: String),
    strictWidth: Bool, unreadable: [Cell: UserError] = [:]
  ) {
    self.rows = rows
    self.name = name
    self.place = place
    self.strictWidth = strictWidth
    self.unreadable = unreadable
  }

  /// Rows parsed from a CSV file: row `r` is line `r + 1`.
  public init(csv rows: [[String]]) {
    self.init(
      rows: rows, name: (vi: "Tệp CSV", en: "The CSV file"),
      place: { r, c, f in
        guard let c else { return (vi: "CSV dòng \(r + 1)", en: "CSV line \(r + 1)") }
        return (vi: "CSV dòng \(r + 1), cột \(c + 1) (\(f))", en: "CSV line \(r + 1), column \(c + 1) (\(f))")
      }, strictWidth: true)
  }

  /// Whether every cell of a row is blank.
  public static func isBlank(_ row: [String]) -> Bool {
    row.allSatisfy { $0.allSatisfy { $0.isWhitespace } }
  }
}

/// Tasks read from a grid and the grid row each came from.
public struct TaskGridImport: Sendable {
  /// The tasks, in row order.
  public var tasks: [FollowUpTask]
  /// `rows[i]` is the 0-based grid row of `tasks[i]`.
  public var rows: [Int]
}

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
