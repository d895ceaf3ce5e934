import CRMQuery
import CRMStore

/// A receiver that remembers what a statement sent, so that rows produced inside a write
/// transaction are released only after it commits (a write closure may run twice).
class StatementReceiver: ResultReceiver {
    func section(title: String?, columns: [String]) {}
    func row(_ values: [FieldValue]) {}
    func row(record: RecordRow) throws { row(try record.values()) }
    var sections: [ResultSet] { [] }
}

/// Keeps every section and row.
final class BufferingReceiver: StatementReceiver {
    private var kept: [ResultSet] = []
    override func section(title: String?, columns: [String]) {
        kept.append(ResultSet(title: title, columns: columns))
    }
    override func row(_ values: [FieldValue]) {
        guard !kept.isEmpty else { return }
        kept[kept.count - 1].rows.append(values)
    }
    override var sections: [ResultSet] { kept }
}

/// Passes rows straight through to the caller's receiver, keeping only the headers.
final class ForwardingReceiver: StatementReceiver {
    private let target: ResultReceiver
    private var headers: [ResultSet] = []
    init(_ target: ResultReceiver) { self.target = target }
    override func section(title: String?, columns: [String]) {
        headers.append(ResultSet(title: title, columns: columns))
        target.section(title: title, columns: columns)
    }
    override func row(_ values: [FieldValue]) { target.row(values) }
    override func row(record: RecordRow) throws { try target.row(record: record) }
    override var sections: [ResultSet] { headers }
}

/// A statement that ran, with what it sent.
struct ExecutedStatement {
    let statement: Statement
    let receiver: StatementReceiver
    let statistics: ExecutionStatistics

    /// The result; buffered rows are sent on to `target` if there is one (and then left out
    /// of the result, as streamed rows are).
    func replay(to target: ResultReceiver?) -> StatementResult {
        var sections = receiver.sections
        if let target, receiver is BufferingReceiver {
            for section in sections {
                target.section(title: section.title, columns: section.columns)
                for row in section.rows { target.row(row) }
            }
            sections = sections.map { ResultSet(title: $0.title, columns: $0.columns) }
        }
        return StatementResult(
            kind: statement.verb, sections: sections, statistics: statistics, range: statement.range)
    }
}

/// Passes what statements send on to the caller's receiver, and tells a ``ScriptReceiver``
/// when statements begin and end. When the store runs a write transaction again (its map
/// had to grow), the statements run again and send the same things again: what the first
/// run delivered is then dropped, so the caller sees everything once.
final class Delivery: ResultReceiver {
    /// The caller's receiver.
    let target: ResultReceiver?
    private let script: ScriptReceiver?
    private let aware: StatementAwareReceiver?
    /// What was delivered since the transaction began, and what this run of it has sent.
    private var delivered = 0
    private var sent = 0

    init(_ target: ResultReceiver?) {
        self.target = target
        self.script = target as? ScriptReceiver
        self.aware = target as? StatementAwareReceiver
    }

    /// A write transaction begins: nothing of it was delivered yet.
    func startTransaction() {
        delivered = 0
        sent = 0
    }

    /// The transaction runs again from its start.
    func replayTransaction() { sent = 0 }

    /// Whether the next thing sent is new (and counts it).
    private func isNew() -> Bool {
        sent += 1
        guard sent > delivered else { return false }
        delivered += 1
        return true
    }

    func section(title: String?, columns: [String]) {
        if isNew() { target?.section(title: title, columns: columns) }
    }

    func row(_ values: [FieldValue]) {
        if isNew() { target?.row(values) }
    }

    func row(record: RecordRow) throws {
        if isNew() { try target?.row(record: record) }
    }

    /// Tells a ``ScriptReceiver`` that `statement` runs, and a ``StatementAwareReceiver``
    /// that its sections come next.
    func willRun(_ statement: Statement) {
        guard script != nil || aware != nil, isNew() else { return }
        script?.willRun(statement)
        aware?.statementWillSend(statement)
    }

    func didRun(_ result: StatementResult) {
        if let script, isNew() { script.didRun(result) }
    }

    /// The statement to run for `statement` (see ``ScriptReceiver/prepared(_:)``).
    func prepared(_ statement: Statement) -> Statement {
        script?.prepared(statement) ?? statement
    }

    /// The script's input has nothing ready: time to print what is pending.
    func waitingForInput() { script?.waitingForInput() }

    func failed(_ error: QueryError, in chunk: ScriptChunk, of name: String) {
        guard isNew() else { return }
        if let script {
            script.failed(error, in: chunk, of: name)
        } else {
            target?.failed(error)
        }
    }
}
