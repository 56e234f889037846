import FollowUpCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What one run of the `followup` binary did.
struct RunResult {
  var status: Int32
  var stdout: Data
  var stderr: Data

  var out: String { String(decoding: stdout, as: UTF8.self) }
  var err: String { String(decoding: stderr, as: UTF8.self) }
  /// The non-empty lines written to standard error.
  var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

  /// Standard output parsed as JSON.
  func json() throws -> Any { try JSONSerialization.jsonObject(with: stdout, options: [.fragmentsAllowed]) }
}

/// A private folder with its own HOME and XDG_DATA_HOME, for running the real binary.
final class Sandbox {
  let dir: URL
  let home: URL
  let xdg: URL
  /// The data file most tests use.
  let file: String
  var user = "thuy"

  init() throws {
    dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("followup-cli-\(UUID().uuidString)")
    home = dir.appendingPathComponent("home")
    xdg = dir.appendingPathComponent("xdg")
    file = dir.appendingPathComponent("data.db").path
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: xdg, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: dir) }

  /// The built `followup`, next to the test bundle.
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("followup")
  }

  /// Writes a file in the sandbox and returns its path.
  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let url = dir.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
  }

  func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

  /// The sample data set as a file in the sandbox.
  func sampleFile() throws -> String { try write("sample.json", BundledData.sampleJSON) }

  /// A data file with the sample imported (through the binary).
  func importSample(into path: String? = nil) throws {
    let r = try run(["import", "--file", path ?? file, try sampleFile()])
    #expect(r.status == 0, "import failed: \(r.err)")
  }

  /// Runs `followup` with these arguments; stdin is /dev/null, stdout and stderr are captured.
  func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
    let outURL = dir.appendingPathComponent("stdout-\(UUID().uuidString)")
    let errURL = dir.appendingPathComponent("stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let p = Process()
    p.executableURL = Sandbox.binary
    p.arguments = arguments
    var env: [String: String] = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "LANG": "C.UTF-8", "TZ": "Asia/Ho_Chi_Minh", "FOLLOWUP_USER": user,
      "HOME": home.path, "XDG_DATA_HOME": xdg.path,
    ]
    env.merge(extra) { _, new in new }
    p.environment = env
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = outHandle
    p.standardError = errHandle
    try runWithCleanSignalMask(p)
    p.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return RunResult(
      status: p.terminationStatus, stdout: try Data(contentsOf: outURL),
      stderr: try Data(contentsOf: errURL))
  }

  /// The bytes of a data file and of its -wal file: everything a later reader would see.
  func snapshot(_ path: String? = nil) -> Data {
    let p = path ?? file
    return (FileManager.default.contents(atPath: p) ?? Data())
      + (FileManager.default.contents(atPath: p + "-wal") ?? Data())
  }
}

/// Runs `body` with a fresh sandbox, removed afterwards.
func withSandbox<T>(_ body: (Sandbox) throws -> T) throws -> T {
  let s = try Sandbox()
  defer { s.remove() }
  return try body(s)
}

/// Foundation.Process passes the calling thread's signal mask on to the child, and Swift
/// Testing's threads block most signals: clear the mask around `run()`.
func runWithCleanSignalMask(_ p: Process) throws {
  var none = sigset_t()
  var saved = sigset_t()
  sigemptyset(&none)
  pthread_sigmask(SIG_SETMASK, &none, &saved)
  defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
  try p.run()
}

/// Columns a string takes in a terminal: one per grapheme cluster (a Vietnamese letter with
/// its marks is one, whether NFC or NFD), two for East Asian wide characters, none for
/// control characters.
func displayWidth(_ s: String) -> Int {
  s.reduce(0) { w, ch in
    guard let v = ch.unicodeScalars.first?.value else { return w }
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return w }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return w + (wide.contains { $0.contains(v) } ? 2 : 1)
  }
}

/// A small RFC 4180 reader for checking CSV output (BOM stripped, CRLF or LF).
func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
  chars.append("\n")
  var i = 0
  var sawAnything = false
  while i < chars.count {
    let c = chars[i]
    if quoted {
      if c == "\"" {
        if i + 1 < chars.count && chars[i + 1] == "\"" {
          field.append("\"")
          i += 1
        } else {
          quoted = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
      sawAnything = true
    } else if c == "," {
      row.append(field)
      field = ""
      sawAnything = true
    } else if c == "\n" || c == "\r\n" {
      if sawAnything || !field.isEmpty { row.append(field) }
      if !row.isEmpty { rows.append(row) }
      row = []
      field = ""
      sawAnything = false
    } else if c != "\r" {
      field.append(c)
      sawAnything = true
    }
    i += 1
  }
  return rows
}

/// Digs into parsed JSON.
func obj(_ any: Any?) -> [String: Any] { any as? [String: Any] ?? [:] }
func arr(_ any: Any?) -> [Any] { any as? [Any] ?? [] }
