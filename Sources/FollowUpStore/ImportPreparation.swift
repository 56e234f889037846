import FollowUpCore

/// What every store does to each task of an imported document before storing it, so a file
/// and a server store the same document the same way: the number it gets, a ref another task
/// holds left empty on a renumbered copy, tags cleaned, the day it was assigned taken from its
/// meeting, version 1, and validation whose error says where the task is in the document.
public struct ImportPreparation {
  /// The number the next task without one gets.
  public private(set) var next: Int
  /// How many refs were left empty because another task holds them.
  public private(set) var clearedRefs = 0
  private let renumber: Bool
  private let refsInUse: Set<String>
  private let catalog: Catalog
  private let location: ((Int) -> (vi: String, en: String))?

  /// Starts numbering at `next`; with `renumber`, every task gets a new number and a ref in
  /// `refsInUse` is dropped. `location` words a task's place in the document for errors.
  public init(
    catalog: Catalog, renumber: Bool, next: Int, refsInUse: Set<String> = [],
    location: ((Int) -> (vi: String, en: String))?
  ) {
    self.catalog = catalog
    self.renumber = renumber
    self.next = next
    self.refsInUse = refsInUse
    self.location = location
  }

  /// The document's task at `index`, ready to store; `checkRef` is the store's check that no
  /// stored task holds the same ref.
  public mutating func prepare(
    _ task: FollowUpTask, at index: Int, checkRef: (FollowUpTask) throws -> Void
  ) throws -> FollowUpTask {
    var t = task
    if renumber || t.id <= 0 {
      t.id = next
      next += 1
    }
    if renumber, let ref = t.ref, refsInUse.contains(ref) {
      t.ref = nil
      clearedRefs += 1
    }
    if !t.tags.isEmpty { t.tags = FollowUpTask.cleanTags(t.tags) }
    if t.assignedOn == nil, let m = t.meeting { t.assignedOn = catalog.meetings[m]?.date }
    t.version = 1
    do {
      try TaskValidation.validate(t, catalog: catalog)
      try checkRef(t)
    } catch let e as UserError {
      let at = location?(index) ?? (vi: "tasks[\(index)]", en: "tasks[\(index)]")
      throw e.located(vi: at.vi, en: at.en)
    }
    return t
  }
}
