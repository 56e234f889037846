import Glibc
import Synchronization

/// The last termination signal received and not yet reported (0 = none).
///
/// A signal handler may only do async-signal-safe work; a lock-free atomic store is.
let pendingSignal = Atomic<Int32>(0)

/// True between a successful `CursesTerminal.init` and `restore`; read by `emergencyRestore`.
let terminalActive = Atomic<Bool>(false)

/// The thread that runs the terminal, so a signal landing on another thread can be forwarded.
let terminalThread = Atomic<UInt>(0)

private let recordSignal: @convention(c) (Int32) -> Void = { signal in
  pendingSignal.store(signal, ordering: .sequentiallyConsistent)
  let target = terminalThread.load(ordering: .sequentiallyConsistent)
  // Only the terminal thread's interrupted read notices the signal promptly; pthread_kill
  // is async-signal-safe.
  if target != 0 && pthread_self() != target {
    pthread_kill(target, signal)
  }
}

/// The handlers that were in place before `Signals.install`, put back by `Signals.uninstall`.
///
/// Only touched by the thread that creates and restores the terminal.
nonisolated(unsafe) private var previousActions: [(Int32, sigaction)] = []

enum Signals {
  /// The signals that end the program.
  static let handled: [Int32] = [SIGTERM, SIGINT, SIGHUP]

  /// Unblocks every signal on this thread and installs handlers that only record the signal.
  ///
  /// A parent (a test runner's worker thread, for one) may have started us with signals
  /// blocked; then SIGWINCH (resize) and SIGHUP would never arrive. No SA_RESTART, so a
  /// blocking read returns and the run loop sees the signal.
  static func install() {
    var none = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, nil)
    terminalThread.store(pthread_self(), ordering: .sequentiallyConsistent)
    previousActions = []
    for signal in handled {
      var action = sigaction()
      action.__sigaction_handler = .init(sa_handler: recordSignal)
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      var previous = sigaction()
      if sigaction(signal, &action, &previous) == 0 {
        previousActions.append((signal, previous))
      }
    }
  }

  /// Puts back the handlers `install` replaced, so Ctrl-C or SIGTERM after the terminal was
  /// restored (or failed to start) acts as it did before.
  static func uninstall() {
    for (signal, action) in previousActions {
      var action = action
      sigaction(signal, &action, nil)
    }
    previousActions = []
    terminalThread.store(0, ordering: .sequentiallyConsistent)
  }

  /// Takes the pending signal, if any.
  static func take() -> Int32? {
    let signal = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
    return signal == 0 ? nil : signal
  }
}
