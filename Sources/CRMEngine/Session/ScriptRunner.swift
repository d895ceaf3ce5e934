import CRMQuery
import CRMStore

/// Runs a parsed script statement by statement: reads in read transactions (streaming their
/// rows), writes in write transactions, `begin ... commit` blocks and `--atomic` scripts in
/// one write transaction each.
struct ScriptRunner {
    let session: Session
    let source: String
    let parameters: Parameters
    let options: RunOptions
    let receiver: ResultReceiver?
    private var report = RunReport()

    init(
        session: Session, source: String, parameters: Parameters, options: RunOptions,
        receiver: ResultReceiver?
    ) {
        self.session = session
        self.source = source
        self.parameters = parameters
        self.options = options
        self.receiver = receiver
    }

    /// A statement and where it stands in the script.
    private enum Step {
        case statement(Statement)
        case block(begin: Statement, body: [Statement], end: Statement?)
        case syntaxError(Diagnostic)

        var offset: Int {
            switch self {
            case .statement(let statement), .block(let statement, _, _): statement.range.start.offset
            case .syntaxError(let diagnostic): diagnostic.range.start.offset
            }
        }
    }

    mutating func run(_ parsed: ParseResult) -> RunReport {
        if options.atomic {
            if !parsed.diagnostics.isEmpty {
                for diagnostic in parsed.diagnostics { _ = fail(QueryError(diagnostic)) }
                return report
            }
            runAtomic(parsed.script.statements)
            return report
        }
        // One statement and nothing wrong: the common call from a program, run directly.
        if parsed.diagnostics.isEmpty, parsed.script.statements.count == 1,
            let only = parsed.script.statements.first
        {
            if case .begin = only.kind {
            } else {
                _ = runAlone(only)
                return report
            }
        }
        for step in steps(parsed) {
            let ok: Bool
            switch step {
            case .syntaxError(let diagnostic):
                ok = fail(QueryError(diagnostic))
            case .statement(let statement): ok = runAlone(statement)
            case .block(let begin, let body, let end): ok = runBlock(begin, body, end)
            }
            if !ok && options.stopOnError { break }
        }
        return report
    }

    /// Orders statements and syntax errors by position, grouping `begin ... commit` blocks.
    private func steps(_ parsed: ParseResult) -> [Step] {
        var steps: [Step] = parsed.diagnostics.map { .syntaxError($0) }
        var statements = parsed.script.statements[...]
        while let statement = statements.popFirst() {
            guard case .begin = statement.kind else {
                steps.append(.statement(statement))
                continue
            }
            var body: [Statement] = []
            var end: Statement?
            while let next = statements.popFirst() {
                if case .commit = next.kind {
                    end = next
                    break
                }
                if case .rollback = next.kind {
                    end = next
                    break
                }
                body.append(next)
            }
            steps.append(.block(begin: statement, body: body, end: end))
        }
        return steps.sorted { $0.offset < $1.offset }
    }

    // MARK: - Running

    private mutating func runAlone(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .commit, .rollback:
            return fail(
                QueryError(
                    .transactionState, "\(statement.kind) without begin (there is no transaction to end)",
                    at: statement.range))
        case .begin:
            return true  // Grouped into blocks before this point.
        default: break
        }
        let now = session.timeContext
        do {
            if statement.writes {
                let buffered = try session.store.write { tx in
                    try execute(statement, tx, now: now, receiver: BufferingReceiver())
                }
                receiver?.announce(statement)
                report.entries.append(.result(buffered.replay(to: receiver)))
            } else {
                receiver?.announce(statement)
                let result = try session.store.read { tx in
                    try execute(
                        statement, tx, now: now,
                        receiver: receiver.map { ForwardingReceiver($0) } ?? BufferingReceiver())
                }
                report.entries.append(.result(result.replay(to: nil)))
            }
            return true
        } catch {
            return fail(Self.queryError(error, statement))
        }
    }

    private mutating func runBlock(_ begin: Statement, _ body: [Statement], _ end: Statement?) -> Bool {
        guard let end else {
            return fail(
                QueryError(
                    .transactionState,
                    "begin without commit: the script ended inside a transaction, so nothing of it was written",
                    at: begin.range))
        }
        if let nested = body.first(where: { if case .begin = $0.kind { true } else { false } }) {
            return fail(
                QueryError(
                    .transactionState, "begin inside a transaction (commit or roll back the first one)",
                    at: nested.range))
        }
        let rollback: Bool = if case .rollback = end.kind { true } else { false }
        let now = session.timeContext
        var failure: (Statement, Error)?
        var results: [ExecutedStatement] = []
        do {
            results = try session.store.write { tx in
                var done: [ExecutedStatement] = []
                for statement in body {
                    do {
                        done.append(try execute(statement, tx, now: now, receiver: BufferingReceiver()))
                    } catch {
                        failure = (statement, error)
                        throw error
                    }
                }
                if rollback { throw RollbackRequested(results: done) }
                return done
            }
        } catch let requested as RollbackRequested {
            results = requested.results
        } catch {
            let failed = failure?.0 ?? end
            return fail(Self.queryError(error, failed))
        }
        report.entries.append(
            .result(
                StatementResult(
                    kind: "begin", sections: [], statistics: ExecutionStatistics(), range: begin.range)))
        for result in results {
            receiver?.announce(result.statement)
            report.entries.append(.result(result.replay(to: receiver)))
        }
        report.entries.append(
            .result(
                StatementResult(
                    kind: "\(end.kind)", sections: [], statistics: ExecutionStatistics(), range: end.range)))
        return true
    }

    private mutating func runAtomic(_ statements: [Statement]) {
        let now = session.timeContext
        var failure: (Statement, Error)?
        do {
            let results = try session.store.write { tx in
                var done: [ExecutedStatement] = []
                for statement in statements {
                    switch statement.kind {
                    case .begin, .commit, .rollback:
                        let error = QueryError(
                            .transactionState,
                            "\(statement.kind) in an atomic script (the whole script is already one transaction)",
                            at: statement.range)
                        failure = (statement, error)
                        throw error
                    default: break
                    }
                    do {
                        done.append(try execute(statement, tx, now: now, receiver: BufferingReceiver()))
                    } catch {
                        failure = (statement, error)
                        throw error
                    }
                }
                return done
            }
            for result in results {
                receiver?.announce(result.statement)
                report.entries.append(.result(result.replay(to: receiver)))
            }
        } catch {
            if let (statement, error) = failure {
                _ = fail(Self.queryError(error, statement))
            } else if let first = statements.first {
                // The commit itself failed: no statement is to blame, so point at the start.
                let failure = Self.queryError(error, first)
                _ = fail(
                    QueryError(
                        failure.diagnostic.id,
                        "the script's transaction could not be committed: \(failure.diagnostic.message)",
                        at: SourceRange(at: first.range.start)))
            }
        }
    }

    private mutating func fail(_ error: QueryError) -> Bool {
        report.entries.append(.error(error))
        receiver?.failed(error)
        return false
    }

    /// Runs one statement in `tx` (a write transaction for statements that write), sending
    /// its rows to `receiver`; also used by ``OpenTransaction``.
    func execute(
        _ statement: Statement, _ tx: ReadTransaction, now: TimeContext, receiver: StatementReceiver
    ) throws
        -> ExecutedStatement
    {
        var now = now
        if now.workingCalendar == nil {
            now.workingCalendar = try session.storedCalendar(for: statement, in: tx)
        }
        let context = ExecutionContext(
            transaction: tx, now: now.now, statementRange: statement.range, usesIndexes: session.usesIndexes,
            isCancelled: session.isCancelled)
        context.calendar = now.workingCalendar
        var executor = Executor(
            context: context, time: now, parameters: parameters, receiver: receiver, source: source)
        if let lookup = session.calendarLookup {
            executor.calendars = { name in try lookup(name, tx) }
        } else {
            executor.calendars = { name in try tx.workingCalendar(named: name) }
        }
        switch statement.kind {
        case .find(let find): try executor.find(find)
        case .count(let count): try executor.count(count)
        case .get(let get): try executor.get(get)
        case .history(let history): try executor.history(history)
        case .insert(let insert): try executor.insert(insert, range: statement.range)
        case .update(let update): try executor.update(update, range: statement.range)
        case .delete(let delete): try executor.delete(delete, range: statement.range)
        case .explain(let inner): try executor.explain(inner)
        case .defineField(let define): try executor.define(define)
        case .dropField(let drop): try executor.drop(drop)
        case .defineView(let define): try executor.defineView(define)
        case .dropView(let drop): try executor.dropView(drop)
        case .run(let run): try executor.run(run)
        case .begin, .commit, .rollback:
            throw QueryError(.transactionState, "\(statement.kind) cannot run here", at: statement.range)
        }
        return ExecutedStatement(statement: statement, receiver: receiver, statistics: context.statistics)
    }

    /// A store or engine error as a diagnostic at the statement.
    static func queryError(_ error: Error, _ statement: Statement) -> QueryError {
        switch error {
        case let query as QueryError: return query
        case let store as StoreError:
            let id: DiagnosticID =
                switch store.code {
                case .notFound: .notFound
                case .corrupt: .storeDamaged
                default: .storeRejected
                }
            return QueryError(
                id, store.message,
                at: fieldRange(store.field, in: statement) ?? statement.range)
        default: return QueryError(.storeRejected, "\(error)", at: statement.range)
        }
    }
}

/// Where the value of `field` is written in an insert or update, so that an error the store
/// gives about that field points at it.
private func fieldRange(_ field: String?, in statement: Statement) -> SourceRange? {
    guard let field = field?.lowercased() else { return nil }
    switch statement.kind {
    case .defineField(let define): return define.nameRange
    case .dropField(let drop): return drop.nameRange
    case .defineView(let define): return define.nameRange
    case .dropView(let drop): return drop.nameRange
    case .insert(let insert):
        return insert.fields.first { $0.name.lowercased() == field }?.value.range
    case .update(let update):
        return update.assignments.first { $0.path.description.lowercased() == field }?.value.range
    default:
        return nil
    }
}

/// Thrown inside a block's write closure to abort it on `rollback`, carrying the results.
private struct RollbackRequested: Error, @unchecked Sendable {
    // SAFETY: created and caught on the same thread, inside one write closure.
    let results: [ExecutedStatement]
}

extension Statement {
    /// Whether the statement changes the store.
    var writes: Bool {
        switch kind {
        case .insert, .update, .delete, .defineField, .dropField, .defineView, .dropView: true
        default: false
        }
    }
}
