import FollowUpTUI
import FollowUpStore
import CursesBackend

/// The run loop.
public enum Runtime {}
