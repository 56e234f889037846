import ArgumentParser
import FollowUpCore
import FollowUpPostgres
import Foundation

extension ServerRole: ExpressibleByArgument {}

/// `followup server …`: setting up a PostgreSQL database for a whole office.
struct ServerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "server",
    abstract: "Set up a PostgreSQL database for a whole office: schema, roles and logins.",
    discussion: """
      The server is named by a postgresql:// address, given as the argument of init or with \
      --file (else FOLLOWUP_FILE, else the config's file). libpq's conventions apply: PGHOST, \
      PGUSER, PGPASSWORD, ~/.pgpass, PGSSLMODE, PGSERVICE.
      """,
    subcommands: [ServerInitCommand.self, ServerGrantCommand.self, ServerRevokeCommand.self, ServerUsersCommand.self])
}

extension GlobalOptions {
  /// The server address for `server` subcommands: `explicit`, else the data file setting,
  /// which must then be a server address.
  func serverAddress(_ explicit: String? = nil) throws -> String {
    let target = explicit ?? path
    guard Server.isAddress(target) else {
      throw UserError(
        .serverAddress,
        vi: "'\(target)' không phải địa chỉ máy chủ; cho địa chỉ dạng postgresql://tài_khoản@máy/csdl",
        en: "'\(target)' is not a server address; give one like postgresql://login@host/database")
    }
    return target
  }
}

struct ServerInitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create or upgrade FollowUp's schema and group roles in a database (run as its administrator).")

  @OptionGroup var global: GlobalOptions
  @Argument(help: ArgumentHelp("The database, e.g. postgresql://admin@db.vp.local/followup.", valueName: "url"))
  var url: String?

  func run() throws {
    let target = try global.serverAddress(url)
    let outcome = try Server.initialize(target, directory: (GlobalOptions.bundledDirectory, []))
    let l = global.language
    if outcome.from == outcome.to {
      emit(l.pick(vi: "Lược đồ đã ở phiên bản \(outcome.to); không có gì thay đổi.", en: "The schema is already at version \(outcome.to); nothing changed."))
    } else if outcome.from == 0 {
      emit(l.pick(
        vi: "Đã tạo lược đồ FollowUp (phiên bản \(outcome.to)) và các vai trò followup_office, followup_agency, followup_viewer. Tiếp theo: followup server grant TÀI_KHOẢN --role office|agency|viewer",
        en: "Created the FollowUp schema (version \(outcome.to)) and the roles followup_office, followup_agency, followup_viewer. Next: followup server grant LOGIN --role office|agency|viewer"))
    } else {
      emit(l.pick(vi: "Đã nâng lược đồ từ phiên bản \(outcome.from) lên \(outcome.to).", en: "Upgraded the schema from version \(outcome.from) to \(outcome.to)."))
    }
  }
}

struct ServerGrantCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grant",
    abstract: "Give a database login its FollowUp role, creating the login if needed.",
    discussion: """
      office: everything. agency: reads everything; adds notes on tasks its agency leads or \
      coordinates, reports completion and requests extensions on tasks it leads. viewer: reads only.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: ArgumentHelp("The database login, e.g. thuy_snv.", valueName: "login")) var login: String
  @Option(help: "office, agency or viewer.") var role: ServerRole
  @Option(help: ArgumentHelp("The agency an agency login updates (its code).", valueName: "code")) var agency: String?
  @Option(help: ArgumentHelp("The person the login is (a ref from 'followup people').", valueName: "ref")) var person: String?

  func run() throws {
    let created = try Server.grant(try global.serverAddress(), login: login, role: role, agency: agency, person: person)
    let l = global.language
    emit(l.pick(vi: "Đã cấp vai trò \(role.rawValue) cho \(login).", en: "Granted \(role.rawValue) to \(login)."))
    if created {
      emit(l.pick(
        vi: "Tài khoản \(login) mới được tạo, chưa có mật khẩu: đặt bằng psql (\\password \(login)) hoặc dùng xác thực của máy chủ.",
        en: "The login \(login) is new and has no password: set one in psql (\\password \(login)) or use the server's own authentication."))
    }
  }
}

struct ServerRevokeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke", abstract: "Take a login's FollowUp role away (the login stays; history names it).")

  @OptionGroup var global: GlobalOptions
  @Argument(help: ArgumentHelp("The database login.", valueName: "login")) var login: String

  func run() throws {
    try Server.revoke(try global.serverAddress(), login: login)
    emit(global.language.pick(vi: "Đã thu hồi quyền FollowUp của \(login).", en: "Revoked \(login)'s FollowUp role."))
  }
}

struct ServerUsersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "users", abstract: "List the logins with a FollowUp role.")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let users = try Server.users(try global.serverAddress())
    let l = global.language
    let header = [l.pick(vi: "Tài khoản", en: "Login"), l.pick(vi: "Vai trò", en: "Role"), l.pick(vi: "Cơ quan", en: "Agency"), l.pick(vi: "Người", en: "Person"), l.pick(vi: "Đăng nhập", en: "Can log in")]
    let rows = users.map { u in
      [u.name, u.role.rawValue, u.agency ?? "", u.person ?? "", u.canLogin ? l.pick(vi: "có", en: "yes") : l.pick(vi: "không", en: "no")]
    }
    let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
    for r in [header] + rows {
      emit(r.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
  }
}
