import CRMStore
import Foundation

/// Writes result sets in one format. Timestamps are printed with `formatTimestamp` (the
/// session's zone: the engine passes its own function; default: UTC ISO 8601 via
/// `Timestamp.description`).
///
/// The writer holds no state between statements, so one writer serves a whole session and may
/// be shared across tasks. A ``ResultStream`` writes with it a row at a time.
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
        self.timeZone = nil
        self.table = table
    }

    /// A writer of `format` printing timestamps in `timeZone` as `TimeContext.format` does
    /// (ISO 8601 with the zone's offset); `maxWidth` is the terminal width for tables and
    /// `table` says how they look.
    ///
    ///     ResultWriter(format: .csv, timeZone: session.timeZone)
    public init(
        format: OutputFormat, maxWidth: Int? = nil, timeZone: TimeZone, table: TableOptions = TableOptions()
    ) {
        self.format = format
        self.maxWidth = maxWidth
        self.timeZone = timeZone
        self.table = table
        let time = TimeContext(now: Timestamp(microseconds: 0), timeZone: timeZone)
        self.formatTimestamp = { time.format($0) }
    }

    /// The text for one statement's result: `columns` names, `rows` values (each row has
    /// `columns.count` values). The text ends in a line break unless it is empty (`jsonl` with
    /// no rows).
    /// A row of another length is padded with nulls or cut to fit, rather than trapping: the
    /// engine never makes one, and printing should not be what stops a program.
    ///
    /// The text is what a ``ResultStream`` writes when it measures every row of a table.
    public func render(columns: [String], rows: [[FieldValue]]) -> String {
        // One more than the rows: the table is measured whole, at the section's end.
        let stream = ResultStream(writer: self, tableSampleSize: rows.count + 1)
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
