import CRMStore

/// Writes result sections in one format as their rows come, into a byte buffer the caller
/// owns and empties, so that a result of any size is printed in bounded memory and its first
/// line appears before its last row is read.
///
/// - `csv`: the header line when a section begins, then a line per row.
/// - `jsonl`: a line per row.
/// - `json`: `[` when a section begins, each row object as it comes, `]` at its end.
/// - `table`: the first ``tableSampleSize`` rows are held to measure the columns (as psql
///   does with `FETCH_COUNT`) and to decide the layout (``TableLayout``: style, expanded
///   or not, widths, the precision of each column's timestamps); then the header and those
///   rows are written, and every later row at once in the same layout. A later cell wider
///   than its column is written whole (piped output is never cut, ids, numbers and
///   timestamps never are) or, when the table fits a terminal, a text cell is cut like the
///   others. The `(N rows)` footer comes at the end.
///
/// Calls go section by section: `beginSection`, any number of `row`, `endSection`.
///
///     let stream = ResultStream(writer: ResultWriter(format: .json))
///     var out: [UInt8] = []
///     stream.beginSection(title: nil, columns: ["id"], into: &out)
///     stream.row([.integer(1)], into: &out)
///     stream.endSection(into: &out)   // out holds [{"id":1}]\n
///
/// Not thread-safe: one stream per output, used from one thread.
public final class ResultStream {
    /// The format, terminal width and timestamp style.
    public let writer: ResultWriter
    /// How many rows a table holds to measure its columns before it prints them.
    public let tableSampleSize: Int
    /// Whether a section has begun and not ended.
    public private(set) var isOpen = false
    /// The rows written (or held) in the current section so far.
    public private(set) var rowCount = 0

    private let format: OutputFormat
    private let timestamps: TimestampFormatter?
    private let formatTimestamp: @Sendable (Timestamp) -> String
    private var columns: [String] = []
    private var jsonKeys = JSONKeys()
    private var sample: [[FieldValue]] = []
    private var layout: TableLayout?
    /// The writer of the current section: ``writer`` with the section's table options.
    private var sectionWriter: ResultWriter
    private var line = ""

    /// The sample a table measures by default: enough rows for widths that hold for the rest
    /// of a typical result, few enough to hold in a fraction of a MiB.
    public static let defaultTableSampleSize = 1_000

    /// A stream writing with `writer`; a table measures its first `tableSampleSize` rows.
    public init(writer: ResultWriter, tableSampleSize: Int = ResultStream.defaultTableSampleSize) {
        self.writer = writer
        self.tableSampleSize = max(1, tableSampleSize)
        self.format = writer.format
        self.timestamps = writer.timestampFormatter()
        self.formatTimestamp = writer.formatTimestamp
        self.sectionWriter = writer
    }

    /// Begins a section: its title (printed above a table's header, ignored by the other
    /// formats) and its columns; `expanded`, when given, overrides the writer's
    /// `table.expanded` for this section (the shell shows a `get` expanded). Ends the
    /// section before, if one is open.
    public func beginSection(
        title: String?, columns: [String], expanded: ExpandedMode? = nil, into out: inout [UInt8]
    ) {
        if isOpen { endSection(into: &out) }
        isOpen = true
        rowCount = 0
        self.columns = columns
        layout = nil
        sectionWriter = writer
        if let expanded { sectionWriter.table.expanded = expanded }
        sample.removeAll(keepingCapacity: true)
        switch format {
        case .table:
            if let title { ByteText.append("\n\(title):\n", to: &out) }
        case .csv:
            writer.appendCSVHeader(columns, to: &out)
        case .json:
            jsonKeys = ResultWriter.jsonKeys(columns)
            out.append(UInt8(ascii: "["))
        case .jsonl:
            jsonKeys = ResultWriter.jsonKeys(columns)
        }
    }

    /// Writes (or, for the first rows of a table, holds) one row of the current section.
    ///
    /// A row of another length than the columns is padded with nulls or cut to fit, rather
    /// than trapping. It is a programmer error to call this outside a section; the row is
    /// then dropped.
    public func row(_ values: [FieldValue], into out: inout [UInt8]) {
        guard isOpen else { return }
        let values = values.count == columns.count ? values : Self.fitted(values, to: columns.count)
        rowCount += 1
        switch format {
        case .csv:
            ResultWriter.appendCSVRow(
                values, timestamps: timestamps, formatTimestamp: formatTimestamp, to: &out)
        case .jsonl:
            ResultWriter.appendJSONObject(
                values, keys: jsonKeys, timestamps: timestamps, formatTimestamp: formatTimestamp, to: &out)
            out.append(UInt8(ascii: "\n"))
        case .json:
            if rowCount > 1 { out.append(UInt8(ascii: ",")) }
            ResultWriter.appendJSONObject(
                values, keys: jsonKeys, timestamps: timestamps, formatTimestamp: formatTimestamp, to: &out)
        case .table:
            guard !columns.isEmpty else { return }
            if let layout {
                writeTableRow(values, layout, into: &out)
            } else {
                sample.append(values)
                if sample.count >= tableSampleSize { printSample(more: true, into: &out) }
            }
        }
    }

    /// Writes one row given as a record read in place: csv, json and jsonl copy its cells
    /// from the record's bytes; a table (which measures and may cut values) takes its values.
    ///
    /// - Throws: the store's error when the record is damaged; nothing of the row is written.
    public func row(_ record: RecordRow, into out: inout [UInt8]) throws {
        guard isOpen else { return }
        guard format != .table, record.count == columns.count, let view = record.view else {
            row(try record.values(), into: &out)
            return
        }
        let start = out.count
        do {
            switch format {
            case .csv:
                try ResultWriter.appendRecordRow(
                    record, of: view, keys: nil, timestamps: timestamps, formatTimestamp: formatTimestamp,
                    to: &out)
            case .jsonl:
                try ResultWriter.appendRecordRow(
                    record, of: view, keys: jsonKeys, timestamps: timestamps,
                    formatTimestamp: formatTimestamp,
                    to: &out)
                out.append(UInt8(ascii: "\n"))
            case .json:
                if rowCount > 0 { out.append(UInt8(ascii: ",")) }
                try ResultWriter.appendRecordRow(
                    record, of: view, keys: jsonKeys, timestamps: timestamps,
                    formatTimestamp: formatTimestamp,
                    to: &out)
            case .table: return
            }
        } catch {
            // Nothing of a row that could not be read, not even its separator.
            out.removeSubrange(start...)
            throw error
        }
        rowCount += 1
    }

    /// Ends the current section: a table's held rows and footer, the `]` of a JSON array.
    public func endSection(into out: inout [UInt8]) {
        guard isOpen else { return }
        isOpen = false
        switch format {
        case .csv, .jsonl: break
        case .json: out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "\n")])
        case .table:
            if columns.isEmpty {
                ByteText.append(ResultWriter.tableFooter(rowCount: rowCount), to: &out)
                return
            }
            if layout == nil { printSample(more: false, into: &out) }
            if let layout {
                line.removeAll(keepingCapacity: true)
                sectionWriter.appendTableEnd(layout, rowCount: rowCount, to: &line)
                ByteText.append(line, to: &out)
            }
            sample.removeAll()
            layout = nil
        }
    }

    /// Ends the current section without printing what a table holds: for output stopped
    /// by Ctrl-C. Returns how many held rows were dropped (a JSON array is closed, so what
    /// was printed of it still parses).
    @discardableResult
    public func abandonSection(into out: inout [UInt8]) -> Int {
        guard isOpen else { return 0 }
        isOpen = false
        let dropped = layout == nil ? sample.count : 0
        if format == .json { out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "\n")]) }
        sample.removeAll()
        layout = nil
        return dropped
    }

    /// Measures the held rows and decides the layout, then writes the header and them;
    /// `more` says whether rows may follow.
    private func printSample(more: Bool, into out: inout [UInt8]) {
        let content = TableContent(columns: columns, rows: sample, writer: sectionWriter)
        let measured = sectionWriter.tableLayout(content, more: more)
        layout = measured
        line.removeAll(keepingCapacity: true)
        sectionWriter.appendTableHead(measured, to: &line)
        ByteText.append(line, to: &out)
        for (index, cells) in content.rows.enumerated() {
            line.removeAll(keepingCapacity: true)
            sectionWriter.appendTableRow(cells, number: index + 1, measured, to: &line)
            ByteText.append(line, to: &out)
        }
        sample.removeAll()
    }

    private func writeTableRow(_ values: [FieldValue], _ layout: TableLayout, into out: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        sectionWriter.appendTableRow(values, number: rowCount, layout, to: &line)
        ByteText.append(line, to: &out)
    }

    /// `values` padded with nulls or cut to `count`.
    private static func fitted(_ values: [FieldValue], to count: Int) -> [FieldValue] {
        Array((values + Array(repeating: .null, count: max(0, count - values.count))).prefix(count))
    }
}
