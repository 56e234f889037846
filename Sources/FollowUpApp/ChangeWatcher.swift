import FollowUpCore
import FollowUpStore
import Foundation

/// Waits for other sessions' commits on a thread of its own and tells the run loop, which
/// looks at it between keys: a server wakes it with a notification, a file is asked a few
/// times a second by the store's default wait. It also notices a store it cannot reach and
/// the moment it can again.
final class ChangeWatcher: @unchecked Sendable {
  /// Whether the store answers.
  enum Link: Equatable {
    /// It answers.
    case up
    /// It does not: the sentence of the last attempt.
    case down(UserError)
  }

  // Guarded by `condition`: what the run loop has not taken yet, and whether to stop.
  private let condition = NSCondition()
  private var changed = false
  private var link = Link.up
  private var stopped = false

  /// How long one wait lasts before the stop flag is looked at again.
  static let waitSeconds = 1.0

  /// Starts watching from the change token the interface shows.
  init(store: any TaskStore, token: Int) {
    Thread.detachNewThread { [self] in watch(store, from: token) }
  }

  private func watch(_ store: any TaskStore, from token: Int) {
    var known = token
    while !isStopped {
      do {
        if try store.waitForChange(after: known, timeout: Self.waitSeconds) {
          known = try store.changeToken()
          report(changed: true, link: .up)
        } else {
          report(changed: false, link: .up)
        }
      } catch {
        let sentence =
          (error as? UserError) ?? UserError(.internalFault, vi: "\(error)", en: "\(error)")
        report(changed: false, link: .down(sentence))
        // A store that cannot be reached is tried again about once a second, not in a spin.
        condition.lock()
        if !stopped { _ = condition.wait(until: Date().addingTimeInterval(Self.waitSeconds)) }
        condition.unlock()
      }
    }
  }

  private var isStopped: Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopped
  }

  private func report(changed now: Bool, link state: Link) {
    condition.lock()
    defer { condition.unlock() }
    // Coming back counts as a change: whatever happened meanwhile is read again.
    if now || (state == .up && link != .up) { changed = true }
    link = state
  }

  /// Whether anything changed since the last call, and whether the store answers now.
  func take() -> (changed: Bool, link: Link) {
    condition.lock()
    defer { condition.unlock() }
    let answer = (changed, link)
    changed = false
    return answer
  }

  /// Ends the watching thread (after its current wait).
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }
}
