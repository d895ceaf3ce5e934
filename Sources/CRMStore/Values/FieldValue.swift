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
        }
    }

    /// Whether this is `.null`.
    public var isNull: Bool { self == .null }

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
        }
    }
}
