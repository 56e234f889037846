import FollowUpCore

/// Words the interface shows, in both languages.
public enum Labels {
  /// A view's tab title.
  public static func view(_ v: ViewKind, _ l: Lang) -> String {
    switch v {
    case .tasks: return l.pick(vi: "Nhiệm vụ", en: "Tasks")
    case .meetings: return l.pick(vi: "Cuộc họp", en: "Meetings")
    case .agencies: return l.pick(vi: "Cơ quan", en: "Agencies")
    }
  }

  /// A sort order's name.
  public static func sort(_ o: TaskOrder, _ l: Lang) -> String {
    switch o {
    case .deadline: return l.pick(vi: "hạn", en: "deadline")
    case .agency: return l.pick(vi: "cơ quan", en: "agency")
    case .status: return l.pick(vi: "mức khẩn", en: "urgency")
    case .id: return l.pick(vi: "số", en: "number")
    }
  }

  /// A report row order's name.
  public static func order(_ o: WorkloadOrder, _ l: Lang) -> String {
    switch o {
    case .protocolOrder: return l.pick(vi: "thứ tự nghi thức", en: "protocol order")
    case .name: return l.pick(vi: "tên", en: "name")
    case .overdue: return l.pick(vi: "quá hạn nhiều nhất", en: "most overdue")
    }
  }

  /// The legend of the two-character marks.
  public static func marks(_ l: Lang) -> [(String, String)] {
    [
      ("! ", l.pick(vi: "quá hạn", en: "overdue")),
      ("~ ", l.pick(vi: "sắp đến hạn", en: "due soon")),
      ("· ", l.pick(vi: "trong hạn", en: "in time")),
      ("- ", l.pick(vi: "không thời hạn", en: "no deadline")),
      ("= ", l.pick(vi: "thường xuyên", en: "routine")),
      ("✓ ", l.pick(vi: "hoàn thành đúng hạn", en: "done on time")),
      ("✓!", l.pick(vi: "hoàn thành quá hạn", en: "done late")),
      ("x ", l.pick(vi: "dừng thực hiện", en: "withdrawn")),
      ("*", l.pick(vi: "(sau hạn) hạn đã được gia hạn", en: "(after a deadline) extended")),
    ]
  }
}
