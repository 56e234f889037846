/// An agency mention found in a run of tokens.
struct FoundMention: Hashable {
  /// First and last token.
  var start: Int
  var end: Int
  var mention: AgencyMention
  /// Part of a person's title (`Trưởng Ban Tuyên giáo Thành ủy`), not a body acting.
  var isTitle: Bool
}

/// Finds agency names, groups of bodies and unknown bodies in a notice's words.
struct MentionFinder {
  let index: AgencyIndex

  /// Words that make a group of bodies after `các`.
  static let groupNouns: [[String]] = [
    ["so"], ["ban"], ["nganh"], ["co", "quan"], ["don", "vi"], ["dia", "phuong"], ["quan"],
    ["huyen"], ["xa"], ["phuong"], ["thi", "tran"], ["hoi"], ["doan", "the"], ["to", "chuc"],
    ["doanh", "nghiep"], ["truong"], ["cap", "uy"], ["to", "chuc", "dang"], ["ban", "dang"],
    ["dang", "uy"], ["dang", "bo"], ["chi", "bo"], ["co", "quan", "bao", "chi"], ["bao", "chi"],
    ["cap"], ["hoi", "thanh", "vien"], ["chinh", "tri"], ["xa", "hoi"], ["thanh", "vien"],
    ["nghe", "nghiep"], ["ban", "quan", "ly"], ["to", "chuc", "chinh", "tri"], ["phong"],
    ["quan", "doan"], ["huyen", "doan"], ["cap", "cac", "nganh"],
  ]
  /// Words that may close a group (`các Sở, ngành liên quan`).
  static let groupTails: [[String]] = [
    ["co", "lien", "quan"], ["lien", "quan"], ["truc", "thuoc"], ["thanh", "pho"],
    ["tren", "dia", "ban", "thanh", "pho"], ["tren", "dia", "ban"], ["thuoc", "thanh", "pho"],
    ["thuoc", "so"], ["thanh", "uy"], ["thanh", "doan"], ["noi", "thanh"], ["ngoai", "thanh"],
  ]
  /// First words of names of bodies, used to spot a body the directory lacks.
  static let heads: [[String]] = [
    ["so"], ["ban"], ["hoi"], ["van", "phong"], ["phong"], ["uy", "ban"], ["ubnd"], ["trung", "tam"],
    ["cong", "ty"], ["tong", "cong", "ty"], ["truong"], ["dai"], ["benh", "vien"], ["vien"],
    ["cuc"], ["chi", "cuc"], ["dang", "uy"], ["dang", "doan"], ["ban", "can", "su"],
    ["lien", "doan"], ["lien", "hiep"], ["thanh", "tra"], ["kho", "bac"], ["bao"], ["quy"],
    ["hoc", "vien"], ["dai", "hoc"], ["bao", "hiem"], ["cang", "vu"], ["cong", "an"],
    ["bo", "chi", "huy"], ["thanh", "doan"], ["tinh", "doan"], ["hoi", "dong"], ["tap", "doan"],
  ]
  /// Words that fold like a head but are not one.
  static let notHeads: Set<String> = ["trưởng", "quý", "bão", "đãi"]
  /// Words that end a name: verbs and links a name never contains.
  static let nameStops: Set<String> = [
    "chu", "phoi", "co", "tham", "khan", "chiu", "xay", "ra", "nghien", "hoan", "trien", "thuc",
    "chi", "huong", "theo", "kiem", "de", "lanh", "day", "tang", "bo", "trinh", "can", "voi",
    "cung", "trong", "truoc", "tai", "ve", "cua", "khi", "som", "tiep", "tich", "lien", "dong",
    "da", "dang", "se", "duoc", "la", "nhu", "tong", "bao", "to",
  ]

  /// Every mention in `tokens`, left to right, longest first at each place.
  func find(_ tokens: [IntakeToken]) -> [FoundMention] {
    var out: [FoundMention] = []
    var i = 0
    while i < tokens.count {
      guard tokens[i].isWord else {
        i += 1
        continue
      }
      if let shared = sharedHead(tokens, i) {
        out += shared
        i = (shared.last?.end ?? i) + 1
        continue
      }
      let group = groupAt(tokens, i)
      let known = index.match(tokens, at: i)
      if let g = group, g.end >= (known?.end ?? -1) {
        out.append(FoundMention(
          start: i, end: g.end, mention: AgencyMention(text: g.text, kind: .group), isTitle: false))
        i = g.end + 1
      } else if var k = known {
        // `… thành phố`, `… Hải Phòng` after a short name belong to it.
        if let place = AgencyIndex.placeSuffixes.first(where: { MentionFinder.starts(tokens, k.end + 1, $0) }) {
          k.end += place.count
        }
        if let name = index.places.first(where: { MentionFinder.starts(tokens, k.end + 1, $0) }),
          tokens[k.end + 1].isCapitalised
        {
          k.end += name.count
        }
        // A short name that runs on (`Ban Tổ chức - Kiểm tra Thành đoàn`, `UBND quận Hồng
        // Bàng`) names a different body, one the directory lacks.
        if let longer = continuedName(tokens, i, after: k.end) {
          out.append(FoundMention(
            start: i, end: longer, mention: AgencyMention(text: quote(tokens, i, longer), kind: .unknown),
            isTitle: isTitle(tokens, i)))
          i = longer + 1
          continue
        }
        out.append(FoundMention(
          start: i, end: k.end,
          mention: AgencyMention(text: quote(tokens, i, k.end), kind: .agency, code: k.code),
          isTitle: isTitle(tokens, i)))
        i = k.end + 1
      } else if let end = unknownAt(tokens, i) {
        out.append(FoundMention(
          start: i, end: end, mention: AgencyMention(text: quote(tokens, i, end), kind: .unknown),
          isTitle: isTitle(tokens, i)))
        i = end + 1
      } else {
        i += 1
      }
    }
    return out
  }

  var text: String = ""

  init(index: AgencyIndex) { self.index = index }

  func quote(_ tokens: [IntakeToken], _ a: Int, _ b: Int) -> String {
    IntakeLexer.quote(text, tokens, a, b)
  }

  func isTitle(_ tokens: [IntakeToken], _ i: Int) -> Bool {
    let k = i - 1
    guard k >= 0, tokens[k].isWord else { return false }
    let w = tokens[k].key
    if w == "truong" || w == "pho" || w == "doc" || w == "tich" || w == "chanh" { return true }
    // `Bí thư`, `Ủy viên`, `Lãnh đạo`, `Đại diện`, `Thành viên`, `Cán bộ`.
    if k >= 1 {
      let pair = [tokens[k - 1].key, w]
      let titles: [[String]] = [
        ["bi", "thu"], ["uy", "vien"], ["lanh", "dao"], ["dai", "dien"], ["thanh", "vien"],
        ["can", "bo"], ["chuyen", "vien"], ["giam", "doc"], ["chu", "tich"],
      ]
      if titles.contains(pair) { return true }
    }
    return false
  }

  /// Whether the words at `i` are `phrase`.
  static func starts(_ tokens: [IntakeToken], _ i: Int, _ phrase: [String]) -> Bool {
    guard i + phrase.count <= tokens.count else { return false }
    for (n, w) in phrase.enumerated() where !(tokens[i + n].isWord && tokens[i + n].key == w) {
      return false
    }
    return true
  }

  /// `các Sở, ngành liên quan`, `UBND các quận, huyện`: returns the last token and the text.
  func groupAt(_ tokens: [IntakeToken], _ i: Int) -> (end: Int, text: String)? {
    var k = i
    for prefix in [["uy", "ban", "nhan", "dan"], ["ubnd"], ["lanh", "dao"], ["thu", "truong"]] {
      if MentionFinder.starts(tokens, k, prefix) {
        k += prefix.count
        break
      }
    }
    guard MentionFinder.starts(tokens, k, ["cac"]) else { return nil }
    k += 1
    var lastNoun = -1
    while k < tokens.count {
      if !tokens[k].isWord, [",", "/", "-", "\u{2013}"].contains(tokens[k].key), lastNoun >= 0 {
        k += 1
        continue
      }
      if lastNoun >= 0, MentionFinder.starts(tokens, k, ["va"]) {
        k += 1
        continue
      }
      guard let noun = MentionFinder.groupNouns.filter({ MentionFinder.starts(tokens, k, $0) })
        .max(by: { $0.count < $1.count })
      else { break }
      // `các Sở Tài chính` is a list of Sở, not a group: a capitalised word follows.
      lastNoun = k + noun.count - 1
      k += noun.count
    }
    guard lastNoun >= 0 else { return nil }
    var end = lastNoun
    // `UBND các quận Lê Chân, Ngô Quyền`: local units named one by one are still a group.
    if MentionFinder.localUnits.contains(where: { $0.last == tokens[lastNoun].key }),
      lastNoun + 1 < tokens.count, tokens[lastNoun + 1].isCapitalised
    {
      var k = lastNoun + 1
      while k < tokens.count {
        if tokens[k].isWord, tokens[k].isCapitalised {
          end = k
        } else if !(tokens[k].key == "," || tokens[k].key == "va") {
          break
        }
        k += 1
      }
      return (end, quote(tokens, i, end))
    }
    if let tail = MentionFinder.groupTails.first(where: { MentionFinder.starts(tokens, end + 1, $0) }) {
      end += tail.count
    }
    // One noun that begins a directory name (`các Hội` of `các Hội Khoa học`) is not a group.
    if lastNoun + 1 < tokens.count, tokens[lastNoun + 1].isWord, tokens[lastNoun + 1].isCapitalised,
      end == lastNoun
    {
      return nil
    }
    return (end, quote(tokens, i, end))
  }

  /// `các Sở: Tài chính, Nội vụ và Tư pháp` — one head shared by several names.
  func sharedHead(_ tokens: [IntakeToken], _ i: Int) -> [FoundMention]? {
    guard MentionFinder.starts(tokens, i, ["cac"]), i + 2 < tokens.count, tokens[i + 1].isWord,
      tokens[i + 1].isCapitalised
    else { return nil }
    let head = tokens[i + 1]
    var k = i + 2
    if !tokens[k].isWord, tokens[k].key == ":" { k += 1 }
    var found: [FoundMention] = []
    while k < tokens.count, tokens[k].isWord, tokens[k].isCapitalised {
      // Match as if the head were written before each name.
      let virtual = [head] + tokens[k...]
      guard let m = index.match(Array(virtual), at: 0), m.end >= 1 else { break }
      let end = k + m.end - 1
      found.append(FoundMention(
        start: found.isEmpty ? i : k, end: end,
        mention: AgencyMention(
          text: String(text[head.range]) + " " + quote(tokens, k, end), kind: .agency, code: m.code),
        isTitle: false))
      k = end + 1
      if k < tokens.count, !tokens[k].isWord, tokens[k].key == "," {
        k += 1
      } else if MentionFinder.starts(tokens, k, ["va"]) {
        k += 1
      } else {
        break
      }
    }
    return found.count >= 2 || (found.count == 1 && tokens[i + 2].key == ":") ? found : nil
  }

  /// Words for local units: a directory name followed by one of them and a proper name is a local body.
  static let localUnits: [[String]] = [["quan"], ["huyen"], ["xa"], ["phuong"], ["thi", "xa"], ["thi", "tran"]]

  /// Where a name continues past a directory match, when it does.
  func continuedName(_ tokens: [IntakeToken], _ i: Int, after end: Int) -> Int? {
    var k = end + 1
    guard k < tokens.count else { return nil }
    if let unit = MentionFinder.localUnits.first(where: { MentionFinder.starts(tokens, k, $0) }) {
      k += unit.count
      guard k < tokens.count, tokens[k].isWord, tokens[k].isCapitalised else { return nil }
      var last = k
      while last + 1 < tokens.count, tokens[last + 1].isWord, tokens[last + 1].isCapitalised { last += 1 }
      return last
    }
    if !tokens[k].isWord, AgencyIndex.joiners.contains(tokens[k].key), tokens[k].key != "/" { k += 1 }
    guard k < tokens.count, tokens[k].isWord, tokens[k].isCapitalised, !tokens[k].isUpper || k > end + 1 else { return nil }
    // A following body's own name (`Sở Nội vụ`) starts a new mention, not a continuation,
    // unless it is the parent the unit belongs to (`… Thành đoàn`).
    if k == end + 1, MentionFinder.heads.contains(where: { MentionFinder.starts(tokens, k, $0) }),
      index.match(tokens, at: k) == nil
    {
      return nil
    }
    guard let u = unknownAt(tokens, i), u > end else { return nil }
    return u
  }

  /// A name that looks like a body (`Sở Ngoại giao`, `Trung tâm Xúc tiến Đầu tư`) but is not in the directory.
  func unknownAt(_ tokens: [IntakeToken], _ i: Int) -> Int? {
    guard tokens[i].isCapitalised else { return nil }
    // Folding merges words a name never starts with: `Trưởng` (a position) is not `Trường`,
    // `Quý` (a quarter) is not `Quỹ`.
    let written = String(text[tokens[i].range]).lowercased()
    if MentionFinder.notHeads.contains(written) { return nil }
    guard let head = MentionFinder.heads.filter({ MentionFinder.starts(tokens, i, $0) })
      .max(by: { $0.count < $1.count })
    else { return nil }
    var k = i + head.count
    guard k < tokens.count, tokens[k].isWord, tokens[k].isCapitalised else { return nil }
    var end = k
    k += 1
    var words = head.count + 1
    while k < tokens.count, words < 9 {
      let t = tokens[k]
      if !t.isWord {
        if AgencyIndex.joiners.contains(t.key), k + 1 < tokens.count, tokens[k + 1].isCapitalised {
          k += 1
          continue
        }
        break
      }
      if t.isCapitalised || t.isNumber {
        // `Sở A Sở B` written side by side: the second head starts a second name.
        if MentionFinder.heads.contains(where: { MentionFinder.starts(tokens, k, $0) }),
          index.match(tokens, at: k) == nil, MentionFinder.heads.contains([t.key]),
          k + 1 < tokens.count, tokens[k + 1].isWord, tokens[k + 1].isCapitalised
        {
          break
        }
      } else {
        // `và` joins two parts of one name (`Đài Phát thanh và Truyền hình`) unless a second
        // body's name follows it (`… và Sở Tài chính`).
        if t.key == "va", k + 1 < tokens.count, tokens[k + 1].isWord, tokens[k + 1].isCapitalised,
          !MentionFinder.heads.contains(where: { MentionFinder.starts(tokens, k + 1, $0) })
        {
          k += 1
          words += 1
          continue
        }
        if MentionFinder.nameStops.contains(t.key) || t.key == "va" || t.key == "cac" { break }
        // A verb in small letters ends the name (`… tỉnh giám sát dịch`).
        if IntakeExtractor.actions.contains(where: { MentionFinder.starts(tokens, k, $0) }) { break }
      }
      end = k
      k += 1
      words += 1
    }
    return end
  }
}
