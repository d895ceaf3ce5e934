import CRMStore
import Foundation

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
    /// The zone timestamps are written in, when the writer was made with one: then streamed
    /// output writes them with a `TimestampFormatter` (the same text as
    /// `TimeContext.format`, without a lookup of the zone per value).
    public let timeZone: TimeZone?

    /// A writer of `format`; `maxWidth` is the terminal width for tables (nil: no limit), and
    /// `formatTimestamp` prints timestamps (default: ISO 8601 in UTC).
    public init(
        format: OutputFormat,
        maxWidth: Int? = nil,
        formatTimestamp: @escaping @Sendable (Timestamp) -> String = { $0.description }
    ) {
        self.format = format
        self.maxWidth = maxWidth
        self.formatTimestamp = formatTimestamp
        self.timeZone = nil
    }

    /// A writer of `format` printing timestamps in `timeZone` as `TimeContext.format` does
    /// (ISO 8601 with the zone's offset); `maxWidth` is the terminal width for tables.
    ///
    ///     ResultWriter(format: .csv, timeZone: session.timeZone)
    public init(format: OutputFormat, maxWidth: Int? = nil, timeZone: TimeZone) {
        self.format = format
        self.maxWidth = maxWidth
        self.timeZone = timeZone
        let time = TimeContext(now: Timestamp(microseconds: 0), timeZone: timeZone)
        self.formatTimestamp = { time.format($0) }
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
        if format == .table { return renderTable(columns: columns, rows: rows) }
        let stream = ResultStream(writer: self)
        var out: [UInt8] = []
        stream.beginSection(title: nil, columns: columns, into: &out)
        for row in rows { stream.row(row, into: &out) }
        stream.endSection(into: &out)
        return String(decoding: out, as: UTF8.self)
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
}
