import Foundation

/// A calendar date without time or zone: deadlines, completions, as-of dates.
///
/// Stored as the number of days since 1970-01-01 so that comparison and
/// subtraction are integer operations; the civil fields are derived on demand.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01 (proleptic Gregorian).
  public let ordinal: Int

  /// Creates a day from its ordinal (days since 1970-01-01).
  public init(ordinal: Int) { self.ordinal = ordinal }

  /// Creates a day from civil fields, or nil when they do not name a real date.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    ordinal = Day.daysFromCivil(year, month, day)
  }

  /// 31/12/9999, the last day a date can name: as of it, every task a store holds exists.
  public static let distantFuture = Day(ordinal: Day.daysFromCivil(9999, 12, 31))

  /// The civil year, month and day.
  public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(ordinal) }
  /// The civil year.
  public var year: Int { components.year }
  /// The civil month, 1–12.
  public var month: Int { components.month }
  /// The day of the month, 1–31.
  public var dayOfMonth: Int { components.day }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  public var isoWeekday: Int {
    // 1970-01-01 was a Thursday (ISO 4).
    let w = (ordinal % 7 + 7 + 3) % 7
    return w + 1
  }

  /// The day `n` days later (earlier when negative).
  public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(until other: Day) -> Int { other.ordinal - ordinal }

  /// `dd/MM/yyyy`, the administrative form.
  public var formatted: String {
    let c = components
    return Day.pad2(c.day) + "/" + Day.pad2(c.month) + "/" + Day.pad4(c.year)
  }

  /// `yyyy-MM-dd`, the interchange form.
  public var iso: String {
    let c = components
    return Day.pad4(c.year) + "-" + Day.pad2(c.month) + "-" + Day.pad2(c.day)
  }

  public var description: String { formatted }

  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

  /// Number of days in a month of a year.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether `year` is a Gregorian leap year.
  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The last day of a month.
  public static func endOf(month: Int, year: Int) -> Day? {
    Day(year: year, month: month, day: daysIn(month: month, year: year))
  }

  /// The zone calendar days are counted in: `$TZ` when set, else Vietnam (Asia/Ho_Chi_Minh).
  public static func zone(environment: [String: String]) -> TimeZone {
    if let tz = environment["TZ"], !tz.isEmpty,
      let z = TimeZone(identifier: tz.hasPrefix(":") ? String(tz.dropFirst()) : tz)
    {
      return z
    }
    return TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .current
  }

  /// Today's date in the given time zone.
  ///
  /// Callers read the clock once and pass the day down as a value.
  public static func today(now: Date = Date(), zone: TimeZone) -> Day {
    let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: now)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return Day(ordinal: days)
  }

  // Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar
  // and free of Foundation's Calendar, which is slow and locale-dependent.
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  private static func pad4(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
  }

  /// Parses exactly `yyyy-MM-dd` (the interchange form), or nil.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  // Codable as the ISO string so that JSON stays readable and stable.
  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    let s = try c.decode(String.self)
    guard let d = Day(iso: s) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "'\(s)' is not a date in the form YYYY-MM-DD")
    }
    self = d
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }
}
