import Foundation
import FollowUpCore

/// A deterministic data set in the interchange format: realistic Vietnamese content, agencies,
/// people, meetings of 3–10 tasks, every kind of deadline, extensions and progress notes, with
/// fixed shares of done (~40 %), overdue (~20 %), open and withdrawn tasks as of `asOf`.
struct Generator {
  /// SplitMix64: tiny, fast and identical on every machine for a seed.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(next() % UInt64(range.count))
    }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
  }

  let tasks: Int
  let seed: UInt64
  let asOf: Day

  static let verbs = ["Tham mưu", "Xây dựng", "Rà soát", "Hoàn thiện", "Tổ chức", "Đề xuất", "Triển khai", "Báo cáo", "Chủ trì phối hợp", "Kiểm tra, đôn đốc", "Tổng kết", "Sơ kết", "Nghiên cứu"]
  static let objects = ["kế hoạch", "đề án", "quy chế", "quy định", "báo cáo", "chương trình", "dự thảo Chỉ thị", "tờ trình", "hướng dẫn", "phương án", "cơ chế, chính sách", "tiêu chí"]
  static let topics = [
    "phát huy vai trò của đội ngũ trí thức", "thu hút trí thức trẻ", "chuyển đổi số trong cơ quan nhà nước",
    "cải cách hành chính", "hoạt động tư vấn, phản biện và giám định xã hội", "xét tặng Giải thưởng Nguyễn Bỉnh Khiêm",
    "các hội đặc thù", "bảo vệ môi trường biển", "phát triển kinh tế tư nhân", "đào tạo nguồn nhân lực chất lượng cao",
    "an toàn giao thông đường thủy", "xây dựng nông thôn mới", "phòng, chống thiên tai", "khoa học và công nghệ",
    "công tác dân vận", "thi đua, khen thưởng", "quản lý đất đai", "y tế cơ sở", "giáo dục nghề nghiệp",
    "di sản văn hóa", "du lịch Cát Bà", "khu kinh tế Đình Vũ – Cát Hải", "sắp xếp đơn vị hành chính",
  ]
  static let scopes = ["trên địa bàn thành phố", "giai đoạn 2024–2030", "năm 2025", "theo Nghị quyết 45-NQ/TW", "trình UBND thành phố", "báo cáo Thường trực Thành ủy", ""]
  static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn"]
  static let middles = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Thị Thu", "Đức", "Hữu", "Ngọc", "Thanh", "Khánh", "Bảo"]
  static let givens = ["An", "Anh", "Ánh", "Bình", "Cường", "Dung", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Huy", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thuỷ", "Trang", "Tuấn", "Tùng", "Việt", "Yến"]
  static let positions = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Phó Giám đốc", "Phó Chủ tịch"]
  static let notes = ["Đã xây dựng đề cương", "Đang lấy ý kiến các Sở, ngành", "Đã gửi dự thảo xin ý kiến", "Đã tổ chức hội thảo", "Đang hoàn thiện văn bản", "Đã trình lãnh đạo xem xét", "Đã khảo sát thực tế tại cơ sở"]
  static let romans = ["I", "II", "III", "IV"]

  /// The document, whole (small sizes and tests).
  func document() -> InterchangeDocument {
    var doc = InterchangeDocument()
    generate(chunk: tasks) { directory in
      doc.agencies = directory.agencies
      doc.people = directory.people
    } each: { meetings, tasks in
      doc.meetings += meetings
      doc.tasks += tasks
    }
    return doc
  }

  /// Generates the data set a chunk at a time: the directory first, then meetings with
  /// their tasks, at most `chunk` tasks per call, so a million tasks never sit in memory at
  /// once. The tasks are the same whatever the chunk size.
  func generate(
    chunk: Int, directory: (InterchangeDocument) -> Void,
    each: (_ meetings: [Meeting], _ tasks: [FollowUpTask]) -> Void
  ) {
    var r = Random(state: seed)
    let all = (try? InterchangeReader.read(json: BundledData.agencyDirectoryJSON).agencies) ?? []
    // Forty agencies, with references to agencies left out of the forty removed.
    var agencies = Array(all.prefix(40))
    let chosen = Set(agencies.map(\.code))
    for i in agencies.indices {
      if let r = agencies[i].rollupTo, !chosen.contains(r) { agencies[i].rollupTo = nil }
      if let r = agencies[i].successor, !chosen.contains(r) { agencies[i].successor = nil }
    }
    let codes = agencies.map(\.code)
    var people: [Person] = []
    for i in 0..<200 {
      people.append(Person(
        ref: String(format: "P%03d", i + 1), family: r.pick(Self.families), middle: r.pick(Self.middles),
        given: r.pick(Self.givens), position: r.pick(Self.positions), agency: r.pick(codes)))
    }
    directory(InterchangeDocument(agencies: agencies, people: people))
    var meetings: [Meeting] = []
    var out: [FollowUpTask] = []
    out.reserveCapacity(min(tasks, chunk + 10))
    var made = 0
    var meetingNo = 0
    while made < tasks {
      meetingNo += 1
      let perMeeting = min(r.int(3...10), tasks - made)
      let meetingDay = asOf.adding(days: -r.int(5...900))
      let host = r.pick(codes)
      let ref = "M" + String(meetingNo)
      meetings.append(Meeting(
        ref: ref, date: meetingDay, title: "Buổi làm việc về " + r.pick(Self.topics) + " " + r.pick(Self.scopes),
        chair: r.pick(Self.families) + " " + r.pick(Self.middles) + " " + r.pick(Self.givens), host: host,
        counterpart: r.pick(codes), notice: "\(r.int(1...999))-TB/\(host)", source: ""))
      for item in 1...perMeeting {
        made += 1
        out.append(task(&r, id: made, meeting: ref, day: meetingDay, item: item, codes: codes, people: people))
      }
      if out.count >= chunk || made == tasks {
        each(meetings, out)
        meetings.removeAll(keepingCapacity: true)
        out.removeAll(keepingCapacity: true)
      }
    }
  }

  /// Writes the data set as one `followup/1` file, a chunk at a time: meetings go before
  /// tasks (readers meet them first), so tasks are spooled to a side file and appended.
  func write(to path: String, chunk: Int = 50_000) throws -> (meetings: Int, tasks: Int) {
    let spool = path + ".tasks-part"
    _ = FileManager.default.createFile(atPath: spool, contents: nil)
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let taskOut = FileHandle(forWritingAtPath: spool), let out = FileHandle(forWritingAtPath: path) else {
      throw CocoaError(.fileWriteNoPermission)
    }
    defer { try? FileManager.default.removeItem(atPath: spool) }
    var head = InterchangeDocument()
    var meetingsJSON: [String] = []
    var taskCount = 0
    generate(chunk: chunk) { head = $0 } each: { meetings, tasks in
      meetingsJSON += meetings.map { InterchangeWriter.meeting($0).rendered() }
      var text = ""
      for t in tasks {
        text += (taskCount == 0 ? "" : ",\n") + InterchangeWriter.task(t).rendered()
        taskCount += 1
      }
      taskOut.write(Data(text.utf8))
    }
    try taskOut.close()
    // The document without meetings and tasks, its two lists then filled in by hand.
    var skeleton = InterchangeWriter.json(head)
    guard let tasksAt = skeleton.range(of: "\"tasks\"") else { throw CocoaError(.fileWriteUnknown) }
    skeleton = String(skeleton[..<tasksAt.lowerBound])
    guard let meetingsAt = skeleton.range(of: "\"meetings\"") else { throw CocoaError(.fileWriteUnknown) }
    out.write(Data(skeleton[..<meetingsAt.lowerBound].utf8))
    out.write(Data(("\"meetings\": [\n" + meetingsJSON.joined(separator: ",\n") + "\n],\n\"tasks\": [\n").utf8))
    guard let spooled = FileHandle(forReadingAtPath: spool) else { throw CocoaError(.fileReadNoPermission) }
    while let block = try spooled.read(upToCount: 8 << 20), !block.isEmpty { out.write(block) }
    try spooled.close()
    out.write(Data("\n]}\n".utf8))
    try out.close()
    return (meetingsJSON.count, taskCount)
  }

  /// One task of a category chosen by share, with dates placed so the category holds on `asOf`.
  func task(_ r: inout Random, id: Int, meeting: String, day: Day, item: Int, codes: [String], people: [Person]) -> FollowUpTask {
    let content = [r.pick(Self.verbs), r.pick(Self.objects), "về", r.pick(Self.topics), r.pick(Self.scopes)]
      .filter { !$0.isEmpty }.joined(separator: " ")
    // Leads are skewed like real offices: a few agencies carry much of the load.
    let lead = r.chance(0.5) ? codes[r.int(0...7)] : r.pick(codes)
    var coordinating: [String] = []
    for _ in 0..<r.int(0...3) {
      let c = r.pick(codes)
      if c != lead && !coordinating.contains(c) { coordinating.append(c) }
    }
    var t = FollowUpTask(
      id: id, ref: "G\(id)", meeting: meeting, item: String(item), content: content, lead: lead,
      coordinating: coordinating, owner: r.pick(people).ref, tracker: r.pick(people).ref,
      product: r.chance(0.7) ? "Văn bản " + r.pick(Self.objects) : "", priority: r.chance(0.12),
      tags: r.chance(0.1) ? ["khẩn"] : [], status: .inProgress, assignedOn: day)
    let roll = r.int(0...99)
    let deadlineDay: Day
    switch roll {
    case 0..<40:  // done, mostly on time
      deadlineDay = day.adding(days: r.int(20...200))
      t.status = .done
      let late = r.chance(0.25)
      t.completedOn = min(asOf, late ? deadlineDay.adding(days: r.int(1...40)) : deadlineDay.adding(days: -r.int(0...15)))
      if t.completedOn ?? asOf < day { t.completedOn = day }
    case 40..<60:  // overdue
      deadlineDay = asOf.adding(days: -r.int(1...300))
    case 60..<90:  // open within deadline
      deadlineDay = asOf.adding(days: r.int(0...240))
      if r.chance(0.3) { t.status = .notStarted }
    case 90..<98:  // routine or no deadline
      t.deadline = r.chance(0.5) ? Deadline(text: "thường xuyên", kind: .routine, date: nil) : .none
      if r.chance(0.3) {
        t.status = .done
        t.completedOn = min(asOf, day.adding(days: r.int(10...100)))
      }
      addNotes(&r, &t, day)
      return t
    default:  // withdrawn
      deadlineDay = day.adding(days: r.int(30...120))
      t.status = .withdrawn
    }
    t.deadline = written(&r, deadlineDay)
    if t.deadline.date.map({ $0 < day }) ?? false { t.deadline = .on(deadlineDay) }
    if r.chance(0.1), let d = t.deadline.date {
      let approved = r.chance(0.6)
      let decided = min(asOf, d.adding(days: -r.int(0...10)))
      t.extensions.append(DeadlineExtension(
        requestedOn: decided.adding(days: -3), from: t.deadline, to: .on(d.adding(days: r.int(15...90))),
        reason: "Cần thêm thời gian lấy ý kiến", decision: approved ? .approved : (r.chance(0.5) ? .rejected : .pending),
        decidedOn: approved ? decided : nil, document: approved ? "\(r.int(100...9999))/VP-TH" : ""))
    }
    addNotes(&r, &t, day)
    return t
  }

  func addNotes(_ r: inout Random, _ t: inout FollowUpTask, _ day: Day) {
    for _ in 0..<r.int(0...3) {
      let on = min(asOf, day.adding(days: r.int(1...200)))
      t.notes.append(ProgressNote(on: on, text: r.pick(Self.notes), by: t.owner ?? ""))
    }
    t.notes.sort { $0.on < $1.on }
  }

  /// A deadline the way documents write it; its normalised end date falls on or near `day`.
  func written(_ r: inout Random, _ day: Day) -> Deadline {
    let (y, m, d) = day.components
    switch r.int(0...99) {
    case 0..<62: return Deadline(text: "\(d)/\(m)/\(y)", kind: .date, date: day)
    case 62..<80: return Deadline(text: "tháng \(m)/\(y)", kind: .month, date: Day.endOf(month: m, year: y))
    case 80..<92:
      let q = (m - 1) / 3
      return Deadline(text: "Quý \(Self.romans[q])/\(y)", kind: .quarter, date: Day.endOf(month: q * 3 + 3, year: y))
    case 92..<96:
      return m <= 6
        ? Deadline(text: "6 tháng đầu năm \(y)", kind: .halfYear, date: Day(year: y, month: 6, day: 30))
        : Deadline(text: "6 tháng cuối năm \(y)", kind: .halfYear, date: Day(year: y, month: 12, day: 31))
    default: return Deadline(text: "năm \(y)", kind: .year, date: Day(year: y, month: 12, day: 31))
    }
  }
}
