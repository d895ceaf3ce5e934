import CRMStore

extension ResultWriter {
    /// `csv` (RFC 4180): a header line, then one line per row.
    ///
    /// Lines end in CRLF, as RFC 4180 prescribes and spreadsheets expect; readers that split
    /// on LF alone see a trailing CR, which every CSV parser strips. A field is quoted when it
    /// holds `,`, `"`, CR or LF, with each `"` doubled. Null is an empty field, while an empty
    /// string is written `""`, so the two stay apart when read back. Tags are one field, joined
    /// with ", " (so quoted when there are two or more).
    func renderCSV(columns: [String], rows: [[FieldValue]]) -> String {
        var out = ""
        appendCSVLine(columns.map { Optional($0) }, to: &out)
        for row in rows {
            appendCSVLine(row.map(plainText), to: &out)
        }
        return out
    }

    /// Appends one line of fields and its CRLF; nil fields are empty.
    func appendCSVLine(_ fields: [String?], to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            if let field { Self.appendCSVField(field, to: &out) }
        }
        out += "\r\n"
    }

    /// Appends one non-null field, quoted when it must be (or when empty, to tell it from null).
    static func appendCSVField(_ field: String, to out: inout String) {
        let needsQuotes =
            field.isEmpty
            || field.utf8.contains { byte in
                byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
                    || byte == UInt8(ascii: "\n")
            }
        guard needsQuotes else {
            out += field
            return
        }
        out += "\""
        for character in field.unicodeScalars {
            if character == "\"" { out += "\"" }
            out.unicodeScalars.append(character)
        }
        out += "\""
    }
}
