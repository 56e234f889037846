import FollowUpApp
import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore
import Testing

extension Sample {
  /// The runtime's environment on the sample day, as user P01.
  static func env(_ lang: Lang = .en, writable: Bool = true) -> AppEnvironment {
    AppEnvironment(lang: lang, asOf: asOf, user: "P01", fileLabel: "data.db", writable: writable)
  }
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

/// The keys that type a text.
func keys(_ text: String) -> [TerminalEvent] { text.map { .key(.char($0)) } }
