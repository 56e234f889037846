import FollowUpCore
import TermCore

extension Update {
  /// Keys of the delete-or-withdraw question.
  static func confirmKey(_ s: inout AppState, _ c: ConfirmState, _ key: Key) -> [AppEffect] {
    switch s.env.keys.command(for: key, in: .confirm) {
    case .withdraw?:
      // Withdrawing asks for the reason, as `followup withdraw --reason` takes one.
      s.overlays.removeLast()
      s.overlays.append(.form(Forms.withdrawForm(ids: c.ids, versions: c.versions, fromMarks: c.fromMarks)))
      return []
    case .confirmDelete?:
      s.overlays.removeLast()
      closeDetailIf(&s, ids: c.ids)
      s.list.marked.subtract(c.ids)
      if c.fromMarks { s.list.consumeMarks = true }
      return [.delete(ids: c.ids, expected: c.versions)]
    case .dismiss?:
      s.overlays.removeLast()
      s.status = StatusMessage(s.env.lang.pick(vi: "Đã huỷ.", en: "Cancelled."))
    case .redraw?:
      return [.redraw]
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
    let k = s.env.keys
    let lines = [
      l.pick(vi: "Nhiệm vụ \(ids):", en: (c.ids.count == 1 ? "Task " : "Tasks ") + ids + ":"),
      "  \(k.key(.withdraw))  " + l.pick(vi: "dừng thực hiện (giữ lại, không tính vào tổng số)", en: "withdraw (kept, left out of report totals)"),
      "  \(k.key(.confirmDelete))  " + l.pick(vi: "xoá hẳn (hoàn tác được bằng \(k.key(.undo)))", en: "delete (\(k.key(.undo)) undoes it)"),
      "  \(k.key(.dismiss))  " + l.pick(vi: "huỷ", en: "cancel"),
    ]
    let width = min(layout.bounds.width - 2, (lines.map { TextWidth.width($0) }.max() ?? 20) + 4)
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, layout.bounds.height / 2 - 3), width: width, height: lines.count + 2)
    box(&g, rect, title: l.pick(vi: "Xoá hay dừng thực hiện?", en: "Delete or withdraw?"), t)
    for (i, line) in lines.enumerated() {
      putLine(&g, line, x: rect.x + 2, y: rect.y + 1 + i, width: rect.width - 3)
    }
  }
}
