/// The searchable text of a task: content, product, result, tags, agency names and the
/// owner's name, as folded tokens with a separator between fields so that a phrase never
/// runs from one field into the next.
public enum SearchText {
  /// Placed between fields; never produced by tokenising text.
  public static let fieldSeparator = "\u{1F}"

  /// The folded tokens of a task for phrase search.
  ///
  /// For many tasks, make one `Tokenizer` and reuse it: this tokenises the agency and
  /// person names again on every call.
  public static func tokens(for task: FollowUpTask, catalog: Catalog) -> [String] {
    Tokenizer(uncached: catalog).tokens(for: task)
  }

  /// Tokenises tasks against one catalog, tokenising each agency's and person's names once.
  ///
  /// Thousands of tasks name the same few dozen agencies and people, and their names were
  /// most of the tokenising work. Create one per catalog (the names are tokenised in `init`,
  /// a few microseconds each), then call `tokens(for:)` for every task; the result is the
  /// same as `SearchText.tokens(for:catalog:)`. Immutable, so it can be shared across tasks.
  public struct Tokenizer: Sendable {
    /// The catalog the names come from.
    public let catalog: Catalog
    // Per agency code: the tokens of its name, aliases and code, one field each, with
    // separators between them. Per person ref: the tokens of the full name.
    private let agencyTokens: [String: [String]]
    private let personTokens: [String: [String]]

    /// Tokenises every agency's and person's names in `catalog`.
    public init(catalog: Catalog) {
      self.catalog = catalog
      var scratch: [UInt8] = []
      var agencies: [String: [String]] = [:]
      agencies.reserveCapacity(catalog.agencies.count)
      for code in catalog.agencies.keys {
        var out: [String] = []
        for name in catalog.agencyNames(code) { Self.field(name, into: &out, scratch: &scratch) }
        agencies[code] = out
      }
      var people: [String: [String]] = [:]
      people.reserveCapacity(catalog.people.count)
      for ref in catalog.people.keys {
        var out: [String] = []
        Self.field(catalog.personName(ref), into: &out, scratch: &scratch)
        people[ref] = out
      }
      agencyTokens = agencies
      personTokens = people
    }

    /// A tokenizer that looks names up afresh each time, for one-off calls.
    init(uncached catalog: Catalog) {
      self.catalog = catalog
      agencyTokens = [:]
      personTokens = [:]
    }

    /// The folded tokens of a task for phrase search, fields separated by `fieldSeparator`.
    public func tokens(for task: FollowUpTask) -> [String] {
      var out: [String] = []
      out.reserveCapacity(64)
      var scratch: [UInt8] = []
      Self.field(task.content, into: &out, scratch: &scratch)
      Self.field(task.product, into: &out, scratch: &scratch)
      Self.field(task.result, into: &out, scratch: &scratch)
      for tag in task.tags { Self.field(tag, into: &out, scratch: &scratch) }
      agency(task.lead, into: &out, scratch: &scratch)
      for code in task.coordinating { agency(code, into: &out, scratch: &scratch) }
      if let owner = task.owner {
        if let cached = personTokens[owner] {
          Self.append(cached, to: &out)
        } else {
          Self.field(catalog.personName(owner), into: &out, scratch: &scratch)
        }
      }
      return out
    }

    private func agency(_ code: String, into out: inout [String], scratch: inout [UInt8]) {
      if let cached = agencyTokens[code] {
        Self.append(cached, to: &out)
        return
      }
      for name in catalog.agencyNames(code) { Self.field(name, into: &out, scratch: &scratch) }
    }

    /// Appends pre-tokenised fields, which already carry their inner separators.
    private static func append(_ tokens: [String], to out: inout [String]) {
      guard !tokens.isEmpty else { return }
      if !out.isEmpty { out.append(SearchText.fieldSeparator) }
      out.append(contentsOf: tokens)
    }

    /// Appends one field's tokens, after a separator when something precedes them.
    private static func field(_ s: String, into out: inout [String], scratch: inout [UInt8]) {
      guard !s.isEmpty else { return }
      let before = out.count
      // The separator goes first and is taken back when the field has no tokens, so the
      // tokens land in `out` directly rather than in a temporary array.
      if before > 0 { out.append(SearchText.fieldSeparator) }
      VietText.appendTokens(of: s, to: &out, scratch: &scratch)
      if out.count == before + 1 && before > 0 { out.removeLast() }
    }
  }
}
