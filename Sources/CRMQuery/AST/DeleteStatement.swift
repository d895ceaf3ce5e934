/// `delete ENTITY ID [cascade]` or `delete ENTITY where EXPR [cascade]`.
public struct DeleteStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record deleted.
    public var entity: EntityReference
    /// Which records.
    public var target: RecordTarget
    /// Whether `cascade` was given: also erase everything that belongs to the records.
    public var cascade: Bool

    /// `(delete customer 1 cascade)`.
    public var description: String { "(delete \(entity) \(target)" + (cascade ? " cascade)" : ")") }
}
