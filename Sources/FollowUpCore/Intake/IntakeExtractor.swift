/// Drafts the tasks a conclusion notice or a session report assigns (DOMAIN §1.2): who
/// leads, who coordinates, by when, with what product, and the sentence each came from.
///
/// Pure: the text and the directory come in, a draft for a person to review comes out.
public enum IntakeExtractor {
  /// Reads a notice against a directory.
  public static func draft(_ text: String, catalog: Catalog) -> IntakeDraft {
    let clean = VietText.cleanMultiline(text)
    let finder = MentionFinder(index: AgencyIndex(catalog))
    var paragraphs = IntakeItems.paragraphs(clean)
    // The distribution list and signature close a notice: they name bodies but assign nothing.
    if let end = paragraphs.firstIndex(where: { isClosing($0.text) }) {
      paragraphs.removeSubrange(end...)
    }
    let meeting = IntakeHeader.read(paragraphs, finder: finder)
    var reader = Reader(finder: finder, catalog: catalog, reference: meeting.referenceDay)
    for p in paragraphs { reader.read(p) }
    return IntakeDraft(meeting: meeting, tasks: reader.finished())
  }

  static func isClosing(_ line: String) -> Bool {
    let words = VietText.tokens(line)
    return words.starts(with: ["noi", "nhan"])
  }

  // MARK: Words

  /// Words that hand a task to the body named right after them.
  static let triggers: [[String]] = [
    ["giao", "cho"], ["giao"], ["de", "nghi"], ["yeu", "cau"], ["nho"],
  ]
  /// Words that open a clause without being part of what it says.
  static let connectors: [[String]] = [
    ["dong", "thoi"], ["trong", "do"], ["rieng"], ["ngoai", "ra"], ["sau", "do"],
  ]
  /// Verbs an assignment starts with when its body was named before.
  static let actions: [[String]] = [
    ["tham", "muu"], ["de", "xuat"], ["xay", "dung"], ["ra", "soat"], ["nghien", "cuu"],
    ["hoan", "thien"], ["hoan", "thanh"], ["to", "chuc"], ["trien", "khai"], ["thuc", "hien"],
    ["chi", "dao"], ["huong", "dan"], ["theo", "doi"], ["kiem", "tra"], ["bao", "cao"],
    ["tong", "hop"], ["day", "manh"], ["tang", "cuong"], ["bo", "tri"], ["lap"],
    ["chu", "dong"], ["tich", "cuc"], ["khan", "truong"], ["tiep", "tuc"], ["phoi", "hop"],
    ["chu", "tri"], ["xem", "xet"], ["danh", "gia"], ["cap", "nhat"], ["dieu", "chinh"],
    ["bo", "sung"], ["sua", "doi"], ["ban", "hanh"], ["trinh"], ["lua", "chon"], ["xu", "ly"],
    ["giai", "quyet"], ["tuyen", "truyen"], ["quan", "tam"], ["uu", "tien"], ["chuan", "bi"],
    ["tham", "dinh"], ["phe", "duyet"], ["du", "thao"], ["soan", "thao"], ["khao", "sat"],
    ["dam", "bao"], ["don", "doc"], ["quan", "ly"], ["phat", "huy"], ["nang", "cao"],
    ["huy", "dong"], ["van", "dong"], ["ho", "tro"], ["can", "doi"], ["tap", "trung"],
    ["sap", "xep"], ["kien", "toan"], ["co", "trach", "nhiem"], ["chiu", "trach", "nhiem"],
    ["lanh", "dao"], ["cong", "khai"], ["cung", "co"], ["rut", "kinh", "nghiem"], ["tiep", "thu"],
    ["xac", "dinh"], ["de", "ra"], ["phoi", "hop"], ["bao", "dam"], ["thanh", "lap"],
    ["gui"], ["cung", "cap"], ["kiem", "soat"], ["xuc", "tien"], ["thu", "hut"], ["di", "doi"],
    ["giai", "ngan"], ["quyet", "liet"], ["gioi", "thieu"], ["mo"], ["phan", "anh"],
    ["nao", "vet"], ["van", "hanh"], ["giam", "sat"], ["nang", "cap"], ["mua", "sam"], ["thuc", "day"],
    ["ra", "quyet"], ["bao", "ve"], ["tiep", "nhan"], ["thu", "thap"], ["luu", "y"], ["thanh", "tra"], ["rut", "ngan"], ["day", "nhanh"],
  ]
  /// Words that begin a clause adding to the task before: reporting back, timing.
  static let reportBack: [[String]] = [
    ["bao", "cao"], ["trinh"], ["thuc", "hien"], ["hoan", "thanh"], ["thoi", "gian"],
    ["tong", "hop", "ket", "qua"], ["tong", "hop", "bao", "cao"], ["xong"], ["phan", "dau"],
  ]
  /// Words of praise or agreement after a body: a conclusion, not an assignment.
  static let praise: [[String]] = [
    ["danh", "gia", "cao"], ["bieu", "duong"], ["hoan", "nghenh"], ["chuc", "mung"],
    ["nhat", "tri"], ["thong", "nhat"], ["ket", "luan"], ["thong", "bao"],
  ]
  /// Words right after a body that make the clause a report of the past, not an assignment.
  static let narrative: Set<String> = ["da", "dang", "vua", "duoc", "la", "cung", "con", "bao"]
  /// What follows `chủ trì` when it is about chairing the meeting itself.
  static let meetingWords: [[String]] = [
    ["buoi"], ["cuoc"], ["hoi", "nghi"], ["phien"], ["hop"], ["toa", "dam"],
  ]
  /// Words for what a task must produce, to be followed by the body that receives it.
  static let productWords: [[String]] = [["trinh"], ["bao", "cao"], ["de", "xuat"]]
  static let productTails: [[String]] = [
    ["xem", "xet"], ["ban", "hanh"], ["phe", "duyet"], ["quyet", "dinh"], ["cho", "y", "kien"],
    ["theo", "quy", "dinh"],
  ]
}

extension IntakeExtractor {
  /// Reads paragraphs in order, carrying the body a list of items was given to.
  struct Reader {
    let finder: MentionFinder
    let catalog: Catalog
    let reference: Day?
    var tasks: [DraftTask] = []
    /// What a heading gave its sub-items, and the heading's depth.
    var heading: (carried: ClauseReader.Carried, depth: Int)?

    init(finder: MentionFinder, catalog: Catalog, reference: Day?) {
      self.finder = finder
      self.catalog = catalog
      self.reference = reference
    }

    mutating func read(_ p: IntakeParagraph) {
      if let h = heading, p.labelled, p.depth <= h.depth { heading = nil }
      var f = finder
      f.text = p.text
      let tokens = IntakeLexer.lex(p.text)
      let mentions = f.find(tokens)
      var carried = heading?.carried
      let firstInParagraph = tasks.count
      for sentence in IntakeExtractor.sentences(tokens) {
        for clause in IntakeExtractor.clauses(tokens, sentence) {
          var c = ClauseReader(
            text: p.text, tokens: tokens, range: clause,
            mentions: mentions.filter { $0.start >= clause.lowerBound && $0.end < clause.upperBound },
            catalog: catalog, reference: reference)
          c.numbered = p.labelled
          switch c.read(carried: carried, continuing: tasks.count > firstInParagraph) {
          case .heading(let h):
            // Only a numbered line, or one ending in a colon, hands work to its sub-items;
            // the letterhead (`SỞ KHOA HỌC VÀ CÔNG NGHỆ`) names a body and assigns nothing.
            if p.labelled || p.text.hasSuffix(":") {
              heading = (h, p.depth)
              carried = h
            }
          case .task(var t, let next):
            t.item = p.item
            tasks.append(t)
            carried = next
          case .continuation(let d, let product, let partners, let source):
            guard var t = tasks.popLast() else { break }
            if let d, t.deadlineText.isEmpty {
              t.deadlineText = d.text
              t.deadline = d.parsed
              t.checks += d.checks
            }
            if !product.isEmpty { t.product = t.product.isEmpty ? product : t.product + "; " + product }
            for m in partners where !t.coordinating.contains(m) && m != t.lead {
              t.coordinating.append(m)
              if m.kind == .group { t.checks.append(.coordinatingGroup(m.text)) }
              if m.kind == .unknown { t.checks.append(.coordinatingUnknown(m.text)) }
            }
            t.source += "; " + source
            tasks.append(t)
          case .deadlineOnly(let text, let parsed, let checks):
            // A deadline said on its own applies to the tasks of its item still without one.
            for i in tasks.indices.reversed() where tasks[i].item == p.item && tasks[i].deadlineText.isEmpty {
              tasks[i].deadlineText = text
              tasks[i].deadline = parsed
              tasks[i].checks += checks
            }
          case .nothing:
            break
          }
        }
      }
    }

    func finished() -> [DraftTask] {
      var out = tasks
      for i in out.indices {
        let words = Set(VietText.tokens(out[i].content))
        guard words.count >= 4 else { continue }
        for j in 0..<i where out[j].lead == out[i].lead {
          let other = Set(VietText.tokens(out[j].content))
          if Double(words.intersection(other).count) >= 0.75 * Double(words.count) {
            out[i].checks.append(.maybeDuplicate(ofItem: out[j].item))
            break
          }
        }
      }
      return out
    }
  }

  /// Token ranges of sentences: a full stop before a capital, `./.`, or the end.
  static func sentences(_ tokens: [IntakeToken]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    let abbreviations: Set<String> = ["tp", "ts", "ths", "pgs", "gs", "bs", "ks", "ong", "ba", "v"]
    for (i, t) in tokens.enumerated() where !t.isWord && (t.key == "." || t.key == "!" || t.key == "?") {
      let next = i + 1 < tokens.count ? tokens[i + 1] : nil
      let prev = i > 0 ? tokens[i - 1] : nil
      if let prev, prev.isWord, abbreviations.contains(prev.key), prev.key.count <= 3, next?.isCapitalised == true,
        prev.isCapitalised
      {
        continue
      }
      if next == nil || next?.isCapitalised == true || next?.key == "/" {
        if i > start { out.append(start..<i) }
        start = i + 1
      }
    }
    if start < tokens.count { out.append(start..<tokens.count) }
    return out.filter { r in r.contains { tokens[$0].isWord } }
  }

  /// Clauses of a sentence: split at semicolons.
  static func clauses(_ tokens: [IntakeToken], _ sentence: Range<Int>) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = sentence.lowerBound
    for i in sentence where tokens[i].key == ";" && !tokens[i].isWord {
      if i > start { out.append(start..<i) }
      start = i + 1
    }
    if start < sentence.upperBound { out.append(start..<sentence.upperBound) }
    return out.filter { r in r.contains { tokens[$0].isWord } }
  }
}
