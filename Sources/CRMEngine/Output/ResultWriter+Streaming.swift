import CRMStore

extension ResultWriter {
    /// Whether rows can be written one at a time as they arrive (`csv`, `jsonl`); `table`
    /// needs every row to size its columns and `json` wraps them in one array.
    public var streamsRows: Bool { format == .csv || format == .jsonl }

    /// What starts a streamed section: the CSV header line; nothing for `jsonl`.
    public func renderStart(columns: [String]) -> String {
        format == .csv ? renderCSV(columns: columns, rows: []) : ""
    }

    /// One row of a streamed section (`csv` or `jsonl`); for other formats, the whole
    /// one-row result.
    public func renderRow(columns: [String], row: [FieldValue]) -> String {
        switch format {
        case .csv:
            var line = ""
            appendCSVLine(row.map(plainText), to: &line)
            return line
        case .jsonl: return renderJSONLines(columns: columns, rows: [row])
        case .table, .json: return render(columns: columns, rows: [row])
        }
    }
}
