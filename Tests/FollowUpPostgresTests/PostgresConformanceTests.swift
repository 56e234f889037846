import FollowUpCore
import FollowUpPostgres
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing

/// The store conformance checks against the PostgreSQL store: each check on a fresh
/// database, the users it names being office logins of that database.
@Suite(.enabled(if: TestServer.available, TestServer.skipReason))
struct PostgresConformanceTests {
  @Test(arguments: StoreConformance.checks.map(\.name))
  func conforms(_ check: String) throws {
    let run = try #require(StoreConformance.checks.first { $0.name == check }?.run)
    let db = try TestDatabase()
    try run { user in
      try db.grant(user, .office)
      return try db.store(user)
    }
  }
}
