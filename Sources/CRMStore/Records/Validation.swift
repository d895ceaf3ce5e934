/// The rules fields must keep, each giving an error that names the field, says what was
/// wrong and what would be right.
enum Validation {
    /// Indexed text (names, emails, cities, owners) must fit in an LMDB key (511 bytes)
    /// with room for the rest of the key, even after case folding.
    static let maxIndexedBytes = 200
    /// The longest tag.
    static let maxTagBytes = 64
    /// The longest custom field name.
    static let maxAttributeNameBytes = 64

    /// Whether `text` holds a control character; printable ASCII, the common case, is
    /// settled from its bytes without looking up Unicode properties.
    /// Whether `text` is empty or only white space; ASCII text is settled from its bytes,
    /// without breaking it into characters.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0..<0x80: return false
            default: return text.allSatisfy(\.isWhitespace)
            }
        }
        return true
    }

    static func hasControlCharacter(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return false }
        return text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Checks `values` against their kind's declaration: required fields given, each value
    /// of its field's type and within its rule, tags tidied, custom fields well formed.
    /// Returns the values with tags tidied.
    ///
    /// - Throws: `.missingField` or `.invalidValue`, naming the field and what would be right.
    static func validate(_ values: RecordValues) throws(StoreError) -> RecordValues {
        var values = values
        let kind = values.kind
        for field in kind.schema.fields where field.writable {
            // Most fields are optional, without a rule and not tags: nothing to check, and
            // their value is not even read.
            let isTags: Bool
            if case .tags = field.type { isTags = true } else { isTags = false }
            if case .none = field.rule, !field.required, !isTags { continue }
            let value = values[field]
            if field.required {
                switch value {
                case .null:
                    throw StoreError(
                        .missingField,
                        "\(kind.rawValue) \(field.name) is required (give \(field.type.article))",
                        field: field.name)
                case .string(let text) where isBlank(text):
                    throw StoreError(
                        .missingField, "\(kind.rawValue) \(field.name) is required (give a non-empty text)",
                        field: field.name)
                default: break
                }
            }
            switch (field.rule, value) {
            case (.indexedText, .string(let text)): try indexed(text, field.name, of: kind)
            case (.email, .string(let text)): try email(text, of: kind)
            case (.phone, .string(let text)): try phone(text, of: kind)
            case (.date, .string(let text)): try date(text, field.name, of: kind)
            case (.offset, .string(let text)): try offset(text, field.name, of: kind)
            case (.names, .string(let text)): try indexed(text, field.name, of: kind)
            case (.range(let range), .integer(let number)) where !range.contains(number):
                throw StoreError(
                    .invalidValue,
                    "\(kind.rawValue) \(field.name) \(number) is out of range (a \(field.name) is a whole number "
                        + "from \(range.lowerBound) to \(range.upperBound))",
                    field: field.name)
            default: break
            }
            if isTags, case .list(let list) = value {
                // Set only when tidying changed them: setting copies the values.
                let tidied = try tags(list)
                if tidied != list { values[field] = .list(tidied) }
            }
        }
        try attrs(values.attrs)
        for rule in kind.schema.rules { try check(rule, values) }
        return values
    }

    /// Checks a rule that ties fields together (those a write applies, like `.settles`, are
    /// not checks and pass).
    static func check(_ rule: RecordRule, _ values: RecordValues) throws(StoreError) {
        let kind = values.kind
        func text(_ name: String) -> String {
            guard let field = kind.schema.field(name), case .string(let text) = values[field] else {
                return ""
            }
            return text
        }
        switch rule {
        case .settles: return
        case .workingCalendar:
            var days: [String] = []
            if let field = kind.schema.field("days"), case .list(let list) = values[field] { days = list }
            do {
                _ = try WorkingCalendar(
                    name: text("name"), zone: text("zone"), days: days, hours: text("hours"))
            } catch {
                throw StoreError(.invalidValue, error.message, field: error.field)
            }
        case .dateRange(let from, let to):
            let first = text(from)
            let last = text(to)
            if last < first {
                throw StoreError(
                    .invalidValue,
                    "\(kind.rawValue) \(to) \(last) is before \(from) \(first) (give a \(to) on or after \(first))",
                    field: to)
            }
        }
    }

    /// A date, `YYYY-MM-DD`, that exists.
    static func date(_ text: String, _ field: String, of kind: RecordKind) throws(StoreError) {
        guard CalendarDate(parsing: text) != nil, text.utf8.count == 10 else {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue) \(field) '\(text)' is not a date (write YYYY-MM-DD, as 2026-10-01)",
                field: field)
        }
    }

    /// The units an offset may be counted in.
    static let offsetUnits = ["min", "h", "d", "w", "bd", "bh", "mo", "y"]

    /// An offset: a whole number and a unit (`24bh`, `5bd`, `48h`), an optional `+` first.
    static func offset(_ text: String, _ field: String, of kind: RecordKind) throws(StoreError) {
        let body = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        let unit = body.dropFirst(digits.count).lowercased()
        guard !digits.isEmpty, digits.count <= 9, offsetUnits.contains(unit) else {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue) \(field) '\(text)' is not an offset (write a whole number and a unit: "
                    + "24bh or 5bd for working hours or days, 48h, 30min, 2d, 1w)",
                field: field)
        }
    }

    /// A required text field: present, not blank.
    static func required(_ value: String, _ field: String, of kind: RecordKind) throws(StoreError) {
        if isBlank(value) {
            throw StoreError(
                .missingField, "\(kind.rawValue) \(field) is required (give a non-empty text)", field: field)
        }
        try indexed(value, field, of: kind)
    }

    /// Text that goes into an index key: short, with no control characters.
    static func indexed(_ value: String?, _ field: String, of kind: RecordKind) throws(StoreError) {
        guard let value else { return }
        if value.utf8.count > maxIndexedBytes {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue) \(field) is too long (\(value.utf8.count) bytes; at most \(maxIndexedBytes))",
                field: field
            )
        }
        if hasControlCharacter(value) {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue) \(field) contains a control character (tabs, newlines and "
                    + "NUL are not allowed here)",
                field: field
            )
        }
    }

    /// An email address, checked lightly: one `@` with text on both sides, a dot in the
    /// domain, no spaces.
    static func email(_ value: String?, of kind: RecordKind) throws(StoreError) {
        guard let value else { return }
        try indexed(value, "email", of: kind)
        let bytes = value.utf8
        let at = bytes.firstIndex(of: UInt8(ascii: "@"))
        let domain = at.map { bytes[bytes.index(after: $0)...] }
        let valid =
            at != nil && at != bytes.startIndex && domain?.contains(UInt8(ascii: "@")) == false
            && domain?.contains(UInt8(ascii: ".")) == true && domain?.first != UInt8(ascii: ".")
            && domain?.last != UInt8(ascii: ".")
            && !bytes.contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) })
            && (bytes.allSatisfy { $0 < 0x80 } || !value.contains(where: \.isWhitespace))
        if !valid {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue) email '\(value)' is not an email address (expected name@domain.tld)",
                field: "email"
            )
        }
    }

    /// A phone number, checked lightly: digits, spaces and `+ - ( ) .`, with 3 to 20 digits.
    static func phone(_ value: String?, of kind: RecordKind) throws(StoreError) {
        guard let value else { return }
        try indexed(value, "phone", of: kind)
        let allowed = value.unicodeScalars.allSatisfy { "0123456789 +-().".unicodeScalars.contains($0) }
        let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        if !allowed || !(3...20).contains(digits) {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue) phone '\(value)' is not a phone number (expected 3 to 20 digits, "
                    + "with spaces and + - ( ) . allowed)",
                field: "phone"
            )
        }
    }

    /// Tags: non-blank, short, no control characters; duplicates (ignoring case) dropped.
    static func tags(_ tags: [String]) throws(StoreError) -> [String] {
        var seen: [String] = []
        var result: [String] = []
        for tag in tags {
            if isBlank(tag) {
                throw StoreError(
                    .invalidValue, "a tag is empty (tags are short non-empty words)", field: "tags")
            }
            if tag.utf8.count > maxTagBytes {
                throw StoreError(
                    .invalidValue,
                    "tag '\(tag.prefix(20))...' is too long (\(tag.utf8.count) bytes; at most \(maxTagBytes))",
                    field: "tags"
                )
            }
            if hasControlCharacter(tag) {
                throw StoreError(.invalidValue, "a tag contains a control character", field: "tags")
            }
            // A record has few tags: a list compares them as fast as a set would hash them.
            let folded = tag.lowercased()
            if !seen.contains(folded) {
                seen.append(folded)
                result.append(tag)
            }
        }
        return result
    }

    /// Custom fields: names like identifiers; values of the five storable types.
    static func attrs(_ attrs: [String: FieldValue]) throws(StoreError) {
        for (name, value) in attrs {
            let scalars = Array(name.unicodeScalars)
            let isIdentifier =
                !scalars.isEmpty && name.utf8.count <= maxAttributeNameBytes
                && (scalars[0].properties.isAlphabetic || scalars[0] == "_")
                && scalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            if !isIdentifier {
                throw StoreError(
                    .invalidValue,
                    "custom field name '\(name)' is not valid (use letters, digits and _, starting "
                        + "with a letter; at most \(maxAttributeNameBytes) bytes)",
                    field: "attrs"
                )
            }
            switch value {
            case .string, .integer, .decimal, .bool, .timestamp: continue
            case .null, .symbol, .list, .real, .duration:
                throw StoreError(
                    .invalidValue,
                    "custom field '\(name)' holds a \(value.typeName) (custom fields hold a string, "
                        + "integer, decimal, boolean or timestamp; remove the field to clear it)",
                    field: "attrs." + name
                )
            }
        }
    }
}
