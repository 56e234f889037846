import FollowUpCore

/// Turns libpq and server errors into one sentence a desk officer can act on.
public enum ServerErrors {
  /// The sentence for an error met while talking to the server at `place`; `role` is the
  /// login's FollowUp role when known, to say which rule refused a change.
  public static func translate(_ e: PGError, place: String, role: ServerRole? = nil) -> UserError {
    let m = e.message
    if e.sqlstate == PGError.commitUncertain {
      return UserError(
        .serverCommitLost,
        vi: "Mất kết nối tới máy chủ \(place) đúng lúc lưu; xem 'followup history' để biết thay đổi đã được ghi chưa trước khi làm lại",
        en: "The connection to the server \(place) was lost while saving; check 'followup history' to see whether the change was recorded before repeating it")
    }
    if e.connectionLost && e.sqlstate.isEmpty {
      return connectFailure(m, place: place)
    }
    if e.connectionLost {
      return UserError(
        .serverLost,
        vi: "Mất kết nối tới máy chủ \(place) (máy chủ có thể vừa khởi động lại); không có gì thay đổi, hãy chạy lại lệnh",
        en: "The connection to the server \(place) was lost (it may have been restarted); nothing was changed, run the command again")
    }
    switch e.sqlstate {
    case "42501":
      if m.contains("row-level security") {
        if let rule = PermissionRule.allCases.first(where: { m.contains("\"\($0.rawValue)\"") }) { return rule.error }
        return GrantRule.refused(table: e.table.isEmpty ? tableName(in: m) : e.table, role: role)
      }
      if m.contains("for schema followup") {
        return notGranted(place)
      }
      return GrantRule.refused(table: e.table.isEmpty ? tableName(in: m) : e.table, role: role)
    case "42P01", "3F000":
      return UserError(
        .serverNoSchema,
        vi: "Cơ sở dữ liệu \(place) chưa có bảng FollowUp; người quản trị chạy 'followup server init' trước",
        en: "The database \(place) has no FollowUp tables yet; an administrator runs 'followup server init' first")
    case "40001", "40P01", "55P03":
      return UserError(
        .serverBusy,
        vi: "Máy chủ \(place) đang bận với thay đổi khác; không có gì thay đổi, thử lại sau",
        en: "The server \(place) is busy with another change; nothing was changed, try again shortly")
    case "53100":
      return UserError(
        .serverFull, vi: "Ổ đĩa của máy chủ \(place) đã đầy; không có gì thay đổi, báo người quản trị",
        en: "The server \(place) is out of disk space; nothing was changed, tell its administrator")
    case "25006":
      return UserError(
        .serverReadonly, vi: "Máy chủ \(place) chỉ cho đọc (bản sao); không có gì thay đổi",
        en: "The server \(place) is read-only (a standby); nothing was changed")
    default:
      return UserError(
        .serverError, vi: "Lỗi máy chủ \(place): \(m); không có gì thay đổi",
        en: "Server error on \(place): \(m); nothing was changed")
    }
  }

  static func notGranted(_ place: String) -> UserError {
    UserError(
      .serverNotGranted,
      vi: "Tài khoản này chưa được cấp quyền dùng FollowUp trên \(place); nhờ người quản trị chạy 'followup server grant'",
      en: "This login has no FollowUp role on \(place); ask the administrator to run 'followup server grant'")
  }

  /// The table a "permission denied for table X" message names.
  static func tableName(in message: String) -> String {
    guard let r = message.range(of: "for table ") else { return "?" }
    return String(message[r.upperBound...].prefix { $0 != " " && $0 != "\"" })
  }

  /// Why a connection could not be made, from libpq's message (it carries no SQLSTATE).
  static func connectFailure(_ m: String, place: String) -> UserError {
    let lower = m.lowercased()
    if lower.contains("password authentication failed") || lower.contains("no password supplied")
      || lower.contains("authentication failed") || lower.contains("scram")
    {
      return UserError(
        .serverAuth,
        vi: "Máy chủ \(place) từ chối đăng nhập (sai mật khẩu hoặc chưa có mật khẩu); kiểm tra PGPASSWORD hoặc ~/.pgpass",
        en: "The server \(place) refused the login (wrong or missing password); check PGPASSWORD or ~/.pgpass")
    }
    if lower.contains("no pg_hba.conf entry") {
      return UserError(
        .serverHba,
        vi: "Máy chủ \(place) không cho tài khoản này kết nối từ máy này (pg_hba.conf); báo người quản trị",
        en: "The server \(place) does not accept this login from this machine (pg_hba.conf); tell its administrator")
    }
    if lower.contains("role") && lower.contains("does not exist") {
      return UserError(
        .serverLogin,
        vi: "Máy chủ \(place) không có tài khoản này; người quản trị tạo nó bằng 'followup server grant'",
        en: "The server \(place) has no such login; an administrator creates it with 'followup server grant'")
    }
    if lower.contains("database") && lower.contains("does not exist") {
      return UserError(
        .serverDatabase,
        vi: "Máy chủ \(place) không có cơ sở dữ liệu này; kiểm tra tên trong địa chỉ postgresql://",
        en: "The server \(place) has no such database; check the name in the postgresql:// address")
    }
    if lower.contains("could not translate host name") {
      return UserError(
        .serverHost, vi: "Không tìm thấy máy chủ \(place); kiểm tra tên máy trong địa chỉ",
        en: "Cannot find the server \(place); check the host name in the address")
    }
    if lower.contains("timeout expired") {
      return UserError(
        .serverTimeout, vi: "Máy chủ \(place) không trả lời sau 10 giây; kiểm tra mạng rồi thử lại",
        en: "The server \(place) did not answer within 10 seconds; check the network and try again")
    }
    if lower.contains("ssl") || lower.contains("certificate") {
      return UserError(
        .serverTls, vi: "Không lập được kết nối mã hoá tới \(place); kiểm tra PGSSLMODE và chứng chỉ",
        en: "Cannot set up an encrypted connection to \(place); check PGSSLMODE and the certificates")
    }
    if lower.contains("invalid") || lower.contains("missing") && lower.contains("uri") {
      return UserError(
        .serverUrl, vi: "Địa chỉ máy chủ không hợp lệ (\(m)); viết dạng postgresql://tài_khoản@máy:cổng/csdl",
        en: "The server address is not valid (\(m)); write it as postgresql://login@host:port/database")
    }
    return UserError(
      .serverDown,
      vi: "Không kết nối được tới máy chủ \(place) (máy chủ tắt hoặc không tới được); không có gì thay đổi, thử lại khi máy chủ chạy",
      en: "Cannot reach the server \(place) (it is down or unreachable); nothing was changed, try again when it is running")
  }
}
