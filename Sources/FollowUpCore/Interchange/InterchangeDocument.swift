import Foundation

/// A whole data set in the interchange format `followup/1`: directory and tasks.
public struct InterchangeDocument: Hashable, Sendable {
  /// The format tag every file must carry.
  public static let formatTag = "followup/1"

  /// Agencies, in file order.
  public var agencies: [Agency]
  /// People, in file order.
  public var people: [Person]
  /// Meetings, in file order.
  public var meetings: [Meeting]
  /// Tasks, in file order; `id` is 0 when the file gave none.
  public var tasks: [FollowUpTask]

  /// Creates a document.
  public init(
    agencies: [Agency] = [], people: [Person] = [], meetings: [Meeting] = [],
    tasks: [FollowUpTask] = []
  ) {
    self.agencies = agencies
    self.people = people
    self.meetings = meetings
    self.tasks = tasks
  }

  /// The catalog the document defines on its own.
  public var catalog: Catalog { Catalog(agencies: agencies, people: people, meetings: meetings) }

  /// Checks that every reference resolves against this document plus what the file
  /// already holds, and that codes and refs are not given twice.
  public func validateReferences(against existing: Catalog) throws {
    var catalog = existing
    for a in agencies { catalog.upsert(a) }
    for p in people { catalog.upsert(p) }
    for m in meetings { catalog.upsert(m) }
    try Self.checkDuplicates(agencies.map(\.code), what: "agencies", key: "code")
    try Self.checkDuplicates(people.map(\.ref), what: "people", key: "ref")
    try Self.checkDuplicates(meetings.map(\.ref), what: "meetings", key: "ref")
    for (i, a) in agencies.enumerated() {
      for (field, code) in [("rollupTo", a.rollupTo), ("successor", a.successor)] {
        if let code, catalog.agencies[code] == nil {
          throw Self.unknown("agencies", i, a.code, field, code, kind: .agency)
        }
      }
    }
    for (i, p) in people.enumerated() {
      if let code = p.agency, catalog.agencies[code] == nil {
        throw Self.unknown("people", i, p.ref, "agency", code, kind: .agency)
      }
    }
    for (i, m) in meetings.enumerated() {
      for (field, code) in [("host", m.host), ("counterpart", m.counterpart)] {
        if let code, catalog.agencies[code] == nil {
          throw Self.unknown("meetings", i, m.ref, field, code, kind: .agency)
        }
      }
    }
    var check = TaskReferenceCheck(catalog: catalog)
    for (i, t) in tasks.enumerated() { try check.check(t, at: i) }
  }

  /// Checks tasks one at a time, as a streamed import reads them: every reference resolves
  /// against the catalog, and no ref or id is given twice.
  public struct TaskReferenceCheck {
    let catalog: Catalog
    var refs: [String: Int] = [:]
    var ids: [Int: Int] = [:]

    /// Checks against this catalog (the store's, with the document's header).
    public init(catalog: Catalog) { self.catalog = catalog }

    /// Checks task `i` of the file, as the file gives it.
    public mutating func check(_ t: FollowUpTask, at i: Int) throws {
      if let ref = t.ref {
        if let first = refs[ref] { throw InterchangeDocument.duplicate(ref, at: i, first: first, what: "tasks", key: "ref") }
        refs[ref] = i
      }
      if t.id > 0 {
        if let first = ids[t.id] {
          throw InterchangeDocument.duplicate(String(t.id), at: i, first: first, what: "tasks", key: "id")
        }
        ids[t.id] = i
      }
      let label = t.ref ?? (t.id > 0 ? String(t.id) : nil)
      if catalog.agencies[t.lead] == nil {
        throw InterchangeDocument.unknown("tasks", i, label, "lead", t.lead, kind: .agency)
      }
      for code in t.coordinating where catalog.agencies[code] == nil {
        throw InterchangeDocument.unknown("tasks", i, label, "coordinating", code, kind: .agency)
      }
      for (k, r) in t.reassignments.enumerated() {
        for (field, code) in [("from", r.from), ("to", r.to)] where catalog.agencies[code] == nil {
          throw InterchangeDocument.unknown("tasks", i, label, "reassignments[\(k)].\(field)", code, kind: .agency)
        }
      }
      for (field, ref) in [("owner", t.owner), ("tracker", t.tracker)] {
        if let ref, catalog.people[ref] == nil {
          throw InterchangeDocument.unknown("tasks", i, label, field, ref, kind: .person)
        }
      }
      if let m = t.meeting, catalog.meetings[m] == nil {
        throw InterchangeDocument.unknown("tasks", i, label, "meeting", m, kind: .meeting)
      }
    }
  }

  enum RefKind { case agency, person, meeting }

  static func unknown(
    _ list: String, _ index: Int, _ label: String?, _ field: String, _ value: String, kind: RefKind
  ) -> UserError {
    let whereEn = InterchangeReader.place(list, index, label, field)
    let (vi, en): (String, String) = {
      switch kind {
      case .agency:
        return ("không có cơ quan mã '\(value)'", "there is no agency with code '\(value)'")
      case .person:
        return ("không có cán bộ mã '\(value)'", "there is no person with ref '\(value)'")
      case .meeting:
        return ("không có cuộc họp mã '\(value)'", "there is no meeting with ref '\(value)'")
      }
    }()
    return UserError(
      .importReference, vi: "\(whereEn): \(vi); thêm nó vào tệp hoặc sửa mã",
      en: "\(whereEn): \(en); add it to the file or correct the reference")
  }

  static func checkDuplicates(_ keys: [String], what: String, key: String) throws {
    var seen: [String: Int] = [:]
    for (i, k) in keys.enumerated() {
      if let first = seen[k] { throw duplicate(k, at: i, first: first, what: what, key: key) }
      seen[k] = i
    }
  }

  static func duplicate(_ k: String, at i: Int, first: Int, what: String, key: String) -> UserError {
    UserError(
      .importDuplicate,
      vi: "\(what)[\(i)]: \(key) '\(k)' đã có ở \(what)[\(first)]; mỗi \(key) chỉ được dùng một lần",
      en: "\(what)[\(i)]: \(key) '\(k)' already appears at \(what)[\(first)]; each \(key) must be unique")
  }
}
