/// One value of a record's field, of any type a field can hold: what history records, what
/// `attrs` custom fields hold, and what queries compare.
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    /// No value.
    case null
    /// A boolean.
    case bool(Bool)
    /// A whole number.
    case integer(Int64)
    /// An exact decimal.
    case decimal(ExactDecimal)
    /// Text.
    case string(String)
    /// An instant.
    case timestamp(Timestamp)
    /// An enum value, by its name (`vip`, `in_person`).
    case symbol(String)
    /// A set of short strings: a record's tags.
    case list([String])
    /// A floating-point number: only computed values (averages, `satisfaction`), never stored
    /// in a field.
    case real(Double)
    /// A length of time in microseconds: only computed values (`late_by`), never stored.
    case duration(Int64)

    /// The value as a query result prints it: strings bare, timestamps in ISO 8601 UTC,
    /// decimals exactly, lists comma-separated, null as `null`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .decimal(let value): value.description
        case .string(let value): value
        case .timestamp(let value): value.description
        case .symbol(let value): value
        case .list(let values): values.joined(separator: ", ")
        case .real(let value): Self.format(real: value)
        case .duration(let microseconds): Self.format(duration: microseconds)
        }
    }

    /// A real rounded to two decimals, trailing zeros dropped: `3.5`, `3.33`, `4`.
    public static func format(real value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 9e15 else { return String(value) }
        let whole = Int64(hundredths)
        let sign = whole < 0 ? "-" : ""
        let magnitude = whole.magnitude
        let fraction = magnitude % 100
        var text = sign + String(magnitude / 100)
        if fraction != 0 {
            text += "." + (fraction < 10 ? "0" : "") + String(fraction)
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }

    /// A duration in ISO 8601 form, whole seconds: `P2DT3H4M5S`, `PT45M`, `PT0S`; negative
    /// durations get a leading `-`.
    public static func format(duration microseconds: Int64) -> String {
        let seconds = microseconds.magnitude / 1_000_000
        let (days, hours, minutes, rest) = (
            seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60
        )
        var text = microseconds < 0 ? "-P" : "P"
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 || rest > 0 || days == 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if rest > 0 || (hours == 0 && minutes == 0) { text += "\(rest)S" }
        }
        return text
    }

    /// Whether this is `.null`.
    public var isNull: Bool { self == .null }

    /// Whether the two values are the same as stored: like `==`, except that decimals must
    /// also have the same scale (10.5 and 10.50 are equal values, but a write of one over the
    /// other changes what is printed, so it is a change).
    public func isIdentical(to other: FieldValue) -> Bool {
        switch (self, other) {
        case (.decimal(let a), .decimal(let b)): a.units == b.units && a.scale == b.scale
        default: self == other
        }
    }

    /// The type's name, for messages: "string", "integer", ...
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .decimal: "decimal"
        case .string: "string"
        case .timestamp: "timestamp"
        case .symbol: "enum value"
        case .list: "list"
        case .real: "real"
        case .duration: "duration"
        }
    }

    /// The type's name with its article, for messages: "an integer", "a string".
    public var typeNameWithArticle: String {
        let name = typeName
        return (name.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + name
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// A string value: `"li.wei"`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer value: `42`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean value: `true`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
