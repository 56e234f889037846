/// Every task's search tokens, interned as small integers so that a phrase is matched by
/// integer comparison: fast enough to filter 100,000 tasks on each keystroke.
public struct SearchIndex: Sendable, Equatable {
  public static func == (a: SearchIndex, b: SearchIndex) -> Bool {
    a.vocabulary == b.vocabulary && a.words == b.words && a.documents == b.documents
  }

  private var vocabulary: [String: Int32] = [:]
  private var words: [String] = []
  // By task id without hashing (ids are small and dense), 100,000 lookups per keystroke.
  private var documents = IDMap<[Int32]>()

  /// The id of the field separator token; it never equals a query token.
  static let separator: Int32 = -1

  /// Creates an empty index.
  public init() {}

  /// How many tasks are indexed.
  public var count: Int { documents.count }

  /// Indexes (or re-indexes) a task from its stored search column: folded tokens each with a
  /// space around it (what the store keeps), so no folding is redone.
  public mutating func set(taskID: Int, searchColumn: String) {
    set(taskID: taskID, tokens: searchColumn.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) })
  }

  /// Indexes (or re-indexes) a task's tokens.
  public mutating func set(taskID: Int, tokens: [String]) {
    guard taskID >= 0 else { return }
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
  public mutating func remove(taskID: Int) {
    documents[taskID] = nil
  }

  /// A phrase turned into token ids once per query.
  public struct Phrase: Sendable {
    /// What each position accepts: one word, or any word with a prefix.
    enum Position: Sendable {
      case word(Int32)
      case any(Set<Int32>)

      @inline(__always) func accepts(_ id: Int32) -> Bool {
        switch self {
        case .word(let w): return w == id
        case .any(let set): return set.contains(id)
        }
      }
    }
    /// The positions; nil when the phrase cannot match anything.
    var positions: [Position]?
  }

  /// Prepares a phrase; with `lastIsPrefix` its last word matches every indexed word that
  /// starts with it.
  public func compile(_ phrase: [String], lastIsPrefix: Bool) -> Phrase {
    var positions: [Phrase.Position] = []
    for (i, word) in phrase.enumerated() {
      if lastIsPrefix && i == phrase.count - 1 {
        var ids: Set<Int32> = []
        for (w, id) in vocabulary where w.hasPrefix(word) { ids.insert(id) }
        if ids.isEmpty { return Phrase(positions: nil) }
        positions.append(ids.count == 1 ? .word(ids.first ?? -2) : .any(ids))
      } else {
        guard let id = vocabulary[word] else { return Phrase(positions: nil) }
        positions.append(.word(id))
      }
    }
    return Phrase(positions: positions)
  }

  /// Whether a task's tokens contain the phrase whole-token and contiguous.
  public func matches(taskID: Int, _ phrase: Phrase) -> Bool {
    guard let positions = phrase.positions else { return false }
    if positions.isEmpty { return true }
    guard let document = documents[taskID] else { return false }
    let n = positions.count
    return document.withUnsafeBufferPointer { doc in
      guard doc.count >= n else { return false }
      let first = positions[0]
      var i = 0
      let last = doc.count - n
      while i <= last {
        if first.accepts(doc[i]) {
          var k = 1
          while k < n && positions[k].accepts(doc[i + k]) { k += 1 }
          if k == n { return true }
        }
        i += 1
      }
      return false
    }
  }
}
