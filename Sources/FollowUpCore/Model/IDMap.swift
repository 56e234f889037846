/// Values keyed by task id: a plain array for the usual small, dense ids (no hashing in hot
/// loops), a dictionary for ids far beyond the others, so one huge imported id cannot make
/// the array enormous.
public struct IDMap<Value: Sendable>: Sendable {
  private var dense: [Value?] = []
  private var sparse: [Int: Value] = [:]
  /// How many ids have a value.
  public private(set) var count = 0

  /// Creates an empty map.
  public init() {}

  /// The value for an id.
  @inline(__always)
  public subscript(id: Int) -> Value? {
    get {
      if id >= 0 && id < dense.count { return dense[id] }
      return sparse.isEmpty ? nil : sparse[id]
    }
    set {
      if id >= 0 && id >= dense.count && id < 2 * count + 4096 {
        // Still dense enough: grow the array, taking in any sparse values it now covers.
        let newCount = max(id + 1, dense.count * 2)
        dense.append(contentsOf: repeatElement(nil, count: newCount - dense.count))
        if !sparse.isEmpty {
          for (k, v) in sparse where k < newCount {
            dense[k] = v
            sparse[k] = nil
          }
        }
      }
      let old: Value?
      if id >= 0 && id < dense.count {
        old = dense[id]
        dense[id] = newValue
      } else {
        old = sparse[id]
        sparse[id] = newValue
      }
      count += (newValue != nil ? 1 : 0) - (old != nil ? 1 : 0)
    }
  }

  /// The ids that have values, ascending.
  public var keys: [Int] {
    var out: [Int] = []
    out.reserveCapacity(count)
    for i in dense.indices where dense[i] != nil { out.append(i) }
    out += sparse.keys.sorted()
    return out
  }

  /// The largest id with a value (found from the end, without walking every entry).
  public var maxID: Int? {
    if let s = sparse.keys.max() { return s }
    var i = dense.count - 1
    while i >= 0 && dense[i] == nil { i -= 1 }
    return i >= 0 ? i : nil
  }

  /// Every (id, value), by id.
  public var entries: [(id: Int, value: Value)] {
    var out: [(id: Int, value: Value)] = []
    out.reserveCapacity(count)
    for (i, v) in dense.enumerated() {
      if let v { out.append((i, v)) }
    }
    for k in sparse.keys.sorted() {
      if let v = sparse[k] { out.append((k, v)) }
    }
    return out
  }
}

extension IDMap: Equatable where Value: Equatable {
  /// Equal when the same ids hold equal values, however they are stored.
  public static func == (a: IDMap, b: IDMap) -> Bool {
    guard a.count == b.count else { return false }
    for (id, v) in a.entries where b[id] != v { return false }
    return true
  }
}
