import CRMStore

/// What a value of each field type looks like in a query, for error messages.
extension FieldType {
    var example: String {
        switch self {
        case .text: "a quoted string such as \"Acme\""
        case .integer: "a whole number such as 42"
        case .decimal: "a number such as 1200.50"
        case .boolean: "true or false"
        case .timestamp:
            "a date such as 2026-12-01, a time such as 2026-12-01T17:00, or an offset such as +2bd"
        case .duration: "an offset such as +2d"
        case .real: "a number such as 3.5"
        case .enumeration(let type): "one of " + type.names.joined(separator: ", ")
        case .reference: "a record id such as 1"
        case .tags: "a list of tags such as [steel, north]"
        case .custom, .attributes: "a string, number, boolean or time"
        }
    }
}
