/// An entity name as written in a statement, with its position.
public struct EntityReference: Sendable, Equatable, CustomStringConvertible {
    /// The entity named.
    public var entity: Entity
    /// Where the name is.
    public var range: SourceRange

    /// The singular entity name.
    public var description: String { entity.description }
}
