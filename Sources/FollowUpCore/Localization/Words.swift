/// The words FollowUp shows for domain values, in both languages.
public enum Words {
  /// A workflow status.
  public static func status(_ s: WorkflowStatus, _ l: Lang) -> String {
    switch s {
    case .notStarted: return l.pick(vi: "Chưa triển khai", en: "Not started")
    case .inProgress: return l.pick(vi: "Đang thực hiện", en: "In progress")
    case .reported: return l.pick(vi: "Đã báo cáo", en: "Reported")
    case .done: return l.pick(vi: "Đã hoàn thành", en: "Done")
    case .withdrawn: return l.pick(vi: "Dừng thực hiện", en: "Withdrawn")
    }
  }

  /// A timeliness, with its days where it has them.
  public static func timeliness(_ t: Timeliness, _ l: Lang) -> String {
    switch t {
    case .doneOnTime(let d):
      return l.pick(vi: "HT đúng hạn", en: "Done on time") + (d > 0 ? l.pick(vi: " (sớm \(d) ngày)", en: " (\(d) days early)") : "")
    case .doneLate(let d): return l.pick(vi: "HT quá hạn \(d) ngày", en: "Done \(d) days late")
    case .doneNoDeadline: return l.pick(vi: "HT không thời hạn", en: "Done, no deadline")
    case .openInTime(let d, let soon):
      let base = soon ? l.pick(vi: "Sắp đến hạn", en: "Due soon") : l.pick(vi: "Trong hạn", en: "In time")
      return base + l.pick(vi: " (còn \(d) ngày)", en: " (\(d) days left)")
    case .overdue(let d): return l.pick(vi: "Quá hạn \(d) ngày", en: "Overdue \(d) days")
    case .openNoDeadline: return l.pick(vi: "Không thời hạn", en: "No deadline")
    case .routine: return l.pick(vi: "Thường xuyên", en: "Routine")
    case .excluded: return l.pick(vi: "Dừng thực hiện", en: "Withdrawn")
    }
  }

  /// The two-column mark that tells timeliness without colour: `!` always means late.
  public static func mark(_ t: Timeliness) -> String {
    switch t {
    case .doneOnTime: return "✓ "
    case .doneLate: return "✓!"
    case .doneNoDeadline: return "✓ "
    case .openInTime(_, let soon): return soon ? "~ " : "· "
    case .overdue: return "! "
    case .openNoDeadline: return "- "
    case .routine: return "= "
    case .excluded: return "x "
    }
  }

  /// A reminder channel.
  public static func channel(_ c: ReminderChannel, _ l: Lang) -> String {
    switch c {
    case .letter: return l.pick(vi: "công văn", en: "letter")
    case .phone: return l.pick(vi: "điện thoại", en: "phone")
    case .meeting: return l.pick(vi: "tại cuộc họp", en: "at a meeting")
    case .system: return l.pick(vi: "qua hệ thống", en: "in the system")
    }
  }

  /// An extension decision.
  public static func decision(_ d: ExtensionDecision, _ l: Lang) -> String {
    switch d {
    case .pending: return l.pick(vi: "chờ xử lý", en: "pending")
    case .approved: return l.pick(vi: "chấp thuận", en: "approved")
    case .partial: return l.pick(vi: "chấp thuận một phần", en: "partly approved")
    case .rejected: return l.pick(vi: "từ chối", en: "rejected")
    }
  }

  /// The footnote of formulas under every report.
  public static func formulaFootnote(_ f: RateFormula, _ l: Lang) -> [String] {
    var lines = [
      l.pick(vi: "(3) = (4)+(5)+(6)+(7)+(8)+(9)+(10); (12) Đến hạn = (4)+(5)+(8).",
        en: "(3) = (4)+(5)+(6)+(7)+(8)+(9)+(10); (12) Due = (4)+(5)+(8).")
    ]
    switch f {
    case .due:
      lines.append(l.pick(
        vi: "(13) Tỷ lệ HT = ((4)+(5)) / (12); (14) Tỷ lệ đúng hạn = (4) / (12); ghi \"–\" khi (12) = 0.",
        en: "(13) Completion rate = ((4)+(5)) / (12); (14) On-time rate = (4) / (12); \"–\" when (12) = 0."))
    case .total:
      lines.append(l.pick(
        vi: "(13) Tỷ lệ HT = ((4)+(5)+(6)) / ((3) − (10)); (14) Tỷ lệ đúng hạn = (4) / ((3) − (6) − (9) − (10)); nhiệm vụ thường xuyên ngoài mẫu số, nhiệm vụ không thời hạn chỉ ngoài mẫu số (14); ghi \"–\" khi mẫu số = 0.",
        en: "(13) Completion rate = ((4)+(5)+(6)) / ((3) − (10)); (14) On-time rate = (4) / ((3) − (6) − (9) − (10)); routine tasks are outside both denominators, tasks without a deadline outside (14)'s; \"–\" when a denominator is 0."))
    }
    lines.append(l.pick(
      vi: "(11) Được gia hạn: nhiệm vụ có gia hạn được chấp thuận đến ngày tính số liệu.",
      en: "(11) Extended: tasks with an extension approved by the cut-off day."))
    return lines
  }

  /// The label of a report row: the agency's name (its short name when the full one is
  /// longer than `fullNameLimit`), with the agencies rolled into it.
  public static func rowLabel(_ row: WorkloadRow, _ catalog: Catalog, _ l: Lang, fullNameLimit: Int = 32) -> String {
    let a = catalog.agencies[row.agency]
    let full = a?.name ?? row.agency
    var name = full.count <= fullNameLimit ? full : (a?.shortName ?? row.agency)
    if !row.members.isEmpty {
      let parts = row.members.map { catalog.agencies[$0]?.shortName ?? $0 }.joined(separator: ", ")
      name += l.pick(vi: " (gồm \(parts))", en: " (incl. \(parts))")
    }
    return name
  }
}

/// Counted nouns: "1 task", "2 tasks"; Vietnamese does not inflect.
public func counted(_ n: Int, vi: String, en: String, _ l: Lang) -> String {
  l == .vi ? "\(n) \(vi)" : "\(n) \(en)\(n == 1 ? "" : "s")"
}

/// Counted nouns whose English plural is not the singular plus "s": "1 person", "2 people".
public func counted(_ n: Int, vi: String, en: String, enPlural: String, _ l: Lang) -> String {
  l == .vi ? "\(n) \(vi)" : "\(n) \(n == 1 ? en : enPlural)"
}

/// Numbers the way each language writes them: `66,7%` and `21.914` in Vietnamese.
public enum NumberFormat {
  /// A rate as a percentage with one decimal, or "–" when there is none.
  public static func percent(_ rate: Double?, _ l: Lang) -> String {
    guard let rate, rate.isFinite else { return "–" }
    let tenths = Int((rate * 1000).rounded())
    let s = "\(tenths / 10)" + (l == .vi ? "," : ".") + "\(tenths % 10)%"
    return s
  }

  /// An integer with thousands grouped (`21.914` / `21,914`).
  public static func integer(_ n: Int, _ l: Lang) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(l == .vi ? "." : ",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }
}

extension Words {
  /// A deadline kind's name.
  public static func deadlineKind(_ k: DeadlineKind, _ l: Lang) -> String {
    switch k {
    case .date: return l.pick(vi: "ngày", en: "date")
    case .month: return l.pick(vi: "tháng", en: "month")
    case .quarter: return l.pick(vi: "quý", en: "quarter")
    case .halfYear: return l.pick(vi: "6 tháng", en: "half year")
    case .year: return l.pick(vi: "năm", en: "year")
    case .routine: return l.pick(vi: "thường xuyên", en: "routine")
    case .none: return l.pick(vi: "không thời hạn", en: "no deadline")
    case .other: return l.pick(vi: "theo văn bản khác", en: "per another document")
    }
  }
}
