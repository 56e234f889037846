/// Every way a notice may name a directory agency, for longest-first matching over words.
///
/// Besides the names and aliases the directory lists, it derives the short forms officers
/// write: `UBND` for `Ủy ban nhân dân`, `TP` for `thành phố`, a name without `thành phố` or
/// `Hải Phòng` at the end, a Sở's initials (`Sở KH&CN`, `Sở KHCN`, `SKHCN`), and a Party
/// body inside another agency under that agency's short names (`Đảng đoàn Liên hiệp hội`).
struct AgencyIndex {
  struct Variant {
    let words: [String]
    let code: String
    /// Words that are initials and so must be written in capitals (`KH`, `SNV`).
    let mustBeUpper: [Bool]
    /// Derived forms count only when written as a name, with a capital first letter.
    let needsCapital: Bool
    /// Listed in the directory (a name, alias or code), as opposed to derived.
    let listed: Bool
  }

  /// Variants by first word, longest first.
  private(set) var byFirst: [String: [Variant]] = [:]

  /// Place names the directory's own names end in (`Hải Phòng`, `Nam Định`).
  let places: [[String]]

  init(_ catalog: Catalog) {
    let agencies = catalog.agenciesInOrder
    places = AgencyIndex.placeNames(agencies)
    var all: [Variant] = []
    var cores: [[String]: String] = [:]
    for a in agencies {
      for n in [a.name] + a.aliases {
        let c = AgencyIndex.core(VietText.tokens(n), places: places)
        cores[c] = cores[c] ?? a.code
      }
    }
    for a in agencies {
      all += AgencyIndex.variants(of: a, places: places)
    }
    // A Party body inside another agency (`Đảng đoàn …`) is also named with that agency's short names.
    for a in agencies {
      let words = AgencyIndex.core(VietText.tokens(a.name), places: places)
      for prefix in AgencyIndex.partyPrefixes where words.starts(with: prefix) {
        let rest = Array(words.dropFirst(prefix.count))
        guard let host = cores[rest], host != a.code, let h = catalog.agencies[host] else { continue }
        for v in AgencyIndex.variants(of: h, places: places) where !v.words.isEmpty {
          all.append(Variant(
            words: prefix + v.words, code: a.code,
            mustBeUpper: Array(repeating: false, count: prefix.count) + v.mustBeUpper,
            needsCapital: true, listed: false))
        }
      }
    }
    // A derived form claimed by two agencies names neither; a listed one wins over derived.
    var owners: [[String]: Set<String>] = [:]
    var listedOwners: [[String]: Set<String>] = [:]
    for v in all {
      owners[v.words, default: []].insert(v.code)
      if v.listed { listedOwners[v.words, default: []].insert(v.code) }
    }
    var seen: Set<[String]> = []
    for v in all {
      let listed = listedOwners[v.words] ?? []
      if !listed.isEmpty {
        guard listed.count == 1, listed.contains(v.code), v.listed else { continue }
      } else if owners[v.words]?.count != 1 {
        continue
      }
      guard let first = v.words.first, seen.insert(v.words).inserted else { continue }
      byFirst[first, default: []].append(v)
    }
    for k in Array(byFirst.keys) {
      byFirst[k]?.sort { $0.words.count > $1.words.count }
    }
  }

  static let partyPrefixes: [[String]] = [
    ["dang", "doan"], ["ban", "can", "su", "dang"], ["dang", "uy"], ["dang", "bo"],
  ]
  /// Words that put a place after a name (`… thành phố Hải Phòng`, `… tỉnh Nam Định`) or
  /// stand for it at the end (`Sở Tư pháp thành phố`).
  static let placeSuffixes: [[String]] = [["thanh", "pho"], ["tp"], ["tinh"]]

  /// The capitalised words after `thành phố`/`tỉnh` closing any directory name.
  static func placeNames(_ agencies: [Agency]) -> [[String]] {
    var found: Set<[String]> = []
    for a in agencies {
      for n in [a.name] + a.aliases {
        let toks = IntakeLexer.lex(n).filter(\.isWord)
        for i in toks.indices where i > 0 {
          let rest = toks[i...]
          guard rest.allSatisfy(\.isCapitalised), rest.count <= 3 else { continue }
          let before = toks[..<i].map(\.key)
          if placeSuffixes.contains(where: { before.suffix($0.count).elementsEqual($0) }) {
            found.insert(rest.map(\.key))
          }
        }
      }
    }
    return found.sorted { $0.count > $1.count }
  }

  /// Phrase and its short form, both ways.
  static let shortForms: [([String], [String])] = [
    (["uy", "ban", "nhan", "dan"], ["ubnd"]), (["hoi", "dong", "nhan", "dan"], ["hdnd"]),
    (["thanh", "pho"], ["tp"]), (["van", "phong"], ["vp"]),
    (["mat", "tran", "to", "quoc"], ["mttq"]),
  ]

  /// A name without the place at its end (`thành phố Hải Phòng`, `tỉnh Nam Định`, `Hải Phòng`).
  static func core(_ words: [String], places: [[String]]) -> [String] {
    var w = words
    if let p = places.first(where: { w.count > $0.count + 1 && w.suffix($0.count).elementsEqual($0) }) {
      w.removeLast(p.count)
    }
    if let s = placeSuffixes.first(where: { w.count > $0.count + 1 && w.suffix($0.count).elementsEqual($0) }) {
      w.removeLast(s.count)
    }
    return w
  }

  static func replacing(_ words: [String], _ a: [String], _ b: [String]) -> [String]? {
    guard words.count >= a.count else { return nil }
    for i in 0...(words.count - a.count) where words[i..<(i + a.count)].elementsEqual(a) {
      return Array(words[..<i]) + b + Array(words[(i + a.count)...])
    }
    return nil
  }

  static func variants(of a: Agency, places: [[String]]) -> [Variant] {
    var out: [Variant] = []
    func add(_ words: [String], upper: [Bool]? = nil, capital: Bool, listed: Bool) {
      guard !words.isEmpty else { return }
      out.append(Variant(
        words: words, code: a.code, mustBeUpper: upper ?? Array(repeating: false, count: words.count),
        needsCapital: capital, listed: listed))
    }
    for name in [a.name] + a.aliases {
      let words = VietText.tokens(name)
      // An alias written in capitals (`SKHCN`, `Sở KH&CN`) must be written so in the notice too.
      let upper = upperMask(name, words.count)
      add(words, upper: upper, capital: false, listed: true)
      var forms: [[String]] = [words]
      for (long, short) in shortForms {
        for f in forms {
          if let r = replacing(f, long, short) { forms.append(r) }
          if let r = replacing(f, short, long) { forms.append(r) }
        }
      }
      for f in forms {
        let c = core(f, places: places)
        for w in Set([f, c]) where w != words {
          // Short derived forms (`Thanh tra`) could be ordinary words: they must look like names.
          add(w, upper: w.map { isShortFormWord($0) }, capital: w.count <= 2, listed: false)
        }
      }
    }
    if a.code.count >= 2 {
      add([VietText.fold(a.code)], upper: [true], capital: true, listed: true)
    }
    out += initialsForms(a, places: places)
    return out
  }

  static func isShortFormWord(_ w: String) -> Bool {
    shortForms.contains { $0.1 == [w] }
  }

  /// Which words of a name were written in capitals of two letters or more.
  static func upperMask(_ name: String, _ count: Int) -> [Bool] {
    let toks = IntakeLexer.lex(name).filter(\.isWord)
    guard toks.count == count else { return Array(repeating: false, count: count) }
    return toks.map { $0.isUpper && $0.key.count >= 2 }
  }

  /// `Sở Khoa học và Công nghệ` → `Sở KH&CN`, `Sở KHCN`, `SKHCN`.
  static func initialsForms(_ a: Agency, places: [[String]]) -> [Variant] {
    let words = core(VietText.tokens(a.name), places: places)
    guard words.first == "so", words.count >= 3 else { return [] }
    var groups: [String] = [""]
    for w in words.dropFirst() {
      if w == "va" {
        groups.append("")
      } else if let c = w.first {
        groups[groups.count - 1].append(c)
      }
    }
    // `Sở Lao động – Thương binh và Xã hội`: the dash splits the first group too.
    let dashed = a.name.split(whereSeparator: { "–-,".contains($0) }).count > 1
    groups = groups.filter { !$0.isEmpty }
    let joined = groups.joined()
    var forms: [([String], [Bool])] = [
      (["so", joined], [false, true]), (["s" + joined], [true]),
    ]
    if groups.count > 1 { forms.append((["so"] + groups, [false] + groups.map { _ in true })) }
    if dashed, groups.count > 1 {
      // Split the first group into syllables (`LĐ-TB&XH`): pairs of letters.
      let first = groups[0]
      if first.count == 4 {
        let parts = [String(first.prefix(2)), String(first.suffix(2))] + groups.dropFirst()
        forms.append((["so"] + parts, [false] + parts.map { _ in true }))
      }
    }
    return forms.map {
      Variant(words: $0.0, code: a.code, mustBeUpper: $0.1, needsCapital: true, listed: false)
    }
  }

  /// The longest agency name starting at word token `i`; returns the code and the last token used.
  func match(_ tokens: [IntakeToken], at i: Int) -> (code: String, end: Int)? {
    guard i < tokens.count, tokens[i].isWord, let candidates = byFirst[tokens[i].key] else { return nil }
    for v in candidates {
      if let end = matches(v, tokens, i) { return (v.code, end) }
    }
    return nil
  }

  private func matches(_ v: Variant, _ tokens: [IntakeToken], _ start: Int) -> Int? {
    if v.needsCapital && !tokens[start].isCapitalised { return nil }
    var k = start
    for (n, w) in v.words.enumerated() {
      if n > 0 {
        k += 1
        // Initials are joined by `&`, `-` or `–` (`KH&CN`, `LĐ-TB&XH`).
        while k < tokens.count, !tokens[k].isWord, AgencyIndex.joiners.contains(tokens[k].key) { k += 1 }
      }
      guard k < tokens.count, tokens[k].isWord, tokens[k].key == w else { return nil }
      if v.mustBeUpper[n] && !tokens[k].isUpper { return nil }
    }
    // A name never stops inside a word run joined by `&` (`KH` of `KH&ĐT`).
    if k + 2 < tokens.count, tokens[k + 1].key == "&", tokens[k + 1].range.lowerBound == tokens[k].range.upperBound {
      return nil
    }
    return k
  }

  static let joiners: Set<String> = ["&", "-", "\u{2013}", "\u{2014}", "/"]
}
