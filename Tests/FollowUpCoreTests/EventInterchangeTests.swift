import FollowUpCore
import Foundation
import Testing

/// The dated events travel through `followup/1` unchanged, and files that break the rules
/// are refused naming the field.
@Suite struct EventInterchangeTests {
  func d(_ iso: String) -> Day { Sample.day(iso) }

  @Test func eventsRoundTripByteForByte() throws {
    var doc = Sample.doc
    // The file format carries no version: tasks as a file gives them have none.
    doc.tasks = Sample.tasks.map { t in
      var t = t
      t.version = 0
      return t
    }
    doc.tasks[0].lead = "LHH"
    doc.tasks[0].reassignments = [Reassignment(from: "DD_LHH", to: "LHH", on: d("2023-10-01"), document: "45-TB/BTGTU")]
    doc.tasks[0].reminders = [Reminder(on: d("2023-10-05"), document: "12-CV/BTGTU", channel: .letter, note: "Nhắc lần 1")]
    doc.tasks[1].status = .reported
    doc.tasks[1].reportedOn = d("2024-03-20")
    doc.tasks[4].status = .withdrawn
    doc.tasks[4].withdrawal = Withdrawal(on: d("2023-11-01"), reason: "Gộp vào nhiệm vụ 2", document: "50-TB/BTGTU", mergedInto: 2)
    doc.tasks[0].extensions.append(DeadlineExtension(
      requestedOn: d("2023-10-02"), from: .on(d("2023-09-30")), to: .on(d("2023-12-31")), decision: .partial,
      decidedOn: d("2023-10-10"), document: "60-CV/BTGTU", granted: .on(d("2023-11-30"))))
    let text = InterchangeWriter.json(doc)
    let back = try InterchangeReader.read(json: Data(text.utf8))
    #expect(back == doc)
    #expect(InterchangeWriter.json(back) == text)
    // A file without events reads and writes exactly as before: no new keys appear.
    let plain = InterchangeWriter.json(Sample.doc)
    #expect(!plain.contains("reassignments") && !plain.contains("withdrawal") && !plain.contains("granted"))
  }

  static let head = #"{"format": "followup/1", "agencies": [{"code": "LHH", "name": "Liên hiệp hội"}, {"code": "SNV", "name": "Sở Nội vụ"}], "tasks": [{"ref": "A", "content": "x", "lead": "LHH", "#

  @Test(arguments: [
    (#""deadline": "30/9/2023", "extensions": [{"to": "31/12/2023", "decision": "approved"}]}]}"#, "extensions[0].decidedOn"),
    (#""deadline": "30/9/2023", "extensions": [{"to": "31/12/2023", "decision": "partial", "decidedOn": "2023-09-20"}]}]}"#, "extensions[0].granted"),
    (#""deadline": {"text": "Quý I/2024", "kind": "quarter", "date": "2024-03-15"}}]}"#, "deadline.date"),
    (#""deadline": {"text": "tháng 11/2023", "kind": "month", "date": "2023-11-29"}}]}"#, "deadline.date"),
    (#""deadline": {"text": "tháng 12/2023", "kind": "year", "date": "2023-12-31"}}]}"#, "deadline.kind"),
    (#""deadline": {"text": "Quý I/2024", "kind": "quarter", "date": "2024-06-30"}}]}"#, "deadline.date"),
    (#""reassignments": [{"from": "SNV", "to": "STP", "on": "2023-09-01"}]}]}"#, "reassignments[0]"),
    (#""reassignments": [{"from": "SNV", "to": "LHH"}]}]}"#, "reassignments[0].on"),
    (#""withdrawal": {"on": "2023-09-01"}}]}"#, "withdrawal"),
    (#""reminders": [{"on": "2023-09-01", "channel": "fax"}]}]}"#, "reminders[0].channel"),
  ])
  func filesBreakingTheRulesAreRefusedNamingTheField(_ tail: String, _ field: String) {
    do {
      let doc = try InterchangeReader.read(json: Data((Self.head + tail).utf8))
      try doc.validateReferences(against: Catalog())
      Issue.record("accepted: \(tail)")
    } catch let e as UserError {
      #expect(e.en.contains(field), "\(e.en)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func consistentPeriodsAreAccepted() throws {
    for deadline in [
      #"{"text": "Quý I/2024", "kind": "quarter", "date": "2024-03-31"}"#,
      #"{"text": "6 tháng cuối năm 2023", "kind": "half_year", "date": "2023-12-31"}"#,
      #"{"text": "đầu tháng 6", "kind": "month", "date": "2023-06-30"}"#,
    ] {
      let doc = try InterchangeReader.read(json: Data((Self.head + #""deadline": \#(deadline)}]}"#).utf8))
      #expect(doc.tasks.count == 1)
    }
  }
}
