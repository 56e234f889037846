/// An agency named in a notice, as written, with what the directory made of it.
public struct AgencyMention: Hashable, Sendable {
  /// How the directory read the name.
  public enum Kind: String, Hashable, Sendable {
    /// One agency of the directory.
    case agency
    /// Several bodies at once (`các Sở, ngành`, `UBND các quận, huyện`): a person chooses.
    case group
    /// Looks like an agency's name but the directory has no such agency.
    case unknown
  }

  /// The words as written in the notice.
  public var text: String
  /// The reading.
  public var kind: Kind
  /// The directory code when `kind` is `.agency`.
  public var code: String?

  /// Creates a mention.
  public init(text: String, kind: Kind, code: String? = nil) {
    self.text = text
    self.kind = kind
    self.code = code
  }
}

/// The meeting a notice reports, as far as its heading and first lines say.
public struct DraftMeeting: Hashable, Sendable {
  /// The day the meeting was held, when written.
  public var date: Day?
  /// The day the notice was issued (`Hải Phòng, ngày 05 tháng 10 năm 2023`), when written.
  public var noticeDate: Day?
  /// What the meeting was about.
  public var title: String
  /// Who chaired it, name and position as written.
  public var chair: String
  /// The chairing agency, when the chair's position names one.
  public var host: String?
  /// The notice number, e.g. `123-TB/TU`.
  public var notice: String

  /// Creates a meeting draft.
  public init(
    date: Day? = nil, noticeDate: Day? = nil, title: String = "", chair: String = "",
    host: String? = nil, notice: String = ""
  ) {
    self.date = date
    self.noticeDate = noticeDate
    self.title = title
    self.chair = chair
    self.host = host
    self.notice = notice
  }

  /// The day deadlines without a year are read against: the notice's date, else the meeting's.
  public var referenceDay: Day? { noticeDate ?? date }
}

/// Something a person should confirm before a drafted task is saved.
public enum IntakeCheck: Hashable, Sendable {
  /// No lead agency could be read.
  case noLead
  /// The lead is a group of bodies; one must be chosen.
  case leadIsGroup(String)
  /// The lead's name is not in the directory.
  case leadUnknown(String)
  /// Several bodies were given the task together; the first was taken as lead.
  case severalLeads([String])
  /// A coordinating group of bodies; the agencies must be chosen.
  case coordinatingGroup(String)
  /// A coordinating body not in the directory.
  case coordinatingUnknown(String)
  /// The deadline words could not be turned into a date or kind.
  case deadlineNotUnderstood(String)
  /// The deadline reader assumed something (a missing year).
  case deadline(DateWarning)
  /// A named person who is not in the directory.
  case ownerUnknown(String)
  /// The same lead and nearly the same words as an earlier draft (e.g. a photo caption).
  case maybeDuplicate(ofItem: String)

  /// The check as one sentence.
  public func message(_ lang: Lang) -> String {
    switch self {
    case .noLead:
      return lang.pick(
        vi: "Chưa xác định được cơ quan chủ trì; hãy chọn.", en: "No lead agency was found; choose one.")
    case .leadIsGroup(let t):
      return lang.pick(
        vi: "Chủ trì là nhóm cơ quan \"\(t)\"; hãy chọn cơ quan cụ thể.",
        en: "The lead is a group, \"\(t)\"; choose the agency.")
    case .leadUnknown(let t):
      return lang.pick(
        vi: "\"\(t)\" không có trong danh mục cơ quan; hãy thêm hoặc chọn cơ quan khác.",
        en: "\"\(t)\" is not in the agency directory; add it or choose another agency.")
    case .severalLeads(let names):
      let list = names.joined(separator: ", ")
      return lang.pick(
        vi: "Nhiều cơ quan cùng được giao (\(list)); đã lấy cơ quan đầu làm chủ trì, hãy xác nhận.",
        en: "Several bodies were given the task (\(list)); the first was taken as lead, please confirm.")
    case .coordinatingGroup(let t):
      return lang.pick(
        vi: "Phối hợp với nhóm cơ quan \"\(t)\"; hãy chọn các cơ quan cụ thể.",
        en: "Coordinating with a group, \"\(t)\"; choose the agencies.")
    case .coordinatingUnknown(let t):
      return lang.pick(
        vi: "Cơ quan phối hợp \"\(t)\" không có trong danh mục.",
        en: "The coordinating body \"\(t)\" is not in the agency directory.")
    case .deadlineNotUnderstood(let t):
      return lang.pick(
        vi: "Chưa hiểu được thời hạn \"\(t)\"; hãy ghi ngày hoàn thành.",
        en: "The deadline \"\(t)\" was not understood; give the due date.")
    case .deadline(let w):
      return w.message(lang)
    case .ownerUnknown(let t):
      return lang.pick(
        vi: "Cán bộ \"\(t)\" không có trong danh mục.", en: "The person \"\(t)\" is not in the directory.")
    case .maybeDuplicate(let item):
      let at = item.isEmpty ? "" : " (\(item))"
      return lang.pick(
        vi: "Có thể trùng với nhiệm vụ trước\(at); hãy bỏ một.",
        en: "Possibly the same as an earlier task\(at); drop one.")
    }
  }
}

/// A task drafted from a notice, waiting for a person's review.
public struct DraftTask: Hashable, Sendable {
  /// Item label in the notice, e.g. `2`, `2.b`, `II.3`; empty for running prose.
  public var item: String
  /// What must be done, as written (without the assigning words).
  public var content: String
  /// The lead agency, when one was read.
  public var lead: AgencyMention?
  /// Coordinating agencies, in the order written.
  public var coordinating: [AgencyMention]
  /// A person named as responsible, as written.
  public var ownerName: String?
  /// That person's ref, when the directory knows them.
  public var owner: String?
  /// The deadline words as written, e.g. `trước ngày 30/9/2023`; empty when none.
  public var deadlineText: String
  /// The deadline as the project's parser reads it (`.none` when none was written).
  public var deadline: Deadline
  /// Required product or recipient, e.g. `báo cáo UBND thành phố`.
  public var product: String
  /// The sentence the task came from, as written.
  public var source: String
  /// What a person should confirm.
  public var checks: [IntakeCheck]

  /// Creates a draft task.
  public init(
    item: String = "", content: String, lead: AgencyMention? = nil,
    coordinating: [AgencyMention] = [], ownerName: String? = nil, owner: String? = nil,
    deadlineText: String = "", deadline: Deadline = .none, product: String = "",
    source: String = "", checks: [IntakeCheck] = []
  ) {
    self.item = item
    self.content = content
    self.lead = lead
    self.coordinating = coordinating
    self.ownerName = ownerName
    self.owner = owner
    self.deadlineText = deadlineText
    self.deadline = deadline
    self.product = product
    self.source = source
    self.checks = checks
  }

  /// Whether the task can be saved as it is: its lead and every coordinating body are directory agencies.
  public var isResolved: Bool {
    lead?.kind == .agency && coordinating.allSatisfy { $0.kind == .agency }
  }
}

/// What was drafted from one notice.
public struct IntakeDraft: Hashable, Sendable {
  /// The meeting.
  public var meeting: DraftMeeting
  /// The tasks, in the order of the notice.
  public var tasks: [DraftTask]

  /// Creates a draft.
  public init(meeting: DraftMeeting, tasks: [DraftTask]) {
    self.meeting = meeting
    self.tasks = tasks
  }
}
