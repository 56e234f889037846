import FollowUpCore
import Foundation

// Shared by the libFuzzer harnesses (`Tests/Fuzz/Harness.swift`, built by `.ci/fuzz`) and by
// `CorpusReplayTests`, which feeds every kept input back through the same checks in
// `swift test`. Plain Swift only (no Testing), so both builds compile it unchanged.

/// What a fuzz target feeds its input to.
enum FuzzTarget: String, CaseIterable, Sendable {
  /// `DateParser.parseDay` and `Deadline.parse`.
  case date
  /// `TaskFilter.parse`, then the parsed filter run over the sample's tasks.
  case filter
  /// `InterchangeReader.read(json:)` (the JSON importer).
  case json
  /// `CSV.parse` + `CSVTasks.read` (the CSV importer).
  case csv
}

/// The checks: any input may be refused, but only with a `UserError` that has a sentence in
/// both languages; nothing may crash; and what is accepted must read back the same.
enum FuzzChecks {
  /// The sample data set, the directory the filter and CSV targets resolve names against.
  static let sample: InterchangeDocument = {
    do { return try InterchangeReader.read(json: BundledData.sampleJSON) } catch {
      fatalError("the bundled sample does not read: \(error)")
    }
  }()

  static let context = FilterContext(
    catalog: sample.catalog, asOf: Day(year: 2023, month: 11, day: 30) ?? Day(ordinal: 0), me: "P06")

  /// Runs one input through a target; nil when every check held, else what broke.
  static func run(_ target: FuzzTarget, _ data: Data) -> String? {
    switch target {
    case .date: return date(String(decoding: data, as: UTF8.self))
    case .filter: return filter(data)
    case .json: return json(data)
    case .csv: return csv(data)
    }
  }

  /// nil for a refusal with two non-empty sentences; a description for anything else.
  static func refusal(_ error: any Error, _ what: String) -> String? {
    guard let e = error as? UserError else { return "\(what) threw a non-UserError: \(error)" }
    if e.vi.isEmpty || e.en.isEmpty { return "\(what) refused without a sentence: \(e)" }
    return nil
  }

  // MARK: Targets

  static func date(_ text: String) -> String? {
    for year in [nil, 2023] as [Int?] {
      do {
        let parsed = try DateParser.parseDay(text, referenceYear: year)
        // A day read is a real day, and printing it back reads as the same day.
        for shown in [parsed.day.formatted, parsed.day.iso] {
          guard let again = try? DateParser.parseDay(shown).day, again == parsed.day else {
            return "day \(debug(text)) → \(parsed.day.iso) does not read back from '\(shown)'"
          }
        }
      } catch {
        if let f = refusal(error, "parseDay(\(debug(text)))") { return f }
      }
      do {
        let parsed = try Deadline.parse(text, referenceYear: year)
        let d = parsed.deadline
        if let day = d.date, Day(year: day.year, month: day.month, day: day.dayOfMonth) != day {
          return "deadline \(debug(text)) has an impossible day"
        }
        // The text kept is what a later read (an export, an edit) parses again.
        guard let again = try? Deadline.parse(d.text, referenceYear: year).deadline, again == d else {
          return "deadline \(debug(text)) → \(d) does not read back from its text \(debug(d.text))"
        }
      } catch {
        if let f = refusal(error, "Deadline.parse(\(debug(text)))") { return f }
      }
    }
    return nil
  }

  static func filter(_ data: Data) -> String? {
    // The first byte picks live (as-you-type) or whole parsing.
    let incremental = (data.first ?? 0) & 1 == 1
    let text = String(decoding: data.dropFirst(), as: UTF8.self)
    let parsed: TaskFilter
    do {
      parsed = try TaskFilter.parse(text, context: context, incremental: incremental)
    } catch {
      return refusal(error, "filter \(debug(text))")
    }
    // Whatever parses can be run.
    for task in sample.tasks {
      _ = parsed.matches(task, context: context) { SearchText.tokens(for: task, catalog: sample.catalog) }
    }
    return nil
  }

  static func json(_ data: Data) -> String? {
    let doc: InterchangeDocument
    do {
      doc = try InterchangeReader.read(json: data)
    } catch {
      return refusal(error, "JSON import")
    }
    // What was accepted exports and imports again unchanged (export → import is lossless),
    // once tasks without a number have one, as the store gives them.
    var stored = doc
    var next = (doc.tasks.map(\.id).max() ?? 0) + 1
    for i in stored.tasks.indices where stored.tasks[i].id <= 0 {
      stored.tasks[i].id = next
      next += 1
    }
    let written = InterchangeWriter.json(stored)
    do {
      let again = try InterchangeReader.read(json: Data(written.utf8))
      if again != stored { return "JSON import → export → import changed the document:\n\(written)" }
    } catch {
      return "the export of an accepted JSON file is refused: \(error)\n\(written)"
    }
    return nil
  }

  static func csv(_ data: Data) -> String? {
    let rows: [[String]]
    do {
      try InterchangeReader.requireUTF8(data)
      rows = try CSV.parse(String(decoding: data, as: UTF8.self))
    } catch {
      return refusal(error, "CSV parse")
    }
    // Rows written out as CSV parse back to the same cells (formula cells gain their
    // apostrophe). Only when the header has no ';': the reader takes ';' as the delimiter
    // when the header has more of them than ','.
    if let header = rows.first, !header.joined().contains(";") {
      let back = try? CSV.parse(CSV.document(rows))
      let expected = rows.map { $0.map { cell -> String in
        guard let f = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(f) else { return cell }
        return "'" + cell
      } }
      if back != expected { return "CSV rows do not survive export: \(rows) → \(back.map { "\($0)" } ?? "refused")" }
    }
    do {
      _ = try CSVTasks.read(rows, catalog: sample.catalog, referenceYear: 2023)
    } catch {
      return refusal(error, "CSV import")
    }
    return nil
  }

  /// Text with its invisible characters spelled out, for failure messages.
  static func debug(_ s: String) -> String {
    "\"" + s.unicodeScalars.map { u in
      (u.value < 0x20 || u.value >= 0x7F) && !(u.properties.isAlphabetic) ? "\\u{\(String(u.value, radix: 16))}" : String(u)
    }.joined() + "\""
  }
}
