import FollowUpCore
import TermCore

/// A drawn frame: the cells, and where the text cursor should be (nil hides it).
public struct Frame: Equatable, Sendable {
  /// The cells.
  public var grid: Grid
  /// The cursor position, when a text field has focus.
  public var cursor: (x: Int, y: Int)?

  public static func == (a: Frame, b: Frame) -> Bool {
    a.grid == b.grid && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
  }
}

/// Draws the whole state into a grid: a pure function, called for every frame.
public enum Render {
  /// Renders a frame.
  public static func frame(_ s: AppState) -> Frame {
    var g = Grid(size: s.size)
    var cursor: (x: Int, y: Int)? = nil
    let layout = ScreenLayout(s.size)
    guard layout.isUsable else {
      tooSmall(s, &g)
      return Frame(grid: g, cursor: nil)
    }
    header(s, &g, layout)
    switch s.view {
    case .tasks: cursor = tasksView(s, &g, layout)
    case .meetings: meetingsView(s, &g, layout)
    case .agencies: agenciesView(s, &g, layout)
    }
    for overlay in s.overlays {
      switch overlay {
      case .detail(let d):
        cursor = nil
        detailView(s, d, &g, layout)
      case .help(let h):
        cursor = nil
        helpView(s, h, &g, layout)
      case .form(let f): cursor = formView(s, f, &g, layout)
      case .confirm(let c):
        cursor = nil
        confirmView(s, c, &g, layout)
      case .intake(let i): cursor = intakeView(s, i, &g, layout)
      }
    }
    footer(s, &g, layout)
    statusLine(s, &g, layout)
    return Frame(grid: g, cursor: cursor)
  }

  // MARK: Frame parts

  static func header(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(layout.header, style: t.header)
    let tabs = ScreenLayout.tabRanges(s)
    let tabsStart = tabs.first?.1.lowerBound ?? layout.header.width
    let readOnly = s.env.writable ? "" : l.pick(vi: " · CHỈ ĐỌC", en: " · READ-ONLY")
    let day = l.pick(vi: "tính đến ", en: "as of ") + s.env.asOf.formatted
    var title = " FollowUp · \(s.env.fileLabel) · " + day + readOnly
    // The as-of day matters more than the file name when the header is short.
    if TextWidth.width(title) >= tabsStart { title = " FollowUp · " + day + readOnly }
    putLine(&g, title, x: 0, y: 0, width: max(0, tabsStart - 1), style: t.header)
    for (v, range) in tabs {
      g.put(" \(v.rawValue + 1) \(Labels.view(v, l)) ", x: range.lowerBound, y: 0, width: range.count, style: v == s.view ? t.activeTab : t.header)
    }
  }

  /// Draws one line of text cut to `width` columns (and the screen's edge), ending with "…"
  /// when something was cut, so the reader knows there is more.
  @discardableResult
  static func putLine(_ g: inout Grid, _ text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
    let room = max(0, min(width, g.size.width - x))
    return g.put(TextWidth.truncate(text, to: room), x: x, y: y, width: room, style: style)
  }

  /// Wraps text into at most `maxLines` lines of `width` columns, the last ending with "…"
  /// when the rest does not fit.
  static func wrapLines(_ text: String, width: Int, maxLines: Int) -> [String] {
    let lines = TextWidth.wrap(text, width: max(1, width))
    guard lines.count > maxLines, maxLines > 0 else { return lines }
    let last = lines[(maxLines - 1)...].joined(separator: " ")
    return Array(lines.prefix(maxLines - 1)) + [TextWidth.truncate(last, to: width)]
  }

  static func statusLine(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    guard layout.status.height > 0, let m = s.status, !m.text.isEmpty else { return }
    let style = m.isError ? s.env.theme.error : s.env.theme.info
    let text = " " + m.text + " "
    // An error must be read whole: when it does not fit it takes the footer's row as well.
    if m.isError && TextWidth.width(text) > layout.status.width && layout.footer.height > 0 {
      let lines = wrapLines(m.text, width: layout.status.width - 2, maxLines: 2)
      g.fill(Rect(x: 0, y: layout.status.y, width: layout.status.width, height: 2), style: style)
      for (i, line) in lines.enumerated() {
        g.put(" " + line, x: 0, y: layout.status.y + i, width: layout.status.width, style: style)
      }
      return
    }
    putLine(&g, text, x: 0, y: layout.status.y, width: layout.status.width, style: style)
  }

  static func footer(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    guard layout.footer.height > 0 else { return }
    let t = s.env.theme, l = s.env.lang
    var items: [(String, String)]
    let scope = s.keyScope
    let entries = s.env.keys.footerEntries(scope)
    switch scope {
    case .tasks, .meetings, .agencies, .detail:
      // Help and quit are always offered; other entries fill the room left, whole or not at all.
      let isEssential = { (e: FooterEntry) in e.commands.contains(.help) || e.commands.contains(.quit) }
      let essential = entries.filter(isEssential)
      let others = entries.filter { !isEssential($0) }
      let reserved = essential.reduce(0) { $0 + TextWidth.width($1.label) + TextWidth.width($1.text(l)) + 3 }
      var room = layout.footer.width - reserved
      var chosen: [FooterEntry] = []
      for e in others {
        let w = TextWidth.width(e.label) + TextWidth.width(e.text(l)) + 3
        guard w <= room else { break }
        chosen.append(e)
        room -= w
      }
      items = (chosen + essential).map { ($0.label, $0.text(l)) }
    default:
      items = entries.map { ($0.label, $0.text(l)) }
      // The filter line's footer reminds of the language's words rather than more keys.
      if scope == .filter { items.append(("", "agency: with: status: owner: due< meeting: #tag")) }
    }
    var x = 0
    for (key, text) in items {
      let w = TextWidth.width(key) + TextWidth.width(text) + (key.isEmpty ? 1 : 3)
      guard x + w - 2 <= layout.footer.width else { break }
      if !key.isEmpty {
        x += g.put(key, x: x, y: layout.footer.y, width: layout.footer.width - x, style: t.footerKey)
      }
      x += g.put(" " + text + "  ", x: x, y: layout.footer.y, width: layout.footer.width - x, style: t.footerText)
    }
  }

  /// "lines 3–20 of 40" for a scrolled page, or nil when everything fits.
  static func position(top: Int, shown: Int, count: Int, _ l: Lang) -> String? {
    guard count > shown else { return nil }
    let first = top + 1, last = min(count, top + shown)
    return l.pick(vi: "dòng \(first)–\(last)/\(count)", en: "lines \(first)–\(last) of \(count)")
  }

  /// A pinned title row: the title on the left, cut with "…" so the position on the right
  /// (when there is one) always shows whole.
  static func titleRow(_ g: inout Grid, _ title: String, _ titleStyle: Style, position: String?, y: Int, width: Int, _ t: Theme) {
    let posWidth = position.map { TextWidth.width($0) + 1 } ?? 0
    putLine(&g, " " + title, x: 0, y: y, width: max(0, width - posWidth - 1), style: titleStyle)
    if let position {
      g.put(position, x: max(0, width - posWidth), y: y, style: t.muted)
    }
  }

  static func box(_ g: inout Grid, _ r: Rect, title: String, _ t: Theme) {
    g.fill(r, style: .plain)
    guard r.width >= 2, r.height >= 2 else { return }
    let top = "┌" + String(repeating: "─", count: r.width - 2) + "┐"
    let bottom = "└" + String(repeating: "─", count: r.width - 2) + "┘"
    g.put(top, x: r.x, y: r.y, width: r.width)
    g.put(bottom, x: r.x, y: r.maxY - 1, width: r.width)
    for y in (r.y + 1)..<(r.maxY - 1) {
      g.put("│", x: r.x, y: y)
      g.put("│", x: r.maxX - 1, y: y)
    }
    putLine(&g, " " + title + " ", x: r.x + 2, y: r.y, width: r.width - 4, style: t.label)
  }

}
