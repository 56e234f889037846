import FollowUpCore
import FollowUpPostgres
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The PostgreSQL server the tests use: `FOLLOWUP_TEST_PG_URL` (what `.ci/run` starts), else a
/// throwaway cluster started here through `.ci/pg-cluster` when `initdb` is installed and
/// removed when the tests exit. Without either, the suites are skipped, naming the package.
enum TestServer {
  /// The script that starts and stops clusters.
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".ci/pg-cluster").path

  /// Whether `initdb` is installed (Debian puts it under /usr/lib/postgresql/N/bin).
  static var hasInitdb: Bool {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
      + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).map { "/usr/lib/postgresql/\($0)/bin" }
    return dirs.contains { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
  }

  /// Whether the server tests can run.
  static var available: Bool {
    ProcessInfo.processInfo.environment["FOLLOWUP_TEST_PG_URL"].map { !$0.isEmpty } == true || hasInitdb
  }

  /// Why they are skipped otherwise.
  static let skipReason: Comment =
    "PostgreSQL tests need a server: set FOLLOWUP_TEST_PG_URL or install the Debian package postgresql (initdb)"

  /// A started cluster: its superuser URL and, when started here, its folder.
  struct Cluster: Sendable {
    var url: String
    var dir: String?
  }

  nonisolated(unsafe) private static var ownDirs: [String] = []
  private static let lock = NSLock()
  nonisolated(unsafe) private static var sharedCluster: Cluster?

  /// The shared cluster: the CI's, or one started on first use.
  static func shared() throws -> Cluster {
    lock.lock()
    defer { lock.unlock() }
    if let c = sharedCluster { return c }
    if let url = ProcessInfo.processInfo.environment["FOLLOWUP_TEST_PG_URL"], !url.isEmpty {
      sharedCluster = Cluster(url: url, dir: ProcessInfo.processInfo.environment["FOLLOWUP_TEST_PG_DIR"])
    } else {
      sharedCluster = try startLocked()
    }
    guard let c = sharedCluster else { throw TestFailure("no cluster") }
    return c
  }

  /// A cluster of the test's own (for stopping and starting the server under it).
  static func ownCluster() throws -> Cluster {
    lock.lock()
    defer { lock.unlock() }
    return try startLocked()
  }

  private static func startLocked() throws -> Cluster {
    let r = try runProcess("/bin/bash", [script, "start"])
    guard r.status == 0 else { throw TestFailure("pg-cluster start failed: \(r.err)") }
    var values: [String: String] = [:]
    for line in r.out.split(separator: "\n") {
      let l = line.hasPrefix("export ") ? line.dropFirst(7) : line
      if let eq = l.firstIndex(of: "=") { values[String(l[..<eq])] = String(l[l.index(after: eq)...]) }
    }
    guard let url = values["FOLLOWUP_TEST_PG_URL"], let dir = values["FOLLOWUP_TEST_PG_DIR"] else {
      throw TestFailure("pg-cluster start printed \(r.out)")
    }
    if ownDirs.isEmpty {
      atexit {
        for d in TestServer.ownDirs { _ = try? runProcess("/bin/bash", [TestServer.script, "stop", d]) }
      }
    }
    ownDirs.append(dir)
    return Cluster(url: url, dir: dir)
  }

  /// Stops the server under a cluster started here, keeping its data.
  static func stopServer(_ c: Cluster) throws {
    guard let dir = c.dir else { throw TestFailure("not a cluster of our own") }
    _ = try runProcess("/bin/bash", [script, "stop-server", dir])
  }

  /// Starts it again on the same port.
  static func startServer(_ c: Cluster) throws {
    guard let dir = c.dir else { throw TestFailure("not a cluster of our own") }
    let r = try runProcess("/bin/bash", [script, "start-server", dir])
    guard r.status == 0 else { throw TestFailure("start-server failed: \(r.err)") }
  }
}

/// A test's own database on a cluster, with the FollowUp schema and logins.
struct TestDatabase {
  let cluster: TestServer.Cluster
  let name: String

  /// The same URL with another login and database.
  static func url(_ base: String, login: String? = nil, password: String? = nil, database: String) -> String {
    var c = URLComponents(string: base) ?? URLComponents()
    if let login {
      c.user = login
      c.password = password
    }
    c.path = "/" + database
    return c.string ?? base
  }

  /// The administrator's URL for this database.
  var adminURL: String { TestDatabase.url(cluster.url, database: name) }

  /// A login's URL (its password is its name with "-pw").
  func url(as login: String) -> String {
    TestDatabase.url(cluster.url, login: login, password: login + "-pw", database: name)
  }

  private static let rolesLock = NSLock()

  /// Creates a fresh database with the schema and the sample directory.
  init(on cluster: TestServer.Cluster? = nil, logins: [(String, ServerRole, String?)] = []) throws {
    self.cluster = try cluster ?? TestServer.shared()
    name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let admin = try PGConnection(self.cluster.url)
    try admin.execute("CREATE DATABASE \(name)")
    _ = try Server.initialize(adminURL)
    for (login, role, agency) in logins { try grant(login, role, agency: agency) }
  }

  /// Gives a login a role here (roles are per cluster, so creating them is serialised).
  func grant(_ login: String, _ role: ServerRole, agency: String? = nil) throws {
    TestDatabase.rolesLock.lock()
    defer { TestDatabase.rolesLock.unlock() }
    let admin = try PGConnection(cluster.url)
    try admin.execute(
      """
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(login)') THEN CREATE ROLE "\(login)" LOGIN; END IF;
      END $$
      """)
    try admin.execute("ALTER ROLE \"\(login)\" PASSWORD '\(login)-pw'")
    if let agency {
      // An agency must exist before a login can be tied to it.
      let db = try PGConnection(adminURL)
      try db.execute(
        "INSERT INTO followup.agency (code, name, bloc, sort_order) VALUES ($1, $1, 'other', 9999) ON CONFLICT DO NOTHING",
        [agency])
    }
    try Server.grant(adminURL, login: login, role: role, agency: agency)
  }

  /// Opens the store as a login.
  func store(_ login: String) throws -> PostgresStore { try PostgresStore(url: url(as: login)) }
}

struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// What a process did.
struct ProcessResult {
  var status: Int32
  var out: String
  var err: String
}

/// Runs a program to completion, capturing its output (files, not pipes: a full pipe would
/// block a chatty child).
func runProcess(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
  let dir = FileManager.default.temporaryDirectory
  let outURL = dir.appendingPathComponent("pgtest-out-\(UUID().uuidString)")
  let errURL = dir.appendingPathComponent("pgtest-err-\(UUID().uuidString)")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  defer {
    try? FileManager.default.removeItem(at: outURL)
    try? FileManager.default.removeItem(at: errURL)
  }
  let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
  let p = Process()
  p.executableURL = URL(fileURLWithPath: path)
  p.arguments = arguments
  if let environment { p.environment = environment }
  p.standardInput = FileHandle.nullDevice
  p.standardOutput = outHandle
  p.standardError = errHandle
  // Swift Testing's threads block most signals and a child inherits the mask: clear it.
  var none = sigset_t(), saved = sigset_t()
  sigemptyset(&none)
  pthread_sigmask(SIG_SETMASK, &none, &saved)
  defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
  try p.run()
  p.waitUntilExit()
  try outHandle.close()
  try errHandle.close()
  return ProcessResult(
    status: p.terminationStatus, out: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
    err: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// Runs the built `followup` binary with a clean environment.
func followup(_ arguments: [String], user: String = "someone") throws -> ProcessResult {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("followup")
  let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgtest-home").path
  return try runProcess(
    binary.path, arguments,
    environment: [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
      "TZ": "Asia/Ho_Chi_Minh", "HOME": home, "FOLLOWUP_USER": user, "XDG_CONFIG_HOME": home + "/config",
    ])
}

/// Runs `psql` as a login: one command, errors stop it.
func psql(_ url: String, _ sql: String) throws -> ProcessResult {
  try runProcess(
    "/usr/bin/env", ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
    environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"])
}
