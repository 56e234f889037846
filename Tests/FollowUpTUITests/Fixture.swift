import FollowUpCore
import FollowUpTUI
import Foundation
import TermCore
import Testing

/// The sample data set as the interface sees it right after `followup import` into an empty
/// file: tasks 1…7 in file order, version 1, assigned on the meeting's day.
enum Fixture {
  static let doc: InterchangeDocument = {
    do {
      return try InterchangeReader.read(json: BundledData.sampleJSON)
    } catch {
      fatalError("sample.json does not load: \(error)")
    }
  }()

  /// The day the demo pretends it is.
  static let asOf = day(2023, 11, 30)

  static var catalog: Catalog { doc.catalog }

  /// Tasks with ids 1…7 in file order, as an import into an empty file numbers them.
  static var tasks: [FollowUpTask] {
    doc.tasks.enumerated().map { i, t in
      var t = t
      t.id = i + 1
      t.version = 1
      if t.assignedOn == nil, let m = t.meeting { t.assignedOn = doc.catalog.meetings[m]?.date }
      return t
    }
  }

  static func task(_ id: Int) -> FollowUpTask {
    guard let t = tasks.first(where: { $0.id == id }) else { fatalError("no task \(id)") }
    return t
  }

  static func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
    guard let day = Day(year: y, month: m, day: d) else { fatalError("bad day \(y)-\(m)-\(d)") }
    return day
  }

  static func env(_ lang: Lang = .en, theme: Theme = .colour256, writable: Bool = true) -> AppEnvironment {
    AppEnvironment(
      lang: lang, asOf: asOf, user: "P01", fileLabel: "followup.db", theme: theme, writable: writable)
  }

  static func dataset(_ tasks: [FollowUpTask] = Fixture.tasks, catalog: Catalog = Fixture.catalog, revision: Int = 1)
    -> Dataset
  {
    Dataset(catalog: catalog, tasks: tasks, revision: revision, asOf: asOf, rules: .standard)
  }

  /// The interface on the sample, as it opens.
  static func state(
    _ lang: Lang = .en, width: Int = 80, height: Int = 24, tasks: [FollowUpTask] = Fixture.tasks,
    catalog: Catalog = Fixture.catalog
  ) -> AppState {
    AppState(env: env(lang), size: Size(width: width, height: height), data: dataset(tasks, catalog: catalog))
  }
}

/// Feeds actions through `Update` one after the other; returns every effect, in order.
@discardableResult
func send(_ s: inout AppState, _ actions: AppAction...) -> [AppEffect] {
  actions.flatMap { Update.update(&s, $0) }
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

/// Compares two whole states; on a mismatch, names the parts that differ instead of printing
/// both values (each is several screens long).
func expectState(
  _ actual: AppState, _ expected: AppState, _ comment: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual != expected else { return }
  var parts: [String] = []
  func check<T: Equatable>(_ name: String, _ a: T, _ b: T, show: Bool = true) {
    if a != b { parts.append(show ? "\(name): \(a)  ≠ expected \(b)" : name) }
  }
  check("env", actual.env, expected.env, show: false)
  check("size", actual.size, expected.size)
  check("data.catalog", actual.data.catalog, expected.data.catalog, show: false)
  check("data.tasks", actual.data.tasks, expected.data.tasks, show: false)
  check("data.index", actual.data.index, expected.data.index, show: false)
  check("data (timeliness included)", actual.data, expected.data, show: false)
  check("data.revision", actual.data.revision, expected.data.revision)
  check("view", actual.view, expected.view)
  check("list.filterText", actual.list.filterText, expected.list.filterText)
  check("list.filter", actual.list.filter, expected.list.filter)
  check("list.searchText", actual.list.searchText, expected.list.searchText)
  check("list.quick", actual.list.quick, expected.list.quick)
  check("list.sort", actual.list.sort, expected.list.sort)
  check("list.sorted", actual.list.sorted, expected.list.sorted)
  check("list.visible", actual.list.visible, expected.list.visible)
  check("list.scroll", actual.list.scroll, expected.list.scroll)
  check("list.marked", actual.list.marked.sorted(), expected.list.marked.sorted())
  check("list.consumeMarks", actual.list.consumeMarks, expected.list.consumeMarks)
  check("list.scope", actual.list.scope, expected.list.scope)
  check("drillOrigin", actual.drillOrigin, expected.drillOrigin)
  check("meetings", actual.meetings, expected.meetings)
  check("agencies", actual.agencies, expected.agencies)
  check("overlays", actual.overlays, expected.overlays)
  check("prompt", actual.prompt, expected.prompt)
  check("status", actual.status, expected.status)
  check("quitting", actual.quitting, expected.quitting)
  let text = parts.joined(separator: "\n  ")
  Issue.record("States differ \(comment)\n  \(text)", sourceLocation: sourceLocation)
}
