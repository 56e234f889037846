import FollowUpCore
import Foundation

/// The seed meeting's sample data, as every test suite reads it.
public enum Sample {
  /// The sample document as the importer reads it.
  public static var document: InterchangeDocument {
    get throws { try InterchangeReader.read(json: BundledData.sampleJSON) }
  }

  /// The day the sample is most often judged on: task 1 overdue, task 4 due that day.
  public static let asOf = day("2023-11-30")

  /// A day from its ISO form; a test's own literal, so a bad one stops the test run at once.
  public static func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { preconditionFailure("not a day: \(iso)") }
    return d
  }
}

/// A fresh folder under the system temporary folder, removed after `body`.
public func withScratchFolder<T>(_ prefix: String = "followup", _ body: (URL) throws -> T) throws -> T {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer {
    // Write permission comes back first, so read-only leftovers can be removed.
    _ = chmod(dir.path, 0o755)
    if let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
      for i in items { _ = chmod(dir.appendingPathComponent(i).path, 0o644) }
    }
    try? FileManager.default.removeItem(at: dir)
  }
  return try body(dir)
}
