import Testing

@testable import TermCore

@Suite("DisplaySafe: nothing drawn can reach the terminal as a control")
struct DisplaySafeTests {
  /// Strings that try to act on the terminal or to deceive the reader.
  static let hostile: [String] = [
    "\u{1B}]52;c;SGVsbG8=\u{07}",  // OSC 52: write the clipboard
    "\u{1B}[2J",  // clear screen
    "\u{9B}31m",  // C1 CSI
    "\u{1B}P+q544e\u{1B}\\",  // DCS request
    "\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\",  // hyperlink
    "\u{1B}[6n",  // cursor position report (would inject input)
    "a\rb\nc\td\u{0}e\u{7F}f\u{85}g",
    "invoice\u{202E}fdp.exe",  // right-to-left override
    "\u{2066}isolate\u{2069}\u{200E}\u{200F}\u{061C}",
    "pay\u{200B}pal\u{2060}\u{FEFF}",
    "x\u{200D}y\u{200C}z",
    "line\u{2028}sep\u{2029}",
    "soft\u{AD}hyphen",
    "\u{1B}",
    "\u{9F}\u{80}",
  ]

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  @Test(
    "sanitize maps each dangerous scalar to its stand-in",
    arguments: [
      ("\u{1B}[2J", "␛[2J"),
      ("\u{1B}]52;c;SGVsbG8=\u{07}", "␛]52;c;SGVsbG8=␇"),
      ("\u{9B}31m", "\u{FFFD}31m"),
      ("a\nb\tc\r", "a␊b␉c␍"),
      ("\u{0}\u{1F}\u{7F}", "␀␟␡"),
      ("\u{80}x\u{9F}", "\u{FFFD}x\u{FFFD}"),
      ("abc\u{202E}def", "abc\u{FFFD}def"),
      ("\u{202A}\u{202B}\u{202C}\u{202D}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
      ("\u{2066}\u{2067}\u{2068}\u{2069}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
      ("\u{200E}\u{200F}\u{061C}", "\u{FFFD}\u{FFFD}\u{FFFD}"),
      ("a\u{200B}b\u{2060}c\u{FEFF}", "a·b·c·"),
      ("x\u{200D}y", "x·y"),
      ("x\u{200C}y", "x·y"),
      ("soft\u{AD}", "soft·"),
      ("\u{2028}", "\u{FFFD}"),
      ("Hoàn thiện 中文", "Hoàn thiện 中文"),
      ("👨‍👩‍👧", "👨‍👩‍👧"),  // ZWJ kept inside an emoji sequence
      (
        "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
      ),
      ("👍🏽", "👍🏽"),
    ])
  func sanitize(_ input: String, _ expected: String) {
    let result = DisplaySafe.sanitize(input)
    #expect(Array(result.unicodeScalars) == Array(expected.unicodeScalars))
  }

  @Test("no control scalar survives sanitize", arguments: hostile)
  func noControlsSurvive(_ input: String) {
    let result = DisplaySafe.sanitize(input)
    #expect(!result.unicodeScalars.contains(where: Self.isControl))
    #expect(!DisplaySafe.needsSanitizing(result))
  }

  @Test("no control scalar lands in a Grid", arguments: hostile)
  func noControlsInGrid(_ input: String) {
    var grid = Grid(width: 60, height: 2)
    grid.put(input, x: 0, y: 0)
    grid.put(input, x: 55, y: 1, width: 10)
    for y in 0..<2 {
      for x in 0..<60 {
        let scalars = grid[x: x, y: y].grapheme.unicodeScalars
        #expect(!scalars.contains(where: Self.isControl), "cell \(x),\(y)")
        #expect(
          !scalars.contains {
            (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
          })
      }
    }
    #expect(!grid.dump().unicodeScalars.contains { Self.isControl($0) && $0 != "\n" })
  }

  @Test("every C0 control gets its Control Picture")
  func allControlPictures() {
    for value in UInt32(0)..<0x20 {
      guard let scalar = Unicode.Scalar(value), let picture = Unicode.Scalar(0x2400 + value) else {
        Issue.record("bad scalar \(value)")
        continue
      }
      #expect(DisplaySafe.sanitize(String(scalar)).unicodeScalars.first == picture)
    }
  }

  @Test("safe text is returned unchanged")
  func unchanged() {
    let text = "Hoàn thiện Quy định 中文 👍🏽 🇻🇳"
    #expect(!DisplaySafe.needsSanitizing(text))
    #expect(Array(DisplaySafe.sanitize(text).utf8) == Array(text.utf8))
  }
}
