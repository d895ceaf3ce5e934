/// One `order by` key with its direction.
public struct OrderKey: Sendable, Equatable, CustomStringConvertible {
    /// The path or aggregate to sort by.
    public var target: SelectTarget
    /// Whether `desc` was given (the default is ascending).
    public var descending: Bool
    /// Where the key is, including its direction word.
    public var range: SourceRange

    /// `(asc name)` or `(desc at)`.
    public var description: String { "(\(descending ? "desc" : "asc") \(target))" }
}
