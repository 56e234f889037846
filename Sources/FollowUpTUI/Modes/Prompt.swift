import FollowUpCore
import TermCore

extension Update {
  static func promptKey(_ s: inout AppState, _ key: Key) -> [AppEffect] {
    let l = s.env.lang
    switch s.prompt {
    case .search(var e)?:
      switch key {
      case .enter:
        s.prompt = nil
        let n = s.list.visible.count
        s.status = StatusMessage(s.list.searchText.isEmpty ? "" : l.pick(vi: "Tìm \"\(s.list.searchText)\": \(n) nhiệm vụ — Esc để bỏ", en: "Search \"\(s.list.searchText)\": \(counted(n, vi: "", en: "task", .en)) — Esc to clear"))
      case .escape:
        s.prompt = nil
        s.list.searchText = ""
        refilter(&s)
      case .up, .down, .pageUp, .pageDown:
        if let c = s.env.keys.command(for: key, in: .tasks) { return perform(&s, c) }
      default:
        guard e.handle(key) else { return [] }
        s.prompt = .search(e)
        s.list.searchText = e.text
        refilter(&s)
      }
    case .filter(var e, _)?:
      switch key {
      case .enter:
        do {
          s.list.filter = try TaskFilter.parse(e.text, context: s.filterContext)
          s.list.filterText = s.list.filter.source
          s.prompt = nil
          refilter(&s)
        } catch let err as UserError {
          s.prompt = .filter(e, error: err.message(l))
        } catch {}
      case .escape:
        s.prompt = nil
        s.list.filter = (try? TaskFilter.parse(s.list.filterText, context: s.filterContext)) ?? .all
        refilter(&s)
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
        refilter(&s)
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
    switch s.prompt {
    case .search(var e)?:
      e.insert(text)
      s.prompt = .search(e)
      s.list.searchText = e.text
      refilter(&s)
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
