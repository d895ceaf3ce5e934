/// A link between kinds, declared on the kind it starts from: `promise.customer` leads to
/// one customer; `customer.promises` to many promises.
public struct RelationSchema: Sendable, Hashable {
    /// The name queries use: `customer`, `interactions`.
    public let name: String
    /// The kind it leads to.
    public let target: RecordKind
    /// Whether it leads to many records (`any`, `none`, `count`, `with`) or to one (paths
    /// such as `customer.tier`).
    public let toMany: Bool
    /// For a to-one relation, this kind's field holding the target's id; for a to-many one,
    /// the target's field holding this record's id.
    public let field: String

    /// A relation to the one record whose id `field` holds.
    static func one(_ name: String, _ target: RecordKind, via field: String) -> RelationSchema {
        RelationSchema(name: name, target: target, toMany: false, field: field)
    }

    /// A relation to the records of `target` whose `field` holds this record's id.
    static func many(_ name: String, _ target: RecordKind, whose field: String) -> RelationSchema {
        RelationSchema(name: name, target: target, toMany: true, field: field)
    }
}

/// A running sum and count of one field over the records of another, kept up to date on
/// every write (a customer's interaction scores, for `satisfaction`).
public struct SummarySchema: Sendable, Hashable {
    /// The table's name: `customer.summary`.
    public let name: String
    /// The field whose records group the sums (an interaction's customer).
    public let groupBy: String
    /// The field summed (an interaction's score).
    public let field: String
}
