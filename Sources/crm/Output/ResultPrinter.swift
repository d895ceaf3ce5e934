import CRMEngine
import CRMQuery
import CRMStore

/// Prints each statement's rows as they come, in the chosen format: `csv` and `jsonl` row by
/// row, `table` and `json` a section at a time (they need every row first).
///
/// Tables show each statement kind its own way: the record of a `get` or an `insert`
/// expanded (one field a line) unless `.expanded off` says otherwise, and the related records of `get ... with` in their
/// entity's default columns (``DefaultColumns``).
final class ResultPrinter: StatementAwareReceiver {
    /// The writer for every section, before the per-statement choices.
    var writer: ResultWriter
    /// Where the text goes.
    var output: any TextOutput
    private var sectionWriter: ResultWriter
    private var statement: Statement?
    private var projection: [Int]?
    private var columns: [String] = []
    private var rows: [[FieldValue]] = []
    private var open = false

    /// A printer writing with `writer` to `output`.
    init(writer: ResultWriter, output: any TextOutput) {
        self.writer = writer
        self.output = output
        sectionWriter = writer
    }

    /// Notes the statement whose sections come next.
    func statementWillSend(_ statement: Statement) {
        finishSection()
        self.statement = statement
    }

    func section(title: String?, columns: [String]) {
        finishSection()
        sectionWriter = writer
        projection = nil
        var columns = columns
        if writer.format == .table {
            if title == nil, Self.showsOneRecord(statement), writer.table.expanded == .auto {
                sectionWriter.table.expanded = .on
            }
            if title != nil, let kept = DefaultColumns.projection(of: columns) {
                projection = kept
                columns = kept.map { columns[$0] }
            }
        }
        self.columns = columns
        open = true
        if let title, writer.format == .table { output.write("\n\(title):\n") }
        if sectionWriter.streamsRows { output.write(sectionWriter.renderStart(columns: columns)) }
    }

    /// Whether `statement` shows one whole record (`get`, `insert`): shown expanded.
    private static func showsOneRecord(_ statement: Statement?) -> Bool {
        switch statement?.kind {
        case .get, .insert: true
        default: false
        }
    }

    func row(_ values: [FieldValue]) {
        let values = projection.map { kept in kept.map { $0 < values.count ? values[$0] : .null } } ?? values
        if sectionWriter.streamsRows {
            output.write(sectionWriter.renderRow(columns: columns, row: values))
        } else {
            rows.append(values)
        }
    }

    /// Prints what is held of the current section; call at the end of each statement.
    func finishSection() {
        guard open else { return }
        open = false
        if !sectionWriter.streamsRows { output.write(sectionWriter.render(columns: columns, rows: rows)) }
        rows.removeAll(keepingCapacity: true)
    }
}
