/// A word or a punctuation mark of a notice, with where it stands in the text.
struct IntakeToken: Hashable {
  /// The characters as written.
  let range: Range<String.Index>
  /// The folded word (`so`, `kh`), or the mark itself.
  let key: String
  /// A run of letters or digits (not a mark).
  let isWord: Bool
  /// Every letter is a capital (`UBND`, `KH`).
  let isUpper: Bool
  /// The first letter is a capital (`Sở`, `UBND`).
  let isCapitalised: Bool
  /// Only digits.
  let isNumber: Bool
}

/// Splits a notice's text into words and marks, keeping positions so any run of tokens can
/// be quoted as written.
enum IntakeLexer {
  static func lex(_ text: String) -> [IntakeToken] {
    var out: [IntakeToken] = []
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      if c.isLetter || c.isNumber {
        var j = text.index(after: i)
        // Digits and letters form separate words, so `Q1` reads as `Q`, `1`.
        let digit = c.isNumber
        while j < text.endIndex, text[j].isLetter || text[j].isNumber, text[j].isNumber == digit {
          j = text.index(after: j)
        }
        let word = text[i..<j]
        let letters = word.filter(\.isLetter)
        out.append(IntakeToken(
          range: i..<j, key: VietText.fold(String(word)), isWord: true,
          isUpper: !letters.isEmpty && letters.allSatisfy { $0.isUppercase },
          isCapitalised: word.first.map { $0.isUppercase } ?? false, isNumber: digit))
        i = j
      } else {
        let j = text.index(after: i)
        if !c.isWhitespace {
          out.append(IntakeToken(
            range: i..<j, key: String(c), isWord: false, isUpper: false, isCapitalised: false,
            isNumber: false))
        }
        i = j
      }
    }
    return out
  }

  /// The text from token `a` through token `b` (inclusive), as written.
  static func quote(_ text: String, _ tokens: [IntakeToken], _ a: Int, _ b: Int) -> String {
    guard a <= b, a >= 0, b < tokens.count else { return "" }
    return String(text[tokens[a].range.lowerBound..<tokens[b].range.upperBound])
  }
}
