extension TaskFilter {
  /// The fields the filter language knows, for help texts and errors.
  public static let fieldNames = [
    "agency:", "with:", "status:", "owner:", "tracker:", "who:", "meeting:", "tag:", "#",
    "id:", "priority:", "due<…", "due:", "done<…",
  ]

  /// Parses the shared filter language.
  ///
  /// `agency:LHH status:overdue owner:thuy due<31/12/2023 meeting:M2023-0526 #khẩn nguyen binh`:
  /// fields are ANDed, commas inside a value mean "any of", `-` in front negates a term, and
  /// words typed together form one phrase that must appear whole-token and contiguous in one
  /// field. With `incremental`, the last word may still be incomplete and matches as a prefix.
  /// A bad token is an error that names it.
  public static func parse(
    _ text: String, context: FilterContext, incremental: Bool = false
  ) throws -> TaskFilter {
    let source = VietText.clean(text)
    let lexemes = try lex(text)
    var terms: [FilterTerm] = []
    var phrase: [String] = []
    func flushPhrase(prefix: Bool) {
      if !phrase.isEmpty { terms.append(.text(phrase, lastIsPrefix: prefix)) }
      phrase = []
    }
    let endsOpen = incremental && !(text.last?.isWhitespace ?? true)
    for (i, lx) in lexemes.enumerated() {
      let isLast = i == lexemes.count - 1
      if lx.quoted {
        flushPhrase(prefix: false)
        let toks = VietText.tokens(lx.text)
        if !toks.isEmpty { terms.append(.text(toks, lastIsPrefix: false)) }
        continue
      }
      if let term = try fieldTerm(lx.text, context: context) {
        flushPhrase(prefix: false)
        terms.append(term)
        continue
      }
      phrase.append(contentsOf: VietText.tokens(lx.text))
      if isLast { flushPhrase(prefix: endsOpen) }
    }
    flushPhrase(prefix: false)
    return TaskFilter(terms: terms, source: source)
  }

  struct Lexeme {
    var text: String
    var quoted: Bool
  }

  /// Splits on whitespace outside double quotes; a token wholly in quotes is a phrase.
  static func lex(_ text: String) throws -> [Lexeme] {
    var out: [Lexeme] = []
    var current = ""
    var inQuote = false
    var sawQuote = false
    var wholeQuoted = false
    func flush() {
      if !current.isEmpty || sawQuote { out.append(Lexeme(text: current, quoted: wholeQuoted)) }
      current = ""
      sawQuote = false
      wholeQuoted = false
    }
    for ch in text {
      if ch == "\"" || ch == "“" || ch == "”" {
        if !inQuote && current.isEmpty && !sawQuote { wholeQuoted = true }
        inQuote.toggle()
        sawQuote = true
        continue
      }
      if ch.isWhitespace && !inQuote {
        flush()
        continue
      }
      if !inQuote && sawQuote && wholeQuoted { wholeQuoted = false }
      current.append(ch)
    }
    if inQuote {
      let shown = VietText.clean(text)
      throw UserError(
        .filterQuote,
        vi: "Bộ lọc '\(shown)' thiếu dấu ngoặc kép đóng; hãy thêm \" để đóng cụm từ",
        en: "The filter '\(shown)' has an unclosed quote; add a \" to close the phrase")
    }
    flush()
    return out
  }

  /// Reads `field:value`, `field<value`, `#tag` or `-…`; nil for a plain word.
  static func fieldTerm(_ raw: String, context: FilterContext) throws -> FilterTerm? {
    if raw.hasPrefix("-"), raw.count > 1 {
      let rest = String(raw.dropFirst())
      if let inner = try fieldTerm(rest, context: context) { return .not(inner) }
      let toks = VietText.tokens(rest)
      return toks.isEmpty ? nil : .not(.text(toks, lastIsPrefix: false))
    }
    if raw.hasPrefix("#") {
      let tag = VietText.fold(String(raw.dropFirst()))
      guard !tag.isEmpty else { throw badValue(raw, vi: "thiếu tên thẻ", en: "the tag is empty") }
      return .tag([tag])
    }
    // A field is a run of ASCII letters followed by an operator.
    var name = ""
    var rest = Substring(raw)
    while let c = rest.first, c.isASCII, c.isLetter || c == "_" {
      name.append(c)
      rest = rest.dropFirst()
    }
    guard !name.isEmpty, let opChar = rest.first, ":<>=".contains(opChar) else { return nil }
    var op = String(opChar)
    rest = rest.dropFirst()
    if (opChar == "<" || opChar == ">"), rest.first == "=" {
      op += "="
      rest = rest.dropFirst()
    }
    let value = String(rest).replacingOccurrences(of: "\"", with: "")
    let field = name.lowercased()
    guard let kind = fieldKinds[field] else {
      throw UserError(
        .filterField,
        vi: "Bộ lọc không có trường '\(name)' (trong '\(raw)'); dùng "
          + fieldNames.joined(separator: " "),
        en: "The filter has no field '\(name)' (in '\(raw)'); use "
          + fieldNames.joined(separator: " "))
    }
    if op != ":" && kind != .due && kind != .done {
      throw UserError(
        .filterCompare,
        vi: "'\(raw)': chỉ due và done so sánh được bằng < <= > >= =; dùng \(name):giá_trị",
        en: "'\(raw)': only due and done can be compared with < <= > >= =; use \(name):value")
    }
    if value.isEmpty {
      throw badValue(raw, vi: "thiếu giá trị sau '\(name)\(op)'", en: "no value after '\(name)\(op)'")
    }
    let items = splitList(value)
    switch kind {
    case .lead: return .lead(try agencies(items, raw: raw, context))
    case .coordinating: return .coordinating(try agencies(items, raw: raw, context))
    case .status: return try statusTerm(items, raw: raw, context)
    case .owner: return try people(items, raw: raw, context).map(FilterTerm.owner) ?? .nothing
    case .tracker: return try people(items, raw: raw, context).map(FilterTerm.tracker) ?? .nothing
    case .who: return try people(items, raw: raw, context).map(FilterTerm.involves) ?? .nothing
    case .meeting: return .meeting(try meetings(items, raw: raw, context))
    case .tag: return .tag(Set(items.map(VietText.fold)))
    case .id: return .ids(try ids(items, raw: raw))
    case .priority:
      switch VietText.fold(value) {
      case "yes", "true", "1", "co", "y": return .priority(true)
      case "no", "false", "0", "khong", "n": return .priority(false)
      default: throw badValue(raw, vi: "priority nhận yes hoặc no", en: "priority takes yes or no")
      }
    case .due: return try dateTerm(op: op, value: value, raw: raw, context, isDue: true)
    case .done: return try dateTerm(op: op, value: value, raw: raw, context, isDue: false)
    }
  }

  static let fieldKinds: [String: FieldKindOrDate] = [
    "agency": .lead, "lead": .lead, "a": .lead,
    "with": .coordinating, "coord": .coordinating, "coordinating": .coordinating,
    "status": .status, "is": .status, "s": .status,
    "owner": .owner, "o": .owner, "tracker": .tracker, "who": .who,
    "meeting": .meeting, "m": .meeting, "tag": .tag, "id": .id,
    "priority": .priority, "due": .due, "done": .done,
  ]

  enum FieldKindOrDate { case lead, coordinating, status, owner, tracker, who, meeting, tag, id,
    priority, due, done }

  static func splitList(_ value: String) -> [String] {
    value.split(separator: ",").map { VietText.clean(String($0)) }.filter { !$0.isEmpty }
  }

  static func badValue(_ raw: String, vi: String, en: String) -> UserError {
    UserError(.filterValue, vi: "Bộ lọc '\(raw)': \(vi)", en: "Filter '\(raw)': \(en)")
  }

  static func agencies(_ items: [String], raw: String, _ ctx: FilterContext) throws -> Set<String> {
    var codes: Set<String> = []
    for item in items {
      if let a = try? ctx.catalog.resolveAgency(item) {
        codes.insert(a.code)
        continue
      }
      // Not one agency: take every agency whose names contain the phrase (`agency:sở`).
      let phrase = VietText.tokens(item)
      let hits = ctx.catalog.agencies.values.filter { a in
        ctx.catalog.agencyNames(a.code).contains {
          VietText.matchesPhrase(VietText.tokens($0), phrase)
        }
      }
      if hits.isEmpty {
        throw badValue(
          raw, vi: "không có cơ quan nào là '\(item)'", en: "no agency is called '\(item)'")
      }
      codes.formUnion(hits.map(\.code))
    }
    return codes
  }

  /// Person refs for the items; nil when the only item is `me` and the user is unknown.
  static func people(_ items: [String], raw: String, _ ctx: FilterContext) throws -> Set<String>? {
    var refs: Set<String> = []
    var sawMe = false
    for item in items {
      let key = VietText.fold(item)
      if key == "me" || key == "toi" {
        sawMe = true
        if let me = ctx.me { refs.insert(me) }
        continue
      }
      if let p = ctx.catalog.people[item] {
        refs.insert(p.ref)
        continue
      }
      let phrase = VietText.tokens(Person.splitTitle(item).name)
      let hits = ctx.catalog.people.values.filter {
        $0.ref.caseInsensitiveCompare(item) == .orderedSame
          || VietText.matchesPhrase(VietText.tokens($0.fullName), phrase)
      }
      if hits.isEmpty {
        throw badValue(raw, vi: "không có cán bộ nào là '\(item)'", en: "no person is called '\(item)'")
      }
      refs.formUnion(hits.map(\.ref))
    }
    if refs.isEmpty && sawMe { return nil }
    return refs
  }

  static func meetings(_ items: [String], raw: String, _ ctx: FilterContext) throws -> Set<String> {
    var refs: Set<String> = []
    for item in items {
      let phrase = VietText.tokens(item)
      let hits = ctx.catalog.meetings.values.filter {
        $0.ref.caseInsensitiveCompare(item) == .orderedSame
          || VietText.matchesPhrase(VietText.tokens($0.title), phrase)
      }
      if hits.isEmpty {
        throw badValue(
          raw, vi: "không có cuộc họp nào là '\(item)'", en: "no meeting is called '\(item)'")
      }
      refs.formUnion(hits.map(\.ref))
    }
    return refs
  }

  static func ids(_ items: [String], raw: String) throws -> Set<Int> {
    var out: Set<Int> = []
    for item in items {
      let bounds = item.split(separator: "-", maxSplits: 1).map { Int($0) }
      if bounds.count == 1, let a = bounds[0] {
        out.insert(a)
      } else if bounds.count == 2, let a = bounds[0], let b = bounds[1], a <= b, b - a < 1_000_000 {
        out.formUnion(a...b)
      } else {
        throw badValue(
          raw, vi: "'\(item)' không phải số nhiệm vụ (ví dụ id:12 hoặc id:3-7)",
          en: "'\(item)' is not a task number (e.g. id:12 or id:3-7)")
      }
    }
    return out
  }

  static let statusWords: [String: StatusSelector] = {
    var m: [String: StatusSelector] = [:]
    let table: [(StatusSelector, [String])] = [
      (.workflow(.notStarted), ["not_started", "chua_trien_khai", "new", "moi"]),
      (.workflow(.inProgress), ["in_progress", "dang_thuc_hien", "doing"]),
      (.workflow(.reported), ["reported", "da_bao_cao", "cho_danh_gia"]),
      (.workflow(.done), ["done", "hoan_thanh", "da_hoan_thanh", "completed", "xong"]),
      (.workflow(.withdrawn), ["withdrawn", "dung_thuc_hien", "rut"]),
      (.open, ["open", "chua_hoan_thanh", "chua_xong", "mo"]),
      (.overdue, ["overdue", "qua_han", "chua_ht_qua_han"]),
      (.dueSoon, ["due_soon", "soon", "sap_den_han", "sap_het_han"]),
      (.inTime, ["in_time", "open_in_time", "trong_han"]),
      (.onTime, ["on_time", "done_on_time", "dung_han", "ht_dung_han"]),
      (.late, ["late", "done_late", "tre_han", "ht_qua_han"]),
      (.noDeadline, ["no_deadline", "khong_thoi_han", "kth"]),
      (.routine, ["routine", "thuong_xuyen"]),
      (.extended, ["extended", "gia_han", "duoc_gia_han"]),
      (.pendingExtension, ["pending", "cho_xu_ly", "pending_extension"]),
    ]
    for (sel, words) in table { for w in words { m[w] = sel } }
    return m
  }()

  static func statusTerm(_ items: [String], raw: String, _ ctx: FilterContext) throws -> FilterTerm
  {
    var sels: Set<StatusSelector> = []
    var mine = false
    for item in items {
      let key = VietText.fold(item).replacingOccurrences(of: " ", with: "_")
        .replacingOccurrences(of: "-", with: "_")
      if key == "mine" || key == "cua_toi" {
        mine = true
      } else if let s = statusWords[key] {
        sels.insert(s)
      } else {
        throw badValue(
          raw,
          vi: "'\(item)' không phải trạng thái; dùng open, overdue, due_soon, in_time, done, "
            + "on_time, late, no_deadline, routine, extended, pending, not_started, in_progress, "
            + "reported, withdrawn (hoặc qua_han, trong_han, hoan_thanh…)",
          en: "'\(item)' is not a status; use open, overdue, due_soon, in_time, done, on_time, "
            + "late, no_deadline, routine, extended, pending, not_started, in_progress, reported, "
            + "withdrawn")
      }
    }
    if mine {
      guard let me = ctx.me else { return .nothing }
      return sels.isEmpty ? .involves([me]) : .all([.involves([me]), .status(sels)])
    }
    return .status(sels)
  }

  static func dateTerm(
    op: String, value: String, raw: String, _ ctx: FilterContext, isDue: Bool
  ) throws -> FilterTerm {
    let key = VietText.fold(value)
    func make(_ cmp: Comparison, _ day: Day) -> FilterTerm {
      isDue ? .due(cmp, day) : .completed(cmp, day)
    }
    if op == ":" {
      switch key {
      case "none", "khong":
        guard isDue else { break }
        return .noDeadlineDate
      case "today", "hom nay", "homnay": return make(.equal, ctx.asOf)
      case "week", "tuan", "tuan nay":
        let monday = ctx.asOf.adding(days: 1 - ctx.asOf.isoWeekday)
        return range(make, monday, monday.adding(days: 6))
      case "month", "thang", "thang nay":
        let (y, m, _) = ctx.asOf.components
        guard let first = Day(year: y, month: m, day: 1), let last = Day.endOf(month: m, year: y)
        else { break }
        return range(make, first, last)
      default: break
      }
      if value.contains("..") {
        let parts = value.components(separatedBy: "..")
        guard parts.count == 2 else { throw dateError(raw, value) }
        let a = try day(parts[0], raw: raw, ctx), b = try day(parts[1], raw: raw, ctx)
        return range(make, a, b)
      }
      return make(.equal, try day(value, raw: raw, ctx))
    }
    guard let cmp = Comparison(rawValue: op) else { throw dateError(raw, value) }
    return make(cmp, try day(value, raw: raw, ctx))
  }

  static func range(_ make: (Comparison, Day) -> FilterTerm, _ a: Day, _ b: Day) -> FilterTerm {
    .all([make(.greaterOrEqual, a), make(.lessOrEqual, b)])
  }

  static func day(_ value: String, raw: String, _ ctx: FilterContext) throws -> Day {
    let key = VietText.fold(value)
    if key == "today" || key == "hom nay" || key == "homnay" { return ctx.asOf }
    if let d = try? DateParser.parseDay(value, referenceYear: ctx.asOf.year).day { return d }
    if let d = try? Deadline.parse(value, referenceYear: ctx.asOf.year).deadline.date { return d }
    throw dateError(raw, value)
  }

  static func dateError(_ raw: String, _ value: String) -> UserError {
    badValue(
      raw,
      vi: "'\(value)' không phải ngày (ví dụ 31/12/2023, tháng 11/2023, Quý I/2024, today)",
      en: "'\(value)' is not a date (e.g. 31/12/2023, tháng 11/2023, Quý I/2024, today)")
  }
}
