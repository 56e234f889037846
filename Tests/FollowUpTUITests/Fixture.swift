import FollowUpCore
import FollowUpTUI
import Foundation
import TermCore
import Testing

/// The interface on the sample (`Sample`: tasks 1…7 as an import stores them, judged on
/// `Sample.asOf`).
enum Fixture {
  static func env(_ lang: Lang = .en, theme: Theme = .colour256, writable: Bool = true) -> AppEnvironment {
    AppEnvironment(
      lang: lang, asOf: Sample.asOf, user: "P01", fileLabel: "followup.db", theme: theme, writable: writable)
  }

  /// The interface on the sample, as it opens.
  static func state(
    _ lang: Lang = .en, width: Int = 80, height: Int = 24, tasks: [FollowUpTask] = Sample.tasks,
    catalog: Catalog = Sample.catalog
  ) -> AppState {
    state(env: env(lang), size: Size(width: width, height: height), tasks: tasks, catalog: catalog)
  }

  /// The interface on some tasks with its settings, as it opens.
  static func state(
    env: AppEnvironment, size: Size, tasks: [FollowUpTask] = Sample.tasks, catalog: Catalog = Sample.catalog,
    revision: Int = 1
  ) -> AppState {
    AppState(env: env, size: size, catalog: catalog, revision: revision, source: MemorySource(tasks))
  }
}

/// The source a state reads from, to change its tasks as a store would.
func memory(_ s: AppState) -> MemorySource {
  guard let m = s.source as? MemorySource else { fatalError("the fixture reads from a MemorySource") }
  return m
}

/// Feeds actions through `Update` one after the other; returns every effect, in order.
@discardableResult
func send(_ s: inout AppState, _ actions: AppAction...) -> [AppEffect] {
  actions.flatMap { action in
    // A store reports what it has committed: the source holds it before the interface hears.
    switch action {
    case .saved(let changed, let deleted, _, _, _), .externalChange(let changed, let deleted, _, _):
      memory(s).apply(changed: changed, deleted: deleted)
    default: break
    }
    return Update.update(&s, action)
  }
}

/// Presses keys one after the other; returns every effect, in order.
@discardableResult
func press(_ s: inout AppState, _ keys: Key...) -> [AppEffect] {
  keys.flatMap { Update.update(&s, .key($0)) }
}

/// Types text one character at a time.
@discardableResult
func type(_ s: inout AppState, _ text: String) -> [AppEffect] {
  text.flatMap { Update.update(&s, .key(.char($0))) }
}

/// The search prompt as it looks after typing `text` into an empty field.
func searchPrompt(_ text: String) -> Prompt {
  var e = LineEditor()
  for c in text { e.handle(.char(c)) }
  return .search(e)
}

/// The top form on screen, if any.
func topForm(_ s: AppState) -> FormState? {
  if case .form(let f)? = s.overlays.last { return f }
  return nil
}

/// The text of the whole screen, one line per row.
func screenText(_ s: AppState) -> String {
  let g = Render.frame(s).grid
  return (0..<g.size.height).map { g.rowText($0) }.joined(separator: "\n")
}
