import Foundation
import Testing

@testable import FollowUpCore

@Suite("VietText normalisation and search keys")
struct VietTextTests {
  // MARK: N1–N3 (DOMAIN §4.1)

  @Test("N1: NFD input becomes NFC")
  func n1() {
    let nfd = "Nguye\u{0302}\u{0303}n"
    #expect(nfd.utf8.count == 10)
    let cleaned = VietText.clean(nfd)
    #expect(Array(cleaned.unicodeScalars) == Array("Nguy\u{1EC5}n".unicodeScalars))
    #expect(cleaned.utf8.count == 8)
    #expect(VietText.cleanMultiline(nfd).utf8.count == 8)
  }

  @Test("N2: canonically equal strings compare equal in Swift though their bytes differ")
  func n2() {
    let nfc = "Nguy\u{1EC5}n"
    let nfd = "Nguye\u{0302}\u{0303}n"
    #expect(nfc == nfd)
    #expect(Array(nfc.utf8) != Array(nfd.utf8))
    #expect(Array(VietText.clean(nfd).utf8) == Array(nfc.utf8))
  }

  @Test("N3: NFD Nguyễn has 8 scalars and 6 characters")
  func n3() {
    let nfd = "Nguye\u{0302}\u{0303}n"
    #expect(nfd.unicodeScalars.count == 8)
    #expect(nfd.count == 6)
  }

  // MARK: clean / cleanMultiline / controlCharacter

  @Test(arguments: [
    ("Hải\u{00A0}Phòng", "Hải Phòng"),
    ("Sở\u{2007}Nội\u{202F}vụ", "Sở Nội vụ"),
    ("  Sở \t Tư   pháp \n", "Sở Tư pháp"),
    ("a\r\nb\u{2028}c\u{3000}d", "a b c d"),
    ("\u{00A0}\u{00A0}", ""),
    ("", ""),
    ("Đã xong", "Đã xong"),
  ])
  func clean(_ input: String, _ expected: String) {
    #expect(VietText.clean(input) == expected)
  }

  @Test(arguments: [
    ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
    ("\n\n  \nnội dung  \n\n  - ý một\u{00A0}\n\n", "nội dung\n\n  - ý một"),
    ("a\u{00A0}\u{00A0}b\t", "a  b"),
    ("Nguye\u{0302}\u{0303}n\n", "Nguy\u{1EC5}n"),
    ("   \n\t\n", ""),
  ])
  func cleanMultiline(_ input: String, _ expected: String) {
    #expect(Array(VietText.cleanMultiline(input).unicodeScalars) == Array(expected.unicodeScalars))
  }

  @Test(
    arguments: [
      ("bình thường", nil),
      ("có\ttab\nvà xuống dòng", nil),
      ("chuông\u{07}", 0x07),
      ("xoá\u{7F}", 0x7F),
      ("C1\u{85}", 0x85),
      ("CR\r", 0x0D),
      ("\u{00}", 0x00),
    ] as [(String, UInt32?)])
  func controlCharacter(_ input: String, _ expected: UInt32?) {
    #expect(VietText.controlCharacter(in: input)?.value == expected)
  }

  // MARK: K1–K12 (DOMAIN §4.2)

  @Test(arguments: [
    ("K1", "Đào", "dao"),
    ("K2", "ĐỖ THỊ LẬP", "do thi lap"),
    ("K3", "Nguye\u{0302}\u{0303}n", "nguyen"),
    ("K4", "\u{00D0}oàn", "doan"),
    ("K5", "Liên hiệp các Hội Khoa học và Kỹ thuật", "lien hiep cac hoi khoa hoc va ky thuat"),
    ("K6a", "Cộng hoà", "cong hoa"),
    ("K6b", "Cộng hòa", "cong hoa"),
    ("K7a", "Ban Tuyên giáo Thành ủy", "ban tuyen giao thanh uy"),
    ("K7b", "Ban Tuyên giáo Thành uỷ", "ban tuyen giao thanh uy"),
    ("K8", "Hải\u{00A0}Phòng", "hai phong"),
    ("K9a", "Trường", "truong"),
    ("K9b", "Ươm", "uom"),
    ("K10", "tư vấn, phản biện và giám định xã hội", "tu van, phan bien va giam dinh xa hoi"),
    ("K11", "Sở KH&CN", "so kh&cn"),
    ("K12", "Nguyễn Bỉnh Khiêm", "nguyen binh khiem"),
  ])
  func searchKey(_ id: String, _ input: String, _ expected: String) {
    #expect(VietText.fold(input) == expected, "\(id)")
    #expect(VietText.foldReference(input) == expected, "\(id) (reference)")
  }

  @Test("K11: the search key of Sở KH&CN splits into so, kh, cn")
  func k11Tokens() {
    #expect(VietText.tokens("Sở KH&CN") == ["so", "kh", "cn"])
  }

  @Test(arguments: [
    ("  Đào\t\tNguyễn \n", "dao nguyen"),
    ("ĐÀO\u{202F}\u{2007}ÐOÀN", "dao doan"),
    ("Hải Phòng ", "hai phong"),
    ("", ""),
    ("Ελλάδα", "ελλαδα"),
    ("Straße", "straße"),
    ("QĐ-UBND", "qd-ubnd"),
  ])
  func foldEdges(_ input: String, _ expected: String) {
    #expect(VietText.fold(input) == expected)
    #expect(VietText.foldReference(input) == expected)
  }

  // MARK: Counter-tests (DOMAIN §4.2): what Foundation alone gets wrong

  @Test("Foundation's diacritic folding keeps đ; fold maps it to d")
  func foundationKeepsDStroke() {
    let options: String.CompareOptions = [.diacriticInsensitive, .caseInsensitive]
    #expect("Đào".folding(options: options, locale: nil) != "dao")
    #expect("Đào".range(of: "dao", options: options) == nil)
    #expect(VietText.fold("Đào") == "dao")
    #expect(VietText.fold("Đào Nguyễn Trường Ðoàn") == "dao nguyen truong doan")
    #expect(VietText.matchesPhrase(VietText.tokens("Đào Khánh Hà"), VietText.tokens("dao")))
  }

  // MARK: Tokens and phrase matching (DOMAIN §4.3)

  @Test(arguments: [
    ("Sở KH&CN", ["so", "kh", "cn"]),
    ("QĐ-UBND", ["qd", "ubnd"]),
    ("KH & CN", ["kh", "cn"]),
    (
      "Kế hoạch số 64/KH-UBND ngày 16/3/2021",
      ["ke", "hoach", "so", "64", "kh", "ubnd", "ngay", "16", "3", "2021"]
    ),
    ("  ", []),
    ("", []),
    ("(giả định)…", ["gia", "dinh"]),
  ])
  func tokens(_ input: String, _ expected: [String]) {
    #expect(VietText.tokens(input) == expected)
  }

  @Test(arguments: [
    ("doanh nghiệp", "doan", false, false),
    ("Đảng đoàn", "doan", false, true),
    ("Đảng đoàn", "dang doan", false, true),
    ("Đảng đoàn", "doan dang", false, false),
    ("trí thức trẻ", "tri th", true, true),
    ("trí thức trẻ", "tri th", false, false),
    ("trí thức trẻ", "th tre", true, false),
    ("trí thức trẻ", "", false, true),
    ("trí", "tri thuc", false, false),
    ("", "", true, true),
    ("doanh nghiệp", "doan", true, true),
  ])
  func matchesPhrase(_ haystack: String, _ phrase: String, _ prefix: Bool, _ expected: Bool) {
    let result = VietText.matchesPhrase(
      VietText.tokens(haystack), VietText.tokens(phrase), lastIsPrefix: prefix)
    #expect(result == expected)
  }

  // MARK: Fast path against the Foundation path (not timed)

  static let tableRanges: [ClosedRange<UInt32>] = [0x00...0x36F, 0x1E00...0x1EFF, 0x2000...0x206F]

  @Test("fold's table agrees with Foundation on every scalar of the Latin blocks")
  func fastPathAgreesOnEveryScalar() {
    var checked = 0
    var mismatches: [String] = []
    for range in Self.tableRanges {
      for v in range {
        guard let u = Unicode.Scalar(v) else { continue }
        for sample in [String(u), "A" + String(u) + "b", String(u) + String(u)] {
          let fast = VietText.fold(sample)
          let slow = VietText.foldReference(sample)
          if fast != slow {
            mismatches.append(String(format: "U+%04X", v) + ": \(fast) vs \(slow)")
          }
        }
        checked += 1
      }
    }
    #expect(checked == 0x370 + 0x100 + 0x70)
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
  }

  @Test("every precomposed Vietnamese letter folds to one ASCII letter through the table")
  func vietnameseLettersUseTheTable() {
    let letters =
      "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
    let all = letters + letters.uppercased() + "\u{00D0}"
    let table = FoldTable.shared
    for u in all.unicodeScalars where u.value >= 0x80 {
      let code: UInt8 =
        u.value < FoldTable.lowLimit
        ? table.low[Int(u.value)] : table.extended[Int(u.value - FoldTable.extendedStart)]
      #expect(code < 0x80, "U+\(String(u.value, radix: 16)) is not on the fast path")
    }
    #expect(VietText.fold(all).allSatisfy { "aeiouyd".contains($0) })
  }

  @Test("a large mixed corpus folds the same both ways (benchmark-shaped, untimed)")
  func corpusAgrees() throws {
    let sample = try SampleData.load()
    var corpus = sample.tasks.map(\.content) + sample.agencies.flatMap { [$0.name] + $0.aliases }
    corpus += [
      "Nguye\u{0302}\u{0303}n  Bi\u{0309}nh\u{00A0}Khiêm", "ΑΣ ΟΔΟΣ", "東京 Hà Nội", "İstanbul",
      "ǅemal ﬁnance", "  \t ",
    ]
    var mismatches = 0
    for round in 0..<200 {
      for text in corpus {
        let probe = round % 2 == 0 ? text : text.uppercased()
        if VietText.fold(probe) != VietText.foldReference(probe) { mismatches += 1 }
      }
    }
    #expect(mismatches == 0)
  }

  // MARK: Search oracle (DOMAIN §6.4), at the token level

  @Test(arguments: [
    ("tri thuc", ["T1", "T2", "T7"]),
    ("dang doan", ["T1", "T7"]),
    ("doan", ["T1", "T7"]),
    ("Đoàn", ["T1", "T7"]),
    ("hoi dac thu", ["T5"]),
    ("nguyen binh khiem", ["T4"]),
    ("phan bien", ["T3"]),
    ("giam dinh xa hoi", ["T3"]),
    ("so noi vu", ["T2", "T3", "T4", "T5"]),
    ("thanh uy", ["T1", "T6"]),
    ("ubnd", ["T3"]),
    ("kh&cn", ["T2", "T3", "T4"]),
    ("KH & CN", ["T2", "T3", "T4"]),
    ("chinh sach", ["T2", "T7"]),
  ])
  func searchOracle(_ query: String, _ expected: [String]) throws {
    let sample = try SampleData.load()
    let phrase = VietText.tokens(query)
    let hits = sample.tasks.filter { task in
      sample.haystacks(for: task).contains { VietText.matchesPhrase($0, phrase) }
    }
    #expect(hits.map(\.ref) == expected)
  }

  @Test("substring matching would wrongly add T2 for doan")
  func substringCounterTest() throws {
    let sample = try SampleData.load()
    let hits = sample.tasks.filter { task in
      sample.haystacks(for: task).contains { $0.joined(separator: " ").contains("doan") }
    }
    #expect(hits.map(\.ref) == ["T1", "T2", "T7"])
  }

  @Test("a phrase does not run across fields")
  func phraseStaysInOneField() throws {
    let sample = try SampleData.load()
    // T6's content ends with "Thành ủy" and its lead's name starts with "Ban": no hit.
    let phrase = VietText.tokens("thanh uy ban")
    let t6 = try #require(sample.tasks.first { $0.ref == "T6" })
    #expect(!sample.haystacks(for: t6).contains { VietText.matchesPhrase($0, phrase) })
    #expect(VietText.matchesPhrase(sample.haystacks(for: t6).flatMap { $0 }, phrase))
  }

  // MARK: Fast paths against their specifications (untimed)

  /// A corpus of what pasted Vietnamese text brings: NFC and NFD, every kind of space and
  /// line break, control characters, CJK, emoji, combining marks at odd places.
  static func mixedCorpus() -> [String] {
    let words = [
      "Nguyễn", "Nguye\u{0302}\u{0303}n", "Bỉnh", "Bi\u{0309}nh", "Khiêm", "ĐẢNG", "đoàn", "Sở", "KH&CN",
      "QĐ-UBND", "Quý", "I/2024", "30/9/2023", "中文", "東京", "😀", "e\u{301}", "\u{301}", "ǅemal", "ﬁ",
      "Å", "\u{212B}", "\u{2126}", "가", "\u{1100}\u{1161}", "ΑΣ", "İ", "–", "“trích”", "…", "₫", "\u{FEFF}",
      "\u{7}", "\u{7F}", "\u{85}", "\u{9F}", "\u{0}", "a\u{308}\u{301}", "\u{0F73}", "x\u{20D7}",
    ]
    let gaps = [
      " ", "  ", "\t", "\n", "\r\n", "\r", "\r\r\n", "\u{A0}", "\u{2007}", "\u{202F}", "\u{3000}", "\u{2028}",
      "\u{2029}", "\u{85}", "\u{B}", "\u{C}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{205F}", " \n ", "\n\n",
      "\n  \n", "", "-", ", ",
    ]
    var rng = SplitMix(seed: 2024)
    var corpus = words + gaps
    for _ in 0..<3000 {
      var s = ""
      for _ in 0..<rng.next(9) {
        s += gaps[rng.next(gaps.count)]
        s += words[rng.next(words.count)]
      }
      if rng.next(3) == 0 { s += gaps[rng.next(gaps.count)] }
      corpus.append(s)
    }
    return corpus
  }

  @Test("clean, cleanMultiline and controlCharacter agree with their specifications on a mixed corpus")
  func cleanFastPathAgrees() {
    var mismatches: [String] = []
    for s in Self.mixedCorpus() {
      if Array(VietText.clean(s).utf8) != Array(VietText.cleanReference(s).utf8) {
        mismatches.append("clean \(s.debugDescription)")
      }
      if Array(VietText.cleanMultiline(s).utf8) != Array(VietText.cleanMultilineReference(s).utf8) {
        mismatches.append("cleanMultiline \(s.debugDescription)")
      }
      let control = s.unicodeScalars.first { u in
        switch u.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
      }
      if VietText.controlCharacter(in: s) != control { mismatches.append("control \(s.debugDescription)") }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
  }

  @Test("tokens agree with splitting the reference fold on a mixed corpus")
  func tokensAgree() {
    for s in Self.mixedCorpus() {
      let folded = VietText.foldReference(s)
      var expected: [String] = []
      var current = String.UnicodeScalarView()
      for u in folded.unicodeScalars {
        if VietText.isUnspacedScript(u.value) {
          if !current.isEmpty { expected.append(String(current)) }
          current = String.UnicodeScalarView()
          expected.append(String(u))
        } else if VietText.isWordScalar(u) {
          current.append(u)
        } else if !current.isEmpty {
          expected.append(String(current))
          current = String.UnicodeScalarView()
        }
      }
      if !current.isEmpty { expected.append(String(current)) }
      #expect(VietText.tokens(s) == expected, "\(s.debugDescription)")
      #expect(VietText.fold(s) == folded, "\(s.debugDescription)")
    }
  }

  static let quickNFCRanges: [ClosedRange<UInt32>] = [
    0x0...0x2FF, 0x1E00...0x1EFF, 0x2002...0x205F, 0x20A0...0x20BF, 0x3000...0x3029, 0x4E00...0x9FFF,
  ]

  @Test("every scalar the quick NFC check accepts is a starter that NFC never touches")
  func quickNFCRangesAreSafe() {
    var accepted = Set<UInt32>()
    for range in Self.quickNFCRanges {
      for v in range {
        #expect(VietText.isQuicklyNFC(v))
        accepted.insert(v)
        guard let u = Unicode.Scalar(v) else { continue }
        // Combining class 0: never reordered, never blocks or joins a composition as a mark.
        #expect(u.properties.canonicalCombiningClass == .notReordered, "U+\(String(v, radix: 16))")
        // Left alone by NFC on its own and after a starter.
        #expect(Array(String(u).precomposedStringWithCanonicalMapping.unicodeScalars) == [u])
        #expect(Array(("a" + String(u)).precomposedStringWithCanonicalMapping.unicodeScalars) == ["a", u])
        // Space handling matches the general rule.
        if v >= 0x80 {
          #expect(VietText.isQuickSpace(v) == (VietText.isSpaceLike(u) || VietText.isLineBreak(u)))
        }
      }
    }
    // Nothing outside the ranges is accepted.
    for v in [0x300, 0x1DFF, 0x1F00, 0x2000, 0x2001, 0x2060, 0x20D0, 0x302A, 0x4DFF, 0xA000, 0xF900] as [UInt32] {
      #expect(!VietText.isQuicklyNFC(v))
    }
    // No scalar decomposes to a sequence ending in an accepted one (that would make it a
    // possible second half of a composition, NFC_Quick_Check = Maybe).
    var offenders: [String] = []
    for v in UInt32(0xA0)..<0x30000 {
      guard let u = Unicode.Scalar(v) else { continue }
      let decomposed = Array(String(u).decomposedStringWithCanonicalMapping.unicodeScalars)
      if decomposed.count > 1, let last = decomposed.last, accepted.contains(last.value) {
        offenders.append(String(format: "U+%04X", v))
      }
    }
    #expect(offenders.isEmpty, "\(offenders.prefix(10))")
  }

  @Test("the cached tokenizer gives what the one-off function gives")
  func tokenizerAgreesWithTheStaticFunction() throws {
    let catalog = Sample.catalog
    let tokenizer = SearchText.Tokenizer(catalog: catalog)
    var tasks = Sample.tasks
    var odd = tasks[0]
    odd.lead = "NOPE"
    odd.coordinating = ["LHH", "ALSO-NOPE", ""]
    odd.owner = "P-unknown"
    odd.tags = ["", "  ", "Chuyển đổi số"]
    odd.content = "   "
    odd.product = ""
    tasks.append(odd)
    for t in tasks {
      #expect(tokenizer.tokens(for: t) == SearchText.tokens(for: t, catalog: catalog))
      #expect(tokenizer.tokens(for: t) == Self.referenceTokens(t, catalog))
    }
  }

  /// `SearchText.tokens(for:catalog:)` as it was written before the tokenizer.
  static func referenceTokens(_ task: FollowUpTask, _ catalog: Catalog) -> [String] {
    var out: [String] = []
    func field(_ s: String) {
      guard !s.isEmpty else { return }
      let t = VietText.tokens(s)
      guard !t.isEmpty else { return }
      if !out.isEmpty { out.append(SearchText.fieldSeparator) }
      out.append(contentsOf: t)
    }
    field(task.content)
    field(task.product)
    field(task.result)
    for tag in task.tags { field(tag) }
    // Agency names are not part of a task's own tokens: phrases are matched against them
    // through the agencies (see SearchText and FilterTests).
    if let owner = task.owner { field(catalog.personName(owner)) }
    return out
  }
}

/// The parts of Resources/sample.json the text tests need, read without the project's importer.
struct SampleData {
  struct Agency {
    let code: String
    let name: String
    let aliases: [String]
  }
  struct Task {
    let ref: String
    let content: String
    let lead: String
    let coordinating: [String]
    let deadline: String
  }
  let agencies: [Agency]
  let tasks: [Task]
  let people: [Person]

  enum LoadError: Error { case shape(String) }

  static func load() throws -> SampleData {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Resources/sample.json")
    let data = try Data(contentsOf: url)
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let agencyRows = root["agencies"] as? [[String: Any]],
      let taskRows = root["tasks"] as? [[String: Any]],
      let peopleRows = root["people"] as? [[String: Any]]
    else { throw LoadError.shape("top level") }

    let agencies = try agencyRows.map { row -> Agency in
      guard let code = row["code"] as? String, let name = row["name"] as? String else {
        throw LoadError.shape("agency")
      }
      return Agency(code: code, name: name, aliases: row["aliases"] as? [String] ?? [])
    }
    let tasks = try taskRows.map { row -> Task in
      guard let ref = row["ref"] as? String, let content = row["content"] as? String,
        let lead = row["lead"] as? String
      else { throw LoadError.shape("task") }
      return Task(
        ref: ref, content: content, lead: lead,
        coordinating: row["coordinating"] as? [String] ?? [],
        deadline: row["deadline"] as? String ?? "")
    }
    let people = try peopleRows.map { row -> Person in
      guard let ref = row["ref"] as? String, let family = row["family"] as? String,
        let given = row["given"] as? String
      else { throw LoadError.shape("person") }
      return Person(
        ref: ref, family: family, middle: row["middle"] as? String ?? "", given: given,
        title: row["title"] as? String ?? "")
    }
    return SampleData(agencies: agencies, tasks: tasks, people: people)
  }

  /// One token list per field: content; each name, alias and code of the lead and coordinators.
  func haystacks(for task: Task) -> [[String]] {
    var fields = [task.content]
    for code in [task.lead] + task.coordinating {
      guard let agency = agencies.first(where: { $0.code == code }) else { continue }
      fields.append(agency.name)
      fields += agency.aliases
      fields.append(agency.code)
    }
    return fields.map(VietText.tokens)
  }
}

/// Tokens of scripts written without spaces, and tags as people type them.
@Suite struct UnspacedScriptAndTagTests {
  @Test func hanAndKanaAreOneTokenPerCharacterBesideOrdinaryWords() {
    #expect(VietText.tokens("Họp 会议记录 và カタ") == ["hop", "会", "议", "记", "录", "va", "カ", "タ"])
    #expect(VietText.matchesPhrase(VietText.tokens("文件审查会议记录"), VietText.tokens("会议")))
    #expect(!VietText.matchesPhrase(VietText.tokens("文件审查会议记录"), VietText.tokens("议会")))
  }

  @Test func tagsLoseTheirHashAndRepeats() {
    #expect(FollowUpTask.cleanTags(["#khẩn", "khan", " ##gấp ", "#", "", "Khẩn"]) == ["khẩn", "gấp"])
  }
}
