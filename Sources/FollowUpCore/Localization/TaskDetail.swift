import Foundation

/// Everything about one task as lines of text: used by `followup show` and the interface's
/// detail screen, so both say the same thing.
public enum TaskDetail {
  /// One line of a task's change history, independent of storage.
  public struct HistoryLine: Hashable, Sendable {
    /// When (ISO 8601, UTC).
    public var at: String
    /// Who.
    public var by: String
    /// The action kind.
    public var kind: String
    /// The field changed.
    public var field: String
    /// Its old value.
    public var old: String
    /// Its new value.
    public var new: String
    /// Whether the action was undone since.
    public var undone: Bool

    /// Creates a history line.
    public init(at: String, by: String, kind: String, field: String, old: String, new: String, undone: Bool) {
      self.at = at
      self.by = by
      self.kind = kind
      self.field = field
      self.old = old
      self.new = new
      self.undone = undone
    }
  }

  /// A timestamp shown in Vietnam time as `dd/MM/yyyy HH:mm`.
  public static func localTime(_ iso: String) -> String {
    guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
    let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
    let secs = Int(date.timeIntervalSince1970) + zone.secondsFromGMT(for: date)
    let day = Day(ordinal: secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400)
    let inDay = ((secs % 86_400) + 86_400) % 86_400
    let h = inDay / 3600, m = (inDay % 3600) / 60
    return day.formatted + " " + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
  }

  /// The sections of a task's detail, each line a label and value or a sub-item.
  public static func lines(
    _ t: FollowUpTask, catalog: Catalog, asOf: Day, rules: TimelinessRules, lang l: Lang,
    history: [HistoryLine] = []
  ) -> [String] {
    var out: [String] = []
    let tl = rules.evaluate(t, asOf: asOf)
    // Events dated after the as-of day are not shown: the page says what was known then.
    let v = t.viewed(asOf: asOf)
    func field(_ vi: String, _ en: String, _ value: String) {
      if !value.isEmpty { out.append(l.pick(vi: vi, en: en) + ": " + value) }
    }
    out.append(l.pick(vi: "Nhiệm vụ", en: "Task") + " #\(t.id)" + (t.ref.map { " (\($0))" } ?? ""))
    out.append(t.content)
    out.append("")
    let recorded: String = {
      // A completion recorded after the as-of day does not count yet: say so plainly.
      if t.status == .done, let c = t.completedOn, c > asOf {
        return l.pick(vi: "Hoàn thành ngày \(c.formatted), sau ngày tính", en: "Completed on \(c.formatted), after the as-of day")
      }
      return Words.status(t.status == .done ? t.status : v.status, l)
    }()
    // A withdrawn task's timeliness is the same word again: say it once.
    var judged = v.status == .withdrawn ? "" : " — " + Words.timeliness(tl, l)
    if case .doneOnTime = tl, t.isOnTimeOnlyAfterExtension(asOf: asOf) { judged += l.pick(vi: " (sau gia hạn)", en: " (after extension)") }
    field("Tình trạng", "Status", recorded + judged
      + l.pick(vi: " (tính đến \(asOf.formatted))", en: " (as of \(asOf.formatted))"))
    if let m = t.meeting {
      let meeting = catalog.meetings[m]
      field("Cuộc họp", "Meeting", m + (meeting.map { " · " + $0.date.formatted + " · " + $0.title } ?? ""))
      if let notice = meeting?.notice, !notice.isEmpty { field("Thông báo kết luận", "Conclusion notice", notice) }
    }
    field("Mục", "Item", t.item)
    field("Chủ trì", "Lead", agency(v.lead, catalog))
    for r in v.reassignments {
      field(
        "Chuyển giao", "Reassigned",
        agency(r.from, catalog) + " → " + agency(r.to, catalog) + l.pick(vi: " từ ngày ", en: " from ") + r.on.formatted
          + (r.document.isEmpty ? "" : " · " + r.document))
    }
    if let w = v.withdrawal {
      var s = w.on.map { l.pick(vi: "từ ngày ", en: "from ") + $0.formatted } ?? ""
      if let m = w.mergedInto { s = l.pick(vi: "gộp vào #\(m) ", en: "merged into #\(m) ") + s }
      if !w.document.isEmpty { s += " · " + w.document }
      if !w.reason.isEmpty { s += " · " + w.reason }
      field("Dừng thực hiện", "Withdrawn", s.trimmingCharacters(in: .whitespaces))
    }
    if let r = v.reportedOn {
      field("Báo cáo hoàn thành", "Reported done", r.formatted + (v.status == .reported ? l.pick(vi: " · chờ đánh giá", en: " · awaiting acceptance") : ""))
    }
    field("Phối hợp", "Coordinating", t.coordinating.map { agency($0, catalog) }.joined(separator: "; "))
    field("Phụ trách", "Owner", person(t.owner, catalog))
    field("Theo dõi", "Tracker", person(t.tracker, catalog))
    var deadline = t.deadline.kind == .none ? l.pick(vi: "không có", en: "none") : t.deadline.text
    // A period counted from the document (`trong 15 ngày làm việc`) shows the day it ends.
    if let d = t.deadline.date,
      t.deadline.kind != .date || (try? DateParser.parseDay(t.deadline.text, referenceYear: d.year))?.day != d
    {
      deadline += " (→ \(d.formatted))"
    }
    field("Thời hạn", "Deadline", deadline)
    let eff = t.effectiveDeadline(asOf: asOf)
    if eff != t.deadline {
      field("Hạn sau gia hạn", "Deadline after extension", eff.display)
    }
    field("Sản phẩm", "Product", t.product)
    if t.priority { field("Trọng tâm", "Key task", l.pick(vi: "có", en: "yes")) }
    field("Thẻ", "Tags", t.tags.map { "#" + $0 }.joined(separator: " "))
    field("Ngày hoàn thành", "Completed", v.completedOn?.formatted ?? "")
    field("Kết quả", "Result", t.result)
    if !v.extensions.isEmpty {
      out.append("")
      out.append(l.pick(vi: "Gia hạn", en: "Extensions") + ":")
      for e in v.extensions {
        var s = "  " + (e.requestedOn.map { $0.formatted + " " } ?? "")
        s += (e.from.map { $0.display + " → " } ?? "→ ") + e.to.display
        s += " · " + Words.decision(e.decision, l) + (e.granted.map { " → " + $0.display } ?? "")
          + (e.decidedOn.map { " " + $0.formatted } ?? "")
        if e.isLateRequest { s += l.pick(vi: " · đề nghị khi đã quá hạn", en: " · requested after the deadline had passed") }
        if !e.document.isEmpty { s += " · " + e.document }
        if !e.reason.isEmpty { s += " · " + e.reason }
        out.append(s)
      }
    }
    if !v.reminders.isEmpty {
      out.append("")
      out.append(l.pick(vi: "Đôn đốc", en: "Reminders") + ":")
      for r in v.reminders {
        var s = "  " + r.on.formatted + " · " + Words.channel(r.channel, l)
        if !r.document.isEmpty { s += " · " + r.document }
        if !r.note.isEmpty { s += " · " + r.note }
        out.append(s)
      }
    }
    if !v.notes.isEmpty {
      out.append("")
      out.append(l.pick(vi: "Tiến độ", en: "Progress") + ":")
      for n in v.notes {
        let by = n.by.isEmpty ? "" : " (" + (catalog.people[n.by]?.fullName ?? n.by) + ")"
        out.append("  " + n.on.formatted + by + ": " + n.text)
      }
    }
    if !history.isEmpty {
      out.append("")
      out.append(l.pick(vi: "Lịch sử thay đổi", en: "History") + ":")
      for h in history {
        let undone = h.undone ? l.pick(vi: " (đã hoàn tác)", en: " (undone)") : ""
        out.append("  \(localTime(h.at)) \(h.by) \(historyKind(h.kind, l))\(undone) · " + change(h.field, h.old, h.new, l))
      }
    }
    return out
  }

  /// One changed field as history shows it, in the reader's words: `thời hạn: Quý I/2024 →
  /// tháng 6/2024`; an item added to or removed from a list (an extension, a note) is
  /// `gia hạn + …` / `tiến độ − …`, since an extension's own text holds an arrow.
  public static func change(_ field: String, _ old: String, _ new: String, _ l: Lang = .en) -> String {
    let name = historyField(field, l)
    let (o, n) = (historyValue(field, old, l), historyValue(field, new, l))
    if ["extension", "note", "reassignment", "reminder"].contains(field) {
      if o.isEmpty { return "\(name) + \(n)" }
      if n.isEmpty { return "\(name) − \(o)" }
    }
    return "\(name): \(o.isEmpty ? "—" : o) → \(n.isEmpty ? "—" : n)"
  }

  /// A stored history value in the reader's words (statuses, decisions, yes/no).
  static func historyValue(_ field: String, _ v: String, _ l: Lang) -> String {
    switch field {
    case "status": return WorkflowStatus(rawValue: v).map { Words.status($0, l) } ?? v
    case "priority": return v == "yes" ? l.pick(vi: "có", en: "yes") : v == "no" ? l.pick(vi: "không", en: "no") : v
    case "extension":
      // Older files stored an extension without where it started, as "→ new deadline".
      var out = v.hasPrefix("→ ") ? String(v.dropFirst(2)) : v
      for d in ExtensionDecision.allCases {
        out = out.replacingOccurrences(of: "(" + d.rawValue, with: "(" + Words.decision(d, l))
      }
      return out
    default: return v
    }
  }

  /// A field's name in history lines.
  public static func historyField(_ f: String, _ l: Lang) -> String {
    let words: [String: (String, String)] = [
      "content": ("nội dung", "content"), "lead": ("chủ trì", "lead"), "coordinating": ("phối hợp", "coordinating"),
      "owner": ("phụ trách", "owner"), "tracker": ("theo dõi", "tracker"), "deadline": ("thời hạn", "deadline"),
      "product": ("sản phẩm", "product"), "priority": ("trọng tâm", "key task"), "tags": ("thẻ", "tags"),
      "status": ("trạng thái", "status"), "completedOn": ("ngày hoàn thành", "completed"), "result": ("kết quả", "result"),
      "meeting": ("cuộc họp", "meeting"), "item": ("mục", "item"), "ref": ("mã", "ref"), "assignedOn": ("ngày giao", "assigned"),
      "extension": ("gia hạn", "extension"), "note": ("tiến độ", "progress note"), "task": ("nhiệm vụ", "task"),
      "import": ("nhập dữ liệu", "import"), "reassignment": ("chuyển giao", "reassignment"),
      "withdrawal": ("dừng thực hiện", "withdrawal"), "reminder": ("đôn đốc", "reminder"),
      "reportedOn": ("ngày báo cáo hoàn thành", "reported on"),
    ]
    return words[f].map { l.pick(vi: $0.0, en: $0.1) } ?? f
  }

  /// An action's kind in history lines.
  public static func historyKind(_ k: String, _ l: Lang) -> String {
    let words: [String: (String, String)] = [
      "add": ("thêm", "add"), "edit": ("sửa", "edit"), "done": ("hoàn thành", "done"), "reopen": ("mở lại", "reopen"),
      "note": ("ghi tiến độ", "note"), "extend": ("gia hạn", "extend"), "reassign": ("giao lại", "reassign"),
      "withdraw": ("dừng thực hiện", "withdraw"), "delete": ("xoá", "delete"), "import": ("nhập", "import"),
      "undo": ("hoàn tác", "undo"), "redo": ("làm lại", "redo"), "merge": ("gộp vào", "merge"),
      "remind": ("đôn đốc", "remind"), "report": ("báo cáo hoàn thành", "reported done"),
      "accept": ("công nhận hoàn thành", "accept"), "return": ("trả lại", "return"),
    ]
    return words[k].map { l.pick(vi: $0.0, en: $0.1) } ?? k
  }

  static func agency(_ code: String, _ c: Catalog) -> String {
    guard let a = c.agencies[code] else { return code }
    return a.name + " (\(a.code))"
  }

  static func person(_ ref: String?, _ c: Catalog) -> String {
    guard let ref else { return "" }
    guard let p = c.people[ref] else { return ref }
    var s = p.displayName
    if !p.position.isEmpty { s += ", " + p.position }
    if let a = p.agency { s += " — " + c.agencyLabel(a) }
    return s
  }
}
