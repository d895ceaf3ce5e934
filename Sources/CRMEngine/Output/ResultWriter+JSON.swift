import CRMStore

extension ResultWriter {
    /// `json`: one array of row objects on one line, `[]` for no rows.
    func renderJSON(columns: [String], rows: [[FieldValue]]) -> String {
        var out = "["
        for (index, row) in rows.enumerated() {
            if index > 0 { out += "," }
            appendJSONObject(columns: columns, row: row, to: &out)
        }
        out += "]\n"
        return out
    }

    /// `jsonl`: one object per row per line; empty text for no rows.
    func renderJSONLines(columns: [String], rows: [[FieldValue]]) -> String {
        var out = ""
        for row in rows {
            appendJSONObject(columns: columns, row: row, to: &out)
            out += "\n"
        }
        return out
    }

    /// Appends `{"column":value,...}` with keys in column order.
    private func appendJSONObject(columns: [String], row: [FieldValue], to out: inout String) {
        out += "{"
        for (index, (column, value)) in zip(columns, row).enumerated() {
            if index > 0 { out += "," }
            Self.appendJSONString(column, to: &out)
            out += ":"
            appendJSONValue(value, to: &out)
        }
        out += "}"
    }

    /// Appends one value as JSON: decimals as numbers written exactly as stored (never through
    /// a Double), reals rounded like `FieldValue.format(real:)` (null when not finite, which
    /// JSON cannot write), timestamps and durations as strings, tags as an array of strings.
    private func appendJSONValue(_ value: FieldValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let integer): out += String(integer)
        case .decimal(let decimal): out += decimal.description
        case .real(let real): out += real.isFinite ? FieldValue.format(real: real) : "null"
        case .string(let text), .symbol(let text): Self.appendJSONString(text, to: &out)
        case .timestamp(let timestamp): Self.appendJSONString(formatTimestamp(timestamp), to: &out)
        case .duration: Self.appendJSONString(value.description, to: &out)
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                Self.appendJSONString(item, to: &out)
            }
            out += "]"
        }
    }

    /// Appends `text` as a JSON string (RFC 8259): `"` and `\` escaped, control characters as
    /// `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`, everything else (Chinese included) as UTF-8.
    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        var plainStart = text.unicodeScalars.startIndex
        var index = plainStart
        let scalars = text.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default: escape = scalar.value < 0x20 ? Self.unicodeEscape(scalar.value) : nil
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                out += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
        out += "\""
    }

    /// `\u00XX` for a control character's code point, with lowercase hex digits.
    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
