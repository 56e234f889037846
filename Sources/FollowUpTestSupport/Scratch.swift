import FollowUpCore
import FollowUpStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A private folder for one test, with its own HOME, XDG_DATA_HOME and TMPDIR, for files,
/// stores and runs of the real binary. Removed by `remove()` (or by `withScratch`).
public final class Scratch: @unchecked Sendable {
  /// The folder.
  public let dir: URL
  /// The user the program runs as (`FOLLOWUP_USER`).
  public var user = "thuy"
  private let counter = Counter()

  /// Makes the folder; `label` names it, to tell leftovers apart. A `bare` folder starts
  /// empty: no HOME, TMPDIR or XDG_DATA_HOME in it, for tests that only need files.
  public init(_ label: String = "test", bare: Bool = false) throws {
    // Short: a tmux socket inside it must fit in sun_path (108 bytes).
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("fu-\(label)-\(UUID().uuidString.prefix(8))")
    for d in bare ? [""] : ["", "home", "tmp", "xdg", "runs"] {
      try FileManager.default.createDirectory(at: dir.appendingPathComponent(d), withIntermediateDirectories: true)
    }
  }

  /// The data file most tests use.
  public var file: String { path("data.db") }
  /// The program's HOME.
  public var home: URL { dir.appendingPathComponent("home") }
  /// The program's XDG_DATA_HOME.
  public var xdg: URL { dir.appendingPathComponent("xdg") }
  /// The program's TMPDIR.
  public var tmp: URL { dir.appendingPathComponent("tmp") }

  /// The path of a file in the folder.
  public func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  /// Removes the folder, whatever a test left in it.
  public func remove() {
    // Folders and files a test made read-only must be writable again to go.
    if let items = FileManager.default.enumerator(atPath: dir.path) {
      for case let item as String in items { _ = chmod(path(item), 0o700) }
    }
    _ = chmod(dir.path, 0o700)
    try? FileManager.default.removeItem(at: dir)
  }

  /// The environment the program runs with, inside tmux and out: nothing of the test
  /// machine's own HOME, locale or time zone leaks in.
  public var environment: [String: String] {
    [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": home.path, "XDG_DATA_HOME": xdg.path, "TMPDIR": tmp.path,
      "FOLLOWUP_USER": user, "TZ": "Asia/Ho_Chi_Minh", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
    ]
  }

  /// Writes a file in the folder and returns its path.
  @discardableResult
  public func write(_ name: String, _ data: Data) throws -> String {
    let p = path(name)
    try data.write(to: URL(fileURLWithPath: p))
    return p
  }

  /// Writes a text file (UTF-8) in the folder and returns its path.
  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

  /// The sample data set as a file in the folder.
  public func sampleFile() throws -> String { try write("sample.json", BundledData.sampleJSON) }

  /// Starts `followup` with these arguments (or another program when `program` is given).
  public func start(
    _ args: [String], program: String? = nil, user: String? = nil, stdin: String = "/dev/null",
    environment extra: [String: String] = [:]
  ) throws -> Child {
    let n = counter.next()
    var env = environment
    if let user { env["FOLLOWUP_USER"] = user }
    env.merge(extra) { _, new in new }
    return try Child(
      [program ?? Paths.followup] + args, environment: env, stdin: stdin,
      // Not in TMPDIR, which tests inspect for what the program left behind.
      outPath: path("runs/out-\(n)"), errPath: path("runs/err-\(n)"))
  }

  /// Runs `followup` to the end; stdin is /dev/null unless given, stdout and stderr are captured.
  @discardableResult
  public func run(
    _ args: [String], user: String? = nil, stdin: String = "/dev/null", environment extra: [String: String] = [:]
  ) throws -> RunResult {
    try start(args, user: user, stdin: stdin, environment: extra).wait()
  }

  /// Runs any program to the end, in this folder's environment (no shell unless the program is one).
  @discardableResult
  public func runProgram(_ argv: [String], environment extra: [String: String] = [:]) throws -> RunResult {
    guard let program = argv.first else { throw TestFailure("no program to run") }
    return try start(Array(argv.dropFirst()), program: program, environment: extra).wait()
  }

  /// Imports the sample into `file` (or another path) through the binary, as a user would.
  public func importSample(into target: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let r = try run(["import", "--file", target ?? file, try sampleFile()])
    #expect(r.status == 0, "import failed: \(r.err)", sourceLocation: sourceLocation)
  }

  /// A store on `file` (or another path in the folder) opened as `user`, with the sample
  /// imported when `sample` is true.
  public func store(_ name: String = "data.db", user: String? = nil, sample: Bool = true) throws -> SQLiteStore {
    try FollowUpTestSupport.sampleStore(dir, name: name, user: user ?? self.user, sample: sample)
  }

  /// Runs SQL on a file with the sqlite3 shell; rows as tab-separated fields.
  public func sql(_ sql: String, on target: String? = nil, readonly: Bool = false) throws -> [[String]] {
    guard let sqlite3 = Paths.sqlite3 else { throw TestFailure("no sqlite3") }
    // The test's own reads wait for the writers like the program does, instead of failing.
    var argv = [sqlite3, "-batch", "-cmd", ".timeout 10000", "-separator", "\t"]
    if readonly { argv.append("-readonly") }
    argv += [target ?? file, sql]
    let r = try runProgram(argv)
    guard r.status == 0 else { throw TestFailure("sqlite3 failed (\(r.ending)): \(r.err)") }
    return r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Every byte a later reader of a data file would see: the file and its -wal, told apart (a
  /// missing file is not an empty one; an empty -wal, which a reader may leave, is none).
  public func snapshot(_ target: String? = nil) -> Data {
    let p = target ?? file
    var d = FileManager.default.contents(atPath: p) ?? Data([0xFF])
    d.append(Data("|wal|".utf8))
    d.append(FileManager.default.contents(atPath: p + "-wal") ?? Data())
    return d
  }
}

/// Runs `body` with a fresh scratch folder, removed afterwards.
public func withScratch<T>(_ label: String = "test", _ body: (Scratch) throws -> T) throws -> T {
  let s = try Scratch(label)
  defer { s.remove() }
  return try body(s)
}

/// A fresh folder under the system temporary folder, removed after `body`.
public func withScratchFolder<T>(_ label: String = "dir", _ body: (URL) throws -> T) throws -> T {
  let s = try Scratch(label, bare: true)
  defer { s.remove() }
  return try body(s.dir)
}

/// The name the store and interface suites know `withScratchFolder` by.
public func withTempDir<T>(_ body: (URL) throws -> T) throws -> T { try withScratchFolder("dir", body) }

/// The name the command-line suites know a scratch folder by.
public typealias Sandbox = Scratch

/// The name the command-line suites know `withScratch` by.
public func withSandbox<T>(_ body: (Scratch) throws -> T) throws -> T { try withScratch("cli", body) }

/// A store on a new file `name` in `dir`, opened as `user`, with the sample imported (tasks
/// 1…7) unless `sample` is false.
public func sampleStore(_ dir: URL, name: String = "data.db", user: String = "thuy", sample: Bool = true) throws
  -> SQLiteStore
{
  let store = try SQLiteStore(path: dir.appendingPathComponent(name).path, user: user)
  if sample { _ = try store.importDocument(Sample.doc) }
  return store
}
