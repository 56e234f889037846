import Foundation

/// Checks a task before it is stored: required fields, references, status consistency.
public enum TaskValidation {
  /// Throws the first problem as a sentence naming the field.
  public static func validate(_ t: FollowUpTask, catalog: Catalog) throws {
    let label = t.id > 0 ? "#\(t.id)" : (t.ref ?? "")
    func fail(_ field: String, vi: String, en: String) -> UserError {
      UserError(.taskInvalid, vi: "Nhiệm vụ \(label), \(field): \(vi)", en: "Task \(label), \(field): \(en)")
    }
    if !t.content.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
      throw fail("nội dung", vi: "không được để trống", en: "the content is empty")
    }
    for (field, value) in [("content", t.content), ("product", t.product), ("result", t.result)] {
      if let c = VietText.controlCharacter(in: value) {
        throw fail(
          field, vi: "chứa ký tự điều khiển U+\(String(c.value, radix: 16, uppercase: true))",
          en: "contains the control character U+\(String(c.value, radix: 16, uppercase: true))")
      }
    }
    guard catalog.agencies[t.lead] != nil else {
      throw fail("cơ quan chủ trì", vi: "không có cơ quan mã '\(t.lead)'", en: "there is no agency '\(t.lead)'")
    }
    for c in t.coordinating where catalog.agencies[c] == nil {
      throw fail("cơ quan phối hợp", vi: "không có cơ quan mã '\(c)'", en: "there is no agency '\(c)'")
    }
    for (field, ref) in [("owner", t.owner), ("tracker", t.tracker)] {
      if let ref, catalog.people[ref] == nil {
        throw fail(field, vi: "không có cán bộ mã '\(ref)'", en: "there is no person '\(ref)'")
      }
    }
    if let m = t.meeting, catalog.meetings[m] == nil {
      throw fail("meeting", vi: "không có cuộc họp mã '\(m)'", en: "there is no meeting '\(m)'")
    }
    if t.status == .done && t.completedOn == nil {
      throw fail("completedOn", vi: "cần ngày hoàn thành", en: "a done task needs a completion date")
    }
    if t.status != .done && t.completedOn != nil {
      throw fail("completedOn", vi: "chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành",
        en: "only a done task has a completion date")
    }
  }

  /// Checks an extension about to be added to `task` (as it is before the change): only an
  /// open task with a dated deadline can be extended, and only to a later day.
  public static func validateNewExtension(_ e: DeadlineExtension, on task: FollowUpTask) throws {
    func fail(vi: String, en: String) -> UserError { UserError(.taskExtension, vi: vi, en: en) }
    switch task.status {
    case .done:
      throw fail(
        vi: "Nhiệm vụ #\(task.id) đã hoàn thành; mở lại trước khi gia hạn",
        en: "Task #\(task.id) is already done; reopen it before extending its deadline")
    case .withdrawn:
      throw fail(
        vi: "Nhiệm vụ #\(task.id) đã dừng thực hiện; mở lại trước khi gia hạn",
        en: "Task #\(task.id) is withdrawn; reopen it before extending its deadline")
    default: break
    }
    let current = e.from ?? task.deadline
    guard let from = current.date else {
      throw fail(
        vi: "Nhiệm vụ #\(task.id) chưa có hạn cụ thể để gia hạn; hãy đặt thời hạn cho nhiệm vụ trước",
        en: "Task #\(task.id) has no dated deadline to extend; give it a deadline first")
    }
    guard let to = e.to.date else {
      throw fail(
        vi: "Hạn mới cần là một ngày (ví dụ 31/12/2023 hoặc Quý I/2024)",
        en: "The new deadline needs a date (e.g. 31/12/2023 or Quý I/2024)")
    }
    guard to > from else {
      throw fail(
        vi: "Hạn mới \(e.to.display) không sau hạn hiện hành \(current.display) (\(from.formatted)); gia hạn là lùi hạn về sau",
        en: "The new deadline \(e.to.display) is not later than the current one, \(current.display) (\(from.formatted)); an extension moves the deadline later")
    }
    if e.decision == .partial, let g = e.granted?.date, g <= from {
      throw fail(
        vi: "Hạn được chấp thuận \(g.formatted) không sau hạn hiện hành \(from.formatted)",
        en: "The granted deadline \(g.formatted) is not later than the current one, \(from.formatted)")
    }
    if let asked = e.requestedOn, let decided = e.decidedOn, decided < asked {
      throw fail(
        vi: "Ngày quyết định \(decided.formatted) trước ngày đề nghị \(asked.formatted)",
        en: "The decision day \(decided.formatted) is before the request day \(asked.formatted)")
    }
  }

  /// The fields that differ between two versions of a task, as (field, old, new) in the
  /// words the history shows.
  public static func differences(_ a: FollowUpTask?, _ b: FollowUpTask?) -> [(String, String, String)] {
    var out: [(String, String, String)] = []
    func cmp(_ field: String, _ x: String, _ y: String) { if x != y { out.append((field, x, y)) } }
    let e = FollowUpTask(content: "", lead: "")
    let x = a ?? e, y = b ?? e
    if a == nil || b == nil {
      cmp("task", a == nil ? "" : "#\(x.id) " + x.content, b == nil ? "" : "#\(y.id) " + y.content)
      return out
    }
    cmp("content", x.content, y.content)
    cmp("lead", x.lead, y.lead)
    cmp("coordinating", x.coordinating.joined(separator: ", "), y.coordinating.joined(separator: ", "))
    cmp("owner", x.owner ?? "", y.owner ?? "")
    cmp("tracker", x.tracker ?? "", y.tracker ?? "")
    cmp("deadline", describe(x.deadline), describe(y.deadline))
    cmp("product", x.product, y.product)
    cmp("priority", x.priority ? "yes" : "no", y.priority ? "yes" : "no")
    cmp("tags", x.tags.joined(separator: ", "), y.tags.joined(separator: ", "))
    cmp("status", x.status.rawValue, y.status.rawValue)
    cmp("completedOn", x.completedOn?.formatted ?? "", y.completedOn?.formatted ?? "")
    cmp("result", x.result, y.result)
    cmp("meeting", x.meeting ?? "", y.meeting ?? "")
    cmp("item", x.item, y.item)
    cmp("ref", x.ref ?? "", y.ref ?? "")
    cmp("assignedOn", x.assignedOn?.formatted ?? "", y.assignedOn?.formatted ?? "")
    let common = min(x.extensions.count, y.extensions.count)
    for i in 0..<common where x.extensions[i] != y.extensions[i] {
      cmp("extension", describe(x.extensions[i]), describe(y.extensions[i]))
    }
    for ext in x.extensions.dropFirst(common) { cmp("extension", describe(ext), "") }
    for ext in y.extensions.dropFirst(common) { cmp("extension", "", describe(ext)) }
    let nCommon = min(x.notes.count, y.notes.count)
    for i in 0..<nCommon where x.notes[i] != y.notes[i] {
      cmp("note", describe(x.notes[i]), describe(y.notes[i]))
    }
    for n in x.notes.dropFirst(nCommon) { cmp("note", describe(n), "") }
    for n in y.notes.dropFirst(nCommon) { cmp("note", "", describe(n)) }
    // The dated events, listed the same way: what was added or taken away.
    func list<T>(_ field: String, _ a: [T], _ b: [T], _ show: (T) -> String) where T: Equatable {
      let common = zip(a, b).prefix { $0 == $1 }.count
      for e in a.dropFirst(common) { cmp(field, show(e), "") }
      for e in b.dropFirst(common) { cmp(field, "", show(e)) }
    }
    list("reassignment", x.reassignments, y.reassignments) { "\($0.from) → \($0.to) \($0.on.formatted) \($0.document)".trimmingCharacters(in: .whitespaces) }
    list("reminder", x.reminders, y.reminders) { "\($0.on.formatted) \($0.channel.rawValue) \($0.document) \($0.note)".trimmingCharacters(in: .whitespaces) }
    func withdrawal(_ w: Withdrawal?) -> String {
      guard let w else { return "" }
      return [w.on?.formatted ?? "", w.mergedInto.map { "→ #\($0)" } ?? "", w.document, w.reason].filter { !$0.isEmpty }.joined(separator: " ")
    }
    cmp("withdrawal", withdrawal(x.withdrawal), withdrawal(y.withdrawal))
    cmp("reportedOn", x.reportedOn?.formatted ?? "", y.reportedOn?.formatted ?? "")
    return out
  }

  static func describe(_ d: Deadline) -> String {
    switch d.kind {
    case .none: return ""
    case .date: return d.date?.formatted ?? d.text
    default: return d.text
    }
  }

  static func describe(_ e: DeadlineExtension) -> String {
    let from = e.from.map(describe) ?? ""
    var s = (from.isEmpty ? "" : from + " ") + "→ " + describe(e.to) + " (" + e.decision.rawValue
    if let g = e.granted { s += " → " + describe(g) }
    if let d = e.decidedOn { s += " " + d.formatted }
    s += ")"
    if !e.reason.isEmpty { s += " " + e.reason }
    return s
  }

  static func describe(_ n: ProgressNote) -> String { n.on.formatted + " " + n.text }
}
