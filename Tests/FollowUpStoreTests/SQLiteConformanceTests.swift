import FollowUpCore
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing

/// The store conformance checks against the SQLite file store.
@Suite struct SQLiteConformanceTests {
  @Test(arguments: StoreConformance.checks.map(\.name))
  func conforms(_ check: String) throws {
    let run = try #require(StoreConformance.checks.first { $0.name == check }?.run)
    try withScratchFolder("followup-conformance") { dir in
      let path = dir.appendingPathComponent("data.db").path
      try run { user in try SQLiteStore(path: path, user: user) }
    }
  }
}
