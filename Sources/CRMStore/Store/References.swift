/// The rules of references between records, for every kind alike, from the declared
/// reference fields: a record refers only to records that exist, to ones of the same owner
/// where its field says so (`FieldRule.sameOwner`), and a record others refer to is not
/// deleted or moved from under them.
enum References {
    /// The records of one kind that refer to a record through one field.
    struct Dependents {
        /// Their kind.
        let kind: RecordKind
        /// The field that refers.
        let field: String
        /// Whether the field is required: then they belong to the record (a cascade erases
        /// them); otherwise they only point to it.
        let required: Bool
        /// Their ids.
        let ids: [Int64]
    }

    /// For each field of any kind that refers to `kind`: the records whose field holds `id`.
    static func dependents(of kind: RecordKind, _ id: Int64, in tx: ReadTransaction) throws -> [Dependents] {
        var result: [Dependents] = []
        for schema in StoreSchema.kinds {
            for field in schema.fields where field.type == .reference(kind) {
                result.append(
                    Dependents(
                        kind: schema.kind, field: field.name, required: field.required,
                        ids: try referring(schema, field, to: id, in: tx)))
            }
        }
        return result
    }

    /// The ids of the records of `schema`'s kind whose `field` holds `id`: through an index
    /// that starts with the field, else (no such index declared) by reading the table.
    private static func referring(
        _ schema: RecordSchema, _ field: FieldSchema, to id: Int64, in tx: ReadTransaction
    )
        throws -> [Int64]
    {
        if let index = schema.indexes.first(where: {
            $0.filter == nil && $0.parts.first == .value(field.name)
        }) {
            var scan = try tx.scan(index: index, equal: [.integer(id)])
            var ids: [Int64] = []
            while let next = try scan.nextID() { ids.append(next) }
            return ids.sorted()
        }
        var scan = try tx.scan(schema.kind)
        var ids: [Int64] = []
        while let next = try scan.nextID() {
            if try scan.view()?.integer(field) == id { ids.append(next) }
        }
        return ids
    }

    /// Checks the references of `values` (on update, those that changed or whose owner
    /// changed), and that records referring to it through a same-owner rule still agree.
    ///
    /// - Throws: `.badReference`, naming the field and what would be right.
    static func check(_ values: RecordValues, old: RecordValues?, in tx: ReadTransaction) throws {
        let schema = values.kind.schema
        for field in schema.fields {
            guard case .reference(let target) = field.type, case .integer(let id) = values[field] else {
                continue
            }
            let owner: String? = if case .sameOwner(let name) = field.rule { name } else { nil }
            if let old, old[field] == values[field], owner.map({ old[$0] == values[$0] }) ?? true { continue }
            guard let referred = try tx.view(target, id) else {
                throw StoreError(
                    .badReference,
                    "\(values.kind.rawValue) refers to \(target.rawValue) \(id), which does not exist "
                        + "(insert the \(target.rawValue) first)",
                    field: field.name)
            }
            if let owner, let ownerField = target.schema.field(owner) {
                let theirs = try referred.value(ownerField)
                if theirs != values[owner] {
                    throw StoreError(
                        .badReference,
                        "\(values.kind.rawValue) is for \(owner) \(values[owner]) but \(field.name) \(id) belongs to "
                            + "\(owner) \(theirs) (a \(values.kind.rawValue)'s \(field.name) must be with the same \(owner))",
                        field: field.name)
                }
            }
        }
        guard let old else { return }
        // Records that must share an owner with this one: it may not move away from them.
        for other in StoreSchema.kinds {
            for field in other.fields where field.type == .reference(values.kind) {
                guard case .sameOwner(let owner) = field.rule, values[owner] != old[owner] else { continue }
                let ids = try referring(other, field, to: values.id, in: tx)
                guard !ids.isEmpty else { continue }
                throw StoreError(
                    .badReference,
                    "\(values.kind.rawValue) \(values.id) cannot move to \(owner) \(values[owner]): "
                        + "\(other.kind.rawValue) \(WriteTransaction.list(Array(ids.prefix(5)))) of \(owner) "
                        + "\(old[owner]) refers to it (change or delete those \(other.kind.rawValue)s first)",
                    field: owner)
            }
        }
    }

    /// The kind whose records a summary groups by (a customer, for interaction scores).
    static func target(of summary: SummarySchema) -> RecordKind? {
        for schema in StoreSchema.kinds where schema.summaries.contains(summary) {
            if case .reference(let kind) = schema.field(summary.groupBy)?.type { return kind }
        }
        return nil
    }
}
