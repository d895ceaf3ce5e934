/// `update ENTITY ID set ...` or `update ENTITY where EXPR set ...`.
public struct UpdateStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record updated.
    public var entity: EntityReference
    /// Which records.
    public var target: RecordTarget
    /// The assignments, in source order.
    public var assignments: [Assignment]

    /// `(update promise 3 (set (status kept)))`.
    public var description: String {
        "(update \(entity) \(target) " + (assignments.clause("set") ?? "(set)") + ")"
    }
}
