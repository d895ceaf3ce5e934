/// One column of a `select` list: a target and an optional `as NAME`.
public struct SelectItem: Sendable, Equatable, CustomStringConvertible {
    /// The path or aggregate selected.
    public var target: SelectTarget
    /// The column name given with `as`, if any.
    public var alias: String?
    /// Where the item is, including the alias.
    public var range: SourceRange

    /// The target, or `(as TARGET NAME)` when aliased.
    public var description: String {
        guard let alias else { return target.description }
        return "(as \(target) \(alias))"
    }
}
