import FollowUpCore
import FollowUpTUI
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

  /// The `?` screen lists every binding of every scope, with its text in the language shown.
  @Test(arguments: Lang.allCases)
  func theHelpScreenListsEveryBinding(lang: Lang) {
    let s = Fixture.state(lang)
    let lines = HelpPage.lines(s)
    for b in keys.bindings where !b.scopes.isDisjoint(with: [.tasks, .meetings, .agencies, .detail]) {
      #expect(lines.contains { $0.contains(b.label) && $0.hasSuffix(b.help(lang)) }, "\(b.command) missing from help")
    }
  }

  @Test func describedKeysParseBack() {
    for b in keys.bindings {
      for k in b.keys {
        #expect(KeyMap.parse(KeyMap.describe(k)) == k, "\(k) → \(KeyMap.describe(k))")
      }
    }
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
  ]

  @Test(arguments: table)
  func keyResolves(_ c: Case) {
    #expect(keys.command(for: c.key, in: c.scope) == c.command)
  }

  /// The same table, through `update`: a key with no command in a scope changes nothing.
  @Test(arguments: table.filter { $0.command == nil && $0.scope != .detail && $0.scope != .help })
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
