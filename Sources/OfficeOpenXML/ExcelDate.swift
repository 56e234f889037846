import FollowUpCore

/// Excel's day numbers: a date is stored as a count of days from an epoch, which depends on
/// the workbook's date system.
public enum ExcelDate {
  /// The two epochs a workbook may use (`<workbookPr date1904="1"/>` selects the second).
  public enum System: Sendable {
    /// Windows Excel: day 1 is 01/01/1900, and day 60 is the 29/02/1900 that never was
    /// (kept from Lotus 1-2-3 so old sheets keep their dates).
    case from1900
    /// Old Mac Excel: day 0 is 01/01/1904.
    case from1904
  }

  /// The day a serial number names; its fraction (the time of day) is dropped.
  public static func day(serial: Double, system: System) -> Day? {
    guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    let whole = Int(serial.rounded(.down))
    switch system {
    case .from1904:
      return Day(year: 1904, month: 1, day: 1)?.adding(days: whole)
    case .from1900:
      guard whole >= 1 else { return nil }
      // Day 60 is the phantom 29/02/1900; a sheet showing it meant the day after 28/02.
      let base = Day(year: 1899, month: 12, day: 31)
      return base?.adding(days: whole >= 60 ? whole - 1 : whole)
    }
  }

  /// The serial number of a day in the 1900 system, as Excel itself writes it.
  public static func serial(_ day: Day) -> Int {
    guard let base = Day(year: 1899, month: 12, day: 30) else { return 0 }
    let n = base.days(until: day)
    // Before 01/03/1900 the phantom leap day has not been counted yet.
    return n >= 61 ? n : n - 1
  }
}
