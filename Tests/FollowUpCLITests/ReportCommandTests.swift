import FollowUpCore
import Foundation
import Testing

/// `workload` and `report` on the sample, against DOMAIN.md §6.5.
@Suite struct ReportCommandTests {
  /// One expected row: agency code and the counts (3)–(12), then the two rates (nil = "–").
  struct Row: Sendable, CustomStringConvertible {
    var agency: String
    var counts: [Int]  // total, onTime, late, doneND, inTime, overdue, openND, routine, extended, due
    var completion: Double?
    var onTime: Double?
    var description: String { agency }
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var options: [String]
    var rows: [Row]
    var totals: Row
    var testDescription: String { name }
  }

  static let totals = Row(agency: "", counts: [7, 2, 1, 0, 1, 1, 1, 1, 1, 4], completion: 0.75, onTime: 0.5)
  static let btgtu = Row(agency: "BTGTU", counts: [1, 1, 0, 0, 0, 0, 0, 0, 0, 1], completion: 1.0, onTime: 1.0)

  static let cases: [Case] = [
    Case(
      name: "lead, rolled up", options: ["--rollup"],
      rows: [
        btgtu,
        Row(agency: "LHH", counts: [6, 1, 1, 0, 1, 1, 1, 1, 1, 3], completion: 0.6667, onTime: 0.3333),
      ], totals: totals),
    Case(
      name: "lead, not rolled up", options: [],
      rows: [
        btgtu,
        Row(agency: "DD_LHH", counts: [2, 0, 0, 0, 0, 1, 0, 1, 0, 1], completion: 0.0, onTime: 0.0),
        Row(agency: "LHH", counts: [4, 1, 1, 0, 1, 0, 1, 0, 1, 2], completion: 1.0, onTime: 0.5),
      ], totals: totals),
    Case(
      name: "by coordinating agency", options: ["--by", "coordinating"],
      rows: [
        Row(agency: "BTGTU", counts: [1, 0, 0, 0, 0, 1, 0, 0, 0, 1], completion: 0.0, onTime: 0.0),
        Row(agency: "SNV", counts: [4, 1, 1, 0, 1, 0, 1, 0, 1, 2], completion: 1.0, onTime: 0.5),
        Row(agency: "STP", counts: [1, 1, 0, 0, 0, 0, 0, 0, 1, 1], completion: 1.0, onTime: 1.0),
        Row(agency: "STC", counts: [1, 0, 0, 0, 0, 0, 1, 0, 0, 0], completion: nil, onTime: nil),
        Row(agency: "SKHCN", counts: [3, 1, 1, 0, 1, 0, 0, 0, 1, 2], completion: 1.0, onTime: 0.5),
      ],
      totals: Row(agency: "", counts: [10, 3, 2, 0, 2, 1, 2, 0, 3, 6], completion: 5.0 / 6.0, onTime: 0.5)),
  ]

  static let countKeys = [
    "total", "doneOnTime", "doneLate", "doneNoDeadline", "openInTime", "overdue",
    "openNoDeadline", "routine", "extended", "due",
  ]

  static func check(_ got: [String: Any], _ want: Row, sourceLocation: SourceLocation = #_sourceLocation) {
    let counts = countKeys.map { (got[$0] as? NSNumber)?.intValue ?? -1 }
    #expect(counts == want.counts, "\(want.agency)", sourceLocation: sourceLocation)
    for (key, rate) in [("completionRate", want.completion), ("onTimeRate", want.onTime)] {
      if let rate {
        let value = (got[key] as? NSNumber)?.doubleValue ?? -1
        #expect(abs(value - rate) < 0.0001, "\(want.agency) \(key) = \(value)", sourceLocation: sourceLocation)
      } else {
        #expect(got[key] is NSNull, "\(want.agency) \(key) should be null", sourceLocation: sourceLocation)
      }
    }
  }

  @Test(arguments: cases)
  func workloadJSONMatchesTheOracle(_ c: Case) throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["workload", "--file", s.file, "--as-of", "2023-12-31", "--format", "json"] + c.options)
      #expect(r.status == 0, "\(r.err)")
      #expect(r.err.isEmpty)
      let root = obj(try r.json())
      let rows = arr(root["rows"]).map(obj)
      #expect(rows.map { $0["agency"] as? String ?? "?" } == c.rows.map(\.agency))
      for (got, want) in zip(rows, c.rows) { Self.check(got, want) }
      // The coordinating view counts a task once per coordinator, so its totals differ.
      Self.check(obj(root["totals"]), c.totals)
      #expect(root["asOf"] as? String == "2023-12-31")
      #expect(root["basis"] as? String == "effective")
    }
  }

  @Test func workloadRollupNamesItsMembers() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["workload", "--file", s.file, "--as-of", "31/12/2023", "--rollup", "--format", "json"])
      let rows = arr(obj(try r.json())["rows"]).map(obj)
      #expect(rows.last?["members"] as? [String] == ["DD_LHH"])
      #expect(rows.first?["members"] as? [String] == [])
    }
  }

  /// The table lines of a rendered report: from the header line to the first blank line.
  static func tableLines(_ text: String, header: String) -> [String] {
    let lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
    return Array(lines[start...].prefix { !$0.isEmpty })
  }

  @Test(arguments: [["--rollup"], [], ["--by", "coordinating"]])
  func vietnameseTableIsAlignedWithDecimalCommas(_ options: [String]) throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["workload", "--file", s.file, "--as-of", "31/12/2023", "--lang", "vi"] + options)
      #expect(r.status == 0, "\(r.err)")
      let text = r.out
      if !options.contains("coordinating") {
        #expect(text.contains("75,0%"))
      }
      #expect(!text.contains("66.7%") && !text.contains("75.0%"))
      let table = Self.tableLines(text, header: "STT")
      // Header, rule, rows, rule, totals.
      #expect(table.count >= 5)
      let widths = table.map(displayWidth)
      #expect(Set(widths).count == 1, "line widths differ: \(widths)\n\(table.joined(separator: "\n"))")
      // Every number column ends where its header ends: the last cell of each row ends in "%"
      // or "–" at the same column as the header's last letter.
      for line in table.dropFirst() where !line.hasPrefix("─") {
        #expect(line.hasSuffix("%") || line.hasSuffix("–"), "\(line)")
      }
    }
  }

  @Test func vietnameseRolledUpTableHasTheOracleRates() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["workload", "--file", s.file, "--as-of", "31/12/2023", "--lang", "vi", "--rollup"])
      let table = Self.tableLines(r.out, header: "STT")
      let lhh = try #require(table.first { $0.contains("Liên hiệp hội") })
      #expect(lhh.hasSuffix("66,7%     33,3%"))
      let total = try #require(table.first { $0.contains("Tổng cộng") })
      #expect(total.hasSuffix("75,0%     50,0%"))
      let numbers = total.split(separator: " ").dropFirst(2).map(String.init)
      #expect(numbers == ["7", "2", "1", "0", "1", "1", "1", "1", "1", "4", "75,0%", "50,0%"])
    }
  }

  @Test func reportMarkdownHasNumberedColumnsFootnoteAndAnnex() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run([
        "report", "--file", s.file, "--from", "26/5/2023", "--to", "31/12/2023", "--rollup",
        "--format", "markdown", "--lang", "vi",
      ])
      #expect(r.status == 0, "\(r.err)")
      let md = r.out
      #expect(md.contains("(13) Tỷ lệ HT"))
      #expect(md.contains("(14) Tỷ lệ đúng hạn"))
      #expect(md.contains("Kỳ báo cáo: từ ngày 26/05/2023 đến ngày 31/12/2023"))
      #expect(md.contains("| 66,7% | 33,3% |"))
      #expect(md.contains("**75,0%** | **50,0%**"))
      #expect(md.contains("(13) Tỷ lệ HT = ((4)+(5)) / (12)"))
      // The annex: one row per task, numbered 1…7.
      let lines = md.components(separatedBy: "\n")
      let annexStart = try #require(lines.firstIndex { $0.hasPrefix("## ") })
      let annexRows = lines[annexStart...].filter { $0.hasPrefix("| ") && !$0.hasPrefix("| STT") }
      #expect(annexRows.count == 7)
      #expect(annexRows.map { $0.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        == ["1", "2", "3", "4", "5", "6", "7"])
      #expect(annexRows.contains { $0.contains("Nguyễn Bỉnh Khiêm") && $0.contains("HT quá hạn 8 ngày") })
      // Every table row has the same number of cells as its header.
      let summary = lines.filter { $0.hasPrefix("| ") }.prefix(4)
      #expect(Set(summary.map { $0.filter { $0 == "|" }.count }).count == 1)
    }
  }

  @Test func reportCSVParsesBackWithTheSameNumbers() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run([
        "report", "--file", s.file, "--from", "26/5/2023", "--to", "31/12/2023", "--rollup",
        "--format", "csv", "--lang", "vi",
      ])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.stdout.starts(with: [0xEF, 0xBB, 0xBF]))
      let rows = parseCSV(r.out)
      let header = try #require(rows.first)
      #expect(header.count == 14)
      #expect(header[12] == "(13) Tỷ lệ HT")
      let lhh = try #require(rows.first { $0.first == "2" })
      #expect(Array(lhh.dropFirst(2)) == ["6", "1", "1", "0", "1", "1", "1", "1", "1", "3", "66,7%", "33,3%"])
      let btg = try #require(rows.first { $0.first == "1" })
      #expect(btg[1] == "Ban Tuyên giáo Thành ủy")
      #expect(Array(btg.dropFirst(2)) == ["1", "1", "0", "0", "0", "0", "0", "0", "0", "1", "100,0%", "100,0%"])
      let total = try #require(rows.first { $0.count > 1 && $0[1] == "Tổng cộng" })
      #expect(Array(total.dropFirst(2)) == ["7", "2", "1", "0", "1", "1", "1", "1", "1", "4", "75,0%", "50,0%"])
      #expect(rows.contains { $0.count == 1 && $0[0].hasPrefix("(13) Tỷ lệ HT = ") })
      // The annex follows its own header, one row per task.
      let annexHeader = try #require(rows.firstIndex { $0.first == "STT" && $0.count == 10 })
      #expect(rows.count - annexHeader - 1 == 7)
    }
  }

  @Test func annexListsItemsInNumberOrder() throws {
    try withSandbox { s in
      try s.importSample()
      for item in ["10", "9", "2.b"] {
        let r = try s.run([
          "add", "--file", s.file, "--lead", "LHH", "--meeting", "M2023-0526", "--item", item,
          "Kết luận mục \(item)",
        ])
        #expect(r.status == 0, "\(r.err)")
      }
      let r = try s.run([
        "report", "--file", s.file, "--as-of", "31/12/2023", "--rollup", "--format", "csv", "--lang", "en",
      ])
      #expect(r.status == 0, "\(r.err)")
      let rows = parseCSV(r.out)
      let start = try #require(rows.firstIndex { $0.first == "No." && $0.count == 10 })
      let contents = rows[(start + 1)...].map { $0[1] }
      let added = contents.filter { $0.hasPrefix("Kết luận mục") }
      #expect(added == ["Kết luận mục 2.b", "Kết luận mục 9", "Kết luận mục 10"])
      // Item 2.b comes right after item 2 (T2) and before item 3 (T3).
      let t2 = try #require(contents.firstIndex { $0.hasPrefix("Tham mưu, đề xuất cơ chế") })
      #expect(contents[t2 + 1] == "Kết luận mục 2.b")
    }
  }

  @Test func workloadCSVHasTheSameNumbersAsJSON() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["workload", "--file", s.file, "--as-of", "31/12/2023", "--rollup", "--format", "csv", "--lang", "en"])
      #expect(r.status == 0, "\(r.err)")
      let rows = parseCSV(r.out)
      #expect(rows.count == 4)
      #expect(rows.last.map { Array($0.dropFirst(2)) } == ["7", "2", "1", "0", "1", "1", "1", "1", "1", "4", "75.0%", "50.0%"])
    }
  }
}
