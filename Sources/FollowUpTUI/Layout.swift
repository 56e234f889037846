import TermCore

/// Where things go on screen for a size: shared by `update` (to scroll) and `render`.
public struct ScreenLayout: Equatable, Sendable {
  /// The smallest size that holds a usable screen.
  public static let minimum = Size(width: 40, height: 10)

  /// The whole screen.
  public var bounds: Rect
  /// Title and view tabs.
  public var header: Rect
  /// Filter, search or options line.
  public var subheader: Rect
  /// Column headings.
  public var columns: Rect
  /// Table rows.
  public var body: Rect
  /// Messages.
  public var status: Rect
  /// Key hints.
  public var footer: Rect
  /// Body of full-screen overlays (detail, help): everything between header and status.
  public var page: Rect
  /// Rows of the agencies view, which has a second heading line for the report's bands.
  public var agencyBody: Rect

  /// Computes the layout; sizes below the minimum still give valid (possibly empty) rects.
  public init(_ size: Size) {
    bounds = Rect(size: size)
    let w = max(0, size.width), h = max(0, size.height)
    header = Rect(x: 0, y: 0, width: w, height: min(1, h))
    subheader = Rect(x: 0, y: 1, width: w, height: h > 1 ? 1 : 0)
    columns = Rect(x: 0, y: 2, width: w, height: h > 2 ? 1 : 0)
    footer = Rect(x: 0, y: max(0, h - 1), width: w, height: h > 3 ? 1 : 0)
    status = Rect(x: 0, y: max(0, h - 2), width: w, height: h > 4 ? 1 : 0)
    body = Rect(x: 0, y: 3, width: w, height: max(0, h - 5))
    page = Rect(x: 0, y: 1, width: w, height: max(0, h - 3))
    agencyBody = Rect(x: 0, y: 4, width: w, height: max(0, h - 6))
  }

  /// Whether the screen is big enough to draw the views.
  public var isUsable: Bool {
    bounds.width >= Self.minimum.width && bounds.height >= Self.minimum.height
  }
}

// Measurements that depend on the state as well as the size. Update (to scroll and to hit
// mouse clicks) and Render (to draw) both read them here, so the two never disagree and
// neither calls the other.
extension ScreenLayout {
  /// Agency rows the agencies view shows: its body less the totals line under them.
  public var agencyRows: Int { max(0, agencyBody.height - 1) }

  /// Rows under the pinned title of the full-screen pages (detail and help), which scroll.
  public var pageRows: Int { max(1, page.height - 1) }

  /// How far PgUp/PgDn move in what is on top: a page less one row, so the last row seen
  /// stays in view.
  static func pageStep(_ s: AppState) -> Int {
    let layout = ScreenLayout(s.size)
    switch s.overlays.last {
    case .detail?, .help?: return max(1, layout.pageRows - 1)
    default: return max(1, (s.view == .agencies ? layout.agencyRows : layout.body.height) - 1)
    }
  }

  /// Where each view's tab sits in the header (for drawing and for mouse clicks).
  public static func tabRanges(_ s: AppState) -> [(ViewKind, Range<Int>)] {
    let l = s.env.lang
    var x = s.size.width
    var out: [(ViewKind, Range<Int>)] = []
    for v in ViewKind.allCases.reversed() {
      let w = TextWidth.width(" \(v.rawValue + 1) \(Labels.view(v, l)) ")
      x -= w
      out.insert((v, x..<(x + w)), at: 0)
    }
    return x > 20 ? out : []
  }

  /// The task list's column widths.
  struct TaskColumns {
    var id: Int, mark: Int, deadline: Int, lead: Int, owner: Int, content: Int
  }

  /// The task list's columns for a width; the widest task number sizes the first.
  static func taskColumns(_ width: Int, maxID: Int) -> TaskColumns {
    let id = max(2, String(maxID).count) + 1
    var lead = width >= 100 ? 16 : 13
    var owner = width >= 100 ? 18 : 15
    let deadline = 13
    if width < 70 { owner = 0 }
    if width < 52 { lead = 0 }
    let used = id + 1 + 2 + 1 + deadline + 1 + (lead > 0 ? lead + 1 : 0) + (owner > 0 ? owner + 1 : 0)
    return TaskColumns(id: id, mark: 2, deadline: deadline, lead: lead, owner: owner, content: max(1, width - used))
  }

  /// Whether the help screen shows two columns side by side (else one).
  var helpHasTwoColumns: Bool { page.width >= 100 }

  /// The width of one column of the help screen.
  var helpColumnWidth: Int { helpHasTwoColumns ? (page.width - 3) / 2 : page.width - 1 }
}
