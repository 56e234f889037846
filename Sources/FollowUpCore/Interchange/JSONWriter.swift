/// A JSON value whose object keys keep the order they were written in, so exports are
/// byte-for-byte reproducible and read in a sensible order.
public indirect enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }
  public func hash(into h: inout Hasher) { h.combine(rendered()) }

  /// A string, or null when nil.
  public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

  /// The JSON text: two-space indentation, one key per line, UTF-8 left unescaped.
  public func rendered(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  func write(into out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += d.isFinite ? String(d) : "null"
    case .string(let s): JSONValue.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Arrays of scalars stay on one line; they are short lists of codes and tags.
      if items.allSatisfy(\.isScalar) {
        out += "["
        for (i, v) in items.enumerated() {
          if i > 0 { out += ", " }
          v.write(into: &out, indent: indent)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (i, v) in items.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        v.write(into: &out, indent: indent + 2)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (k, v)) in pairs.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        JSONValue.quote(k, into: &out)
        out += ": "
        v.write(into: &out, indent: indent + 2)
        out += i == pairs.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
        || u.value == 0x2028 || u.value == 0x2029:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    out += "\""
  }
}
