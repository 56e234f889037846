import FollowUpCore
import Foundation
import Testing

/// A directory of another province, so the rules are checked on names the bundled
/// directory does not hold.
let otherProvince = Catalog(agencies: [
  Agency(code: "TU", name: "Tỉnh ủy Nam Định", aliases: ["Tỉnh ủy"]),
  Agency(code: "UBT", name: "Ủy ban nhân dân tỉnh Nam Định", aliases: ["UBND tỉnh"]),
  Agency(code: "KHCN", name: "Sở Khoa học và Công nghệ tỉnh Nam Định", aliases: []),
  Agency(code: "KHDT", name: "Sở Kế hoạch và Đầu tư", aliases: []),
  Agency(code: "YTE", name: "Sở Y tế", aliases: []),
  Agency(code: "TC", name: "Sở Tài chính", aliases: []),
  Agency(code: "LDTBXH", name: "Sở Lao động – Thương binh và Xã hội", aliases: []),
  Agency(code: "LHHNĐ", name: "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Nam Định", aliases: ["Liên hiệp hội", "LHH"]),
  Agency(code: "DDLHH", name: "Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Nam Định", aliases: []),
])

func draft(_ text: String, _ catalog: Catalog = otherProvince) -> IntakeDraft {
  IntakeExtractor.draft(text, catalog: catalog)
}

@Suite struct AgencyNames {
  @Test(arguments: [
    "Sở KH&CN", "Sở KHCN", "SKHCN", "Sở Khoa học và Công nghệ", "sở khoa học và công nghệ",
    "So Khoa hoc va Cong nghe", "Sở Khoa học và Công nghệ tỉnh Nam Định",
  ])
  func shortAndFullFormsNameTheSameSo(_ name: String) {
    let d = draft("Giao \(name) chủ trì tổ chức Hội chợ công nghệ năm 2024.")
    #expect(d.tasks.count == 1)
    #expect(d.tasks.first?.lead == AgencyMention(text: name, kind: .agency, code: "KHCN"))
  }

  @Test func theLongestNameWinsOverTheShorterOneInsideIt() {
    let d = draft("Đề nghị Đảng đoàn Liên hiệp hội tham mưu ban hành Chỉ thị về trí thức.")
    #expect(d.tasks.first?.lead?.code == "DDLHH")
    let e = draft("Đề nghị Liên hiệp hội tham mưu ban hành Chỉ thị về trí thức.")
    #expect(e.tasks.first?.lead?.code == "LHHNĐ")
  }

  @Test func initialsWithDashesAndAmpersandsName() {
    let d = draft("Sở LĐ-TB&XH chủ trì rà soát hộ nghèo, hoàn thành trong Quý IV/2024.")
    #expect(d.tasks.first?.lead?.code == "LDTBXH")
    // Initials in small letters are an ordinary word, not a name.
    let e = draft("Giao skhcn chủ trì tổ chức Hội chợ.")
    #expect(e.tasks.first?.lead?.code != "KHCN")
  }

  @Test func aGroupIsFlaggedForTheOfficerToChoose() throws {
    let d = draft("Các Sở, ngành liên quan chủ động phối hợp với Sở Y tế triển khai tiêm chủng.")
    let t = try #require(d.tasks.first)
    #expect(t.lead?.kind == .group)
    #expect(t.lead?.text == "Các Sở, ngành liên quan")
    #expect(t.checks.contains(.leadIsGroup("Các Sở, ngành liên quan")))
    #expect(!t.isResolved)
  }

  @Test func anUnknownBodyIsReportedNeverInventedOrDropped() throws {
    let d = draft("Giao Trung tâm Kiểm soát bệnh tật tỉnh chủ trì, phối hợp với Sở Y tế, Bệnh viện Đa khoa tỉnh giám sát dịch.")
    let t = try #require(d.tasks.first)
    #expect(t.lead?.kind == .unknown)
    #expect(t.lead?.text == "Trung tâm Kiểm soát bệnh tật tỉnh")
    #expect(t.coordinating.map(\.kind) == [.agency, .unknown])
    #expect(t.coordinating.last?.text == "Bệnh viện Đa khoa tỉnh")
    #expect(t.checks.contains(.coordinatingUnknown("Bệnh viện Đa khoa tỉnh")))
  }

  @Test func anUnknownNameMayHoldAnAnd() throws {
    let d = draft("Sở Y tế, Đài Phát thanh và Truyền hình tỉnh và Sở Tài chính đẩy mạnh tuyên truyền.")
    let t = try #require(d.tasks.first)
    #expect(t.coordinating.map(\.text) == ["Đài Phát thanh và Truyền hình tỉnh", "Sở Tài chính"])
  }

  @Test func aSharedHeadListsSeveralSo() throws {
    let d = draft("Giao Sở Y tế chủ trì, phối hợp với các Sở: Tài chính, Kế hoạch và Đầu tư xây dựng đề án.")
    let t = try #require(d.tasks.first)
    #expect(t.coordinating.compactMap(\.code) == ["TC", "KHDT"])
  }
}

@Suite struct Assignments {
  @Test func leadAndCoordinatingComeFromTheirWords() throws {
    let d = draft("""
      1. Sở Tài chính có trách nhiệm bố trí kinh phí, báo cáo UBND tỉnh trước ngày 30/9/2024.
      2. Sở Y tế chủ trì, Sở Tài chính, Sở Kế hoạch và Đầu tư phối hợp lập danh mục trang thiết bị.
      """)
    #expect(d.tasks.count == 2)
    #expect(d.tasks[0].lead?.code == "TC")
    #expect(d.tasks[0].coordinating.isEmpty)
    #expect(d.tasks[0].product == "báo cáo UBND tỉnh")
    #expect(d.tasks[1].lead?.code == "YTE")
    #expect(d.tasks[1].coordinating.compactMap(\.code) == ["TC", "KHDT"])
  }

  @Test func otherWaysOfGivingWork() {
    let d = draft("""
      Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Y tế chỉ đạo các bệnh viện sẵn sàng thu dung bệnh nhân.
      Sở Tài chính được giao chủ trì thẩm định phương án giá dịch vụ, hoàn thành đến hết năm 2024.
      UBND tỉnh giao cho Sở Kế hoạch và Đầu tư tổng hợp danh mục dự án trước ngày 30-9-2024.
      """)
    #expect(d.tasks.map { $0.lead?.code } == ["YTE", "TC", "KHDT"])
    #expect(d.tasks.map(\.deadlineText) == ["", "đến hết năm 2024", "trước ngày 30-9-2024"])
    #expect(d.tasks.last?.deadline.date == Day(year: 2024, month: 9, day: 30))
  }

  @Test func praiseAndPastWorkAreNotAssignments() {
    let d = draft("""
      Ban Thường vụ Tỉnh ủy ghi nhận, đánh giá cao kết quả Sở Y tế đạt được trong triển khai chuyển đổi số.
      Sở Tài chính đã bố trí đủ kinh phí cho năm 2023.
      Ủy ban nhân dân tỉnh Nam Định thông báo để các cơ quan biết, thực hiện.
      """)
    #expect(d.tasks.isEmpty)
  }

  @Test func aHeadingGivesItsSubItemsToItsBody() throws {
    let d = draft("""
      2. Sở Y tế:
      a) Chủ trì tổ chức tiêm chủng mở rộng; hoàn thành trong tháng 11/2024.
      b) Phối hợp với Sở Tài chính mua sắm vắc xin.
      3. Sở Tài chính thẩm định dự toán.
      """)
    #expect(d.tasks.map(\.item) == ["2.a", "2.b", "3"])
    #expect(d.tasks.map { $0.lead?.code } == ["YTE", "YTE", "TC"])
    #expect(d.tasks[0].deadlineText == "trong tháng 11/2024")
    #expect(d.tasks[1].coordinating.compactMap(\.code) == ["TC"])
    // The sub-item's source says who it was given to.
    #expect(d.tasks[0].source == "Sở Y tế: Chủ trì tổ chức tiêm chủng mở rộng; hoàn thành trong tháng 11/2024")
    #expect(d.tasks[2].source == "Sở Tài chính thẩm định dự toán")
  }

  @Test func aSemicolonStartsAnotherTaskForTheSameBodyButReportingBackStaysWithIt() {
    let d = draft("Đề nghị Sở Y tế rà soát các trạm y tế xã; xây dựng phương án nâng cấp, báo cáo UBND tỉnh; thực hiện trước ngày 15/12/2024.")
    #expect(d.tasks.count == 2)
    #expect(d.tasks.allSatisfy { $0.lead?.code == "YTE" })
    #expect(d.tasks[1].deadlineText == "trước ngày 15/12/2024")
    #expect(d.tasks[1].source.hasSuffix("thực hiện trước ngày 15/12/2024"))
  }

  @Test func theSourceSentenceIsKeptAsWritten() throws {
    let d = draft("Kết luận buổi làm việc, đồng chí Chủ tịch đề nghị Sở Y tế khẩn trương hoàn thiện đề án. Dự buổi làm việc có đại diện các Sở.")
    let t = try #require(d.tasks.first)
    #expect(d.tasks.count == 1)
    #expect(t.source == "Kết luận buổi làm việc, đồng chí Chủ tịch đề nghị Sở Y tế khẩn trương hoàn thiện đề án")
    #expect(t.content == "khẩn trương hoàn thiện đề án")
  }

  @Test func theDistributionListAssignsNothing() {
    let d = draft("""
      1. Giao Sở Y tế chủ trì giám sát dịch.
      Nơi nhận:
      - Sở Tài chính chủ trì theo dõi (để biết);
      """)
    #expect(d.tasks.count == 1)
  }
}

@Suite struct Deadlines {
  @Test(arguments: [
    ("hoàn thành trước ngày 30/9/2023", "trước ngày 30/9/2023", DeadlineKind.date, "30/09/2023"),
    ("hoàn thành trong Quý I/2024", "trong Quý I/2024", .quarter, "31/03/2024"),
    ("trong tháng 11/2023", "trong tháng 11/2023", .month, "30/11/2023"),
    ("hoàn thành năm 2024", "năm 2024", .year, "31/12/2024"),
    ("thực hiện thường xuyên", "thường xuyên", .routine, ""),
    ("chậm nhất ngày 05/4/2024", "chậm nhất ngày 05/4/2024", .date, "05/04/2024"),
    ("trong 6 tháng đầu năm 2024", "trong 6 tháng đầu năm 2024", .halfYear, "30/06/2024"),
  ])
  func deadlinesAreKeptAsWrittenAndRead(_ phrase: String, _ written: String, _ kind: DeadlineKind, _ date: String) throws {
    let d = draft("Giao Sở Y tế chủ trì xây dựng kế hoạch, \(phrase).")
    let t = try #require(d.tasks.first)
    #expect(t.deadlineText == written)
    #expect(t.deadline.kind == kind)
    #expect((t.deadline.date?.formatted ?? "") == date)
  }

  @Test func aMissingYearIsTheNoticesAndIsFlagged() throws {
    let d = draft("""
      Số: 12/TB-UBND
      Nam Định, ngày 03 tháng 02 năm 2025
      1. Giao Sở Y tế chủ trì tổ chức tập huấn, hoàn thành trước ngày 15/7.
      """)
    let t = try #require(d.tasks.first)
    #expect(t.deadline.date == Day(year: 2025, month: 7, day: 15))
    #expect(t.checks.contains(.deadline(.yearAssumed(2025))))
  }

  @Test func aRelativeDeadlineIsKeptAsWritten() throws {
    let d = draft("Giao Sở Tài chính thẩm định dự toán trong 15 ngày làm việc kể từ ngày nhận hồ sơ.")
    let t = try #require(d.tasks.first)
    #expect(t.deadlineText == "trong 15 ngày làm việc kể từ ngày nhận hồ sơ")
    #expect(!t.checks.isEmpty || t.deadline.date != nil)
  }

  @Test func noDeadlineIsNoneAndNotInvented() throws {
    let d = draft("Đề nghị Sở Y tế nghiên cứu, đề xuất cơ chế hỗ trợ các trạm y tế trong tình hình mới.")
    let t = try #require(d.tasks.first)
    #expect(t.deadlineText.isEmpty)
    #expect(t.deadline.kind == .none)
  }
}

@Suite struct Header {
  @Test func theNoticeNumberDatesChairAndTitleAreRead() {
    let d = draft("""
      TỈNH ỦY NAM ĐỊNH
      Số 318-TB/TU
      Nam Định, ngày 09 tháng 10 năm 2024
      THÔNG BÁO
      kết luận của Thường trực Tỉnh ủy về công tác y tế
      Ngày 04/10/2024, đồng chí Trần Văn Chung, Phó Bí thư Thường trực Tỉnh ủy chủ trì cuộc họp về công tác y tế.
      1. Giao Sở Y tế chủ trì xây dựng đề án.
      """)
    #expect(d.meeting.notice == "318-TB/TU")
    #expect(d.meeting.noticeDate == Day(year: 2024, month: 10, day: 9))
    #expect(d.meeting.date == Day(year: 2024, month: 10, day: 4))
    #expect(d.meeting.title == "kết luận của Thường trực Tỉnh ủy về công tác y tế")
    #expect(d.meeting.chair == "Trần Văn Chung, Phó Bí thư Thường trực Tỉnh ủy")
  }

  @Test func theHostIsTheBodyInTheChairsLastPosition() {
    let d = draft("Sáng 26/5/2024, đồng chí Lê Văn An, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy chủ trì buổi làm việc với Sở Y tế.", Catalog(agencies: [
      Agency(code: "BTV", name: "Ban Thường vụ Tỉnh ủy"), Agency(code: "BTG", name: "Ban Tuyên giáo Tỉnh ủy"),
      Agency(code: "YTE", name: "Sở Y tế"),
    ]))
    #expect(d.meeting.host == "BTG")
    #expect(d.meeting.date == Day(year: 2024, month: 5, day: 26))
    #expect(d.tasks.isEmpty)
  }

  @Test func itemLabelsFollowTheirNesting() {
    let d = draft("""
      I. NHIỆM VỤ
      1. Giao Sở Y tế chủ trì giám sát dịch.
      2. Sở Tài chính:
      - Thẩm định dự toán.
      - Bố trí kinh phí.
      II. TỔ CHỨC THỰC HIỆN
      1. Giao Sở Kế hoạch và Đầu tư chủ trì tổng hợp.
      """)
    #expect(d.tasks.map(\.item) == ["I.1", "I.2.1", "I.2.2", "II.1"])
  }
}

@Suite struct Interchange {
  @Test func theReviewJSONCarriesTheSourceAndChecksAndImportsBack() throws {
    let d = draft("""
      Nam Định, ngày 09 tháng 10 năm 2024
      1. Giao Sở Y tế chủ trì giám sát dịch, hoàn thành trong Quý IV/2024.
      2. Các Sở, ngành liên quan phối hợp thực hiện.
      """)
    let json = IntakeInterchange.reviewJSON(d, meetingRef: "M2024-1009", lang: .vi)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["format"] as? String == "followup/1")
    let tasks = try #require(object["tasks"] as? [[String: Any]])
    #expect(tasks.count == 2)
    #expect(tasks[0]["source"] as? String == "Giao Sở Y tế chủ trì giám sát dịch, hoàn thành trong Quý IV/2024")
    #expect(tasks[0]["lead"] as? String == "YTE")
    #expect(tasks[1]["lead"] as? String == "")
    #expect((tasks[1]["checks"] as? [String])?.isEmpty == false)
    // The group lead must be chosen before the file imports; once chosen it reads back with
    // the source sentence as the first note.
    #expect(throws: UserError.self) { try InterchangeReader.read(json: Data(json.utf8)) }
    let reviewed = json.replacingOccurrences(of: "\"lead\": \"\"", with: "\"lead\": \"TC\"")
    #expect(reviewed != json)
    let read = try InterchangeReader.read(json: Data(reviewed.utf8))
    #expect(read.meetings.first?.ref == "M2024-1009")
    #expect(read.tasks[0].notes.first?.text == IntakeInterchange.sourcePrefix + "Giao Sở Y tế chủ trì giám sát dịch, hoàn thành trong Quý IV/2024")
    #expect(read.tasks[0].deadline.date == Day(year: 2024, month: 12, day: 31))
  }

  @Test func meetingRefsAreNotReused() {
    let day = Day(year: 2024, month: 3, day: 5) ?? Day(ordinal: 0)
    #expect(IntakeInterchange.meetingRef(day, taken: []) == "M2024-0305")
    #expect(IntakeInterchange.meetingRef(day, taken: ["M2024-0305", "M2024-0305-2"]) == "M2024-0305-3")
  }
}
