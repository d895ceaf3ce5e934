import CRMQuery
import CRMStore
import Foundation

/// A write transaction held open between statements, for a shell's `begin`: each statement
/// runs inside it as it is given, and its result comes back at once, so a person sees what
/// the transaction has done before deciding to `commit` or `rollback`. Nothing is visible to
/// other readers until ``commit()``, as with sqlite3's `BEGIN`.
///
///     let transaction = try session.begin()
///     let report = transaction.run("update promise 3 set status = kept")
///     try transaction.commit()
///
/// LMDB ties a write transaction to the thread that began it ("A transaction and its cursors
/// must only be used by a single thread"), and `Store.write` is scoped to a closure; so the
/// transaction lives on a thread of its own, inside one `write` closure that waits for the
/// next statement, and each call here hands a statement over and waits for its result.
///
/// - A statement that fails rolls the whole transaction back (its half-done writes cannot be
///   told from the rest), and the transaction is then closed. So does a cancelled statement.
/// - When the map has to grow, `Store.write` runs its closure again: the statements already
///   run are run again, silently, in order, before the next one.
/// - The store has one writer: other writers, in this process or others, wait until the
///   transaction ends. Every statement sees the clock as it stood at `begin`.
/// - It is a programmer error to use a transaction from two threads at once.
public final class OpenTransaction: @unchecked Sendable {
    // SAFETY: the calling thread and the transaction's thread take turns through `mailbox`:
    // every field below is touched by the calling thread only while the worker waits for a
    // request, and by the worker only while the caller waits for the reply.
    private let session: Session
    private let worker: TransactionWorker
    private var mailbox: TransactionMailbox { worker.mailbox }
    /// Whether the transaction can still take statements.
    public private(set) var isOpen = true

    /// Begins a write transaction on `session`'s store; errors point at `range` (the `begin`).
    ///
    /// - Throws: `QueryError` when the store cannot write (read-only) or the transaction
    ///   cannot begin.
    init(session: Session, at range: SourceRange) throws(QueryError) {
        self.session = session
        worker = TransactionWorker(store: session.store, time: session.timeContext)
        // The thread holds the worker, not this object, so that dropping an open transaction
        // rolls it back (`deinit`).
        let thread = Thread { [worker] in worker.serve() }
        thread.stackSize = 8 << 20
        thread.name = "crm transaction"
        thread.start()
        if case .failed(let error, _) = mailbox.awaitReply() {
            isOpen = false
            throw Self.queryError(error, at: range)
        }
    }

    deinit {
        if isOpen { rollback() }
    }

    /// Runs the one statement of `parsed` inside the transaction; its rows go to `receiver`
    /// (after it ran) and its result or error is in the report. `commit` and `rollback` end
    /// the transaction; `begin` is an error that leaves it open. A statement that fails rolls
    /// the transaction back and closes it.
    ///
    /// It is a programmer error to pass more than one statement or text with diagnostics: the
    /// first statement runs and the rest is ignored.
    public func run(
        _ parsed: ParseResult, parameters: Parameters = Parameters(), receiver: ResultReceiver? = nil
    ) -> RunReport {
        var report = RunReport()
        guard let statement = parsed.script.statements.first else { return report }
        func fail(_ error: QueryError) -> RunReport {
            report.entries.append(.error(error))
            report.failures += 1
            receiver?.failed(error)
            return report
        }
        guard isOpen else {
            return fail(
                QueryError(
                    .transactionState, "the transaction has ended (begin a new one)", at: statement.range))
        }
        switch statement.kind {
        case .begin:
            return fail(
                QueryError(
                    .transactionState, "begin inside a transaction (commit or roll back the first one)",
                    at: statement.range))
        case .commit:
            do throws(QueryError) {
                try commit(at: statement.range)
                report.entries.append(.result(Self.empty("commit", statement.range)))
                report.statementsRun += 1
            } catch {
                return fail(error)
            }
            return report
        case .rollback:
            rollback()
            report.entries.append(.result(Self.empty("rollback", statement.range)))
            report.statementsRun += 1
            return report
        default:
            break
        }
        var merged = session.parameters
        merged.named.merge(parameters.named) { _, call in call }
        if !parameters.positional.isEmpty { merged.positional = parameters.positional }
        let request = TransactionRequest.statement(
            .init(
                statement: statement, source: parsed.source, parameters: merged,
                usesIndexes: session.usesIndexes,
                isCancelled: session.isCancelled))
        switch mailbox.send(request) {
        case .executed(let executed):
            receiver?.announce(statement)
            report.entries.append(.result(executed.value.replay(to: receiver)))
            report.statementsRun += 1
            return report
        case .failed(let error, let failed):
            isOpen = false
            return fail(ScriptRunner.queryError(error, failed ?? statement))
        case .ended:
            isOpen = false
            return report
        }
    }

    /// Runs the one statement of `source` inside the transaction, as
    /// ``run(_:parameters:receiver:)-(ParseResult,_,_)`` does; a syntax error is reported in the
    /// report and runs nothing (the transaction stays open).
    ///
    ///     let report = transaction.run("update promise 3 set status = kept")
    public func run(
        _ source: String, parameters: Parameters = Parameters(), receiver: ResultReceiver? = nil
    ) -> RunReport {
        let parsed = Parser.parse(source)
        guard let first = parsed.diagnostics.first else {
            return run(parsed, parameters: parameters, receiver: receiver)
        }
        let error = QueryError(first)
        receiver?.failed(error)
        var report = RunReport()
        report.entries.append(.error(error))
        report.failures += 1
        return report
    }

    /// Commits: everything the transaction did becomes visible and durable.
    ///
    /// - Throws: `QueryError` when the commit fails (nothing was written) or the transaction
    ///   has already ended.
    public func commit() throws(QueryError) {
        try commit(at: Self.start)
    }

    /// The start of a text, where errors point when no statement is to blame.
    private static let start = SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))

    /// A store or engine error as a diagnostic at `range`.
    private static func queryError(_ error: Error, at range: SourceRange) -> QueryError {
        switch error {
        case let query as QueryError: return query
        case let store as StoreError:
            return QueryError(store.code == .notFound ? .notFound : .storeRejected, store.message, at: range)
        default: return QueryError(.storeRejected, "\(error)", at: range)
        }
    }

    private func commit(at range: SourceRange) throws(QueryError) {
        guard isOpen else { throw QueryError(.transactionState, "the transaction has ended", at: range) }
        isOpen = false
        if case .failed(let error, _) = mailbox.send(.commit) {
            let failure = Self.queryError(error, at: range)
            throw QueryError(
                failure.diagnostic.id,
                "the transaction could not be committed, so nothing of it was written: "
                    + failure.diagnostic.message, at: range)
        }
    }

    /// Rolls back: nothing the transaction did is kept. Does nothing once it has ended.
    public func rollback() {
        guard isOpen else { return }
        isOpen = false
        _ = mailbox.send(.rollback)
    }

    /// A result with no sections, for `commit` and `rollback`.
    private static func empty(_ kind: String, _ range: SourceRange) -> StatementResult {
        StatementResult(kind: kind, sections: [], statistics: ExecutionStatistics(), range: range)
    }
}

extension Session {
    /// Begins a write transaction that stays open between statements (see
    /// ``OpenTransaction``): what a shell's `begin` does.
    ///
    /// - Throws: `QueryError` (at `range`, the `begin` that asked) when the store cannot write.
    public func begin(at range: SourceRange? = nil) throws(QueryError) -> OpenTransaction {
        try OpenTransaction(
            session: self, at: range ?? SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1)))
    }
}
