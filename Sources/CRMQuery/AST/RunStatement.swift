/// `run due_soon(days: 3)`: runs a saved view, with arguments that bind its `$params` for
/// this run only (they win over the session's parameters).
public struct RunStatement: Sendable, Equatable, CustomStringConvertible {
    /// The view's name as written.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange
    /// `days: 3` binds `$days`; in source order. The values are literals, times or
    /// computations that read no field.
    public var arguments: [Field]

    /// `(run due_soon (days 3))`.
    public var description: String {
        (["(run", name] + arguments.map(\.description)).joined(separator: " ") + ")"
    }
}
