import FollowUpCore
import TermCore

/// What the help screen shows: every key of the key map, the marks and the filter language,
/// laid out in columns for the screen's width.
public enum HelpPage {
  /// One section of the help screen: a title and its lines.
  struct Section {
    var title: String
    var lines: [String]
  }

  /// The help screen's sections: the keys of what was on screen first, then every other
  /// view's and mode's, the text fields', the marks and the filter language.
  static func sections(_ s: AppState) -> [Section] {
    let l = s.env.lang
    let keys = s.env.keys
    let current = s.scopeUnderHelp
    let scopes = [current] + KeyScope.allCases.filter { $0 != current }
    var out: [Section] = []
    func section(_ title: String, _ bindings: [KeyBinding], _ scope: KeyScope?) {
      let rows = bindings.map { b in (KeyMap.describe(scope.map { b.keys(in: $0) } ?? b.keys), b) }.filter { !$0.0.isEmpty }
      guard !rows.isEmpty else { return }
      let width = rows.map { TextWidth.width($0.0) }.max() ?? 8
      out.append(Section(title: title, lines: rows.map { "  " + TextWidth.pad($0.0, to: width) + "  " + $0.1.help(l) }))
    }
    for scope in scopes {
      section(scope.title(l, keys), keys.bindings.filter { $0.scopes.contains(scope) && !$0.appliesEverywhere }, scope)
    }
    section(l.pick(vi: "Mọi nơi", en: "Everywhere"), keys.bindings.filter(\.appliesEverywhere), nil)
    let width = KeyMap.editing.map { TextWidth.width($0.label) }.max() ?? 8
    out.append(Section(
      title: l.pick(vi: "Ô nhập", en: "Text fields"),
      lines: KeyMap.editing.map { "  " + TextWidth.pad($0.label, to: width) + "  " + l.pick(vi: $0.vi, en: $0.en) }
        + [l.pick(vi: "  Dán được; chữ dán vào không bao giờ chạy thành lệnh.", en: "  Pasting works; pasted text never runs as commands.")]))
    out.append(Section(title: l.pick(vi: "Ký hiệu", en: "Marks"), lines: Labels.marks(l).map { "  " + TextWidth.pad($0.0, to: 3) + " " + $0.1 }))
    out.append(Section(title: l.pick(vi: "Bộ lọc", en: "Filter") + " (\(keys.key(.filter)))", lines: [
      "  agency:LHH  with:SNV  status:overdue  owner:thuy  who:me  due<31/12/2023  due:week",
      "  meeting:M2023-0526  #khẩn  id:3-7  priority:yes  -status:done  nguyen binh khiem",
      l.pick(vi: "  Từ gõ liền nhau là một cụm; không cần dấu (dao = Đào). Dấu phẩy: một trong các giá trị.",
        en: "  Words typed together form one phrase; no diacritics needed (dao = Đào). Commas: any of the values."),
    ]))
    return out
  }

  /// The help screen's lines, one column: every key, the marks and the filter language.
  public static func lines(_ s: AppState) -> [String] {
    sections(s).flatMap { [$0.title] + $0.lines + [""] }
  }

  /// The columns the help screen shows at its size: two side by side when the window is wide
  /// enough, split between sections, else one; lines are wrapped to the column.
  public static func columns(_ s: AppState) -> [[String]] {
    let layout = ScreenLayout(s.size)
    let sections = sections(s)
    let two = layout.helpHasTwoColumns
    let columnWidth = layout.helpColumnWidth
    func wrapped(_ sec: Section) -> [String] {
      ([sec.title] + sec.lines).flatMap { line -> [String] in
        let indent = line.hasPrefix("  ") ? "      " : ""
        let parts = TextWidth.wrap(line, width: max(10, columnWidth - 1))
        guard let head = parts.first else { return [line] }
        let rest = parts.dropFirst().joined(separator: " ")
        return [head] + (rest.isEmpty ? [] : TextWidth.wrap(rest, width: max(4, columnWidth - 1 - indent.count)).map { indent + $0 })
      } + [""]
    }
    let blocks = sections.map(wrapped)
    guard two else { return [blocks.flatMap { $0 }] }
    // Split where the two columns come closest to the same length.
    let total = blocks.reduce(0) { $0 + $1.count }
    var best = 1, bestDiff = Int.max, left = 0
    for i in 1..<max(2, blocks.count) {
      left += blocks[i - 1].count
      let diff = abs(total - 2 * left)
      if diff < bestDiff {
        bestDiff = diff
        best = i
      }
    }
    return [blocks.prefix(best).flatMap { $0 }, blocks.dropFirst(best).flatMap { $0 }]
  }
}

extension Render {
  static func helpView(_ s: AppState, _ h: Scroller, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(Rect(x: 0, y: layout.page.y, width: layout.page.width, height: layout.page.height + 1), style: .plain)
    let columns = HelpPage.columns(s)
    let height = layout.pageRows
    let count = columns.map(\.count).max() ?? 0
    titleRow(&g, l.pick(vi: "Phím tắt", en: "Keys"), t.label, position: position(top: h.top, shown: height, count: count, l), y: layout.page.y, width: layout.page.width, t)
    let columnWidth = layout.helpColumnWidth
    for (c, lines) in columns.enumerated() {
      let x = c == 0 ? 0 : columnWidth + 2
      for row in 0..<height {
        let i = h.top + row
        guard lines.indices.contains(i) else { break }
        let line = lines[i]
        let style = !line.hasPrefix(" ") && !line.isEmpty ? t.label : .plain
        putLine(&g, " " + line, x: x, y: layout.page.y + 1 + row, width: columnWidth + 1, style: style)
      }
    }
  }
}
