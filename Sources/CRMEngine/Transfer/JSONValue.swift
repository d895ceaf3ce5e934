/// A JSON value as read from an import file, with numbers kept as their text so that a
/// decimal such as `1200.50` stays exact (it never passes through a `Double`).
indirect enum JSONValue {
    case null
    case bool(Bool)
    /// A number's text exactly as written: `42`, `-0.5`, `1e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in file order; a repeated key is the parser's error, so keys are distinct.
    case object([(key: String, value: JSONValue)])

    /// A word for messages: "a number", "an object".
    var article: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
