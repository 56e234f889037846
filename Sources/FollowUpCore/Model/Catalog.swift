/// The directory a data set refers to: agencies, people and meetings, with lookups by
/// code, alias or name the way people type them.
public struct Catalog: Hashable, Sendable {
  /// Agencies by code.
  public private(set) var agencies: [String: Agency] = [:]
  /// People by ref.
  public private(set) var people: [String: Person] = [:]
  /// Meetings by ref.
  public private(set) var meetings: [String: Meeting] = [:]

  /// Creates a catalog.
  public init(agencies: [Agency] = [], people: [Person] = [], meetings: [Meeting] = []) {
    for a in agencies { self.agencies[a.code] = a }
    for p in people { self.people[p.ref] = p }
    for m in meetings { self.meetings[m.ref] = m }
  }

  /// Adds or replaces an agency.
  public mutating func upsert(_ a: Agency) { agencies[a.code] = a }
  /// Adds or replaces a person.
  public mutating func upsert(_ p: Person) { people[p.ref] = p }
  /// Adds or replaces a meeting.
  public mutating func upsert(_ m: Meeting) { meetings[m.ref] = m }

  /// Agencies in protocol order.
  public var agenciesInOrder: [Agency] {
    agencies.values.sorted { Catalog.protocolOrder($0, $1) }
  }

  /// Meetings, newest first.
  public var meetingsNewestFirst: [Meeting] {
    meetings.values.sorted { ($0.date, $1.ref) > ($1.date, $0.ref) }
  }

  /// People in Vietnamese given-name order.
  public var peopleInOrder: [Person] {
    people.values.sorted(by: VietText.peopleInGivenNameOrder)
  }

  /// Protocol order: the `order` field, then the code.
  public static func protocolOrder(_ a: Agency, _ b: Agency) -> Bool {
    (a.order, a.code) < (b.order, b.code)
  }

  /// The short label for an agency code: its first alias, or the code when unknown.
  public func agencyLabel(_ code: String) -> String {
    agencies[code]?.shortName ?? code
  }

  /// The display name of a person ref, or the ref itself when unknown.
  public func personName(_ ref: String?) -> String {
    guard let ref else { return "" }
    return people[ref]?.fullName ?? ref
  }

  /// Every searchable name of an agency: name, aliases and code.
  public func agencyNames(_ code: String) -> [String] {
    guard let a = agencies[code] else { return [code] }
    return [a.name] + a.aliases + [a.code]
  }

  /// Finds the agency a person typed: code (any case), then an exact folded name or alias,
  /// then a unique phrase match on names and aliases.
  public func resolveAgency(_ typed: String) throws -> Agency {
    let text = VietText.clean(typed)
    // An empty phrase matches every name; say what is missing instead of listing five.
    guard !VietText.tokens(text).isEmpty else {
      throw UserError(
        .refAgencyEmpty, vi: "Chưa ghi cơ quan; ghi mã cơ quan, ví dụ LHH (xem 'followup agencies')",
        en: "No agency was given; give an agency code such as LHH (see 'followup agencies')")
    }
    if let a = agencies[text] ?? agencies.values.first(where: {
      $0.code.caseInsensitiveCompare(text) == .orderedSame
    }) {
      return a
    }
    let key = VietText.fold(text)
    let exact = agencies.values.filter { a in
      ([a.name] + a.aliases).contains { VietText.fold($0) == key }
    }
    if exact.count == 1, let a = exact.first { return a }
    let phrase = VietText.tokens(text)
    let candidates = (exact.isEmpty ? Array(agencies.values) : exact).filter { a in
      ([a.name] + a.aliases).contains { VietText.matchesPhrase(VietText.tokens($0), phrase) }
    }
    if candidates.count == 1, let a = candidates.first { return a }
    if candidates.isEmpty {
      throw UserError(
        .refAgency,
        vi: "Không có cơ quan nào là '\(text)'; xem danh sách bằng 'followup agencies'",
        en: "No agency is called '\(text)'; see the list with 'followup agencies'")
    }
    let names = candidates.sorted(by: Catalog.protocolOrder).prefix(5)
      .map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
    throw UserError(
      .refAgencyAmbiguous,
      vi: "'\(text)' có thể là nhiều cơ quan: \(names); hãy ghi mã cơ quan",
      en: "'\(text)' could be several agencies: \(names); give the agency code")
  }

  /// Finds the person a person typed: ref, then exact folded full name, then a unique
  /// phrase match on the full name (e.g. `thuy`).
  public func resolvePerson(_ typed: String) throws -> Person {
    // `TS. Lê Thị An` names Lê Thị An: titles are not part of the name.
    let text = Person.splitTitle(VietText.clean(typed)).name
    guard !VietText.tokens(text).isEmpty else {
      throw UserError(
        .refPersonEmpty, vi: "Chưa ghi người; ghi mã hoặc tên người (xem 'followup people')",
        en: "No person was given; give a person's ref or name (see 'followup people')")
    }
    if let p = people[text] ?? people.values.first(where: {
      $0.ref.caseInsensitiveCompare(text) == .orderedSame
    }) {
      return p
    }
    let key = VietText.fold(text)
    let exact = people.values.filter { VietText.fold($0.fullName) == key }
    if exact.count == 1, let p = exact.first { return p }
    let phrase = VietText.tokens(text)
    let candidates = (exact.isEmpty ? Array(people.values) : exact).filter {
      VietText.matchesPhrase(VietText.tokens($0.fullName), phrase)
    }
    if candidates.count == 1, let p = candidates.first { return p }
    if candidates.isEmpty {
      throw UserError(
        .refPerson,
        vi: "Không có cán bộ nào là '\(text)'; xem danh sách bằng 'followup people'",
        en: "No person is called '\(text)'; see the list with 'followup people'")
    }
    let names = candidates.sorted(by: VietText.peopleInGivenNameOrder).prefix(5)
      .map { "\($0.ref) (\($0.fullName))" }.joined(separator: ", ")
    throw UserError(
      .refPersonAmbiguous,
      vi: "'\(text)' có thể là nhiều người: \(names); hãy ghi mã cán bộ",
      en: "'\(text)' could be several people: \(names); give the person's ref")
  }

  /// Finds a meeting by ref (any case), or by a unique phrase in its title.
  public func resolveMeeting(_ typed: String) throws -> Meeting {
    let text = VietText.clean(typed)
    if let m = meetings[text] ?? meetings.values.first(where: {
      $0.ref.caseInsensitiveCompare(text) == .orderedSame
    }) {
      return m
    }
    let phrase = VietText.tokens(text)
    let candidates = meetings.values.filter {
      VietText.matchesPhrase(VietText.tokens($0.title), phrase)
    }
    if candidates.count == 1, let m = candidates.first { return m }
    if candidates.isEmpty {
      throw UserError(
        .refMeeting,
        vi: "Không có cuộc họp nào là '\(text)'; xem danh sách bằng 'followup meetings'",
        en: "No meeting is called '\(text)'; see the list with 'followup meetings'")
    }
    let refs = candidates.map(\.ref).sorted().prefix(5).joined(separator: ", ")
    throw UserError(
      .refMeetingAmbiguous,
      vi: "'\(text)' có thể là nhiều cuộc họp: \(refs); hãy ghi mã cuộc họp",
      en: "'\(text)' could be several meetings: \(refs); give the meeting ref")
  }

  /// The day a task was assigned: its own, else its meeting's.
  public func assignedOn(_ task: FollowUpTask) -> Day? {
    task.assignedOn ?? task.meeting.flatMap { meetings[$0]?.date }
  }

  /// Whether a task existed on a day: assigned by then (a task with no known assignment day
  /// always exists). Every read for an as-of day sees only these.
  public func exists(_ task: FollowUpTask, asOf: Day) -> Bool {
    guard let a = assignedOn(task) else { return true }
    return a <= asOf
  }
}
