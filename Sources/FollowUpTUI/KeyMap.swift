import Foundation
import FollowUpCore
import TermCore

/// What a key asks for, named after the user's intent.
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
}

/// Where a binding applies.
public enum KeyScope: String, Sendable, CaseIterable {
  case tasks, meetings, agencies, detail, help
}

/// A key binding with the help text shown in the footer and on the `?` screen.
public struct KeyBinding: Equatable, Sendable {
  /// The keys that trigger it.
  public var keys: [Key]
  /// What it does.
  public var command: Command
  /// How the keys are written in help, e.g. `↑/k`.
  public var label: String
  /// The help text in Vietnamese.
  public var vi: String
  /// The help text in English.
  public var en: String
  /// Where it applies.
  public var scopes: Set<KeyScope>
  /// Whether the footer shows it (the most useful keys only).
  public var inFooter: Bool

  /// The help text in a language.
  public func help(_ l: Lang) -> String { l.pick(vi: vi, en: en) }

  /// The label the footer shows: the first key only (`Space` for `Space/d`), leaving the
  /// footer's room to more commands; the `?` screen shows every key.
  public var footerLabel: String {
    let parts = label.split(separator: "/", omittingEmptySubsequences: false)
    return parts.count > 1 && !parts[0].isEmpty ? String(parts[0]) : label
  }
}

/// All bindings, declared once; the footer and the `?` screen are generated from them.
public struct KeyMap: Equatable, Sendable {
  /// The bindings in help order.
  public var bindings: [KeyBinding]

  static let lists: Set<KeyScope> = [.tasks, .meetings, .agencies]
  static let taskScopes: Set<KeyScope> = [.tasks, .detail]
  static let everywhere: Set<KeyScope> = Set(KeyScope.allCases)

  /// The standard bindings.
  public static let standard = KeyMap(bindings: [
    b([.up, .char("k")], .moveUp, "↑/k", "lên", "up", lists.union([.detail, .help])),
    b([.down, .char("j")], .moveDown, "↓/j", "xuống", "down", lists.union([.detail, .help])),
    b([.pageUp, .ctrl("b")], .pageUp, "PgUp", "trang trước", "page up", lists.union([.detail, .help])),
    b([.pageDown, .ctrl("f")], .pageDown, "PgDn", "trang sau", "page down", lists.union([.detail, .help])),
    b([.home, .char("g")], .top, "Home/g", "đầu danh sách", "first", lists.union([.detail, .help])),
    b([.end, .char("G")], .bottom, "End/G", "cuối danh sách", "last", lists.union([.detail, .help])),
    b([.enter], .open, "Enter", "xem / mở", "open", lists, footer: true),
    b([.escape], .back, "Esc", "quay lại / bỏ lọc", "back / clear", [.tasks, .meetings, .agencies, .detail, .help]),
    b([.char("/")], .search, "/", "tìm", "search", [.tasks], footer: true),
    b([.char(":"), .char("f")], .filter, "f", "lọc", "filter", [.tasks], footer: true),
    b([.char("o")], .toggleOpen, "o", "chỉ việc chưa xong / tất cả", "open only / all", [.tasks]),
    b([.char("!")], .overdueOnly, "!", "chỉ việc quá hạn", "overdue only", [.tasks]),
    b([.char("w")], .dueThisWeek, "w", "đến hạn tuần này", "due this week", [.tasks]),
    b([.char("@")], .mine, "@", "việc của tôi", "mine", [.tasks]),
    b([.char(" "), .char("d")], .toggleDone, "Space/d", "xong / mở lại", "done / reopen", taskScopes, footer: true),
    b([.char("a")], .add, "a", "thêm", "add", [.tasks, .meetings, .detail], footer: true),
    b([.char("e")], .edit, "e", "sửa", "edit", taskScopes, footer: true),
    b([.char("E")], .externalEdit, "E", "sửa bằng $EDITOR", "edit in $EDITOR", taskScopes),
    b([.char("n")], .note, "n", "ghi tiến độ", "progress note", taskScopes, footer: true),
    b([.char("x")], .extend, "x", "gia hạn", "extension", taskScopes, footer: true),
    b([.char("r")], .reassign, "r", "giao lại", "reassign", taskScopes),
    b([.char("D")], .delete, "D", "xoá / dừng", "delete / withdraw", taskScopes),
    b([.char("N")], .remind, "N", "đôn đốc", "reminder", taskScopes),
    b([.char("b")], .reportDone, "b", "báo cáo hoàn thành", "reported done", taskScopes),
    b([.char("y")], .accept, "y", "công nhận hoàn thành", "accept", taskScopes),
    b([.char("T")], .returnReport, "T", "trả lại báo cáo", "return report", taskScopes),
    b([.char("A")], .awaitingAcceptance, "A", "chờ đánh giá", "awaiting acceptance", [.tasks]),
    b([.char("v"), .char("m")], .mark, "v", "chọn nhiều", "mark", [.tasks]),
    b([.char("V")], .clearMarks, "V", "bỏ chọn hết", "clear marks", [.tasks]),
    b([.char("s")], .cycleSort, "s", "sắp xếp", "sort", [.tasks, .agencies]),
    b([.char("c")], .toggleGrouping, "c", "chủ trì / phối hợp", "lead / coordinating", [.agencies], footer: true),
    b([.char("R")], .toggleRollup, "R", "gộp số liệu", "roll up", [.agencies], footer: true),
    b([.char("u")], .undo, "u", "hoàn tác", "undo", lists.union([.detail]), footer: true),
    b([.ctrl("r")], .redo, "Ctrl-R", "làm lại", "redo", lists.union([.detail])),
    b([.char("1")], .viewTasks, "1", "nhiệm vụ", "tasks", lists.union([.detail])),
    b([.char("2")], .viewMeetings, "2", "cuộc họp", "meetings", lists.union([.detail])),
    b([.char("3")], .viewAgencies, "3", "cơ quan", "agencies", lists.union([.detail])),
    b([.tab], .nextView, "Tab", "màn hình kế", "next view", lists),
    b([.backTab], .previousView, "S-Tab", "màn hình trước", "previous view", lists),
    b([.ctrl("l")], .redraw, "Ctrl-L", "vẽ lại", "redraw", everywhere),
    b([.char("?"), .function(1)], .help, "?", "trợ giúp", "help", lists.union([.detail]), footer: true),
    b([.char("q"), .ctrl("c")], .quit, "q", "thoát", "quit", lists.union([.detail, .help]), footer: true),
  ])

  static func b(
    _ keys: [Key], _ c: Command, _ label: String, _ vi: String, _ en: String,
    _ scopes: Set<KeyScope>, footer: Bool = false
  ) -> KeyBinding {
    KeyBinding(keys: keys, command: c, label: label, vi: vi, en: en, scopes: scopes, inFooter: footer)
  }

  /// The command a key triggers in a scope.
  public func command(for key: Key, in scope: KeyScope) -> Command? {
    bindings.first { $0.scopes.contains(scope) && $0.keys.contains(key) }?.command
  }

  /// The bindings the footer shows in a scope.
  public func footer(_ scope: KeyScope) -> [KeyBinding] {
    bindings.filter { $0.inFooter && $0.scopes.contains(scope) }
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

  /// Rebinds a command to new keys (from the settings), replacing its old keys.
  public mutating func rebind(_ command: Command, to keys: [Key]) {
    for i in bindings.indices where bindings[i].command == command {
      bindings[i].keys = keys
      bindings[i].label = keys.map(KeyMap.describe).joined(separator: "/")
    }
    // A key now used by this command is taken away from others in the same scopes.
    guard let scopes = bindings.first(where: { $0.command == command })?.scopes else { return }
    for i in bindings.indices where bindings[i].command != command && !bindings[i].scopes.isDisjoint(with: scopes) {
      bindings[i].keys.removeAll { keys.contains($0) }
    }
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
