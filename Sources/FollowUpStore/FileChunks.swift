import FollowUpCore
import Foundation

/// A file read a chunk at a time at any offset, for imports too large to hold.
public final class FileChunks: ChunkSource {
  let path: String
  let fd: Int32

  /// Opens the file, or says it cannot be read.
  public init(path: String) throws {
    self.path = path
    fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw UserError(.importMissing, vi: "Không đọc được tệp '\(path)'", en: "Cannot read the file '\(path)'")
    }
  }

  deinit { close(fd) }

  /// Up to `count` bytes at `offset`.
  public func read(at offset: Int, count: Int) throws -> [UInt8] {
    try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      initialized = 0
      guard let base = buffer.baseAddress else { return }
      while initialized < count {
        let got = pread(fd, base + initialized, count - initialized, off_t(offset + initialized))
        if got == 0 { break }
        guard got > 0 else {
          if errno == EINTR { continue }
          throw UserError(.importMissing, vi: "Không đọc được tệp '\(path)'", en: "Cannot read the file '\(path)'")
        }
        initialized += got
      }
    }
  }
}
