/// `drop view weekly_check`: removes a saved view (its history stays, as a deleted
/// record's does).
public struct DropViewStatement: Sendable, Equatable, CustomStringConvertible {
    /// The view's name as written.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange

    /// `(drop-view weekly_check)`.
    public var description: String { "(drop-view \(name))" }
}
