import Foundation

/// A `followup/1` file read as a stream: its header (format, agencies, people, meetings)
/// whole, then its tasks one at a time, never the whole file in memory.
///
/// Opening it checks the whole file first, a chunk at a time (UTF-8, then strict JSON
/// syntax), then the header's types, the format tag and the header's records, so a file
/// refused for any of these is refused before anything is written. Each task is then
/// decoded and checked as it is read: a task of the wrong type or breaking a rule is named
/// by its path (`tasks[123456].deadline`) when it is reached, and the importer that reads
/// it keeps everything in one transaction, so a bad task anywhere leaves nothing behind.
public final class InterchangeStream {
  /// The bytes read at a time when none is asked for.
  public static let defaultChunkSize = 4 << 20

  /// Agencies, people and meetings; no tasks.
  public let header: InterchangeDocument
  /// How many tasks the file lists.
  public let taskCount: Int
  /// The largest id a task gives (0 when none does): new ids start after it.
  public let largestGivenID: Int
  /// How each task's bytes become fields: `bytes` in production; `foundation` (one
  /// `JSONDecoder` call per task) is kept so the two can be timed against each other
  /// (`followup-bench --stream-phases`).
  public enum TaskDecoding: Sendable {
    case bytes, foundation
  }

  /// How many tasks have been read so far (the index of the next one).
  public private(set) var index = 0

  /// The bytes of the file held right now: the rest of one chunk and the task being read.
  var heldBytes: Int { splitter?.held ?? 0 }

  private let splitter: ElementSplitter?
  private let decoding: TaskDecoding
  private let deadlines = DeadlineMemo()
  private let meetingYears: [String: Int]

  /// Checks the file and reads its header; `chunkSize` bytes are read at a time.
  public init(
    source: any ChunkSource, chunkSize: Int = InterchangeStream.defaultChunkSize, decoding: TaskDecoding = .bytes
  ) throws {
    self.decoding = decoding
    let size = max(1, chunkSize)
    var scan = JSONScan()
    var offset = 0
    while true {
      let chunk = try source.read(at: offset, count: size)
      if chunk.isEmpty { break }
      scan.feed(chunk, base: offset)
      offset += chunk.count
    }
    switch scan.finish(size: offset) {
    case .utf8(let at):
      throw InterchangeReader.utf8Error(offset: at)
    case .syntax(let at):
      throw InterchangeReader.syntaxError(try Self.position(ofOffset: at, in: source, chunkSize: size))
    case nil:
      break
    }
    let layout = scan.layout
    guard layout.rootIsObject else {
      throw InterchangeReader.fieldError(shown: "", expected: "object", missing: false)
    }
    // The header as a small document of its own, decoded as the whole-document reader
    // decodes it: the same types, the same sentences.
    var head: [UInt8] = Array("{".utf8)
    for key in ["format", "agencies", "people", "meetings"] {
      guard let range = layout.values[key] else { continue }
      if head.count > 1 { head.append(UInt8(ascii: ",")) }
      head += Array("\"\(key)\":".utf8)
      var at = range.lowerBound
      while at < range.upperBound {
        let part = try source.read(at: at, count: min(size, range.upperBound - at))
        if part.isEmpty { break }
        head += part
        at += part.count
      }
    }
    head.append(UInt8(ascii: "}"))
    var tasksAt: Int?
    if let range = layout.values["tasks"] {
      switch try source.read(at: range.lowerBound, count: 1).first {
      case UInt8(ascii: "["): tasksAt = range.lowerBound
      case UInt8(ascii: "n"): tasksAt = nil
      default: throw InterchangeReader.fieldError(shown: "tasks", expected: "list", missing: false)
      }
    }
    header = try InterchangeReader.header(json: head)
    taskCount = tasksAt == nil ? 0 : layout.taskCount
    largestGivenID = layout.largestID
    meetingYears = Dictionary(header.meetings.map { ($0.ref, $0.date.year) }, uniquingKeysWith: { a, _ in a })
    splitter = tasksAt.map { ElementSplitter(source: source, listStart: $0, chunkSize: size) }
  }

  /// Opens bytes already in memory.
  public convenience init(json: [UInt8], chunkSize: Int = InterchangeStream.defaultChunkSize) throws {
    try self.init(source: DataChunks(json), chunkSize: chunkSize)
  }

  /// The next task, decoded and checked on its own (its references are the importer's to
  /// check, against the header and the store); nil after the last.
  public func next() throws -> FollowUpTask? {
    guard let s = splitter else { return nil }
    let i = index
    let years = meetingYears
    let fields: RecordFields?
    do {
      switch decoding {
      case .bytes:
        fields = try s.next { bytes in try InterchangeTaskDecoder.record(bytes) }
      case .foundation:
        fields = try s.next { bytes in try JSONDecoder().decode(RecordFields.self, from: Data(bytes)) }
      }
    } catch let p as InterchangeTaskDecoder.Problem {
      throw p.userError(task: i)
    } catch let e as DecodingError {
      let inTask = InterchangeReader.userError(e, data: Data())
      throw UserError(inTask.code, vi: "tasks[\(i)]" + Self.pathPrefixed(inTask.vi), en: "tasks[\(i)]" + Self.pathPrefixed(inTask.en))
    } catch JSONScan.Problem.syntax {
      throw UserError(
        .importJson, vi: "Tệp đã bị thay đổi trong khi đang nhập; hãy nhập lại",
        en: "The file changed while it was being imported; import it again")
    }
    guard let fields else { return nil }
    index += 1
    return try InterchangeReader.task(fields, i, meetingYears: years, memo: deadlines)
  }

  /// Every remaining task, as one document with the header (for stores that import whole
  /// documents).
  public func document() throws -> InterchangeDocument {
    var doc = header
    doc.tasks.reserveCapacity(taskCount - index)
    while let t = try next() { doc.tasks.append(t) }
    return doc
  }

  /// A sentence about a value inside a task, ready to follow the task's own place: `.tags[1]: …`
  /// or, for the task itself, `: …`.
  static func pathPrefixed(_ sentence: String) -> String {
    sentence.hasPrefix("[") || sentence.hasPrefix(":") ? sentence : "." + sentence
  }

  /// The line and column of a byte offset, counted a chunk at a time.
  static func position(ofOffset offset: Int, in source: any ChunkSource, chunkSize: Int) throws -> StrictJSON.Position {
    var line = 1
    var column = 1
    var at = 0
    while at < offset {
      let chunk = try source.read(at: at, count: min(chunkSize, offset - at))
      if chunk.isEmpty { break }
      for c in chunk {
        if c == 0x0A {
          line += 1
          column = 1
        } else if c & 0xC0 != 0x80 {
          column += 1
        }
      }
      at += chunk.count
    }
    return StrictJSON.Position(line: line, column: column)
  }
}
