import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One private tmux server with one pane, for driving the real interface.
///
/// Like `Tests/FollowUpE2ETests/Tmux.swift` (SWIFT-LINUX-NOTES §4): the server runs in the
/// foreground (`tmux -D`) as our own child, every other tmux call is a short-lived client,
/// and children start with an empty signal mask. Children are started with posix_spawn
/// (`Child`), which has neither of Foundation.Process's two traps.
final class Tmux {
  let scratch: Scratch
  let socket: String
  let server: Child

  /// Starts a server and a `cols × rows` session running `command` (a `sh -c` line).
  init(_ scratch: Scratch, command: String, cols: Int = 100, rows: Int = 30) throws {
    self.scratch = scratch
    socket = scratch.path("tmux.sock")
    server = try scratch.start(["-D", "-S", socket, "-f", "/dev/null"], program: Paths.tmux ?? "tmux")
    let deadline = Date().addingTimeInterval(10)
    while true {
      let r = try client(["list-sessions"])
      if !r.err.contains("no server running") && !r.err.contains("error connecting") { break }
      if Date() > deadline {
        stop()
        throw CLIError("tmux did not start: \(r.err)")
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    var args = ["new-session", "-d", "-s", "main", "-x", "\(cols)", "-y", "\(rows)"]
    args += ["-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color"]
    for (k, v) in scratch.environment.sorted(by: { $0.key < $1.key }) where k != "LANG" && k != "PATH" {
      args += ["-e", "\(k)=\(v)"]
    }
    args.append(command)
    let r = try client(args)
    guard r.status == 0 else {
      stop()
      throw CLIError("tmux session did not start: \(r.err)")
    }
  }

  @discardableResult
  func client(_ args: [String]) throws -> Outcome {
    try scratch.start(["-S", socket] + args, program: Paths.tmux ?? "tmux").wait()
  }

  /// Presses keys by tmux name (`Enter`, `Space`, `q`…).
  func send(_ keys: String...) throws { try client(["send-keys", "-t", "main"] + keys) }

  /// Types text literally.
  func type(_ text: String) throws { try client(["send-keys", "-t", "main", "-l", text]) }

  /// The pane's text.
  func capture() throws -> String { try client(["capture-pane", "-p", "-t", "main"]).out }

  /// A tmux format about the pane.
  func display(_ format: String) throws -> String {
    try client(["display-message", "-p", "-t", "main", format]).out.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The pid of the pane's process.
  func panePID() throws -> pid_t? { pid_t(try display("#{pane_pid}")) }

  /// Replaces whatever runs in the pane with a new command.
  func respawn(_ command: String) throws {
    let r = try client(["respawn-pane", "-k", "-t", "main", command])
    if r.status != 0 {
      let sessions = try client(["list-panes", "-a", "-F", "#{session_name}:#{window_index}.#{pane_index} #{pane_dead} #{pane_current_command}"])
      throw CLIError("respawn-pane failed: \(r.err) (panes: \(sessions.out) \(sessions.err))")
    }
  }

  /// Copies every byte the pane's program writes into `path` from now on.
  func recordOutput(to path: String) throws {
    let r = try client(["pipe-pane", "-o", "-t", "main", "cat >> '\(path)'"])
    if r.status != 0 { throw CLIError("pipe-pane failed: \(r.err)") }
  }

  /// Polls the screen until `predicate` holds; records an issue and prints the screen on timeout.
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
      Thread.sleep(forTimeInterval: 0.03)
    } while Date() < deadline
    print("---- screen when giving up waiting for \(what) ----\n\(screen)\n----")
    Issue.record("timed out after \(Int(timeout)) s waiting for \(what)", sourceLocation: sourceLocation)
    return nil
  }

  /// Like `waitFor`, but throws when the screen never comes. (Call it outside `#require`
  /// and `#expect`: a closure passed inside those macros' expansion was seen to be swapped
  /// for another closure of the same test by the Swift 6.3 compiler.)
  @discardableResult
  func await(
    _ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
    _ predicate: (String) -> Bool
  ) throws -> String {
    guard let screen = try waitFor(what, timeout: timeout, sourceLocation: sourceLocation, predicate) else {
      throw CLIError("the screen never showed \(what)")
    }
    return screen
  }

  /// Stops the server: `kill-server`, then SIGKILL.
  func stop() {
    _ = try? client(["kill-server"])
    let deadline = Date().addingTimeInterval(2)
    while processAlive(server.pid) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    server.signal(SIGKILL)
    _ = server.wait()
  }
}

/// Whether a process exists and is not a zombie.
func processAlive(_ pid: pid_t) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = stat.lastIndex(of: ")")
  else { return false }
  let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
  return state != "Z" && state != "X"
}

/// Waits up to `timeout` for a process to go; true when it went.
func waitGone(_ pid: pid_t, timeout: TimeInterval = 10) -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while processAlive(pid) {
    if Date() > deadline { return false }
    Thread.sleep(forTimeInterval: 0.02)
  }
  return true
}

/// Quotes a word for `sh`.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
