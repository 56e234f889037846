import CNcursesw
import TermCore

/// The ncurses terminal backend.
public enum CursesBackendInfo {}
