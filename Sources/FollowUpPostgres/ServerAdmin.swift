import FollowUpCore
import Foundation

/// Connecting to a FollowUp server and the administrator's commands: creating or upgrading
/// the schema and giving logins their role.
public enum Server {
  /// Whether a `--file` value names a server rather than a file.
  public static func isAddress(_ target: String) -> Bool {
    target.hasPrefix("postgresql://") || target.hasPrefix("postgres://")
  }

  /// Connects, turning a failure into one sentence.
  public static func connect(_ target: String) throws -> PGConnection {
    do {
      return try PGConnection(target)
    } catch let e as PGError {
      throw ServerErrors.translate(e, place: e.place.isEmpty ? PGConnection.redact(target) : e.place)
    }
  }

  /// Runs `body`, turning server errors into sentences.
  public static func translating<T>(_ pg: PGConnection, role: ServerRole? = nil, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as PGError {
      throw ServerErrors.translate(e, place: pg.place, role: role)
    }
  }

  /// The schema version of a database: 0 when it has none.
  static func schemaVersion(_ pg: PGConnection) throws -> Int {
    let exists = try pg.execute("SELECT to_regclass('followup.schema_version') IS NOT NULL AS present")
    guard exists.first?.bool("present") == true else { return 0 }
    return try pg.execute("SELECT max(version) AS v FROM followup.schema_version").first?.int("v") ?? 0
  }

  /// Refuses a database written by a newer FollowUp, as a newer file is refused.
  static func checkNotNewer(_ version: Int, place: String) throws {
    if version > ServerSchema.currentVersion {
      throw UserError(
        .serverNewer,
        vi: "Cơ sở dữ liệu \(place) do phiên bản FollowUp mới hơn tạo ra (lược đồ \(version)); hãy cập nhật chương trình, không có gì thay đổi",
        en: "The database \(place) was set up by a newer FollowUp (schema \(version)); update the program (nothing was changed)")
    }
  }

  /// What `initialize` did.
  public struct InitOutcome: Sendable, Hashable {
    /// The schema version found.
    public var from: Int
    /// The schema version now.
    public var to: Int
  }

  /// Creates the group roles and the schema, or upgrades it; a new schema starts with
  /// `directory`. All in one transaction: a failure leaves the database as it was.
  public static func initialize(_ target: String, directory: (agencies: [Agency], people: [Person]) = ([], []))
    throws -> InitOutcome
  {
    let pg = try connect(target)
    return try translating(pg) {
      let version = try schemaVersion(pg)
      try checkNotNewer(version, place: pg.place)
      let canCreateRoles = try pg.execute(
        "SELECT rolsuper OR rolcreaterole AS ok FROM pg_roles WHERE rolname = current_user"
      ).first?.bool("ok") ?? false
      guard canCreateRoles else {
        throw UserError(
          .serverInitRights,
          vi: "Tài khoản \(pg.login) không được tạo vai trò trên \(pg.place); chạy 'followup server init' bằng tài khoản quản trị (CREATEROLE)",
          en: "The login \(pg.login) may not create roles on \(pg.place); run 'followup server init' as an administrator (CREATEROLE)")
      }
      return try pg.transaction {
        // Two administrators initialising at once: the second waits, then finds it done.
        try pg.execute("SELECT pg_advisory_xact_lock(4626508176)")
        try pg.execute("SELECT set_config('followup.kind', 'directory', true), set_config('followup.summary', 'server init', true)")
        let found = try schemaVersion(pg)
        try checkNotNewer(found, place: pg.place)
        try pg.execute(ServerSchema.createRoles)
        try pg.execute("CREATE SCHEMA IF NOT EXISTS followup")
        try pg.execute("CREATE TABLE IF NOT EXISTS followup.schema_version (version int NOT NULL)")
        for (i, sql) in ServerSchema.migrations.enumerated() where i + 1 > found {
          try pg.execute(sql)
          try pg.execute("INSERT INTO followup.schema_version (version) VALUES ($1)", [i + 1])
        }
        if found < ServerSchema.currentVersion { try pg.execute(ServerSchema.rulesSQL) }
        if found == 0 {
          for a in directory.agencies { try ServerRows.save(a, pg) }
          for p in directory.people { try ServerRows.save(p, pg) }
        }
        return InitOutcome(from: found, to: ServerSchema.currentVersion)
      }
    }
  }

  /// One login's FollowUp role.
  public struct Login: Sendable, Hashable {
    /// The database login.
    public var name: String
    /// Its role.
    public var role: ServerRole
    /// Its agency's code, if any.
    public var agency: String?
    /// Its person's ref, if any.
    public var person: String?
    /// Whether the database lets it log in.
    public var canLogin: Bool
  }

  /// Gives a login its role (creating the login, without a password, if it does not exist).
  /// Returns whether the login was created.
  @discardableResult
  public static func grant(
    _ target: String, login: String, role: ServerRole, agency: String? = nil, person: String? = nil
  ) throws -> Bool {
    let pg = try connect(target)
    return try translating(pg) {
      try requireSchema(pg)
      guard !login.isEmpty, !login.hasPrefix("followup_"), !login.hasPrefix("pg_") else {
        throw UserError(
          .serverLoginName, vi: "Tên tài khoản '\(login)' không dùng được; chọn tên khác",
          en: "The login name '\(login)' cannot be used; choose another")
      }
      if role == .agency && agency == nil {
        throw UserError(
          .serverGrantAgency, vi: "Tài khoản cơ quan cần --agency MÃ (cơ quan mà người này cập nhật)",
          en: "An agency login needs --agency CODE (the agency whose tasks it updates)")
      }
      var agencyCode: String?
      if let agency {
        guard let code = try pg.execute("SELECT code FROM followup.agency WHERE upper(code) = upper($1)", [agency]).first?["code"]
        else {
          throw UserError(
            .serverGrantAgency, vi: "Không có cơ quan mã '\(agency)'; xem 'followup agencies'",
            en: "There is no agency with the code '\(agency)'; see 'followup agencies'")
        }
        agencyCode = code
      }
      if let person, try pg.execute("SELECT 1 FROM followup.person WHERE ref = $1", [person]).isEmpty {
        throw UserError(
          .serverGrantPerson, vi: "Không có người mã '\(person)'; xem 'followup people'",
          en: "There is no person with the ref '\(person)'; see 'followup people'")
      }
      return try pg.transaction {
        let q = PGConnection.quoteIdentifier(login)
        let exists = try !pg.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).isEmpty
        if !exists { try pg.execute("CREATE ROLE \(q) LOGIN") }
        for other in ServerRole.allCases where other != role {
          try pg.execute("REVOKE \(other.groupRole) FROM \(q)")
        }
        try pg.execute("GRANT \(role.groupRole) TO \(q)")
        // psql sessions of the login find the tables without a schema prefix.
        try pg.execute("ALTER ROLE \(q) SET search_path = followup, public")
        try pg.execute(
          """
          INSERT INTO followup.login (name, role, agency, person) VALUES ($1, $2, $3, $4)
          ON CONFLICT (name) DO UPDATE SET role = excluded.role, agency = excluded.agency, person = excluded.person
          """, [login, role.rawValue, agencyCode, person])
        return !exists
      }
    }
  }

  /// Takes a login's FollowUp role away (the login itself stays: history names it).
  public static func revoke(_ target: String, login: String) throws {
    let pg = try connect(target)
    try translating(pg) {
      try requireSchema(pg)
      try pg.transaction {
        let known = try !pg.execute("SELECT 1 FROM followup.login WHERE name = $1", [login]).isEmpty
        let exists = try !pg.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).isEmpty
        guard known || exists else {
          throw UserError(
            .serverRevoke, vi: "Không có tài khoản '\(login)'; xem 'followup server users'",
            en: "There is no login '\(login)'; see 'followup server users'")
        }
        if exists {
          for r in ServerRole.allCases { try pg.execute("REVOKE \(r.groupRole) FROM \(PGConnection.quoteIdentifier(login))") }
        }
        try pg.execute("DELETE FROM followup.login WHERE name = $1", [login])
      }
    }
  }

  /// The logins with a FollowUp role, by name.
  public static func users(_ target: String) throws -> [Login] {
    let pg = try connect(target)
    return try translating(pg) {
      try requireSchema(pg)
      return try pg.execute(
        """
        SELECT l.name, l.role, l.agency, l.person, coalesce(r.rolcanlogin, false) AS can_login
        FROM followup.login l LEFT JOIN pg_roles r ON r.rolname = l.name ORDER BY l.name
        """
      ).compactMap { r in
        ServerRole(rawValue: r.string("role")).map {
          Login(name: r.string("name"), role: $0, agency: r["agency"], person: r["person"], canLogin: r.bool("can_login"))
        }
      }
    }
  }

  /// Refuses a database without the schema, or with a newer one.
  static func requireSchema(_ pg: PGConnection) throws {
    let v = try schemaVersion(pg)
    if v == 0 { throw ServerErrors.translate(PGError(sqlstate: "42P01", message: ""), place: pg.place) }
    try checkNotNewer(v, place: pg.place)
  }

  /// The FollowUp role of the connected login (nil for the schema owner or an ungranted login).
  public static func role(of pg: PGConnection) throws -> ServerRole? {
    try pg.execute("SELECT role FROM followup.login WHERE name = current_user::text").first.flatMap {
      ServerRole(rawValue: $0.string("role"))
    }
  }
}
