import FollowUpCore
import TermCore

extension Update {
  static func confirmKey(_ s: inout AppState, _ c: ConfirmState, _ key: Key) -> [AppEffect] {
    switch key {
    case .char("w"), .char("W"):
      // Withdrawing asks for the reason, as `followup withdraw --reason` takes one.
      s.overlays.removeLast()
      s.overlays.append(.form(Forms.withdrawForm(ids: c.ids, versions: c.versions, fromMarks: c.fromMarks)))
      return []
    case .char("d"), .char("D"), .char("x"):
      s.overlays.removeLast()
      closeDetailIf(&s, ids: c.ids)
      s.list.marked.subtract(c.ids)
      if c.fromMarks { s.list.consumeMarks = true }
      return [.delete(ids: c.ids, expected: c.versions)]
    case .escape, .char("n"), .char("q"):
      s.overlays.removeLast()
      s.status = StatusMessage(s.env.lang.pick(vi: "Đã huỷ.", en: "Cancelled."))
    default:
      break
    }
    return []
  }
}

extension Render {
  static func confirmView(_ s: AppState, _ c: ConfirmState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    let ids = c.ids.map { "#\($0)" }.joined(separator: " ")
    let lines = [
      l.pick(vi: "Nhiệm vụ \(ids):", en: (c.ids.count == 1 ? "Task " : "Tasks ") + ids + ":"),
      l.pick(vi: "  w  dừng thực hiện (giữ lại, không tính vào tổng số)", en: "  w  withdraw (kept, left out of report totals)"),
      l.pick(vi: "  d  xoá hẳn (hoàn tác được bằng u)", en: "  d  delete (u undoes it)"),
      l.pick(vi: "  Esc  huỷ", en: "  Esc  cancel"),
    ]
    let width = min(layout.bounds.width - 2, (lines.map { TextWidth.width($0) }.max() ?? 20) + 4)
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, layout.bounds.height / 2 - 3), width: width, height: lines.count + 2)
    box(&g, rect, title: l.pick(vi: "Xoá hay dừng thực hiện?", en: "Delete or withdraw?"), t)
    for (i, line) in lines.enumerated() {
      putLine(&g, line, x: rect.x + 2, y: rect.y + 1 + i, width: rect.width - 3)
    }
  }
}
