import FollowUpCore
import Foundation
import GRDB
#if canImport(Glibc)
  import Glibc
#endif

/// One FollowUp data file: a SQLite database in WAL mode, changed one transaction per
/// user action, with a history that makes every action undoable.
///
/// The only type in the program that speaks SQL.
public final class SQLiteStore: TaskStore {
  /// The file's path.
  public let path: String
  /// Who the history records as making changes.
  public let user: String
  /// Whether the file can be written (false for a read-only file).
  public let isWritable: Bool
  /// Whether opening created the file (a failed first action may then remove it again).
  public let createdFile: Bool
  /// Whether every read judges each task as of its day, never through the current
  /// columns (`Current`): the exact reference the fast reads are checked against.
  public let judgesEveryRow: Bool

  let db: DatabaseQueue

  /// The application id stamped into every FollowUp file ("FLUP").
  static let applicationID: Int32 = 0x464C_5550

  /// Who may open a file FollowUp creates.
  public enum Sharing: String, Sendable, CaseIterable {
    /// Readable and writable by its owner only (mode 600, folder 700).
    case owner
    /// Also by the owner's group, for an office sharing one file on a server (660, folder 770).
    case group

    var fileMode: mode_t { self == .group ? 0o660 : 0o600 }
    var folderMode: Int { self == .group ? 0o770 : 0o700 }
  }

  /// How long a write waits for another process before giving up.
  public static let busyTimeout: TimeInterval = 5

  /// Opens (or, if it does not exist yet, creates) a FollowUp file.
  ///
  /// A file that is not a FollowUp database, is damaged, or comes from a newer version is
  /// refused with a clear error before anything is written to it.
  ///
  /// A file created here starts with `directory` (agencies and people), so a new user can
  /// add tasks at once.
  public init(
    path: String, user: String, createIfMissing: Bool = true,
    directory: (agencies: [Agency], people: [Person]) = ([], []), sharing: Sharing = .owner,
    judgesEveryRow: Bool = false
  ) throws {
    self.path = path
    self.user = user
    self.judgesEveryRow = judgesEveryRow
    let fm = FileManager.default
    var created = false
    if !fm.fileExists(atPath: path) {
      guard createIfMissing else {
        throw UserError(
          .fileMissing, vi: "Không có tệp dữ liệu '\(path)'; kiểm tra lại đường dẫn",
          en: "There is no data file '\(path)'; check the path")
      }
      try SQLiteStore.create(path, directory: directory, sharing: sharing)
      created = true
    }
    createdFile = created
    try SQLiteStore.checkExistingFile(path)
    isWritable = SQLiteStore.canWrite(path)
    var config = Configuration()
    config.busyMode = .timeout(SQLiteStore.busyTimeout)
    config.readonly = !isWritable
    config.label = "followup"
    // WAL is switched on here rather than with `config.journalMode = .wal`: GRDB's WAL set-up
    // writes to the file on every open (a table created and dropped) and lowers
    // `synchronous` to NORMAL after `prepareDatabase` has run. Opening a file to read it
    // must leave its bytes alone.
    config.prepareDatabase(SQLiteStore.prepare(writable: isWritable))
    do {
      db = try DatabaseQueue(path: path, configuration: config)
      if isWritable, try !db.read({ try Schema.migrator.hasCompletedMigrations($0) }) {
        try Schema.migrator.migrate(db)
      }
    } catch let e as UserError {
      throw e
    } catch let e as DatabaseError {
      throw SQLiteStore.translate(e, path: path)
    }
  }

  /// What every connection does first: WAL when it may write (GRDB's WAL set-up writes to
  /// the file on every open and lowers `synchronous` to NORMAL, so it is not used), and
  /// `synchronous = FULL`: every acknowledged action must survive a crash or power cut, the
  /// office's record is evidence.
  static func prepare(writable: Bool) -> @Sendable (Database) throws -> Void {
    { db in
      if writable {
        let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        guard mode == "wal" else { throw DatabaseError(resultCode: .SQLITE_CANTOPEN) }
      }
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
  }

  /// Whether the file may be written. `access` says yes to root whatever the mode, so a
  /// file nobody may write (`chmod a-w`, e.g. a closed year's archive) counts as read-only.
  static func canWrite(_ path: String) -> Bool {
    guard access(path, W_OK) == 0 else { return false }
    var st = stat()
    return stat(path, &st) == 0 && st.st_mode & 0o222 != 0
  }

  /// The default file: `$FOLLOWUP_FILE`, else `$XDG_DATA_HOME/followup/followup.db`, else
  /// `~/.local/share/followup/followup.db`.
  public static func defaultPath(environment: [String: String]) -> String {
    if let f = environment["FOLLOWUP_FILE"], !f.isEmpty { return f }
    let base: String
    if let x = environment["XDG_DATA_HOME"], x.hasPrefix("/") {
      base = x
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      base = home + "/.local/share"
    }
    return base + "/followup/followup.db"
  }

  /// Creates a new, complete FollowUp file at `path`, all at once.
  ///
  /// The file is made under a temporary name beside it (stamped, tables created, closed)
  /// and only then linked into place, so no other process, and no later run after a crash
  /// or a kill, ever sees an empty or half-made file under the real name. When another
  /// process creates the same file meanwhile, its file is kept and used.
  static func create(
    _ path: String, directory: (agencies: [Agency], people: [Person]) = ([], []), sharing: Sharing = .owner
  ) throws {
    let temporary = try createEmptyFile(path, sharing: sharing)
    defer { unlink(temporary) }
    var config = Configuration()
    config.busyMode = .timeout(busyTimeout)
    config.prepareDatabase(prepare(writable: true))
    do {
      let queue = try DatabaseQueue(path: temporary, configuration: config)
      try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
      try Schema.migrator.migrate(queue)
      if !directory.agencies.isEmpty || !directory.people.isEmpty {
        try queue.write { db in
          for a in directory.agencies { try Rows.save(a, db) }
          for p in directory.people { try Rows.save(p, db) }
        }
      }
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
      try queue.close()
    } catch let e as DatabaseError {
      throw translate(e, path: path)
    }
    for side in ["-wal", "-shm"] { unlink(temporary + side) }
    if link(temporary, path) != 0 && errno != EEXIST {
      throw UserError(
        .fileCreate,
        vi: "Không tạo được tệp '\(path)' (\(String(cString: strerror(errno)))); kiểm tra quyền ghi của thư mục",
        en: "Cannot create the file '\(path)' (\(String(cString: strerror(errno)))); check the folder's permissions")
    }
    // The new name must survive a power cut too.
    let dir = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
    if dir >= 0 {
      fsync(dir)
      Glibc.close(dir)
    }
  }

  /// Creates the folder if needed and an empty file beside `path` under a temporary name,
  /// owner-only unless `sharing` says otherwise; returns that name.
  static func createEmptyFile(_ path: String, sharing: Sharing = .owner) throws -> String {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    var isDir: ObjCBool = false
    if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
      do {
        try FileManager.default.createDirectory(
          atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: sharing.folderMode])
      } catch {
        throw UserError(
          .fileDirectory,
          vi: "Không tạo được thư mục '\(dir)' cho tệp dữ liệu; kiểm tra quyền ghi hoặc chọn --file khác",
          en: "Cannot create the folder '\(dir)' for the data file; check permissions or choose another --file")
      }
    } else if !isDir.boolValue {
      throw UserError(
        .fileDirectory, vi: "'\(dir)' không phải thư mục; chọn --file khác",
        en: "'\(dir)' is not a folder; choose another --file")
    }
    // What a creator killed before it finished left behind.
    let prefix = "." + url.lastPathComponent + ".new-"
    for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(prefix) {
      let pid = name.dropFirst(prefix.count).prefix { $0 != "-" }
      if let pid = Int32(pid), kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + name) }
    }
    // Created here with its final permissions so SQLite's -wal and -shm inherit them; fchmod
    // because the umask would otherwise take the group's write bit back.
    let temporary = dir + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, sharing.fileMode)
    if fd < 0 {
      throw UserError(
        .fileCreate,
        vi: "Không tạo được tệp '\(path)' (\(String(cString: strerror(errno)))); kiểm tra quyền ghi của thư mục",
        en: "Cannot create the file '\(path)' (\(String(cString: strerror(errno)))); check the folder's permissions")
    }
    fchmod(fd, sharing.fileMode)
    Glibc.close(fd)
    return temporary
  }

  /// The first 100 bytes of a file (SQLite's header), or nil when it cannot be read.
  static func readHeader(_ path: String) -> Data? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: 100)) ?? Data()
  }

  /// Whether a SQLite header promises more pages than the file holds, with no WAL beside it.
  static func isCutShort(_ header: Data?, path: String) -> Bool {
    guard let header, header.count == 100 else { return false }
    func int(_ r: Range<Int>) -> Int { header[r].reduce(0) { ($0 << 8) | Int($1) } }
    func size(_ p: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0 }
    let pageSize = int(16..<18) == 1 ? 65_536 : int(16..<18)
    // The page count at 28…31 is valid only when bytes 92…95 match the change counter at 24…27.
    return int(92..<96) == int(24..<28) && int(28..<32) > 0 && size(path) < int(28..<32) * pageSize
      && size(path + "-wal") == 0
  }

  /// Refuses files that are not FollowUp databases without opening them for writing.
  static func checkExistingFile(_ path: String) throws {
    guard let header = readHeader(path) else {
      throw UserError(
        .fileUnreadable, vi: "Không đọc được tệp '\(path)'; kiểm tra quyền đọc",
        en: "Cannot read the file '\(path)'; check its permissions")
    }
    if header.isEmpty {
      throw UserError(
        .fileEmpty,
        vi: "Tệp '\(path)' rỗng, không phải tệp dữ liệu FollowUp; xoá nó hoặc chọn --file khác",
        en: "The file '\(path)' is empty, not a FollowUp data file; delete it or choose another --file")
    }
    guard header.starts(with: Array("SQLite format 3\0".utf8)), header.count == 100 else {
      throw notOurs(path)
    }
    // application_id is the big-endian integer at byte offset 68 of the header.
    let appID = header[68..<72].reduce(Int32(0)) { ($0 << 8) | Int32($1) }
    guard appID == applicationID else { throw notOurs(path) }
    // A full integrity check reads the whole file, far too slow on every open; a file cut
    // short is caught here from the header's page count, and other damage by SQLite when it
    // reads the bad page. While another process checkpoints, page 1 (with the new page count)
    // is written before the pages that grow the file, and the WAL still holds them all: not
    // damage. So the check applies only when there is no WAL to replay, and counts only if a
    // second reading a moment later agrees.
    if isCutShort(header, path: path) {
      usleep(50_000)
      if isCutShort(readHeader(path), path: path) { throw damaged(path) }
    }
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(busyTimeout)
    do {
      let probe = try DatabaseQueue(path: path, configuration: config)
      try probe.read { db in
        if try Schema.migrator.hasBeenSuperseded(db) {
          throw UserError(
            .fileNewer,
            vi: "Tệp '\(path)' do phiên bản FollowUp mới hơn tạo ra; hãy cập nhật chương trình, tệp không bị thay đổi",
            en: "The file '\(path)' was written by a newer FollowUp; update the program (the file was not changed)")
        }
      }
      try probe.close()
    } catch let e as UserError {
      throw e
    } catch let e as DatabaseError {
      throw translate(e, path: path)
    }
  }

  static func notOurs(_ path: String) -> UserError {
    UserError(
      .fileForeign,
      vi: "Tệp '\(path)' không phải tệp dữ liệu FollowUp; chọn --file khác (tệp không bị thay đổi)",
      en: "The file '\(path)' is not a FollowUp data file; choose another --file (the file was not changed)")
  }

  static func damaged(_ path: String) -> UserError {
    UserError(
      .fileDamaged,
      vi: "Tệp '\(path)' bị hỏng; hãy khôi phục từ bản sao lưu (tệp không bị thay đổi)",
      en: "The file '\(path)' is damaged; restore it from a backup (the file was not changed)")
  }

  /// Turns SQLite's result codes into sentences a desk officer can act on.
  static func translate(_ e: DatabaseError, path: String) -> UserError {
    switch e.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return UserError(
        .fileBusy,
        vi: "Tệp '\(path)' đang bị chương trình khác khoá quá \(Int(busyTimeout)) giây; thử lại sau",
        en: "The file '\(path)' has been locked by another program for over \(Int(busyTimeout)) seconds; try again shortly")
    case .SQLITE_READONLY, .SQLITE_PERM:
      return UserError(
        .fileReadonly,
        vi: "Tệp '\(path)' chỉ đọc, không ghi được; kiểm tra quyền ghi của tệp và thư mục",
        en: "The file '\(path)' is read-only; check the permissions of the file and its folder")
    case .SQLITE_FULL:
      return UserError(
        .fileFull, vi: "Ổ đĩa chứa '\(path)' đã đầy; giải phóng chỗ trống rồi thử lại",
        en: "The disk holding '\(path)' is full; free some space and try again")
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      return damaged(path)
    case .SQLITE_CANTOPEN:
      return UserError(
        .fileCantopen, vi: "Không mở được tệp '\(path)'; kiểm tra đường dẫn và quyền truy cập",
        en: "Cannot open the file '\(path)'; check the path and permissions")
    case .SQLITE_IOERR where e.extendedResultCode == .SQLITE_IOERR_WRITE:
      // Also what a file-size limit (ulimit -f) or a quota gives, rather than SQLITE_FULL.
      return UserError(
        .fileWrite, vi: "Không ghi được vào tệp '\(path)' (ổ đĩa đầy, hết hạn mức hoặc hỏng); giải phóng chỗ trống rồi thử lại, thay đổi chưa được lưu",
        en: "Could not write to '\(path)' (the disk is full, over quota or failing); free some space and try again, nothing was saved")
    case .SQLITE_IOERR:
      return UserError(
        .fileIo, vi: "Lỗi đọc ghi đĩa với tệp '\(path)' (\(e.message ?? "")); kiểm tra ổ đĩa",
        en: "Disk input/output error on '\(path)' (\(e.message ?? "")); check the disk")
    default:
      return UserError(
        .fileSqlite, vi: "Lỗi cơ sở dữ liệu với tệp '\(path)': \(e.message ?? "\(e.resultCode)")",
        en: "Database error on '\(path)': \(e.message ?? "\(e.resultCode)")")
    }
  }

  /// Runs a read, turning SQLite errors into sentences.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try db.read(body)
    } catch let e as DatabaseError {
      throw SQLiteStore.translate(e, path: path)
    }
  }

  /// Runs a write transaction, turning SQLite errors into sentences.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    guard isWritable else {
      throw SQLiteStore.translate(DatabaseError(resultCode: .SQLITE_READONLY), path: path)
    }
    do {
      return try db.write(body)
    } catch let e as DatabaseError {
      throw SQLiteStore.translate(e, path: path)
    }
  }

  /// A number that changes when another process commits to the file.
  public func dataVersion() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
  }

  /// The file's revision: incremented by every committed action, from any process.
  public func revision() throws -> Int {
    try read { db in try Schema.revision(db) }
  }

  /// The file's revision, which every committed action moves.
  public func changeToken() throws -> Int { try revision() }

  /// The file's name.
  public var displayName: String { URL(fileURLWithPath: path).lastPathComponent }

  /// The file's path.
  public var location: String { path }

  /// Closes the file.
  public func close() throws { try db.close() }

  /// Closes and deletes a file this open created, so a first action that failed leaves no
  /// empty data file behind; a file that existed before is left alone.
  public func discardIfCreated() {
    guard createdFile else { return }
    try? db.close()
    for side in ["", "-wal", "-shm"] { unlink(path + side) }
  }
}
