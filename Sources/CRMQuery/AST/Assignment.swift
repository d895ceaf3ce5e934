/// One `field = value` in an `update ... set` list.
public struct Assignment: Sendable, Equatable, CustomStringConvertible {
    /// The field assigned, such as `status` or `attrs.region`.
    public var path: Path
    /// The new value.
    public var value: Value
    /// Where the assignment is.
    public var range: SourceRange

    /// `(status kept)`.
    public var description: String { "(\(path) \(value))" }
}
