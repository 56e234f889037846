import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Where things are: the built `followup` next to the test bundle, the sample in `Resources/`.
enum Paths {
  static var followup: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("followup").path
  }

  /// The repository's root (for the corpus and the sources).
  static func root(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static var sqlite3: String? {
    ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static var tmux: String? {
    ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static let missingSQLite3: Comment =
    "sqlite3 is not installed: these tests check files with it; install it (apt-get install sqlite3, as .ci/run does)"
  static let missingTmux: Comment =
    "tmux is not installed: these tests drive the real interface inside tmux; install it (apt-get install tmux, as .ci/run does)"
}

/// How a child process ended.
enum Ending: Equatable, CustomStringConvertible {
  case exited(Int32)
  case signalled(Int32)

  var description: String {
    switch self {
    case .exited(let c): return "exit \(c)"
    case .signalled(let s): return "signal \(s)"
    }
  }
}

/// What one finished run of a command gave.
struct Outcome {
  var ending: Ending
  var stdout: Data
  var stderr: Data

  var status: Int32 {
    switch ending {
    case .exited(let c): return c
    case .signalled(let s): return 128 + s
    }
  }
  var out: String { String(decoding: stdout, as: UTF8.self) }
  var err: String { String(decoding: stderr, as: UTF8.self) }
  var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// A started child process (posix_spawn: no shell, no Foundation.Process machinery, an empty
/// signal mask and default handlers, so SIGKILL/SIGTERM reach it from any test thread).
final class Child: @unchecked Sendable {
  let pid: pid_t
  let outPath: String
  let errPath: String

  init(_ argv: [String], environment: [String: String], stdin: String = "/dev/null", outPath: String, errPath: String) throws {
    self.outPath = outPath
    self.errPath = errPath
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // Nothing else of ours leaks in (another test's pipes, a FIFO's write end, sockets).
    if let closeFrom = Child.addCloseFrom {
      _ = closeFrom(&actions, 3)
    } else {
      let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap(Int32.init) ?? []
      for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let args: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    let env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for a in args { free(a) }
      for e in env { free(e) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, &attributes, args, env)
    guard rc == 0 else { throw SpawnError(command: argv, code: rc) }
    self.pid = pid
  }

  /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
  /// does not declare.
  static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
  }()

  struct SpawnError: Error, CustomStringConvertible {
    var command: [String]
    var code: Int32
    var description: String { "cannot start \(command): \(String(cString: strerror(code)))" }
  }

  func signal(_ s: Int32) { _ = Glibc.kill(pid, s) }

  /// Waits for the child and reads what it wrote.
  func wait() -> Outcome {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let sig = status & 0x7F
    let ending: Ending = sig == 0 ? .exited((status >> 8) & 0xFF) : .signalled(sig)
    let out = FileManager.default.contents(atPath: outPath) ?? Data()
    let err = FileManager.default.contents(atPath: errPath) ?? Data()
    try? FileManager.default.removeItem(atPath: outPath)
    try? FileManager.default.removeItem(atPath: errPath)
    return Outcome(ending: ending, stdout: out, stderr: err)
  }

  /// The child's peak resident memory so far, in KiB (from /proc), while it runs.
  var peakRSSKiB: Int? {
    guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    guard let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
  }
}

/// A private folder for one test, with its own HOME, XDG_DATA_HOME and TMPDIR.
final class Scratch: @unchecked Sendable {
  let dir: URL
  var user = "thuy"
  private let counter = Counter()

  init(_ label: String = "rel") throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("fr-\(label)-\(UUID().uuidString.prefix(8))")
    for d in ["", "home", "tmp", "xdg"] {
      try FileManager.default.createDirectory(at: dir.appendingPathComponent(d), withIntermediateDirectories: true)
    }
  }

  /// The data file most tests use.
  var file: String { path("data.db") }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  func remove() {
    // Folders a test made read-only or immutable must be writable again to go.
    if let items = FileManager.default.enumerator(atPath: dir.path) {
      for case let item as String in items { _ = chmod(path(item), 0o700) }
    }
    _ = chmod(dir.path, 0o700)
    try? FileManager.default.removeItem(at: dir)
  }

  var environment: [String: String] {
    [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": path("home"), "XDG_DATA_HOME": path("xdg"), "TMPDIR": path("tmp"),
      "FOLLOWUP_USER": user, "TZ": "Asia/Ho_Chi_Minh", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
    ]
  }

  /// Writes a file in the scratch folder and returns its path.
  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let p = path(name)
    try data.write(to: URL(fileURLWithPath: p))
    return p
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

  /// Starts `followup` with these arguments (or another program when `program` is given).
  func start(_ args: [String], program: String? = nil, user: String? = nil, stdin: String = "/dev/null", extra: [String: String] = [:]) throws -> Child {
    let n = counter.next()
    var env = environment
    if let user { env["FOLLOWUP_USER"] = user }
    env.merge(extra) { _, new in new }
    return try Child(
      [program ?? Paths.followup] + args, environment: env, stdin: stdin,
      outPath: path("tmp/out-\(n)"), errPath: path("tmp/err-\(n)"))
  }

  /// Runs `followup` to the end.
  @discardableResult
  func run(_ args: [String], user: String? = nil, stdin: String = "/dev/null", extra: [String: String] = [:]) throws -> Outcome {
    try start(args, user: user, stdin: stdin, extra: extra).wait()
  }

  /// Runs any program to the end (no shell unless the program is one).
  @discardableResult
  func runProgram(_ argv: [String], extra: [String: String] = [:]) throws -> Outcome {
    try start(Array(argv.dropFirst()), program: argv[0], extra: extra).wait()
  }

  /// Imports the bundled sample into `file` (or another path).
  func importSample(into target: String? = nil) throws {
    let sample = try write("sample.json", BundledData.sampleJSON)
    let r = try run(["import", "--file", target ?? file, sample])
    #expect(r.status == 0, "import failed: \(r.err)")
  }

  /// Runs SQL on a file with the sqlite3 shell; rows as tab-separated fields.
  func sql(_ sql: String, on target: String? = nil, readonly: Bool = false) throws -> [[String]] {
    guard let sqlite3 = Paths.sqlite3 else { throw CLIError("no sqlite3") }
    // The test's own reads wait for the writers like the program does, instead of failing.
    var argv = [sqlite3, "-batch", "-cmd", ".timeout 10000", "-separator", "\t"]
    if readonly { argv.append("-readonly") }
    argv += [target ?? file, sql]
    let r = try runProgram(argv)
    guard r.status == 0 else { throw CLIError("sqlite3 failed (\(r.ending)): \(r.err)") }
    return r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Every byte a later reader of a data file would see: the file and its -wal (an empty
  /// -wal, which a reader of a WAL file may leave, is the same as none: it holds nothing).
  func snapshot(_ target: String? = nil) -> Data {
    let p = target ?? file
    var d = FileManager.default.contents(atPath: p) ?? Data([0xFF])
    d.append(Data("|wal|".utf8))
    d.append(FileManager.default.contents(atPath: p + "-wal") ?? Data())
    return d
  }
}

struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}

/// Runs `body` with a fresh scratch folder, removed afterwards.
func withScratch<T>(_ label: String = "rel", _ body: (Scratch) throws -> T) throws -> T {
  let s = try Scratch(label)
  defer { s.remove() }
  return try body(s)
}

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
