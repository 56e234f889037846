/// The workflow status a desk officer records; timeliness is derived, never stored.
public enum WorkflowStatus: String, Codable, Sendable, CaseIterable {
  /// Chưa triển khai.
  case notStarted = "not_started"
  /// Đang thực hiện.
  case inProgress = "in_progress"
  /// Đã báo cáo, chờ đánh giá: reported, awaiting acceptance (counts as not completed).
  case reported
  /// Đã hoàn thành.
  case done
  /// Dừng thực hiện / rút khỏi danh mục: excluded from the report's totals.
  case withdrawn

  /// Whether the task is still to be worked on.
  public var isOpen: Bool { self != .done && self != .withdrawn }
}

/// The decision on a deadline extension request.
public enum ExtensionDecision: String, Codable, Sendable, CaseIterable {
  /// Chờ xử lý.
  case pending
  /// Chấp thuận: moves the effective deadline to the day asked for once decided.
  case approved
  /// Chấp thuận một phần: moves the effective deadline to the day granted once decided.
  case partial
  /// Từ chối.
  case rejected
}

/// The bloc an agency belongs to, which orders official lists.
public enum Bloc: String, Codable, Sendable, CaseIterable {
  /// Khối Đảng.
  case party
  /// Chính quyền.
  case state
  /// Mặt trận Tổ quốc và các đoàn thể.
  case front
  /// Các hội.
  case association
  /// Cơ quan Trung ương đóng trên địa bàn.
  case central
  /// Khác.
  case other
}

/// How a reminder (đôn đốc) reached the agency.
public enum ReminderChannel: String, Codable, Sendable, CaseIterable {
  /// Công văn đôn đốc.
  case letter
  /// Điện thoại.
  case phone
  /// Nhắc tại cuộc họp.
  case meeting
  /// Nhắc qua hệ thống.
  case system
}
