import FollowUpCore
import Foundation
import ZIPFoundation

/// How much a zip archive may hold before it is refused as hostile.
///
/// Office documents are small; anything past these bounds is a zip bomb or not a document.
public struct ZipLimits: Sendable {
  /// Most entries an archive may list.
  public var maxEntries: Int
  /// Most bytes one entry may unpack to.
  public var maxEntryBytes: Int
  /// Most bytes all entries read from one archive may unpack to.
  public var maxTotalBytes: Int
  /// Largest unpacked/packed ratio allowed once an entry passes `ratioFloor` bytes.
  public var maxRatio: Int
  /// Below this many unpacked bytes the ratio is not checked: tiny XML parts compress very well.
  public var ratioFloor: Int

  /// Creates limits.
  public init(maxEntries: Int, maxEntryBytes: Int, maxTotalBytes: Int, maxRatio: Int, ratioFloor: Int) {
    self.maxEntries = maxEntries
    self.maxEntryBytes = maxEntryBytes
    self.maxTotalBytes = maxTotalBytes
    self.maxRatio = maxRatio
    self.ratioFloor = ratioFloor
  }

  /// Bounds that fit a 100 000-task workbook with room to spare (its sheet is ~250 MB unpacked
  /// at most) yet stop the classic bombs, whose deflate ratio approaches 1000.
  public static let standard = ZipLimits(
    maxEntries: 10_000, maxEntryBytes: 512 << 20, maxTotalBytes: 1 << 30, maxRatio: 250,
    ratioFloor: 1 << 20)
}

/// A zip archive held in memory whose entries are unpacked under `ZipLimits`.
///
/// The limits are enforced on the bytes actually produced while inflating, never on the sizes
/// the headers claim, because a hostile archive lies in its headers. Errors are one sentence;
/// callers put the file name in front with `UserError.located`.
public final class SafeZip {
  /// Entry paths in the order the central directory lists them.
  public let paths: [String]
  private let archive: Archive
  private let entries: [String: Entry]
  private let packedSizes: [String: Int]
  private let limits: ZipLimits
  private var unpackedSoFar = 0

  /// Opens `data` as a zip archive, refusing what is not one, what is encrypted and what lists
  /// too many entries.
  public init(_ data: Data, limits: ZipLimits = .standard) throws {
    self.limits = limits
    try Self.checkSignature(data)
    let directory = try CentralDirectory(data, maxEntries: limits.maxEntries)
    if let locked = directory.records.first(where: { $0.encrypted }) {
      throw UserError(
        .zipEncrypted,
        vi: "Mục \(locked.name) trong tệp nén được mã hoá; hãy lưu lại tài liệu không đặt mật khẩu",
        en: "The archive entry \(locked.name) is encrypted; save the document again without a password")
    }
    if let odd = directory.records.first(where: { $0.method != 0 && $0.method != 8 }) {
      throw UserError(
        .zipMethod,
        vi: "Mục \(odd.name) được nén theo cách không hỗ trợ (phương thức \(odd.method)); hãy lưu lại tài liệu bằng Excel hoặc LibreOffice",
        en: "The archive entry \(odd.name) uses an unsupported compression method (\(odd.method)); save the document again from Excel or LibreOffice")
    }
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw Self.damaged
    }
    var entries: [String: Entry] = [:]
    var paths: [String] = []
    for entry in archive where entry.type == .file {
      if entries[entry.path] == nil { paths.append(entry.path) }
      entries[entry.path] = entry
    }
    guard paths.count == directory.records.filter({ !$0.name.hasSuffix("/") }).count else {
      throw Self.damaged
    }
    self.archive = archive
    self.entries = entries
    self.paths = paths
    self.packedSizes = Dictionary(
      directory.records.map { ($0.name, $0.packedSize) }, uniquingKeysWith: { a, _ in a })
  }

  /// Whether the archive has an entry at `path`.
  public func contains(_ path: String) -> Bool { entries[path] != nil }

  /// The unpacked bytes of the entry at `path`, or nil when there is none.
  ///
  /// Throws once the entry, or everything read from this archive so far, passes the limits,
  /// or when the unpacked bytes fail their checksum.
  public func read(_ path: String) throws -> Data? {
    guard let entry = entries[path] else { return nil }
    let packed = max(packedSizes[path] ?? Int(clamping: entry.compressedSize), 1)
    var out = Data()
    var produced = 0
    let limits = self.limits
    let before = unpackedSoFar
    let checksum: CRC32
    do {
      checksum = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: false) { chunk in
        produced += chunk.count
        if produced > limits.maxEntryBytes { throw Refusal.entryTooLarge }
        if before + produced > limits.maxTotalBytes { throw Refusal.totalTooLarge }
        if produced > limits.ratioFloor && produced / packed > limits.maxRatio {
          throw Refusal.ratio
        }
        out.append(chunk)
      }
    } catch let r as Refusal {
      throw r.error(path: path, limits: limits)
    } catch {
      throw Self.damagedEntry(path)
    }
    guard checksum == entry.checksum else { throw Self.damagedEntry(path) }
    unpackedSoFar += produced
    return out
  }

  /// What went over a limit, turned into a sentence once the path is known.
  private enum Refusal: Error {
    case entryTooLarge, totalTooLarge, ratio

    func error(path: String, limits: ZipLimits) -> UserError {
      switch self {
      case .entryTooLarge:
        let mb = limits.maxEntryBytes >> 20
        return UserError(
          .zipBomb,
          vi: "Mục \(path) giải nén ra hơn \(mb) MB, vượt giới hạn; tệp có thể là bom nén nên không được đọc",
          en: "The archive entry \(path) unpacks to more than \(mb) MB, over the limit; the file may be a zip bomb and was not read")
      case .totalTooLarge:
        let mb = limits.maxTotalBytes >> 20
        return UserError(
          .zipBomb,
          vi: "Tệp nén giải nén ra hơn \(mb) MB tổng cộng, vượt giới hạn; tệp có thể là bom nén nên không được đọc",
          en: "The archive unpacks to more than \(mb) MB in all, over the limit; the file may be a zip bomb and was not read")
      case .ratio:
        return UserError(
          .zipBomb,
          vi: "Mục \(path) nở ra hơn \(limits.maxRatio) lần kích thước nén; tệp trông như bom nén nên không được đọc",
          en: "The archive entry \(path) expands more than \(limits.maxRatio) times its packed size; the file looks like a zip bomb and was not read")
      }
    }
  }

  static let damaged = UserError(
    .zipDamaged,
    vi: "Tệp nén bị hỏng (không đọc được danh mục); hãy lưu lại tài liệu bằng Excel hoặc LibreOffice",
    en: "The zip archive is damaged (its directory cannot be read); save the document again from Excel or LibreOffice")

  static func damagedEntry(_ path: String) -> UserError {
    UserError(
      .zipDamaged,
      vi: "Tệp nén bị hỏng (mục \(path) không giải nén được); hãy lưu lại tài liệu bằng Excel hoặc LibreOffice",
      en: "The zip archive is damaged (entry \(path) cannot be unpacked); save the document again from Excel or LibreOffice")
  }

  /// The first bytes of an OLE compound file: how Office stores a password-protected
  /// .xlsx/.docx (an encrypted package inside a CFB container) and the old binary formats.
  static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  /// Refuses data that is not a zip archive with the sentence that fits what it is instead.
  static func checkSignature(_ data: Data) throws {
    let head = [UInt8](data.prefix(8))
    if head == compoundFileMagic {
      // An encrypted OOXML package is a compound file with an "EncryptionInfo" stream; its
      // directory names are UTF-16LE. Without one it is a legacy .xls/.doc.
      let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
      if data.range(of: marker) != nil {
        throw UserError(
          .zipPassword,
          vi: "Tài liệu được bảo vệ bằng mật khẩu; hãy mở nó, bỏ mật khẩu rồi lưu lại trước khi đưa vào",
          en: "The document is password-protected; open it, remove the password and save it again before importing")
      }
      throw UserError(
        .zipLegacy,
        vi: "Tệp theo định dạng Office 97–2003 cũ (.xls, .doc); hãy mở và lưu lại thành .xlsx hoặc .docx",
        en: "The file is in the old Office 97–2003 format (.xls, .doc); open it and save it as .xlsx or .docx")
    }
    let local: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    let empty: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    guard head.count >= 4, Array(head[0..<4]) == local || Array(head[0..<4]) == empty else {
      throw UserError(
        .zipNotZip,
        vi: "Tệp không phải tài liệu Office Open XML (.xlsx, .docx) vì không phải tệp nén zip",
        en: "The file is not an Office Open XML document (.xlsx, .docx) because it is not a zip archive")
    }
  }
}

/// The central directory read straight from the bytes, for what ZIPFoundation keeps private:
/// the encryption flag, the compression method and the true number of records.
struct CentralDirectory {
  /// One file header of the central directory.
  struct Record {
    var name: String
    var encrypted: Bool
    var method: Int
    var packedSize: Int
    /// Where this record starts in the archive.
    var headerOffset: Int
    /// Where the entry's local header starts.
    var localOffset: Int
  }

  var records: [Record] = []

  init(_ data: Data, maxEntries: Int) throws {
    let bytes = [UInt8](data)
    func u16(_ at: Int) -> Int? {
      guard at >= 0, at + 2 <= bytes.count else { return nil }
      return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }
    func u32(_ at: Int) -> Int? {
      guard let lo = u16(at), let hi = u16(at + 2) else { return nil }
      return lo | hi << 16
    }
    func u64(_ at: Int) -> Int? {
      guard let lo = u32(at), let hi = u32(at + 4), hi < 1 << 30 else { return nil }
      return lo | hi << 32
    }
    // The end record sits in the last 22 + 65535 (comment) bytes; search backwards.
    var eocd: Int? = nil
    var i = bytes.count - 22
    while i >= max(0, bytes.count - 22 - 0xFFFF) {
      if u32(i) == 0x0605_4B50 { eocd = i; break }
      i -= 1
    }
    guard let end = eocd, var count = u16(end + 10), var offset = u32(end + 16) else {
      throw SafeZip.damaged
    }
    if count == 0xFFFF || offset == 0xFFFF_FFFF {
      guard u32(end - 20) == 0x0706_4B50, let z = u64(end - 12), u32(z) == 0x0606_4B50,
        let c = u64(z + 32), let o = u64(z + 48)
      else { throw SafeZip.damaged }
      count = c
      offset = o
    }
    guard count <= maxEntries else {
      throw UserError(
        .zipEntries,
        vi: "Tệp nén có \(count) mục, nhiều hơn mức \(maxEntries) cho phép; đây không phải một tài liệu thông thường",
        en: "The archive lists \(count) entries, more than the \(maxEntries) allowed; it is not an ordinary document")
    }
    var at = offset
    for _ in 0..<count {
      guard u32(at) == 0x0201_4B50, let flags = u16(at + 8), let method = u16(at + 10),
        let packed = u32(at + 20), let n = u16(at + 28), let e = u16(at + 30),
        let c = u16(at + 32), let local = u32(at + 42), local + 30 <= bytes.count,
        at + 46 + n <= bytes.count
      else { throw SafeZip.damaged }
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + n)], as: UTF8.self)
      // Bit 0: traditional or AES encryption; bit 6: strong encryption.
      records.append(
        Record(
          name: name, encrypted: flags & 0x41 != 0, method: method, packedSize: packed,
          headerOffset: at, localOffset: local))
      at += 46 + n + e + c
    }
  }
}
