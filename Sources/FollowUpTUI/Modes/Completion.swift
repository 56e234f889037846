import FollowUpCore
import TermCore

extension Update {
  /// Keys while the completion list is open: the next and previous keys walk it, choosing
  /// keeps the highlighted candidate, "as typed" puts back what was typed; any other key
  /// keeps the candidate and then acts as usual (nil).
  static func menuKey(_ form: inout FormState, _ key: Key, _ keys: KeyMap) -> [AppEffect]? {
    guard var menu = form.menu, form.fields.indices.contains(form.focus), !menu.candidates.isEmpty else {
      form.menu = nil
      return nil
    }
    let n = menu.candidates.count
    switch keys.command(for: key, in: .completion) {
    case .menuNext?: menu.index = (menu.index + 1) % n
    case .menuPrevious?: menu.index = (menu.index + n - 1) % n
    case .menuChoose?:
      form.menu = nil
      return []
    case .menuAsTyped?:
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
