import CRMEngine
import CRMStore

/// Prints each statement's rows as they come, in the chosen format: `csv` and `jsonl` row by
/// row, `table` and `json` a section at a time (they need every row first).
final class ResultPrinter: ResultReceiver {
    var writer: ResultWriter
    var output: OutputChannel
    private var title: String?
    private var columns: [String] = []
    private var rows: [[FieldValue]] = []
    private var open = false

    init(writer: ResultWriter, output: OutputChannel) {
        self.writer = writer
        self.output = output
    }

    func section(title: String?, columns: [String]) {
        finishSection()
        self.title = title
        self.columns = columns
        open = true
        if let title, writer.format == .table { output.write("\n\(title):\n") }
        if writer.streamsRows { output.write(writer.renderStart(columns: columns)) }
    }

    func row(_ values: [FieldValue]) {
        if writer.streamsRows {
            output.write(writer.renderRow(columns: columns, row: values))
        } else {
            rows.append(values)
        }
    }

    /// Prints what is held of the current section; call at the end of each statement.
    func finishSection() {
        guard open else { return }
        open = false
        if !writer.streamsRows { output.write(writer.render(columns: columns, rows: rows)) }
        rows.removeAll(keepingCapacity: true)
    }
}
