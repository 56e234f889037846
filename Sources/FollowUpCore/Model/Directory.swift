/// An agency (cơ quan, đơn vị) that leads or coordinates tasks.
public struct Agency: Hashable, Sendable, Codable {
  /// Stable ASCII code, e.g. `SKHCN`.
  public var code: String
  /// Full name, e.g. `Sở Khoa học và Công nghệ`.
  public var name: String
  /// Other names people use, e.g. `Sở KH&CN`; all searchable.
  public var aliases: [String]
  /// The bloc, which orders official lists.
  public var bloc: Bloc
  /// Protocol order within official lists (smaller first).
  public var order: Int
  /// The agency whose row absorbs this one when reports are rolled up.
  public var rollupTo: String?
  /// First day the agency existed in this form.
  public var validFrom: Day?
  /// Last day the agency existed in this form (e.g. before a 2025 merger).
  public var validTo: Day?
  /// The agency that took over its work.
  public var successor: String?

  /// Creates an agency.
  public init(
    code: String, name: String, aliases: [String] = [], bloc: Bloc = .other, order: Int = 1000,
    rollupTo: String? = nil, validFrom: Day? = nil, validTo: Day? = nil, successor: String? = nil
  ) {
    self.code = code
    self.name = name
    self.aliases = aliases
    self.bloc = bloc
    self.order = order
    self.rollupTo = rollupTo
    self.validFrom = validFrom
    self.validTo = validTo
    self.successor = successor
  }

  /// The shortest familiar name: the first alias that is not the code, else the code.
  public var shortName: String {
    aliases.first(where: { $0 != code && !$0.isEmpty }) ?? code
  }
}

/// A person (cán bộ): name parts kept apart because Vietnamese lists sort by given name.
public struct Person: Hashable, Sendable, Codable {
  /// Stable reference, e.g. `P01`.
  public var ref: String
  /// Họ.
  public var family: String
  /// Tên đệm (may be empty or several words).
  public var middle: String
  /// Tên (may be several words, e.g. `Bình Minh`).
  public var given: String
  /// Học hàm, học vị, e.g. `TS.`; never part of sorting.
  public var title: String
  /// Chức vụ.
  public var position: String
  /// Agency code.
  public var agency: String?

  /// Creates a person.
  public init(
    ref: String, family: String, middle: String = "", given: String, title: String = "",
    position: String = "", agency: String? = nil
  ) {
    self.ref = ref
    self.family = family
    self.middle = middle
    self.given = given
    self.title = title
    self.position = position
    self.agency = agency
  }

  /// Họ + đệm + tên, without title.
  public var fullName: String {
    [family, middle, given].filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// The name as written in lists, with the title first (`TS. Lê Thị An`).
  public var displayName: String { title.isEmpty ? fullName : title + " " + fullName }

  /// Academic, professional and address titles written before a name, folded, without
  /// dots: `TS.`, `ThS.`, `PGS.TS.`, `GS.TSKH.`, `BS.`, `KS.`, `Đ/c`, `đồng chí`.
  static let titleWords: Set<String> = [
    "gs", "pgs", "ts", "ths", "tskh", "bs", "bsck", "bscki", "bsckii", "ks", "cn", "ls", "ds", "ncs", "kts", "nsnd",
    "nsut", "d/c",
  ]

  /// Splits a name as typed into its title and the name proper: `PGS.TS. Lê Thị An` gives
  /// (`PGS.TS.`, `Lê Thị An`). A word counts as a title when every dotted piece of it is a
  /// known title (`PGS.TS.`, `Đ/c`) and a name of two words at least follows; `đồng chí`
  /// counts too.
  public static func splitTitle(_ typed: String) -> (title: String, name: String) {
    var words = VietText.clean(typed).split(separator: " ").map(String.init)
    var title: [String] = []
    func isTitle(_ w: String) -> Bool {
      let key = VietText.fold(w)
      let pieces = key.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
      return !pieces.isEmpty && pieces.allSatisfy { titleWords.contains($0) }
    }
    while words.count > 2 {
      if isTitle(words[0]) {
        title.append(words.removeFirst())
      } else if VietText.fold(words[0]) == "dong", VietText.fold(words[1]) == "chi", words.count > 3 {
        title.append(words.removeFirst() + " " + words.removeFirst())
      } else {
        break
      }
    }
    return (title.joined(separator: " "), words.joined(separator: " "))
  }

  /// Reads a full name as typed, family name first: the title (if any) is set apart, the
  /// first word is the family name, the last the given name unless `given` names the last
  /// words (`Bình Minh` in `Phạm Bình Minh`), the rest is the middle name.
  public static func parseName(_ typed: String, given: String? = nil) throws -> (title: String, family: String, middle: String, given: String) {
    let (title, name) = splitTitle(typed)
    let words = name.split(separator: " ").map(String.init)
    let givenWords = given.map { VietText.clean($0).split(separator: " ").map(String.init) } ?? []
    let n = max(givenWords.count, 1)
    guard words.count > n else {
      throw UserError(
        .inputName, vi: "Cần họ và tên, họ trước (ví dụ Nguyễn Thị Thuỷ)",
        en: "Give the full name, family name first (e.g. Nguyễn Thị Thuỷ)")
    }
    if !givenWords.isEmpty {
      guard words.suffix(n).map(VietText.fold) == givenWords.map(VietText.fold) else {
        let g = givenWords.joined(separator: " ")
        throw UserError(
          .inputName, vi: "Tên '\(g)' không phải phần cuối của họ tên '\(name)'; ghi tên đúng như trong họ tên",
          en: "The given name '\(g)' is not the end of the full name '\(name)'; write it as it appears there")
      }
    }
    return (
      title, words[0], words.dropFirst().dropLast(n).joined(separator: " "),
      words.suffix(n).joined(separator: " ")
    )
  }
}

/// A meeting or working session whose conclusions assign tasks.
public struct Meeting: Hashable, Sendable, Codable {
  /// Stable reference, e.g. `M2023-0526`.
  public var ref: String
  /// The day it was held.
  public var date: Day
  /// What it was about.
  public var title: String
  /// Who chaired it (name and position as written).
  public var chair: String
  /// The chairing agency's code.
  public var host: String?
  /// The agency worked with.
  public var counterpart: String?
  /// The conclusion notice number (thông báo kết luận), when issued.
  public var notice: String
  /// Where the record comes from (e.g. a news article).
  public var source: String

  /// Creates a meeting.
  public init(
    ref: String, date: Day, title: String, chair: String = "", host: String? = nil,
    counterpart: String? = nil, notice: String = "", source: String = ""
  ) {
    self.ref = ref
    self.date = date
    self.title = title
    self.chair = chair
    self.host = host
    self.counterpart = counterpart
    self.notice = notice
    self.source = source
  }
}
