/// Values keyed by task id: a plain array for the usual small, dense ids (no hashing in hot
/// loops), a dictionary for ids far beyond the others, so one huge imported id cannot make
/// the array enormous.
///
/// Its members are inlinable so that other modules get code specialised for their value type:
/// through the generic entry points every lookup paid for metadata and whole-value copies.
public struct IDMap<Value: Sendable>: Sendable {
  @usableFromInline var dense: [Value?] = []
  @usableFromInline var sparse: [Int: Value] = [:]
  @usableFromInline var stored = 0
  /// How many ids have a value.
  @inlinable public var count: Int { stored }

  /// Creates an empty map.
  @inlinable
  public init() {}

  /// The value for an id.
  @inlinable
  public subscript(id: Int) -> Value? {
    get {
      if id >= 0 && id < dense.count { return dense[id] }
      return sparse.isEmpty ? nil : sparse[id]
    }
    set {
      if id >= 0 && id >= dense.count && id < 2 * stored + 4096 {
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
      stored += (newValue != nil ? 1 : 0) - (old != nil ? 1 : 0)
    }
  }

  /// Calls `body` with each (id, value), by id, without building an array of them.
  @inlinable
  public func forEach(_ body: (Int, Value) throws -> Void) rethrows {
    for i in dense.indices {
      if let v = dense[i] { try body(i, v) }
    }
    for k in sparse.keys.sorted() {
      if let v = sparse[k] { try body(k, v) }
    }
  }

  /// The ids that have values, ascending.
  @inlinable
  public var keys: [Int] {
    var out: [Int] = []
    out.reserveCapacity(count)
    for i in dense.indices where dense[i] != nil { out.append(i) }
    out += sparse.keys.sorted()
    return out
  }

  /// The largest id with a value (found from the end, without walking every entry).
  @inlinable
  public var maxID: Int? {
    if let s = sparse.keys.max() { return s }
    var i = dense.count - 1
    while i >= 0 && dense[i] == nil { i -= 1 }
    return i >= 0 ? i : nil
  }

  /// Every (id, value), by id.
  @inlinable
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
