import FollowUpCore
import TermCore

extension Update {
  /// How many lines of the detail scroll under its pinned title.
  static func detailLineCount(_ s: AppState, _ d: DetailState) -> Int {
    max(0, DetailPage.lines(s, d, width: ScreenLayout(s.size).page.width).count - 1)
  }

  static func closeDetailIf(_ s: inout AppState, ids: [Int]) {
    s.overlays.removeAll { if case .detail(let d) = $0 { return ids.contains(d.taskID) } else { return false } }
  }

  static func reloadDetailHistory(_ s: AppState, touched: [Int]) -> [AppEffect] {
    guard case .detail(let d)? = s.overlays.last, touched.contains(d.taskID) else { return [] }
    return [.loadHistory(taskID: d.taskID)]
  }
}

/// What the detail screen shows, wrapped to its width: read by Update to scroll and by
/// Render to draw.
public enum DetailPage {
  /// The detail screen's lines, wrapped to a width, with the style of each; the first is the
  /// title, which stays at the top while the others scroll.
  public static func lines(_ s: AppState, _ d: DetailState, width: Int) -> [(String, Style)] {
    let t = s.env.theme, l = s.env.lang
    guard let task = d.task ?? s.list.page.rows.first(where: { $0.task.id == d.taskID })?.task else {
      return [(l.pick(vi: "Nhiệm vụ #\(d.taskID) không còn nữa (đã bị xoá ở nơi khác).", en: "Task #\(d.taskID) no longer exists (deleted elsewhere)."), t.error)]
    }
    var lines = TaskDetail.lines(
      task, catalog: s.catalog, asOf: s.env.asOf, rules: s.env.rules, lang: l, history: d.history)
    let statusLabel = l.pick(vi: "Tình trạng", en: "Status") + ": "
    if task.status == .withdrawn, let i = lines.firstIndex(where: { $0.hasPrefix(statusLabel) }) {
      // The status and the timeliness say the same word for a withdrawn task: say it once.
      lines[i] = statusLabel + Words.status(.withdrawn, l) + (withdrawReason(d.history).map { l.pick(vi: " · lý do: ", en: " · reason: ") + $0 } ?? "")
    }
    let tl = s.env.rules.evaluate(task, asOf: s.env.asOf)
    var out: [(String, Style)] = []
    // One column is the left margin the screen draws before every line.
    let w = max(10, width - 1)
    for (i, line) in lines.enumerated() {
      let style: Style
      if i == 0 { style = t.label } else if line.hasSuffix(":") { style = t.label } else if line.hasPrefix(statusLabel) { style = t.style(for: tl) } else { style = .plain }
      if i == 0 {
        out.append((line, style))
        continue
      }
      if line.isEmpty {
        out.append(("", .plain))
        continue
      }
      let indent = line.hasPrefix("  ") ? "    " : "  "
      // The first piece takes the whole width; later pieces the width left after the indent.
      let first = TextWidth.wrap(line, width: w)
      guard let head = first.first else { continue }
      out.append((head, style))
      let rest = first.dropFirst().joined(separator: " ")
      if !rest.isEmpty {
        for part in TextWidth.wrap(rest, width: max(4, w - TextWidth.width(indent))) {
          out.append((indent + part, style))
        }
      }
    }
    return out
  }

  /// The reason given when the task was last withdrawn: the progress note the withdrawal
  /// recorded, found in the history (nil when none was given or the history has not loaded).
  static func withdrawReason(_ history: [TaskDetail.HistoryLine]) -> String? {
    guard let h = history.first(where: { $0.kind == "withdraw" && !$0.undone && $0.field == "status" }) else { return nil }
    let note = history.first { $0.kind == "withdraw" && !$0.undone && $0.field == "note" && $0.at == h.at && $0.old.isEmpty }
    guard let text = note?.new, !text.isEmpty else { return nil }
    // A note is stored as "dd/MM/yyyy text".
    let parts = text.split(separator: " ", maxSplits: 1)
    if parts.count == 2, (try? DateParser.parseDay(String(parts[0]), referenceYear: 2000)) != nil { return String(parts[1]) }
    return text
  }
}

extension Render {
  static func detailView(_ s: AppState, _ d: DetailState, _ g: inout Grid, _ layout: ScreenLayout) {
    let t = s.env.theme, l = s.env.lang
    g.fill(Rect(x: 0, y: layout.page.y, width: layout.page.width, height: layout.page.height + 1), style: .plain)
    let lines = DetailPage.lines(s, d, width: layout.page.width)
    guard let title = lines.first else { return }
    let body = lines.dropFirst()
    let height = layout.pageRows
    titleRow(&g, title.0, title.1, position: position(top: d.scroll.top, shown: height, count: body.count, l), y: layout.page.y, width: layout.page.width, t)
    for row in 0..<height {
      let i = body.startIndex + d.scroll.top + row
      guard body.indices.contains(i) else { break }
      putLine(&g, " " + body[i].0, x: 0, y: layout.page.y + 1 + row, width: layout.page.width, style: body[i].1)
    }
  }
}
