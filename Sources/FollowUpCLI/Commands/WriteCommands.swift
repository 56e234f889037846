import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a followup/1 JSON file, a CSV file or an Excel workbook; all of it, or nothing.")

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Import the tasks as new ones: new ids, and no ref where the data file already uses it.") var renumber = false
  @Option(help: ArgumentHelp("The worksheet to read from a workbook (default: the first).", valueName: "name")) var sheet: String?
  @Argument(help: ArgumentHelp("The file (.json, .csv, .xlsx or .xlsm; - for standard input).", valueName: "file")) var input: String

  func run() throws {
    let l = global.language
    let data = try readInput(input)
    let looksJSON = input.lowercased().hasSuffix(".json")
      || (!input.lowercased().hasSuffix(".csv") && data.drop { [0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }.first == UInt8(ascii: "{"))
    // JSON is checked (bytes, syntax, header) before the data file is opened, so a file
    // that cannot be imported does not leave a new, empty data file behind; its tasks are
    // then read one at a time during the import, never the whole file at once.
    var json: InterchangeStream?
    let workbook = try Workbooks.taskGrid(path: input, data: data, sheet: sheet)
    if looksJSON && workbook == nil {
      do {
        let source: any ChunkSource = input == "-" ? DataChunks(data) : try FileChunks(path: input)
        json = try InterchangeStream(source: source)
      } catch let e as UserError {
        throw e.located(vi: input, en: input)
      }
    }
    let store = try global.openStore()
    let summary: ImportSummary
    do {
      summary = try importInto(store, json: json, workbook: workbook, data: data)
    } catch {
      // All or nothing: a file this command created for the import goes again.
      store.discardIfCreated()
      throw error
    }
    let ids = summary.taskIDs
    let range = ids.isEmpty ? "" : " (#\(ids.min() ?? 0)–#\(ids.max() ?? 0))"
    let tasks = counted(ids.count, vi: "nhiệm vụ", en: "task", l) + range
    let agencies = counted(summary.agencies, vi: "cơ quan", en: "agency", enPlural: "agencies", l)
    let people = counted(summary.people, vi: "cán bộ", en: "person", enPlural: "people", l)
    let meetings = counted(summary.meetings, vi: "cuộc họp", en: "meeting", l)
    emit(l.pick(
      vi: "Đã nhập \(tasks), \(agencies), \(people), \(meetings) vào \(store.location).",
      en: "Imported \(tasks), \(agencies), \(people) and \(meetings) into \(store.location)."))
    if summary.clearedRefs > 0 {
      emit(l.pick(
        vi: "\(summary.clearedRefs) mã nhiệm vụ đã có trong tệp dữ liệu nên các bản sao được để trống mã.",
        en: "\(summary.clearedRefs) task \(summary.clearedRefs == 1 ? "ref was" : "refs were") already in use, so the copies have no ref."))
    }
  }

  /// Imports the JSON stream, or reads the CSV (workbooks were read before the file was
  /// opened) and imports it, in one transaction.
  func importInto(_ store: any TaskStore, json: InterchangeStream?, workbook: TaskGrid?, data: Data) throws
    -> ImportSummary
  {
    if let json {
      do {
        return try store.importStream(json, renumber: renumber)
      } catch let e as UserError where ["import", "task"].contains(e.code.family) {
        throw e.located(vi: input, en: input)
      }
    }
    let catalog = try store.loadCatalog()
    let grid: TaskGrid
    let read: TaskGridImport
    do {
      if let workbook {
        grid = workbook
      } else {
        try InterchangeReader.requireUTF8(data)
        grid = TaskGrid(csv: try CSV.parse(String(decoding: data, as: UTF8.self)))
      }
      read = try CSVTasks.read(grid, catalog: catalog, referenceYear: Environment.current.today.year)
    } catch let e as UserError {
      throw e.located(vi: input, en: input)
    }
    let doc = InterchangeDocument(tasks: read.tasks)
    let location = { (i: Int) in grid.place(read.rows[i], nil, "") }
    do {
      return try store.importDocument(doc, renumber: renumber, location: location)
    } catch let e as UserError where ["import", "task"].contains(e.code.family) {
      throw e.located(vi: input, en: input)
    }
  }

  /// The file's bytes, mapped rather than read: a file of any size is taken, and its pages
  /// are the operating system's to drop and read again, not the program's memory.
  func readInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    guard (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) != nil else {
      throw UserError(.importMissing, vi: "Không đọc được tệp '\(path)'; kiểm tra đường dẫn", en: "Cannot read the file '\(path)'; check the path")
    }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
      throw UserError(.importMissing, vi: "Không đọc được tệp '\(path)'", en: "Cannot read the file '\(path)'")
    }
    return data
  }
}

/// Parses a deadline given on the command line, naming the option when it is wrong.
///
/// A period such as `trong 15 ngày làm việc` counts from `reference`, the assigning
/// document's day (the meeting's, else the task's assignment day).
func parseDeadline(_ text: String, option: String, referenceYear: Int, reference: Day? = nil) throws -> Deadline {
  do {
    let parsed = try Deadline.parse(text, referenceYear: referenceYear, reference: reference)
    warn(parsed.warnings, option: option)
    return parsed.deadline
  } catch let e as UserError {
    throw e.located(vi: option, en: option)
  }
}

/// Reads a comma-separated list of agencies (codes or names).
func agencyList(_ text: String, _ catalog: Catalog) throws -> [String] {
  var out: [String] = []
  for part in text.split(separator: ",") {
    let p = VietText.clean(String(part))
    if p.isEmpty { continue }
    let code = try catalog.resolveAgency(p).code
    if !out.contains(code) { out.append(code) }
  }
  return out
}

/// Refuses control characters typed into a text option.
func cleanText(_ s: String, option: String, multiline: Bool = false) throws -> String {
  if let c = VietText.controlCharacter(in: s) {
    throw UserError(
      .inputControl, vi: "\(option) chứa ký tự điều khiển U+\(String(c.value, radix: 16, uppercase: true)); hãy xoá nó",
      en: "\(option) contains the control character U+\(String(c.value, radix: 16, uppercase: true)); remove it")
  }
  return multiline ? VietText.cleanMultiline(s) : VietText.clean(s)
}

struct AddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add a task and print its number.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("Lead agency (code or name).", valueName: "agency"), completion: agencyCompletion) var lead: String
  @Option(name: .customLong("with"), help: ArgumentHelp("Coordinating agencies, comma-separated.", valueName: "agencies"), completion: agencyListCompletion) var with: String?
  @Option(help: ArgumentHelp("Focal person (ref or name).", valueName: "person")) var owner: String?
  @Option(help: ArgumentHelp("Tracking officer (ref or name).", valueName: "person")) var tracker: String?
  @Option(help: ArgumentHelp("Deadline as written: 30/9/2023, tháng 11/2023, Quý I/2024, năm 2023, thường xuyên.", valueName: "text")) var deadline: String?
  @Option(help: ArgumentHelp("Meeting (ref or words of its title).", valueName: "meeting")) var meeting: String?
  @Option(help: ArgumentHelp("Item number in the conclusions.", valueName: "item")) var item: String?
  @Option(help: ArgumentHelp("Required product.", valueName: "text")) var product: String?
  @Option(help: ArgumentHelp("External reference, e.g. T8.", valueName: "ref")) var ref: String?
  @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable).", valueName: "tag")) var tags: [String] = []
  @Flag(help: "Mark as a key task (nhiệm vụ trọng tâm).") var priority = false
  @Argument(help: "What must be done.") var content: [String]

  func run() throws {
    let store = try global.openStore()
    let catalog = try store.loadCatalog()
    let today = try asOf.day()
    let meetingRef = try meeting.map { try catalog.resolveMeeting($0).ref }
    let year = meetingRef.flatMap { catalog.meetings[$0]?.date.year } ?? today.year
    let task = FollowUpTask(
      ref: try ref.map { try cleanText($0, option: "--ref") }.flatMap { $0.isEmpty ? nil : $0 },
      meeting: meetingRef, item: try cleanText(item ?? "", option: "--item"),
      content: try cleanText(content.joined(separator: " "), option: "content", multiline: true),
      lead: try catalog.resolveAgency(lead).code,
      coordinating: try with.map { try agencyList($0, catalog) }?.filter { $0 != (try? catalog.resolveAgency(lead).code) } ?? [],
      // Empty means "nobody", as it does for edit.
      owner: try owner.flatMap { $0.isEmpty ? nil : try catalog.resolvePerson($0).ref },
      tracker: try tracker.flatMap { $0.isEmpty ? nil : try catalog.resolvePerson($0).ref },
      deadline: try deadline.map {
        try parseDeadline($0, option: "--deadline", referenceYear: year, reference: meetingRef.flatMap { catalog.meetings[$0]?.date } ?? today)
      } ?? .none,
      product: try cleanText(product ?? "", option: "--product"), priority: priority,
      tags: try tags.map { try cleanText($0, option: "--tag") }.filter { !$0.isEmpty },
      status: .notStarted,
      assignedOn: meetingRef.flatMap { catalog.meetings[$0]?.date } ?? today)
    let saved = try store.add(task)
    emit(String(saved.id))
  }
}

struct DoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done", abstract: "Mark tasks done (one action, undoable).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("Completion day (default: today).", valueName: "date")) var on: String?
  @Option(help: ArgumentHelp("Result, e.g. the delivering document.", valueName: "text")) var result: String?
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let store = try global.openStore(create: false)
    let resultText = try result.map { try cleanText($0, option: "--result", multiline: true) }
    try store.apply(.markDone(day, result: resultText), to: ids)
    emit(global.language.pick(
      vi: "Đã đánh dấu hoàn thành ngày \(day.formatted): " + ids.map { "#\($0)" }.joined(separator: " "),
      en: "Marked done on \(day.formatted): " + ids.map { "#\($0)" }.joined(separator: " ")))
  }
}

struct ReopenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reopen", abstract: "Reopen done or withdrawn tasks.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    try store.apply(.reopen, to: ids)
    emit(global.language.pick(vi: "Đã mở lại: ", en: "Reopened: ") + ids.map { "#\($0)" }.joined(separator: " "))
  }
}

extension WorkflowStatus: ExpressibleByArgument {}

struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit", abstract: "Change fields of a task.",
    discussion: """
      Give the fields to change as options, or use --editor to edit the whole task as a text \
      form in $VISUAL or $EDITOR: save and close to store it, leave it unchanged or empty it \
      to cancel; a mistake reopens the editor with the problem written on top.
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Edit the task as a text form in $VISUAL or $EDITOR (no other field options).") var editor = false
  @Option(help: "New content.") var content: String?
  @Option(help: ArgumentHelp("New lead agency.", valueName: "agency"), completion: agencyCompletion) var lead: String?
  @Option(name: .customLong("with"), help: ArgumentHelp("New coordinating agencies, comma-separated (empty to clear).", valueName: "agencies"), completion: agencyListCompletion) var with: String?
  @Option(help: ArgumentHelp("New owner (empty to clear).", valueName: "person")) var owner: String?
  @Option(help: ArgumentHelp("New tracker (empty to clear).", valueName: "person")) var tracker: String?
  @Option(help: ArgumentHelp("New deadline as written (empty to clear).", valueName: "text")) var deadline: String?
  @Option(help: "New status: not_started, in_progress, reported, done, withdrawn.") var status: WorkflowStatus?
  @Option(help: ArgumentHelp("Completion day for status done (default: today).", valueName: "date")) var on: String?
  @Option(help: "New product.") var product: String?
  @Option(help: "New result.") var result: String?
  @Option(help: ArgumentHelp("New item number.", valueName: "item")) var item: String?
  @Option(help: ArgumentHelp("New meeting (empty to clear).", valueName: "meeting")) var meeting: String?
  @Option(help: ArgumentHelp("Key task: yes or no.", valueName: "yes|no")) var priority: String?
  @Option(name: .customLong("tag"), help: ArgumentHelp("Replace the tags (repeatable).", valueName: "tag")) var tags: [String] = []
  @Flag(help: "Remove all tags.") var clearTags = false
  @Argument(help: "The task number.") var id: Int

  /// Whether any field option was given (they cannot be mixed with --editor).
  var givesFields: Bool {
    let options: [Any?] = [content, lead, with, owner, tracker, deadline, status, on, product, result, item, meeting, priority]
    return options.contains { $0 != nil } || !tags.isEmpty || clearTags
  }

  func run() throws {
    if editor { return try runEditor() }
    let store = try global.openStore(create: false)
    let catalog = try store.loadCatalog()
    let today = Environment.current.today
    let current = try store.task(id)
    let year = current.meeting.flatMap { catalog.meetings[$0]?.date.year } ?? today.year
    let newLead = try lead.map { try catalog.resolveAgency($0).code }
    let newWith = try with.map { try agencyList($0, catalog) }
    let newOwner = try owner.map { $0.isEmpty ? nil : try catalog.resolvePerson($0).ref }
    let newTracker = try tracker.map { $0.isEmpty ? nil : try catalog.resolvePerson($0).ref }
    let newDeadline = try deadline.map {
      try parseDeadline($0, option: "--deadline", referenceYear: year, reference: catalog.assignedOn(current))
    }
    let newMeeting = try meeting.map { $0.isEmpty ? nil : try catalog.resolveMeeting($0).ref }
    let doneDay = try parseDay(on, option: "--on")
    let newContent = try content.map { try cleanText($0, option: "--content", multiline: true) }
    let newProduct = try product.map { try cleanText($0, option: "--product") }
    let newResult = try result.map { try cleanText($0, option: "--result", multiline: true) }
    let newItem = try item.map { try cleanText($0, option: "--item") }
    let newTags = try tags.map { try cleanText($0, option: "--tag") }.filter { !$0.isEmpty }
    var newPriority: Bool?
    if let p = priority {
      switch VietText.fold(p) {
      case "yes", "true", "1", "co": newPriority = true
      case "no", "false", "0", "khong": newPriority = false
      default: throw UserError(.inputPriority, vi: "--priority nhận yes hoặc no", en: "--priority takes yes or no")
      }
    }
    // No version check: the command line showed nothing, so the options apply to the task as
    // stored when the write runs. (Checking the version read a moment earlier by this same
    // command refused edits whenever another process saved the task in between.)
    var patch = TaskPatch(defaultCompletion: today)
    patch.content = newContent
    patch.lead = newLead
    patch.coordinating = newWith
    patch.owner = newOwner
    patch.tracker = newTracker
    patch.deadline = newDeadline
    patch.product = newProduct
    patch.result = newResult
    patch.item = newItem
    patch.meeting = newMeeting
    patch.priority = newPriority
    if clearTags { patch.tags = [] }
    if !newTags.isEmpty { patch.tags = newTags }
    patch.status = status
    patch.completedOn = doneDay
    try store.apply(.patch(patch), to: [id])
    emit(global.language.pick(vi: "Đã sửa #\(id).", en: "Edited #\(id)."))
  }

  /// `--editor`: the text form in the user's editor, saved as one undoable edit.
  func runEditor() throws {
    guard !givesFields else {
      throw UserError(
        .inputEditor, vi: "--editor không dùng cùng các tuỳ chọn sửa trường; sửa mọi trường trong trình soạn thảo",
        en: "--editor cannot be combined with field options; change every field in the editor")
    }
    let l = global.language
    let store = try global.openStore(create: false)
    let catalog = try store.loadCatalog()
    let current = try store.task(id)
    let session = EditorSession(lang: l, today: Environment.current.today, environment: Environment.current.variables)
    guard let edited = try session.run(current, catalog: catalog) else {
      emit(l.pick(vi: "Không có thay đổi; chưa lưu gì.", en: "No changes; nothing was saved."))
      return
    }
    // Refused, naming the change, if someone else saved the task while the editor was open.
    try store.apply(.setFields(TaskFields(edited)), to: [id], expected: [id: current.version])
    emit(l.pick(vi: "Đã sửa #\(id).", en: "Edited #\(id)."))
  }
}

struct NoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "note", abstract: "Record progress on a task.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("Day of the progress (default: today).", valueName: "date")) var on: String?
  @Option(help: ArgumentHelp("Who reported it (person ref or name; default: you).", valueName: "person")) var by: String?
  @Argument(help: "The task number.") var id: Int
  @Argument(help: "What was reported.") var text: [String]

  func run() throws {
    let store = try global.openStore(create: false)
    let catalog = try store.loadCatalog()
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let who = try by.map { try catalog.resolvePerson($0).ref } ?? Environment.current.user
    let body = try cleanText(text.joined(separator: " "), option: "text", multiline: true)
    guard !body.isEmpty else {
      throw UserError(.inputEmpty, vi: "Nội dung tiến độ trống; hãy ghi tiến độ sau số nhiệm vụ", en: "The note is empty; write the progress after the task number")
    }
    try store.apply(.addNote(ProgressNote(on: day, text: body, by: who)), to: [id])
    emit(global.language.pick(vi: "Đã ghi tiến độ cho #\(id).", en: "Recorded progress on #\(id)."))
  }
}

extension ExtensionDecision: ExpressibleByArgument {}

struct ExtendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extend", abstract: "Record a deadline extension (gia hạn) and its decision.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("The new deadline asked for: 31/12/2023, Quý I/2024…", valueName: "date")) var to: String
  @Option(help: "Why.") var reason: String?
  @Option(help: "pending, approved, partial (chấp thuận một phần, with --granted) or rejected.") var decision: ExtensionDecision = .pending
  @Option(help: ArgumentHelp("The deadline granted by a partial approval.", valueName: "date")) var granted: String?
  @Option(help: ArgumentHelp("Day of the decision (default: today when decided).", valueName: "date")) var decided: String?
  @Option(help: ArgumentHelp("Day of the request (default: today).", valueName: "date")) var requested: String?
  @Option(help: ArgumentHelp("Decision document, e.g. 5537/VPCP-KGVX.", valueName: "number")) var document: String?
  @Argument(help: "The task number.") var id: Int

  func run() throws {
    let store = try global.openStore(create: false)
    let today = try asOf.day()
    let newDeadline = try parseDeadline(to, option: "--to", referenceYear: today.year)
    guard newDeadline.date != nil else {
      throw UserError(.inputExtend, vi: "--to cần một hạn có ngày (ví dụ 31/12/2023 hoặc Quý I/2024)", en: "--to needs a dated deadline (e.g. 31/12/2023 or Quý I/2024)")
    }
    let decidedOn = try parseDay(decided, option: "--decided") ?? (decision == .pending ? nil : today)
    let requestedOn = try parseDay(requested, option: "--requested") ?? today
    let why = try cleanText(reason ?? "", option: "--reason", multiline: true)
    let doc = try cleanText(document ?? "", option: "--document")
    let grantedDeadline = try granted.map { try parseDeadline($0, option: "--granted", referenceYear: today.year) }
    if grantedDeadline != nil && decision != .partial {
      throw UserError(
        .inputExtend, vi: "--granted chỉ dùng với --decision partial", en: "--granted goes with --decision partial only")
    }
    // `from` is left to the edit: it is the deadline in force on the request day as stored.
    try store.apply(
      .addExtension(DeadlineExtension(
        requestedOn: requestedOn, to: newDeadline, reason: why, decision: decision, decidedOn: decidedOn, document: doc,
        granted: grantedDeadline)),
      to: [id])
    emit(global.language.pick(
      vi: "Đã ghi gia hạn #\(id) → \(newDeadline.display) (\(Words.decision(decision, .vi))).",
      en: "Recorded extension of #\(id) → \(newDeadline.display) (\(Words.decision(decision, .en)))."))
  }
}

struct ReassignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reassign", abstract: "Give tasks to another lead agency (giao lại).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("The new lead agency.", valueName: "agency"), completion: agencyCompletion) var to: String
  @Option(help: ArgumentHelp("The first day the new agency leads (default: today); the old one counts until the day before.", valueName: "date")) var on: String?
  @Option(help: ArgumentHelp("The document that decided it.", valueName: "number")) var document: String?
  @Option(help: ArgumentHelp("The new owner (ref or name).", valueName: "person")) var owner: String?
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    let catalog = try store.loadCatalog()
    let code = try catalog.resolveAgency(to).code
    let newOwner = try owner.map { try catalog.resolvePerson($0).ref }
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let edit = TaskEdit.reassign(
      lead: code, owner: newOwner, on: day, document: try cleanText(document ?? "", option: "--document"))
    try store.apply(edit, to: ids)
    emit(edit.confirmation(ids: ids, global.language) + ".")
  }
}

struct WithdrawCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "withdraw", abstract: "Withdraw tasks (dừng thực hiện): kept, but outside report totals.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("The first day it no longer counts (default: today); it counts until the day before.", valueName: "date")) var on: String?
  @Option(help: "Why (also recorded as a progress note).") var reason: String?
  @Option(help: ArgumentHelp("The document that decided it.", valueName: "number")) var document: String?
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    let why = try cleanText(reason ?? "", option: "--reason", multiline: true)
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let note = why.isEmpty ? nil : ProgressNote(on: day, text: why, by: Environment.current.user)
    let edit = TaskEdit.withdraw(reason: note, on: day, document: try cleanText(document ?? "", option: "--document"))
    try store.apply(edit, to: ids)
    emit(edit.confirmation(ids: ids, global.language) + ".")
  }
}

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Merge a task into another (gộp vào): it leaves the totals like a withdrawal, linked both ways.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("The task it is merged into.", valueName: "id")) var into: Int
  @Option(help: ArgumentHelp("The first day it no longer counts (default: today).", valueName: "date")) var on: String?
  @Option(help: ArgumentHelp("The document that decided it.", valueName: "number")) var document: String?
  @Argument(help: "The task number.") var id: Int

  func run() throws {
    guard id != into else {
      throw UserError(.inputMerge, vi: "Không gộp một nhiệm vụ vào chính nó", en: "A task cannot be merged into itself")
    }
    let store = try global.openStore(create: false)
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let edit = TaskEdit.merge(source: id, into: into, on: day, document: try cleanText(document ?? "", option: "--document"))
    try store.apply(edit, to: [id, into])
    emit(edit.confirmation(ids: [id, into], global.language) + ".")
  }
}

extension ReminderChannel: ExpressibleByArgument {}

struct RemindCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remind", abstract: "Record a reminder sent to the lead agency (đôn đốc).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("The day it was sent (default: today).", valueName: "date")) var on: String?
  @Option(help: ArgumentHelp("The reminder letter's number.", valueName: "number")) var document: String?
  @Option(help: "letter, phone, meeting or system.") var channel: ReminderChannel = .letter
  @Option(help: "A note.") var note: String?
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let edit = TaskEdit.remind(Reminder(
      on: day, document: try cleanText(document ?? "", option: "--document"), channel: channel,
      note: try cleanText(note ?? "", option: "--note", multiline: true)))
    try store.apply(edit, to: ids)
    emit(edit.confirmation(ids: ids, global.language) + ".")
  }
}

struct ReportedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reported", abstract: "Record that an agency reported a task done (đã báo cáo, chờ đánh giá); not completed until accepted.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: ArgumentHelp("The day it was reported (default: today).", valueName: "date")) var on: String?
  @Option(help: ArgumentHelp("The result reported, e.g. the delivering document.", valueName: "text")) var result: String?
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    let day = try parseDay(on, option: "--on") ?? (try asOf.day())
    let edit = TaskEdit.report(on: day, result: try result.map { try cleanText($0, option: "--result", multiline: true) })
    try store.apply(edit, to: ids)
    emit(edit.confirmation(ids: ids, global.language) + ".")
  }
}

struct AcceptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept", abstract: "Accept a reported completion: done on the reported day unless --on says otherwise.")

  @OptionGroup var global: GlobalOptions
  @Option(help: ArgumentHelp("The completion day (default: the day it was reported).", valueName: "date")) var on: String?
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    let before = try store.loadTasks(ids: ids)
    let edit = TaskEdit.accept(on: try parseDay(on, option: "--on"))
    try store.apply(edit, to: ids)
    emit(edit.confirmation(ids: ids, before: before, global.language) + ".")
  }
}

struct ReturnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "return", abstract: "Return a reported completion with a reason: back to in progress.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var asOf: AsOfOption
  @Option(help: "Why it is returned (recorded as a progress note).") var reason: String
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    let why = try cleanText(reason, option: "--reason", multiline: true)
    guard !why.isEmpty else {
      throw UserError(.inputEmpty, vi: "Cần ghi lý do trả lại (--reason)", en: "Give the reason for returning it (--reason)")
    }
    let day = try asOf.day()
    let edit = TaskEdit.returnReport(reason: ProgressNote(
      on: day, text: "Trả lại báo cáo hoàn thành: " + why, by: Environment.current.user))
    try store.apply(edit, to: ids)
    emit(edit.confirmation(ids: ids, global.language) + ".")
  }
}

struct DeleteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete", abstract: "Delete tasks (undoable; their numbers are never reused).")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Task numbers.") var ids: [Int]

  func run() throws {
    let store = try global.openStore(create: false)
    try store.delete(ids: ids)
    emit(global.language.pick(vi: "Đã xoá: ", en: "Deleted: ") + ids.map { "#\($0)" }.joined(separator: " "))
  }
}

struct UndoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "undo", abstract: "Undo your most recent change (repeatable).")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let store = try global.openStore(create: false)
    let outcome = try store.undo()
    emit(global.language.pick(vi: "Đã hoàn tác: ", en: "Undone: ") + outcome.summary)
  }
}

struct RedoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redo", abstract: "Redo the change you most recently undid.")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let store = try global.openStore(create: false)
    let outcome = try store.redo()
    emit(global.language.pick(vi: "Đã làm lại: ", en: "Redone: ") + outcome.summary)
  }
}
