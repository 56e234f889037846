import FollowUpCore
import Foundation
import Testing

/// `followup agenda`: overdue and due soon, per agency and per person, on the sample.
@Suite struct AgendaTests {
  /// The sample on 30/11/2023: T1 overdue since 30/09, T4 due that very day.
  static let textVi = """
      Việc quá hạn và sắp đến hạn (trong 7 ngày) — tính đến 30/11/2023
      1 quá hạn, 1 sắp đến hạn.

      Theo cơ quan chủ trì:
        Đảng đoàn LHH (1 quá hạn)
          ! #1  30/09/2023  quá hạn 61 ngày  Đỗ Văn Đức: Đề xuất Thường trực Thành ủy xem xét ban hành Ch…
        Liên hiệp hội (1 sắp đến hạn)
          ~ #4  30/11/2023  hạn hôm nay      Hoàng Minh Ánh: Tham mưu sửa đổi, bổ sung tiêu chí xét tặng …

      Theo cán bộ phụ trách:
        Hoàng Minh Ánh (Liên hiệp hội): 1 sắp đến hạn — #4
        Đỗ Văn Đức (Liên hiệp hội): 1 quá hạn — #1

      ! quá hạn   ~ sắp đến hạn
      """

  static let markdownEn = """
      ## Overdue and due within 7 days — as of 30/11/2023

      1 overdue, 1 due soon.

      ### By lead agency

      **Đảng đoàn LHH** (1 overdue)

      - #1 · 30/09/2023 · **61 days overdue** · Đỗ Văn Đức: Đề xuất Thường trực Thành ủy xem xét ban hành Chỉ thị về phát huy vai trò, đóng…

      **Liên hiệp hội** (1 due soon)

      - #4 · 30/11/2023 · due today · Hoàng Minh Ánh: Tham mưu sửa đổi, bổ sung tiêu chí xét tặng Giải thưởng Nguyễn Bỉnh Khiêm

      ### By owner

      - Hoàng Minh Ánh (Liên hiệp hội): 1 due soon — #4
      - Đỗ Văn Đức (Liên hiệp hội): 1 overdue — #1
      """

  @Test func theTextAgendaOnTheSample() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30", "--lang", "vi"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.err.isEmpty)
      #expect(r.out == Self.textVi + "\n")
      // Short enough for an email: no line wider than 100 columns.
      for line in r.out.split(separator: "\n") { #expect(displayWidth(String(line)) <= 100, "\(line)") }
    }
  }

  @Test func theMarkdownAgendaOnTheSample() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30", "--lang", "en", "--format", "markdown"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out == Self.markdownEn + "\n")
    }
  }

  @Test func daysWidensTheWindow() throws {
    try withSandbox { s in
      try s.importSample()
      let week = try s.run(["agenda", "--file", s.file, "--as-of", "2023-12-31"])
      #expect(week.out.hasPrefix("Overdue and due within 7 days — as of 31/12/2023\n1 overdue.\n"))
      #expect(!week.out.contains("#2"))
      // T2 is due 31/03/2024: 91 days after 31/12/2023.
      let quarter = try s.run(["agenda", "--file", s.file, "--as-of", "2023-12-31", "--days", "91"])
      #expect(quarter.out.contains("~ #2  31/03/2024  91 days left"))
      #expect(quarter.out.contains("  Nguyễn Thị Thuỷ (Liên hiệp hội): 1 due soon — #2"))
      let ninety = try s.run(["agenda", "--file", s.file, "--as-of", "2023-12-31", "--days", "90"])
      #expect(!ninety.out.contains("#2"))
    }
  }

  @Test func filterWordsNarrowIt() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30", "agency:LHH"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.contains("#4"))
      #expect(!r.out.contains("#1"))
    }
  }

  @Test func quietPrintsNothingWhenNothingNeedsAttention() throws {
    try withSandbox { s in
      try s.importSample()
      let empty = try s.run(["agenda", "--file", s.file, "--as-of", "2023-06-01"])
      #expect(empty.out == "Nothing is overdue or due within 7 days (as of 01/06/2023).\n")
      let quiet = try s.run(["agenda", "--file", s.file, "--as-of", "2023-06-01", "--quiet"])
      #expect(quiet.status == 0)
      #expect(quiet.stdout.isEmpty)
      let busy = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30", "--quiet"])
      #expect(!busy.stdout.isEmpty)
    }
  }

  @Test func aTaskWithoutOwnerIsListedUnderNoOwner() throws {
    try withSandbox { s in
      try s.importSample()
      let add = try s.run(["add", "--file", s.file, "--lead", "SNV", "--deadline", "1/12/2023", "--as-of", "2023-11-01", "Báo cáo nhanh"])
      #expect(add.status == 0, "\(add.err)")
      let r = try s.run(["agenda", "--file", s.file, "--as-of", "2023-11-30"])
      #expect(r.out.contains("  Sở Nội vụ (1 due soon)\n    ~ #8  01/12/2023  1 day left       no owner: Báo cáo nhanh"))
      #expect(r.out.contains("  No owner: 1 due soon — #8"))
    }
  }

  @Test func aNegativeWindowIsAUsageError() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["agenda", "--file", s.file, "--days", "-1"])
      #expect(r.status != 0)
      #expect(r.stdout.isEmpty)
      #expect(r.err.contains("--days"))
    }
  }
}
