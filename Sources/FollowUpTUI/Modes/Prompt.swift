import FollowUpCore
import TermCore

extension Update {
  /// Keys of the search and filter lines: the line's own commands, then its text field.
  static func promptKey(_ s: inout AppState, _ key: Key) -> [AppEffect] {
    let l = s.env.lang
    switch s.prompt {
    case .search(var e)?:
      let command = s.env.keys.command(for: key, in: .search)
      switch command {
      case .keepSearch?:
        s.prompt = nil
        let n = s.list.page.total
        s.status = StatusMessage(s.list.searchText.isEmpty ? "" : l.pick(vi: "Tìm \"\(s.list.searchText)\": \(n) nhiệm vụ — \(s.env.keys.key(.back)) để bỏ", en: "Search \"\(s.list.searchText)\": \(counted(n, vi: "", en: "task", .en)) — \(s.env.keys.key(.back)) to clear"))
      case .clearSearch?:
        s.prompt = nil
        s.list.searchText = ""
        refresh(&s)
      case .redraw?:
        return [.redraw]
      case let c?:
        // The list's moving keys that a text field does not use move the list under it.
        return perform(&s, c)
      case nil:
        guard e.handle(key) else { return [] }
        s.prompt = .search(e)
        s.list.searchText = e.text
        refresh(&s)
      }
    case .filter(var e, _)?:
      switch s.env.keys.command(for: key, in: .filter) {
      case .applyFilter?:
        do {
          s.list.filter = try TaskFilter.parse(e.text, context: s.filterContext)
          s.list.filterText = s.list.filter.source
          s.prompt = nil
          refresh(&s)
        } catch let err as UserError {
          s.prompt = .filter(e, error: err.message(l))
        } catch {}
      case .cancelFilter?:
        s.prompt = nil
        s.list.filter = (try? TaskFilter.parse(s.list.filterText, context: s.filterContext)) ?? .all
        refresh(&s)
      case .redraw?:
        return [.redraw]
      default:
        guard e.handle(key) else { return [] }
        do {
          s.list.filter = try TaskFilter.parse(e.text, context: s.filterContext, incremental: true)
          s.prompt = .filter(e, error: nil)
        } catch let err as UserError {
          // A half-typed filter does not empty the list: the committed one stays in force.
          s.list.filter = (try? TaskFilter.parse(s.list.filterText, context: s.filterContext)) ?? .all
          s.prompt = .filter(e, error: err.message(l))
        } catch {}
        refresh(&s)
      }
    case nil:
      break
    }
    return []
  }

  static func handlePaste(_ s: inout AppState, _ text: String) -> [AppEffect] {
    if case .form(var form)? = s.overlays.last, form.fields.indices.contains(form.focus) {
      form.fields[form.focus].editor.insert(text)
      form.suggestion = 0
      form.menu = nil
      s.overlays[s.overlays.count - 1] = .form(form)
      return []
    }
    if case .intake(var intake)? = s.overlays.last {
      IntakeReview.paste(&intake, text)
      s.overlays[s.overlays.count - 1] = .intake(intake)
      return []
    }
    switch s.prompt {
    case .search(var e)?:
      e.insert(text)
      s.prompt = .search(e)
      s.list.searchText = e.text
      refresh(&s)
    case .filter(var e, _)?:
      e.insert(text)
      s.prompt = .filter(e, error: nil)
      return promptKey(&s, .end)
    case nil:
      // Pasted text outside a text field is ignored: it must never run as commands.
      break
    }
    return []
  }
}
