import FollowUpCore
import TermCore

// Moving the cursor and scrolling, by keys and by the mouse.

extension Update {
  static func move(_ s: inout AppState, _ delta: Int) {
    let layout = ScreenLayout(s.size)
    switch s.overlays.last {
    case .detail(var d)?:
      // The title row stays put; the lines under it scroll.
      let count = detailLineCount(s, d)
      let height = layout.pageRows
      let maxTop = max(0, count - height)
      d.scroll.top = max(0, min(maxTop, d.scroll.top + delta))
      d.scroll.cursor = d.scroll.top
      s.overlays[s.overlays.count - 1] = .detail(d)
    case .help(var h)?:
      let count = HelpPage.columns(s).map(\.count).max() ?? 0
      let maxTop = max(0, count - layout.pageRows)
      h.top = max(0, min(maxTop, h.top + delta))
      h.cursor = h.top
      s.overlays[s.overlays.count - 1] = .help(h)
    default:
      switch s.view {
      case .tasks:
        s.list.scroll.move(delta, count: s.list.page.total, height: layout.body.height)
        fillPage(&s)
      case .meetings: s.meetings.move(delta, count: s.catalog.meetings.count, height: layout.body.height)
      case .agencies: s.agencies.scroll.move(delta, count: s.workload.rows.count, height: layout.agencyRows)
      }
    }
  }

  static func clampAll(_ s: inout AppState) {
    let h = ScreenLayout(s.size).body.height
    s.list.scroll.clamp(count: s.list.page.total, height: h)
    fillPage(&s)
    s.meetings.clamp(count: s.catalog.meetings.count, height: h)
    if s.view == .agencies {
      s.agencies.scroll.clamp(count: s.workload.rows.count, height: ScreenLayout(s.size).agencyRows)
    }
  }

  static func handleMouse(_ s: inout AppState, _ m: MouseEvent) -> [AppEffect] {
    guard s.overlays.allSatisfy({
      switch $0 {
      case .form, .intake: return false
      default: return true
      }
    }) else { return [] }
    let layout = ScreenLayout(s.size)
    switch m.kind {
    case .wheelUp: move(&s, -3)
    case .wheelDown: move(&s, 3)
    case .press(button: 1):
      if m.y == layout.header.y, s.overlays.isEmpty {
        for (v, range) in ScreenLayout.tabRanges(s) where range.contains(m.x) { switchView(&s, v) }
        return []
      }
      let area = s.view == .agencies ? layout.agencyBody : layout.body
      guard s.overlays.isEmpty, area.contains(x: m.x, y: m.y) else { return [] }
      let row = m.y - area.y
      switch s.view {
      case .tasks:
        let i = s.list.scroll.top + row
        if i < s.list.page.total {
          if s.list.scroll.cursor == i { return open(&s) }
          s.list.scroll.cursor = i
        }
      case .meetings:
        let i = s.meetings.top + row
        if i < s.catalog.meetings.count { s.meetings.cursor = i }
      case .agencies:
        // The line under the agency rows is the total, not a row to select.
        let i = s.agencies.scroll.top + row
        if row < layout.agencyRows, i < s.workload.rows.count { s.agencies.scroll.cursor = i }
      }
    default: break
    }
    return []
  }
}
