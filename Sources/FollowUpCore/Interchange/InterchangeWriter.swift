/// Writes the interchange JSON: every key in a fixed order, so that exporting, importing
/// into an empty file and exporting again gives identical bytes.
public enum InterchangeWriter {
  /// The whole document as `followup/1` JSON text (with a final newline).
  public static func json(_ doc: InterchangeDocument) -> String {
    let root: JSONValue = .object([
      ("format", .string(InterchangeDocument.formatTag)),
      ("agencies", .array(doc.agencies.map(agency))),
      ("people", .array(doc.people.map(person))),
      ("meetings", .array(doc.meetings.map(meeting))),
      ("tasks", .array(doc.tasks.map { task($0) })),
    ])
    return root.rendered() + "\n"
  }

  /// An agency object.
  public static func agency(_ a: Agency) -> JSONValue {
    .object([
      ("code", .string(a.code)), ("name", .string(a.name)),
      ("aliases", .array(a.aliases.map(JSONValue.string))), ("bloc", .string(a.bloc.rawValue)),
      ("order", .int(a.order)), ("rollupTo", .optional(a.rollupTo)),
      ("validFrom", .optional(a.validFrom?.iso)), ("validTo", .optional(a.validTo?.iso)),
      ("successor", .optional(a.successor)),
    ])
  }

  /// A person object.
  public static func person(_ p: Person) -> JSONValue {
    .object([
      ("ref", .string(p.ref)), ("family", .string(p.family)), ("middle", .string(p.middle)),
      ("given", .string(p.given)), ("title", .string(p.title)),
      ("position", .string(p.position)), ("agency", .optional(p.agency)),
    ])
  }

  /// A meeting object.
  public static func meeting(_ m: Meeting) -> JSONValue {
    .object([
      ("ref", .string(m.ref)), ("date", .string(m.date.iso)), ("title", .string(m.title)),
      ("chair", .string(m.chair)), ("host", .optional(m.host)),
      ("counterpart", .optional(m.counterpart)), ("notice", .string(m.notice)),
      ("source", .string(m.source)),
    ])
  }

  /// A deadline object `{text, kind, date}`.
  public static func deadline(_ d: Deadline) -> JSONValue {
    .object([
      ("text", .string(d.text)), ("kind", .string(d.kind.rawValue)),
      ("date", .optional(d.date?.iso)),
    ])
  }

  /// A task object; `derived` adds fields such as `timeliness` for `list --format json`.
  public static func task(_ t: FollowUpTask, derived: [(String, JSONValue)] = []) -> JSONValue {
    let extensions: [JSONValue] = t.extensions.map { e in
      var pairs: [(String, JSONValue)] = [
        ("requestedOn", .optional(e.requestedOn?.iso)),
        ("from", e.from.map(deadline) ?? .null), ("to", deadline(e.to)),
        ("reason", .string(e.reason)), ("decision", .string(e.decision.rawValue)),
        ("decidedOn", .optional(e.decidedOn?.iso)), ("document", .string(e.document)),
      ]
      if let g = e.granted { pairs.append(("granted", deadline(g))) }
      return .object(pairs)
    }
    let notes: [JSONValue] = t.notes.map { n in
      .object([("on", .string(n.on.iso)), ("text", .string(n.text)), ("by", .string(n.by))])
    }
    var pairs: [(String, JSONValue)] = [
      ("id", .int(t.id)), ("ref", .optional(t.ref)), ("meeting", .optional(t.meeting)),
      ("item", .string(t.item)), ("content", .string(t.content)), ("lead", .string(t.lead)),
      ("coordinating", .array(t.coordinating.map(JSONValue.string))),
      ("owner", .optional(t.owner)), ("tracker", .optional(t.tracker)),
      ("deadline", deadline(t.deadline)), ("product", .string(t.product)),
      ("priority", .bool(t.priority)), ("tags", .array(t.tags.map(JSONValue.string))),
      ("status", .string(t.status.rawValue)), ("completedOn", .optional(t.completedOn?.iso)),
      ("result", .string(t.result)), ("extensions", .array(extensions)),
      ("notes", .array(notes)), ("assignedOn", .optional(t.assignedOn?.iso)),
    ]
    // The dated events are written only when there are any, so files without them read
    // exactly as before.
    if !t.reassignments.isEmpty {
      pairs.append(("reassignments", .array(t.reassignments.map { r in
        .object([("from", .string(r.from)), ("to", .string(r.to)), ("on", .string(r.on.iso)), ("document", .string(r.document))])
      })))
    }
    if let w = t.withdrawal {
      pairs.append(("withdrawal", .object([
        ("on", .optional(w.on?.iso)), ("reason", .string(w.reason)), ("document", .string(w.document)),
        ("mergedInto", w.mergedInto.map(JSONValue.int) ?? .null),
      ])))
    }
    if !t.reminders.isEmpty {
      pairs.append(("reminders", .array(t.reminders.map { r in
        .object([
          ("on", .string(r.on.iso)), ("document", .string(r.document)), ("channel", .string(r.channel.rawValue)),
          ("note", .string(r.note)),
        ])
      })))
    }
    if let r = t.reportedOn { pairs.append(("reportedOn", .string(r.iso))) }
    pairs.append(contentsOf: derived)
    return .object(pairs)
  }
}
