import FollowUpCore
import FollowUpTUI
import Foundation
import TermCore
import Testing

/// The key map, declared once: no key does two things in one place, every command has a key,
/// every entry explains itself in both languages.
@Suite struct KeyMapTests {
  let keys = KeyMap.standard

  @Test func noKeyIsBoundTwiceInOneScope() {
    let conflicts = keys.conflicts.map { "\($0.0) in \($0.1): \($0.2)" }
    #expect(conflicts.isEmpty, "\(conflicts)")
  }

  @Test(arguments: Command.allCases)
  func everyCommandIsReachable(command: Command) {
    let bound = keys.bindings.filter { $0.command == command && !$0.keys.isEmpty && !$0.scopes.isEmpty }
    #expect(!bound.isEmpty, "no key reaches \(command)")
    // And the key really resolves to it somewhere (not shadowed by an earlier binding).
    let reachable = bound.contains { b in b.scopes.contains { scope in b.keys.contains { keys.command(for: $0, in: scope) == command } } }
    #expect(reachable, "\(command) is shadowed everywhere")
  }

  @Test func everyEntryHasHelpInBothLanguages() {
    for b in keys.bindings {
      #expect(!b.label.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.command) has no label")
      #expect(!b.vi.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.command) has no Vietnamese text")
      #expect(!b.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.command) has no English text")
      #expect(b.help(.vi) == b.vi && b.help(.en) == b.en)
    }
  }

  @Test(arguments: [KeyScope.tasks, .meetings, .agencies, .detail])
  func everyScopeHasAFooterAndEveryFooterEntryHasText(scope: KeyScope) {
    let footer = keys.footer(scope)
    #expect(!footer.isEmpty)
    for b in footer {
      #expect(b.scopes.contains(scope))
      for l in Lang.allCases { #expect(!b.help(l).isEmpty) }
    }
    #expect(footer.contains { $0.command == .quit }, "every footer offers quit")
    #expect(footer.contains { $0.command == .help }, "every footer offers help")
  }

  /// The `?` screen lists every binding of every view and mode under that scope's title,
  /// with the keys that work there and its text in the language shown.
  @Test(arguments: Lang.allCases)
  func theHelpScreenListsEveryBinding(lang: Lang) {
    let s = Fixture.state(lang)
    let lines = HelpPage.lines(s)
    for scope in KeyScope.allCases {
      let title = scope.title(lang, keys)
      guard let start = lines.firstIndex(of: title) else {
        Issue.record("no section \(title)")
        continue
      }
      let section = lines[start...].prefix { !$0.isEmpty }
      for b in keys.bindings where b.scopes.contains(scope) && !b.appliesEverywhere {
        let label = KeyMap.describe(b.keys(in: scope))
        #expect(section.contains { $0.hasPrefix("  " + label + " ") && $0.hasSuffix(b.help(lang)) }, "\(b.command) missing from \(title)")
      }
    }
    let everywhere = lines.drop { $0 != lang.pick(vi: "Mọi nơi", en: "Everywhere") }.prefix { !$0.isEmpty }
    for b in keys.bindings where b.appliesEverywhere {
      #expect(everywhere.contains { $0.hasPrefix("  " + b.label + " ") && $0.hasSuffix(b.help(lang)) }, "\(b.command) missing")
    }
    for k in KeyMap.editing {
      #expect(lines.contains { $0.contains(k.label) && $0.hasSuffix(lang.pick(vi: k.vi, en: k.en)) }, "\(k.label) missing")
    }
  }

  /// Saving from a form with Ctrl-S, the completion keys Ctrl-N/P and the filter's `:` are
  /// keys people look for on the `?` screen.
  @Test func theHelpScreenNamesTheKeysOnceMissing() {
    let lines = HelpPage.lines(Fixture.state(.en))
    #expect(lines.contains { $0.contains("Enter/Ctrl-S") && $0.hasSuffix("save") })
    #expect(lines.contains { $0.contains("Ctrl-N") && $0.hasSuffix("next suggestion") })
    #expect(lines.contains { $0.contains("Ctrl-P") && $0.hasSuffix("previous suggestion") })
    #expect(lines.contains { $0.contains("f/:") && $0.hasSuffix("filter") })
  }

  /// The README's key table is the one the key map writes: editing a key without the README
  /// (or the other way round) fails here.
  @Test func theReadmeKeyTableIsTheKeyMaps() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = "<!-- keys:begin -->\n", end = "<!-- keys:end -->"
    let expected = keys.markdownTable(.en)
    guard let a = readme.range(of: begin), let b = readme.range(of: end, range: a.upperBound..<readme.endIndex) else {
      Issue.record("README.md has no \(begin.dropLast()) … \(end) block; it should hold:\n\(expected)")
      return
    }
    let shown = String(readme[a.upperBound..<b.lowerBound])
    // As for the golden screens, RECORD_SNAPSHOTS=1 writes the table instead of checking it.
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1", shown != expected {
      try (readme[..<a.upperBound] + expected + readme[b.lowerBound...]).write(
        to: root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
      return
    }
    #expect(shown == expected, "README.md's key table differs from the key map's (RECORD_SNAPSHOTS=1 writes it); it should be:\n\(expected)")
  }

  @Test func describedKeysParseBack() {
    for b in keys.bindings {
      for k in b.keys {
        #expect(KeyMap.parse(KeyMap.describe(k)) == k, "\(k) → \(KeyMap.describe(k))")
      }
    }
  }

  /// A remap reaches a form's keys: the new key saves, the old one no longer does, and the
  /// form's footer and hint name the new key.
  @Test func remappingReachesTheFormItsFooterAndItsHint() {
    var s = Fixture.state(.en)
    s.env.keys.rebind(.save, to: [.ctrl("x")])
    press(&s, .char("n"))
    type(&s, "called the lead agency")
    guard let before = topForm(s) else {
      Issue.record("no form")
      return
    }
    #expect(press(&s, .enter) == [], "Enter no longer saves")
    #expect(topForm(s)?.saving == false)
    let effects = press(&s, .ctrl("x"))
    #expect(effects.count == 1 && topForm(s)?.saving == true, "\(effects)")
    var shown = s
    shown.overlays[shown.overlays.count - 1] = .form(before)
    let text = screenText(shown)
    #expect(text.contains("Ctrl-X save"), "footer:\n\(text)")
    #expect(text.contains("Ctrl-X saves"), "hint:\n\(text)")
    #expect(HelpPage.lines(shown).contains { $0.hasPrefix("  Ctrl-X ") && $0.hasSuffix("save") })
  }

  /// A remap reaches the other modes too: the delete question, the search line and the
  /// too-small screen read their keys from the same map.
  @Test func remappingReachesDialogsPromptsAndTheTooSmallScreen() {
    var s = Fixture.state(.en)
    s.env.keys.rebind(.withdraw, to: [.char("z")])
    press(&s, .char("D"))
    #expect(screenText(s).contains("  z  withdraw"))
    press(&s, .char("w"))
    if case .confirm? = s.overlays.last {} else { Issue.record("w still withdraws") }
    press(&s, .char("z"))
    guard case .withdraw? = topForm(s)?.purpose else {
      Issue.record("z does not withdraw")
      return
    }

    var p = Fixture.state(.en)
    p.env.keys.rebind(.keepSearch, to: [.ctrl("g")])
    press(&p, .char("/"))
    type(&p, "dao")
    press(&p, .enter)
    #expect(p.prompt != nil, "Enter no longer keeps the search")
    press(&p, .ctrl("g"))
    #expect(p.prompt == nil && p.list.searchText == "dao")

    var q = Fixture.state(.en, width: 30, height: 8)
    q.env.keys.rebind(.quit, to: [.char("x")])
    #expect(screenText(q).contains("x: quit"))
    #expect(press(&q, .char("q")) == [])
    #expect(press(&q, .char("x")) == [.quit])
  }

  /// In a text field typing wins: a binding's letter keys do not fire there, while its other
  /// keys do (↑ moves the list under the search line, k is typed).
  @Test func textFieldsKeepTheirKeys() {
    var s = Fixture.state(.en)
    press(&s, .char("/"))
    press(&s, .char("k"))
    #expect(s.list.searchText == "k")
    press(&s, .backspace, .down)
    #expect(s.list.scroll.cursor == 1 && s.prompt != nil)
  }

  /// The text fields' keys the help lists are the ones the line editor really takes.
  @Test func theListedEditingKeysAreTheEditors() {
    for k in KeyMap.editing {
      for name in k.keys {
        let key = KeyMap.parse(name)
        #expect(key.map(KeyMap.editsText) == true, "\(name) is not an editing key")
      }
    }
  }

  /// Every standard binding works somewhere; a form command bound only to a letter would not.
  @Test func aKeyATextFieldTypesCannotReachAFormCommand() {
    for b in keys.bindings { #expect(keys.reaches(b.command, with: b.keys), "\(b.command)") }
    #expect(!keys.reaches(.save, with: [.char("s")]))
    #expect(keys.reaches(.save, with: [.char("s"), .ctrl("x")]))
    #expect(keys.reaches(.moveUp, with: [.char("k")]), "letters still move the lists")
  }

  @Test func rebindingTakesTheKeyFromOtherCommands() {
    var map = KeyMap.standard
    map.rebind(.toggleDone, to: [.char("x")])
    #expect(map.command(for: .char("x"), in: .tasks) == .toggleDone)
    #expect(map.command(for: .char(" "), in: .tasks) == nil)
    #expect(map.bindings.first { $0.command == .extend }?.keys == [])
    #expect(map.conflicts.isEmpty)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var scope: KeyScope
    var key: Key
    var command: Command?
    var testDescription: String { "\(scope) \(KeyMap.describe(key)) → \(command.map(\.rawValue) ?? "nothing")" }
    init(_ scope: KeyScope, _ key: Key, _ command: Command?) {
      self.scope = scope
      self.key = key
      self.command = command
    }
  }

  static let table: [Case] = [
    // The task list.
    Case(.tasks, .down, .moveDown), Case(.tasks, .char("j"), .moveDown),
    Case(.tasks, .up, .moveUp), Case(.tasks, .char("k"), .moveUp),
    Case(.tasks, .pageDown, .pageDown), Case(.tasks, .ctrl("f"), .pageDown),
    Case(.tasks, .pageUp, .pageUp), Case(.tasks, .ctrl("b"), .pageUp),
    Case(.tasks, .home, .top), Case(.tasks, .char("g"), .top),
    Case(.tasks, .end, .bottom), Case(.tasks, .char("G"), .bottom),
    Case(.tasks, .enter, .open), Case(.tasks, .escape, .back),
    Case(.tasks, .char("/"), .search), Case(.tasks, .char("f"), .filter), Case(.tasks, .char(":"), .filter),
    Case(.tasks, .char("o"), .toggleOpen), Case(.tasks, .char("!"), .overdueOnly),
    Case(.tasks, .char("w"), .dueThisWeek), Case(.tasks, .char("@"), .mine),
    Case(.tasks, .char(" "), .toggleDone), Case(.tasks, .char("d"), .toggleDone),
    Case(.tasks, .char("a"), .add), Case(.tasks, .char("e"), .edit), Case(.tasks, .char("E"), .externalEdit),
    Case(.tasks, .char("n"), .note), Case(.tasks, .char("x"), .extend), Case(.tasks, .char("r"), .reassign),
    Case(.tasks, .char("D"), .delete), Case(.tasks, .char("v"), .mark), Case(.tasks, .char("m"), .mark),
    Case(.tasks, .char("V"), .clearMarks), Case(.tasks, .char("s"), .cycleSort),
    Case(.tasks, .char("u"), .undo), Case(.tasks, .ctrl("r"), .redo),
    Case(.tasks, .char("1"), .viewTasks), Case(.tasks, .char("2"), .viewMeetings), Case(.tasks, .char("3"), .viewAgencies),
    Case(.tasks, .tab, .nextView), Case(.tasks, .backTab, .previousView),
    Case(.tasks, .ctrl("l"), .redraw), Case(.tasks, .char("?"), .help), Case(.tasks, .function(1), .help),
    Case(.tasks, .char("q"), .quit), Case(.tasks, .ctrl("c"), .quit),
    Case(.tasks, .char("c"), nil), Case(.tasks, .char("R"), nil), Case(.tasks, .char("z"), nil),
    // Meetings.
    Case(.meetings, .enter, .open), Case(.meetings, .char("a"), .add), Case(.meetings, .char("j"), .moveDown),
    Case(.meetings, .char("u"), .undo), Case(.meetings, .char(" "), nil), Case(.meetings, .char("/"), nil),
    Case(.meetings, .char("c"), nil), Case(.meetings, .char("e"), nil), Case(.meetings, .char("D"), nil),
    // Agencies.
    Case(.agencies, .enter, .open), Case(.agencies, .char("c"), .toggleGrouping), Case(.agencies, .char("R"), .toggleRollup),
    Case(.agencies, .char("s"), .cycleSort), Case(.agencies, .char("1"), .viewTasks), Case(.agencies, .tab, .nextView),
    Case(.agencies, .char(" "), nil), Case(.agencies, .char("a"), nil), Case(.agencies, .char("v"), nil),
    Case(.agencies, .char("/"), nil),
    // The detail screen.
    Case(.detail, .char(" "), .toggleDone), Case(.detail, .char("e"), .edit), Case(.detail, .char("n"), .note),
    Case(.detail, .char("x"), .extend), Case(.detail, .char("r"), .reassign), Case(.detail, .char("D"), .delete),
    Case(.detail, .escape, .back), Case(.detail, .char("j"), .moveDown), Case(.detail, .pageDown, .pageDown),
    Case(.detail, .char("u"), .undo), Case(.detail, .char("q"), .quit), Case(.detail, .char("3"), .viewAgencies),
    Case(.detail, .enter, nil), Case(.detail, .char("/"), nil), Case(.detail, .tab, nil), Case(.detail, .char("v"), nil),
    // Help.
    Case(.help, .char("j"), .moveDown), Case(.help, .end, .bottom), Case(.help, .escape, .back), Case(.help, .char("q"), .quit),
    Case(.help, .ctrl("l"), .redraw), Case(.help, .char(" "), nil), Case(.help, .char("a"), nil), Case(.help, .char("?"), nil),
    Case(.help, .char("u"), nil), Case(.help, .char("1"), nil),
    // Forms: text goes to the field.
    Case(.form, .enter, .save), Case(.form, .ctrl("s"), .save), Case(.form, .tab, .complete),
    Case(.form, .down, .nextField), Case(.form, .up, .previousField), Case(.form, .backTab, .previousField),
    Case(.form, .ctrl("n"), .nextSuggestion), Case(.form, .ctrl("p"), .previousSuggestion), Case(.form, .escape, .cancel),
    Case(.form, .ctrl("l"), .redraw), Case(.form, .char("q"), nil), Case(.form, .char(" "), nil), Case(.form, .home, nil),
    Case(.choice, .char(" "), .nextChoice), Case(.choice, .right, .nextChoice), Case(.choice, .left, .previousChoice),
    Case(.completion, .tab, .menuNext), Case(.completion, .down, .menuNext), Case(.completion, .ctrl("n"), .menuNext),
    Case(.completion, .backTab, .menuPrevious), Case(.completion, .up, .menuPrevious), Case(.completion, .ctrl("p"), .menuPrevious),
    Case(.completion, .enter, .menuChoose), Case(.completion, .escape, .menuAsTyped), Case(.completion, .char("a"), nil),
    Case(.discard, .char("y"), .discard), Case(.discard, .char("c"), .discard), Case(.discard, .char("n"), .keepEditing),
    Case(.discard, .char("k"), .keepEditing), Case(.discard, .escape, .keepEditing), Case(.discard, .enter, nil),
    // The delete question.
    Case(.confirm, .char("w"), .withdraw), Case(.confirm, .char("d"), .confirmDelete), Case(.confirm, .char("x"), .confirmDelete),
    Case(.confirm, .escape, .dismiss), Case(.confirm, .char("n"), .dismiss), Case(.confirm, .char("q"), .dismiss),
    Case(.confirm, .enter, nil), Case(.confirm, .char("y"), nil),
    // The search and filter lines: letters are typed, arrows move the list.
    Case(.search, .enter, .keepSearch), Case(.search, .escape, .clearSearch), Case(.search, .up, .moveUp),
    Case(.search, .down, .moveDown), Case(.search, .pageDown, .pageDown), Case(.search, .char("j"), nil),
    Case(.search, .char("q"), nil), Case(.search, .home, nil),
    Case(.filter, .enter, .applyFilter), Case(.filter, .escape, .cancelFilter), Case(.filter, .down, nil),
    Case(.filter, .char("f"), nil),
    // The too-small screen.
    Case(.tooSmall, .char("q"), .quit), Case(.tooSmall, .ctrl("c"), .quit), Case(.tooSmall, .char("a"), nil),
  ]

  @Test(arguments: table)
  func keyResolves(_ c: Case) {
    #expect(keys.command(for: c.key, in: c.scope) == c.command)
  }

  /// The same table, through `update`: a key with no command in a scope changes nothing.
  @Test(arguments: table.filter { $0.command == nil && [KeyScope.tasks, .meetings, .agencies].contains($0.scope) })
  func unboundKeysChangeNothing(_ c: Case) {
    var s = Fixture.state()
    switch c.scope {
    case .meetings: press(&s, .char("2"))
    case .agencies: press(&s, .char("3"))
    default: break
    }
    let before = s
    #expect(press(&s, c.key) == [])
    expectState(s, before)
  }
}
