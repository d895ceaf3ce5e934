/// How `Session.run` treats a script.
public struct RunOptions: Sendable, Equatable {
    /// Stop at the first failing statement (the default for scripts); otherwise report it
    /// and go on with the next.
    public var stopOnError: Bool
    /// Run the whole script as one transaction: nothing is written unless every statement
    /// succeeds. `begin`, `commit` and `rollback` inside it are then errors.
    public var atomic: Bool

    /// Scripts stop at the first error and are not atomic, by default.
    public init(stopOnError: Bool = true, atomic: Bool = false) {
        self.stopOnError = stopOnError
        self.atomic = atomic
    }
}

/// What a script run did: the result of each statement that ran, and the error of each
/// that failed, in source order.
public struct RunReport: Sendable {
    /// One entry per statement run, or per error, in the order of the source.
    public enum Entry: Sendable {
        /// A statement that succeeded.
        case result(StatementResult)
        /// A statement (or a piece of text) that failed; nothing of it was written.
        case error(QueryError)
    }

    /// The entries, in source order.
    public var entries: [Entry] = []

    /// The results of the statements that succeeded.
    public var results: [StatementResult] {
        entries.compactMap { if case .result(let result) = $0 { result } else { nil } }
    }

    /// The errors.
    public var errors: [QueryError] {
        entries.compactMap { if case .error(let error) = $0 { error } else { nil } }
    }

    /// Whether every statement succeeded.
    public var succeeded: Bool { errors.isEmpty }
}
