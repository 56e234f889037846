import FollowUpCore
import Foundation
import Testing

/// Reports that leave the terminal: the HTML page and the CSV files for spreadsheets.
@Suite struct HTMLReportTests {
  static let period = ["--from", "26/5/2023", "--to", "31/12/2023", "--rollup"]

  func html(_ s: Sandbox, _ extra: [String] = []) throws -> String {
    let r = try s.run(["report", "--file", s.file] + Self.period + ["--format", "html"] + extra)
    #expect(r.status == 0, "\(r.err)")
    #expect(r.err.isEmpty)
    return r.out
  }

  @Test func thePageIsSelfContainedAndPrintsOnA4Landscape() throws {
    try withSandbox { s in
      try s.importSample()
      let page = try html(s, ["--lang", "vi"])
      #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
      #expect(page.contains("<meta charset=\"utf-8\">"))
      #expect(page.contains("@page { size: A4 landscape;"))
      // Nothing to fetch and nothing to run.
      for banned in ["<script", "http://", "https://", "<link", "src=", "@import", "url(http"] {
        #expect(!page.lowercased().contains(banned), "\(banned)")
      }
      #expect(page.hasSuffix("</html>\n"))
    }
  }

  @Test func theSummaryHasTheNumberedColumnsTheOracleFiguresAndTheFootnote() throws {
    try withSandbox { s in
      try s.importSample()
      let page = try html(s, ["--lang", "vi"])
      #expect(page.contains("<h1>BIỂU TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ</h1>"))
      #expect(page.contains("Kỳ báo cáo: từ ngày 26/05/2023 đến ngày 31/12/2023 — Số liệu tính đến ngày 31/12/2023"))
      let numbers = (1...14).map { "<th>(\($0))</th>" }.joined()
      #expect(page.contains("<tr class=\"colno\">" + numbers + "</tr>"))
      // DOMAIN §6.5, rolled up: LHH 6 tasks, 66,7% / 33,3%; totals 75,0% / 50,0%.
      let lhh = "<td>Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Hải Phòng (gồm Đảng đoàn LHH)</td>"
        + ["6", "1", "1", "0", "1", "1", "1", "1", "1", "3", "66,7%", "33,3%"].map { "<td class=\"num\">\($0)</td>" }.joined()
      #expect(page.contains(lhh))
      #expect(page.contains("<tr class=\"total\"><td></td><td>Tổng cộng</td>"
        + ["7", "2", "1", "0", "1", "1", "1", "1", "1", "4", "75,0%", "50,0%"].map { "<td class=\"num\">\($0)</td>" }.joined()))
      #expect(page.contains("<li>(13) Tỷ lệ HT = ((4)+(5)) / (12); (14) Tỷ lệ đúng hạn = (4) / (12); ghi &quot;–&quot; khi (12) = 0.</li>"))
      // English uses a decimal point.
      let en = try html(s, ["--lang", "en"])
      #expect(en.contains("<td class=\"num\">66.7%</td>"))
    }
  }

  @Test func eachAgencyHasABarWhosePartsAddUpToItsTotal() throws {
    try withSandbox { s in
      try s.importSample()
      let page = try html(s, ["--lang", "vi"])
      #expect(page.contains("<svg class=\"bars\""))
      let rows = page.components(separatedBy: "<g class=\"row\">").dropFirst()
      #expect(rows.count == 2)
      // LHH (rolled up): on time 1, late 1, open 3 (in time, no deadline, routine), overdue 1.
      let lhh = rows.last ?? ""
      for (cls, n) in [("on-time", 1), ("late", 1), ("open", 3), ("overdue", 1)] {
        #expect(lhh.contains("<rect class=\"seg \(cls)\""), "\(cls)")
        #expect(lhh.contains(": \(n)</title></rect>"), "\(cls) \(n)")
      }
      // Late and overdue also carry a pattern, for black-and-white prints.
      #expect(lhh.contains("fill=\"url(#p-late)\""))
      #expect(lhh.contains("fill=\"url(#p-overdue)\""))
    }
  }

  @Test func theAnnexListsEveryTaskWithAMarkBesideTheColour() throws {
    try withSandbox { s in
      try s.importSample()
      let page = try html(s, ["--lang", "vi"])
      let annex = page.components(separatedBy: "<section class=\"annex\">").last ?? ""
      #expect(annex.components(separatedBy: "<tr>").count - 1 == 8)  // header + 7 tasks
      #expect(annex.contains("<td class=\"state overdue\"><span class=\"mark\">!</span> Quá hạn 92 ngày</td>"))
      #expect(annex.contains("<td class=\"state late\"><span class=\"mark\">✓!</span> HT quá hạn 8 ngày</td>"))
    }
  }

  @Test func everyTextIsEscaped() throws {
    try withSandbox { s in
      try s.importSample()
      let hostile = "<script>alert(\"x\")</script> & 'q' <img src=x onerror=y>"
      let add = try s.run(["add", "--file", s.file, "--lead", "LHH", "--product", "</td></tr><tr>", "--as-of", "2023-06-01", hostile])
      #expect(add.status == 0, "\(add.err)")
      let page = try html(s)
      #expect(!page.contains("<script"))
      #expect(!page.contains("<img"))
      #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;img src=x onerror=y&gt;"))
    }
  }

  @Test func theHTMLCanBeWrittenToAFile() throws {
    try withSandbox { s in
      try s.importSample()
      let out = s.dir.appendingPathComponent("bao-cao.html").path
      let r = try s.run(["report", "--file", s.file, "--format", "html", "-o", out, "--as-of", "31/12/2023"])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.isEmpty)
      let text = try String(contentsOfFile: out, encoding: .utf8)
      #expect(text.hasPrefix("<!DOCTYPE html>"))
    }
  }

  // MARK: CSV for spreadsheets

  static let dayPattern = #"^\d{2}/\d{2}/\d{4}$"#

  @Test func theReportCSVHasABOMSemicolonsVietnameseTextAndDayFirstDates() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["report", "--file", s.file, "--lang", "vi"] + Self.period + ["--format", "csv", "--delimiter", "semicolon"])
      #expect(r.status == 0, "\(r.err)")
      #expect(Array(r.stdout.prefix(3)) == [0xEF, 0xBB, 0xBF])
      let text = r.out
      #expect(text.contains("\r\n"))
      let header = String(text.dropFirst().prefix { $0 != "\r\n" }).split(separator: ";", omittingEmptySubsequences: false)
      #expect(header.first == "(1) STT")
      #expect(header.count == 14)
      #expect(header.last == "(14) Tỷ lệ đúng hạn")
      #expect(text.contains("Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Hải Phòng (gồm Đảng đoàn LHH)"))
      #expect(text == text.precomposedStringWithCanonicalMapping)
      #expect(text.contains(";66,7%;33,3%"))
      // Dates in the annex are day first, never ISO.
      #expect(!text.contains("2023-"))
      #expect(text.contains("26/05/2023"))
    }
  }

  @Test func theExportCSVWritesEveryDateDayFirst() throws {
    try withSandbox { s in
      try s.importSample()
      let r = try s.run(["export", "--file", s.file, "--format", "csv", "--as-of", "2023-12-31"])
      #expect(r.status == 0, "\(r.err)")
      #expect(Array(r.stdout.prefix(3)) == [0xEF, 0xBB, 0xBF])
      let rows = parseCSV(r.out)
      let header = rows.first ?? []
      #expect(rows.count == 8)
      for column in ["deadlineDate", "completedOn", "effectiveDeadline"] {
        guard let i = header.firstIndex(of: column) else {
          Issue.record("no column \(column)")
          continue
        }
        for row in rows.dropFirst() where !row[i].isEmpty {
          #expect(row[i].range(of: Self.dayPattern, options: .regularExpression) != nil, "\(column): \(row[i])")
        }
      }
      let content = header.firstIndex(of: "content") ?? 0
      #expect(rows[4][content] == "Tham mưu sửa đổi, bổ sung tiêu chí xét tặng Giải thưởng Nguyễn Bỉnh Khiêm")
      // Semicolons on request, with the same cells.
      let semi = try s.run(["export", "--file", s.file, "--format", "csv", "--delimiter", "semicolon", "--as-of", "2023-12-31"])
      #expect(semi.out.split(separator: "\r\n").first?.contains("id;ref;meeting") == true)
    }
  }
}
