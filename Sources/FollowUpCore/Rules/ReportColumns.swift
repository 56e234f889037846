/// A text in both languages.
public struct Wording: Equatable, Sendable {
  /// Vietnamese.
  public var vi: String
  /// English.
  public var en: String

  /// Creates a wording.
  public init(_ vi: String, _ en: String) {
    self.vi = vi
    self.en = en
  }

  /// The text in a language.
  public func text(_ l: Lang) -> String { l.pick(vi: vi, en: en) }
}

/// The heading printed over a run of report columns: done, or not done.
public enum ReportBand: Sendable, Equatable {
  /// Completed tasks, columns (4)–(6).
  case done
  /// Tasks still open, columns (7)–(9).
  case notDone

  /// The band's heading on printed reports.
  public var title: Wording {
    switch self {
    case .done: return Wording("Đã hoàn thành", "Done")
    case .notDone: return Wording("Chưa hoàn thành", "Not done")
    }
  }

  /// The band's heading on screen, and its short form when the band is narrow.
  public var screenTitle: (long: Wording, short: Wording) {
    switch self {
    case .done: return (Wording("Đã hoàn thành", "Done"), Wording("HT", "Done"))
    case .notDone: return (Wording("Chưa hoàn thành", "Open"), Wording("Chưa HT", "Open"))
    }
  }
}

/// How a column's value is read from a row's counts.
public enum ReportValue: Sendable {
  /// A number of tasks.
  case count(@Sendable (WorkloadCounts) -> Int)
  /// A rate, nil when its denominator is zero; the formula chooses the denominator.
  case rate(@Sendable (WorkloadCounts, RateFormula) -> Double?)
}

/// One column of the Biểu tổng hợp: declared once here, read by the text table, CSV, JSON,
/// Markdown and HTML reports and by the interface's agencies view.
public struct ReportColumn: Sendable {
  /// The column's number on the printed form, (3)…; nil for a column only the compact
  /// screen view shows.
  public var number: Int?
  /// The field name in JSON.
  public var key: String
  /// The heading on printed reports and in CSV.
  public var full: Wording
  /// The heading in the terminal's text table.
  public var short: Wording
  /// The heading in the interface, where room is scarcest.
  public var screen: Wording
  /// The band it sits under, if any, with its heading inside the band on printed reports.
  public var band: (ReportBand, part: Wording)?
  /// How its value is read.
  public var value: ReportValue
  /// Its heading when the agencies view is too narrow for every column; nil leaves it out.
  public var compact: Wording?
  /// Whether a non-zero value is shown as an alarm (overdue).
  public var alarm = false

  /// Whether it is a rate rather than a number of tasks.
  public var isRate: Bool {
    if case .rate = value { return true }
    return false
  }

  /// A row's number of tasks in this column, nil for a rate.
  public func count(_ c: WorkloadCounts) -> Int? {
    if case .count(let f) = value { return f(c) }
    return nil
  }

  /// A row's rate in this column, nil for a count or a zero denominator.
  public func rate(_ c: WorkloadCounts, _ f: RateFormula) -> Double? {
    if case .rate(let r) = value { return r(c, f) }
    return nil
  }

  /// The value as shown: an integer with grouped thousands, or a percentage ("–" for none).
  public func text(_ c: WorkloadCounts, _ f: RateFormula, _ l: Lang) -> String {
    switch value {
    case .count(let n): return NumberFormat.integer(n(c), l)
    case .rate(let r): return NumberFormat.percent(r(c, f), l)
    }
  }
}

/// The columns of the Biểu tổng hợp (DOMAIN §2.5). Columns (1) No. and (2) the agency label
/// every row; these are the figures after them.
public enum ReportColumns {
  /// Every column, in the order the reports print them.
  public static let all: [ReportColumn] = [
    ReportColumn(
      number: 3, key: "total", full: Wording("Tổng số", "Total"), short: Wording("Tổng", "Total"),
      screen: Wording("Tổng", "Total"), value: .count { $0.total }, compact: Wording("Tổng", "Total")),
    ReportColumn(
      number: nil, key: "done", full: Wording("Đã hoàn thành", "Done"), short: Wording("Đã HT", "Done"),
      screen: Wording("Đã HT", "Done"), value: .count { $0.done }, compact: Wording("Đã HT", "Done")),
    ReportColumn(
      number: 4, key: "doneOnTime", full: Wording("HT đúng hạn", "Done on time"), short: Wording("HT đúng", "On time"),
      screen: Wording("Đúng", "On time"), band: (.done, Wording("Đúng hạn", "On time")), value: .count { $0.doneOnTime }),
    ReportColumn(
      number: 5, key: "doneLate", full: Wording("HT quá hạn", "Done late"), short: Wording("HT quá", "Late"),
      screen: Wording("Quá", "Late"), band: (.done, Wording("Quá hạn", "Late")), value: .count { $0.doneLate }),
    ReportColumn(
      number: 6, key: "doneNoDeadline", full: Wording("HT không thời hạn", "Done, no deadline"),
      short: Wording("HT KTH", "Done ND"), screen: Wording("KTH", "ND"),
      band: (.done, Wording("Không thời hạn", "No deadline")), value: .count { $0.doneNoDeadline }),
    ReportColumn(
      number: 7, key: "openInTime", full: Wording("Chưa HT – trong hạn", "Open, in time"),
      short: Wording("Trong hạn", "In time"), screen: Wording("Trong", "In time"),
      band: (.notDone, Wording("Trong hạn", "In time")), value: .count { $0.openInTime }),
    ReportColumn(
      number: 8, key: "overdue", full: Wording("Chưa HT – quá hạn", "Open, overdue"), short: Wording("Quá hạn", "Overdue"),
      screen: Wording("Quá", "Overdue"), band: (.notDone, Wording("Quá hạn", "Overdue")), value: .count { $0.overdue },
      compact: Wording("Quá hạn", "Overdue"), alarm: true),
    ReportColumn(
      number: 9, key: "openNoDeadline", full: Wording("Chưa HT – không thời hạn", "Open, no deadline"),
      short: Wording("Chưa KTH", "Open ND"), screen: Wording("KTH", "ND"),
      band: (.notDone, Wording("Không thời hạn", "No deadline")), value: .count { $0.openNoDeadline }),
    ReportColumn(
      number: 10, key: "routine", full: Wording("Thường xuyên", "Routine"), short: Wording("TX", "Routine"),
      screen: Wording("TX", "Rout."), value: .count { $0.routine }),
    ReportColumn(
      number: 11, key: "extended", full: Wording("Được gia hạn", "Extended"), short: Wording("Gia hạn", "Extended"),
      screen: Wording("Gia hạn", "Ext."), value: .count { $0.extended }),
    ReportColumn(
      number: 12, key: "due", full: Wording("Đến hạn", "Due"), short: Wording("Đến hạn", "Due"),
      screen: Wording("Đến hạn", "Due"), value: .count { $0.due }),
    ReportColumn(
      number: 13, key: "completionRate", full: Wording("Tỷ lệ HT", "Completion rate"), short: Wording("Tỷ lệ HT", "Done %"),
      screen: Wording("Tỷ lệ HT", "Done %"), value: .rate { $0.completionRate($1) }, compact: Wording("Tỷ lệ HT", "Done %")),
    ReportColumn(
      number: 14, key: "onTimeRate", full: Wording("Tỷ lệ đúng hạn", "On-time rate"), short: Wording("Đúng hạn", "On time %"),
      screen: Wording("Đúng hạn", "On time %"), value: .rate { $0.onTimeRate($1) }),
  ]

  /// The numbered columns the reports print, (3) onwards.
  public static var printed: [ReportColumn] { all.filter { $0.number != nil } }

  /// The columns the agencies view keeps when it is too narrow for every column.
  public static var compact: [ReportColumn] { all.filter { $0.compact != nil } }
}
