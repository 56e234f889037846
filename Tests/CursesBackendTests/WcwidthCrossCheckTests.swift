import CNcursesw
import Glibc
import TermCore
import Testing

/// TermCore's self-contained width table against glibc's `wcwidth`, which is what ncurses
/// advances the cursor by. Emoji sequences are left out on purpose: there the grid reserves
/// two columns and the backend pads, because `wcwidth` sums the scalars (👨‍👩‍👧 = 6).
@Suite("TextWidth agrees with glibc wcwidth under C.UTF-8")
struct WcwidthCrossCheckTests {
  init() {
    // wcwidth answers -1 for all non-ASCII until a UTF-8 LC_CTYPE is set; the test runner
    // never sets one, and the tests must not depend on the caller's locale.
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  static func glibcWidth(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { $0 + Int(wcwidth(wchar_t(bitPattern: $1.value))) }
  }

  static let samples: [String] = [
    "Hoàn thiện Quy định về hoạt động tư vấn, phản biện; giải thưởng Nguyễn Bỉnh Khiêm",
    "Hoa\u{300}n thie\u{323}\u{302}n Nguye\u{302}\u{303}n",  // NFD
    "ĂÂĐÊÔƠƯăâđêôơư ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ",
    "任务管理：中文測試／日本語テスト／한국어",
    "經濟、社會。「引號」《書名》",
    "ｱｲｳｴｵ ＡＢＣ１２３",
    "한국어 대한민국 서울특별시",
    "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}",  // conjoining jamo (NFD Hangul)
    "ひらがな カタカナ 漢字",
    "Ελληνικά Кириллица",
    "a\u{301}\u{302}\u{303}",
  ]

  @Test("sample strings", arguments: samples)
  func sample(_ text: String) {
    #expect(wcwidth(0x4E2D) == 2, "C.UTF-8 locale missing?")
    #expect(TextWidth.width(text) == Self.glibcWidth(text))
    for c in text {
      #expect(
        TextWidth.width(c) == Self.glibcWidth(String(c)),
        "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  /// Every assigned, printable, non-emoji scalar of the blocks the app shows.
  @Test(
    "scalar sweep",
    arguments: [
      (0x20, 0x24F, "Latin"), (0x300, 0x36F, "combining"), (0x370, 0x52F, "Greek, Cyrillic"),
      (0x1100, 0x11FF, "Hangul Jamo"), (0x1E00, 0x1EFF, "Latin Extended Additional"),
      (0x2000, 0x206F, "punctuation"), (0x2E80, 0x33FF, "CJK symbols, kana"),
      (0x3400, 0x4DBF, "CJK Ext A"), (0x4E00, 0x9FFF, "CJK"), (0xA960, 0xA97F, "Hangul Jamo Ext-A"),
      (0xAC00, 0xD7FF, "Hangul syllables"), (0xF900, 0xFAFF, "CJK compatibility"),
      (0xFE30, 0xFE4F, "CJK forms"), (0xFF00, 0xFFEF, "half/fullwidth"),
      (0x2190, 0x2BFF, "arrows, symbols, dingbats"), (0x4DC0, 0x4DFF, "Yijing"),
      (0x1F000, 0x1FAFF, "emoji blocks, text-default"), (0x20000, 0x3FFFD, "CJK Ext B and later"),
    ] as [(UInt32, UInt32, String)])
  func sweep(_ low: UInt32, _ high: UInt32, _ name: String) {
    var mismatches: [String] = []
    for value in low...high {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let p = scalar.properties
      // Unassigned, controls and format characters are drawn as stand-ins, not measured.
      guard p.generalCategory != .unassigned, p.generalCategory != .control,
        p.generalCategory != .format,
        p.generalCategory != .lineSeparator, p.generalCategory != .paragraphSeparator,
        !p.isEmojiPresentation
      else { continue }
      let glibc = Int(wcwidth(wchar_t(bitPattern: value)))
      guard glibc >= 0 else { continue }  // newer than glibc's Unicode data
      let ours = TextWidth.width(Character(scalar))
      if ours != glibc {
        mismatches.append(
          "U+\(String(value, radix: 16, uppercase: true)) ours=\(ours) glibc=\(glibc)")
      }
    }
    #expect(
      mismatches.isEmpty,
      "\(name): \(mismatches.prefix(20).joined(separator: ", ")) (\(mismatches.count))")
  }
}
