/// Every task's search tokens, interned as small integers so that a phrase is matched by
/// integer comparison: fast enough to filter 100,000 tasks on each keystroke.
public struct SearchIndex: Sendable, Equatable {
  private var vocabulary: [String: Int32] = [:]
  private var words: [String] = []
  private var documents: [Int: [Int32]] = [:]

  /// The id of the field separator token; it never equals a query token.
  static let separator: Int32 = -1

  /// Creates an empty index.
  public init() {}

  /// How many tasks are indexed.
  public var count: Int { documents.count }

  /// Indexes (or re-indexes) a task's tokens.
  public mutating func set(taskID: Int, tokens: [String]) {
    var ids: [Int32] = []
    ids.reserveCapacity(tokens.count)
    for t in tokens {
      if t == SearchText.fieldSeparator {
        ids.append(Self.separator)
      } else if let id = vocabulary[t] {
        ids.append(id)
      } else {
        let id = Int32(words.count)
        vocabulary[t] = id
        words.append(t)
        ids.append(id)
      }
    }
    documents[taskID] = ids
  }

  /// Forgets a task.
  public mutating func remove(taskID: Int) { documents[taskID] = nil }

  /// A phrase turned into token ids once per query.
  public struct Phrase: Sendable {
    /// Acceptable ids at each position; nil when the phrase cannot match anything.
    var positions: [Set<Int32>]?
  }

  /// Prepares a phrase; with `lastIsPrefix` its last word matches every indexed word that
  /// starts with it.
  public func compile(_ phrase: [String], lastIsPrefix: Bool) -> Phrase {
    var positions: [Set<Int32>] = []
    for (i, word) in phrase.enumerated() {
      if lastIsPrefix && i == phrase.count - 1 {
        var ids: Set<Int32> = []
        for (w, id) in vocabulary where w.hasPrefix(word) { ids.insert(id) }
        if ids.isEmpty { return Phrase(positions: nil) }
        positions.append(ids)
      } else {
        guard let id = vocabulary[word] else { return Phrase(positions: nil) }
        positions.append([id])
      }
    }
    return Phrase(positions: positions)
  }

  /// Whether a task's tokens contain the phrase whole-token and contiguous.
  public func matches(taskID: Int, _ phrase: Phrase) -> Bool {
    guard let positions = phrase.positions else { return false }
    if positions.isEmpty { return true }
    guard let doc = documents[taskID], doc.count >= positions.count else { return false }
    let n = positions.count
    let first = positions[0]
    var i = 0
    let last = doc.count - n
    while i <= last {
      if first.contains(doc[i]) {
        var k = 1
        while k < n && positions[k].contains(doc[i + k]) { k += 1 }
        if k == n { return true }
      }
      i += 1
    }
    return false
  }
}
