/// `insert ENTITY {field: value, ...}`.
public struct InsertStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record inserted.
    public var entity: EntityReference
    /// The given fields, in source order.
    public var fields: [Field]

    /// `(insert customer (name "Acme") ...)`.
    public var description: String {
        (["(insert", entity.description] + fields.map(\.description)).joined(separator: " ") + ")"
    }
}
