import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `count` jobs on `workers` threads; returns when all are done.
func parallel(workers: Int, count: Int, _ job: @escaping @Sendable (Int) -> Void) {
  let next = Counter()
  let group = DispatchGroup()
  for _ in 0..<workers {
    group.enter()
    Thread.detachNewThread {
      while true {
        let i = next.next() - 1
        if i >= count { break }
        job(i)
      }
      group.leave()
    }
  }
  group.wait()
}

/// Runs `body` on a thread of its own; wait on the group for it to finish.
func background(_ body: @escaping @Sendable () -> Void) -> DispatchGroup {
  let group = DispatchGroup()
  group.enter()
  Thread.detachNewThread {
    body()
    group.leave()
  }
  return group
}

/// A small seeded generator, so a failing run can be repeated (`FOLLOWUP_RELIABILITY_SEED`).
struct SeededRandom: RandomNumberGenerator, Sendable {
  var state: UInt64
  init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  static func seed() -> UInt64 {
    if let s = ProcessInfo.processInfo.environment["FOLLOWUP_RELIABILITY_SEED"], let v = UInt64(s) { return v }
    return UInt64.random(in: 1...UInt64.max)
  }
}

/// Figures a test reports for the README's closing note, printed as one line.
func report(_ line: String) {
  print("RELIABILITY: " + line)
}

/// A JSON document in the interchange format with these tasks.
func interchange(_ tasks: [[String: Any]]) -> Data {
  let doc: [String: Any] = ["format": "followup/1", "tasks": tasks]
  return (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])) ?? Data()
}
