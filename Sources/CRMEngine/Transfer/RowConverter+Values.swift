import CRMQuery
import CRMStore

extension RowConverter {
    /// `value` fitted to `field`'s type: CSV text as the query language reads literals, JSON
    /// values by their JSON type.
    func fieldValue(_ value: SourceValue, _ field: FieldInfo) throws(RowProblem) -> FieldValue {
        switch value {
        case .null: return .null
        case .text(let text): return try fieldValue(text: text, field)
        case .json(let json): return try fieldValue(json: json, field)
        }
    }

    private func fieldValue(text: String, _ field: FieldInfo) throws(RowProblem) -> FieldValue {
        let trimmed = text.trimmingWhitespace
        switch field.type {
        case .text: return .string(text)
        case .tags: return .list(Self.splitTags(text))
        case .integer, .reference: return try integer(.text(trimmed), field.name)
        case .decimal:
            guard let decimal = ExactDecimal(parsing: trimmed) else {
                throw RowProblem("\(field.name) takes \(field.type.example), not '\(text)'")
            }
            return .decimal(decimal)
        case .boolean:
            switch trimmed.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw RowProblem("\(field.name) takes true or false, not '\(text)'")
            }
        case .timestamp: return try timestamp(trimmed, field)
        case .enumeration(let type): return try symbol(trimmed, type.names, field)
        case .duration, .real, .custom, .attributes:
            throw RowProblem("\(field.name) cannot be imported")
        }
    }

    private func fieldValue(json: JSONValue, _ field: FieldInfo) throws(RowProblem) -> FieldValue {
        switch (field.type, json) {
        case (.text, .string(let text)): return .string(text)
        case (.tags, .string(let text)): return .list(Self.splitTags(text))
        case (.tags, .array(let items)):
            var tags: [String] = []
            for item in items {
                guard case .string(let tag) = item else {
                    throw RowProblem("tags takes an array of strings, but one item is \(item.article)")
                }
                tags.append(tag)
            }
            return .list(tags)
        case (.integer, .number), (.reference, .number): return try integer(.json(json), field.name)
        case (.decimal, .number(let text)), (.decimal, .string(let text)):
            return try fieldValue(text: text, field)
        case (.boolean, .bool(let flag)): return .bool(flag)
        case (.timestamp, .string(let text)), (.enumeration, .string(let text)):
            return try fieldValue(text: text, field)
        default:
            throw RowProblem("\(field.name) takes \(field.type.jsonExample), not \(json.article)")
        }
    }

    /// A whole number: CSV digits or a JSON number without a fraction or exponent.
    func integer(_ value: SourceValue, _ name: String) throws(RowProblem) -> FieldValue {
        let text: String
        switch value {
        case .null: return .null
        case .text(let written): text = written.trimmingWhitespace
        case .json(.number(let written)): text = written
        case .json(let other):
            throw RowProblem("\(name) takes a whole number such as 42, not \(other.article)")
        }
        guard let number = Int64(text) else {
            let isID = name == "id" || name == "customer" || name == "interaction"
            let example = isID ? "a record id such as 1" : "a whole number such as 42"
            throw RowProblem("\(name) takes \(example), not '\(text)'")
        }
        return .integer(number)
    }

    /// A time: an ISO date or date-time (`2026-12-01`, `2026-12-01T17:00`, with seconds, a
    /// fraction, `Z` or an offset) in the session's zone, or `now` or an offset such as `+2bd`.
    private func timestamp(_ text: String, _ field: FieldInfo) throws(RowProblem) -> FieldValue {
        if let parsed = DateTimeText(text, allowsFraction: true) {
            if parsed.hasTime { return .timestamp(binder.time.instant(of: parsed)) }
            return try instant(.date(text), field)
        }
        var lexer = Lexer(text)
        let token = lexer.next()
        if lexer.next().kind == .endOfFile, lexer.diagnostics.isEmpty {
            switch token.kind {
            case .offset(let offset):
                return try instant(.offset(offset), field)
            case .keyword(let keyword) where keyword == .now:
                return try instant(.now, field)
            default: break
            }
        }
        throw RowProblem("\(field.name) takes \(field.type.example), not '\(text)'")
    }

    /// The instant of a time literal, as `insert` reads it: a bare date for `due` is the end
    /// of that day, for other fields its start.
    private func instant(_ literal: TimeLiteral, _ field: FieldInfo) throws(RowProblem) -> FieldValue {
        do {
            return .timestamp(
                try binder.time.instant(literal, endOfDay: field.ref.stored?.dateMeansEndOfDay ?? false))
        } catch {
            throw RowProblem("\(field.name): \(error.message)")
        }
    }

    /// An enum value by its name, ignoring case, as the query language reads it.
    private func symbol(_ text: String, _ names: [String], _ field: FieldInfo) throws(RowProblem)
        -> FieldValue
    {
        let lowered = text.lowercased()
        guard names.contains(lowered) else {
            let suggestion = Suggestion.closest(to: lowered, among: names)
            let expected = names.joined(separator: ", ")
            throw RowProblem(
                "'\(text)' is not a value of \(field.name) (expected one of: \(expected))"
                    + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        return .symbol(lowered)
    }

    /// Tags written in one field, separated by commas: `steel, north`.
    static func splitTags(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    // MARK: - Custom fields

    /// A custom field's value. From CSV text the type is inferred: a whole number, a decimal,
    /// `true` or `false`, an ISO date-time with `Z` or an offset (as export writes times), else
    /// text. From JSON: numbers, booleans and strings, strings inferred as times the same way.
    func attributeValue(_ value: SourceValue, _ name: String) throws(RowProblem) -> FieldValue {
        switch value {
        case .null: return .null
        case .text(let text): return inferred(text)
        case .json(.string(let text)): return timestampText(text) ?? .string(text)
        case .json(.bool(let flag)): return .bool(flag)
        case .json(.number(let text)):
            if let number = Int64(text) { return .integer(number) }
            if let decimal = ExactDecimal(parsing: text) { return .decimal(decimal) }
            throw RowProblem(
                "attrs.\(name) is \(text), which is not an exact decimal (write digits with an "
                    + "optional point and at most 18 digits after it, such as 1200.50)")
        case .json(let other):
            throw RowProblem(
                "attrs.\(name) is \(other.article); custom fields hold a string, number, boolean or time")
        }
    }

    /// The members of an `attrs` object (a JSON object, or a CSV field holding one).
    func attributeObject(_ value: SourceValue) throws(RowProblem) -> [(String, SourceValue)] {
        let json: JSONValue
        switch value {
        case .null: return []
        case .json(let given): json = given
        case .text(let text):
            var parser = JSONParser(Array(text.utf8))
            do {
                json = try parser.parseDocument()
            } catch {
                throw RowProblem("attrs is not a JSON object (column \(error.column): \(error.message))")
            }
        }
        guard case .object(let members) = json else {
            throw RowProblem("attrs takes an object such as {\"region\": \"north\"}, not \(json.article)")
        }
        var result: [(String, SourceValue)] = []
        for (name, member) in members {
            result.append((name, member.isNull ? .null : .json(member)))
        }
        return result
    }

    private func inferred(_ text: String) -> FieldValue {
        if let number = Int64(text) { return .integer(number) }
        if text.contains("."), let decimal = ExactDecimal(parsing: text) { return .decimal(decimal) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        return timestampText(text) ?? .string(text)
    }

    /// A date-time with `Z` or an offset, as export writes times; nil for other text.
    private func timestampText(_ text: String) -> FieldValue? {
        guard let parsed = DateTimeText(text, allowsFraction: true), parsed.hasTime,
            parsed.offsetSeconds != nil
        else { return nil }
        return .timestamp(binder.time.instant(of: parsed))
    }
}

extension FieldType {
    /// What a value of this type looks like in a JSON import line, for messages.
    fileprivate var jsonExample: String {
        switch self {
        case .text: "a string"
        case .integer: "a whole number such as 42"
        case .reference: "a record id such as 1"
        case .decimal: "a number such as 1200.50"
        case .boolean: "true or false"
        case .timestamp: "a string holding a date such as \"2026-12-01\" or \"2026-12-01T17:00:00Z\""
        case .enumeration(let type): "a string, one of " + type.names.joined(separator: ", ")
        case .tags: "an array of strings such as [\"steel\", \"north\"]"
        case .duration, .real, .custom, .attributes: article
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
