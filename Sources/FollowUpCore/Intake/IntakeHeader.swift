/// Reads the meeting from a notice's heading and first lines: number, dates, title, chair.
enum IntakeHeader {
  /// How many paragraphs the heading can span.
  static let headingSpan = 14

  static func read(_ paragraphs: [IntakeParagraph], finder: MentionFinder) -> DraftMeeting {
    var m = DraftMeeting()
    let head = Array(paragraphs.prefix(headingSpan))
    m.notice = head.lazy.compactMap { noticeNumber($0.text) }.first
      ?? paragraphs.lazy.compactMap { noticeNumber($0.text) }.first ?? ""
    // `…, ngày 05 tháng 10 năm 2023` anywhere in the heading; a bare `26/05/2023` only on the
    // first lines (an article's dateline), since later ones are deadlines.
    m.noticeDate = head.lazy.compactMap { issueDate($0.text, bare: false) }.first
      ?? paragraphs.prefix(3).lazy.filter { !$0.labelled }.compactMap { issueDate($0.text, bare: true) }.first
    let reference = m.noticeDate?.year
    // The meeting day: `Ngày 28/9/2023, …`, `Sáng 26/5, …` in the first lines of the body.
    for p in head {
      if let d = meetingDay(p.text, referenceYear: reference) {
        m.date = d
        break
      }
    }
    if m.date == nil { m.date = m.noticeDate }
    if m.noticeDate == nil { m.noticeDate = m.date }
    // A title under the word THÔNG BÁO, else the meeting named in the chair's sentence.
    if let at = head.firstIndex(where: { VietText.fold($0.text) == "thong bao" || VietText.fold($0.text) == "bao cao" }),
      at + 1 < head.count
    {
      var title = head[at + 1].text
      var k = at + 2
      while k < head.count, let f = head[k].text.first, f.isLowercase || head[k].text.hasPrefix("(") {
        title += " " + head[k].text
        k += 1
      }
      m.title = title
    }
    for p in paragraphs.prefix(headingSpan + 6) {
      if let (chair, title, host) = chairSentence(p.text, finder: finder) {
        m.chair = chair
        m.host = host
        if m.title.isEmpty { m.title = title }
        break
      }
    }
    return m
  }

  /// `Số: 123-TB/TU`, `Thông báo số 45/TB-UBND`.
  static func noticeNumber(_ line: String) -> String? {
    let words = line.split(separator: " ", omittingEmptySubsequences: true)
    for (i, w) in words.enumerated() {
      let f = VietText.fold(String(w)).trimmingCharacters(in: [":"])
      guard f == "so", i + 1 < words.count else { continue }
      var candidate = String(words[i + 1])
      if candidate == ":" , i + 2 < words.count { candidate = String(words[i + 2]) }
      candidate = candidate.trimmingCharacters(in: [",", ";", ".", ":"])
      if candidate.first?.isNumber == true, candidate.contains("/") || candidate.contains("-"),
        candidate.contains(where: \.isLetter)
      {
        return candidate
      }
    }
    return nil
  }

  /// `Hải Phòng, ngày 05 tháng 10 năm 2023` or a lone `26/05/2023` near the top.
  static func issueDate(_ line: String, bare: Bool) -> Day? {
    let folded = VietText.fold(line)
    if let r = folded.range(of: "ngay "), folded.contains("thang"), folded.contains("nam") {
      let offset = folded.distance(from: folded.startIndex, to: r.lowerBound)
      let tail = String(line.dropFirst(offset))
      if let d = try? DateParser.parseDay(tail).day { return d }
    }
    guard bare else { return nil }
    for piece in line.split(whereSeparator: { $0 == " " || $0 == "," }) {
      let s = String(piece)
      if s.filter({ $0 == "/" }).count == 2, let d = try? DateParser.parseDay(s).day { return d }
    }
    return nil
  }

  /// `Ngày 28/9/2023, …`, `Sáng 26/5, …`, `Chiều ngày 15 tháng 8 năm 2023, …`.
  static func meetingDay(_ line: String, referenceYear: Int?) -> Day? {
    let words = line.split(separator: " ")
    guard let first = words.first else { return nil }
    let lead = VietText.fold(String(first))
    guard ["ngay", "sang", "chieu", "toi", "trua"].contains(lead) else { return nil }
    guard let comma = line.firstIndex(of: ",") else { return nil }
    var phrase = String(line[..<comma])
    for w in ["Sáng", "Chiều", "Tối", "Trưa", "sáng", "chiều", "tối", "trưa"] where phrase.hasPrefix(w + " ") {
      phrase = String(phrase.dropFirst(w.count + 1))
    }
    return try? DateParser.parseDay(phrase, referenceYear: referenceYear).day
  }

  /// `đồng chí X, <chức vụ> chủ trì buổi làm việc với …`: the chair, the meeting and the host.
  static func chairSentence(_ line: String, finder: MentionFinder) -> (String, String, String?)? {
    var f = finder
    f.text = line
    let tokens = IntakeLexer.lex(line)
    guard let chu = tokens.indices.first(where: { i in
      MentionFinder.starts(tokens, i, ["chu", "tri"])
        && IntakeExtractor.meetingWords.contains { MentionFinder.starts(tokens, i + 2, $0) }
    }) else { return nil }
    guard let dc = tokens.indices.last(where: { $0 < chu && MentionFinder.starts(tokens, $0, ["dong", "chi"]) })
    else { return nil }
    let chair = IntakeExtractor.tidy(IntakeLexer.quote(line, tokens, dc + 2, chu - 1))
    var end = chu + 2
    while end < tokens.count, !(tokens[end].key == "." || tokens[end].key == ";") || tokens[end].isWord { end += 1 }
    var title = IntakeExtractor.tidy(IntakeLexer.quote(line, tokens, chu + 2, end - 1))
    if let c = title.first { title = c.uppercased() + title.dropFirst() }
    let host = f.find(Array(tokens[(dc + 2)..<chu])).last { $0.mention.kind == .agency }?.mention.code
    return (chair, title, host)
  }
}
