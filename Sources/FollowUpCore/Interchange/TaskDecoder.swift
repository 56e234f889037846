/// Decodes one task object of a `followup/1` file straight from its bytes into the same
/// `RecordFields` that `JSONDecoder` fills, with the same answers for every value of the
/// wrong type: the first problem in the order the fields are declared, named by its path.
///
/// A streamed import decodes a million tasks one at a time; `JSONDecoder` pays a fixed
/// price per call (README, Decisions), this does not. The bytes have already passed the
/// strict syntax check, so only types are judged here.
enum InterchangeTaskDecoder {
  /// A value of the wrong type (or a missing element), with its path inside the task.
  struct Problem: Error {
    var path: [Part]
    var expected: String
    var missing: Bool

    enum Part {
      case key(String)
      case index(Int)
    }

    func prefixed(_ part: Part) -> Problem {
      var p = self
      p.path.insert(part, at: 0)
      return p
    }

    /// The problem as the user sees it, with the task's own place in front.
    func userError(task index: Int) -> UserError {
      var text = "tasks[\(index)]"
      for part in path {
        switch part {
        case .key(let k): text += "." + k
        case .index(let i): text += "[\(i)]"
        }
      }
      return InterchangeReader.fieldError(shown: text, expected: expected, missing: missing)
    }
  }

  /// Decodes the task whose bytes these are.
  static func record(_ bytes: UnsafeBufferPointer<UInt8>) throws(Problem) -> RecordFields {
    var c = Cursor(b: bytes)
    c.skipSpace()
    switch c.peek {
    case UInt8(ascii: "{"): break
    case UInt8(ascii: "n"): throw Problem(path: [], expected: "object", missing: true)
    default: throw Problem(path: [], expected: "object", missing: false)
    }
    return try c.record()
  }

  // MARK: Field tables, taken from the decoding types so both readers read the same keys

  enum RecordKey: String {
    case id, ref, meeting, item, content, lead, coordinating, owner, tracker, deadline, product, priority
    case tags, status, completedOn, result, extensions, notes, assignedOn, reassignments, withdrawal
    case reminders, reportedOn
  }
  enum ExtensionKey: String { case requestedOn, from, to, reason, decision, decidedOn, document, granted }
  enum NoteKey: String { case on, text, by }
  enum ReassignmentKey: String { case from, to, on, document }
  enum WithdrawalKey: String { case on, reason, document, mergedInto }
  enum ReminderKey: String { case on, document, channel, note }
  enum DeadlineKey: String { case text, kind, date }

  /// A record type's keys in the order its `Decodable` init reads them (the order problems
  /// are reported in), each with the field it fills.
  struct Table<Key: RawRepresentable & Sendable>: Sendable where Key.RawValue == String {
    let names: [[UInt8]]
    let keys: [Key?]

    init(_ order: [String]) {
      names = order.map { Array($0.utf8) }
      keys = order.map { Key(rawValue: $0) }
    }

    /// The position of a key in declaration order, or nil for a key the type does not read.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
      for (k, name) in names.enumerated() where name.count == key.count {
        if name.withUnsafeBufferPointer({ n in memcmp(n, key) }) { return k }
      }
      return nil
    }

    private func memcmp(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
      for i in 0..<a.count where a[i] != b[i] { return false }
      return true
    }
  }

  static let recordTable = Table<RecordKey>(KeyRecorder.keys(of: RecordFields.self))
  static let extensionTable = Table<ExtensionKey>(KeyRecorder.keys(of: ExtensionFields.self))
  static let noteTable = Table<NoteKey>(KeyRecorder.keys(of: NoteFields.self))
  static let reassignmentTable = Table<ReassignmentKey>(KeyRecorder.keys(of: ReassignmentFields.self))
  static let withdrawalTable = Table<WithdrawalKey>(KeyRecorder.keys(of: WithdrawalFields.self))
  static let reminderTable = Table<ReminderKey>(KeyRecorder.keys(of: ReminderFields.self))
  static let deadlineTable = Table<DeadlineKey>(KeyRecorder.keys(of: DeadlineValue.self))

  // MARK: Bytes

  /// The text of a JSON string's inner bytes, escapes resolved (the syntax check has
  /// already refused bad escapes and unpaired surrogates).
  static func unescaped(_ raw: [UInt8]) -> String {
    raw.withUnsafeBufferPointer { unescaped($0) }
  }

  static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    func hex(_ at: Int) -> UInt32 {
      var v: UInt32 = 0
      for k in at..<min(at + 4, raw.count) { v = v * 16 + (JSONScan.hexDigit(raw[k]) ?? 0) }
      return v
    }
    while i < raw.count {
      let c = raw[i]
      guard c == UInt8(ascii: "\\"), i + 1 < raw.count else {
        out.append(c)
        i += 1
        continue
      }
      let e = raw[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = hex(i)
        i += 4
        if (0xD800...0xDBFF).contains(scalar), i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\") {
          let low = hex(i + 2)
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
      default: out.append(e)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A JSON number read as `JSONInteger` reads it: an integer, or a number with no fraction
  /// that fits one (`2.0`, `1e1`).
  static func integer(_ raw: [UInt8]) -> Int? {
    raw.withUnsafeBufferPointer { integer($0) }
  }

  static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
    var value = 0
    var negative = false
    var plain = !raw.isEmpty
    for (k, c) in raw.enumerated() {
      if k == 0 && c == UInt8(ascii: "-") {
        negative = true
        continue
      }
      let d = c &- UInt8(ascii: "0")
      guard d < 10 else {
        plain = false
        break
      }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
      if o1 || o2 {
        plain = false
        break
      }
      value = s
    }
    if plain && !(negative && raw.count == 1) { return value }
    guard let d = Double(String(decoding: raw, as: UTF8.self)), d.rounded() == d else { return nil }
    return Int(exactly: d)
  }

  // MARK: The cursor

  struct Cursor {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    var peek: UInt8 { i < b.count ? b[i] : 0 }

    mutating func skipSpace() {
      while i < b.count {
        let c = b[i]
        guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
        i += 1
      }
    }

    /// The inner bytes of the string at the cursor, and whether they hold an escape.
    mutating func rawString() -> (UnsafeBufferPointer<UInt8>, escaped: Bool) {
      i += 1
      let start = i
      var escaped = false
      while i < b.count {
        let c = b[i]
        if c == UInt8(ascii: "\"") { break }
        if c == UInt8(ascii: "\\") {
          escaped = true
          i += 2
        } else {
          i += 1
        }
      }
      let end = min(i, b.count)
      i = end + 1
      return (UnsafeBufferPointer(rebasing: b[start..<end]), escaped)
    }

    mutating func string() -> String {
      let (raw, escaped) = rawString()
      return escaped ? InterchangeTaskDecoder.unescaped(raw) : String(decoding: raw, as: UTF8.self)
    }

    mutating func skipValue() {
      skipSpace()
      switch peek {
      case UInt8(ascii: "\""):
        _ = rawString()
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        var depth = 0
        while i < b.count {
          let c = b[i]
          if c == UInt8(ascii: "\"") {
            _ = rawString()
            continue
          }
          i += 1
          if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            depth += 1
          } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
            depth -= 1
            if depth == 0 { return }
          }
        }
      default:
        while i < b.count {
          let c = b[i]
          if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A
            || c == 0x0D || c == 0x09
          {
            return
          }
          i += 1
        }
      }
    }

    /// True (consuming it) when the value at the cursor is `null`.
    mutating func null() -> Bool {
      skipSpace()
      guard peek == UInt8(ascii: "n") else { return false }
      i += 4
      return true
    }

    mutating func mismatch(_ expected: String) -> Problem { Problem(path: [], expected: expected, missing: false) }

    // Values as the `Decodable` types of the record read them; nil for null.

    mutating func optString() throws(Problem) -> String? {
      if null() { return nil }
      guard peek == UInt8(ascii: "\"") else { throw mismatch("string") }
      return string()
    }

    mutating func optBool() throws(Problem) -> Bool? {
      if null() { return nil }
      if peek == UInt8(ascii: "t") {
        i += 4
        return true
      }
      if peek == UInt8(ascii: "f") {
        i += 5
        return false
      }
      throw mismatch("true/false")
    }

    /// The bytes of the number at the cursor, or nil when the value is not a number.
    mutating func numberBytes() -> UnsafeBufferPointer<UInt8>? {
      let c = peek
      guard c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else { return nil }
      let start = i
      skipValue()
      return UnsafeBufferPointer(rebasing: b[start..<i])
    }

    mutating func optInteger() throws(Problem) -> JSONInteger? {
      if null() { return nil }
      guard let raw = numberBytes(), let v = InterchangeTaskDecoder.integer(raw) else { throw mismatch("integer") }
      return JSONInteger(value: v)
    }

    mutating func optLooseString() throws(Problem) -> LooseString? {
      if null() { return nil }
      if peek == UInt8(ascii: "\"") { return LooseString(value: string()) }
      guard let raw = numberBytes(), let v = InterchangeTaskDecoder.integer(raw) else { throw mismatch("string") }
      return LooseString(value: String(v))
    }

    mutating func optStrings() throws(Problem) -> [String]? {
      if null() { return nil }
      var out: [String] = []
      try list { c, k throws(Problem) in
        c.skipSpace()
        if c.peek == UInt8(ascii: "\"") {
          out.append(c.string())
        } else if c.peek == UInt8(ascii: "n") {
          throw Problem(path: [.index(k)], expected: "string", missing: true)
        } else {
          throw Problem(path: [.index(k)], expected: "string", missing: false)
        }
      }
      return out
    }

    /// Each element of the list at the cursor; a value that is not a list is of the wrong type.
    mutating func list(_ element: (inout Cursor, Int) throws(Problem) -> Void) throws(Problem) {
      guard peek == UInt8(ascii: "[") else { throw mismatch("list") }
      i += 1
      var k = 0
      while true {
        skipSpace()
        if peek == UInt8(ascii: "]") {
          i += 1
          return
        }
        if peek == UInt8(ascii: ",") {
          i += 1
          skipSpace()
        }
        try element(&self, k)
        k += 1
      }
    }

    /// A list of records; a null element is a missing object, anything else not an object
    /// is of the wrong type.
    mutating func optRecords<T>(_ record: (inout Cursor) throws(Problem) -> T) throws(Problem) -> [T]? {
      if null() { return nil }
      var out: [T] = []
      try list { c, k throws(Problem) in
        c.skipSpace()
        if c.peek == UInt8(ascii: "n") { throw Problem(path: [.index(k)], expected: "object", missing: true) }
        guard c.peek == UInt8(ascii: "{") else { throw Problem(path: [.index(k)], expected: "object", missing: false) }
        do throws(Problem) {
          out.append(try record(&c))
        } catch {
          throw error.prefixed(.index(k))
        }
      }
      return out
    }

    /// Walks the object at the cursor, filling fields through `field` with each key's
    /// declaration index; the problem thrown is the one of the first field in declaration
    /// order, and a repeated key keeps its first value, as with `JSONDecoder`.
    mutating func object<Key>(
      _ table: Table<Key>, _ field: (inout Cursor, Key) throws(Problem) -> Void
    ) throws(Problem) {
      guard peek == UInt8(ascii: "{") else { throw mismatch("object") }
      i += 1
      var seen: UInt64 = 0
      var first: (index: Int, problem: Problem)?
      while true {
        skipSpace()
        if peek == UInt8(ascii: "}") {
          i += 1
          break
        }
        if peek == UInt8(ascii: ",") {
          i += 1
          skipSpace()
        }
        let (raw, escaped) = rawString()
        let index: Int?
        if escaped {
          let name = Array(InterchangeTaskDecoder.unescaped(raw).utf8)
          index = name.withUnsafeBufferPointer { table.index(of: $0) }
        } else {
          index = table.index(of: raw)
        }
        skipSpace()
        i += 1  // the colon
        skipSpace()
        guard let k = index, k < 64, seen & (1 << k) == 0, let key = table.keys[k] else {
          skipValue()
          continue
        }
        seen |= 1 << k
        let start = i
        do {
          try field(&self, key)
        } catch {
          if first.map({ k < $0.index }) ?? true {
            first = (k, error.prefixed(.key(String(decoding: table.names[k], as: UTF8.self))))
          }
          i = start
          skipValue()
        }
      }
      if let first { throw first.problem }
    }

    mutating func optDeadline() throws(Problem) -> DeadlineValue? {
      if null() { return nil }
      if peek == UInt8(ascii: "\"") { return .text(string()) }
      guard peek == UInt8(ascii: "{") else { throw mismatch("object") }
      var text: String?, kind: String?, date: String?
      try object(InterchangeTaskDecoder.deadlineTable) { c, key throws(Problem) in
        switch key {
        case .text: text = try c.optString()
        case .kind: kind = try c.optString()
        case .date: date = try c.optString()
        }
      }
      return .object(text: text, kind: kind, date: date)
    }

    mutating func record() throws(Problem) -> RecordFields {
      var r = RecordFields()
      try object(InterchangeTaskDecoder.recordTable) { c, key throws(Problem) in
        switch key {
        case .id: r.idValue = try c.optInteger()
        case .ref: r.ref = try c.optString()
        case .meeting: r.meeting = try c.optString()
        case .item: r.itemValue = try c.optLooseString()
        case .content: r.content = try c.optString()
        case .lead: r.lead = try c.optString()
        case .coordinating: r.coordinating = try c.optStrings()
        case .owner: r.owner = try c.optString()
        case .tracker: r.tracker = try c.optString()
        case .deadline: r.deadline = try c.optDeadline()
        case .product: r.product = try c.optString()
        case .priority: r.priority = try c.optBool()
        case .tags: r.tags = try c.optStrings()
        case .status: r.status = try c.optString()
        case .completedOn: r.completedOn = try c.optString()
        case .result: r.result = try c.optString()
        case .extensions: r.extensions = try c.optRecords { c throws(Problem) in try c.extensionRecord() }
        case .notes: r.notes = try c.optRecords { c throws(Problem) in try c.noteRecord() }
        case .assignedOn: r.assignedOn = try c.optString()
        case .reassignments: r.reassignments = try c.optRecords { c throws(Problem) in try c.reassignmentRecord() }
        case .withdrawal:
          if !c.null() { r.withdrawal = try c.withdrawalRecord() }
        case .reminders: r.reminders = try c.optRecords { c throws(Problem) in try c.reminderRecord() }
        case .reportedOn: r.reportedOn = try c.optString()
        }
      }
      return r
    }

    mutating func extensionRecord() throws(Problem) -> ExtensionFields {
      var e = ExtensionFields()
      try object(InterchangeTaskDecoder.extensionTable) { c, key throws(Problem) in
        switch key {
        case .requestedOn: e.requestedOn = try c.optString()
        case .from: e.from = try c.optDeadline()
        case .to: e.to = try c.optDeadline()
        case .reason: e.reason = try c.optString()
        case .decision: e.decision = try c.optString()
        case .decidedOn: e.decidedOn = try c.optString()
        case .document: e.document = try c.optString()
        case .granted: e.granted = try c.optDeadline()
        }
      }
      return e
    }

    mutating func noteRecord() throws(Problem) -> NoteFields {
      var n = NoteFields()
      try object(InterchangeTaskDecoder.noteTable) { c, key throws(Problem) in
        switch key {
        case .on: n.on = try c.optString()
        case .text: n.text = try c.optString()
        case .by: n.by = try c.optString()
        }
      }
      return n
    }

    mutating func reassignmentRecord() throws(Problem) -> ReassignmentFields {
      var r = ReassignmentFields()
      try object(InterchangeTaskDecoder.reassignmentTable) { c, key throws(Problem) in
        switch key {
        case .from: r.from = try c.optString()
        case .to: r.to = try c.optString()
        case .on: r.on = try c.optString()
        case .document: r.document = try c.optString()
        }
      }
      return r
    }

    mutating func withdrawalRecord() throws(Problem) -> WithdrawalFields {
      var w = WithdrawalFields()
      try object(InterchangeTaskDecoder.withdrawalTable) { c, key throws(Problem) in
        switch key {
        case .on: w.on = try c.optString()
        case .reason: w.reason = try c.optString()
        case .document: w.document = try c.optString()
        case .mergedInto: w.mergedIntoValue = try c.optInteger()
        }
      }
      return w
    }

    mutating func reminderRecord() throws(Problem) -> ReminderFields {
      var r = ReminderFields()
      try object(InterchangeTaskDecoder.reminderTable) { c, key throws(Problem) in
        switch key {
        case .on: r.on = try c.optString()
        case .document: r.document = try c.optString()
        case .channel: r.channel = try c.optString()
        case .note: r.note = try c.optString()
        }
      }
      return r
    }
  }
}
