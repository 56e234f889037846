import FollowUpApp
import FollowUpCore
import Foundation
import TermCore

#if canImport(Glibc)
  import Glibc
#endif

/// `E` in the interface: lends the terminal to `$EDITOR` with the task as a text form.
final class ExternalEditor: ExternalEditing {
  let lang: Lang
  let today: Day
  let environment: [String: String]

  init(lang: Lang, today: Day, environment: [String: String] = Environment.current.variables) {
    self.lang = lang
    self.today = today
    self.environment = environment
  }

  func edit(_ task: FollowUpTask, catalog: Catalog, backend: TerminalBackend) -> Result<FollowUpTask, UserError> {
    backend.suspend()
    defer { backend.resume() }
    do {
      let session = EditorSession(lang: lang, today: today, environment: environment)
      guard let edited = try session.run(task, catalog: catalog) else { return .failure(EditorSession.cancelled) }
      return .success(edited)
    } catch let e as UserError {
      return .failure(e)
    } catch {
      return .failure(UserError(.editorFailed, vi: "Trình soạn thảo lỗi: \(error)", en: "The editor failed: \(error)"))
    }
  }
}

/// One round trip through the editor, repeated while the form has errors (like
/// `git commit`): each time the problem is written on top of the person's own text.
struct EditorSession {
  let lang: Lang
  let today: Day
  let environment: [String: String]

  /// Said when the person left the form unchanged or emptied it.
  static let cancelled = UserError(
    .editorCancelled, vi: "Đã huỷ sửa bằng trình soạn thảo; không có gì thay đổi",
    en: "Editing in the editor was cancelled; nothing changed")

  /// The edited task, or nil when the person cancelled.
  func run(_ task: FollowUpTask, catalog: Catalog) throws -> FollowUpTask? {
    let command = try EditorCommand.resolve(environment: environment)
    let form = EditorForm(task: task, catalog: catalog, lang: lang, today: today)
    let file = try TemporaryForm(name: "followup-\(task.id).txt")
    defer { file.remove() }
    var text = form.render()
    while true {
      try file.write(text)
      let status = try EditorCommand.run(command, file: file.path)
      guard status == 0 else {
        throw UserError(
          .editorStatus, vi: "Trình soạn thảo '\(command[0])' kết thúc với mã \(status); không lưu gì",
          en: "The editor '\(command[0])' exited with status \(status); nothing was saved")
      }
      let edited = try file.read()
      if edited == text { return nil }
      switch Result(catching: { try form.parse(edited) }) {
      case .success(.empty): return nil
      case .success(.task(let t)): return t == task ? nil : t
      case .failure(let e as UserError): text = EditorForm.withError(edited, e, lang)
      case .failure(let e): throw e
      }
    }
  }
}

/// A private file for the form: in its own folder, readable by its owner only.
struct TemporaryForm {
  let folder: String
  let path: String

  init(name: String) throws {
    var base = NSTemporaryDirectory()
    if !base.hasSuffix("/") { base += "/" }
    var template = Array((base + "followup-edit-XXXXXX").utf8CString)
    // mkdtemp fills in the template in place; the name is read while the buffer is alive.
    let made: String? = template.withUnsafeMutableBufferPointer { p in
      p.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    guard let made else {
      throw UserError(
        .editorTmp, vi: "Không tạo được tệp tạm trong \(base); kiểm tra TMPDIR",
        en: "Cannot create a temporary file in \(base); check TMPDIR")
    }
    folder = made
    path = folder + "/" + name
  }

  func write(_ text: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
      throw UserError(.editorTmp, vi: "Không ghi được tệp tạm '\(path)'", en: "Cannot write the temporary file '\(path)'")
    }
  }

  func read() throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      // Some editors save by renaming; a missing file means the person removed it: cancel.
      return ""
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw UserError(
        .editorUtf8, vi: "Tệp đã sửa không phải UTF-8; hãy lưu bằng UTF-8", en: "The edited file is not UTF-8; save it as UTF-8")
    }
    return text
  }

  func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// Finding and running the editor, never through a shell.
enum EditorCommand {
  /// `$VISUAL` (on a capable terminal), else `$EDITOR`, else `vi`, split into words.
  static func resolve(environment: [String: String]) throws -> [String] {
    var choices: [String] = []
    if let v = environment["VISUAL"], environment["TERM"] != "dumb" { choices.append(v) }
    if let e = environment["EDITOR"] { choices.append(e) }
    choices.append("vi")
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for choice in choices {
      var words = split(choice)
      guard let program = words.first else { continue }
      guard let found = locate(program, path: path) else {
        throw UserError(
          .editorMissing, vi: "Không tìm thấy trình soạn thảo '\(program)'; đặt biến EDITOR, ví dụ EDITOR=nano",
          en: "Cannot find the editor '\(program)'; set EDITOR, e.g. EDITOR=nano")
      }
      words[0] = found
      return words
    }
    throw UserError(.editorNone, vi: "Chưa đặt trình soạn thảo; đặt biến EDITOR, ví dụ EDITOR=nano", en: "No editor is set; set EDITOR, e.g. EDITOR=nano")
  }

  /// Splits an editor setting into words: on spaces, with '…' and "…" grouping and a
  /// backslash escaping the next character, so `code --wait` and `"/opt/My Editor/ed"` work.
  static func split(_ s: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for ch in s {
      if escaped {
        word.append(ch)
        escaped = false
        continue
      }
      if let q = quote {
        if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { word.append(ch) }
        continue
      }
      switch ch {
      case "\\":
        escaped = true
        inWord = true
      case "'", "\"":
        quote = ch
        inWord = true
      case " ", "\t", "\n":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      default:
        word.append(ch)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// The executable a program name means: a path as given, else the first match on PATH.
  static func locate(_ program: String, path: String) -> String? {
    if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
    for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
      let d = dir.isEmpty ? "." : String(dir)
      let candidate = d + "/" + program
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue, access(candidate, X_OK) == 0 {
        return candidate
      }
    }
    return nil
  }

  /// Runs the editor on the file in this process group, so it is the terminal's foreground
  /// job, and waits; returns its exit status (128 + signal when a signal ended it).
  ///
  /// `posix_spawn` rather than `Foundation.Process`: on Linux, Process starts the child in a
  /// process group of its own, a background job that is stopped (SIGTTIN) as soon as it reads
  /// the terminal. Like `system()` and git, Ctrl-C and Ctrl-\ go to the editor only while it runs.
  static func run(_ command: [String], file: String) throws -> Int32 {
    let argv = command + [file]
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noneBlocked = sigset_t()
    sigemptyset(&noneBlocked)
    posix_spawnattr_setsigmask(&attributes, &noneBlocked)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var ignore = sigaction()
    ignore.__sigaction_handler = .init(sa_handler: SIG_IGN)
    sigemptyset(&ignore.sa_mask)
    var savedInt = sigaction(), savedQuit = sigaction()
    sigaction(SIGINT, &ignore, &savedInt)
    sigaction(SIGQUIT, &ignore, &savedQuit)
    defer {
      sigaction(SIGINT, &savedInt, nil)
      sigaction(SIGQUIT, &savedQuit, nil)
    }

    let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], nil, &attributes, cArgs, environ)
    guard rc == 0 else {
      throw UserError(
        .editorStart, vi: "Không chạy được trình soạn thảo '\(argv[0])': \(String(cString: strerror(rc)))",
        en: "Cannot start the editor '\(argv[0])': \(String(cString: strerror(rc)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else {
        throw UserError(.editorWait, vi: "Mất dấu trình soạn thảo (\(pid))", en: "Lost track of the editor (\(pid))")
      }
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }
}
