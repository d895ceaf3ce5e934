import CRMQuery
import CRMStore

/// Running one statement: the executor in the statement's transaction, on the session's
/// calendar; and store errors turned into diagnostics at the word they are about.
extension ScriptRunner {
    /// Runs one statement of `source` in `tx`, as the other `execute` does: for the thread of
    /// an ``OpenTransaction``, which runs statements its caller parsed, one at a time.
    func execute(
        _ statement: Statement, _ tx: ReadTransaction, now: TimeContext, receiver: StatementReceiver,
        source: String
    ) throws -> ExecutedStatement {
        chunk = ScriptChunk(content: .dotCommand(""), text: source, firstLine: 1, startOffset: 0)
        return try execute(statement, tx, now: now, receiver: receiver)
    }

    /// Runs one statement in `tx` (a write transaction for statements that write), sending
    /// its rows to `receiver`; the text it came from is the chunk's. `prebound` is the record
    /// an insert gives, when the reading thread bound it (``InsertPrebinding``).
    func execute(
        _ statement: Statement, _ tx: ReadTransaction, now: TimeContext, receiver: StatementReceiver,
        prebound: RecordValues? = nil
    ) throws
        -> ExecutedStatement
    {
        let statement = delivery.prepared(statement)
        var now = now
        if now.workingCalendar == nil {
            now.workingCalendar = try session.storedCalendar(for: statement, in: tx)
        }
        let context = ExecutionContext(
            transaction: tx, now: now.now, statementRange: statement.range, usesIndexes: session.usesIndexes,
            isCancelled: session.isCancelled)
        context.calendar = now.workingCalendar
        var executor = Executor(
            context: context, time: now, parameters: parameters, receiver: receiver, source: chunk.text)
        executor.preboundInsert = prebound
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

    /// A store or engine error as a diagnostic at the statement (at the start without one).
    static func queryError(_ error: Error, _ statement: Statement?) -> QueryError {
        let range = statement?.range ?? SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))
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
                at: statement.flatMap { fieldRange(store.field, in: $0) } ?? range)
        default: return QueryError(.storeRejected, "\(error)", at: range)
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

extension ScriptChunk {
    /// `result` with its range in the whole script.
    func moved(_ result: StatementResult) -> StatementResult {
        guard firstLine != 1 || startOffset != 0 else { return result }
        var moved = result
        moved.range = scriptRange(result.range)
        return moved
    }

    /// `error` with its range in the whole script.
    func moved(_ error: QueryError) -> QueryError {
        guard firstLine != 1 || startOffset != 0 else { return error }
        var diagnostic = error.diagnostic
        diagnostic.range = scriptRange(diagnostic.range)
        return QueryError(diagnostic)
    }
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
