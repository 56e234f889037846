import CursesBackend
import TermCore

extension CursesTerminal: Invalidating {}
