import Foundation
import FollowUpCore
import TermCore

/// What a key asks for, named after the user's intent. The raw value is the name the
/// settings' `[keys]` table uses.
public enum Command: String, CaseIterable, Sendable, Codable {
  case moveUp = "move-up", moveDown = "move-down", pageUp = "page-up", pageDown = "page-down"
  case top, bottom, open, back
  case search, filter
  case toggleOpen = "toggle-open", overdueOnly = "overdue-only", dueThisWeek = "due-this-week"
  case mine
  case toggleDone = "toggle-done", add, edit, note, extend, reassign, delete
  case remind, reportDone = "report-done", accept, returnReport = "return-report"
  case awaitingAcceptance = "awaiting-acceptance"
  case cycleSort = "cycle-sort", undo, redo, mark, clearMarks = "clear-marks"
  case help, quit
  case viewTasks = "view-tasks", viewMeetings = "view-meetings", viewAgencies = "view-agencies"
  case nextView = "next-view", previousView = "previous-view"
  case toggleGrouping = "toggle-grouping", toggleRollup = "toggle-rollup", redraw
  case externalEdit = "external-edit"
  // The intake screen: a notice read into drafted tasks, reviewed, saved as one action.
  case intake, draftNotice = "draft-notice", switchField = "switch-field", newLine = "new-line"
  case acceptDraft = "accept-draft", dropDraft = "drop-draft", acceptAll = "accept-all", saveIntake = "save-intake"
  // Forms.
  case save, complete, nextField = "next-field", previousField = "previous-field"
  case nextSuggestion = "next-suggestion", previousSuggestion = "previous-suggestion"
  case nextChoice = "next-choice", previousChoice = "previous-choice", cancel
  case discard, keepEditing = "keep-editing"
  // The completion list.
  case menuNext = "menu-next", menuPrevious = "menu-previous", menuChoose = "menu-choose", menuAsTyped = "menu-as-typed"
  // The delete-or-withdraw question.
  case withdraw, confirmDelete = "confirm-delete", dismiss
  // The search and filter lines.
  case keepSearch = "keep-search", clearSearch = "clear-search", applyFilter = "apply-filter", cancelFilter = "cancel-filter"
}

/// Where a binding applies: a view, a screen over it, or a mode that takes the keys.
public enum KeyScope: String, Sendable, CaseIterable {
  case tasks, meetings, agencies, detail, help
  /// A form; `choice` is its focused toggle or choice field.
  case form, choice
  /// The completion list open under a form field.
  case completion
  /// The question before a form's changes are thrown away.
  case discard
  /// The question before tasks are deleted or withdrawn.
  case confirm
  /// The live search line and the filter line of the task list.
  case search, filter
  /// A window below the minimum size.
  case tooSmall = "too-small"
  /// The intake screen while the notice is given: a file path or the text itself.
  case intakeSource = "intake-source"
  /// The intake screen while its drafted tasks are reviewed.
  case intakeReview = "intake-review"

  /// Whether a text field has the keys: there the field's own editing keys
  /// (`KeyMap.editsText`) win over any binding.
  public var editsText: Bool {
    switch self {
    case .form, .completion, .search, .filter, .intakeSource: return true
    default: return false
    }
  }

  /// The title of this scope's section on the `?` screen and in the README's key table.
  public func title(_ l: Lang, _ keys: KeyMap) -> String {
    switch self {
    case .tasks: return l.pick(vi: "Danh sách nhiệm vụ", en: "Task list") + " (\(keys.key(.viewTasks)))"
    case .meetings: return l.pick(vi: "Cuộc họp", en: "Meetings") + " (\(keys.key(.viewMeetings)))"
    case .agencies: return l.pick(vi: "Cơ quan", en: "Agencies") + " (\(keys.key(.viewAgencies)))"
    case .detail: return l.pick(vi: "Chi tiết nhiệm vụ", en: "Task detail") + " (\(keys.key(.open)))"
    case .help: return l.pick(vi: "Màn hình trợ giúp", en: "This help screen") + " (\(keys.key(.help)))"
    case .form: return l.pick(vi: "Biểu mẫu", en: "Forms")
    case .choice: return l.pick(vi: "Ô lựa chọn của biểu mẫu", en: "A form's choice fields")
    case .completion: return l.pick(vi: "Danh sách gợi ý", en: "Completion list")
    case .discard: return l.pick(vi: "Hỏi trước khi bỏ thay đổi", en: "Discarding a form's changes")
    case .confirm: return l.pick(vi: "Xoá hay dừng thực hiện", en: "Delete or withdraw")
    case .search: return l.pick(vi: "Dòng tìm kiếm", en: "Search line") + " (\(keys.key(.search)))"
    case .filter: return l.pick(vi: "Dòng lọc", en: "Filter line") + " (\(keys.key(.filter)))"
    case .tooSmall: return l.pick(vi: "Cửa sổ quá nhỏ", en: "Window too small")
    case .intakeSource: return l.pick(vi: "Đọc thông báo kết luận", en: "Reading a conclusion notice") + " (\(keys.key(.intake)))"
    case .intakeReview: return l.pick(vi: "Duyệt nhiệm vụ dự thảo", en: "Reviewing drafted tasks")
    }
  }
}

/// A key binding with the help text shown in the footer and on the `?` screen.
public struct KeyBinding: Equatable, Sendable {
  /// The keys that trigger it.
  public var keys: [Key]
  /// What it does.
  public var command: Command
  /// The help text in Vietnamese.
  public var vi: String
  /// The help text in English.
  public var en: String
  /// Where it applies.
  public var scopes: Set<KeyScope>
  /// The footers that offer it (the most useful keys only).
  public var footer: Set<KeyScope>
  /// How many of its keys the footer shows (`Tab/↓` rather than `Tab`).
  public var footerKeys = 1
  /// When set, the footer shows this binding and the next one it offers as one entry with
  /// this text, e.g. `↑↓ move`.
  public var footerJoin: (vi: String, en: String)?
  /// Footer entries are ordered by this, then as declared: borrowed keys after a mode's own.
  public var footerOrder = 0

  /// The help text in a language.
  public func help(_ l: Lang) -> String { l.pick(vi: vi, en: en) }

  /// Whether it works in every view and mode (the `?` screen lists it once, not per scope).
  public var appliesEverywhere: Bool { scopes.count == KeyScope.allCases.count }

  /// Whether the footer shows it anywhere.
  public var inFooter: Bool { !footer.isEmpty }

  /// Every key, the way help writes them, e.g. `↑/k`.
  public var label: String { KeyMap.describe(keys) }

  /// The keys that work in a scope: in a text field the field's editing keys win.
  public func keys(in scope: KeyScope) -> [Key] {
    scope.editsText ? keys.filter { !KeyMap.editsText($0) } : keys
  }

  /// The label the footer shows: the first key only (`Space` for `Space/d`), leaving the
  /// footer's room to more commands; the `?` screen shows every key.
  public var footerLabel: String { KeyMap.describe(Array(keys.prefix(footerKeys))) }

  /// The footer's label in a scope: the first of the keys that work there. A footer may
  /// offer a binding of a field under it (Space for a choice field in a form's footer).
  public func footerLabel(in scope: KeyScope) -> String {
    KeyMap.describe(Array((scopes.contains(scope) ? keys(in: scope) : keys).prefix(footerKeys)))
  }

  public static func == (a: KeyBinding, b: KeyBinding) -> Bool {
    a.keys == b.keys && a.command == b.command && a.vi == b.vi && a.en == b.en && a.scopes == b.scopes
      && a.footer == b.footer && a.footerKeys == b.footerKeys && a.footerJoin?.vi == b.footerJoin?.vi
      && a.footerJoin?.en == b.footerJoin?.en && a.footerOrder == b.footerOrder
  }
}

/// One entry of a footer: keys and what they do.
public struct FooterEntry: Equatable, Sendable {
  /// The keys as shown.
  public var label: String
  /// The commands behind it.
  public var commands: [Command]
  /// The text in Vietnamese.
  public var vi: String
  /// The text in English.
  public var en: String

  /// The text in a language.
  public func text(_ l: Lang) -> String { l.pick(vi: vi, en: en) }
}

/// A key a text field handles itself, listed with the bindings on the `?` screen and in the
/// README; the line editor reads these keys, so they cannot be remapped.
public struct EditingKey: Equatable, Sendable {
  /// The keys as help writes them.
  public var keys: [String]
  /// The keys as shown.
  public var label: String { keys.joined(separator: "/") }
  /// The text in Vietnamese.
  public var vi: String
  /// The text in English.
  public var en: String
}

/// All bindings, declared once: the keys each mode reads, its footer, the `?` screen and the
/// README's key table are generated from them, and the settings' `[keys]` table remaps them.
public struct KeyMap: Equatable, Sendable {
  /// The bindings in help order.
  public var bindings: [KeyBinding]

  static let lists: Set<KeyScope> = [.tasks, .meetings, .agencies]
  static let taskScopes: Set<KeyScope> = [.tasks, .detail]
  static let everywhere: Set<KeyScope> = Set(KeyScope.allCases)
  static let moving = lists.union([.detail, .help])

  /// The standard bindings.
  public static let standard = KeyMap(bindings: [
    b([.up, .char("k")], .moveUp, "lên", "up", moving.union([.search, .intakeReview, .intakeSource]), footerIn: [.search, .help], join: ("di chuyển", "move"), order: 1),
    b([.down, .char("j")], .moveDown, "xuống", "down", moving.union([.search, .intakeReview, .intakeSource]), footerIn: [.search, .help], order: 1),
    b([.pageUp, .ctrl("b")], .pageUp, "trang trước", "page up", moving.union([.search, .intakeReview, .intakeSource])),
    b([.pageDown, .ctrl("f")], .pageDown, "trang sau", "page down", moving.union([.search, .intakeReview, .intakeSource])),
    b([.home, .char("g")], .top, "đầu danh sách", "first", moving.union([.intakeReview])),
    b([.end, .char("G")], .bottom, "cuối danh sách", "last", moving.union([.intakeReview])),
    b([.enter], .open, "xem / mở", "open", lists, footer: true),
    b([.escape], .back, "quay lại / bỏ lọc", "back / clear", [.tasks, .meetings, .agencies, .detail, .help], footerIn: [.help], join: ("đóng", "close")),
    b([.char("/")], .search, "tìm", "search", [.tasks], footer: true),
    b([.char("f"), .char(":")], .filter, "lọc", "filter", [.tasks], footer: true),
    b([.char("o")], .toggleOpen, "chỉ việc chưa xong / tất cả", "open only / all", [.tasks]),
    b([.char("!")], .overdueOnly, "chỉ việc quá hạn", "overdue only", [.tasks]),
    b([.char("w")], .dueThisWeek, "đến hạn tuần này", "due this week", [.tasks]),
    b([.char("@")], .mine, "việc của tôi", "mine", [.tasks]),
    b([.char(" "), .char("d")], .toggleDone, "xong / mở lại", "done / reopen", taskScopes, footer: true),
    b([.char("a")], .add, "thêm", "add", [.tasks, .meetings, .detail], footer: true),
    b([.char("e")], .edit, "sửa", "edit", taskScopes.union([.intakeReview]), footer: true),
    b([.char("E")], .externalEdit, "sửa bằng $EDITOR", "edit in $EDITOR", taskScopes),
    b([.char("n")], .note, "ghi tiến độ", "progress note", taskScopes, footer: true),
    b([.char("x")], .extend, "gia hạn", "extension", taskScopes, footer: true),
    b([.char("r")], .reassign, "giao lại", "reassign", taskScopes),
    b([.char("D")], .delete, "xoá / dừng", "delete / withdraw", taskScopes),
    b([.char("N")], .remind, "đôn đốc", "reminder", taskScopes),
    b([.char("b")], .reportDone, "báo cáo hoàn thành", "reported done", taskScopes),
    b([.char("y")], .accept, "công nhận hoàn thành", "accept", taskScopes),
    b([.char("T")], .returnReport, "trả lại báo cáo", "return report", taskScopes),
    b([.char("A")], .awaitingAcceptance, "chờ đánh giá", "awaiting acceptance", [.tasks]),
    b([.char("v"), .char("m")], .mark, "chọn nhiều", "mark", [.tasks]),
    b([.char("V")], .clearMarks, "bỏ chọn hết", "clear marks", [.tasks]),
    b([.char("I")], .intake, "đọc thông báo kết luận", "read a conclusion notice", [.tasks, .meetings], footerIn: [.meetings]),
    b([.char("s")], .cycleSort, "sắp xếp", "sort", [.tasks, .agencies]),
    b([.char("c")], .toggleGrouping, "chủ trì / phối hợp", "lead / coordinating", [.agencies], footer: true),
    b([.char("R")], .toggleRollup, "gộp số liệu", "roll up", [.agencies], footer: true),
    b([.char("u")], .undo, "hoàn tác", "undo", lists.union([.detail]), footer: true),
    b([.ctrl("r")], .redo, "làm lại", "redo", lists.union([.detail])),
    b([.char("1")], .viewTasks, "nhiệm vụ", "tasks", lists.union([.detail])),
    b([.char("2")], .viewMeetings, "cuộc họp", "meetings", lists.union([.detail])),
    b([.char("3")], .viewAgencies, "cơ quan", "agencies", lists.union([.detail])),
    b([.tab], .nextView, "màn hình kế", "next view", lists),
    b([.backTab], .previousView, "màn hình trước", "previous view", lists),
    b([.ctrl("l")], .redraw, "vẽ lại", "redraw", everywhere),
    b([.char("?"), .function(1)], .help, "trợ giúp", "help", lists.union([.detail]), footer: true),
    b([.char("q"), .ctrl("c")], .quit, "thoát", "quit", moving.union([.tooSmall]), footerIn: moving),
    // Forms: the field with the cursor takes every other key.
    b([.enter, .ctrl("s")], .save, "lưu", "save", [.form], footer: true),
    b([.tab], .complete, "chọn gợi ý / ô kế", "complete / next", [.form], footer: true),
    b([.up, .backTab], .previousField, "ô trước", "previous field", [.form], footer: true, join: ("chuyển ô", "fields")),
    b([.down], .nextField, "ô kế", "next field", [.form], footer: true),
    b([.ctrl("n")], .nextSuggestion, "gợi ý sau", "next suggestion", [.form]),
    b([.ctrl("p")], .previousSuggestion, "gợi ý trước", "previous suggestion", [.form]),
    b([.char(" "), .right], .nextChoice, "đổi lựa chọn", "toggle", [.choice], footerIn: [.form]),
    b([.left], .previousChoice, "lựa chọn trước", "previous choice", [.choice]),
    b([.escape], .cancel, "huỷ", "cancel", [.form, .intakeSource, .intakeReview], footer: true),
    b([.char("y"), .char("Y"), .char("c"), .char("C")], .discard, "bỏ các thay đổi", "discard changes", [.discard], footer: true),
    b([.char("n"), .char("N"), .char("k"), .char("K"), .escape], .keepEditing, "tiếp tục sửa", "keep editing", [.discard], footer: true),
    b([.tab, .down, .ctrl("n")], .menuNext, "gợi ý sau", "next", [.completion], footer: true, footerKeys: 2),
    b([.backTab, .up, .ctrl("p")], .menuPrevious, "gợi ý trước", "previous", [.completion], footer: true, footerKeys: 2),
    b([.enter], .menuChoose, "chọn", "choose", [.completion], footer: true),
    b([.escape], .menuAsTyped, "như đã gõ", "as typed", [.completion], footer: true),
    b([.char("w"), .char("W")], .withdraw, "dừng thực hiện", "withdraw", [.confirm], footer: true),
    b([.char("d"), .char("D"), .char("x")], .confirmDelete, "xoá", "delete", [.confirm], footer: true),
    b([.escape, .char("n"), .char("q")], .dismiss, "huỷ", "cancel", [.confirm], footer: true),
    b([.ctrl("s")], .draftNotice, "lập dự thảo", "draft the tasks", [.intakeSource], footer: true),
    b([.tab], .switchField, "ô tệp / ô văn bản", "file / text", [.intakeSource], footer: true),
    b([.enter], .newLine, "xuống dòng (ở ô Tệp: đọc tệp)", "new line (in the File field: read the file)", [.intakeSource]),
    // The review's own keys lead its footer: deciding and saving matter more than editing.
    b([.char(" "), .char("y")], .acceptDraft, "nhận", "accept", [.intakeReview], footer: true, order: -1),
    b([.char("x"), .char("d")], .dropDraft, "bỏ", "drop", [.intakeReview], footer: true, order: -1),
    b([.char("A")], .acceptAll, "nhận mọi dự thảo đủ thông tin", "accept all ready", [.intakeReview], footer: true),
    b([.ctrl("s")], .saveIntake, "lưu việc đã nhận", "save the accepted", [.intakeReview], footer: true, order: -1),
    b([.enter], .keepSearch, "giữ kết quả", "keep", [.search], footer: true),
    b([.escape], .clearSearch, "bỏ tìm", "clear", [.search], footer: true),
    b([.enter], .applyFilter, "áp dụng", "apply", [.filter], footer: true),
    b([.escape], .cancelFilter, "huỷ", "cancel", [.filter], footer: true),
  ])

  static func b(
    _ keys: [Key], _ c: Command, _ vi: String, _ en: String, _ scopes: Set<KeyScope>,
    footer: Bool = false, footerIn: Set<KeyScope>? = nil, footerKeys: Int = 1,
    join: (vi: String, en: String)? = nil, order: Int = 0
  ) -> KeyBinding {
    KeyBinding(
      keys: keys, command: c, vi: vi, en: en, scopes: scopes, footer: footerIn ?? (footer ? scopes : []),
      footerKeys: footerKeys, footerJoin: join, footerOrder: order)
  }

  /// The keys every text field handles itself (the line editor's).
  public static let editing: [EditingKey] = [
    EditingKey(keys: ["←", "→"], vi: "di chuyển con trỏ", en: "move the cursor"),
    EditingKey(keys: ["Home", "End", "Ctrl-A", "Ctrl-E"], vi: "đầu / cuối dòng", en: "start / end of the line"),
    EditingKey(keys: ["Backspace", "Ctrl-H"], vi: "xoá ký tự trước", en: "delete the character before"),
    EditingKey(keys: ["Del", "Ctrl-D"], vi: "xoá ký tự sau", en: "delete the character after"),
    EditingKey(keys: ["Ctrl-K", "Ctrl-U"], vi: "xoá đến cuối / đầu dòng", en: "delete to the end / start"),
    EditingKey(keys: ["Ctrl-W"], vi: "xoá một từ", en: "delete a word"),
  ]

  /// Whether a text field uses this key itself (typing, moving, deleting).
  public static func editsText(_ key: Key) -> Bool {
    var probe = LineEditor("")
    return probe.handle(key)
  }

  /// The command a key triggers in a scope.
  public func command(for key: Key, in scope: KeyScope) -> Command? {
    if scope.editsText && KeyMap.editsText(key) { return nil }
    return bindings.first { $0.scopes.contains(scope) && $0.keys.contains(key) }?.command
  }

  /// A command's first key as help writes it, for hints in running text ("a: add").
  public func key(_ c: Command) -> String {
    bindings.first { $0.command == c }.map { $0.keys.first.map(KeyMap.describe) ?? "—" } ?? "—"
  }

  /// The bindings the footer shows in a scope.
  public func footer(_ scope: KeyScope) -> [KeyBinding] {
    bindings.enumerated().filter { $0.element.footer.contains(scope) && !$0.element.footerLabel(in: scope).isEmpty }
      .sorted { ($0.element.footerOrder, $0.offset) < ($1.element.footerOrder, $1.offset) }.map(\.element)
  }

  /// A scope's footer entries, joined where a binding asks to be shown with the next.
  public func footerEntries(_ scope: KeyScope) -> [FooterEntry] {
    var out: [FooterEntry] = []
    var pending: KeyBinding?
    for b in footer(scope) {
      if let first = pending, let join = first.footerJoin {
        let a = first.footerLabel(in: scope), c = b.footerLabel(in: scope)
        // Two arrows read as one pair (↑↓); anything else is separated.
        let arrows = Set("←→↑↓")
        let separator = a.count == 1 && c.count == 1 && a.allSatisfy(arrows.contains) && c.allSatisfy(arrows.contains) ? "" : "/"
        out.append(FooterEntry(label: a + separator + c, commands: [first.command, b.command], vi: join.vi, en: join.en))
        pending = nil
        continue
      }
      if b.footerJoin != nil {
        pending = b
        continue
      }
      out.append(FooterEntry(label: b.footerLabel(in: scope), commands: [b.command], vi: b.vi, en: b.en))
    }
    if let p = pending { out.append(FooterEntry(label: p.footerLabel(in: scope), commands: [p.command], vi: p.vi, en: p.en)) }
    return out
  }

  /// Keys bound twice in one scope (a configuration error).
  public var conflicts: [(Key, KeyScope, [Command])] {
    var out: [(Key, KeyScope, [Command])] = []
    for scope in KeyScope.allCases {
      var seen: [Key: [Command]] = [:]
      for b in bindings where b.scopes.contains(scope) {
        for k in b.keys { seen[k, default: []].append(b.command) }
      }
      for (k, cs) in seen where cs.count > 1 { out.append((k, scope, cs)) }
    }
    return out
  }

  /// Whether these keys, bound to a command, would work in at least one of its scopes: a
  /// text field keeps its typing and editing keys for itself.
  public func reaches(_ command: Command, with keys: [Key]) -> Bool {
    guard let b = bindings.first(where: { $0.command == command }) else { return false }
    return b.scopes.contains { scope in !scope.editsText || keys.contains { !KeyMap.editsText($0) } }
  }

  /// Rebinds a command to new keys (from the settings), replacing its old keys.
  public mutating func rebind(_ command: Command, to keys: [Key]) {
    for i in bindings.indices where bindings[i].command == command {
      bindings[i].keys = keys
    }
    // A key now used by this command is taken away from others in the same scopes.
    guard let scopes = bindings.first(where: { $0.command == command })?.scopes else { return }
    for i in bindings.indices where bindings[i].command != command && !bindings[i].scopes.isDisjoint(with: scopes) {
      bindings[i].keys.removeAll { keys.contains($0) }
    }
  }

  /// Keys written the way help shows them, e.g. `↑/k`.
  public static func describe(_ keys: [Key]) -> String {
    keys.map(describe).joined(separator: "/")
  }

  /// A key written the way help shows it.
  public static func describe(_ k: Key) -> String {
    switch k {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .ctrl(let c): return "Ctrl-" + c.uppercased()
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .insert: return "Ins"
    case .function(let n): return "F\(n)"
    }
  }

  /// Reads a key the way the settings write it: `x`, `Space`, `Ctrl-R`, `F5`, `Enter`…
  public static func parse(_ text: String) -> Key? {
    let t = text.trimmingCharacters(in: .whitespaces)
    let arrows: [String: Key] = ["↑": .up, "↓": .down, "←": .left, "→": .right]
    if let k = arrows[t] { return k }
    if t.count == 1, let c = t.first { return .char(c) }
    let lower = t.lowercased()
    if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-"), let c = lower.split(separator: "-").last, c.count == 1,
      let ch = c.first
    {
      return .ctrl(ch)
    }
    if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
    let named: [String: Key] = [
      "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
      "tab": .tab, "s-tab": .backTab, "backtab": .backTab, "up": .up, "down": .down, "left": .left,
      "right": .right, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
      "home": .home, "end": .end, "backspace": .backspace, "del": .delete, "delete": .delete,
    ]
    return named[lower]
  }
}
