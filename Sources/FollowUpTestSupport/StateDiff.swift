import CustomDump
import Testing

/// Expects two whole values (a whole interface state, say) to be equal; on a mismatch, reports
/// only the fields that differ, each with its path, expected (-) and actual (+), instead of
/// printing both values, which run to several screens. Every field counts: nothing to keep in
/// step when a type gains one.
public func expectState<T: Equatable>(
  _ actual: T, _ expected: T, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual != expected else { return }
  let difference =
    CustomDump.diff(expected, actual, format: .default)
    // Equal dumps of unequal values: the difference is in something a dump does not show.
    ?? "the values differ, but their dumps are the same:\n\(String(customDumping: actual))"
  let title = comment.isEmpty ? "Values differ (- expected, + actual):" : "Values differ, \(comment) (- expected, + actual):"
  Issue.record("\(title)\n\(difference)", sourceLocation: sourceLocation)
}
