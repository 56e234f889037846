import CNcursesw
import TermCore
import Testing

@testable import CursesBackend

@Suite("KeyDecoder: wget_wch results to keys, no terminal needed")
struct KeyDecoderTests {
  @Test(
    "characters",
    arguments: [
      (UInt32(0x0A), Key.enter),
      (0x0D, .enter),
      (0x09, .tab),
      (0x7F, .backspace),
      (0x08, .backspace),
      (0x01, .ctrl("a")),
      (0x03, .ctrl("c")),
      (0x17, .ctrl("w")),
      (0x1A, .ctrl("z")),
      (0x00, .ctrl(" ")),
      (0x1C, .ctrl("\\")),
      (0x1F, .ctrl("_")),
      (0x61, .char("a")),
      (0x20, .char(" ")),
      (0xE0, .char("à")),
      (0x1EC7, .char("ệ")),
      (0x4E2D, .char("中")),
      (0x0323, .char("\u{0323}")),
      (0x1F44D, .char("👍")),
    ])
  func characters(_ value: UInt32, _ expected: Key) {
    #expect(KeyDecoder.decode(.character(value)) == .key(expected))
  }

  @Test("ESC starts a sequence; C1 controls and invalid scalars are ignored")
  func specialCharacters() {
    #expect(KeyDecoder.decode(.character(0x1B)) == .escape)
    #expect(KeyDecoder.decode(.character(0x9B)) == .ignored)
    #expect(KeyDecoder.decode(.character(0xD800)) == .ignored)
  }

  @Test(
    "ncurses key codes",
    arguments: [
      (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
      (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
      (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_IC, .insert),
      (KEY_BTAB, .backTab), (KEY_F0 + 1, .function(1)), (KEY_F0 + 5, .function(5)),
      (KEY_F0 + 12, .function(12)), (nc_key_f(24), .function(24)), (KEY_SR, .up), (KEY_SF, .down),
      (KEY_SLEFT, .left), (KEY_SRIGHT, .right), (KEY_A1, .home), (KEY_C3, .pageDown),
    ])
  func keyCodes(_ code: Int32, _ expected: Key) {
    #expect(KeyDecoder.decode(.keyCode(code)) == .key(expected))
  }

  @Test("resize, mouse and unknown codes")
  func otherCodes() {
    #expect(KeyDecoder.decode(.keyCode(KEY_RESIZE)) == .resize)
    #expect(KeyDecoder.decode(.keyCode(KEY_MOUSE)) == .mouse)
    #expect(KeyDecoder.decode(.keyCode(KEY_B2)) == .ignored)
    #expect(KeyDecoder.decode(.keyCode(KEY_F0)) == .ignored)
  }

  @Test(
    "extended codes by terminfo name",
    arguments: [
      ("kUP5", Key?.some(.up)), ("kDN3", .down), ("kLFT5", .left), ("kRIT6", .right),
      ("kHOM5", .home), ("kEND2", .end), ("kNXT5", .pageDown), ("kPRV5", .pageUp),
      ("kDC5", .delete), ("kIC3", .insert), ("kxIN", nil), ("kDCX", nil), ("", nil),
    ])
  func extendedNames(_ name: String, _ expected: Key?) {
    let decoded = KeyDecoder.decode(.keyCode(KEY_MAX + 20), keyName: name)
    #expect(decoded == (expected.map(KeyDecoder.Decoded.key) ?? .ignored))
  }

  @Test(
    "mouse button states",
    arguments: [
      (NC_BUTTON1_PRESSED, MouseEvent.Kind?.some(.press(button: 1))),
      (NC_BUTTON1_RELEASED, .release(button: 1)),
      (NC_BUTTON1_CLICKED, .press(button: 1)),
      (NC_BUTTON3_PRESSED, .press(button: 3)),
      (NC_BUTTON2_RELEASED, .release(button: 2)),
      (NC_BUTTON4_PRESSED, .wheelUp),
      (NC_BUTTON5_PRESSED, .wheelDown),
      (NC_REPORT_MOUSE_POSITION, nil),
      (0, nil),
    ])
  func mouse(_ state: mmask_t, _ expected: MouseEvent.Kind?) {
    #expect(KeyDecoder.mouseKind(buttonState: state) == expected)
  }

  static func seq(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

  @Test(
    "escape sequences ncurses left undecoded",
    arguments: [
      ("[200~", KeyDecoder.Sequence.pasteStart),
      ("[201~", .pasteEnd),
      ("[A", .key(.up)),
      ("[1;5A", .key(.up)),
      ("[D", .key(.left)),
      ("[H", .key(.home)),
      ("[F", .key(.end)),
      ("[Z", .key(.backTab)),
      ("[3~", .key(.delete)),
      ("[3;5~", .key(.delete)),
      ("[5~", .key(.pageUp)),
      ("[6~", .key(.pageDown)),
      ("[1~", .key(.home)),
      ("[4~", .key(.end)),
      ("[15~", .key(.function(5))),
      ("[24~", .key(.function(12))),
      ("OP", .key(.function(1))),
      ("OA", .key(.up)),
      ("OM", .key(.enter)),
      ("[<0;5;3M", .mouse(MouseEvent(kind: .press(button: 1), x: 4, y: 2))),
      ("[<0;5;3m", .mouse(MouseEvent(kind: .release(button: 1), x: 4, y: 2))),
      ("[<2;1;1M", .mouse(MouseEvent(kind: .press(button: 3), x: 0, y: 0))),
      ("[<64;10;4M", .mouse(MouseEvent(kind: .wheelUp, x: 9, y: 3))),
      ("[<65;10;4M", .mouse(MouseEvent(kind: .wheelDown, x: 9, y: 3))),
      ("[<16;2;2M", .mouse(MouseEvent(kind: .press(button: 1), x: 1, y: 1))),  // Ctrl-click
      ("[<35;2;2M", .unknown),  // motion
      ("", .incomplete),
      ("[", .incomplete),
      ("[20", .incomplete),
      ("[<0;5", .incomplete),
      ("O", .incomplete),
      ("[99~", .unknown),
      ("[?1;2c", .unknown),
      ("Ox", .unknown),
      ("x", .unknown),
    ])
  func sequences(_ body: String, _ expected: KeyDecoder.Sequence) {
    #expect(KeyDecoder.decodeSequence(Self.seq(body)) == expected)
  }
}
