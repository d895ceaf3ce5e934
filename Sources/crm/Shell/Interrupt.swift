import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C in the shell: a SIGINT handler that only notes the signal, so that Ctrl-C cancels
/// the line being typed or stops the printing of a running statement instead of killing the
/// process.
///
/// The handler is installed with `SA_RESTART`, so a signal that arrives while a statement
/// runs never makes a store call fail with `EINTR`. While a line is read, libedit catches
/// the signal first (`rl_catch_signals`), returns from `readline` and passes the signal on
/// to this handler.
enum Interrupt {
    /// Set by the handler, cleared by ``take()``.
    private static let pending = Atomic<Bool>(false)

    /// Installs the handler for SIGINT. Call once, before the first prompt.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            // SAFETY: an atomic store is async-signal-safe; nothing else happens here.
            Interrupt.pending.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last ``take()``.
    static var isPending: Bool { pending.load(ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the last call; clears the note.
    @discardableResult
    static func take() -> Bool { pending.exchange(false, ordering: .relaxed) }
}
