import CRMQuery
import CRMStore

/// A receiver that remembers what a statement sent, so that rows produced inside a write
/// transaction are released only after it commits (a write closure may run twice).
class StatementReceiver: ResultReceiver {
    func section(title: String?, columns: [String]) {}
    func row(_ values: [FieldValue]) {}
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
