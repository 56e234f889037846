/// A deadline found in a clause: where it is, the words as written and how they read.
struct FoundDeadline {
  var start: Int
  var end: Int
  var text: String
  var parsed: Deadline
  var checks: [IntakeCheck]
}

extension ClauseReader {
  /// Words that begin a deadline and belong to it as written.
  static let deadlineStarts: [[String]] = [
    ["truoc", "ngay"], ["truoc"], ["trong"], ["cham", "nhat"], ["den", "ngay"], ["den", "het"],
    ["den"], ["vao"], ["ngay"], ["quy"], ["thang"], ["nam"], ["6", "thang"],
  ]
  /// Words that introduce a deadline without being part of it.
  static let deadlineLeads: [[String]] = [
    ["hoan", "thanh"], ["xong"], ["thoi", "han"], ["han"], ["thoi", "gian"], ["thuc", "hien"],
    ["bao", "cao"], ["trinh"],
  ]
  /// Routine work: the deadline is the phrase itself.
  static let routine: [[String]] = [
    ["thuong", "xuyen"], ["hang", "nam"], ["hang", "quy"], ["hang", "thang"], ["dinh", "ky"],
  ]
  /// Units of a relative deadline (`trong 15 ngày làm việc`).
  static let relativeUnits: [[String]] = [
    ["ngay", "lam", "viec"], ["ngay"], ["tuan"], ["thang"],
  ]

  /// The last deadline written in the clause.
  func findDeadline() -> FoundDeadline? {
    var found: FoundDeadline?
    var i = range.lowerBound
    while i < range.upperBound {
      if let d = deadline(at: i) {
        found = d
        i = d.end + 1
      } else {
        i += 1
      }
    }
    return found
  }

  func deadline(at i: Int) -> FoundDeadline? {
    guard tokens[i].isWord else { return nil }
    if let r = ClauseReader.routine.first(where: { starts(i, $0) }) {
      let written = IntakeLexer.quote(text, tokens, i, i + r.count - 1)
      return FoundDeadline(
        start: i, end: i + r.count - 1, text: written,
        parsed: Deadline(text: written, kind: .routine, date: nil), checks: [])
    }
    // A calendar reading wins over a relative one: `trong 6 tháng đầu năm 2024` is a half year.
    if starts(i, ["trong"]), let dated = parsedSpan(from: i) { return dated }
    if let rel = relative(at: i) { return rel }
    if let event = beforeEvent(at: i) { return event }
    guard let s = ClauseReader.deadlineStarts.first(where: { starts(i, $0) }) else {
      // A date written alone (`…, 30/9/2023`) right after a deadline word.
      if tokens[i].isNumber, introducedByWord(i) { return parsedSpan(from: i) }
      return nil
    }
    let bare: Set<[String]> = [["quy"], ["thang"], ["nam"], ["ngay"], ["6", "thang"], ["den"], ["vao"]]
    if bare.contains(s) && !introduced(i) { return nil }
    // A preposition must be followed by a time: `trong Quý I`, not `trong tình hình mới`.
    return parsedSpan(from: i)
  }

  /// Whether a deadline word at `i` stands where deadlines stand: after `hoàn thành`,
  /// `thời hạn:`, a comma or opening bracket, or at the start of the clause.
  func introduced(_ i: Int) -> Bool {
    let k = i - 1
    if k < range.lowerBound { return true }
    if !tokens[k].isWord { return [",", ":", "(", "-", "\u{2013}"].contains(tokens[k].key) }
    for lead in ClauseReader.deadlineLeads {
      let s = k - lead.count + 1
      if s >= range.lowerBound, starts(s, lead) { return true }
    }
    return false
  }

  /// A deadline word or colon right before `i` (a bare date needs one).
  func introducedByWord(_ i: Int) -> Bool {
    let k = i - 1
    if k < range.lowerBound { return false }
    if !tokens[k].isWord { return tokens[k].key == ":" }
    return introduced(i)
  }

  /// Events a deadline can be tied to: `trước kỳ họp cuối năm 2023`, `trước Tết Nguyên đán`.
  static let events: [[String]] = [
    ["ky", "hop"], ["hoi", "nghi"], ["dai", "hoi"], ["tet"], ["phien", "hop"], ["mua", "mua"],
  ]

  /// `trước kỳ họp cuối năm 2023`: kept as written for a person to date.
  func beforeEvent(at i: Int) -> FoundDeadline? {
    guard starts(i, ["truoc"]), let e = ClauseReader.events.first(where: { starts(i + 1, $0) }) else { return nil }
    var end = i + e.count
    // Up to a year, or a few more words of the event's name.
    var k = end + 1
    while k < range.upperBound, k <= i + 8, tokens[k].isWord {
      if tokens[k].isNumber, tokens[k].key.count == 4 {
        end = k
        break
      }
      k += 1
    }
    let written = IntakeLexer.quote(text, tokens, i, end)
    return FoundDeadline(
      start: i, end: end, text: written, parsed: Deadline(text: written, kind: .other, date: nil),
      checks: [.deadlineNotUnderstood(written)])
  }

  /// The longest run from `i` the deadline parser reads as a dated kind.
  func parsedSpan(from i: Int) -> FoundDeadline? {
    let last = min(range.upperBound - 1, i + 10)
    guard last >= i else { return nil }
    for j in stride(from: last, through: i, by: -1) where tokens[j].isWord {
      let written = IntakeLexer.quote(text, tokens, i, j)
      guard let parsed = try? Deadline.parse(written, referenceYear: reference?.year) else { continue }
      switch parsed.deadline.kind {
      case .date, .month, .quarter, .halfYear, .year:
        // `năm 2024` inside `kế hoạch năm 2024` is not a deadline; a bare number is not one either.
        if VietText.tokens(written).count < 2 { continue }
        return FoundDeadline(
          start: i, end: j, text: written, parsed: parsed.deadline,
          checks: parsed.warnings.map { IntakeCheck.deadline($0) })
      default:
        continue
      }
    }
    return nil
  }

  /// `trong 15 ngày làm việc (kể từ ngày …)`, `trong vòng 30 ngày`: dated by the project's
  /// parser from the notice's day, the words kept as written; without a notice date it stays
  /// for a person to date.
  func relative(at i: Int) -> FoundDeadline? {
    guard starts(i, ["trong"]) else { return nil }
    var k = i + 1
    if starts(k, ["vong"]) || starts(k, ["thoi", "han"]) { k += starts(k, ["vong"]) ? 1 : 2 }
    guard k < range.upperBound, tokens[k].isNumber else { return nil }
    guard let unit = ClauseReader.relativeUnits.first(where: { starts(k + 1, $0) }) else { return nil }
    var end = k + unit.count
    // The period runs from the notice's day (`kể từ ngày ký`, or nothing said), or from the
    // day the phrase writes out (`kể từ ngày 02/10/2023`).
    var from = reference
    if starts(end + 1, ["ke", "tu"]) {
      // `kể từ ngày ký`, `kể từ ngày nhận được Thông báo`: to the end of the phrase.
      let since = end + 3
      var e = since
      while e < range.upperBound, tokens[e].isWord || tokens[e].key == "/" { e += 1 }
      end = e - 1
      if since <= end, let day = try? DateParser.parseDay(IntakeLexer.quote(text, tokens, since, end), referenceYear: reference?.year) {
        from = day.day
      }
    }
    let written = IntakeLexer.quote(text, tokens, i, end)
    if let parsed = try? Deadline.parse(written, referenceYear: reference?.year, reference: from) {
      return FoundDeadline(
        start: i, end: end, text: written, parsed: parsed.deadline,
        checks: parsed.warnings.map { IntakeCheck.deadline($0) })
    }
    return FoundDeadline(
      start: i, end: end, text: written, parsed: Deadline(text: written, kind: .none, date: nil),
      checks: [.deadlineNotUnderstood(written)])
  }

  /// Whether the clause says nothing but the deadline (`Thời gian hoàn thành: Quý IV/2023`).
  func isOnlyDeadline(_ d: FoundDeadline) -> Bool {
    let words = (range.lowerBound..<d.start).filter { tokens[$0].isWord }.map { tokens[$0].key }
    let allowed: Set<String> = ["thoi", "gian", "han", "hoan", "thanh", "xong", "thuc", "hien", "tien", "do", "chot"]
    return words.allSatisfy { allowed.contains($0) }
  }
}
