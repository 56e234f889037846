/// The sentences date parsing fails with; each names the input and shows a form that works.
enum DateErrors {
  static let monthNamesEn = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  static func empty() -> UserError {
    UserError(
      .dateEmpty,
      vi: "Chưa nhập ngày; hãy viết ngày/tháng/năm, ví dụ 26/05/2023.",
      en: "No date was given; write it as day/month/year, e.g. 26/05/2023.")
  }

  static func unrecognisedDay(_ written: String) -> UserError {
    UserError(
      .dateUnrecognised,
      vi: "Không đọc được ngày “\(written)”; hãy viết ngày/tháng/năm, ví dụ 26/05/2023, "
        + "26-5-2023, 2023-05-26 hoặc ngày 26 tháng 5 năm 2023.",
      en: "“\(written)” is not a date FollowUp can read; write day/month/year, e.g. 26/05/2023, "
        + "26-5-2023, 2023-05-26 or ngày 26 tháng 5 năm 2023.")
  }

  static func relativeNeedsReference(_ written: String) -> UserError {
    UserError(
      .dateRelative,
      vi: "Thời hạn “\(written)” tính từ ngày của văn bản giao; hãy ghi ngày văn bản (hoặc ngày giao) trước.",
      en: "The deadline “\(written)” counts from the assigning document's day; give that day (or the assignment day) first.")
  }

  static func unrecognisedDeadline(_ written: String) -> UserError {
    UserError(
      .dateUnrecognised,
      vi: "Không đọc được thời hạn “\(written)”; hãy viết, ví dụ: 26/05/2023, "
        + "ngày 26 tháng 5 năm 2023, tháng 11/2023, Quý I/2024, 6 tháng đầu năm 2023, "
        + "năm 2023, thường xuyên hoặc theo Kế hoạch số ….",
      en: "“\(written)” is not a deadline FollowUp can read; write, for example, 26/05/2023, "
        + "ngày 26 tháng 5 năm 2023, tháng 11/2023, Quý I/2024, 6 tháng đầu năm 2023, "
        + "năm 2023, thường xuyên or theo Kế hoạch số ….")
  }

  static func invalidDay(_ written: String, day: Int, month: Int, year: Int) -> UserError {
    let last = Day.daysIn(month: month, year: year)
    let example = Day.endOf(month: month, year: year)?.formatted ?? "26/05/2023"
    let monthEn =
      monthNamesEn.indices.contains(month - 1) ? monthNamesEn[month - 1] : "Month \(month)"
    if day < 1 {
      return UserError(
        .dateInvalid,
        vi: "“\(written)” không phải ngày có thật: không có ngày \(day); "
          + "ngày trong tháng \(month) năm \(year) là từ 1 đến \(last), ví dụ \(example).",
        en: "“\(written)” is not a real date: there is no day \(day); "
          + "\(monthEn) \(year) runs from day 1 to \(last), e.g. \(example).")
    }
    return UserError(
      .dateInvalid,
      vi: "“\(written)” không phải ngày có thật: tháng \(month) năm \(year) chỉ có \(last) ngày; "
        + "hãy viết ngày/tháng/năm, ví dụ \(example).",
      en: "“\(written)” is not a real date: \(monthEn) \(year) has only \(last) days; "
        + "write day/month/year, e.g. \(example).")
  }

  /// The month of a day form is out of range, often because it was written month first.
  static func dayMonth(_ written: String, day: Int, month: Int, year: Int?) -> UserError {
    var example = "26/05/2023"
    if let year, let swapped = Day(year: year, month: day, day: month) {
      example = swapped.formatted
    }
    return UserError(
      .dateMonth,
      vi: "“\(written)”: không có tháng \(month); ngày viết theo thứ tự ngày/tháng/năm, "
        + "ví dụ \(example).",
      en: "“\(written)”: there is no month \(month); dates are written day/month/year, "
        + "e.g. \(example).")
  }

  static func month(_ written: String, month: Int) -> UserError {
    UserError(
      .dateMonth,
      vi: "“\(written)”: không có tháng \(month); tháng chỉ từ 1 đến 12, ví dụ tháng 11/2023.",
      en: "“\(written)”: there is no month \(month); months run from 1 to 12, "
        + "e.g. tháng 11/2023.")
  }

  static func quarter(_ written: String, label: String) -> UserError {
    UserError(
      .dateQuarter,
      vi: "“\(written)”: không có quý \(label); quý chỉ từ I đến IV (hoặc 1 đến 4), "
        + "ví dụ Quý I/2024.",
      en: "“\(written)”: there is no quarter \(label); quarters run from I to IV (or 1 to 4), "
        + "e.g. Quý I/2024.")
  }

  static func year(_ written: String, yearText: String) -> UserError {
    let range = "\(DateGrammar.yearRange.lowerBound)–\(DateGrammar.yearRange.upperBound)"
    return UserError(
      .dateYear,
      vi: "“\(written)”: năm \(yearText) không hợp lệ; hãy viết năm đủ bốn chữ số, "
        + "trong khoảng \(range), ví dụ 26/05/2023.",
      en: "“\(written)”: the year \(yearText) is not valid; write a four-digit year "
        + "within \(range), e.g. 26/05/2023.")
  }

  static func missingYear(_ written: String, example: String) -> UserError {
    UserError(
      .dateNoyear,
      vi: "“\(written)” chưa có năm; hãy ghi thêm năm bốn chữ số, dạng \(example).",
      en: "“\(written)” has no year; add the four-digit year, as in \(example).")
  }
}
