// libFuzzer entry point for one FollowUp fuzz target, chosen at build time with
// `-D FUZZ_DATE`, `-D FUZZ_FILTER`, `-D FUZZ_JSON` or `-D FUZZ_CSV`. Not a SwiftPM target:
// `.ci/fuzz` builds it with `swiftc -sanitize=fuzzer,address` against FollowUpCore, together
// with `Tests/ReliabilityTests/FuzzChecks.swift`, whose checks `CorpusReplayTests` also runs
// on the kept corpus in `swift test`.
import FollowUpCore
import Foundation

#if FUZZ_DATE
  let fuzzTarget = FuzzTarget.date
#elseif FUZZ_FILTER
  let fuzzTarget = FuzzTarget.filter
#elseif FUZZ_JSON
  let fuzzTarget = FuzzTarget.json
#elseif FUZZ_CSV
  let fuzzTarget = FuzzTarget.csv
#else
  #error("build with -D FUZZ_DATE, FUZZ_FILTER, FUZZ_JSON or FUZZ_CSV")
#endif

/// Called by libFuzzer once per input; a broken check stops the run and libFuzzer keeps the
/// input as `crash-…` (see `.ci/fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func followUpFuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let data = Data(bytes: bytes, count: count)
  if let failure = FuzzChecks.run(fuzzTarget, data) {
    fatalError("FollowUp fuzz check failed (\(fuzzTarget.rawValue)): \(failure)")
  }
  return 0
}
