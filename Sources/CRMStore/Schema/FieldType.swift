/// The type of a field's values: what it stores, how it is compared, and what a query may
/// compare it with.
public enum FieldType: Equatable, Hashable, Sendable {
    /// Text.
    case text
    /// A whole number.
    case integer
    /// An exact decimal.
    case decimal
    /// True or false.
    case boolean
    /// An instant.
    case timestamp
    /// One of a fixed list of names, ordered as declared.
    case enumeration(EnumType)
    /// The id of a record of a kind.
    case reference(RecordKind)
    /// A set of short strings.
    case tags
    /// The record's custom fields as a whole (`attrs`).
    case attributes
    /// One custom field, `attrs.NAME`: any storable type, checked when read.
    case custom
    /// A floating-point number: computed values only (`satisfaction`, averages).
    case real
    /// A length of time: computed values only (`late_by`).
    case duration

    /// A word for messages: "a timestamp", "an integer".
    public var article: String {
        switch self {
        case .text: "a string"
        case .integer: "an integer"
        case .decimal: "a decimal"
        case .boolean: "a boolean"
        case .timestamp: "a timestamp"
        case .duration: "a duration"
        case .real: "a number"
        case .enumeration: "an enum value"
        case .reference(let kind): "a \(kind.rawValue) id"
        case .tags: "a set of tags"
        case .attributes: "a set of custom fields"
        case .custom: "a custom field"
        }
    }

    /// The type in a word or two, for `.schema`: `string`, `enum`, `customer id`.
    public var name: String {
        switch self {
        case .text: "string"
        case .integer: "integer"
        case .decimal: "decimal"
        case .boolean: "boolean"
        case .timestamp: "timestamp"
        case .duration: "duration"
        case .real: "number"
        case .enumeration: "enum"
        case .reference(let kind): "\(kind.rawValue) id"
        case .tags: "set of strings"
        case .attributes: "custom fields"
        case .custom: "custom"
        }
    }

    /// The enum's names in declared order, or empty for other types.
    public var enumNames: [String] {
        if case .enumeration(let type) = self { return type.names }
        return []
    }
}

/// An enum field's type: its names in declared order (which is also the order values sort
/// in, and each name's position is its one-byte code on disk).
public final class EnumType: Hashable, Sendable {
    /// What the field is called in messages: "tier", "interaction kind".
    public let label: String
    /// The names, in declared order.
    public let names: [String]

    /// The type of the Swift enum `E`.
    public init<E: RecordEnum>(_ type: E.Type) {
        label = E.label
        names = E.allCases.map(\.name)
    }

    /// Enum types are equal when their names are, in order.
    public static func == (a: EnumType, b: EnumType) -> Bool {
        a === b || (a.label == b.label && a.names == b.names)
    }

    /// Hashes the label.
    public func hash(into hasher: inout Hasher) { hasher.combine(label) }

    /// The position of `name` (ignoring case), or nil when it is not one of the names.
    public func position(of name: String) -> Int? {
        if let exact = names.firstIndex(of: name) { return exact }
        let lowered = name.lowercased()
        return names.firstIndex(of: lowered)
    }
}
