import CRMQuery

/// What an import did: how many records it inserted and how many it updated.
///
///     summary.description  // "imported 120 customers (20 updated)"
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record imported.
    public let entity: Entity
    /// Records inserted.
    public let inserted: Int
    /// Existing records updated (with `--upsert-by`).
    public let updated: Int

    /// A summary of `inserted` and `updated` records of `entity`.
    public init(entity: Entity, inserted: Int, updated: Int) {
        self.entity = entity
        self.inserted = inserted
        self.updated = updated
    }

    /// Every row of the file: inserted plus updated.
    public var total: Int { inserted + updated }

    /// `imported N customers (M updated)`, singular for one record.
    public var description: String {
        "imported \(total) \(total == 1 ? entity.singular : entity.plural) (\(updated) updated)"
    }
}
