/// `define view weekly_check as find promises where overdue order by due`: stores a read
/// statement under a name, to be run later with `run weekly_check`.
///
/// The saved statement is parsed here like any other, so a mistake in it is reported with
/// a caret where it is, before anything is stored.
public struct DefineViewStatement: Sendable, Equatable, CustomStringConvertible {
    /// The view's name as written.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange
    /// The saved statement: a `find`, `count` or `get` (the parser accepts no other).
    public var body: Statement

    /// `(define-view weekly_check (find promise ...))`.
    public var description: String { "(define-view \(name) \(body.dump))" }
}
