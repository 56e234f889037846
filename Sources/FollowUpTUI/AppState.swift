import FollowUpCore
import TermCore

/// The interface state.
public struct AppState: Sendable {}
