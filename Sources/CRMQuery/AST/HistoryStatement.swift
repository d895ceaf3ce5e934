/// `history ENTITY ID`: every change to one record, oldest first.
public struct HistoryStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record.
    public var entity: EntityReference
    /// The record id.
    public var id: IntegerArgument

    /// `(history promise 3)`.
    public var description: String { "(history \(entity) \(id))" }
}
