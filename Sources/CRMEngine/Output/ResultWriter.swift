import CRMStore

/// Writes result sets in one format. Timestamps are printed with `formatTimestamp` (the
/// session's zone: the engine passes its own function; default: UTC ISO 8601 via
/// `Timestamp.description`).
///
/// The writer holds no state between statements, so one writer serves a whole session and may
/// be shared across tasks.
///
///     let writer = ResultWriter(format: .json)
///     writer.render(columns: ["id", "name"], rows: [[.integer(1), .string("Acme")]])
///     // [{"id":1,"name":"Acme"}]\n
public struct ResultWriter: Sendable {
    /// The format every `render` writes.
    public let format: OutputFormat
    /// The terminal width a `table` must fit in, in display columns; nil for no limit. The
    /// other formats ignore it.
    public let maxWidth: Int?
    /// Turns a timestamp into text: the session's zone and offset.
    public let formatTimestamp: @Sendable (Timestamp) -> String
    /// How `table` results look: style, expanded records, timestamps for people.
    public var table: TableOptions

    /// A writer of `format`; `maxWidth` is the terminal width for tables (nil: no limit),
    /// `formatTimestamp` prints timestamps (default: ISO 8601 in UTC), and `table` says how
    /// tables look (default: plain, never expanded, timestamps printed by `formatTimestamp`).
    public init(
        format: OutputFormat,
        maxWidth: Int? = nil,
        formatTimestamp: @escaping @Sendable (Timestamp) -> String = { $0.description },
        table: TableOptions = TableOptions()
    ) {
        self.format = format
        self.maxWidth = maxWidth
        self.formatTimestamp = formatTimestamp
        self.table = table
    }

    /// The text for one statement's result: `columns` names, `rows` values (each row has
    /// `columns.count` values). The text ends in a line break unless it is empty (`jsonl` with
    /// no rows).
    /// A row of another length is padded with nulls or cut to fit, rather than trapping: the
    /// engine never makes one, and printing should not be what stops a program.
    public func render(columns: [String], rows: [[FieldValue]]) -> String {
        let rows = rows.map { row in
            row.count == columns.count
                ? row
                : Array(
                    (row + Array(repeating: .null, count: max(0, columns.count - row.count))).prefix(
                        columns.count))
        }
        switch format {
        case .table: return renderTable(columns: columns, rows: rows)
        case .json: return renderJSON(columns: columns, rows: rows)
        case .jsonl: return renderJSONLines(columns: columns, rows: rows)
        case .csv: return renderCSV(columns: columns, rows: rows)
        }
    }

    /// The plain text of a value for `csv` and `table`: null as nil, timestamps in the
    /// session's zone, tags joined with ", ", everything else as `FieldValue.description`.
    func plainText(_ value: FieldValue) -> String? {
        switch value {
        case .null: return nil
        case .timestamp(let timestamp): return formatTimestamp(timestamp)
        default: return value.description
        }
    }

    /// The text of a value in a `table`: as `plainText`, but a duration in days, hours,
    /// minutes and seconds (`3d 4h`, `45min`, `-2h 30min`), for a person to read.
    func tableText(_ value: FieldValue) -> String? {
        guard case .duration(let microseconds) = value else { return plainText(value) }
        return Self.compact(duration: microseconds)
    }

    /// `3d 4h 5min 6s` with zero parts left out, whole seconds (`0s` for less than one).
    static func compact(duration microseconds: Int64) -> String {
        let seconds = microseconds.magnitude / 1_000_000
        let parts: [(UInt64, String)] = [
            (seconds / 86_400, "d"), (seconds / 3600 % 24, "h"), (seconds / 60 % 60, "min"),
            (seconds % 60, "s"),
        ]
        let text = parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined(separator: " ")
        guard !text.isEmpty else { return "0s" }
        return (microseconds < 0 ? "-" : "") + text
    }
}
