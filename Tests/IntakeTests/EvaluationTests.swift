import FollowUpCore
import Foundation
import Testing

/// The labelled set of notices next to this file.
let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

func loadCorpus() throws -> [(name: String, text: String, labels: [IntakeLabel])] {
  let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
  return try names.filter { $0.hasSuffix(".labels.json") }.map { name in
    let base = String(name.dropLast(".labels.json".count))
    let text = try String(contentsOf: corpus.appendingPathComponent(base + ".txt"), encoding: .utf8)
    let labels = try IntakeEvaluation.labels(
      try Data(contentsOf: corpus.appendingPathComponent(name)), name: name)
    return (base, text, labels)
  }
}

@Suite struct Evaluation {
  /// The bundled directory, as `followup intake --evaluate` uses it.
  static var directory: Catalog {
    Catalog(agencies: (try? InterchangeReader.read(json: BundledData.agencyDirectoryJSON).agencies) ?? [])
  }

  @Test func theSetIsLargeEnoughAndNamesOnlyDirectoryAgencies() throws {
    let cases = try loadCorpus()
    #expect(cases.count >= 11)
    #expect(cases.reduce(0) { $0 + $1.labels.count } >= 60)
    let codes = Set(Evaluation.directory.agencies.keys)
    for c in cases {
      for l in c.labels {
        for code in [l.lead] + l.coordinating {
          #expect(code == "group" || code == "unknown" || codes.contains(code), "\(c.name): \(code)")
        }
      }
    }
  }

  @Test func theExtractorMeetsItsTargetsOnTheLabelledSet() throws {
    let report = IntakeEvaluation.score(try loadCorpus(), catalog: Evaluation.directory)
    print(report.table(.en))
    let t = IntakeEvaluation.targets
    #expect(report.total.recall >= t.found)
    #expect(1 - report.total.precision <= t.notAssignments)
    #expect(report.total.leadAccuracy >= t.lead)
    #expect(report.total.deadlineExact >= t.deadline)
    #expect(report.meetsTargets)
  }

  @Test func aWrongLabelLowersTheScore() throws {
    // The scorer must be able to fail: a lead and a deadline changed in one label show up.
    var cases = try loadCorpus()
    let i = try #require(cases.firstIndex { $0.labels.contains { !$0.deadline.isEmpty } })
    let j = try #require(cases[i].labels.firstIndex { !$0.deadline.isEmpty })
    cases[i].labels[j].lead = "NO_SUCH"
    cases[i].labels[j].deadline = "trước ngày 01/01/1999"
    let report = IntakeEvaluation.score([cases[i]], catalog: Evaluation.directory)
    #expect(report.total.leadRight == report.total.matched - 1)
    #expect(report.total.deadlineRight == report.total.matched - 1)
  }
}
