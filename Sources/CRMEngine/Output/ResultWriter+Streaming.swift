import CRMStore

extension ResultWriter {
    /// Whether rows can be written one at a time as they arrive with `renderStart` and
    /// `renderRow` (`csv`, `jsonl`). Every format streams through a `ResultStream`.
    public var streamsRows: Bool { format == .csv || format == .jsonl }

    /// What starts a streamed section: the CSV header line; nothing for `jsonl`.
    public func renderStart(columns: [String]) -> String {
        guard format == .csv else { return "" }
        var out: [UInt8] = []
        appendCSVHeader(columns, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One row of a streamed section (`csv` or `jsonl`); for other formats, the whole
    /// one-row result.
    public func renderRow(columns: [String], row: [FieldValue]) -> String {
        var out: [UInt8] = []
        let timestamps = timestampFormatter()
        switch format {
        case .csv:
            Self.appendCSVRow(row, timestamps: timestamps, formatTimestamp: formatTimestamp, to: &out)
        case .jsonl:
            Self.appendJSONObject(
                row, keys: Self.jsonKeys(columns), timestamps: timestamps, formatTimestamp: formatTimestamp,
                to: &out)
            out.append(UInt8(ascii: "\n"))
        case .table, .json: return render(columns: columns, rows: [row])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
