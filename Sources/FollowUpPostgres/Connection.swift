import CLibpq
import FollowUpCore
import Foundation

/// A value that can be sent as a statement parameter (`$1`, `$2`, …), in PostgreSQL's text form.
public protocol PGParameter {
  /// The text PostgreSQL parses, or nil for NULL.
  var pgText: String? { get }
}

extension String: PGParameter {
  /// The string itself.
  public var pgText: String? { self }
}

extension Int: PGParameter {
  /// The decimal digits.
  public var pgText: String? { String(self) }
}

extension Bool: PGParameter {
  /// `t` or `f`.
  public var pgText: String? { self ? "t" : "f" }
}

extension Optional: PGParameter where Wrapped: PGParameter {
  /// The wrapped value's text, or NULL.
  public var pgText: String? { self?.pgText }
}

extension Array: PGParameter where Element == String {
  /// A text[] literal: every element quoted, so commas, braces and quotes survive.
  public var pgText: String? {
    "{" + map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
      .joined(separator: ",") + "}"
  }
}

/// One row of a result, its values in PostgreSQL's text form.
public struct PGRow: Sendable {
  let columns: [String: Int]
  /// The values, nil for NULL.
  public let values: [String?]

  /// The value of a column by name (nil for NULL or an unknown column).
  public subscript(_ name: String) -> String? {
    guard let i = columns[name] else { return nil }
    return values[i]
  }

  /// A text column, empty for NULL.
  public func string(_ name: String) -> String { self[name] ?? "" }

  /// An integer column, nil for NULL or non-numbers.
  public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

  /// A boolean column (`t`/`f`).
  public func bool(_ name: String) -> Bool { self[name] == "t" }

  /// A text[] column as strings (NULL and `{}` give an empty list).
  public func array(_ name: String) -> [String] { PGRow.parseArray(self[name] ?? "{}") }

  /// Parses PostgreSQL's one-dimensional text-array output, e.g. `{a,"b c",NULL}`.
  static func parseArray(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quoted = false, inQuotes = false, escaped = false
    let body = text.dropFirst().dropLast()
    guard !body.isEmpty else { return [] }
    for ch in body {
      if escaped {
        current.append(ch)
        escaped = false
      } else if ch == "\\" {
        escaped = true
      } else if ch == "\"" {
        inQuotes.toggle()
        quoted = true
      } else if ch == "," && !inQuotes {
        if quoted || current != "NULL" { out.append(current) }
        current = ""
        quoted = false
      } else {
        current.append(ch)
      }
    }
    if quoted || current != "NULL" { out.append(current) }
    return out
  }
}

/// A server error or a failed connection, with the fields PostgreSQL reports.
public struct PGError: Error, Sendable, CustomStringConvertible {
  /// The five-character SQLSTATE (empty when the connection itself failed).
  public var sqlstate: String
  /// The primary message, as the server or libpq wrote it.
  public var message: String
  /// The detail line, if any.
  public var detail: String = ""
  /// The constraint or policy a violation names, if any.
  public var constraint: String = ""
  /// The table involved, if any.
  public var table: String = ""
  /// Whether the connection was lost (as opposed to a statement refused on a live one).
  public var connectionLost: Bool = false
  /// Where the connection went (host:port/database), when the connection itself failed.
  public var place: String = ""

  /// The state and message, for logs.
  public var description: String { sqlstate.isEmpty ? message : "\(sqlstate): \(message)" }
}

/// A notification received on a channel this connection listens to.
public struct PGNotification: Sendable, Hashable {
  /// The channel.
  public var channel: String
  /// The payload text.
  public var payload: String
}

/// One libpq connection, used synchronously: each call sends one command and waits for its
/// result, matching the store's synchronous operations.
///
/// Not thread-safe: a store serialises its use of one connection.
public final class PGConnection {
  /// What was given to connect: a `postgresql://` URL or a `key=value` conninfo string.
  public let target: String
  private var conn: OpaquePointer?
  private var listening: [String] = []

  /// Connects, using libpq's conventions for everything the target leaves out (PGHOST,
  /// PGUSER, PGPASSWORD, ~/.pgpass, PGSSLMODE, PGSERVICE, service files).
  public init(_ target: String) throws {
    self.target = target
    try open()
  }

  deinit { if let conn { PQfinish(conn) } }

  private func open() throws {
    if let conn { PQfinish(conn) }
    // A connection that cannot be made in 10 s is reported rather than waited on for ever;
    // a target that sets its own connect_timeout keeps it.
    let withTimeout = PGConnection.addingDefault("connect_timeout", "10", to: target)
    conn = PQconnectdb(withTimeout)
    guard let conn, PQstatus(conn) == CONNECTION_OK else {
      let text = conn.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
      let shown = place
      if let conn { PQfinish(conn) }
      conn = nil
      throw PGError(
        sqlstate: "", message: text.trimmingCharacters(in: .whitespacesAndNewlines), connectionLost: true, place: shown)
    }
    // Notices (e.g. "relation already exists, skipping") are not the user's business.
    PQsetNoticeProcessor(conn, { _, _ in }, nil)
    // JIT compiling took longer than running FollowUp's short queries (350 ms of 450 for an
    // agency's list of 100,000 tasks); a target that sets jit itself (options=-c jit=on) wins.
    _ = try execute("SELECT set_config('search_path', 'followup, public', false)")
    if !target.contains("jit") { _ = try execute("SELECT set_config('jit', 'off', false)") }
    for channel in listening { _ = try execute("LISTEN " + PGConnection.quoteIdentifier(channel)) }
  }

  /// Adds `key=value` to a URL or conninfo string unless it already sets the key.
  static func addingDefault(_ key: String, _ value: String, to target: String) -> String {
    if target.contains(key + "=") { return target }
    if target.hasPrefix("postgresql://") || target.hasPrefix("postgres://") {
      return target + (target.contains("?") ? "&" : "?") + key + "=" + value
    }
    return target.isEmpty ? key + "=" + value : target + " " + key + "=" + value
  }

  /// Whether the connection is up as far as libpq knows.
  public var isAlive: Bool { conn.map { PQstatus($0) == CONNECTION_OK } ?? false }

  /// Drops the connection and makes a new one with the same target (listens renewed).
  public func reconnect() throws { try open() }

  /// Reads whatever the server sent meanwhile (a restart's goodbye, a closed socket) and says
  /// whether the connection is still up; notifications stay queued for `notifications()`.
  public func stillAlive() -> Bool {
    guard let conn, PQstatus(conn) == CONNECTION_OK else { return false }
    return PQconsumeInput(conn) != 0 && PQstatus(conn) == CONNECTION_OK
  }

  /// Where the connection goes, for messages: host, port and database, never a password.
  public var place: String {
    guard let conn, let h = PQhost(conn), let p = PQport(conn), let d = PQdb(conn) else {
      return PGConnection.redact(target)
    }
    let host = String(cString: h), port = String(cString: p), db = String(cString: d)
    let shownHost = host.hasPrefix("/") ? "local socket" : host
    return "\(shownHost):\(port)/\(db)"
  }

  /// The login the server authenticated.
  public var login: String { conn.map { String(cString: PQuser($0)) } ?? "" }

  /// A target with any password taken out, for messages.
  public static func redact(_ target: String) -> String {
    if let r = target.range(of: "://"), let at = target.range(of: "@", range: r.upperBound..<target.endIndex) {
      let userinfo = target[r.upperBound..<at.lowerBound]
      if let colon = userinfo.firstIndex(of: ":") {
        return String(target[..<colon]) + String(target[at.lowerBound...])
      }
    }
    return target.replacingOccurrences(of: #"password\s*=\s*\S+"#, with: "password=…", options: .regularExpression)
  }

  /// Quotes an identifier (a role or channel name) for SQL text.
  public static func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Runs one statement with parameters `$1`, `$2`, … and returns its rows.
  @discardableResult
  public func execute(_ sql: String, _ parameters: [any PGParameter] = []) throws -> [PGRow] {
    guard let conn else { throw PGError(sqlstate: "08003", message: "no connection", connectionLost: true) }
    let texts = parameters.map(\.pgText)
    // strdup'd copies live until the call returns; libpq copies what it sends.
    let cStrings: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
    defer { for p in cStrings { free(p) } }
    // Without parameters the simple protocol is used, which also runs scripts of several
    // statements (migrations); with them, the extended protocol keeps values out of the SQL.
    let result: OpaquePointer? = texts.isEmpty ? PQexec(conn, sql) : cStrings.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
          PQexecParams(conn, sql, Int32(texts.count), nil, $0, nil, nil, 0)
        }
      } ?? PQexecParams(conn, sql, 0, nil, nil, nil, nil, 0)
    }
    defer { PQclear(result) }
    guard let result else { throw lostError() }
    switch PQresultStatus(result) {
    case PGRES_TUPLES_OK:
      let n = Int(PQntuples(result)), m = Int(PQnfields(result))
      var columns: [String: Int] = [:]
      for j in 0..<m { columns[String(cString: PQfname(result, Int32(j)))] = j }
      var rows: [PGRow] = []
      rows.reserveCapacity(n)
      for i in 0..<n {
        var values: [String?] = []
        values.reserveCapacity(m)
        for j in 0..<m {
          values.append(
            PQgetisnull(result, Int32(i), Int32(j)) != 0 ? nil : String(cString: PQgetvalue(result, Int32(i), Int32(j))))
        }
        rows.append(PGRow(columns: columns, values: values))
      }
      return rows
    case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
      return []
    default:
      throw error(from: result)
    }
  }

  private func field(_ result: OpaquePointer, _ code: Character) -> String {
    guard let ascii = code.asciiValue, let p = PQresultErrorField(result, Int32(ascii)) else { return "" }
    return String(cString: p)
  }

  private func error(from result: OpaquePointer) -> PGError {
    let state = field(result, "C")
    var e = PGError(
      sqlstate: state, message: field(result, "M"), detail: field(result, "D"), constraint: field(result, "n"),
      table: field(result, "t"))
    if e.message.isEmpty { e.message = conn.map { String(cString: PQerrorMessage($0)) } ?? "" }
    // Class 08 is a connection exception; 57P01–57P03 are the server shutting down.
    e.connectionLost = !isAlive || state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    // libpq's own "server closed the connection unexpectedly" carries no SQLSTATE; an empty
    // one is kept for failures to connect at all.
    if e.connectionLost && state.isEmpty { e.sqlstate = "08006" }
    return e
  }

  private func lostError() -> PGError {
    let text = conn.map { String(cString: PQerrorMessage($0)) } ?? ""
    return PGError(sqlstate: "08006", message: text.trimmingCharacters(in: .whitespacesAndNewlines), connectionLost: true)
  }

  /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
  ///
  /// When the connection drops during COMMIT the outcome is unknown to the client; the error
  /// says so (`commitUncertain`) instead of claiming nothing happened.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN")
    let value: T
    do {
      value = try body()
    } catch {
      if isAlive { _ = try? execute("ROLLBACK") }
      throw error
    }
    do {
      try execute("COMMIT")
    } catch var e as PGError {
      if e.connectionLost { e.sqlstate = PGError.commitUncertain }
      throw e
    }
    return value
  }

  /// Starts listening to a channel; kept across reconnections.
  public func listen(_ channel: String) throws {
    try execute("LISTEN " + PGConnection.quoteIdentifier(channel))
    if !listening.contains(channel) { listening.append(channel) }
  }

  /// The socket to poll for notifications, or -1 without a connection.
  public var socket: Int32 { conn.map { PQsocket($0) } ?? -1 }

  /// Waits up to `milliseconds` for something to read; returns the notifications that
  /// arrived (none on timeout). Throws when the connection has been lost.
  public func notifications(waiting milliseconds: Int = 0) throws -> [PGNotification] {
    guard let conn else { throw lostError() }
    if milliseconds > 0 { _ = pq_wait_readable(conn, Int32(milliseconds)) }
    if PQconsumeInput(conn) == 0 { throw lostError() }
    var out: [PGNotification] = []
    while let n = PQnotifies(conn) {
      out.append(PGNotification(channel: String(cString: n.pointee.relname), payload: String(cString: n.pointee.extra)))
      PQfreemem(n)
    }
    return out
  }
}

extension PGError {
  /// The SQLSTATE given to a COMMIT whose connection dropped before the answer came.
  public static let commitUncertain = "FU001"
}
