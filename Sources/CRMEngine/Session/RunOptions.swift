/// How `Session.run` treats a script.
public struct RunOptions: Sendable, Equatable {
    /// Stop at the first failing statement (the default for scripts); otherwise report it
    /// and go on with the next.
    public var stopOnError: Bool
    /// Run the whole script as one transaction: nothing is written unless every statement
    /// succeeds. `begin`, `commit` and `rollback` inside it are then errors.
    public var atomic: Bool
    /// Whether the report keeps each statement's result and error (``RunReport/entries``).
    /// A script run for what it prints (the `crm` command) turns it off, so that a script
    /// of a million statements leaves a report of a few counts.
    public var keepsEntries: Bool
    /// Whether a script that stops at an error reads the rest of it to count the statements
    /// skipped (``RunReport/statementsSkipped``). The `crm` command does, to say so; the
    /// shell's `.read` does not, so that Ctrl-C in a long file returns at once.
    public var countsSkipped: Bool

    /// Scripts stop at the first error and are not atomic, by default, and the report keeps
    /// every result and counts what was skipped.
    public init(
        stopOnError: Bool = true, atomic: Bool = false, keepsEntries: Bool = true, countsSkipped: Bool = true
    ) {
        self.stopOnError = stopOnError
        self.atomic = atomic
        self.keepsEntries = keepsEntries
        self.countsSkipped = countsSkipped
    }
}

/// What a script run did: the result of each statement that ran, and the error of each
/// that failed, in source order; and how many statements ran, failed and were skipped.
public struct RunReport: Sendable {
    /// One entry per statement run, or per error, in the order of the source.
    public enum Entry: Sendable {
        /// A statement that succeeded.
        case result(StatementResult)
        /// A statement (or a piece of text) that failed; nothing of it was written.
        case error(QueryError)
    }

    /// The entries, in source order; empty when ``RunOptions/keepsEntries`` is off. A
    /// `begin ... commit` block's results are entered when it commits; a block that fails
    /// leaves only its error.
    public var entries: [Entry] = []
    /// Statements that ran without error, those later undone by a failed transaction
    /// included.
    public var statementsRun = 0
    /// Of ``statementsRun``, those undone because their transaction failed (a `begin ...
    /// commit` block, or the whole of an atomic script).
    public var statementsRolledBack = 0
    /// Statements not run because the script stopped at an error before them.
    public var statementsSkipped = 0
    /// Statements, pieces of text and dot-commands that failed.
    public var failures = 0

    /// The results of the statements that succeeded.
    public var results: [StatementResult] {
        entries.compactMap { if case .result(let result) = $0 { result } else { nil } }
    }

    /// The errors.
    public var errors: [QueryError] {
        entries.compactMap { if case .error(let error) = $0 { error } else { nil } }
    }

    /// Whether every statement succeeded.
    public var succeeded: Bool { failures == 0 }
}
