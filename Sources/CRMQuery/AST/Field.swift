/// One `name: value` pair inside `{...}`.
public struct Field: Sendable, Equatable, CustomStringConvertible {
    /// The field name as written.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange
    /// The value.
    public var value: Value
    /// From the name to the end of the value.
    public var range: SourceRange

    /// `(name value)`.
    public var description: String { "(\(name) \(value))" }
}
