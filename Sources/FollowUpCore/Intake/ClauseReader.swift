/// Reads one clause of a notice: whether it assigns a task, to whom, with whom, by when.
struct ClauseReader {
  /// The body (and its partners) earlier words gave the work to.
  struct Carried {
    var lead: AgencyMention
    var coordinating: [AgencyMention]
    /// A heading's own words (`2. Sở Y tế chủ trì, phối hợp với …:`), put before the source
    /// sentence of each sub-item, which alone does not say who does the work.
    var heading = ""
  }

  enum Reading {
    /// `Giao Sở Nội vụ:`, `Sở X chủ trì, phối hợp với …:` — what its sub-items are given to.
    case heading(Carried)
    /// A task, and the body it was given to (carried to the next clauses).
    case task(DraftTask, Carried)
    /// More about the task before: `…; báo cáo UBND thành phố trước ngày …`, `…; phối hợp với …`.
    case continuation(deadline: FoundDeadline?, product: String, coordinating: [AgencyMention], source: String)
    /// A deadline said on its own (`Thời gian hoàn thành: Quý IV/2023`).
    case deadlineOnly(String, Deadline, [IntakeCheck])
    case nothing
  }

  let text: String
  let tokens: [IntakeToken]
  let range: Range<Int>
  let mentions: [FoundMention]
  let catalog: Catalog
  let reference: Day?
  /// The clause stands in a numbered item, where a body named first is being given work.
  var numbered = false

  func starts(_ i: Int, _ phrase: [String]) -> Bool {
    guard i >= range.lowerBound, i + phrase.count <= range.upperBound else { return false }
    return MentionFinder.starts(tokens, i, phrase)
  }

  func startsAny(_ i: Int, _ phrases: [[String]]) -> [String]? {
    phrases.filter { starts(i, $0) }.max { $0.count < $1.count }
  }

  /// The next word token at or after `i`, skipping commas and colons.
  func nextWord(_ i: Int, skipping marks: Set<String> = [",", ":"]) -> Int {
    var k = i
    while k < range.upperBound, !tokens[k].isWord, marks.contains(tokens[k].key) { k += 1 }
    return k
  }

  func mention(at i: Int) -> FoundMention? { mentions.first { $0.start == i } }

  /// Positions that stand for their body when written before it (`Giám đốc các Sở`).
  static let heads: [[String]] = [
    ["giam", "doc"], ["pho", "giam", "doc"], ["thu", "truong"], ["chu", "tich"], ["truong", "ban"],
    ["nguoi", "dung", "dau"], ["lanh", "dao"],
  ]

  /// Mentions listed from `i` on: `A, B và C`; with `heads`, each may follow a position
  /// (`Giám đốc các Sở, Chủ tịch UBND các quận, huyện`).
  func list(from i: Int, heads: Bool = false) -> [FoundMention] {
    var out: [FoundMention] = []
    var k = i
    func skipHead() {
      if heads, let h = startsAny(k, ClauseReader.heads), mention(at: k + h.count) != nil { k += h.count }
    }
    skipHead()
    while var m = mention(at: k) {
      if heads { m.isTitle = false }
      out.append(m)
      k = m.end + 1
      if k < range.upperBound, !tokens[k].isWord, tokens[k].key == "," {
        k += 1
      } else if starts(k, ["va"]) || starts(k, ["cung"]) {
        k += 1
      } else {
        break
      }
      if starts(k, ["voi"]) { k += 1 }
      skipHead()
    }
    return out
  }

  /// The first word after connectors like `Đồng thời,`.
  var firstWord: Int {
    var k = nextWord(range.lowerBound, skipping: [",", ":", "-", "\u{2013}", "+", "("])
    while let c = startsAny(k, IntakeExtractor.connectors) {
      k = nextWord(k + c.count)
    }
    return k
  }

  /// Reads the clause; `continuing` says whether a task of the same paragraph precedes it.
  func read(carried: Carried?, continuing: Bool) -> Reading {
    let deadline = findDeadline()
    var leads: [FoundMention] = []
    var afterLeads = range.lowerBound

    // 1. `Giao Sở X …`, `Đề nghị Đảng đoàn …`.
    for i in range {
      guard let trig = startsAny(i, IntakeExtractor.triggers) else { continue }
      if i > range.lowerBound, tokens[i - 1].isWord, ["theo", "cua", "cac", "nhung", "kien"].contains(tokens[i - 1].key) {
        continue
      }
      var k = nextWord(i + trig.count)
      if starts(k, ["dong", "chi"]) { continue }
      if trig == ["giao"], starts(k, ["cho"]) { k += 1 }
      let found = list(from: k, heads: true).filter { !$0.isTitle }
      if !found.isEmpty {
        leads = found
        afterLeads = (found.last?.end ?? k) + 1
        break
      }
    }
    // 2. `… Sở X chủ trì, phối hợp …`.
    if leads.isEmpty {
      for m in mentions where !m.isTitle && starts(m.end + 1, ["chu", "tri"]) {
        if startsAny(nextWord(m.end + 3), IntakeExtractor.meetingWords) != nil { continue }
        leads = [m]
        afterLeads = m.end + 1
        break
      }
    }
    // 3. A clause that opens with the body: `Sở X có trách nhiệm …`, `UBND các quận, huyện tham mưu …`.
    let opening = list(from: firstWord, heads: true)
    if leads.isEmpty, let m = opening.first {
      let found = opening
      let after = nextWord((found.last?.end ?? m.end) + 1)
      let narrative = after < range.upperBound && tokens[after].isWord
        && IntakeExtractor.narrative.contains(tokens[after].key)
        && !starts(after, ["bao", "cao"]) && !starts(after, ["cung", "co"]) && !starts(after, ["duoc", "giao"])
      // Praise and agreement (`ghi nhận, đánh giá cao …`) conclude, they do not assign.
      let praise = (after..<min(after + 6, range.upperBound)).contains {
        startsAny($0, IntakeExtractor.praise) != nil
      }
      // A known verb, a deadline, or (in a numbered item) any word that is not a name.
      let acts = (after..<range.upperBound).contains { startsAny($0, IntakeExtractor.actions) != nil }
        || deadline != nil
        || (numbered && after < range.upperBound && tokens[after].isWord && !tokens[after].isCapitalised)
      let chairs = starts(after, ["chu", "tri"])
        && startsAny(nextWord(after + 2), IntakeExtractor.meetingWords) != nil
      if !narrative && !praise && acts && !chairs {
        leads = found
        afterLeads = (found.last?.end ?? m.end) + 1
      }
    }
    if let lead = leads.first {
      let start = contentStart(after: afterLeads)
      let rest = (start..<range.upperBound).filter { tokens[$0].isWord }
      let coordinating = coordinatingBodies(lead: lead.mention, extraLeads: leads.dropFirst().map(\.mention))
      // `Giao Sở Nội vụ:`, `Sở X chủ trì, phối hợp với Sở Y:` — the sub-items carry the work.
      if rest.isEmpty {
        return .heading(Carried(lead: lead.mention, coordinating: coordinating, heading: IntakeExtractor.tidy(sourceText())))
      }
      var task = makeTask(
        lead: lead.mention, coordinating: coordinating, extraLeads: leads.dropFirst().map(\.mention),
        contentStart: start, deadline: deadline)
      if leads.count > 1 { task.checks.insert(.severalLeads(leads.map(\.mention.text)), at: 0) }
      return .task(task, Carried(lead: lead.mention, coordinating: []))
    }
    // `Đối với UBND các quận, huyện:`, `1. Sở Xây dựng:` — a heading naming only the body.
    if let subject = headingSubject() ?? bareSubject() {
      return .heading(Carried(lead: subject.mention, coordinating: [], heading: IntakeExtractor.tidy(sourceText())))
    }
    let k = firstWord
    // 4. More about the task before: reporting back, timing, partners.
    if continuing, startsAny(k, IntakeExtractor.reportBack) != nil || starts(k, ["phoi", "hop"]) {
      var partners: [AgencyMention] = []
      for i in range {
        if let p = coordinationPhrase(at: i) { partners += list(from: p).map(\.mention) }
      }
      return .continuation(
        deadline: deadline, product: findProduct(), coordinating: partners,
        source: IntakeExtractor.tidy(sourceText()))
    }
    // 5. A further task for the body already named: `…; tham mưu thành phố …`.
    if let c = carried, startsAny(k, IntakeExtractor.actions) != nil {
      let coordinating = c.coordinating + coordinatingBodies(lead: c.lead, extraLeads: [])
      var task = makeTask(lead: c.lead, coordinating: coordinating, extraLeads: [], contentStart: k, deadline: deadline)
      if !c.heading.isEmpty { task.source = c.heading + ": " + task.source }
      return .task(task, c)
    }
    if let d = deadline, isOnlyDeadline(d) {
      return .deadlineOnly(d.text, d.parsed, d.checks)
    }
    return .nothing
  }

  /// A clause that is only a list of bodies (`Sở Xây dựng:`).
  func bareSubject() -> FoundMention? {
    let found = list(from: firstWord).filter { !$0.isTitle }
    guard let last = found.last else { return nil }
    let rest = ((last.end + 1)..<range.upperBound).filter { tokens[$0].isWord }
    return rest.isEmpty ? found.first : nil
  }

  /// `Đối với Sở Y tế:` as a heading.
  func headingSubject() -> FoundMention? {
    let k = firstWord
    guard starts(k, ["doi", "voi"]) else { return nil }
    let found = list(from: nextWord(k + 2))
    guard let last = found.last else { return nil }
    let rest = ((last.end + 1)..<range.upperBound).filter { tokens[$0].isWord }
    return rest.isEmpty ? found.first : nil
  }

  /// Where the content starts: past `chủ trì`, `có trách nhiệm`, `phối hợp với …` right after the lead.
  func contentStart(after i: Int) -> Int {
    var k = nextWord(i)
    var moved = true
    while moved {
      moved = false
      for phrase in [["chu", "tri"], ["co", "trach", "nhiem"], ["chiu", "trach", "nhiem"]] where starts(k, phrase) {
        k = nextWord(k + phrase.count)
        moved = true
      }
      if let p = coordinationPhrase(at: k) {
        let found = list(from: p)
        if let last = found.last {
          k = nextWord(last.end + 1)
          moved = true
        }
      }
    }
    return k
  }

  /// After `phối hợp (chặt chẽ) với`, where the list of bodies starts.
  func coordinationPhrase(at k: Int) -> Int? {
    guard starts(k, ["phoi", "hop"]) else { return nil }
    var p = k + 2
    if starts(p, ["chat", "che"]) { p += 2 }
    if starts(p, ["voi"]) || starts(p, ["cung"]) { p += 1 }
    return p
  }

  /// Bodies written after `phối hợp (với)` or just before it, other than the lead, after the
  /// other bodies the task was given to together with the lead.
  func coordinatingBodies(lead: AgencyMention, extraLeads: [AgencyMention]) -> [AgencyMention] {
    var coordinating = extraLeads
    for i in range {
      if let p = coordinationPhrase(at: i) {
        for m in list(from: p) where !coordinating.contains(m.mention) && m.mention != lead {
          coordinating.append(m.mention)
        }
      }
    }
    // `Sở X chủ trì, Sở Y, Sở Z phối hợp`: the bodies written just before `phối hợp`.
    for i in range where starts(i, ["phoi", "hop"]) {
      var k = i - 1
      var before: [AgencyMention] = []
      while k >= range.lowerBound {
        if !tokens[k].isWord, tokens[k].key == "," { k -= 1; continue }
        if tokens[k].isWord, tokens[k].key == "va" { k -= 1; continue }
        guard let m = mentions.last(where: { $0.end == k }), !m.isTitle else { break }
        before.insert(m.mention, at: 0)
        k = m.start - 1
        // The list must stand on its own (`…, Sở Y phối hợp`), not be the object of a
        // verb (`chỉ đạo Sở Y phối hợp`).
        if k >= range.lowerBound, tokens[k].isWord, tokens[k].key != "va" {
          before.removeAll()
          break
        }
      }
      for m in before where m != lead && !coordinating.contains(m) { coordinating.append(m) }
    }
    return coordinating
  }

  func makeTask(
    lead: AgencyMention, coordinating: [AgencyMention], extraLeads: [AgencyMention], contentStart: Int,
    deadline: FoundDeadline?
  ) -> DraftTask {
    var end = range.upperBound - 1
    if let d = deadline, d.end == end || (d.end + 1 < range.upperBound && !((d.end + 1)..<range.upperBound).contains { tokens[$0].isWord }) {
      end = d.start - 1
      // `…, hoàn thành trước ngày …`: the words leading to the deadline go with it.
      while end >= contentStart, !tokens[end].isWord { end -= 1 }
      for lead in [["hoan", "thanh"], ["thoi", "han"], ["xong"], ["thoi", "gian", "hoan", "thanh"]] {
        let s = end - lead.count + 1
        if s >= contentStart, starts(s, lead) {
          end = s - 1
          break
        }
      }
      while end >= contentStart, !tokens[end].isWord, tokens[end].key != ")" { end -= 1 }
    }
    var content = IntakeLexer.quote(text, tokens, contentStart, end)
    if content.isEmpty { content = IntakeLexer.quote(text, tokens, range.lowerBound, range.upperBound - 1) }
    content = IntakeExtractor.tidy(content)

    var checks: [IntakeCheck] = []
    switch lead.kind {
    case .group: checks.append(.leadIsGroup(lead.text))
    case .unknown: checks.append(.leadUnknown(lead.text))
    case .agency: break
    }
    for m in coordinating where !extraLeads.contains(m) {
      if m.kind == .group { checks.append(.coordinatingGroup(m.text)) }
      if m.kind == .unknown { checks.append(.coordinatingUnknown(m.text)) }
    }
    if let d = deadline { checks += d.checks }
    let owner = findOwner(after: contentStart)
    if let name = owner.name, owner.ref == nil { checks.append(.ownerUnknown(name)) }
    return DraftTask(
      content: content, lead: lead, coordinating: coordinating, ownerName: owner.name,
      owner: owner.ref, deadlineText: deadline?.text ?? "", deadline: deadline?.parsed ?? .none,
      product: findProduct(), source: IntakeExtractor.tidy(sourceText()), checks: checks)
  }

  func sourceText() -> String {
    IntakeLexer.quote(text, tokens, range.lowerBound, range.upperBound - 1)
  }

  /// `đồng chí Nguyễn Văn A` within the task.
  func findOwner(after i: Int) -> (name: String?, ref: String?) {
    for k in range where k >= i && (starts(k, ["dong", "chi"]) || starts(k, ["d", "c"])) {
      var e = k + 2
      if starts(k, ["d", "c"]) { e = k + 3 }
      var last = -1
      var n = e
      while n < range.upperBound, tokens[n].isWord, tokens[n].isCapitalised, n - e < 4 {
        last = n
        n += 1
      }
      guard last >= e + 1 else { continue }
      let name = IntakeLexer.quote(text, tokens, e, last)
      let key = VietText.fold(name)
      let ref = catalog.people.values.first { VietText.fold($0.fullName) == key }?.ref
      return (name, ref)
    }
    return (nil, nil)
  }

  /// `trình UBND thành phố`, `báo cáo Thường trực Thành ủy`: the product and who receives it.
  func findProduct() -> String {
    var parts: [String] = []
    for i in range {
      guard let w = startsAny(i, IntakeExtractor.productWords) else { continue }
      var k = nextWord(i + w.count)
      if starts(k, ["len"]) || starts(k, ["ve"]) { k += 1 }
      var m = mention(at: k)
      if m == nil, starts(k, ["chu", "tich"]) { m = mention(at: k + 2) }
      guard let found = m, found.mention.kind != .group || found.mention.text.isEmpty else { continue }
      var end = found.end
      if let tail = startsAny(end + 1, IntakeExtractor.productTails) { end += tail.count }
      parts.append(IntakeLexer.quote(text, tokens, i, end))
    }
    return parts.joined(separator: "; ")
  }
}

extension IntakeExtractor {
  /// Trims spaces and punctuation a clause leaves at its ends.
  static func tidy(_ s: String) -> String {
    var t = Substring(s)
    while let c = t.last, c == "," || c == ";" || c == ":" || c == "." || c == " " || c == "-" { t.removeLast() }
    while let c = t.first, c == "," || c == ";" || c == ":" || c == " " || c == "-" || c == "\u{2013}" || c == "+" { t.removeFirst() }
    return String(t)
  }
}
