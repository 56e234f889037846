import Foundation
import Testing

/// Every input the fuzzers kept (`Tests/ReliabilityTests/Corpus/<target>/`: the seeds, the
/// inputs that reached new code, and every input that once broke a check) goes through the
/// same checks as under libFuzzer (`FuzzChecks`), so what a fuzzer found stays fixed.
@Suite struct CorpusReplayTests {
  static func corpus(_ target: FuzzTarget) -> [URL] {
    let dir = Paths.root().appendingPathComponent("Tests/ReliabilityTests/Corpus/\(target.rawValue)")
    let files = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []
    return files.filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  @Test(arguments: FuzzTarget.allCases)
  func keptInputsPassTheFuzzChecks(_ target: FuzzTarget) throws {
    let files = Self.corpus(target)
    #expect(files.count >= 3, "the \(target.rawValue) corpus is missing")
    var failures = 0
    for file in files {
      let data = try Data(contentsOf: file)
      if let failure = FuzzChecks.run(target, data) {
        failures += 1
        Issue.record("\(target.rawValue)/\(file.lastPathComponent): \(failure)")
      }
    }
    report("corpus replay \(target.rawValue): \(files.count) inputs, \(failures) failing")
  }
}
