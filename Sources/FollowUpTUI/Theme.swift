import FollowUpCore
import TermCore

/// The named styles every screen draws with; colour is never the only signal (marks carry
/// the same meaning), so the monochrome theme loses nothing.
public struct Theme: Equatable, Sendable {
  /// Title and header bar.
  public var header: Style
  /// The active view's tab in the header.
  public var activeTab: Style
  /// Footer key labels.
  public var footerKey: Style
  /// Footer key descriptions.
  public var footerText: Style
  /// Column headings.
  public var columnHeader: Style
  /// The selected row.
  public var selected: Style
  /// Marked rows (multi-select).
  public var marked: Style
  /// Overdue tasks.
  public var overdue: Style
  /// Due soon.
  public var dueSoon: Style
  /// Done.
  public var done: Style
  /// Secondary text (routine, withdrawn, hints).
  public var muted: Style
  /// Error messages.
  public var error: Style
  /// Informational messages.
  public var info: Style
  /// Field labels in forms and details.
  public var label: Style
  /// The focused form field.
  public var focusedField: Style
  /// Bar segment in the agencies view: done.
  public var barDone: Style
  /// Bar segment: open in time.
  public var barOpen: Style
  /// Bar segment: overdue.
  public var barOverdue: Style
  /// Bar segment: routine, no deadline, withdrawn.
  public var barOther: Style
  /// Bar glyphs: done, open, overdue, other (distinct shapes for monochrome terminals).
  public var barGlyphs: [Character]

  /// Colours from the 256-colour palette, readable on dark and light backgrounds.
  public static let colour256 = Theme(
    header: Style.plain.fg(.indexed(255)).bg(.indexed(24)).bold(),
    activeTab: Style.plain.fg(.indexed(16)).bg(.indexed(220)).bold(),
    footerKey: Style.plain.fg(.indexed(255)).bg(.indexed(24)).bold(),
    footerText: .plain,
    columnHeader: Style.plain.bold().underlined(),
    selected: Style.plain.reversed(),
    marked: Style.plain.fg(.indexed(33)).bold(),
    overdue: Style.plain.fg(.indexed(160)).bold(),
    dueSoon: Style.plain.fg(.indexed(172)).bold(),
    done: Style.plain.fg(.indexed(28)),
    muted: Style.plain.fg(.indexed(244)),
    error: Style.plain.fg(.indexed(255)).bg(.indexed(160)).bold(),
    info: Style.plain.fg(.indexed(28)).bold(),
    label: Style.plain.bold(),
    focusedField: Style.plain.underlined().bold(),
    barDone: Style.plain.fg(.indexed(28)),
    barOpen: Style.plain.fg(.indexed(33)),
    barOverdue: Style.plain.fg(.indexed(160)),
    barOther: Style.plain.fg(.indexed(244)),
    barGlyphs: ["█", "█", "█", "█"])

  /// The 16 basic colours, for terminals without a palette.
  public static let colour16 = Theme(
    header: Style.plain.fg(.brightWhite).bg(.blue).bold(),
    activeTab: Style.plain.fg(.black).bg(.yellow).bold(),
    footerKey: Style.plain.fg(.brightWhite).bg(.blue).bold(),
    footerText: .plain,
    columnHeader: Style.plain.bold().underlined(),
    selected: Style.plain.reversed(),
    marked: Style.plain.fg(.blue).bold(),
    overdue: Style.plain.fg(.red).bold(),
    dueSoon: Style.plain.fg(.yellow).bold(),
    done: Style.plain.fg(.green),
    muted: Style.plain.dim(),
    error: Style.plain.fg(.brightWhite).bg(.red).bold(),
    info: Style.plain.fg(.green).bold(),
    label: Style.plain.bold(),
    focusedField: Style.plain.underlined().bold(),
    barDone: Style.plain.fg(.green),
    barOpen: Style.plain.fg(.blue),
    barOverdue: Style.plain.fg(.red),
    barOther: Style.plain.dim(),
    barGlyphs: ["█", "█", "█", "█"])

  /// No colour at all (`NO_COLOR`, monochrome terminals): attributes and shapes only.
  public static let monochrome = Theme(
    header: Style.plain.reversed(),
    activeTab: Style.plain.bold().underlined(),
    footerKey: Style.plain.reversed(),
    footerText: .plain,
    columnHeader: Style.plain.bold().underlined(),
    selected: Style.plain.reversed(),
    marked: Style.plain.bold(),
    overdue: Style.plain.bold(),
    dueSoon: Style.plain.underlined(),
    done: .plain,
    muted: Style.plain.dim(),
    error: Style.plain.reversed().bold(),
    info: Style.plain.bold(),
    label: Style.plain.bold(),
    focusedField: Style.plain.underlined().bold(),
    barDone: .plain, barOpen: .plain, barOverdue: Style.plain.bold(), barOther: Style.plain.dim(),
    barGlyphs: ["#", "=", "!", "."])

  /// The theme called by a name from the settings (`256`, `16`, `mono`).
  public static func named(_ name: String) -> Theme? {
    switch name.lowercased() {
    case "256", "colour256", "color256", "default": return .colour256
    case "16", "colour16", "color16", "ansi": return .colour16
    case "mono", "monochrome", "none": return .monochrome
    default: return nil
    }
  }

  /// The style of a task's row text for its timeliness.
  public func style(for t: Timeliness) -> Style {
    switch t {
    case .overdue: return overdue
    case .openInTime(_, true): return dueSoon
    case .doneOnTime, .doneLate, .doneNoDeadline: return done
    case .excluded: return muted
    default: return .plain
    }
  }
}
