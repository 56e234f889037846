import Testing

@testable import TermCore

@Suite("LineEditor: a one-line field edited by grapheme cluster")
struct LineEditorTests {
  /// A field state written as text with `|` marking the cursor, e.g. "ab|c".
  static func field(_ marked: String) -> LineEditor {
    let parts = marked.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
    var editor = LineEditor(parts.joined())
    editor.cursor = parts[0].count
    return editor
  }

  static func marked(_ editor: LineEditor) -> String {
    let characters = Array(editor.text)
    return String(characters[..<editor.cursor]) + "|" + String(characters[editor.cursor...])
  }

  @Test(
    "each key",
    arguments: [
      ("ab|c", Key.char("x"), "abx|c", true),
      ("|", Key.char("中"), "中|", true),
      ("ab|c", Key.left, "a|bc", true),
      ("|abc", Key.left, "|abc", true),
      ("ab|c", Key.right, "abc|", true),
      ("abc|", Key.right, "abc|", true),
      ("ab|c", Key.home, "|abc", true),
      ("ab|c", Key.ctrl("a"), "|abc", true),
      ("a|bc", Key.end, "abc|", true),
      ("a|bc", Key.ctrl("e"), "abc|", true),
      ("ab|c", Key.backspace, "a|c", true),
      ("ab|c", Key.ctrl("h"), "a|c", true),
      ("|abc", Key.backspace, "|abc", true),
      ("ab|c", Key.delete, "ab|", true),
      ("ab|c", Key.ctrl("d"), "ab|", true),
      ("abc|", Key.delete, "abc|", true),
      ("ab|cd", Key.ctrl("k"), "ab|", true),
      ("ab|cd", Key.ctrl("u"), "|cd", true),
      ("one two|", Key.ctrl("w"), "one |", true),
      ("one two  |", Key.ctrl("w"), "one |", true),
      ("one tw|o", Key.ctrl("w"), "one |o", true),
      ("Hoàn thiện|", Key.ctrl("w"), "Hoàn |", true),
      ("Hoàn thiện Quy định|", Key.ctrl("w"), "Hoàn thiện Quy |", true),
      ("|Hoàn", Key.ctrl("w"), "|Hoàn", true),
      ("Việt|", Key.backspace, "Việ|", true),
      ("中文|", Key.backspace, "中|", true),
      ("a👨‍👩‍👧|b", Key.backspace, "a|b", true),
      ("ab|", Key.enter, "ab|", false),
      ("ab|", Key.escape, "ab|", false),
      ("ab|", Key.up, "ab|", false),
      ("ab|", Key.tab, "ab|", false),
      ("ab|", Key.ctrl("x"), "ab|", false),
      ("ab|", Key.char("\u{1B}"), "ab|", false),
    ])
  func key(_ before: String, _ key: Key, _ after: String, _ consumed: Bool) {
    var editor = Self.field(before)
    #expect(editor.handle(key) == consumed)
    #expect(Self.marked(editor) == after)
  }

  @Test("NFD typing merges marks into the character before the cursor")
  func nfdTyping() {
    var editor = LineEditor("")
    for scalar in ["V", "i", "e", "\u{323}", "\u{302}", "t"] as [Unicode.Scalar] {
      editor.handle(.char(Character(scalar)))
    }
    #expect(Array(editor.text.unicodeScalars) == Array("Vi\u{1EC7}t".unicodeScalars))
    #expect(editor.cursor == 4)
    editor.handle(.left)
    editor.handle(.backspace)
    #expect(Array(editor.text.unicodeScalars) == Array("Vit".unicodeScalars))
    #expect(editor.cursor == 2)
  }

  @Test("a mark typed in the middle stays with the cursor after its character")
  func nfdInMiddle() {
    var editor = Self.field("Vie|t")
    editor.handle(.char("\u{323}"))
    #expect(Self.marked(editor) == "Viẹ|t")
    editor.handle(.char("\u{302}"))
    #expect(Array(Self.marked(editor).unicodeScalars) == Array("Vi\u{1EC7}|t".unicodeScalars))
    #expect(editor.text.unicodeScalars.count == 4)
  }

  @Test("text is NFC whatever comes in")
  func alwaysNFC() {
    var editor = LineEditor("Hoa\u{300}n")
    #expect(Array(editor.text.unicodeScalars) == Array("Ho\u{E0}n".unicodeScalars))
    editor.text = "thie\u{323}\u{302}n"
    #expect(Array(editor.text.unicodeScalars) == Array("thi\u{1EC7}n".unicodeScalars))
    editor.insert(" Nguye\u{302}\u{303}n")
    #expect(Array(editor.text.unicodeScalars) == Array("thi\u{1EC7}n Nguy\u{1EC5}n".unicodeScalars))
  }

  @Test(
    "paste insert: line breaks and tabs become spaces, other controls go",
    arguments: [
      ("a\nb", "a b"),
      ("a\r\nb", "a b"),
      ("a\rb\tc", "a b c"),
      ("x\u{1B}[2Jy", "x[2Jy"),
      ("\u{9B}z", "z"),
    ])
  func pasteInsert(_ pasted: String, _ expected: String) {
    var editor = LineEditor("")
    editor.insert(pasted)
    #expect(editor.text == expected)
    #expect(editor.cursor == expected.count)
  }

  @Test("cursor is clamped")
  func clamped() {
    var editor = LineEditor("abc")
    editor.cursor = 99
    #expect(editor.cursor == 3)
    editor.cursor = -1
    #expect(editor.cursor == 0)
    editor.text = "xy"
    #expect(editor.cursor == 2)
  }

  @Test(
    "visible scrolls so the cursor stays inside the field",
    arguments: [
      // field with cursor, width, visible text, cursor column
      ("abc|", 10, "abc", 3),
      ("abcdefghij|", 5, "ghij", 4),
      ("|abcdefghij", 5, "abcde", 0),
      ("abcde|fghij", 5, "bcdef", 4),
      ("ab|cdefghij", 5, "abcde", 2),
      ("中文字符|", 5, "字符", 4),
      ("中文|字符", 5, "文字", 2),  // 字 under the cursor needs two columns
      ("中文|字符", 6, "中文字", 4),
      ("|中文字符", 3, "中", 0),
      ("中|", 1, "", 0),
      ("abc|", 0, "", 0),
      ("Nguyễn Văn An|", 8, " Văn An", 7),
    ])
  func visible(_ marked: String, _ width: Int, _ text: String, _ column: Int) {
    let editor = Self.field(marked)
    let shown = editor.visible(width: width)
    #expect(shown.text == text)
    #expect(shown.cursorColumn == column)
    #expect(TextWidth.width(shown.text) <= max(0, width))
  }
}
