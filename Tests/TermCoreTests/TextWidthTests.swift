import Testing

@testable import TermCore

@Suite("TextWidth: columns per grapheme cluster, no locale")
struct TextWidthTests {
  @Test(
    "width of strings",
    arguments: [
      ("", 0),
      ("abc", 3),
      ("Hoàn thiện", 10),
      ("Hoa\u{300}n thie\u{323}\u{302}n", 10),  // NFD: marks add nothing
      ("Nguyễn Bỉnh Khiêm", 17),
      ("中文", 4),
      ("任务管理：中文測試／日本語テスト／한국어", 40),
      ("한국어", 6),
      ("\u{1112}\u{1161}\u{11AB}", 2),  // 한 as conjoining jamo: one cluster, 2 columns
      ("ｶﾀｶﾅ", 4),  // halfwidth katakana stays narrow
      ("ＡＢ", 4),  // fullwidth Latin
      ("👍", 2),
      ("👍🏽", 2),  // skin tone modifier: one cluster
      ("🇻🇳", 2),  // flag
      ("👨\u{200D}👩\u{200D}👧", 2),  // ZWJ family
      ("❤️", 2),  // text-default emoji with VS16
      ("❤", 1),  // without VS16
      ("1\u{FE0F}\u{20E3}", 2),  // keycap
      ("OK👍🏽 🇻🇳 👨‍👩‍👧", 10),
      ("\u{301}", 0),  // combining mark alone
      ("\u{301}\u{302}", 0),
      ("a\u{200B}b", 3),  // zero-width space is drawn as "·"
      ("\u{1B}[2J", 4),  // ESC is drawn as ␛
      ("a\tb", 3),
      ("€…—", 3),
    ])
  func stringWidth(_ text: String, _ expected: Int) {
    #expect(TextWidth.width(text) == expected)
  }

  @Test(
    "width of single clusters",
    arguments: [
      ("a", 1), ("ệ", 1), ("e\u{323}\u{302}", 1), ("中", 2), ("한", 2), ("👍🏽", 2),
      ("🇻🇳", 2), ("👨‍👩‍👧‍👦", 2), ("\u{300}", 0), ("\u{20DD}", 0), ("\u{FE0F}", 0),
      ("\u{9B}", 1), ("\u{1B}", 1), ("\r\n", 2),
      ("🫩", 2),  // Unicode 16, newer than the generated table
    ] as [(Character, Int)])
  func clusterWidth(_ c: Character, _ expected: Int) {
    #expect(TextWidth.width(c) == expected)
  }

  @Test("table and String agree: the sum of cluster widths is the string width")
  func sumOfClusters() {
    let text = "Hoàn thiện 中文 👍🏽 🇻🇳 e\u{301}"
    #expect(text.reduce(0) { $0 + TextWidth.width($1) } == TextWidth.width(text))
  }

  @Test("the range table is sorted and non-overlapping")
  func tableIsSorted() {
    let table = TextWidth.wideRanges
    for (a, b) in zip(table, table.dropFirst()) {
      #expect(a.upperBound < b.lowerBound, "\(a) overlaps \(b)")
    }
    #expect(TextWidth.inWideTable(0x4E00))
    #expect(TextWidth.inWideTable(0x1F600))
    #expect(!TextWidth.inWideTable(0x1EC7))
    #expect(!TextWidth.inWideTable(0x41))
    #expect(TextWidth.inWideTable(0x3FFFD))
    #expect(!TextWidth.inWideTable(0x3FFFE))
  }

  @Test(
    "truncate",
    arguments: [
      ("中文abc", 3, "中…"),
      ("中文abc", 4, "中…"),
      ("中文abc", 5, "中文…"),
      ("中文abc", 7, "中文abc"),
      ("中文abc", 1, "…"),
      ("中文abc", 0, ""),
      ("中文abc", -2, ""),
      ("abc", 3, "abc"),
      ("abcd", 3, "ab…"),
      ("Hoa\u{300}n thiện", 4, "Hoa\u{300}…"),
      ("Nguyễn Văn An", 8, "Nguyễn …"),
      ("👨‍👩‍👧xyz", 3, "👨‍👩‍👧…"),
      ("👨‍👩‍👧xyz", 2, "…"),
      ("", 5, ""),
    ])
  func truncate(_ text: String, _ width: Int, _ expected: String) {
    let result = TextWidth.truncate(text, to: width)
    #expect(Array(result.unicodeScalars) == Array(expected.unicodeScalars))
    #expect(TextWidth.width(result) <= max(0, width))
  }

  @Test("truncate with a custom ellipsis wider than the space")
  func customEllipsis() {
    #expect(TextWidth.truncate("abcdef", to: 4, ellipsis: "...") == "a...")
    #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "..")
    #expect(TextWidth.truncate("abcdef", to: 3, ellipsis: "") == "abc")
  }

  @Test(
    "pad",
    arguments: [
      ("ab", 4, false, "ab  "),
      ("ab", 4, true, "  ab"),
      ("中", 3, false, "中 "),
      ("中文字", 5, false, "中文…"),
      ("中文字", 4, false, "中… "),  // the ellipsis leaves a column a wide char cannot use
      ("Việt", 6, true, "  Việt"),
      ("abc", 0, false, ""),
    ])
  func pad(_ text: String, _ width: Int, _ right: Bool, _ expected: String) {
    let result = TextWidth.pad(text, to: width, alignRight: right)
    #expect(result == expected)
    #expect(TextWidth.width(result) == max(0, width))
  }

  @Test(
    "wrap",
    arguments: [
      ("", 10, [""]),
      ("hello world", 20, ["hello world"]),
      ("hello world", 5, ["hello", "world"]),
      ("hello world", 8, ["hello", "world"]),
      ("a b c d", 3, ["a b", "c d"]),
      ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
      ("hi abcdefghij", 4, ["hi", "abcd", "efgh", "ij"]),
      ("one\ntwo three", 5, ["one", "two", "three"]),
      ("one\n\ntwo", 10, ["one", "", "two"]),
      ("trailing   ", 8, ["trailing"]),
      ("  indented text", 20, ["  indented text"]),
      ("a  b", 10, ["a  b"]),
      ("中文字符测试", 5, ["中文", "字符", "测试"]),
      ("Hoàn thiện Quy định về hoạt động", 12, ["Hoàn thiện", "Quy định về", "hoạt động"]),
      ("中x", 1, ["中", "x"]),
      ("abc", 0, []),
    ])
  func wrap(_ text: String, _ width: Int, _ expected: [String]) {
    #expect(TextWidth.wrap(text, width: width) == expected)
  }

  @Test("wrapped lines never exceed the width (except a wide char in 1 column)")
  func wrapFits() {
    let text = "Hoàn thiện Quy định về hoạt động tư vấn, phản biện; 任务管理中文測試 supercalifragilistic"
    for width in 2...30 {
      for line in TextWidth.wrap(text, width: width) {
        #expect(TextWidth.width(line) <= width, "width \(width): \(line)")
      }
    }
  }

  @Test("prefix(fitting:) never splits a cluster")
  func prefixFitting() {
    let (text, width) = TextWidth.prefix("e\u{323}\u{302}中x", fitting: 2)
    #expect(Array(text.unicodeScalars) == Array("e\u{323}\u{302}".unicodeScalars))
    #expect(width == 1)
  }
}
