import FollowUpCore
import TermCore

extension Update {
  /// Keys of a form: its discard question, its completion list, its own commands, its
  /// focused choice field, and then the focused text field.
  static func formKey(_ s: inout AppState, _ form: inout FormState, _ key: Key) -> [AppEffect] {
    guard !form.saving else { return [] }
    let l = s.env.lang
    let keys = s.env.keys
    if form.confirmingDiscard {
      switch keys.command(for: key, in: .discard) {
      case .discard?:
        s.overlays.removeLast()
        s.status = StatusMessage(l.pick(vi: "Đã huỷ, không lưu gì.", en: "Cancelled; nothing saved."))
      case .keepEditing?:
        form.confirmingDiscard = false
      case .redraw?:
        return [.redraw]
      default:
        break
      }
      return []
    }
    if form.menu != nil, let effects = menuKey(&form, key, keys) { return effects }
    let suggestions = form.focused.map { Forms.suggestions($0, s.catalog) } ?? []
    switch keys.command(for: key, in: .form) {
    case .cancel?:
      if form.isDirty {
        form.confirmingDiscard = true
        return []
      }
      s.overlays.removeLast()
      s.status = StatusMessage(l.pick(vi: "Đã huỷ, không lưu gì.", en: "Cancelled; nothing saved."))
      return []
    case .save?:
      if case .reviewDraft(let index) = form.purpose { return IntakeReview.saveDraftForm(&s, &form, index: index) }
      switch Forms.submit(form, state: s) {
      case .success(let effect):
        form.saving = true
        form.error = nil
        if form.fromMarks { s.list.consumeMarks = true }
        return [effect]
      case .failure(let e):
        form.error = e.message
        form.errorField = e.field
        if let f = e.field, let i = form.fields.firstIndex(where: { $0.id == f }) { form.focus = i }
        return []
      }
    case .complete?:
      if suggestions.count == 1, form.fields.indices.contains(form.focus) {
        Forms.accept(suggestions[0], into: &form.fields[form.focus])
        form.suggestion = 0
        clearFieldError(&form)
      } else if suggestions.count > 1, form.fields.indices.contains(form.focus) {
        // Several candidates: list them and walk through them rather than guess.
        let start = min(form.suggestion, suggestions.count - 1)
        form.menu = CompletionMenu(original: form.fields[form.focus].editor.text, candidates: suggestions, index: start)
        Forms.accept(suggestions[start], into: &form.fields[form.focus])
        clearFieldError(&form)
      } else {
        form.focus = (form.focus + 1) % form.fields.count
      }
    case .nextField?:
      form.focus = (form.focus + 1) % form.fields.count
      form.suggestion = 0
    case .previousField?:
      form.focus = (form.focus + form.fields.count - 1) % form.fields.count
      form.suggestion = 0
    case .nextSuggestion?:
      if !suggestions.isEmpty { form.suggestion = (form.suggestion + 1) % suggestions.count }
    case .previousSuggestion?:
      if !suggestions.isEmpty { form.suggestion = (form.suggestion + suggestions.count - 1) % suggestions.count }
    case .redraw?:
      return [.redraw]
    default:
      guard form.fields.indices.contains(form.focus) else { return [] }
      var field = form.fields[form.focus]
      let choice = keys.command(for: key, in: .choice)
      switch field.kind {
      case .toggle where choice == .nextChoice || choice == .previousChoice:
        field.editor = LineEditor(field.editor.text.isEmpty ? "x" : "")
      case .choice(let options) where choice == .nextChoice || choice == .previousChoice:
        let i = options.firstIndex(of: field.editor.text) ?? 0
        let next = choice == .previousChoice ? (i + options.count - 1) % options.count : (i + 1) % options.count
        field.editor = LineEditor(options[next])
      case .toggle, .choice:
        break
      default:
        _ = field.editor.handle(key)
      }
      form.fields[form.focus] = field
      form.suggestion = 0
      clearFieldError(&form)
    }
    return []
  }

  static func clearFieldError(_ form: inout FormState) {
    guard let field = form.focused, form.errorField == field.id else { return }
    form.error = nil
    form.errorField = nil
  }

  /// After a form saved: a new meeting opens the task form for its first conclusion; a task
  /// added in that sitting opens the next one.
  static func chainAfterSave(_ s: inout AppState, _ form: FormState, changed: [FollowUpTask]) -> [AppEffect] {
    switch form.purpose {
    case .addMeeting:
      let ref = VietText.clean(form.text(.meetingRef))
      var next = Forms.taskForm(nil, purpose: .addTask, asOf: s.env.asOf, meeting: ref)
      next.chainedMeeting = ref
      if let i = next.fields.firstIndex(where: { $0.id == .item }) { next.fields[i] = FormField(.item, .text, "1") }
      next.markClean()
      s.overlays.append(.form(next))
    case .addTask where form.chainedMeeting != nil:
      guard let ref = form.chainedMeeting else { return [] }
      var next = Forms.taskForm(nil, purpose: .addTask, asOf: s.env.asOf, meeting: ref)
      next.chainedMeeting = ref
      let item = Int(form.text(.item)).map { String($0 + 1) } ?? ""
      if let i = next.fields.firstIndex(where: { $0.id == .item }) { next.fields[i] = FormField(.item, .text, item) }
      for id in [FieldID.lead, .tracker] {
        if let i = next.fields.firstIndex(where: { $0.id == id }) {
          next.fields[i] = FormField(id, next.fields[i].kind, form.text(id), required: next.fields[i].required)
        }
      }
      next.markClean()
      s.overlays.append(.form(next))
    default:
      if let t = changed.first, case .addTask = form.purpose { refresh(&s, keep: .task(t.id)) }
    }
    return []
  }
}

extension Render {
  static func formView(_ s: AppState, _ f: FormState, _ g: inout Grid, _ layout: ScreenLayout) -> (x: Int, y: Int)? {
    let t = s.env.theme, l = s.env.lang
    let suggestions = f.menu?.candidates ?? f.focused.map { Forms.suggestions($0, s.catalog) } ?? []
    let highlighted = f.menu?.index ?? f.suggestion
    let listed = min(Forms.maxSuggestions, suggestions.count)
    let width = min(layout.bounds.width - 2, 96)
    let innerWidth = max(1, width - 2)
    // The bottom lines: the question before discarding, the error wrapped whole (the form
    // grows for it), or the hint.
    let bottom: [(String, Style)]
    let k = s.env.keys
    if f.confirmingDiscard {
      let yes = k.key(.discard), no = k.key(.keepEditing)
      bottom = wrapLines(l.pick(vi: "Bỏ các thay đổi đã gõ? \(yes): bỏ · \(no): tiếp tục sửa", en: "Discard changes? \(yes)/\(no)"), width: innerWidth - 1, maxLines: 2).map { (" " + $0, t.error) }
    } else if let e = f.error {
      bottom = wrapLines(e, width: innerWidth - 1, maxLines: max(1, min(5, layout.bounds.height - f.fields.count - 6))).map { (" " + $0, t.error) }
    } else {
      let hint: String
      if f.menu != nil {
        let walk = k.key(.menuNext) + "/" + k.key(.menuPrevious), choose = k.key(.menuChoose), back = k.key(.menuAsTyped)
        hint = l.pick(vi: "\(walk): gợi ý sau/trước · \(choose): chọn · \(back): như đã gõ", en: "\(walk): next/previous · \(choose): choose · \(back): as typed")
      } else if case .withdraw = f.purpose {
        let save = k.key(.save), cancel = k.key(.cancel)
        hint = l.pick(vi: "Lý do không bắt buộc, được ghi vào tiến độ · \(save): dừng thực hiện · \(cancel) huỷ", en: "The reason is optional and goes into the progress notes · \(save) withdraws · \(cancel) cancels")
      } else {
        let save = k.key(.save), complete = k.key(.complete), cancel = k.key(.cancel)
        hint = l.pick(vi: "* bắt buộc · \(save) lưu · \(complete) chọn gợi ý · \(cancel) huỷ", en: "* required · \(save) saves · \(complete) completes · \(cancel) cancels")
      }
      bottom = [(" " + TextWidth.truncate(hint, to: innerWidth - 1), t.muted)]
    }
    let height = min(layout.bounds.height - 2, f.fields.count + 3 + bottom.count + listed)
    let rect = Rect(x: (layout.bounds.width - width) / 2, y: max(1, (layout.bounds.height - height) / 2), width: width, height: height)
    box(&g, rect, title: Forms.title(f.purpose, l), t)
    let labelWidth = min(18, f.fields.map { TextWidth.width(Forms.label($0.id, l)) + 2 }.max() ?? 10)
    let inner = rect.inset(by: 1)
    let fieldX = inner.x + labelWidth + 1
    let fieldWidth = max(4, inner.maxX - fieldX - 1)
    let fieldsEnd = inner.maxY - 1 - bottom.count
    var y = inner.y
    var cursor: (x: Int, y: Int)? = nil
    // Keep the focused field on screen when the window is short.
    let room = fieldsEnd - inner.y - listed
    let first = max(0, min(f.focus - room / 2, f.fields.count - room))
    for (i, field) in f.fields.enumerated() where i >= first && y < fieldsEnd {
      let focused = i == f.focus
      let label = Forms.label(field.id, l) + (field.required ? "*" : "")
      g.put(TextWidth.pad(label, to: labelWidth, alignRight: true), x: inner.x, y: y, width: labelWidth, style: focused ? t.label : t.muted)
      switch field.kind {
      case .toggle:
        g.put(field.editor.text.isEmpty ? "[ ]" : "[x]", x: fieldX, y: y, style: focused ? t.focusedField : .plain)
        if focused { cursor = (fieldX + 1, y) }
      case .choice(let options):
        cursor = choiceField(&g, field, options: options, focused: focused, x: fieldX, y: y, width: fieldWidth, l, t) ?? cursor
      default:
        let v = field.editor.visible(width: fieldWidth)
        let style = f.errorField == field.id ? t.overdue : (focused ? t.focusedField : .plain)
        g.put(TextWidth.pad(v.text, to: fieldWidth), x: fieldX, y: y, width: fieldWidth, style: style)
        if focused { cursor = (fieldX + v.cursorColumn, y) }
        if field.kind == .deadline, !field.editor.text.isEmpty, fieldWidth > 30 {
          let preview: (String, Style) = {
            do {
              let d = try Deadline.parse(field.editor.text, referenceYear: f.referenceDay?.year ?? s.env.asOf.year, reference: f.referenceDay).deadline
              return ("→ " + (d.date?.formatted ?? Words.deadlineKind(d.kind, l)), t.muted)
            } catch { return ("?", t.overdue) }
          }()
          let pw = TextWidth.width(preview.0)
          if TextWidth.width(v.text) + pw + 2 < fieldWidth {
            g.put(preview.0, x: fieldX + fieldWidth - pw, y: y, style: preview.1)
          }
        }
      }
      y += 1
      if focused && !suggestions.isEmpty {
        for (k, sug) in suggestions.prefix(listed).enumerated() where y < fieldsEnd {
          let st = k == highlighted ? t.selected : t.muted
          g.put(TextWidth.pad("  " + sug.label, to: fieldWidth), x: fieldX, y: y, width: fieldWidth, style: st)
          y += 1
        }
      }
    }
    for (i, line) in bottom.enumerated() {
      putLine(&g, line.0, x: inner.x, y: inner.maxY - bottom.count + i, width: inner.width, style: line.1)
    }
    return f.confirmingDiscard ? nil : cursor
  }

  /// A choice field: every option in a row with the chosen one highlighted when they fit
  /// (Space or ←/→ moves along), else the chosen one with its place, e.g. `‹ Đang thực hiện › 2/5`.
  static func choiceField(
    _ g: inout Grid, _ field: FormField, options: [String], focused: Bool, x: Int, y: Int, width: Int, _ l: Lang, _ t: Theme
  ) -> (x: Int, y: Int)? {
    let labels = options.map { Forms.choiceLabel($0, l) }
    let chosen = options.firstIndex(of: field.editor.text)
    let row = labels.map { " " + $0 + " " }.joined(separator: " ")
    // The whole list while choosing; only the choice otherwise, to keep the form calm.
    if focused, TextWidth.width(row) <= width {
      var cx = x
      var cursor: (x: Int, y: Int)? = nil
      for (i, label) in labels.enumerated() {
        let selected = i == chosen
        let style = selected ? (focused ? t.focusedField : t.label) : t.muted
        if selected && focused { cursor = (cx + 1, y) }
        cx += g.put(" " + label + " ", x: cx, y: y, style: style) + 1
      }
      return cursor
    }
    let shown = chosen.map { labels[$0] } ?? field.editor.text
    let place = focused ? chosen.map { " \($0 + 1)/\(options.count)" } ?? "" : ""
    putLine(&g, "‹ " + shown + " ›" + place, x: x, y: y, width: width, style: focused ? t.focusedField : .plain)
    return focused ? (x, y) : nil
  }
}
