import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One private tmux server with one pane, for driving the real interface.
///
/// The server runs in the foreground (`tmux -D`) as our own child on a socket in the scratch
/// folder; every other tmux call is a short-lived client. All of them start through `Child`,
/// with an empty signal mask (SWIFT-LINUX-NOTES §4.3). A test waits for what the screen shows
/// (`waitFor`, `await`), never for a time or a number of presses.
public final class Tmux: @unchecked Sendable {
  /// The scratch folder the server and the pane's program run in.
  public let scratch: Scratch
  /// The server's socket.
  public let socket: String
  /// The server process.
  public let server: Child
  private var stopped = false
  private let lock = NSLock()

  /// Starts a server and a `cols × rows` session running `command` (a `sh -c` line) in the
  /// scratch folder's environment.
  public init(_ scratch: Scratch, command: String, cols: Int = 100, rows: Int = 30) throws {
    self.scratch = scratch
    socket = scratch.path("tmux.sock")
    server = try scratch.start(["-D", "-S", socket, "-f", "/dev/null"], program: Paths.tmux ?? "tmux")
    var last = RunResult(ending: .exited(-1), stdout: Data(), stderr: Data())
    let up = try waitUntil {
      last = try client(["list-sessions"])
      return !last.err.contains("no server running") && !last.err.contains("error connecting")
    }
    guard up else {
      stop()
      throw TestFailure("tmux did not start: \(last.err)")
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
      throw TestFailure("tmux session did not start: \(r.err)")
    }
  }

  deinit { stop() }

  /// Runs one tmux client command against this server.
  @discardableResult
  public func client(_ args: [String]) throws -> RunResult {
    try scratch.start(["-S", socket] + args, program: Paths.tmux ?? "tmux").wait()
  }

  /// Presses keys by tmux name (`Enter`, `Space`, `Down`, `q`…).
  public func send(_ keys: String...) throws { try client(["send-keys", "-t", "main"] + keys) }

  /// Types text literally.
  public func type(_ text: String) throws { try client(["send-keys", "-t", "main", "-l", text]) }

  /// Resizes the window (the program sees SIGWINCH).
  public func resize(cols: Int, rows: Int) throws {
    try client(["resize-window", "-t", "main", "-x", "\(cols)", "-y", "\(rows)"])
  }

  /// The pane's text, one line per row.
  public func capture() throws -> String { try client(["capture-pane", "-p", "-t", "main"]).out }

  /// A tmux format about the pane, e.g. `#{alternate_on}`.
  public func display(_ format: String) throws -> String {
    try client(["display-message", "-p", "-t", "main", format]).out.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The pid of the pane's first process (the `sh -c` running the command).
  public func panePID() throws -> pid_t? { pid_t(try display("#{pane_pid}")) }

  /// Replaces whatever runs in the pane with a new command.
  public func respawn(_ command: String) throws {
    let r = try client(["respawn-pane", "-k", "-t", "main", command])
    if r.status != 0 {
      let panes = try client([
        "list-panes", "-a", "-F", "#{session_name}:#{window_index}.#{pane_index} #{pane_dead} #{pane_current_command}",
      ])
      throw TestFailure("respawn-pane failed: \(r.err) (panes: \(panes.out) \(panes.err))")
    }
  }

  /// Copies every byte the pane's program writes into `path` from now on.
  public func recordOutput(to path: String) throws {
    let r = try client(["pipe-pane", "-o", "-t", "main", "cat >> \(shellQuote(path))"])
    if r.status != 0 { throw TestFailure("pipe-pane failed: \(r.err)") }
  }

  /// Polls the screen until `predicate` holds and returns it; on timeout, records an issue,
  /// prints the screen and returns nil.
  @discardableResult
  public func waitFor(
    _ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
    _ predicate: (String) -> Bool
  ) throws -> String? {
    var screen = ""
    let shown = try waitUntil(timeout: timeout, poll: 0.03) {
      screen = try capture()
      return predicate(screen)
    }
    if shown { return screen }
    print("---- screen when giving up waiting for \(what) ----\n\(screen)\n----")
    Issue.record("timed out after \(Int(timeout)) s waiting for \(what)", sourceLocation: sourceLocation)
    return nil
  }

  /// Like `waitFor`, but throws when the screen never comes. (Call it outside `#require` and
  /// `#expect`: a closure passed inside those macros' expansion was seen to be swapped for
  /// another closure of the same test by the Swift 6.3 compiler.)
  @discardableResult
  public func await(
    _ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
    _ predicate: (String) -> Bool
  ) throws -> String {
    guard let screen = try waitFor(what, timeout: timeout, sourceLocation: sourceLocation, predicate) else {
      throw TestFailure("the screen never showed \(what)")
    }
    return screen
  }

  /// Stops the server: `kill-server`, then SIGKILL if it is still there after 2 s. Safe to
  /// call more than once.
  public func stop() {
    lock.lock()
    let already = stopped
    stopped = true
    lock.unlock()
    if already { return }
    _ = try? client(["kill-server"])
    waitUntil(timeout: 2) { !processAlive(server.pid) }
    server.signal(SIGKILL)
    _ = server.wait()
  }
}
