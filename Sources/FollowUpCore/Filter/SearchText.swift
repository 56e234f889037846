/// The searchable text of a task: content, product, result, tags, agency names and the
/// owner's name, as folded tokens with a separator between fields so that a phrase never
/// runs from one field into the next.
public enum SearchText {
  /// Placed between fields; never produced by tokenising text.
  public static let fieldSeparator = "\u{1F}"

  /// The folded tokens of a task for phrase search.
  public static func tokens(for task: FollowUpTask, catalog: Catalog) -> [String] {
    var out: [String] = []
    out.reserveCapacity(64)
    func field(_ s: String) {
      guard !s.isEmpty else { return }
      let t = VietText.tokens(s)
      guard !t.isEmpty else { return }
      if !out.isEmpty { out.append(fieldSeparator) }
      out.append(contentsOf: t)
    }
    field(task.content)
    field(task.product)
    field(task.result)
    for tag in task.tags { field(tag) }
    for code in [task.lead] + task.coordinating {
      for name in catalog.agencyNames(code) { field(name) }
    }
    if let owner = task.owner { field(catalog.personName(owner)) }
    return out
  }
}
