import Testing

@testable import CursesBackend

@Suite("CursesTerminal.checkEnvironment, without a terminal")
struct EnvironmentTests {
  @Test(
    "problems in order: TTY, TERM, UTF-8",
    arguments: [
      (["TERM": "xterm", "LANG": "C.UTF-8"], true, true, TerminalProblem?.none),
      (["TERM": "xterm", "LANG": "C.UTF-8"], false, true, .notATerminal),
      (["TERM": "xterm", "LANG": "C.UTF-8"], true, false, .notATerminal),
      (["LANG": "C.UTF-8"], true, true, .termUnset),
      (["TERM": "", "LANG": "C.UTF-8"], true, true, .termUnset),
      (["TERM": "dumb", "LANG": "C.UTF-8"], true, true, .termDumb),
      (["TERM": "xterm", "LANG": "C"], true, true, .notUTF8(codeset: "ANSI_X3.4-1968")),
      (["TERM": "xterm"], true, true, .notUTF8(codeset: "ANSI_X3.4-1968")),
      (["TERM": "xterm", "LANG": "C", "LC_CTYPE": "C.UTF-8"], true, true, nil),
      (
        ["TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "POSIX"], true, true,
        .notUTF8(codeset: "ANSI_X3.4-1968")
      ),
      (["TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": ""], true, true, nil),
      // A locale that is not installed leaves the C locale in place.
      (["TERM": "xterm", "LANG": "xx_YY.UTF-8"], true, true, .notUTF8(codeset: "ANSI_X3.4-1968")),
    ])
  func check(_ env: [String: String], _ stdin: Bool, _ stdout: Bool, _ expected: TerminalProblem?) {
    let problem = CursesTerminal.checkEnvironment(
      environment: env, inputIsTerminal: stdin, outputIsTerminal: stdout)
    #expect(problem == expected)
  }

  @Test(
    "codeset spelling variants",
    arguments: [("UTF-8", true), ("utf8", true), ("UTF_8", true), ("ISO-8859-1", false)])
  func utf8Spelling(_ codeset: String, _ expected: Bool) {
    #expect(CursesTerminal.isUTF8(codeset) == expected)
  }
}
