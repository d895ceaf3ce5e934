import CRMEngine
import CRMQuery
import CRMStore

/// Prints each statement's rows as they come, in the chosen format, through a
/// ``ResultStream``: every format streams (a table after measuring its first rows), so a
/// result of any size is printed in bounded memory.
///
/// Tables show each statement kind its own way: the record of a `get` or an `insert`
/// expanded (one field a line) unless `.expanded off` says otherwise, and the related records
/// of `get ... with` in their entity's default columns (``DefaultColumns``).
///
/// Bytes are gathered in ``buffer`` and handed to ``output`` 64 KiB at a time, at the end of
/// each section, and on ``flush()``; always at a row's end, so never inside a character.
final class ResultPrinter: StatementAwareReceiver {
    /// The format and timestamp style; setting it takes effect at the next section.
    var writer: ResultWriter {
        didSet { writerChanged = true }
    }
    /// Where the text goes; setting it hands over what is gathered for the old one first.
    var output: any TextOutput {
        willSet { handOver() }
    }
    /// Bytes printed but not yet handed to ``output``; writers may append to it directly
    /// (whole lines), then call ``flushIfFull()``.
    var buffer: [UInt8] = []
    private var stream: ResultStream
    private var writerChanged = false
    private var statement: Statement?
    private var projection: [Int]?

    /// A printer writing with `writer` to `output`.
    init(writer: ResultWriter, output: any TextOutput) {
        self.writer = writer
        self.output = output
        self.stream = ResultStream(writer: writer)
        buffer.reserveCapacity(1 << 16)
    }

    /// Ends the section open, if any, and notes the statement whose sections come next.
    /// What is gathered stays gathered: a script of many small writes hands its output
    /// over 64 KiB at a time, not a statement at a time.
    func statementWillSend(_ statement: Statement) {
        if stream.isOpen {
            stream.endSection(into: &buffer)
            flushIfFull()
        }
        self.statement = statement
    }

    func section(title: String?, columns: [String]) {
        finishSection()
        if writerChanged {
            stream = ResultStream(writer: writer)
            writerChanged = false
        }
        projection = nil
        var columns = columns
        var expanded: ExpandedMode?
        if writer.format == .table {
            if title == nil, Self.showsOneRecord(statement), writer.table.expanded == .auto {
                expanded = .on
            }
            if title != nil, let kept = DefaultColumns.projection(of: columns) {
                projection = kept
                columns = kept.map { columns[$0] }
            }
        }
        stream.beginSection(title: title, columns: columns, expanded: expanded, into: &buffer)
        flushIfFull()
    }

    /// Whether `statement` shows one whole record (`get`, `insert`): shown expanded.
    private static func showsOneRecord(_ statement: Statement?) -> Bool {
        switch statement?.kind {
        case .get, .insert: true
        default: false
        }
    }

    func row(_ values: [FieldValue]) {
        if let projection {
            stream.row(projection.map { $0 < values.count ? values[$0] : .null }, into: &buffer)
        } else {
            stream.row(values, into: &buffer)
        }
        flushIfFull()
    }

    func row(record: RecordRow) throws {
        guard projection == nil else {
            row(try record.values())
            return
        }
        try stream.row(record, into: &buffer)
        flushIfFull()
    }

    /// Prints what is held of the current section (a table's first rows, its footer, the
    /// end of a JSON array) and hands it to the output; call at the end of each statement.
    func finishSection() {
        if stream.isOpen { stream.endSection(into: &buffer) }
        handOver()
    }

    /// Ends the current section without printing the rows a table holds (Ctrl-C); returns
    /// how many were dropped.
    func abandonSection() -> Int {
        let dropped = stream.abandonSection(into: &buffer)
        handOver()
        return dropped
    }

    /// Hands the buffer to the output once 64 KiB are waiting: large results go out in
    /// large writes, and the buffer never holds much more.
    @inline(__always)
    func flushIfFull() {
        if buffer.count >= 1 << 16 { handOver() }
    }

    /// Hands what is gathered to the output and flushes it.
    func flush() {
        handOver()
        output.flush()
    }

    private func handOver() {
        guard !buffer.isEmpty else { return }
        output.write(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
