import CRMQuery

/// A ``ResultReceiver`` for scripts read statement by statement (``Session/run(_:parameters:options:receiver:dotCommands:)``):
/// told also when each statement begins and ends, and given the text an error came from, so
/// that it can print the error's line and caret without the whole script in memory.
///
/// The shell's `crm` script mode prints through one: a write's result becomes a one-line
/// command tag, `.timer` times each statement, errors name the script and line.
public protocol ScriptReceiver: ResultReceiver {
    /// `statement` is about to run (its sections and rows, if any, follow).
    func willRun(_ statement: Statement)
    /// The statement that began with ``willRun(_:)`` succeeded; `result` holds no rows when
    /// they were sent here.
    func didRun(_ result: StatementResult)
    /// A statement, dot-command or piece of text failed; nothing of it was written.
    /// `chunk` is the text it came from (its range is the script's, and `chunk` knows the
    /// line it starts on), `scriptName` the name of the script (or of the `.read` file).
    func failed(_ error: QueryError, in chunk: ScriptChunk, of scriptName: String)
    /// The script's input has no statement ready (a program feeding `crm` one statement at
    /// a time waits for the answer): write out what is buffered.
    func waitingForInput()
    /// The statement to run for `statement`, just before it runs: the `crm` command gives a
    /// `find` without `select` its entity's default columns when it prints a table
    /// (``DefaultColumns``), which `.format` may change between statements.
    func prepared(_ statement: Statement) -> Statement
}

extension ScriptReceiver {
    /// Nothing to do by default.
    public func willRun(_ statement: Statement) {}
    /// Nothing to do by default.
    public func didRun(_ result: StatementResult) {}
    /// Nothing to do by default.
    public func waitingForInput() {}
    /// The statement as it is, by default.
    public func prepared(_ statement: Statement) -> Statement { statement }
    /// Passes the error on without its text, by default.
    public func failed(_ error: QueryError, in chunk: ScriptChunk, of scriptName: String) {
        failed(error)
    }
}

/// What a ``DotCommandHandler`` did with a dot-command.
public enum DotCommandOutcome {
    /// The command ran (it may have changed the session: `.param`, `.tz`, `.now`).
    case done
    /// The command was wrong; the message says why. It counts as a failed statement.
    case failed(String)
    /// `.read FILE`: run the statements of this reader here, as part of the script (inside
    /// its transaction, if one is open), then go on after the command.
    case read(StatementReader)
}

/// Runs the dot-commands found in a script (`.param set owner li.wei`, `.read more.crm`):
/// the `crm` command's, since the engine knows no dot-commands itself.
public protocol DotCommandHandler: AnyObject {
    /// Runs the dot-command `line` (it starts with `.`), found in the script `scriptName`.
    func run(dotCommand line: String, in scriptName: String) -> DotCommandOutcome
}
