import Foundation
import TermCore
import Testing

/// Golden screens: `Snapshots/<name>.screen` holds `Grid.dump()` (text rows, style rows and a
/// style legend).
///
/// A missing golden is written and the test fails, saying so, so that nothing is accepted
/// without being looked at; `RECORD_SNAPSHOTS=1` rewrites every golden the same way. Otherwise
/// the dump must match exactly, and a mismatch reports the lines that differ.
func assertScreen(
  _ grid: Grid, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = folder.appendingPathComponent(name + ".screen")
  let actual = grid.dump()
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !record, let data = FileManager.default.contents(atPath: file.path) else {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: file)
      Issue.record("Recorded golden screen \(name).screen; look at it, then run the tests again", sourceLocation: sourceLocation)
    } catch {
      Issue.record("Cannot write golden screen \(file.path): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  guard expected != actual else { return }
  let diff = lineDiff(expected, actual)
  Issue.record("Screen \(name) differs from its golden (RECORD_SNAPSHOTS=1 rewrites it):\n\(diff)", sourceLocation: sourceLocation)
}

/// The lines that differ, numbered, golden first (`-`) and actual second (`+`).
func lineDiff(_ expected: String, _ actual: String) -> String {
  let a = expected.components(separatedBy: "\n")
  let b = actual.components(separatedBy: "\n")
  var out: [String] = []
  for i in 0..<max(a.count, b.count) {
    let l = i < a.count ? a[i] : nil
    let r = i < b.count ? b[i] : nil
    guard l != r else { continue }
    let n = String(format: "%3d", i + 1)
    out.append("\(n) - " + (l.map { "|\($0)|" } ?? "(none)"))
    out.append("\(n) + " + (r.map { "|\($0)|" } ?? "(none)"))
  }
  return out.joined(separator: "\n")
}
