import FollowUpCore
import TermCore

// A window below the minimum size: a message asking for more room, and only quitting works.

extension Update {
  /// Keys while the window is too small: only quitting works.
  static func tooSmallKey(_ s: inout AppState, _ key: Key) -> [AppEffect] {
    switch s.env.keys.command(for: key, in: .tooSmall) {
    case .quit?: return quit(&s)
    case .redraw?: return [.redraw]
    default: return []
    }
  }
}

extension Render {
  static func tooSmall(_ s: AppState, _ g: inout Grid) {
    let l = s.env.lang
    let q = s.env.keys.key(.quit)
    let min = ScreenLayout.minimum
    let text = l.pick(
      vi: "Cửa sổ quá nhỏ (\(s.size.width)×\(s.size.height)). Hãy phóng to ít nhất \(min.width)×\(min.height). \(q): thoát",
      en: "Window too small (\(s.size.width)×\(s.size.height)). Enlarge it to at least \(min.width)×\(min.height). \(q): quit")
    let lines = TextWidth.wrap(text, width: max(1, s.size.width))
    for (i, line) in lines.prefix(max(0, s.size.height)).enumerated() {
      g.put(line, x: 0, y: i, width: s.size.width, style: s.env.theme.error)
    }
  }
}
