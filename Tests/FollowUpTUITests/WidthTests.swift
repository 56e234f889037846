import FollowUpCore
import FollowUpTUI
import TermCore
import Testing

/// Hostile text in every column: NFD Vietnamese, CJK, emoji (skin tone, ZWJ family, flag)
/// and raw terminal controls (clear screen, OSC 52 clipboard write).
@Suite struct WidthTests {
  static let nfd = "Nguye\u{302}\u{303}n Bi\u{309}nh Khie\u{302}m"
  static let cjk = "任务管理：中文測試"
  static let emoji = "Duyệt 👍🏽 👨‍👩‍👧‍👦 🇻🇳 xong"
  static let controls = "Xoá\u{1B}[2J màn hình\u{1B}]52;c;SGVsbG8=\u{07} và\u{9B}31m C1\u{7F}"

  /// The sample plus four tasks whose content, lead agency and owner are all hostile.
  static func state(_ lang: Lang = .vi, width: Int = 80, height: Int = 24) -> AppState {
    var catalog = Sample.catalog
    catalog.upsert(Agency(code: "NFD", name: nfd, aliases: [], bloc: .state, order: 60))
    catalog.upsert(Agency(code: "CJK", name: cjk, aliases: [], bloc: .state, order: 61))
    catalog.upsert(Agency(code: "EMO", name: "Sở 👨‍👩‍👧‍👦🇻🇳", aliases: [], bloc: .state, order: 62))
    catalog.upsert(Agency(code: "ESC", name: "Sở\u{1B}[2J", aliases: [], bloc: .state, order: 63))
    catalog.upsert(Person(ref: "X1", family: "Nguye\u{302}\u{303}n", given: "Bi\u{309}nh", agency: "NFD"))
    catalog.upsert(Person(ref: "X2", family: "王", middle: "小", given: "明", agency: "CJK"))
    catalog.upsert(Person(ref: "X3", family: "Lê", given: "👩🏽‍💻", agency: "EMO"))
    catalog.upsert(Person(ref: "X4", family: "Trần\u{1B}]52;c;eA==\u{07}", given: "An", agency: "ESC"))
    func task(_ id: Int, _ content: String, _ lead: String, _ owner: String) -> FollowUpTask {
      FollowUpTask(
        id: id, content: content, lead: lead, owner: owner,
        deadline: .on(Sample.day(2023, 12, 31)), assignedOn: Sample.day(2023, 6, 1), version: 1)
    }
    let extra = [
      task(8, nfd + " — soát xét", "NFD", "X1"),
      task(9, cjk + String(repeating: "中", count: 40), "CJK", "X2"),
      task(10, emoji, "EMO", "X3"),
      task(11, controls, "ESC", "X4"),
    ]
    return Fixture.state(lang, width: width, height: height, tasks: Sample.tasks + extra, catalog: catalog)
  }

  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 41, height: 12), Size(width: 57, height: 10)]

  /// Every screen worth drawing on the hostile data.
  static func screens(_ size: Size, _ lang: Lang) -> [(String, AppState)] {
    func after(_ keys: [Key]) -> AppState {
      var s = state(lang, width: size.width, height: size.height)
      for k in keys { _ = Update.update(&s, .key(k)) }
      return s
    }
    var search = after([.char("/")])
    _ = Update.update(&search, .paste(nfd))
    var form = after([.char("a")])
    _ = Update.update(&form, .paste(emoji + cjk + controls))
    var formError = after([.char("a")])
    _ = Update.update(&formError, .paste(cjk))
    for k in [Key.down] + Array(repeating: .down, count: 4) { _ = Update.update(&formError, .key(k)) }
    _ = Update.update(&formError, .paste("31/6/2023"))
    _ = Update.update(&formError, .key(.enter))
    var menu = after([.char("a"), .down])
    _ = Update.update(&menu, .paste("so"))
    _ = Update.update(&menu, .key(.tab))
    var discard = form
    _ = Update.update(&discard, .key(.escape))
    var highlighted = after([.char("/")])
    _ = Update.update(&highlighted, .paste("bi"))
    return [
      ("form with its error", formError),
      ("completion list", menu),
      ("discard question", discard),
      ("withdraw form", after(jump(to: 11, lang) + [.char("D"), .char("w")])),
      ("detail scrolled", after(jump(to: 9, lang) + [.enter, .pageDown])),
      ("agency drill-down", after([.char("3"), .end, .up, .enter])),
      ("search with highlights", highlighted),
      ("help scrolled", after([.char("?"), .pageDown])),
      ("tasks", after([])),
      ("tasks, last row selected", after([.end])),
      ("detail of the NFD task", after(jump(to: 8, lang) + [.enter])),
      ("detail of the CJK task", after(jump(to: 9, lang) + [.enter])),
      ("detail of the emoji task", after(jump(to: 10, lang) + [.enter])),
      ("detail of the control task", after(jump(to: 11, lang) + [.enter])),
      ("agencies", after([.char("3")])),
      ("agencies, coordinating", after([.char("3"), .char("c")])),
      ("agencies, not rolled up", after([.char("3"), .char("R")])),
      ("meetings", after([.char("2")])),
      ("help", after([.char("?")])),
      ("search", search),
      ("form", form),
      ("edit form", after(jump(to: 9, lang) + [.char("e")])),
      ("question", after(jump(to: 11, lang) + [.char("D")])),
    ]
  }

  /// The keys that move the cursor from the top to a task.
  static func jump(to id: Int, _ lang: Lang) -> [Key] {
    let s = state(lang)
    let row = s.list.visible.firstIndex(of: id) ?? 0
    return [.home] + Array(repeating: Key.down, count: row)
  }

  @Test(arguments: [Lang.vi, .en], sizes)
  func everyRowIsExactlyTheWindowWide(lang: Lang, size: Size) {
    for (name, s) in Self.screens(size, lang) {
      let g = Render.frame(s).grid
      #expect(g.size == size)
      for y in 0..<g.size.height {
        let problems = rowProblems(g, y)
        #expect(problems.isEmpty, "\(name) \(size) row \(y): \(problems) in |\(g.rowText(y))|")
      }
    }
  }

  @Test(arguments: [Lang.vi, .en], sizes)
  func noCellHoldsAControlCharacter(lang: Lang, size: Size) {
    for (name, s) in Self.screens(size, lang) {
      let g = Render.frame(s).grid
      for y in 0..<g.size.height {
        for x in 0..<g.size.width {
          let bad = g[x: x, y: y].grapheme.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
          #expect(bad.isEmpty, "\(name) \(size) (\(x),\(y)) holds \(bad.map { String($0.value, radix: 16) })")
        }
      }
    }
  }

  /// In the task list the lead, owner and content columns start at the same column on every
  /// row, whatever the width of what the previous column held.
  @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func taskColumnsLineUp(size: Size) throws {
    let s = Self.state(.en, width: size.width, height: size.height)
    let g = Render.frame(s).grid
    let heading = g.rowText(2)
    let leadX = try #require(columnOf("Lead", in: heading))
    let ownerX = try #require(columnOf("Owner", in: heading))
    let contentX = try #require(columnOf("Content", in: heading))
    for (row, id) in s.list.visible.enumerated() {
      let y = 3 + row
      guard let task = s.data.tasks[id] else { continue }
      for (x, text) in [(leadX, s.data.catalog.agencyLabel(task.lead)), (ownerX, s.data.catalog.personName(task.owner)), (contentX, task.content)] {
        let first = String(DisplaySafe.sanitize(text).precomposedStringWithCanonicalMapping.first ?? " ")
        #expect(g[x: x, y: y].grapheme == first, "task \(id): column \(x) holds |\(g[x: x, y: y].grapheme)|, not |\(first)|")
        #expect(g[x: x - 1, y: y].grapheme == " " && !g[x: x - 1, y: y].isContinuation, "task \(id): no gap before column \(x)")
      }
    }
  }

  /// The agencies view's numbers are right-aligned: each column's last digit sits at the same x.
  @Test(arguments: [Lang.vi, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func agencyNumbersLineUp(lang: Lang, size: Size) {
    var s = Self.state(lang, width: size.width, height: size.height)
    press(&s, .char("3"), .char("R"))
    let g = Render.frame(s).grid
    let rows = s.workload.rows
    #expect(rows.count >= 6)
    // The total column: right edge found on the heading row.
    let heading = g.rowText(3)
    let title = lang == .vi ? "Tổng" : "Total"
    guard let x = columnOf(title, in: heading) else {
      Issue.record("no \(title) in |\(heading)|")
      return
    }
    let right = x + TextWidth.width(title) - 1
    for (i, r) in rows.enumerated() {
      let y = 4 + i
      let digits = String(r.counts.total)
      #expect(g[x: right, y: y].grapheme == String(digits.last ?? " "), "row \(i + 1) |\(g.rowText(y))|")
      #expect(g[x: right + 1, y: y].grapheme == " ")
    }
  }

  @Test func nfdTextIsShownComposedAndFoundWithoutDiacritics() {
    var s = Self.state(.en)
    let g = Render.frame(s).grid
    let all = (0..<g.size.height).map { g.rowText($0) }.joined(separator: "\n")
    #expect(all.contains("Nguyễn Bỉnh Khiêm — soát xét"))
    press(&s, .char("/"))
    type(&s, "nguyen binh khiem")
    #expect(Set(s.list.visible) == [4, 8])
  }

  @Test func controlsAreShownAsVisibleStandIns() {
    var s = Self.state(.en, width: 120, height: 40)
    press(&s, .char("/"))
    type(&s, "man hinh")
    #expect(s.list.visible == [11])
    let text = screenText(s)
    #expect(text.contains("␛[2J"))
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
  }

  /// One and zero columns, one and zero rows: nothing traps, every view, every overlay.
  @Test(arguments: [
    Size(width: 1, height: 24), Size(width: 0, height: 24), Size(width: 80, height: 1), Size(width: 80, height: 0),
    Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 2, height: 2), Size(width: 39, height: 9),
    Size(width: 40, height: 10),
  ])
  func degenerateWindowsDoNotCrash(size: Size) {
    for (name, s) in Self.screens(Size(width: 80, height: 24), .vi) {
      var t = s
      #expect(send(&t, .resized(size)) == [])
      let frame = Render.frame(t)
      #expect(frame.grid.size == size, "\(name)")
      for y in 0..<frame.grid.size.height {
        #expect(rowProblems(frame.grid, y).isEmpty, "\(name) \(size) row \(y)")
      }
      // Keys and mouse at this size must not trap either.
      _ = press(&t, .down, .pageDown, .end, .up, .home)
      _ = send(&t, .mouse(MouseEvent(kind: .press(button: 1), x: 0, y: 0)), .mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
      _ = Render.frame(t)
    }
  }

  @Test func aFieldScrollsWideTextWithoutSplittingIt() {
    var s = Fixture.state(.vi, width: 40, height: 10)
    press(&s, .char("a"))
    _ = send(&s, .paste(String(repeating: "中文", count: 30)))
    let frame = Render.frame(s)
    let g = frame.grid
    for y in 0..<g.size.height { #expect(rowProblems(g, y).isEmpty, "row \(y) |\(g.rowText(y))|") }
    let cursor = frame.cursor
    #expect(cursor != nil)
    if let c = cursor {
      #expect(c.x < g.size.width)
      #expect(!g[x: c.x, y: c.y].isContinuation, "the cursor never sits on the right half of a wide character")
    }
  }
}

/// What is wrong with a row: a continuation cell with no wide head before it, a wide head
/// without its continuation, a zero-width grapheme, or widths not adding up to the row.
func rowProblems(_ g: Grid, _ y: Int) -> [String] {
  var problems: [String] = []
  var total = 0
  var x = 0
  while x < g.size.width {
    let c = g[x: x, y: y]
    if c.isContinuation {
      problems.append("stray continuation at \(x)")
      x += 1
      total += 1
      continue
    }
    let w = TextWidth.width(c.grapheme)
    switch w {
    case 1:
      total += 1
      x += 1
    case 2:
      if x + 1 < g.size.width && g[x: x + 1, y: y].isContinuation {
        total += 2
        x += 2
      } else {
        problems.append("wide |\(c.grapheme)| at \(x) without a continuation")
        total += 2
        x += 1
      }
    default:
      problems.append("|\(c.grapheme)| of width \(w) at \(x)")
      x += 1
    }
  }
  if total != g.size.width && problems.isEmpty { problems.append("widths add up to \(total)") }
  return problems
}

/// The display column where `word` starts in a row's text.
func columnOf(_ word: String, in text: String) -> Int? {
  guard let r = text.range(of: word) else { return nil }
  return TextWidth.width(String(text[..<r.lowerBound]))
}
