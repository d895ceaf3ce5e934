import CRMStore

extension ResultWriter {
    /// The start of each member of a row object, `"column":` (with `,` before all but the
    /// first), encoded once per section rather than once per row.
    static func jsonKeys(_ columns: [String]) -> [[UInt8]] {
        columns.enumerated().map { index, column in
            var key: [UInt8] = index > 0 ? [UInt8(ascii: ",")] : []
            ByteText.appendJSONString(column, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    /// Appends `{"column":value,...}` with keys in column order (`keys` from `jsonKeys`).
    func appendJSONObject(
        _ row: [FieldValue], keys: [[UInt8]], timestamps: inout TimestampFormatter?, to out: inout [UInt8]
    ) {
        out.append(UInt8(ascii: "{"))
        for (key, value) in zip(keys, row) {
            out.append(contentsOf: key)
            appendJSONValue(value, timestamps: &timestamps, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends one value as JSON: decimals as numbers written exactly as stored (never through
    /// a Double), reals rounded like `FieldValue.format(real:)` (null when not finite, which
    /// JSON cannot write), timestamps and durations as strings, tags as an array of strings.
    private func appendJSONValue(
        _ value: FieldValue, timestamps: inout TimestampFormatter?, to out: inout [UInt8]
    ) {
        switch value {
        case .null: ByteText.append("null", to: &out)
        case .bool(let flag): ByteText.append(flag ? "true" : "false", to: &out)
        case .integer(let integer): ByteText.appendInteger(integer, to: &out)
        case .decimal(let decimal): ByteText.append(decimal.description, to: &out)
        case .real(let real):
            ByteText.append(real.isFinite ? FieldValue.format(real: real) : "null", to: &out)
        case .string(let text), .symbol(let text): ByteText.appendJSONString(text, to: &out)
        case .timestamp(let timestamp):
            if timestamps != nil {
                out.append(UInt8(ascii: "\""))
                timestamps?.append(timestamp, to: &out)
                out.append(UInt8(ascii: "\""))
            } else {
                ByteText.appendJSONString(formatTimestamp(timestamp), to: &out)
            }
        case .duration: ByteText.appendJSONString(value.description, to: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                ByteText.appendJSONString(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Appends `text` as a JSON string (RFC 8259): `"` and `\` escaped, control characters as
    /// `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`, everything else (Chinese included) as UTF-8.
    static func appendJSONString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        ByteText.appendJSONString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
