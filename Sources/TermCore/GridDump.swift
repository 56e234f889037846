extension Grid {
  /// The golden-screen form of the grid: text rows, a blank line, style rows, then a legend.
  ///
  /// For a 6×2 grid with a red bold "Tasks" title and a reversed second row:
  ///
  /// ```
  /// Tasks
  ///  Done
  ///
  /// aaaaa.
  /// bbbbbb
  /// a = fg:1 bold
  /// b = reverse
  /// ```
  ///
  /// Each text row is exactly `size.width` columns (trailing spaces kept); style rows have one
  /// character per column, `.` for plain.
  ///
  /// Letters are assigned in reading order, so the dump is deterministic and a style change
  /// shows up in a diff next to the text it affects. The output ends with a newline.
  public func dump() -> String {
    var lines: [String] = []
    lines.reserveCapacity(size.height * 2 + 4)
    for y in 0..<size.height {
      lines.append(rowText(y))
    }
    lines.append("")
    var letters: [Style: Character] = [:]
    var legend: [String] = []
    for y in 0..<size.height {
      var styleRow = ""
      for cell in row(y) {
        if cell.style.isPlain {
          styleRow.append(".")
        } else if let letter = letters[cell.style] {
          styleRow.append(letter)
        } else {
          let letter = Grid.dumpLetter(letters.count)
          letters[cell.style] = letter
          legend.append("\(letter) = \(cell.style)")
          styleRow.append(letter)
        }
      }
      lines.append(styleRow)
    }
    lines.append(contentsOf: legend)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The letter for the `n`th distinct style: a–z, A–Z, 0–9, then Latin Extended-A letters.
  static func dumpLetter(_ n: Int) -> Character {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    if n < alphabet.count { return alphabet[n] }
    let fallback = Unicode.Scalar(UInt32(0x100 + (n - alphabet.count)) & 0xFFFF) ?? "?"
    return Character(fallback)
  }
}
