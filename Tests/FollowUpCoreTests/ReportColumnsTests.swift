import FollowUpCore
import Testing

/// The report's columns, declared once: numbered as on the form, each reading the figure the
/// footnote's formulas name, banded as printed.
@Suite struct ReportColumnsTests {
  let printed = ReportColumns.printed

  /// Counts with a different value in every field, so a column reading the wrong one shows.
  static let counts: WorkloadCounts = {
    var c = WorkloadCounts()
    c.doneOnTime = 3
    c.doneLate = 5
    c.doneNoDeadline = 7
    c.openInTime = 11
    c.overdue = 13
    c.openNoDeadline = 17
    c.routine = 19
    c.extended = 23
    return c
  }()

  func column(_ n: Int) -> ReportColumn? { printed.first { $0.number == n } }
  func value(_ n: Int) -> Int { column(n)?.count(Self.counts) ?? -1 }

  @Test func theColumnsAreNumberedInOrderFromThree() {
    #expect(printed.map(\.number) == Array(3..<(3 + printed.count)))
    #expect(Set(ReportColumns.all.map(\.key)).count == ReportColumns.all.count, "JSON names are unique")
  }

  /// The form's columns (3)–(14) read what DOMAIN §2.5 defines.
  @Test func theFormsColumnsReadTheirFigures() {
    let c = Self.counts
    #expect((3...12).map(value) == [c.total, 3, 5, 7, 11, 13, 17, 19, 23, c.due])
    #expect(value(3) == (4...10).map(value).reduce(0, +), "(3) = (4)+…+(10)")
    #expect(value(12) == value(4) + value(5) + value(8), "(12) = (4)+(5)+(8)")
    for f in RateFormula.allCases {
      #expect(column(13)?.rate(c, f) == c.completionRate(f))
      #expect(column(14)?.rate(c, f) == c.onTimeRate(f))
      #expect(column(13)?.count(c) == nil && column(3)?.rate(c, f) == nil)
    }
    #expect(column(13)?.text(c, .due, .vi) == NumberFormat.percent(c.completionRate(.due), .vi))
  }

  /// (4)–(6) sit under "done" and (7)–(9) under "not done", each band in one run.
  @Test func bandsAreContiguousRuns() {
    #expect(printed.filter { $0.band?.0 == .done }.compactMap(\.number) == [4, 5, 6])
    #expect(printed.filter { $0.band?.0 == .notDone }.compactMap(\.number) == [7, 8, 9])
    var seen: [ReportBand] = []
    for c in printed {
      guard let band = c.band?.0 else { continue }
      if seen.last != band {
        #expect(!seen.contains(band), "band \(band) split")
        seen.append(band)
      }
    }
  }

  @Test func everyHeadingIsWrittenInBothLanguages() {
    for c in ReportColumns.all {
      for w in [c.full, c.short, c.screen] + [c.compact, c.band?.part].compactMap({ $0 }) {
        #expect(!w.vi.isEmpty && !w.en.isEmpty, "\(c.key)")
      }
    }
  }

  /// The compact view keeps the total, what is done, what is overdue and the completion rate.
  @Test func theCompactViewKeepsTheEssentials() {
    #expect(ReportColumns.compact.map(\.key) == ["total", "done", "overdue", "completionRate"])
    #expect(ReportColumns.compact.first { $0.key == "done" }?.count(Self.counts) == Self.counts.done)
  }
}
