import FollowUpCore
import Foundation

/// The sample data set, read through the real importer.
enum Sample {
  static let doc: InterchangeDocument = {
    do {
      return try InterchangeReader.read(json: BundledData.sampleJSON)
    } catch {
      fatalError("sample.json does not load: \(error)")
    }
  }()

  static var catalog: Catalog { doc.catalog }

  /// Tasks with ids 1…7 in file order (T1…T7), as an import into an empty file gives them.
  static var tasks: [FollowUpTask] {
    doc.tasks.enumerated().map { i, t in
      var t = t
      t.id = i + 1
      if t.assignedOn == nil, let m = t.meeting { t.assignedOn = doc.catalog.meetings[m]?.date }
      return t
    }
  }

  static func task(_ ref: String) -> FollowUpTask {
    guard let t = tasks.first(where: { $0.ref == ref }) else { fatalError("no \(ref)") }
    return t
  }

  static func day(_ s: String) -> Day {
    guard let d = Day(iso: s) else { fatalError("bad day \(s)") }
    return d
  }
}
