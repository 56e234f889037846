import Foundation

/// The working days of state offices: Monday to Friday, less the public holidays and their
/// compensatory and swapped days, plus the Saturdays worked in exchange. The holidays are
/// yearly data (`Resources/holidays.json`, each year with its source); a year that is not
/// there is reported, never guessed.
public struct HolidayCalendar: Hashable, Sendable {
  /// Weekdays off (holidays, compensatory and swapped days).
  public var daysOff: Set<Day>
  /// Weekend days worked in exchange for a swapped weekday.
  public var workingWeekends: Set<Day>
  /// The years the data covers, with the source of each.
  public var sources: [Int: String]

  /// Creates a calendar from its parts.
  public init(daysOff: Set<Day> = [], workingWeekends: Set<Day> = [], sources: [Int: String] = [:]) {
    self.daysOff = daysOff
    self.workingWeekends = workingWeekends
    self.sources = sources
  }

  /// The official calendar carried in the binary.
  public static let official: HolidayCalendar = (try? read(json: BundledData.holidaysJSON)) ?? HolidayCalendar()

  /// The file's shape: `{"years": [{"year", "source", "daysOff": [ISO days], "workingWeekends": [...]}]}`.
  struct File: Decodable {
    struct Year: Decodable {
      var year: Int
      var source: String?
      var daysOff: [String]?
      var workingWeekends: [String]?
    }
    var years: [Year]?
  }

  /// Reads the yearly data; a day that is not an ISO date is left out.
  public static func read(json data: Data) throws -> HolidayCalendar {
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: data)
    } catch {
      throw UserError(
        .jsonSyntax, vi: "Tệp lịch nghỉ lễ không đúng dạng JSON mong đợi; kiểm tra lại tệp",
        en: "The holiday calendar is not the JSON it should be; check the file")
    }
    var c = HolidayCalendar()
    for y in file.years ?? [] {
      c.sources[y.year] = y.source ?? ""
      for iso in y.daysOff ?? [] { if let d = Day(iso: iso) { c.daysOff.insert(d) } }
      for iso in y.workingWeekends ?? [] { if let d = Day(iso: iso) { c.workingWeekends.insert(d) } }
    }
    return c
  }

  /// Whether the data covers a year.
  public func covers(_ year: Int) -> Bool { sources[year] != nil }

  /// Whether state offices work on a day.
  public func isWorkingDay(_ d: Day) -> Bool {
    if workingWeekends.contains(d) { return true }
    return d.isoWeekday <= 5 && !daysOff.contains(d)
  }

  /// The day itself when offices work on it, else the next day they do.
  public func workingDay(onOrAfter d: Day) -> Day {
    var day = d
    // Tết and a weekend make at most nine days off in a row; the bound only guards data.
    for _ in 0..<60 where !isWorkingDay(day) { day = day.adding(days: 1) }
    return day
  }

  /// The `n`th working day after `start` (the day after `start` is the first one counted).
  public func adding(workingDays n: Int, after start: Day) -> Day {
    var day = start
    var left = max(n, 0)
    while left > 0 {
      day = day.adding(days: 1)
      if isWorkingDay(day) { left -= 1 }
    }
    return day
  }

  /// The years from `start` to `end` that the data does not cover.
  public func missingYears(from start: Day, to end: Day) -> [Int] {
    (min(start.year, end.year)...max(start.year, end.year)).filter { !covers($0) }
  }
}
