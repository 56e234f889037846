import Foundation

/// An assignment a person marked in a notice, to score the extractor against.
public struct IntakeLabel: Hashable, Sendable, Decodable {
  /// Words of the assignment's sentence that pick it out (matched folded).
  public var anchor: String
  /// The lead: an agency code, `group` or `unknown`.
  public var lead: String
  /// Coordinating bodies: codes, `group` or `unknown`.
  public var coordinating: [String]
  /// The deadline words exactly as the notice writes them; empty when none.
  public var deadline: String

  /// Creates a label.
  public init(anchor: String, lead: String, coordinating: [String] = [], deadline: String = "") {
    self.anchor = anchor
    self.lead = lead
    self.coordinating = coordinating
    self.deadline = deadline
  }

  enum CodingKeys: String, CodingKey { case anchor, lead, coordinating, deadline }

  /// Reads a label; `coordinating` and `deadline` may be left out.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    anchor = try c.decode(String.self, forKey: .anchor)
    lead = try c.decode(String.self, forKey: .lead)
    coordinating = try c.decodeIfPresent([String].self, forKey: .coordinating) ?? []
    deadline = try c.decodeIfPresent(String.self, forKey: .deadline) ?? ""
  }
}

/// Scores drafted tasks against labelled notices.
public struct IntakeEvaluation: Sendable {
  /// One difference between the drafts and the labels.
  public enum Miss: Hashable, Sendable {
    /// A labelled assignment no draft came from.
    case notFound(anchor: String)
    /// A draft no label asks for.
    case notAssignment(source: String)
    /// The lead drafted, and the one labelled.
    case lead(drafted: String, labelled: String, anchor: String)
    /// The deadline words drafted, and the ones labelled.
    case deadline(drafted: String, labelled: String, anchor: String)
    /// A coordinating body drafted but not labelled (`extra`) or labelled but missed.
    case coordinating(code: String, extra: Bool, anchor: String)

    /// The difference as one line.
    public func message(_ l: Lang) -> String {
      switch self {
      case .notFound(let a): return l.pick(vi: "không tìm thấy: ", en: "not found: ") + a
      case .notAssignment(let s): return l.pick(vi: "không phải nhiệm vụ: ", en: "not an assignment: ") + s
      case .lead(let d, let w, let a):
        return l.pick(vi: "chủ trì ", en: "lead ") + "\(d.isEmpty ? "-" : d) ≠ \(w): \(a)"
      case .deadline(let d, let w, let a):
        return l.pick(vi: "thời hạn ", en: "deadline ") + "\"\(d)\" ≠ \"\(w)\": \(a)"
      case .coordinating(let c, let extra, let a):
        return l.pick(vi: "phối hợp ", en: "coordinating ") + (extra ? "+" : "-") + "\(c): \(a)"
      }
    }
  }

  /// One notice's counts.
  public struct Row: Sendable {
    /// The notice's name.
    public var name: String
    /// Labelled assignments.
    public var expected = 0
    /// Drafted tasks.
    public var drafted = 0
    /// Labelled assignments found among the drafts.
    public var matched = 0
    /// Matched ones whose lead is right.
    public var leadRight = 0
    /// Matched ones whose deadline words are exactly right.
    public var deadlineRight = 0
    /// Coordinating bodies: right, drafted but wrong, missed.
    public var coordTP = 0, coordFP = 0, coordFN = 0
    /// What went wrong, one line each.
    public var misses: [Miss] = []

    mutating func add(_ r: Row) {
      expected += r.expected
      drafted += r.drafted
      matched += r.matched
      leadRight += r.leadRight
      deadlineRight += r.deadlineRight
      coordTP += r.coordTP
      coordFP += r.coordFP
      coordFN += r.coordFN
    }

    /// Share of labelled assignments found.
    public var recall: Double { ratio(matched, expected) }
    /// Share of drafts that are labelled assignments.
    public var precision: Double { ratio(matched, drafted) }
    /// Share of matched tasks with the right lead.
    public var leadAccuracy: Double { ratio(leadRight, matched) }
    /// Share of matched tasks with the deadline words exactly right.
    public var deadlineExact: Double { ratio(deadlineRight, matched) }
    /// F1 of coordinating bodies over matched tasks.
    public var coordinatingF1: Double {
      let d = 2 * coordTP + coordFP + coordFN
      return d == 0 ? 1 : Double(2 * coordTP) / Double(d)
    }
    func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
  }

  /// Per notice, in the order given.
  public var rows: [Row]
  /// All notices together.
  public var total: Row

  /// The lead or coordinating body of a draft as labels write it.
  static func labelOf(_ m: AgencyMention?) -> String {
    guard let m else { return "" }
    switch m.kind {
    case .agency: return m.code ?? ""
    case .group: return "group"
    case .unknown: return "unknown"
    }
  }

  /// Scores each notice's drafts against its labels.
  public static func score(_ cases: [(name: String, text: String, labels: [IntakeLabel])], catalog: Catalog) -> IntakeEvaluation {
    var rows: [Row] = []
    var total = Row(name: "")
    for c in cases {
      let draft = IntakeExtractor.draft(c.text, catalog: catalog)
      var row = Row(name: c.name)
      row.expected = c.labels.count
      row.drafted = draft.tasks.count
      var used = Set<Int>()
      for label in c.labels {
        let anchor = VietText.fold(label.anchor)
        guard let i = draft.tasks.indices.first(where: {
          !used.contains($0) && VietText.fold(draft.tasks[$0].source).contains(anchor)
        }) else {
          row.misses.append(.notFound(anchor: label.anchor))
          continue
        }
        used.insert(i)
        let t = draft.tasks[i]
        row.matched += 1
        let lead = labelOf(t.lead)
        if lead == label.lead {
          row.leadRight += 1
        } else {
          row.misses.append(.lead(drafted: lead, labelled: label.lead, anchor: label.anchor))
        }
        if VietText.clean(t.deadlineText) == VietText.clean(label.deadline) {
          row.deadlineRight += 1
        } else {
          row.misses.append(.deadline(drafted: t.deadlineText, labelled: label.deadline, anchor: label.anchor))
        }
        var expected = label.coordinating
        for code in t.coordinating.map({ labelOf($0) }) {
          if let k = expected.firstIndex(of: code) {
            expected.remove(at: k)
            row.coordTP += 1
          } else {
            row.coordFP += 1
            row.misses.append(.coordinating(code: code, extra: true, anchor: label.anchor))
          }
        }
        row.coordFN += expected.count
        for code in expected { row.misses.append(.coordinating(code: code, extra: false, anchor: label.anchor)) }
      }
      for i in draft.tasks.indices where !used.contains(i) {
        row.misses.append(.notAssignment(source: String(draft.tasks[i].source.prefix(90))))
      }
      total.add(row)
      rows.append(row)
    }
    return IntakeEvaluation(rows: rows, total: total)
  }

  /// Reads a label file: `{"tasks": [{anchor, lead, coordinating, deadline}]}`.
  public static func labels(_ data: Data, name: String) throws -> [IntakeLabel] {
    struct File: Decodable { var tasks: [IntakeLabel] }
    do {
      return try JSONDecoder().decode(File.self, from: data).tasks
    } catch {
      throw UserError(
        .intakeLabels, vi: "Tệp nhãn '\(name)' không đúng dạng {\"tasks\": [{\"anchor\", \"lead\", …}]}",
        en: "The label file '\(name)' is not of the form {\"tasks\": [{\"anchor\", \"lead\", …}]}")
    }
  }

  /// The targets the set must meet: found, not-assignments, lead and deadline.
  public static let targets = (found: 0.95, notAssignments: 0.05, lead: 0.95, deadline: 0.95)

  /// The metrics as a table, then what went wrong.
  public func table(_ l: Lang) -> String {
    func pct(_ x: Double) -> String {
      let v = (x * 1000).rounded() / 10
      let s = String(format: "%.1f%%", v)
      return l == .vi ? s.replacingOccurrences(of: ".", with: ",") : s
    }
    let header = [
      l.pick(vi: "Văn bản", en: "Notice"), l.pick(vi: "Nhãn", en: "Labels"), l.pick(vi: "Dự thảo", en: "Drafts"),
      l.pick(vi: "Tìm thấy", en: "Found"), l.pick(vi: "Không phải NV", en: "Not assign."),
      l.pick(vi: "Chủ trì đúng", en: "Lead right"), l.pick(vi: "F1 phối hợp", en: "Coord. F1"),
      l.pick(vi: "Thời hạn đúng", en: "Deadline exact"),
    ]
    func cells(_ r: Row, _ name: String) -> [String] {
      [name, "\(r.expected)", "\(r.drafted)", pct(r.recall), pct(1 - r.precision), pct(r.leadAccuracy),
       pct(r.coordinatingF1), pct(r.deadlineExact)]
    }
    var lines = rows.map { cells($0, $0.name) }
    lines.append(cells(total, l.pick(vi: "TỔNG", en: "TOTAL")))
    let all = [header] + lines
    let widths = (0..<header.count).map { c in all.map { $0[c].count }.max() ?? 0 }
    func render(_ r: [String]) -> String {
      r.enumerated().map { c, s in
        let pad = String(repeating: " ", count: widths[c] - s.count)
        return c == 0 ? s + pad : pad + s
      }.joined(separator: "  ")
    }
    var out = [render(header)] + lines.dropLast().map(render)
    out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    out.append(render(lines.last ?? []))
    let t = IntakeEvaluation.targets
    out.append("")
    out.append(l.pick(
      vi: "Mục tiêu: tìm thấy ≥ \(pct(t.found)), không phải nhiệm vụ ≤ \(pct(t.notAssignments)), chủ trì đúng ≥ \(pct(t.lead)), thời hạn đúng ≥ \(pct(t.deadline)).",
      en: "Targets: found ≥ \(pct(t.found)), not assignments ≤ \(pct(t.notAssignments)), lead right ≥ \(pct(t.lead)), deadline exact ≥ \(pct(t.deadline))."))
    let misses = rows.flatMap { r in r.misses.map { "  \(r.name): \($0.message(l))" } }
    if !misses.isEmpty {
      out.append("")
      out.append(l.pick(vi: "Sai lệch:", en: "Differences:"))
      out += misses
    }
    return out.joined(separator: "\n")
  }

  /// Whether the set meets every target.
  public var meetsTargets: Bool {
    let t = IntakeEvaluation.targets
    return total.recall >= t.found && 1 - total.precision <= t.notAssignments
      && total.leadAccuracy >= t.lead && total.deadlineExact >= t.deadline
  }
}
