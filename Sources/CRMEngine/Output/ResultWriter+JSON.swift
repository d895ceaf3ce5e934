import CRMStore

extension ResultWriter {
    /// The start of each member of a row object, `"column":` (with `,` before all but the
    /// first), encoded once per section rather than once per row.
    static func jsonKeys(_ columns: [String]) -> JSONKeys {
        var keys = JSONKeys()
        for (index, column) in columns.enumerated() {
            if index > 0 { keys.bytes.append(UInt8(ascii: ",")) }
            ByteText.appendJSONString(column, to: &keys.bytes)
            keys.bytes.append(UInt8(ascii: ":"))
            keys.ends.append(keys.bytes.count)
        }
        return keys
    }

    /// Appends `{"column":value,...}` with keys in column order (`keys` from `jsonKeys`);
    /// timestamps through `timestamps` when there is one, else through `formatTimestamp`.
    static func appendJSONObject(
        _ row: [FieldValue], keys: JSONKeys, timestamps: TimestampFormatter?,
        formatTimestamp: (Timestamp) -> String, to out: inout [UInt8]
    ) {
        out.append(UInt8(ascii: "{"))
        keys.bytes.withUnsafeBufferPointer { bytes in
            keys.ends.withUnsafeBufferPointer { ends in
                row.withUnsafeBufferPointer { values in
                    var start = 0
                    for index in 0..<min(ends.count, values.count) {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<ends[index]]))
                        start = ends[index]
                        appendJSONValue(
                            values[index], timestamps: timestamps, formatTimestamp: formatTimestamp, to: &out)
                    }
                }
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends one value as JSON: decimals as numbers written exactly as stored (never through
    /// a Double), reals rounded like `FieldValue.format(real:)` (null when not finite, which
    /// JSON cannot write), timestamps and durations as strings, tags as an array of strings.
    @inline(__always)
    static func appendJSONValue(
        _ value: FieldValue, timestamps: TimestampFormatter?, formatTimestamp: (Timestamp) -> String,
        to out: inout [UInt8]
    ) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        case .bool(let flag): ByteText.append(flag ? "true" : "false", to: &out)
        case .integer(let integer): ByteText.appendInteger(integer, to: &out)
        case .decimal(let decimal): ByteText.append(decimal.description, to: &out)
        case .real(let real):
            ByteText.append(real.isFinite ? FieldValue.format(real: real) : "null", to: &out)
        case .string(let text), .symbol(let text): ByteText.appendJSONString(text, to: &out)
        case .timestamp(let timestamp):
            if let timestamps {
                out.append(UInt8(ascii: "\""))
                timestamps.append(timestamp, to: &out)
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

/// The keys of a JSON row object, encoded once: all of them in `bytes`, key `i` ending at
/// `ends[i]` (and starting where key `i - 1` ends).
struct JSONKeys {
    /// `"id":,"name":...`, each key's `,` before it.
    var bytes: [UInt8] = []
    /// Where each key ends in `bytes`.
    var ends: [Int] = []
}
