import CRMStore

/// Values bound to a statement's `$name` and `$1` parameters.
///
/// Parameters are values, never text spliced into the statement: whatever a parameter holds
/// (quotes, keywords, operators), it cannot change what the statement means.
///
///     try session.execute("find promises where owner = $o", parameters: ["o": "li.wei"])
public struct Parameters: Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    /// Values for `$name` parameters.
    public var named: [String: FieldValue]
    /// Values for `$1`, `$2`, ...: `$1` is the first.
    public var positional: [FieldValue]

    /// No values.
    public init() {
        self.named = [:]
        self.positional = []
    }

    /// Named and positional values.
    public init(named: [String: FieldValue], positional: [FieldValue]) {
        self.named = named
        self.positional = positional
    }

    /// Named values: `["o": "li.wei", "n": 5]`.
    public init(dictionaryLiteral elements: (String, FieldValue)...) {
        self.init(named: Dictionary(elements, uniquingKeysWith: { _, last in last }), positional: [])
    }

    /// Positional values: `["li.wei", 5]` for `$1` and `$2`.
    public init(arrayLiteral elements: FieldValue...) {
        self.init(named: [:], positional: elements)
    }
}
