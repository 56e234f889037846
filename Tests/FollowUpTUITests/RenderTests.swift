import FollowUpCore
import FollowUpTUI
import TermCore
import Testing

/// Targeted checks of what the goldens show: styles of key cells, the footer, the detail text.
@Suite struct RenderTests {
  /// Rows of the list start at y = 3; the mark column is x = 4…5 (ids are 3 wide + a space).
  static let markX = 4

  static func row(of id: Int, _ s: AppState) -> Int? {
    s.list.visible.firstIndex(of: id).map { 3 + $0 - s.list.scroll.top }
  }

  @Test(arguments: [Theme.colour256, .colour16, .monochrome])
  func overdueAndDoneMarksHaveTheirStyles(theme: Theme) throws {
    var env = Fixture.env(.en, theme: theme)
    env.theme = theme
    var s = Fixture.state(env: env, size: Size(width: 80, height: 24))
    press(&s, .down)  // the overdue task 1 is no longer selected
    let g = Render.frame(s).grid
    let overdueY = try #require(Self.row(of: 1, s))
    #expect(g[x: Self.markX, y: overdueY].grapheme == "!")
    #expect(g[x: Self.markX, y: overdueY].style == theme.overdue)
    for id in [3, 6] {
      let y = try #require(Self.row(of: id, s))
      #expect(g[x: Self.markX, y: y].grapheme == "✓")
      #expect(g[x: Self.markX, y: y].style == theme.done, "task \(id)")
    }
    let soonY = try #require(Self.row(of: 4, s))
    #expect(g[x: Self.markX, y: soonY].grapheme == "~")
    let expectedSoon = theme.dueSoon.with(theme.selected.attributes)
    #expect(g[x: Self.markX, y: soonY].style.attributes.contains(.reverse))
    #expect(g[x: Self.markX, y: soonY].style.foreground == expectedSoon.foreground)
  }

  @Test func theSelectedRowIsReversedAcrossTheWholeWidth() throws {
    var s = Fixture.state(.vi, width: 120, height: 40)
    press(&s, .down, .down)
    let g = Render.frame(s).grid
    let y = try #require(Self.row(of: 2, s))
    for x in 0..<120 {
      #expect(g[x: x, y: y].style.attributes.contains(.reverse), "x = \(x)")
    }
    let other = try #require(Self.row(of: 1, s))
    for x in 0..<120 {
      #expect(!g[x: x, y: other].style.attributes.contains(.reverse), "x = \(x)")
    }
  }

  @Test func noRowIsReversedUnderAnOverlay() {
    var s = Fixture.state()
    press(&s, .char("a"))
    let g = Render.frame(s).grid
    let reversedRows = (3..<21).filter { y in (0..<80).contains { g[x: $0, y: y].style.attributes.contains(.reverse) && g[x: $0, y: y].grapheme != " " } }
    // Only the highlighted suggestion could be reversed, and there is none yet.
    #expect(reversedRows.isEmpty)
  }

  @Test func markedRowsShowAStarInTheMarkedStyle() throws {
    var s = Fixture.state()
    press(&s, .char("v"))
    let g = Render.frame(s).grid
    let y = try #require(Self.row(of: 1, s))
    #expect(g.rowText(y).hasPrefix(" *1"))
    #expect(g[x: 1, y: y].style == s.env.theme.marked)
    #expect(g.rowText(1).contains("1 marked"))
  }

  @Test func theActiveTabIsHighlighted() throws {
    var s = Fixture.state(.en)
    press(&s, .char("3"))
    let g = Render.frame(s).grid
    let x = try #require(columnOf("3 Agencies", in: g.rowText(0)))
    #expect(g[x: x, y: 0].style == s.env.theme.activeTab)
    let y = try #require(columnOf("1 Tasks", in: g.rowText(0)))
    #expect(g[x: y, y: 0].style == s.env.theme.header)
  }

  @Test func anErrorInTheStatusLineUsesTheErrorStyle() {
    var s = Fixture.state(.en)
    send(&s, .saveFailed(UserError(.x, vi: "Tệp chỉ đọc", en: "The file is read-only")))
    let g = Render.frame(s).grid
    #expect(g.rowText(22).hasPrefix(" Not saved: The file is read-only "))
    #expect(g[x: 1, y: 22].style == s.env.theme.error)
  }

  @Test func theOverdueCountInTheAgenciesViewIsEmphasised() throws {
    var s = Fixture.state(.en, width: 120, height: 40)
    press(&s, .char("3"))
    let g = Render.frame(s).grid
    // Row 2 (Liên hiệp hội) has one overdue task: task 1, led by the rolled-up Đảng đoàn.
    let heading = g.rowText(3)
    let x = try #require(columnOf("Overdue", in: heading)) + TextWidth.width("Overdue") - 1
    #expect(g[x: x, y: 5].grapheme == "1")
    #expect(g[x: x, y: 5].style == s.env.theme.overdue)
    #expect(g[x: x, y: 4].grapheme == "0")
    #expect(g[x: x, y: 4].style == .plain)
  }

  @Test func readOnlyFilesSayInTheHeader() {
    let s = Fixture.state(env: Fixture.env(.vi, writable: false), size: Size(width: 120, height: 40))
    #expect(Render.frame(s).grid.rowText(0).contains("CHỈ ĐỌC"))
  }

  // MARK: Footer

  /// Every scope's footer entries, as the footer draws them.
  static func footerItems(_ s: AppState) -> [String] {
    s.env.keys.footer(s.scope).map { $0.footerLabel + " " + $0.help(s.env.lang) }
  }

  /// The footer's entries other than help and quit, and those two, which it always keeps.
  static func footerParts(_ s: AppState) -> (others: [String], essential: [String]) {
    let all = s.env.keys.footer(s.scope)
    let text = { (b: KeyBinding) in b.footerLabel + " " + b.help(s.env.lang) }
    return (
      all.filter { $0.command != .help && $0.command != .quit }.map(text),
      all.filter { $0.command == .help || $0.command == .quit }.map(text)
    )
  }

  /// The footer shows whole entries: never half a word such as "n progress n".
  @Test(arguments: [Lang.vi, .en], ["tasks", "meetings", "agencies", "detail"])
  func theFooterNeverCutsAnEntry(lang: Lang, screen: String) {
    var s = Fixture.state(lang, width: 80, height: 24)
    switch screen {
    case "meetings": press(&s, .char("2"))
    case "agencies": press(&s, .char("3"))
    case "detail": press(&s, .enter)
    default: break
    }
    let row = Render.frame(s).grid.rowText(23)
    let shown = row.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    // Entries are dropped whole from the end of the list; help and quit always stay.
    let (others, essential) = Self.footerParts(s)
    let allowed = (0...others.count).map { (Array(others.prefix($0)) + essential).joined(separator: "  ") }
    #expect(allowed.contains(shown), "footer |\(shown)| ends in the middle of an entry")
  }

  /// `?` (help) and `q` (quit) are the two keys a new user needs; the footer keeps them at 80
  /// columns, even when other entries have to go.
  @Test(arguments: [Lang.vi, .en])
  func theFooterAlwaysOffersHelpAndQuit(lang: Lang) {
    let s = Fixture.state(lang, width: 80, height: 24)
    let row = Render.frame(s).grid.rowText(23)
    #expect(row.contains("? " + lang.pick(vi: "trợ giúp", en: "help")), "|\(row)|")
    #expect(row.contains("q " + lang.pick(vi: "thoát", en: "quit")), "|\(row)|")
  }

  // MARK: Detail

  /// Wrapped lines of the detail screen keep every word: nothing falls off the right edge.
  @Test(arguments: [Lang.vi, .en], [80, 100, 120])
  func theDetailScreenLosesNoText(lang: Lang, width: Int) throws {
    var s = Fixture.state(lang, width: width, height: 60)
    press(&s, .down, .enter)
    let g = Render.frame(s).grid
    let rows = (0..<g.size.height).map { g.rowText($0) }
    let label = lang.pick(vi: " Cuộc họp: ", en: " Meeting: ")
    let start = try #require(rows.firstIndex { $0.hasPrefix(label) })
    var text = String(rows[start].dropFirst(label.count))
    for row in rows[(start + 1)...] {
      guard row.hasPrefix("   "), !row.hasPrefix("    ") else { break }
      text += " " + row
    }
    let joined = text.split(separator: " ").joined(separator: " ")
    let title = Sample.catalog.meetings["M2023-0526"]?.title ?? "?"
    #expect(joined.hasSuffix(title), "the wrapped meeting line lost text:\n\(joined)\n≠ …\(title)")
  }
}

extension RenderTests {
  /// The meetings view's headings are in the interface's language ("NV" is Vietnamese for
  /// nhiệm vụ, tasks).
  @Test func meetingHeadingsAreTranslated() {
    var s = Fixture.state(.en)
    press(&s, .char("2"))
    let heading = Render.frame(s).grid.rowText(2)
    #expect(!heading.contains(" NV "), "|\(heading)|")
    #expect(heading.contains("Tasks"), "|\(heading)|")
  }
}
