import Testing

@testable import FollowUpCore

@Suite("Vietnamese collation (syllable key)")
struct CollationTests {
  static func vietSorted(_ items: [String]) -> [String] {
    items.sorted(by: VietText.areInIncreasingOrder)
  }

  // Sorting must not depend on input order, so every row is sorted from several starts.
  static func orderings(_ items: [String]) -> [[String]] {
    var result = [items, Array(items.reversed())]
    for shift in 1..<max(items.count, 1) {
      result.append(Array(items[shift...] + items[..<shift]))
    }
    return result
  }

  // MARK: S1–S8 (DOMAIN §4.5, "recommended syllable-key" column)

  @Test(arguments: [
    ("S1", "bạn, ban, bán, bàn, bản, bãn", "ban, bàn, bản, bãn, bán, bạn"),
    (
      "S2", "Đào, Dũng, Duy, Diệp, Anh, Ánh, Ân, Ăn, Bình",
      "Anh, Ánh, Ăn, Ân, Bình, Diệp, Dũng, Duy, Đào"
    ),
    ("S3", "anh, ăn, ân, ang, ác, ách", "ác, ách, ang, anh, ăn, ân"),
    ("S4", "a, A, à, À", "a, A, à, À"),
    ("S5", "cá bò, cà bo, ca bó", "ca bó, cà bo, cá bò"),
    (
      "S6", "ba vạ, bà ba, ba ba, bà, ba bị, ba, bà con, bá",
      "ba, ba ba, ba bị, ba vạ, bà, bà ba, bà con, bá"
    ),
    (
      "S7", "Sở Giáo dục và Đào tạo, Sở Giao thông vận tải",
      "Sở Giao thông vận tải, Sở Giáo dục và Đào tạo"
    ),
    (
      "§6.5", "Sở Tư pháp, Sở Nội vụ, Sở Tài chính, Sở Khoa học và Công nghệ",
      "Sở Khoa học và Công nghệ, Sở Nội vụ, Sở Tài chính, Sở Tư pháp"
    ),
    ("§4.5 Đ", "Hoàng Minh Ánh, Đỗ Văn Đức", "Đỗ Văn Đức, Hoàng Minh Ánh"),
    ("digits first", "b, 2 a, a, 10, Ω, z", "10, 2 a, a, b, z, Ω"),
  ])
  func rows(_ id: String, _ input: String, _ expected: String) {
    let items = input.components(separatedBy: ", ")
    let want = expected.components(separatedBy: ", ")
    for start in Self.orderings(items) {
      #expect(Self.vietSorted(start) == want, "\(id) from \(start)")
      #expect(start.map(VietText.sortKey).sorted().map(\.original) == want, "\(id) keys")
    }
  }

  @Test("S6 differs from ICU's whole-string order")
  func s6DiffersFromICU() {
    let icu = "ba, bà, bá, ba ba, bà ba, ba bị, bà con, ba vạ".components(separatedBy: ", ")
    #expect(Self.vietSorted(icu) != icu)
  }

  @Test("S8: tone placement variants tie until the final fallback")
  func s8() {
    let items = ["Thủy", "Thuỷ", "Thuy", "Thúy", "Thùy"]
    for start in Self.orderings(items) {
      let sorted = Self.vietSorted(start)
      #expect(sorted.count == 5)
      #expect(sorted.first == "Thuy")
      #expect(sorted.dropFirst().first == "Thùy")
      #expect(Set(sorted[2...3]) == Set(["Thủy", "Thuỷ"]))
      #expect(sorted.last == "Thúy")
    }
    #expect(VietText.sortKey("Thủy").equalsIgnoringOriginal(VietText.sortKey("Thuỷ")))
    #expect(VietText.sortKey("hòa").equalsIgnoringOriginal(VietText.sortKey("hoà")))
    #expect(VietText.sortKey("Thủy") != VietText.sortKey("Thuỷ"))
    #expect(!VietText.sortKey("Thủy").equalsIgnoringOriginal(VietText.sortKey("thủy")))
  }

  @Test("S9: a naive code-point sort puts Ánh and Đào at the end")
  func s9() {
    let items = ["Đào", "Dũng", "Duy", "Zen", "Ánh", "Anh", "Bình"]
    #expect(items.sorted() == ["Anh", "Bình", "Duy", "Dũng", "Zen", "Ánh", "Đào"])
    #expect(Self.vietSorted(items) == ["Anh", "Ánh", "Bình", "Dũng", "Duy", "Đào", "Zen"])
  }

  @Test("NFC and NFD spellings give equal keys")
  func canonicalEquivalence() {
    let nfd = "Nguye\u{0302}\u{0303}n"
    #expect(VietText.sortKey(nfd) == VietText.sortKey("Nguyễn"))
    #expect(VietText.sortKey(nfd).hashValue == VietText.sortKey("Nguyễn").hashValue)
    #expect(!VietText.areInIncreasingOrder(nfd, "Nguyễn"))
    #expect(!VietText.areInIncreasingOrder("Nguyễn", nfd))
  }

  @Test("the comparator is a strict total order on a mixed sample")
  func strictOrder() {
    let items = [
      "ba", "Ba", "bà", "ba ba", "ba-ba", "hòa", "hoà", "Hòa", "đa", "Đa", "da", "10", "2",
      "Sở KH&CN", "Sở KHCN", "", " ", "ư", "ừ", "uơ", "Zen", "ña", "Ελλάδα",
    ]
    let lt = VietText.areInIncreasingOrder
    for a in items {
      #expect(!lt(a, a))
      for b in items where a != b {
        #expect(lt(a, b) != lt(b, a), "\(a) vs \(b)")
        for c in items where lt(a, b) && lt(b, c) {
          #expect(lt(a, c), "\(a) < \(b) < \(c)")
        }
      }
    }
  }

  @Test("the table-driven key equals the Foundation NFD key on every Latin scalar")
  func fastKeyAgreesWithSlowKey() throws {
    var mismatches: [String] = []
    for range in [UInt32(0x00)...0x36F, 0x1E00...0x1EFF] {
      for v in range {
        guard let u = Unicode.Scalar(v) else { continue }
        let c = String(u)
        for sample in [c, "A" + c + "b", "bà " + c + c, "ư" + c, c + "\u{0301}", "ạ" + c] {
          if VietText.sortKey(sample) != VietText.sortKeySlowly(sample) {
            mismatches.append("U+" + String(v, radix: 16) + " in \(sample)")
          }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")

    let sample = try SampleData.load()
    var texts = sample.tasks.map(\.content) + sample.agencies.map(\.name)
    texts += sample.people.map(\.fullName) + ["Nguye\u{0302}\u{0303}n", "ĐỖ THỊ LẬP", "Ðoàn"]
    for text in texts {
      #expect(VietText.sortKey(text) == VietText.sortKeySlowly(text), "\(text)")
    }
  }

  // MARK: People (DOMAIN §4.6)

  @Test("people by given name, then family, then middle; titles ignored")
  func peopleByGivenName() throws {
    let people = try SampleData.load().people
    #expect(people.count == 8)
    let expected = [
      "Lê Thị An", "Lê Văn An", "Hoàng Minh Ánh", "Trần Quốc Bình", "Vũ Thị Dung", "Đỗ Văn Đức",
      "Phạm Thị Thu Hà", "Nguyễn Thị Thuỷ",
    ]
    for start in Self.orderingsOf(people) {
      let sorted = start.sorted(by: VietText.peopleInGivenNameOrder)
      #expect(sorted.map(\.fullName) == expected)
      #expect(sorted.first?.title == "TS.")
    }
  }

  @Test("people by full name, family name first")
  func peopleByFullName() throws {
    let people = try SampleData.load().people
    let expected = [
      "Đỗ Văn Đức", "Hoàng Minh Ánh", "Lê Thị An", "Lê Văn An", "Nguyễn Thị Thuỷ",
      "Phạm Thị Thu Hà", "Trần Quốc Bình", "Vũ Thị Dung",
    ]
    for start in Self.orderingsOf(people) {
      #expect(start.sorted(by: VietText.peopleInFullNameOrder).map(\.fullName) == expected)
    }
    // The naive order this replaces puts Đỗ last.
    #expect(people.map(\.fullName).sorted().last == "Đỗ Văn Đức")
  }

  @Test("identical names fall back to the reference")
  func peopleTieBreak() {
    let a = Person(ref: "P10", family: "Lê", middle: "Văn", given: "An")
    let b = Person(ref: "P09", family: "Lê", middle: "Văn", given: "An", title: "ThS.")
    #expect(VietText.peopleInGivenNameOrder(b, a))
    #expect(!VietText.peopleInGivenNameOrder(a, b))
    #expect(VietText.peopleInFullNameOrder(b, a))
  }

  static func orderingsOf(_ people: [Person]) -> [[Person]] {
    var result = [people, Array(people.reversed())]
    for shift in 1..<people.count { result.append(Array(people[shift...] + people[..<shift])) }
    return result
  }
}
