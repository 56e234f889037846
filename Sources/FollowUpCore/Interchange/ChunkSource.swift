/// Bytes read a piece at a time from any offset: a file too large to hold is read through
/// one of these, never whole.
public protocol ChunkSource: AnyObject {
  /// Up to `count` bytes starting at `offset`; fewer only at the end, none past it.
  func read(at offset: Int, count: Int) throws -> [UInt8]
}

/// Bytes already in memory served as chunks (standard input, tests): the reader treats
/// them exactly as it treats a file.
public final class DataChunks: ChunkSource {
  let bytes: [UInt8]

  /// Serves these bytes.
  public init<S: Sequence<UInt8>>(_ bytes: S) { self.bytes = Array(bytes) }

  /// The bytes at `offset`.
  public func read(at offset: Int, count: Int) throws -> [UInt8] {
    guard offset < bytes.count else { return [] }
    return Array(bytes[offset..<min(bytes.count, offset + count)])
  }
}
