import FollowUpCore

extension SQLiteStore {
  /// A page of the filtered list in an order, found by judging the matching tasks and
  /// sorting their keys; only the page's rows are returned.
  public func window(_ request: WindowRequest, context: FilterContext) throws -> TaskWindow {
    let matching = try select(request.filter, context: context, projection: .listing)
    let ranks = TaskOrder.agencyRanks(context.catalog)
    let keyed = matching.map { t in
      (request.order.key(
        t, timeliness: context.rules.evaluate(t, asOf: context.asOf), asOf: context.asOf,
        basis: context.rules.basis, agencyRank: ranks), t)
    }.sorted { $0.0 < $1.0 }
    let limit = max(0, request.limit)
    var offset = min(max(0, request.offset), keyed.count)
    if let id = request.around, let at = keyed.firstIndex(where: { $0.1.id == id }) {
      if at < offset || at >= offset + limit { offset = max(0, min(at - limit / 2, keyed.count - limit)) }
    }
    let rows = keyed.dropFirst(offset).prefix(limit).map(\.1)
    return TaskWindow(rows: Array(rows), offset: offset, total: keyed.count)
  }
}
