import FollowUpCore
import TermCore

extension Update {
  /// Enter on a meeting: the task list narrowed to its tasks.
  static func openMeeting(_ s: inout AppState) {
    let ms = s.meetingsNewestFirst
    guard ms.indices.contains(s.meetings.cursor) else { return }
    let text = "meeting:" + ms[s.meetings.cursor].ref
    drill(&s, filter: text, scope: nil)
    let back = s.env.keys.key(.back)
    s.status = StatusMessage(s.env.lang.pick(vi: "Lọc: \(text) — \(back) để quay lại", en: "Filter: \(text) — \(back) goes back"))
  }
}

extension Render {
  static func meetingsView(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    let byMeeting = s.meetingCounts
    let open = s.env.keys.key(.open), add = s.env.keys.key(.add)
    putLine(&g, l.pick(vi: " Cuộc họp, mới nhất trước · \(open): xem nhiệm vụ của cuộc họp · \(add): thêm cuộc họp và các kết luận",
      en: " Meetings, newest first · \(open): its tasks · \(add): add a meeting and its conclusions"),
      x: 0, y: layout.subheader.y, width: layout.subheader.width, style: t.muted)
    let widths = [10, 12, 5, 7, 7, 6]
    let heads = [l.pick(vi: "Ngày", en: "Date"), l.pick(vi: "Mã", en: "Ref"), l.pick(vi: "NV", en: "Tasks"), l.pick(vi: "Chưa HT", en: "Open"),
      l.pick(vi: "Quá hạn", en: "Overdue"), l.pick(vi: "Đã HT", en: "Done"), l.pick(vi: "Nội dung", en: "Title")]
    g.fill(layout.columns, style: t.columnHeader)
    var x = 0
    for (i, h) in heads.enumerated() {
      let w = i < widths.count ? widths[i] : max(1, layout.columns.width - x)
      g.put(TextWidth.pad(h, to: w, alignRight: (2...5).contains(i)), x: x, y: layout.columns.y, width: w, style: t.columnHeader)
      x += w + 1
    }
    let meetings = s.meetingsNewestFirst
    if meetings.isEmpty {
      putLine(&g, l.pick(vi: "Chưa có cuộc họp nào. Nhấn \(add) để thêm.", en: "No meetings yet. Press \(add) to add one."), x: 1, y: layout.body.y + 1, width: layout.body.width - 1, style: t.muted)
    }
    for row in 0..<layout.body.height {
      let i = s.meetings.top + row
      guard meetings.indices.contains(i) else { break }
      let m = meetings[i]
      let c = byMeeting[m.ref] ?? WorkloadCounts()
      let y = layout.body.y + row
      let cells = [m.date.formatted, m.ref, String(c.total + c.excluded), String(c.open), String(c.overdue), String(c.done), m.title]
      var x = 0
      for (k, text) in cells.enumerated() {
        let w = k < widths.count ? widths[k] : max(1, layout.body.width - x)
        let style: Style = k == 4 && c.overdue > 0 ? t.overdue : .plain
        g.put(TextWidth.pad(text, to: w, alignRight: (2...5).contains(k)), x: x, y: y, width: w, style: style)
        x += w + 1
      }
      if i == s.meetings.cursor && s.overlays.isEmpty {
        g.applyStyle(Rect(x: 0, y: y, width: layout.body.width, height: 1)) { $0 = $0.with(t.selected.attributes) }
      }
    }
  }
}
