import FollowUpCore

/// The three kinds of login a server knows, each a group role the server's grants name.
public enum ServerRole: String, CaseIterable, Sendable {
  /// The tracking office (Văn phòng): everything.
  case office
  /// An agency's desk officer: reads everything, reports on its own agency's tasks.
  case agency
  /// A leader or auditor: reads only.
  case viewer

  /// The group role in the database.
  public var groupRole: String { "followup_" + rawValue }
}

/// One permission rule the database enforces with a restrictive row-level-security policy.
///
/// The policy is named after the case, so a refusal from the server (which names the policy)
/// is turned back into the rule's sentence here, and the SQL and the sentence cannot drift
/// apart.
public enum PermissionRule: String, CaseIterable, Sendable {
  /// An agency updates only the tasks its agency leads.
  case agencyUpdatesOwnTasks = "agency_updates_own_tasks"
  /// An agency neither accepts completions nor withdraws tasks.
  case agencyReportsOnly = "agency_reports_only"
  /// An agency adds notes where it leads or coordinates.
  case agencyNotesOwnOrCoordinated = "agency_notes_own_or_coordinated"
  /// An agency asks for extensions only on tasks it leads, and cannot decide them.
  case agencyRequestsExtensionsOnOwnTasks = "agency_requests_extensions_on_own_tasks"
  /// An agency removes a note only by undoing the action of its own login that added it.
  case agencyUndoesOwnNotes = "agency_undoes_own_notes"

  /// The table the policy is on.
  var table: String {
    switch self {
    case .agencyUpdatesOwnTasks, .agencyReportsOnly: "task"
    case .agencyNotesOwnOrCoordinated, .agencyUndoesOwnNotes: "note"
    case .agencyRequestsExtensionsOnOwnTasks: "extension"
    }
  }

  /// The command the policy restricts.
  var command: String {
    switch self {
    case .agencyUpdatesOwnTasks, .agencyReportsOnly: "UPDATE"
    case .agencyNotesOwnOrCoordinated, .agencyRequestsExtensionsOnOwnTasks: "INSERT"
    case .agencyUndoesOwnNotes: "DELETE"
    }
  }

  /// The condition a new row must meet (for DELETE: the row removed), in SQL over the
  /// table's columns.
  var check: String {
    switch self {
    case .agencyUpdatesOwnTasks:
      "lead = followup.login_agency()"
    case .agencyReportsOnly:
      "status NOT IN ('done', 'withdrawn')"
    case .agencyNotesOwnOrCoordinated:
      """
      EXISTS (SELECT 1 FROM followup.task t WHERE t.id = task_id
        AND (t.lead = followup.login_agency() OR followup.login_agency() = ANY (t.coordinating)))
      """
    case .agencyRequestsExtensionsOnOwnTasks:
      """
      decision = 'pending' AND decided_on IS NULL AND granted_text IS NULL
        AND EXISTS (SELECT 1 FROM followup.task t WHERE t.id = task_id AND t.lead = followup.login_agency())
      """
    case .agencyUndoesOwnNotes:
      // The transaction undoes (followup.target) an action of this login, not undone yet,
      // that added this very note (its number is past the notes the task had before).
      """
      "by" = session_user::text AND current_setting('followup.kind', true) = 'undo'
        AND EXISTS (SELECT 1 FROM followup.action a JOIN followup.action_task at ON at.action_id = a.id
          WHERE a.id = nullif(current_setting('followup.target', true), '')::bigint
            AND a.by = session_user::text AND NOT a.undone AND at.task_id = note.task_id
            AND seq > jsonb_array_length(coalesce(at.before -> 'notes', '[]'::jsonb)))
      """
    }
  }

  /// The statement that creates the policy.
  var createSQL: String {
    let clauses: String
    switch command {
    case "UPDATE": clauses = "USING (true) WITH CHECK (\(check))"
    // A row a DELETE policy refuses is left out silently; the store counts what it removed.
    case "DELETE": clauses = "USING (\(check))"
    default: clauses = "WITH CHECK (\(check))"
    }
    return """
      CREATE POLICY \(rawValue) ON followup.\(table) AS RESTRICTIVE FOR \(command) TO followup_agency
        \(clauses);
      """
  }

  /// Statements that put the policy as declared now in place of an older version of it (a
  /// migration that changes a rule runs these).
  var replaceSQL: String { "DROP POLICY IF EXISTS \(rawValue) ON followup.\(table);\n" + createSQL }

  /// The sentence a refusal gives.
  public var error: UserError {
    switch self {
    case .agencyUpdatesOwnTasks:
      UserError(
        .serverRuleOwnTasks,
        vi: "Không được phép: tài khoản cơ quan chỉ cập nhật nhiệm vụ do cơ quan mình chủ trì; không có gì thay đổi",
        en: "Not allowed: an agency login updates only tasks its own agency leads; nothing was changed")
    case .agencyReportsOnly:
      UserError(
        .serverRuleReportOnly,
        vi: "Không được phép: tài khoản cơ quan chỉ báo cáo hoàn thành (trạng thái 'đã báo cáo'), việc công nhận hoàn thành hay rút nhiệm vụ do Văn phòng quyết định; không có gì thay đổi",
        en: "Not allowed: an agency login reports completion (status 'reported'); only the office accepts it as done or withdraws a task; nothing was changed")
    case .agencyNotesOwnOrCoordinated:
      UserError(
        .serverRuleNotes,
        vi: "Không được phép: tài khoản cơ quan chỉ ghi tiến độ cho nhiệm vụ cơ quan mình chủ trì hoặc phối hợp; không có gì thay đổi",
        en: "Not allowed: an agency login adds notes only to tasks its agency leads or coordinates; nothing was changed")
    case .agencyRequestsExtensionsOnOwnTasks:
      UserError(
        .serverRuleExtensions,
        vi: "Không được phép: tài khoản cơ quan chỉ xin gia hạn cho nhiệm vụ cơ quan mình chủ trì, việc chấp thuận do Văn phòng quyết định; không có gì thay đổi",
        en: "Not allowed: an agency login requests extensions only on tasks its agency leads, and only the office decides them; nothing was changed")
    case .agencyUndoesOwnNotes:
      UserError(
        .serverRuleNoteUndo,
        vi: "Không được phép: tài khoản cơ quan chỉ gỡ ghi chú tiến độ do chính mình thêm, bằng cách hoàn tác; không có gì thay đổi",
        en: "Not allowed: an agency login removes only a progress note it added itself, by undoing it; nothing was changed")
    }
  }
}

/// What a role may not do at all (no grant): the sentence for a "permission denied" on a table.
enum GrantRule {
  static func refused(table: String, role: ServerRole?) -> UserError {
    switch role {
    case .viewer?:
      return UserError(
        .serverRuleViewer,
        vi: "Không được phép: tài khoản chỉ xem không thay đổi được dữ liệu; không có gì thay đổi",
        en: "Not allowed: a viewer login reads only; nothing was changed")
    case .agency?:
      return UserError(
        .serverRuleAgency,
        vi: "Không được phép: tài khoản cơ quan không thêm, xoá, giao lại nhiệm vụ, không sửa danh mục và không quyết định gia hạn (bảng \(table)); không có gì thay đổi",
        en: "Not allowed: an agency login cannot add, delete or reassign tasks, change the directory or decide extensions (table \(table)); nothing was changed")
    case .office?, nil:
      return UserError(
        .serverRuleDenied,
        vi: "Không được phép: tài khoản này không có quyền trên bảng \(table); nhờ quản trị cấp quyền bằng 'followup server grant'",
        en: "Not allowed: this login has no right on the table \(table); ask the administrator to run 'followup server grant'")
    }
  }
}
