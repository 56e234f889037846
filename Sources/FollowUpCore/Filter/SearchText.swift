/// The searchable text of a task: its own fields (content, product, result, tags, the
/// owner's name) as folded tokens with a separator between fields so that a phrase never
/// runs from one field into the next, plus the names of its lead and coordinating agencies.
///
/// Agency names are not copied into every task's tokens (they were most of each task's
/// text, repeated for thousands of tasks): a phrase is matched against the few dozen
/// agencies once, and a task matches when its own tokens contain the phrase or one of its
/// agencies is among those.
public enum SearchText {
  /// Each agency's name fields (name, aliases, code) as folded tokens.
  public static func agencyFields(_ catalog: Catalog) -> [String: [[String]]] {
    var out: [String: [[String]]] = [:]
    for code in catalog.agencies.keys {
      out[code] = catalog.agencyNames(code).map(VietText.tokens).filter { !$0.isEmpty }
    }
    return out
  }

  /// The agencies one of whose names contains the phrase (whole words, contiguous).
  public static func agencies(matching phrase: [String], lastIsPrefix: Bool, fields: [String: [[String]]]) -> Set<String> {
    var out: Set<String> = []
    for (code, names) in fields where names.contains(where: { VietText.matchesPhrase($0, phrase, lastIsPrefix: lastIsPrefix) }) {
      out.insert(code)
    }
    return out
  }

  /// Whether a task's lead or a coordinating agency is among `codes`.
  @inline(__always)
  public static func involves(_ task: FollowUpTask, anyOf codes: Set<String>) -> Bool {
    if codes.isEmpty { return false }
    return codes.contains(task.lead) || task.coordinating.contains(where: codes.contains)
  }

  /// Placed between fields; never produced by tokenising text.
  public static let fieldSeparator = "\u{1F}"

  /// The folded tokens of a task's own fields for phrase search.
  ///
  /// For many tasks, make one `Tokenizer` and reuse it: this tokenises the person's name
  /// again on every call.
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

    /// The folded tokens of a task's own fields for phrase search, fields separated by
    /// `fieldSeparator` (agency names are matched separately, see `SearchText`).
    public func tokens(for task: FollowUpTask) -> [String] {
      var out: [String] = []
      out.reserveCapacity(32)
      var scratch: [UInt8] = []
      Self.field(task.content, into: &out, scratch: &scratch)
      Self.field(task.product, into: &out, scratch: &scratch)
      Self.field(task.result, into: &out, scratch: &scratch)
      for tag in task.tags { Self.field(tag, into: &out, scratch: &scratch) }
      if let owner = task.owner {
        if let cached = personTokens[owner] {
          Self.append(cached, to: &out)
        } else {
          Self.field(catalog.personName(owner), into: &out, scratch: &scratch)
        }
      }
      return out
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
