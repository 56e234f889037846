import FollowUpCore
import FollowUpTUI
import Foundation
import TermCore
import Testing

/// The list, like every read, shows only the tasks assigned by its as-of day.
@Suite struct AsOfListTests {
  func state(asOf: Day, tasks: [FollowUpTask]) -> AppState {
    var env = Fixture.env()
    env.asOf = asOf
    return Fixture.state(env: env, size: Size(width: 100, height: 30), tasks: tasks)
  }

  @Test func tasksAssignedLaterAreNotListed() {
    // The sample's meeting was on 26/05/2023: the day before, nothing had been assigned.
    #expect(state(asOf: Sample.day("2023-05-25"), tasks: Sample.tasks).list.visible.isEmpty)
    #expect(state(asOf: Sample.day("2023-05-26"), tasks: Sample.tasks).list.visible.count == Sample.tasks.count)
    // A task assigned on its own day appears from that day on, wherever it sorts.
    var late = FollowUpTask(id: 99, content: "Việc giao sau", lead: "LHH", assignedOn: Sample.day("2023-10-01"), version: 1)
    late.deadline = .on(Sample.day("2023-10-15"))
    let tasks = Sample.tasks + [late]
    #expect(!state(asOf: Sample.day("2023-09-30"), tasks: tasks).list.visible.contains(99))
    #expect(state(asOf: Sample.day("2023-10-01"), tasks: tasks).list.visible.contains(99))
  }
}
