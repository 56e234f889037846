import FollowUpCore
import Foundation

/// The seed meeting's sample data, as every test suite reads it.
public enum Sample {
  /// The sample document as the importer reads it.
  public static var document: InterchangeDocument {
    get throws { try InterchangeReader.read(json: BundledData.sampleJSON) }
  }

  /// The sample document, read once; the bundled file is part of the build, so a sample that
  /// does not load stops the test run at once.
  public static let doc: InterchangeDocument = {
    do {
      return try document
    } catch {
      preconditionFailure("sample.json does not load: \(error)")
    }
  }()

  /// The sample's agencies, people and meetings.
  public static var catalog: Catalog { doc.catalog }

  /// The tasks as an import into an empty file stores them: ids 1…7 in file order (T1…T7),
  /// version 1, assigned on their meeting's day when the file gives no day.
  public static var tasks: [FollowUpTask] {
    doc.tasks.enumerated().map { i, t in
      var t = t
      t.id = i + 1
      t.version = 1
      if t.assignedOn == nil, let m = t.meeting { t.assignedOn = doc.catalog.meetings[m]?.date }
      return t
    }
  }

  /// The stored task with this reference (`T1`…`T7`).
  public static func task(_ ref: String) -> FollowUpTask {
    guard let t = tasks.first(where: { $0.ref == ref }) else { preconditionFailure("no task \(ref) in the sample") }
    return t
  }

  /// The stored task with this id (1…7).
  public static func task(_ id: Int) -> FollowUpTask {
    guard let t = tasks.first(where: { $0.id == id }) else { preconditionFailure("no task \(id) in the sample") }
    return t
  }

  /// The day the sample is most often judged on: task 1 overdue, task 4 due that day.
  public static let asOf = day("2023-11-30")

  /// A day from its ISO form; a test's own literal, so a bad one stops the test run at once.
  public static func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { preconditionFailure("not a day: \(iso)") }
    return d
  }

  /// A day from its year, month and day; a test's own literal, like `day(_:)`.
  public static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
    guard let d = Day(year: year, month: month, day: day) else { preconditionFailure("not a day: \(year)-\(month)-\(day)") }
    return d
  }
}

/// A task with its version left out: what the interchange format carries, and what stays the
/// same across an undo.
public func contents(_ t: FollowUpTask) -> FollowUpTask {
  var t = t
  t.version = 0
  return t
}
