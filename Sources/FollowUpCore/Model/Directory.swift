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
