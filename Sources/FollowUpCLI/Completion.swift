import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation

/// Dynamic shell completion of agency codes, read from the data file the command line names
/// (`--file`), else the default one. The shell runs this on every Tab press, so it never
/// prints an error, never creates a file, and offers nothing when anything goes wrong.
enum AgencyCompletion {
  /// Agency codes in protocol order, or none.
  static func codes(words: [String]) -> [String] {
    var path: String?
    for (i, w) in words.enumerated() {
      if w == "--file", i + 1 < words.count { path = words[i + 1] }
      if w.hasPrefix("--file=") { path = String(w.dropFirst(7)) }
    }
    let file = path ?? Environment.current.defaultFile
    guard FileManager.default.fileExists(atPath: file),
      let store = try? SQLiteStore(path: file, user: Environment.current.user, createIfMissing: false),
      let catalog = try? store.loadCatalog(meetings: false)
    else { return [] }
    return catalog.agenciesInOrder.map(\.code)
  }

  /// Codes that start with what was typed, ignoring case.
  static func matching(_ prefix: String, words: [String]) -> [String] {
    codes(words: words).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
  }

  /// For a comma-separated list: completes the part after the last comma, keeping the rest
  /// and leaving out codes already listed.
  static func matchingList(_ prefix: String, words: [String]) -> [String] {
    let parts = prefix.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let last = parts.last ?? ""
    let head = parts.dropLast()
    let given = Set(head.map { $0.lowercased() })
    let stem = head.isEmpty ? "" : head.joined(separator: ",") + ","
    return codes(words: words)
      .filter { $0.lowercased().hasPrefix(last.lowercased()) && !given.contains($0.lowercased()) }
      .map { stem + $0 }
  }

  static let agencyKeys = ["agency", "with", "-agency", "-with"]

  /// Filter words: `agency:` and `with:` complete to agency codes; other words get nothing.
  ///
  /// zsh and fish hand over `agency:L` as one word; bash splits it at the colon (it is in
  /// COMP_WORDBREAKS) into `agency`, `:`, `L`, and replaces only the last part.
  static func matchingFilter(_ prefix: String, words: [String], index: Int) -> [String] {
    func isKey(_ i: Int) -> Bool { i >= 0 && i < words.count && agencyKeys.contains(words[i].lowercased()) }
    if index < words.count, words[index] == ":", isKey(index - 1) {
      return matchingList("", words: words).map { ":" + $0 }
    }
    if index >= 2, words[index - 1] == ":", isKey(index - 2) {
      return matchingList(prefix, words: words)
    }
    for key in agencyKeys.map({ $0 + ":" }) where prefix.lowercased().hasPrefix(key) {
      return matchingList(String(prefix.dropFirst(key.count)), words: words).map { key + $0 }
    }
    return ["agency:", "with:", "status:overdue", "status:due_soon", "status:open", "owner:", "due<"]
      .filter { $0.hasPrefix(prefix.lowercased()) && !prefix.isEmpty }
  }
}

/// `--lead`, `reassign --to`: one agency code.
let agencyCompletion = CompletionKind.custom { words, _, prefix in AgencyCompletion.matching(prefix, words: words) }

/// `--with`: comma-separated agency codes.
let agencyListCompletion = CompletionKind.custom { words, _, prefix in AgencyCompletion.matchingList(prefix, words: words) }

/// Filter words (`agency:LHH`, `with:SNV`).
let filterCompletion = CompletionKind.custom { words, index, prefix in
  AgencyCompletion.matchingFilter(prefix, words: words, index: index)
}
