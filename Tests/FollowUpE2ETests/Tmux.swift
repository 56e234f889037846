import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Where things are: the built binary next to the test bundle, the sample in `Resources/`.
enum E2E {
  static var binary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("followup").path
  }

  static func sampleJSON(filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Resources/sample.json").path
  }

  /// Whether tmux runs here. CI installs it (`.ci/run`); a missing tmux fails the tests.
  static let tmuxVersion: String? = {
    guard let r = try? run(["tmux", "-V"]), r.status == 0 else { return nil }
    return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
  }()

  static let missingTmux: Comment =
    "tmux is not installed: the end-to-end tests drive the real binary inside tmux; install it (apt-get install tmux, as .ci/run does)"
}

/// Foundation.Process passes the calling thread's signal mask on to the child, and Swift
/// Testing's threads block most signals (SWIFT-LINUX-NOTES §4.3): clear it around `run()`.
func runWithCleanSignalMask(_ p: Process) throws {
  var none = sigset_t()
  var saved = sigset_t()
  sigemptyset(&none)
  pthread_sigmask(SIG_SETMASK, &none, &saved)
  defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
  try p.run()
}

struct RunResult {
  var status: Int32
  var out: String
  var err: String
}

/// Runs a short-lived command to completion (never the tmux server: see `TmuxSession`).
@discardableResult
func run(_ args: [String], environment: [String: String]? = nil) throws -> RunResult {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = args
  if let environment { p.environment = environment }
  // Output goes to files, not pipes: nothing can stall on a full pipe, and no reader
  // thread is needed.
  let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fe2e-run-\(UUID().uuidString)")
  let outURL = base.appendingPathExtension("out")
  let errURL = base.appendingPathExtension("err")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  defer {
    try? FileManager.default.removeItem(at: outURL)
    try? FileManager.default.removeItem(at: errURL)
  }
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  p.standardOutput = out
  p.standardError = err
  p.standardInput = FileHandle.nullDevice
  try runWithCleanSignalMask(p)
  p.waitUntilExit()
  try? out.close()
  try? err.close()
  let outData = FileManager.default.contents(atPath: outURL.path) ?? Data()
  let errData = FileManager.default.contents(atPath: errURL.path) ?? Data()
  return RunResult(status: p.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
}

/// A private folder for one test: data file, HOME, TMPDIR and the tmux socket. Removed by `remove()`.
final class Workspace {
  let dir: URL
  var file: String { dir.appendingPathComponent("data.db").path }
  var home: String { dir.appendingPathComponent("home").path }
  var tmp: String { dir.appendingPathComponent("tmp").path }

  init() throws {
    // Short: the tmux socket path must fit in sun_path (108 bytes).
    dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fe2e-\(UUID().uuidString.prefix(8))")
    for d in [dir.path, home, tmp] {
      try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    }
  }

  func remove() {
    _ = chmod(dir.path, 0o755)
    try? FileManager.default.removeItem(at: dir)
  }

  /// The environment the program runs with, inside and outside tmux.
  var environment: [String: String] {
    [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": home, "XDG_DATA_HOME": home + "/.local/share", "TMPDIR": tmp,
      "FOLLOWUP_USER": "e2e", "TZ": "Asia/Ho_Chi_Minh", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
    ]
  }

  /// Runs `followup` outside tmux.
  @discardableResult
  func followup(_ args: [String]) throws -> RunResult {
    try run([E2E.binary] + args, environment: environment)
  }

  /// Imports the sample through the binary, as a user would.
  func importSample() throws {
    let r = try followup(["import", "--file", file, E2E.sampleJSON()])
    #expect(r.status == 0, "import failed: \(r.err)")
  }
}

/// Quotes a word for `sh`.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// One private tmux server running one command in one pane.
///
/// The server runs in the foreground (`tmux -D`) as a Process we own, because a daemonised
/// server would inherit Foundation's child-exit socket and hang `waitUntilExit` (§4.3 trap 1);
/// every other tmux call is a short-lived client on the server's `-S` socket.
final class TmuxSession {
  let socket: String
  let server = Process()

  /// Starts a server and a `cols × rows` session running `command` through `sh -c`.
  init(_ ws: Workspace, command: String, cols: Int = 100, rows: Int = 30) throws {
    socket = ws.dir.appendingPathComponent("tmux.sock").path
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["tmux", "-D", "-S", socket, "-f", "/dev/null"]
    server.environment = ws.environment
    server.standardInput = FileHandle.nullDevice
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try runWithCleanSignalMask(server)
    let deadline = Date().addingTimeInterval(10)
    while true {
      let r = try run(["tmux", "-S", socket, "list-sessions"])
      if !r.err.contains("no server running") && !r.err.contains("error connecting") { break }
      if Date() > deadline {
        kill()
        throw TmuxError.serverDidNotStart(r.err)
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    var args = ["tmux", "-S", socket, "new-session", "-d", "-s", "main", "-x", "\(cols)", "-y", "\(rows)"]
    args += ["-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color"]
    for (k, v) in ws.environment.sorted(by: { $0.key < $1.key }) where k != "LANG" && k != "PATH" {
      args += ["-e", "\(k)=\(v)"]
    }
    args.append(command)
    let r = try run(args)
    guard r.status == 0 else {
      kill()
      throw TmuxError.sessionDidNotStart(r.err)
    }
  }

  enum TmuxError: Error {
    case serverDidNotStart(String)
    case sessionDidNotStart(String)
  }

  /// Presses keys by tmux name (`Enter`, `Space`, `Down`, `q`…).
  func send(_ keys: String...) throws { try run(["tmux", "-S", socket, "send-keys", "-t", "main"] + keys) }

  /// Types text literally.
  func type(_ text: String) throws { try run(["tmux", "-S", socket, "send-keys", "-t", "main", "-l", text]) }

  func resize(cols: Int, rows: Int) throws {
    try run(["tmux", "-S", socket, "resize-window", "-t", "main", "-x", "\(cols)", "-y", "\(rows)"])
  }

  /// The pane's text, one line per row.
  func capture() throws -> String { try run(["tmux", "-S", socket, "capture-pane", "-p", "-t", "main"]).out }

  /// A tmux format about the pane, e.g. `#{alternate_on}`.
  func display(_ format: String) throws -> String {
    try run(["tmux", "-S", socket, "display-message", "-p", "-t", "main", format]).out
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The pid of the pane's first process (the `sh -c` running the command).
  func panePID() throws -> Int32? { Int32(try display("#{pane_pid}")) }

  /// Polls the screen (50 ms steps) until `predicate` holds; prints the screen on timeout.
  @discardableResult
  func waitFor(
    _ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
    _ predicate: (String) -> Bool
  ) throws -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    repeat {
      screen = try capture()
      if predicate(screen) { return screen }
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < deadline
    print("---- screen when giving up waiting for \(what) ----\n\(screen)\n----")
    Issue.record("timed out after \(Int(timeout)) s waiting for \(what)", sourceLocation: sourceLocation)
    return nil
  }

  /// Stops the server: `kill-server`, then SIGKILL if it is still there after 2 s.
  func kill() {
    guard server.isRunning else { return }
    _ = try? run(["tmux", "-S", socket, "kill-server"])
    let deadline = Date().addingTimeInterval(2)
    while server.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if server.isRunning { Glibc.kill(server.processIdentifier, SIGKILL) }
    server.waitUntilExit()
  }

  deinit { kill() }
}

/// The children of a process, from /proc.
func childPIDs(of parent: Int32) -> [(pid: Int32, name: String)] {
  guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
  var out: [(Int32, String)] = []
  for e in entries {
    guard let pid = Int32(e), let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8) else { continue }
    // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'.
    guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
    let name = String(stat[stat.index(after: open)..<close])
    let rest = stat[stat.index(after: close)...].split(separator: " ")
    if rest.count > 1, Int32(rest[1]) == parent { out.append((pid, name)) }
  }
  return out
}

/// The shell line that runs `followup` and, once it has ended, reports how the terminal was
/// left: the exit status, the tty modes that matter, and a marker.
func commandReportingTerminal(_ args: [String]) -> String {
  let run = ([E2E.binary] + args).map(shellQuote).joined(separator: " ")
  let modes = "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost|ixon)$' | tr '\\n' ' '"
  return "\(run); echo \"EXIT=$?\"; echo \"STTY: $(\(modes))\"; echo DONE; exec sleep 600"
}

/// After the program ended: its exit status, and a terminal as the shell needs it.
func expectTerminalRestored(_ tmux: TmuxSession, exit: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
  guard let screen = try tmux.waitFor("the shell after the program", sourceLocation: sourceLocation, { $0.contains("DONE") }) else { return }
  #expect(screen.contains("EXIT=\(exit)"), "exit status, screen:\n\(screen)", sourceLocation: sourceLocation)
  let modes = screen.split(separator: "\n").first { $0.hasPrefix("STTY: ") }.map { $0.dropFirst(6).split(separator: " ").map(String.init) } ?? []
  for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
    #expect(modes.contains(mode), "\(mode) is not back on: \(modes)", sourceLocation: sourceLocation)
  }
  #expect(try tmux.display("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
  #expect(try tmux.display("#{cursor_flag}") == "1", "the cursor is still hidden", sourceLocation: sourceLocation)
  #expect(try tmux.display("#{mouse_any_flag}") == "0", "mouse reporting is still on", sourceLocation: sourceLocation)
  #expect(!screen.contains("FollowUp ·"), "the interface is still on screen:\n\(screen)", sourceLocation: sourceLocation)
}
