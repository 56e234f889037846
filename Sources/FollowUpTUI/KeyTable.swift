import FollowUpCore
import TermCore

extension KeyScope {
  /// Where a binding applies, in a few words, for the README's key table.
  public func place(_ l: Lang) -> String {
    switch self {
    case .tasks: return l.pick(vi: "danh sách", en: "task list")
    case .meetings: return l.pick(vi: "cuộc họp", en: "meetings")
    case .agencies: return l.pick(vi: "cơ quan", en: "agencies")
    case .detail: return l.pick(vi: "chi tiết", en: "detail")
    case .help: return l.pick(vi: "trợ giúp", en: "help")
    case .form: return l.pick(vi: "biểu mẫu", en: "form")
    case .choice: return l.pick(vi: "ô lựa chọn", en: "choice field")
    case .completion: return l.pick(vi: "danh sách gợi ý", en: "completion list")
    case .discard: return l.pick(vi: "hỏi bỏ thay đổi", en: "discard question")
    case .confirm: return l.pick(vi: "hỏi xoá", en: "delete question")
    case .search: return l.pick(vi: "dòng tìm", en: "search line")
    case .filter: return l.pick(vi: "dòng lọc", en: "filter line")
    case .tooSmall: return l.pick(vi: "cửa sổ quá nhỏ", en: "window too small")
    case .intakeSource: return l.pick(vi: "văn bản thông báo", en: "notice text")
    case .intakeReview: return l.pick(vi: "duyệt dự thảo", en: "draft review")
    }
  }
}

extension KeyMap {
  /// The key table the README shows, in Markdown: every binding with its keys, its name in
  /// the settings' `[keys]` table, what it does and where, then the text fields' own keys.
  public func markdownTable(_ l: Lang = .en) -> String {
    func code(_ keys: [Key]) -> String { keys.map { "`" + KeyMap.describe($0) + "`" }.joined(separator: " ") }
    var out = [
      l.pick(vi: "| phím | tên trong `[keys]` | tác dụng | ở đâu |", en: "| keys | name in `[keys]` | what it does | where |"),
      "| --- | --- | --- | --- |",
    ]
    for b in bindings where !b.keys.isEmpty {
      let places = KeyScope.allCases.filter { b.scopes.contains($0) && !b.keys(in: $0).isEmpty }.map { $0.place(l) }
      let place = b.appliesEverywhere ? l.pick(vi: "mọi nơi", en: "everywhere") : places.joined(separator: ", ")
      out.append("| \(code(b.keys)) | `\(b.command.rawValue)` | \(b.help(l)) | \(place) |")
    }
    for k in KeyMap.editing {
      let keys = k.keys.map { "`\($0)`" }.joined(separator: " ")
      out.append("| \(keys) | — | \(l.pick(vi: k.vi, en: k.en)) | \(l.pick(vi: "mọi ô nhập", en: "every text field")) |")
    }
    return out.joined(separator: "\n") + "\n"
  }
}
