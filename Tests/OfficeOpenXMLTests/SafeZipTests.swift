import FollowUpCore
import Foundation
import OfficeOpenXML
import Testing
import ZIPFoundation

/// Builds an in-memory zip with ZIPFoundation, entry by entry.
func makeZip(_ entries: [(String, Data)], compress: Bool = true) throws -> Data {
  let archive = try Archive(accessMode: .create)
  for (path, bytes) in entries {
    try archive.addEntry(
      with: path, type: .file, uncompressedSize: Int64(bytes.count),
      compressionMethod: compress ? .deflate : .none
    ) { position, size in
      bytes.subdata(in: Int(position)..<Int(position) + size)
    }
  }
  return try #require(archive.data)
}

/// Offsets of every central-directory file header in a zip.
func centralHeaders(_ zip: Data) -> [Int] {
  let b = [UInt8](zip)
  var out: [Int] = []
  var i = 0
  while i + 4 <= b.count {
    if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x01, b[i + 3] == 0x02 { out.append(i) }
    i += 1
  }
  return out
}

/// Overwrites a little-endian 32-bit field.
func poke32(_ data: inout Data, at: Int, _ value: UInt32) {
  for k in 0..<4 { data[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
}

func refusal(_ body: () throws -> Void) -> UserError? {
  do {
    try body()
    return nil
  } catch let e as UserError {
    return e
  } catch {
    return UserError(.unexpected, vi: "\(error)", en: "\(error)")
  }
}

/// The zip reader Office documents go through: each refusal is one sentence and its own code.
@Suite struct SafeZipTests {
  @Test func readsEntriesOfAnOrdinaryArchive() throws {
    let text = Data("Xin chào, Sở Khoa học và Công nghệ".utf8)
    let zip = try makeZip([("xl/workbook.xml", text), ("docProps/app.xml", Data("<a/>".utf8))])
    let archive = try SafeZip(zip)
    #expect(archive.paths == ["xl/workbook.xml", "docProps/app.xml"])
    #expect(try archive.read("xl/workbook.xml") == text)
    #expect(try archive.read("missing.xml") == nil)
  }

  @Test func refusesDataThatIsNotAZip() {
    let e = refusal { _ = try SafeZip(Data("id,content,lead\n1,x,y\n".utf8)) }
    #expect(e?.code == .zipNotZip)
    #expect(e?.en.contains("not a zip archive") == true)
    #expect(refusal { _ = try SafeZip(Data()) }?.code == .zipNotZip)
  }

  @Test func namesAPasswordProtectedDocumentAndAnOldBinaryOne() {
    // Office wraps an encrypted package in a compound file whose directory names the
    // "EncryptionInfo" stream (UTF-16LE); a compound file without it is a legacy .xls.
    var cfb = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
    let legacy = refusal { _ = try SafeZip(cfb) }
    #expect(legacy?.code == .zipLegacy)
    cfb.append(Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
    let locked = refusal { _ = try SafeZip(cfb) }
    #expect(locked?.code == .zipPassword)
    #expect(locked?.en.contains("password-protected") == true)
  }

  @Test func refusesAnEncryptedEntry() throws {
    var zip = try makeZip([("xl/workbook.xml", Data("<workbook/>".utf8))])
    for at in centralHeaders(zip) { zip[at + 8] |= 0x01 }
    let e = refusal { _ = try SafeZip(zip) }
    #expect(e?.code == .zipEncrypted)
    #expect(e?.en.contains("xl/workbook.xml") == true)
  }

  @Test func refusesTooManyEntries() throws {
    let zip = try makeZip((0..<30).map { ("f\($0).xml", Data("<a/>".utf8)) })
    var limits = ZipLimits.standard
    limits.maxEntries = 20
    let e = refusal { _ = try SafeZip(zip, limits: limits) }
    #expect(e?.code == .zipEntries)
    #expect(e?.en.contains("30 entries") == true)
    #expect(refusal { _ = try SafeZip(zip) } == nil)
  }

  @Test func refusesABombByItsRatioWhileInflatingEvenWhenHeadersLie() throws {
    // 16 MB of zeros packs to ~16 KB (ratio ~1000); the headers then claim 100 bytes.
    var zip = try makeZip([("xl/worksheets/sheet1.xml", Data(count: 16 << 20))])
    for at in centralHeaders(zip) { poke32(&zip, at: at + 24, 100) }
    let archive = try SafeZip(zip)
    let e = refusal { _ = try archive.read("xl/worksheets/sheet1.xml") }
    #expect(e?.code == .zipBomb)
    #expect(e?.en.contains("expands more than 250 times") == true)
  }

  @Test func refusesAnEntryOverTheSizeLimit() throws {
    // Random bytes do not compress, so only the size limit can catch this entry.
    var noise = Data(count: 3 << 19)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    noise.withUnsafeMutableBytes { raw in
      for i in raw.indices {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        raw[i] = UInt8(truncatingIfNeeded: state >> 56)
      }
    }
    let zip = try makeZip([("big.bin", noise)])
    var limits = ZipLimits.standard
    limits.maxEntryBytes = 1 << 20
    let e = refusal { _ = try SafeZip(zip, limits: limits).read("big.bin") }
    #expect(e?.code == .zipBomb)
    #expect(e?.en.contains("more than 1 MB") == true)
    #expect(try SafeZip(zip).read("big.bin")?.count == 3 << 19)
  }

  @Test func refusesWhenAllEntriesTogetherPassTheTotal() throws {
    let part = Data(repeating: 0x41, count: 600 << 10)
    let zip = try makeZip([("a.xml", part), ("b.xml", part)], compress: false)
    var limits = ZipLimits.standard
    limits.maxTotalBytes = 1 << 20
    let archive = try SafeZip(zip, limits: limits)
    #expect(try archive.read("a.xml") == part)
    let e = refusal { _ = try archive.read("b.xml") }
    #expect(e?.code == .zipBomb)
    #expect(e?.en.contains("in all") == true)
  }

  @Test func refusesAnEntryWhoseBytesFailTheirChecksum() throws {
    let body = Data(repeating: 0x42, count: 1000)
    var zip = try makeZip([("a.xml", body)], compress: false)
    // Stored entry: its bytes follow the 30-byte local header and the 5-byte name.
    zip[30 + 5 + 10] = 0x43
    let e = refusal { _ = try SafeZip(zip).read("a.xml") }
    #expect(e?.code == .zipDamaged)
  }

  @Test func refusesATruncatedArchive() throws {
    let zip = try makeZip([("a.xml", Data(repeating: 0x42, count: 1000))])
    let e = refusal { _ = try SafeZip(zip.prefix(zip.count - 30)) }
    #expect(e?.code == .zipDamaged)
  }
}
