/// Something a date parser assumed and a person should confirm.
public enum DateWarning: Hashable, Sendable {
  /// The year was written with two digits (`26/5/23`) and read as `assumed`.
  case twoDigitYear(assumed: Int)
  /// No year was written (`trước ngày 15/7`); the source document's year was used.
  case yearAssumed(Int)
  /// Working days were counted over years the holiday calendar does not cover: only
  /// weekends were skipped there.
  case holidaysMissing([Int])

  /// The warning as one sentence in a language.
  public func message(_ lang: Lang) -> String {
    switch self {
    case .twoDigitYear(let year):
      return lang.pick(
        vi: "Năm được viết bằng hai chữ số nên đã hiểu là năm \(year); hãy kiểm tra lại.",
        en: "The year was written with two digits and was read as \(year); please check it.")
    case .holidaysMissing(let years):
      let list = years.map(String.init).joined(separator: ", ")
      return lang.pick(
        vi: "Lịch nghỉ lễ chưa có năm \(list) nên chỉ trừ thứ Bảy, Chủ nhật; hãy kiểm tra lại hạn.",
        en: "The holiday calendar has no data for \(list), so only weekends were skipped; please check the deadline.")
    case .yearAssumed(let year):
      return lang.pick(
        vi: "Không ghi năm nên đã lấy năm \(year) của văn bản; hãy xác nhận.",
        en: "No year was written, so the document's year \(year) was used; please confirm it.")
    }
  }
}
