/// How a deadline was written, which decides how its end date was derived.
public enum DeadlineKind: String, Codable, Sendable, CaseIterable {
  /// A specific day: `30/9/2023`, `ngày 30 tháng 9 năm 2023`.
  case date
  /// A month: `tháng 11/2023` ends on the month's last day.
  case month
  /// A quarter: `Quý I/2024` ends on the quarter's last day.
  case quarter
  /// A half year: `6 tháng đầu năm 2023` ends 30/06, `6 tháng cuối năm` 31/12.
  case halfYear = "half_year"
  /// A year: `năm 2023` ends 31/12.
  case year
  /// Ongoing work (`thường xuyên`, `hằng năm`): never due, never late.
  case routine
  /// No deadline given.
  case none
  /// Depends on another document's schedule (`theo Kế hoạch số …`): no date until linked.
  case other
}

/// A deadline as written in the source document, with its kind and normalised end date.
public struct Deadline: Hashable, Sendable {
  /// The text exactly as written (NFC), e.g. `Quý I/2024`; empty when there is none.
  public var text: String
  /// How the text was read.
  public var kind: DeadlineKind
  /// The last day that still counts as on time, when the kind has one.
  public var date: Day?

  /// Creates a deadline from its parts.
  public init(text: String, kind: DeadlineKind, date: Day?) {
    self.text = text
    self.kind = kind
    self.date = date
  }

  /// No deadline.
  public static let none = Deadline(text: "", kind: .none, date: nil)

  /// A deadline on a specific day, written in the administrative form.
  public static func on(_ day: Day) -> Deadline {
    Deadline(text: day.formatted, kind: .date, date: day)
  }

  /// What a list column shows: the date for a specific day, else the words as written.
  public var display: String {
    switch kind {
    case .date: return date?.formatted ?? text
    case .none: return ""
    default: return text.isEmpty ? (date?.formatted ?? "") : text
    }
  }
}
