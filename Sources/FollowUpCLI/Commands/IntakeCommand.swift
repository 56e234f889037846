import ArgumentParser
import FollowUpApp
import FollowUpCore
import FollowUpStore
import Foundation

/// `followup intake FILE`: drafts the tasks a conclusion notice assigns, for review.
struct IntakeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "intake",
    abstract: "Draft the tasks a conclusion notice assigns (plain text, .docx or PDF), for review.",
    discussion: """
      Prints the meeting and each drafted task with what needs checking. --format json writes \
      the draft as followup/1 for review (edit it, then 'followup import'); --save stores it \
      at once as one action ('followup undo' takes it back). --evaluate DIR scores the \
      extractor on a labelled set of notices.
      """)

  @OptionGroup var global: GlobalOptions
  @Option(help: "table (default) or json (followup/1 with source sentences and checks).") var format: IntakeFormat = .table
  @Flag(help: "Save the drafted meeting and tasks as one action (every task needs a lead agency from the directory).") var save = false
  @Option(help: ArgumentHelp("Score the extractor on a directory of notices (*.txt) with labels (*.labels.json).", valueName: "dir"))
  var evaluate: String?
  @Argument(help: ArgumentHelp("The notice (.txt, .docx, .pdf; - for standard input).", valueName: "file"))
  var input: String?

  func validate() throws {
    if evaluate == nil && input == nil {
      throw ValidationError("Give the notice file (or - for standard input), or --evaluate DIR.")
    }
  }

  func run() throws {
    let l = global.language
    if let dir = evaluate {
      let catalog = Catalog(agencies: GlobalOptions.bundledDirectory)
      let report = IntakeEvaluation.score(try IntakeFile.corpus(dir), catalog: catalog)
      emit(report.table(l))
      return
    }
    let path = input ?? "-"
    let text = try IntakeFile.text(path)
    let catalog = try directory()
    let draft = IntakeExtractor.draft(text, catalog: catalog)
    if draft.tasks.isEmpty && !save {
      emit(IntakeCommand.render(draft, l))
      return
    }
    let ref = IntakeInterchange.meetingRef(
      draft.meeting.date ?? Environment.current.today, taken: Set(catalog.meetings.keys))
    if save {
      try store(draft, ref: ref, l)
      return
    }
    switch format {
    case .json: FileHandle.standardOutput.write(Data(IntakeInterchange.reviewJSON(draft, meetingRef: ref, lang: l).utf8))
    case .table: emit(IntakeCommand.render(draft, l))
    }
  }

  /// The data file's directory when there is one, else the bundled directory; reading never creates a file.
  func directory() throws -> Catalog {
    if FileManager.default.fileExists(atPath: global.path) {
      return try global.openStore(create: false).loadCatalog()
    }
    return Catalog(agencies: GlobalOptions.bundledDirectory)
  }

  func store(_ draft: IntakeDraft, ref: String, _ l: Lang) throws {
    guard !draft.tasks.isEmpty else {
      throw UserError(
        .intakeNone, vi: "Không tìm thấy nhiệm vụ nào được giao trong văn bản nên không lưu gì",
        en: "No assignment was found in the notice, so nothing was saved")
    }
    let unresolved = draft.tasks.enumerated().filter { !$0.element.isResolved }
    if !unresolved.isEmpty {
      let which = unresolved.prefix(6).map { "[\($0.offset + 1)]" }.joined(separator: ", ")
      throw UserError(
        .intakeUnresolved,
        vi: "Chưa lưu gì: nhiệm vụ \(which) có cơ quan chủ trì hoặc phối hợp là nhóm cơ quan hay cơ quan chưa có trong danh mục; xuất bằng --format json, chọn cơ quan rồi nhập bằng 'followup import'",
        en: "Nothing was saved: tasks \(which) have a group of bodies or a body missing from the directory as lead or partner; write --format json, choose the agencies, then 'followup import' it")
    }
    guard let meeting = IntakeInterchange.meeting(draft, ref: ref) else {
      throw UserError(
        .intakeNodate, vi: "Chưa lưu gì: văn bản không ghi ngày họp hay ngày ban hành; xuất bằng --format json, ghi ngày rồi nhập",
        en: "Nothing was saved: the notice gives no meeting or issue date; write --format json, add the date, then import it")
    }
    let user = Environment.current.user
    let doc = InterchangeDocument(
      meetings: [meeting], tasks: draft.tasks.map { IntakeInterchange.task($0, meeting: meeting, by: user) })
    let store = try global.openStore()
    let summary: ImportSummary
    do {
      summary = try store.importDocument(doc, renumber: true)
    } catch {
      store.discardIfCreated()
      throw error
    }
    let ids = summary.taskIDs
    let range = ids.isEmpty ? "" : " (#\(ids.min() ?? 0)–#\(ids.max() ?? 0))"
    emit(l.pick(
      vi: "Đã lưu cuộc họp \(meeting.ref) và \(counted(ids.count, vi: "nhiệm vụ", en: "task", l))\(range) vào \(store.location); 'followup undo' để hoàn tác.",
      en: "Saved meeting \(meeting.ref) and \(counted(ids.count, vi: "nhiệm vụ", en: "task", l))\(range) into \(store.location); 'followup undo' takes it back."))
  }

  /// The draft as a person reads it.
  static func render(_ d: IntakeDraft, _ l: Lang) -> String {
    var out: [String] = []
    let m = d.meeting
    out.append(l.pick(vi: "CUỘC HỌP", en: "MEETING"))
    out.append("  " + l.pick(vi: "Nội dung:   ", en: "Title:      ") + (m.title.isEmpty ? "—" : m.title))
    out.append("  " + l.pick(vi: "Ngày họp:   ", en: "Held on:    ") + (m.date?.formatted ?? "—"))
    out.append("  " + l.pick(vi: "Chủ trì:    ", en: "Chair:      ") + (m.chair.isEmpty ? "—" : m.chair) + (m.host.map { " [\($0)]" } ?? ""))
    let noticeDate = m.noticeDate.map { l.pick(vi: " ngày ", en: " of ") + $0.formatted } ?? ""
    out.append("  " + l.pick(vi: "Thông báo:  ", en: "Notice:     ") + (m.notice.isEmpty ? "—" : m.notice) + noticeDate)
    out.append("")
    out.append(l.pick(
      vi: "NHIỆM VỤ DỰ THẢO: \(d.tasks.count) (chưa lưu; kiểm tra rồi dùng --save hoặc --format json)",
      en: "DRAFTED TASKS: \(d.tasks.count) (not saved; review, then use --save or --format json)"))
    if d.tasks.isEmpty {
      out.append(l.pick(
        vi: "Không tìm thấy câu giao nhiệm vụ nào (Giao …, Đề nghị …, … chủ trì, … có trách nhiệm …).",
        en: "No assigning sentence was found (Giao …, Đề nghị …, … chủ trì, … có trách nhiệm …)."))
    }
    func who(_ a: AgencyMention) -> String {
      switch a.kind {
      case .agency: return "\(a.code ?? "") (\(a.text))"
      case .group: return l.pick(vi: "[nhóm] ", en: "[group] ") + a.text
      case .unknown: return l.pick(vi: "[chưa có trong danh mục] ", en: "[not in directory] ") + a.text
      }
    }
    for (i, t) in d.tasks.enumerated() {
      out.append("")
      out.append("[\(i + 1)] " + l.pick(vi: "Mục ", en: "Item ") + (t.item.isEmpty ? "—" : t.item))
      out.append("  " + l.pick(vi: "Nội dung:   ", en: "Content:    ") + t.content)
      out.append("  " + l.pick(vi: "Chủ trì:    ", en: "Lead:       ") + (t.lead.map(who) ?? "—"))
      out.append("  " + l.pick(vi: "Phối hợp:   ", en: "With:       ") + (t.coordinating.isEmpty ? "—" : t.coordinating.map(who).joined(separator: "; ")))
      if let o = t.ownerName {
        out.append("  " + l.pick(vi: "Phụ trách:  ", en: "Owner:      ") + o + (t.owner.map { " [\($0)]" } ?? ""))
      }
      let normalised: String
      switch t.deadline.kind {
      case .none: normalised = t.deadlineText.isEmpty ? l.pick(vi: "không thời hạn", en: "no deadline") : "?"
      case .routine: normalised = l.pick(vi: "thường xuyên", en: "routine")
      default: normalised = t.deadline.date?.formatted ?? "?"
      }
      let written = t.deadlineText.isEmpty ? "—" : "\"\(t.deadlineText)\""
      out.append("  " + l.pick(vi: "Thời hạn:   ", en: "Deadline:   ") + "\(written) → \(normalised) (\(t.deadline.kind.rawValue))")
      out.append("  " + l.pick(vi: "Sản phẩm:   ", en: "Product:    ") + (t.product.isEmpty ? "—" : t.product))
      out.append("  " + l.pick(vi: "Câu gốc:    ", en: "Source:     ") + "\"\(t.source)\"")
      if !t.checks.isEmpty {
        out.append("  " + l.pick(vi: "Cần kiểm tra:", en: "Check:"))
        for c in t.checks { out.append("    - " + c.message(l)) }
      }
    }
    return out.joined(separator: "\n")
  }
}

/// Output formats of `intake`.
enum IntakeFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json
}
