import FollowUpCore
import TermCore

/// Where the intake screen puts its parts.
public enum IntakeLayout {
  /// From this width the drafts and the selected one's source sentence stand side by side;
  /// below it the sentence goes under the list.
  public static let sideBySideWidth = 100
}

extension Render {
  /// The intake screen over the page: the source stage or the review.
  static func intakeView(_ s: AppState, _ st: IntakeState, _ g: inout Grid, _ layout: ScreenLayout) -> (x: Int, y: Int)? {
    g.fill(layout.page, style: .plain)
    switch st.stage {
    case .source: return intakeSource(s, st, &g, layout.page)
    case .review:
      intakeReview(s, st, &g, layout.page)
      return nil
    }
  }

  static func intakeSource(_ s: AppState, _ st: IntakeState, _ g: inout Grid, _ page: Rect) -> (x: Int, y: Int)? {
    let t = s.env.theme, l = s.env.lang, k = s.env.keys
    titleRow(&g, l.pick(vi: "Đọc thông báo kết luận: lập dự thảo nhiệm vụ", en: "Read a conclusion notice: draft its tasks"), t.label, position: nil, y: page.y, width: page.width, t)
    let label = l.pick(vi: "Tệp: ", en: "File: ")
    let lx = 1 + TextWidth.width(label)
    putLine(&g, " " + label, x: 0, y: page.y + 1, width: lx, style: st.field == .path ? t.label : t.muted)
    let pathWidth = max(4, page.width - lx - 1)
    let pv = st.path.visible(width: pathWidth)
    g.put(TextWidth.pad(pv.text, to: pathWidth), x: lx, y: page.y + 1, width: pathWidth, style: st.field == .path ? t.focusedField : .plain)
    if st.path.isEmpty && st.field != .path {
      putLine(&g, l.pick(vi: ".txt, .docx hoặc .pdf — \(k.key(.switchField)) để ghi đường dẫn", en: ".txt, .docx or .pdf — \(k.key(.switchField)) to give a path"), x: lx, y: page.y + 1, width: pathWidth, style: t.muted)
    }
    let draftKey = k.key(.draftNotice)
    let hint = st.reading
      ? l.pick(vi: "Đang đọc tệp…", en: "Reading the file…")
      : l.pick(
        vi: "Hoặc dán / gõ văn bản dưới đây (Enter xuống dòng), rồi \(draftKey) để lập dự thảo; chưa lưu gì cho đến khi bạn duyệt.",
        en: "Or paste / type the text below (Enter starts a line), then \(draftKey) drafts it; nothing is saved before you review.")
    putLine(&g, " " + hint, x: 0, y: page.y + 2, width: page.width, style: t.muted)
    var bottom = page.maxY
    if st.confirmingDiscard {
      let yes = k.key(.discard), no = k.key(.keepEditing)
      bottom -= 1
      putLine(&g, " " + l.pick(vi: "Bỏ văn bản đã đưa vào? \(yes): bỏ · \(no): tiếp tục", en: "Discard the text given? \(yes): discard · \(no): keep it"), x: 0, y: bottom, width: page.width, style: t.error)
    } else if let e = st.error {
      let lines = wrapLines(e, width: page.width - 2, maxLines: 2)
      bottom -= lines.count
      for (i, line) in lines.enumerated() { putLine(&g, " " + line, x: 0, y: bottom + i, width: page.width, style: t.error) }
    }
    let box = Rect(x: 0, y: page.y + 3, width: page.width, height: max(2, bottom - page.y - 3))
    let lineCount = st.area.lines.count
    Render.box(&g, box, title: l.pick(vi: "Văn bản", en: "Text") + " · " + l.pick(vi: "\(lineCount) dòng", en: counted(lineCount, vi: "", en: "line", .en)), t)
    let inner = box.inset(by: 1)
    let top = st.area.top(height: inner.height)
    var cursor: (x: Int, y: Int)? = st.field == .path ? (lx + pv.cursorColumn, page.y + 1) : nil
    for r in 0..<inner.height {
      let i = top + r
      guard st.area.lines.indices.contains(i) else { break }
      if i == st.area.row && st.field == .text {
        let v = st.area.lines[i].visible(width: inner.width - 1)
        g.put(v.text, x: inner.x + 1, y: inner.y + r, width: inner.width - 1)
        cursor = (inner.x + 1 + v.cursorColumn, inner.y + r)
      } else {
        putLine(&g, st.area.lines[i].text, x: inner.x + 1, y: inner.y + r, width: inner.width - 1)
      }
    }
    return st.confirmingDiscard || st.reading ? nil : cursor
  }

  /// The mark a draft shows for its decision: accepted, dropped, or still to decide.
  static func decisionMark(_ d: DraftDecision) -> String {
    switch d {
    case .accepted: return "✓"
    case .dropped: return "✗"
    case .undecided: return "·"
    }
  }

  static func intakeReview(_ s: AppState, _ st: IntakeState, _ g: inout Grid, _ page: Rect) {
    let t = s.env.theme, l = s.env.lang, k = s.env.keys
    let accepted = st.items.filter { $0.decision == .accepted }.count
    let dropped = st.items.filter { $0.decision == .dropped }.count
    let checking = st.items.filter { $0.decision != .dropped && !$0.checks.isEmpty }.count
    let from = st.sourceName.isEmpty ? l.pick(vi: "văn bản dán vào", en: "pasted text") : st.sourceName
    let summary = l.pick(
      vi: "Dự thảo từ \(from): \(st.items.count) nhiệm vụ · \(accepted) nhận · \(dropped) bỏ · \(checking) cần kiểm tra",
      en: "Drafted from \(from): \(counted(st.items.count, vi: "", en: "task", .en)) · \(accepted) accepted · \(dropped) dropped · \(checking) to check")
    titleRow(&g, summary, t.label, position: nil, y: page.y, width: page.width, t)
    let m = st.meeting
    var meeting: [String] = []
    meeting.append(l.pick(vi: "Họp ", en: "Held ") + (m.date?.formatted ?? "—"))
    if !m.notice.isEmpty {
      meeting.append(l.pick(vi: "Thông báo ", en: "Notice ") + m.notice + (m.noticeDate.map { l.pick(vi: " ngày ", en: " of ") + $0.formatted } ?? ""))
    } else if let d = m.noticeDate {
      meeting.append(l.pick(vi: "Văn bản ngày ", en: "Dated ") + d.formatted)
    }
    if !m.chair.isEmpty { meeting.append(l.pick(vi: "Chủ trì: ", en: "Chair: ") + m.chair) }
    meeting.append(m.title.isEmpty ? l.pick(vi: "(không rõ nội dung họp)", en: "(no title found)") : m.title)
    putLine(&g, " " + meeting.joined(separator: " · "), x: 0, y: page.y + 1, width: page.width, style: m.date == nil && m.noticeDate == nil ? t.overdue : .plain)

    let body = Rect(x: 0, y: page.y + 2, width: page.width, height: max(1, page.height - 2))
    let rows = IntakeReview.listRows(s.size, count: st.items.count)
    let list: Rect, detail: Rect
    if page.width >= IntakeLayout.sideBySideWidth {
      let lw = body.width * 3 / 5
      list = Rect(x: 0, y: body.y, width: lw, height: body.height)
      detail = Rect(x: lw + 1, y: body.y, width: body.width - lw - 1, height: body.height)
      for y in body.y..<body.maxY { g.put("│", x: lw, y: y, style: t.muted) }
    } else {
      list = Rect(x: 0, y: body.y, width: body.width, height: rows)
      detail = Rect(x: 0, y: body.y + rows + 1, width: body.width, height: max(0, body.height - rows - 1))
      g.put(String(repeating: "─", count: body.width), x: 0, y: body.y + rows, width: body.width, style: t.muted)
    }
    draftList(s, st, &g, list, rows: min(rows, list.height))
    if let i = st.selected { draftDetail(s, st.items[i], number: i + 1, &g, detail) }

    if st.confirmingDiscard {
      let yes = k.key(.discard), no = k.key(.keepEditing)
      let text = l.pick(
        vi: "Bỏ bản dự thảo và các quyết định đã chọn? \(yes): bỏ · \(no): tiếp tục duyệt",
        en: "Discard the draft and the decisions made? \(yes): discard · \(no): keep reviewing")
      putLine(&g, " " + text, x: 0, y: page.maxY - 1, width: page.width, style: t.error)
    } else if let e = st.error {
      let lines = wrapLines(e, width: page.width - 2, maxLines: 2)
      for (i, line) in lines.enumerated() { putLine(&g, " " + line, x: 0, y: page.maxY - lines.count + i, width: page.width, style: t.error) }
    } else if st.savingRef != nil {
      putLine(&g, " " + l.pick(vi: "Đang lưu…", en: "Saving…"), x: 0, y: page.maxY - 1, width: page.width, style: t.info)
    }
  }

  /// One row per draft: decision mark, a `?` when something needs checking, item, lead, deadline, content.
  static func draftList(_ s: AppState, _ st: IntakeState, _ g: inout Grid, _ r: Rect, rows: Int) {
    let t = s.env.theme
    let top = st.scroll.top
    for row in 0..<rows {
      let i = top + row
      guard st.items.indices.contains(i) else { break }
      let item = st.items[i]
      let lead = item.edited?.lead ?? item.draft.lead.map { $0.kind == .agency ? ($0.code ?? $0.text) : $0.text } ?? "—"
      let due = item.edited?.deadline ?? item.draft.deadline
      let deadline = due.kind == .none && due.text.isEmpty && item.draft.deadlineText.isEmpty ? "—" : deadlineText(due, s.env.lang)
      let itemLabel = item.edited?.item ?? item.draft.item
      let content = item.edited?.content ?? item.draft.content
      let check = item.checks.isEmpty ? " " : "?"
      let line = decisionMark(item.decision) + check + " " + TextWidth.pad(TextWidth.truncate("[\(i + 1)] " + itemLabel, to: 8), to: 8)
        + " " + TextWidth.pad(TextWidth.truncate(lead, to: 10), to: 10) + " " + TextWidth.pad(TextWidth.truncate(deadline, to: 10), to: 10) + " " + content
      let style: Style
      if i == st.scroll.cursor {
        style = t.selected
      } else if item.decision == .dropped {
        style = t.muted
      } else {
        style = item.isReady ? .plain : t.overdue
      }
      g.fill(Rect(x: r.x, y: r.y + row, width: r.width, height: 1), style: style)
      putLine(&g, line, x: r.x, y: r.y + row, width: r.width, style: style)
    }
  }

  /// The selected draft: the sentence it came from, then how it was read, then what to check.
  static func draftDetail(_ s: AppState, _ item: IntakeItem, number: Int, _ g: inout Grid, _ r: Rect) {
    let t = s.env.theme, l = s.env.lang
    guard r.height > 0, r.width > 4 else { return }
    var lines: [(String, Style)] = []
    let w = r.width - 1
    func add(_ text: String, _ style: Style = .plain, indent: String = "") {
      for line in TextWidth.wrap(text, width: max(1, w - TextWidth.width(indent))) { lines.append((indent + line, style)) }
    }
    func field(_ name: String, _ value: String) { add(name + ": " + (value.isEmpty ? "—" : value)) }
    let decision: String
    switch item.decision {
    case .accepted: decision = l.pick(vi: "đã nhận", en: "accepted")
    case .dropped: decision = l.pick(vi: "đã bỏ", en: "dropped")
    case .undecided: decision = l.pick(vi: "chưa quyết định", en: "not decided")
    }
    let edited = item.edited != nil ? l.pick(vi: " · đã sửa", en: " · edited") : ""
    add("[\(number)] " + decisionMark(item.decision) + " " + decision + edited, t.label)
    add(l.pick(vi: "Câu gốc:", en: "Source sentence:"), t.label)
    add("“" + item.draft.source + "”", t.muted, indent: "  ")
    // What needs checking comes before the fields: a short pane still shows it.
    let checks = item.checks
    if !checks.isEmpty {
      add(l.pick(vi: "Cần kiểm tra:", en: "To check:"), t.overdue)
      for c in checks { add("- " + c.message(l), t.overdue, indent: "  ") }
    }
    let d = item.draft
    func who(_ a: AgencyMention) -> String {
      switch a.kind {
      case .agency: return "\(a.code ?? "") (\(a.text))"
      case .group: return l.pick(vi: "[nhóm] ", en: "[group] ") + a.text
      case .unknown: return l.pick(vi: "[chưa có trong danh mục] ", en: "[not in directory] ") + a.text
      }
    }
    if let f = item.edited {
      field(l.pick(vi: "Nội dung", en: "Content"), f.content)
      field(l.pick(vi: "Chủ trì", en: "Lead"), f.lead)
      field(l.pick(vi: "Phối hợp", en: "With"), f.coordinating.joined(separator: ", "))
      if let o = f.owner { field(l.pick(vi: "Phụ trách", en: "Owner"), o) }
      let written = f.deadline.text.isEmpty || f.deadline.text == f.deadline.date?.formatted ? "" : "“\(f.deadline.text)” → "
      field(l.pick(vi: "Thời hạn", en: "Deadline"), f.deadline.kind == .none && f.deadline.text.isEmpty ? "" : written + deadlineText(f.deadline, l))
      field(l.pick(vi: "Sản phẩm", en: "Product"), f.product)
    } else {
      field(l.pick(vi: "Nội dung", en: "Content"), d.content)
      field(l.pick(vi: "Chủ trì", en: "Lead"), d.lead.map(who) ?? "")
      field(l.pick(vi: "Phối hợp", en: "With"), d.coordinating.map(who).joined(separator: "; "))
      if let o = d.ownerName { field(l.pick(vi: "Phụ trách", en: "Owner"), o + (d.owner.map { " [\($0)]" } ?? "")) }
      let written = d.deadlineText.isEmpty ? "" : "“\(d.deadlineText)” → "
      field(l.pick(vi: "Thời hạn", en: "Deadline"), d.deadlineText.isEmpty && d.deadline.kind == .none ? "" : written + deadlineText(d.deadline, l))
      field(l.pick(vi: "Sản phẩm", en: "Product"), d.product)
    }
    for (i, line) in lines.prefix(r.height).enumerated() {
      putLine(&g, line.0, x: r.x + 1, y: r.y + i, width: w, style: line.1)
    }
  }

  /// A deadline as the review shows it: its date, else its kind, else `?`.
  static func deadlineText(_ d: Deadline, _ l: Lang) -> String {
    switch d.kind {
    case .none: return d.text.isEmpty ? l.pick(vi: "không thời hạn", en: "no deadline") : "?"
    case .routine: return Words.deadlineKind(.routine, l)
    default: return d.date?.formatted ?? (d.text.isEmpty ? "?" : d.text)
    }
  }
}
