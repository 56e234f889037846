import Foundation
import Testing

/// The shell line that runs `followup` and, once it has ended, reports how the terminal was
/// left: the exit status, the tty modes that matter, and a marker.
func commandReportingTerminal(_ args: [String]) -> String {
  let run = ([Paths.followup] + args).map(shellQuote).joined(separator: " ")
  let modes = "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost|ixon)$' | tr '\\n' ' '"
  return "\(run); echo \"EXIT=$?\"; echo \"STTY: $(\(modes))\"; echo DONE; exec sleep 600"
}

/// After the program ended: its exit status, and a terminal as the shell needs it.
func expectTerminalRestored(_ tmux: Tmux, exit: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
  guard let screen = try tmux.waitFor("the shell after the program", sourceLocation: sourceLocation, { $0.contains("DONE") }) else { return }
  #expect(screen.contains("EXIT=\(exit)"), "exit status, screen:\n\(screen)", sourceLocation: sourceLocation)
  let modes = screen.split(separator: "\n").first { $0.hasPrefix("STTY: ") }.map { $0.dropFirst(6).split(separator: " ").map(String.init) } ?? []
  for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
    #expect(modes.contains(mode), "\(mode) is not back on: \(modes)", sourceLocation: sourceLocation)
  }
  #expect(try tmux.display("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
  #expect(try tmux.display("#{cursor_flag}") == "1", "the cursor is still hidden", sourceLocation: sourceLocation)
  #expect(try tmux.display("#{mouse_any_flag}") == "0", "mouse reporting is still on", sourceLocation: sourceLocation)
  #expect(!screen.contains("FollowUp ·"), "the interface is still on screen:\n\(screen)", sourceLocation: sourceLocation)
}
