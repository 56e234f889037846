import CNcursesw
import TermCore
import Testing

@testable import CursesBackend

@Suite("ColorPairs: styles to attributes and on-demand colour pairs")
struct ColorPairsTests {
  /// Records init_pair calls instead of touching a terminal.
  final class Recorder {
    var calls: [(Int16, Int16, Int16)] = []
  }

  func pairs(_ mode: ColorMode, colors: Int = 256, limit: Int = 100, defaults: Bool = true) -> (
    ColorPairs, Recorder
  ) {
    let recorder = Recorder()
    let pairs = ColorPairs(
      mode: mode, colors: colors, pairs: limit, defaultColorsAvailable: defaults,
      initPair: { pair, fg, bg in
        recorder.calls.append((pair, fg, bg))
        return true
      })
    return (pairs, recorder)
  }

  @Test("pairs are allocated once per colour combination")
  func cached() {
    let (colors, recorder) = pairs(.indexed256)
    #expect(colors.pair(foreground: .standard, background: .standard) == 0)
    #expect(colors.pair(foreground: .red, background: .standard) == 1)
    #expect(colors.pair(foreground: .indexed(196), background: .blue) == 2)
    #expect(colors.pair(foreground: .red, background: .standard) == 1)
    #expect(recorder.calls.count == 2)
    #expect(recorder.calls[1] == (2, 196, 4))
    #expect(recorder.calls[0] == (1, 1, -1))
  }

  @Test("when pairs run out, pair 0 is used")
  func exhausted() {
    let (colors, _) = pairs(.indexed256, limit: 3)
    #expect(colors.pair(foreground: .red, background: .standard) == 1)
    #expect(colors.pair(foreground: .green, background: .standard) == 2)
    #expect(colors.pair(foreground: .blue, background: .standard) == 0)
    #expect(colors.allocatedCount == 2)
  }

  @Test("16-colour mode maps palette colours to the nearest ANSI colour")
  func ansi16() {
    let (colors, recorder) = pairs(.ansi16, colors: 16)
    _ = colors.pair(foreground: .indexed(196), background: .indexed(21))
    #expect(recorder.calls.first.map { [$0.1, $0.2] } == [9, 4])
    #expect(colors.number(.ansi(12), isForeground: true) == 12)
  }

  @Test("8-colour terminals fold bright colours onto the basic eight")
  func eightColors() {
    let (colors, _) = pairs(.ansi16, colors: 8)
    #expect(colors.number(.brightRed, isForeground: true) == 1)
  }

  @Test("without default colours the default is white on black")
  func noDefaults() {
    let (colors, _) = pairs(.ansi16, colors: 8, defaults: false)
    #expect(colors.number(.standard, isForeground: true) == 7)
    #expect(colors.number(.standard, isForeground: false) == 0)
  }

  @Test("no-colour mode uses attributes only and shows backgrounds as reverse")
  func noColor() {
    let (colors, recorder) = pairs(.none)
    let bold = colors.attributes(for: Style.plain.fg(.red).bold())
    #expect(bold.pair == 0 && bold.attributes == NC_A_BOLD)
    let selected = colors.attributes(for: Style.plain.bg(.blue))
    #expect(selected.attributes == NC_A_REVERSE)
    #expect(recorder.calls.isEmpty)
  }

  @Test("attributes map bit by bit")
  func attributes() {
    let (colors, _) = pairs(.indexed256)
    let all = colors.attributes(
      for: Style(attributes: [.bold, .dim, .italic, .underline, .reverse]))
    #expect(all.attributes == NC_A_BOLD | NC_A_DIM | NC_A_ITALIC | NC_A_UNDERLINE | NC_A_REVERSE)
    #expect(colors.attributes(for: .plain).attributes == NC_A_NORMAL)
  }

  @Test(
    "colour mode resolution",
    arguments: [
      (ColorMode.auto, false, true, 256, ColorMode.indexed256),
      (.auto, false, true, 8, .ansi16),
      (.auto, true, true, 256, .none),  // NO_COLOR
      (.auto, false, false, 0, .none),
      (.indexed256, false, true, 16, .ansi16),
      (.ansi16, true, true, 256, .ansi16),  // an explicit choice beats NO_COLOR
      (.none, false, true, 256, .none),
    ])
  func resolution(
    _ mode: ColorMode, _ noColor: Bool, _ has: Bool, _ count: Int, _ expected: ColorMode
  ) {
    #expect(mode.resolved(noColor: noColor, hasColors: has, colors: count) == expected)
  }
}
