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
