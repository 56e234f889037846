import FollowUpCore
import TermCore

extension Update {
  /// Keys while the completion list is open: Tab/↓ and Shift-Tab/↑ walk it, Enter keeps the
  /// highlighted candidate, Esc puts back what was typed; any other key keeps the candidate
  /// and then acts as usual (nil).
  static func menuKey(_ form: inout FormState, _ key: Key) -> [AppEffect]? {
    guard var menu = form.menu, form.fields.indices.contains(form.focus), !menu.candidates.isEmpty else {
      form.menu = nil
      return nil
    }
    let n = menu.candidates.count
    switch key {
    case .tab, .down, .ctrl("n"): menu.index = (menu.index + 1) % n
    case .backTab, .up, .ctrl("p"): menu.index = (menu.index + n - 1) % n
    case .enter:
      form.menu = nil
      return []
    case .escape:
      form.fields[form.focus].editor = LineEditor(menu.original)
      form.fields[form.focus].editor.handle(.end)
      form.menu = nil
      return []
    default:
      form.menu = nil
      return nil
    }
    var field = form.fields[form.focus]
    field.editor = LineEditor(menu.original)
    Forms.accept(menu.candidates[menu.index], into: &field)
    form.fields[form.focus] = field
    form.menu = menu
    return []
  }
}
