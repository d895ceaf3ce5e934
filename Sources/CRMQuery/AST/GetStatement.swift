/// `get ENTITY ID [with REL(...), ...]`.
public struct GetStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record fetched.
    public var entity: EntityReference
    /// The record id.
    public var id: IntegerArgument
    /// Related records to load alongside, in source order.
    public var includes: [Include]

    /// `(get customer 1 (with interactions ...))`.
    public var description: String {
        (["(get", entity.description, id.description] + includes.map(\.description)).joined(separator: " ")
            + ")"
    }
}
