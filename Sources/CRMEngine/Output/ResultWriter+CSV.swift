import CRMStore

/// `csv` (RFC 4180): a header line, then one line per row.
///
/// Lines end in CRLF, as RFC 4180 prescribes and spreadsheets expect; readers that split on
/// LF alone see a trailing CR, which every CSV parser strips. A field is quoted when it holds
/// `,`, `"`, CR or LF, with each `"` doubled. Null is an empty field, while an empty string is
/// written `""`, so the two stay apart when read back. Tags are one field, joined with ", "
/// (so quoted when there are two or more).
extension ResultWriter {
    /// Appends the header line: the column names as fields.
    func appendCSVHeader(_ columns: [String], to out: inout [UInt8]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            ByteText.appendCSVField(column, to: &out)
        }
        out.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    /// Appends one row's line and its CRLF; timestamps through `timestamps` when there is
    /// one, else through `formatTimestamp`.
    static func appendCSVRow(
        _ row: [FieldValue], timestamps: TimestampFormatter?, formatTimestamp: (Timestamp) -> String,
        to out: inout [UInt8]
    ) {
        for index in row.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCSVValue(row[index], timestamps: timestamps, formatTimestamp: formatTimestamp, to: &out)
        }
        out.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    /// Appends one value as a CSV field: null as nothing, text quoted when it must be.
    @inline(__always)
    static func appendCSVValue(
        _ value: FieldValue, timestamps: TimestampFormatter?, formatTimestamp: (Timestamp) -> String,
        to out: inout [UInt8]
    ) {
        switch value {
        case .null: break
        case .integer(let integer): ByteText.appendInteger(integer, to: &out)
        case .bool(let flag): ByteText.append(flag ? "true" : "false", to: &out)
        case .string(let text), .symbol(let text): ByteText.appendCSVField(text, to: &out)
        case .timestamp(let timestamp):
            if let timestamps {
                timestamps.append(timestamp, to: &out)
            } else {
                ByteText.appendCSVField(formatTimestamp(timestamp), to: &out)
            }
        case let value: ByteText.appendCSVField(value.description, to: &out)
        }
    }

    /// Appends one line of fields and its CRLF; nil fields are empty.
    func appendCSVLine(_ fields: [String?], to out: inout String) {
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if let field { ByteText.appendCSVField(field, to: &bytes) }
        }
        bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one non-null field, quoted when it must be (or when empty, to tell it from null).
    static func appendCSVField(_ field: String, to out: inout String) {
        var bytes: [UInt8] = []
        ByteText.appendCSVField(field, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// The fast timestamp formatter for the writer's zone, or nil when it prints timestamps
    /// with its `formatTimestamp` function.
    func timestampFormatter() -> TimestampFormatter? {
        timeZone.map { TimestampFormatter(timeZone: $0) }
    }
}
