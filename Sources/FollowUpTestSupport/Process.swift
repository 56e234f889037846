import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Where things are: the built `followup` next to the test bundle, the tools the tests use.
public enum Paths {
  /// The built `followup`, next to the test bundle.
  public static var followup: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("followup").path
  }

  /// The repository's root (for the corpus, the sources and `Resources/`).
  public static func root(filePath: String = #filePath) -> URL {
    // Every file that asks sits two folders down: Sources/<target>/ or Tests/<target>/.
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// The `sqlite3` shell, when installed.
  public static var sqlite3: String? {
    ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// tmux, when installed.
  public static var tmux: String? {
    ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Why a test that needs `sqlite3` cannot run.
  public static let missingSQLite3: Comment =
    "sqlite3 is not installed: these tests check files with it; install it (apt-get install sqlite3, as .ci/run does)"
  /// Why a test that needs tmux cannot run.
  public static let missingTmux: Comment =
    "tmux is not installed: these tests drive the real interface inside tmux; install it (apt-get install tmux, as .ci/run does)"
}

/// A test's own failure to set something up, as a thrown error.
public struct TestFailure: Error, CustomStringConvertible {
  /// What went wrong.
  public var description: String
  /// A failure saying `description`.
  public init(_ description: String) { self.description = description }
}

/// How a child process ended.
public enum Ending: Equatable, Sendable, CustomStringConvertible {
  /// It exited with this status.
  case exited(Int32)
  /// A signal ended it.
  case signalled(Int32)

  /// `exit N` or `signal N`.
  public var description: String {
    switch self {
    case .exited(let c): return "exit \(c)"
    case .signalled(let s): return "signal \(s)"
    }
  }
}

/// What one finished run of a program gave.
public struct RunResult: Sendable {
  /// How it ended.
  public var ending: Ending
  /// Everything it wrote to standard output.
  public var stdout: Data
  /// Everything it wrote to standard error.
  public var stderr: Data
  /// Its peak resident memory in KiB (nil unless read by `Child.waitMeasuringPeakMemory`).
  public var peakMemoryKiB: Int?

  /// A result made by hand (for a job that could not even start, say).
  public init(ending: Ending, stdout: Data, stderr: Data, peakMemoryKiB: Int? = nil) {
    self.ending = ending
    self.stdout = stdout
    self.stderr = stderr
    self.peakMemoryKiB = peakMemoryKiB
  }

  /// The exit status a shell would report (128 + the signal for a signalled process).
  public var status: Int32 {
    switch ending {
    case .exited(let c): return c
    case .signalled(let s): return 128 + s
    }
  }
  /// Standard output as text.
  public var out: String { String(decoding: stdout, as: UTF8.self) }
  /// Standard error as text.
  public var err: String { String(decoding: stderr, as: UTF8.self) }
  /// The non-empty lines written to standard error.
  public var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

  /// Standard output parsed as JSON.
  public func json() throws -> Any { try JSONSerialization.jsonObject(with: stdout, options: [.fragmentsAllowed]) }
}

/// A started child process.
///
/// Started with posix_spawn, not Foundation.Process, which has two traps here (see
/// SWIFT-LINUX-NOTES §4.3): its `waitUntilExit` waits for every process that inherited its
/// exit socket (a daemonised tmux server), and the child inherits the calling thread's signal
/// mask, which on Swift Testing's threads blocks almost everything, so SIGTERM, SIGWINCH and
/// SIGHUP would never reach it. Here the child gets an empty mask, default handlers, and none
/// of our other descriptors; its output goes to files, so no pipe can fill up and stall it.
public final class Child: @unchecked Sendable {
  /// The child's process id.
  public let pid: pid_t
  /// The file its standard output goes to.
  public let outPath: String
  /// The file its standard error goes to.
  public let errPath: String

  /// Starts `argv` (a path, or a name looked up on PATH) with exactly this environment.
  public init(_ argv: [String], environment: [String: String], stdin: String = "/dev/null", outPath: String, errPath: String)
    throws
  {
    guard let program = argv.first else { throw TestFailure("nothing to start") }
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
    let rc = posix_spawnp(&pid, program, &actions, &attributes, args, env)
    guard rc == 0 else { throw TestFailure("cannot start \(argv): \(String(cString: strerror(rc)))") }
    self.pid = pid
  }

  /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
  /// does not declare.
  static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
  }()

  /// Sends the child a signal.
  public func signal(_ s: Int32) { _ = Glibc.kill(pid, s) }

  /// Waits for the child to end; returns how it ended and what it wrote.
  public func wait() -> RunResult {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let sig = status & 0x7F
    let ending: Ending = sig == 0 ? .exited((status >> 8) & 0xFF) : .signalled(sig)
    let out = FileManager.default.contents(atPath: outPath) ?? Data()
    let err = FileManager.default.contents(atPath: errPath) ?? Data()
    try? FileManager.default.removeItem(atPath: outPath)
    try? FileManager.default.removeItem(atPath: errPath)
    return RunResult(ending: ending, stdout: out, stderr: err)
  }

  /// Waits up to `timeout` seconds for the child to end; on timeout kills it and returns nil.
  public func wait(timeout: TimeInterval) -> RunResult? {
    // A zombie counts as gone: it has ended, and `wait()` collects it at once.
    if waitUntil(timeout: timeout, poll: 0.05, { !processAlive(pid) }) { return wait() }
    signal(SIGKILL)
    _ = wait()
    return nil
  }

  /// Waits for the child to end, reading its peak resident memory on the way.
  ///
  /// The kernel's own figure (`ru_maxrss` from `wait4`) cannot serve: posix_spawn starts the
  /// child on the test process's memory, and exec carries that memory's high-water mark over.
  /// `VmHWM` belongs to the program's own memory; it is gone once the child has exited (a
  /// zombie has no memory), so the last reading is the peak of the whole run.
  public func waitMeasuringPeakMemory(every interval: TimeInterval = 0.05) -> RunResult {
    var peak = 0
    while let k = peakRSSKiB {
      peak = max(peak, k)
      Thread.sleep(forTimeInterval: interval)
    }
    var result = wait()
    result.peakMemoryKiB = peak
    return result
  }

  /// The child's peak resident memory so far, in KiB (from /proc), while it runs.
  public var peakRSSKiB: Int? {
    guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    guard let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
  }
}

/// Runs a program to the end outside any scratch folder (stdin /dev/null, output captured);
/// `environment` nil passes ours on.
@discardableResult
public func runProgram(_ argv: [String], environment: [String: String]? = nil, stdin: String = "/dev/null") throws
  -> RunResult
{
  let base = FileManager.default.temporaryDirectory.appendingPathComponent("followup-run-\(UUID().uuidString)").path
  return try Child(
    argv, environment: environment ?? ProcessInfo.processInfo.environment, stdin: stdin,
    outPath: base + ".out", errPath: base + ".err"
  ).wait()
}

/// A thread-safe counter.
public final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  /// A counter that starts at zero.
  public init() {}
  /// The next number: 1, 2, 3…
  public func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}

/// Polls `condition` every `poll` seconds until it holds or `timeout` passes; true when it held.
/// The only way a test waits for something another process does.
@discardableResult
public func waitUntil(timeout: TimeInterval = 10, poll: TimeInterval = 0.02, _ condition: () throws -> Bool) rethrows
  -> Bool
{
  let deadline = Date().addingTimeInterval(timeout)
  while true {
    if try condition() { return true }
    if Date() > deadline { return false }
    Thread.sleep(forTimeInterval: poll)
  }
}

/// Whether a process exists and is not a zombie.
public func processAlive(_ pid: pid_t) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = stat.lastIndex(of: ")")
  else { return false }
  let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
  return state != "Z" && state != "X"
}

/// Waits up to `timeout` for a process to go; true when it went.
public func waitGone(_ pid: pid_t, timeout: TimeInterval = 10) -> Bool {
  waitUntil(timeout: timeout) { !processAlive(pid) }
}

/// The children of a process, from /proc.
public func childPIDs(of parent: pid_t) -> [(pid: pid_t, name: String)] {
  guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
  var out: [(pid_t, String)] = []
  for e in entries {
    guard let pid = pid_t(e), let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8) else { continue }
    // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'.
    guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
    let name = String(stat[stat.index(after: open)..<close])
    let rest = stat[stat.index(after: close)...].split(separator: " ")
    if rest.count > 1, pid_t(rest[1]) == parent { out.append((pid, name)) }
  }
  return out
}

/// Quotes a word for `sh`.
public func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
