import FollowUpApp
import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

enum Sample {
  static var doc: InterchangeDocument {
    get throws { try InterchangeReader.read(json: BundledData.sampleJSON) }
  }

  static let asOf = Day(year: 2023, month: 11, day: 30) ?? Day(ordinal: 0)

  static func env(_ lang: Lang = .en, writable: Bool = true) -> AppEnvironment {
    AppEnvironment(lang: lang, asOf: asOf, user: "P01", fileLabel: "data.db", writable: writable)
  }
}

/// A fresh folder under the system temporary folder, removed after `body`.
func withTempDir<T>(_ body: (URL) throws -> T) throws -> T {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followup-app-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer {
    _ = chmod(dir.path, 0o755)
    if let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
      for i in items { _ = chmod(dir.appendingPathComponent(i).path, 0o644) }
    }
    try? FileManager.default.removeItem(at: dir)
  }
  return try body(dir)
}

/// A store on a new file in `dir`, with the sample imported (tasks 1…7).
func sampleStore(_ dir: URL, user: String = "thuy") throws -> SQLiteStore {
  let store = try SQLiteStore(path: dir.appendingPathComponent("data.db").path, user: user)
  _ = try store.importDocument(try Sample.doc)
  return store
}

/// A runtime on a headless 80×24 terminal.
func headless(_ store: SQLiteStore, _ lang: Lang = .en, size: Size = Size(width: 80, height: 24), events: [TerminalEvent] = [])
  throws -> (Runtime, HeadlessBackend)
{
  let backend = HeadlessBackend(size: size, events: events, hangupAfterIdleTimeouts: 3)
  let runtime = try Runtime(store: store, backend: backend, env: Sample.env(lang, writable: store.isWritable))
  return (runtime, backend)
}

extension Runtime {
  func press(_ keys: Key...) {
    for k in keys { dispatch(.key(k)) }
  }

  func type(_ text: String) {
    for c in text { dispatch(.key(.char(c))) }
  }

  /// The screen as drawn now.
  var screen: Grid { Render.frame(state).grid }
}

/// Every row of a grid as text.
func lines(_ g: Grid) -> [String] { (0..<g.size.height).map { g.rowText($0) } }

/// A task with its version left out, to compare contents across undo.
func contents(_ t: FollowUpTask) -> FollowUpTask {
  var t = t
  t.version = 0
  return t
}

/// The keys that type a text.
func keys(_ text: String) -> [TerminalEvent] { text.map { .key(.char($0)) } }
