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
        if let name = try name(of: kind, id, in: tx) {
            result += try dependents(of: kind, named: name, in: tx)
        }
        return result
    }

    /// The records that name a record of `kind` called `name` (`FieldRule.names`: a
    /// holiday's calendar), by field.
    static func dependents(of kind: RecordKind, named name: String, in tx: ReadTransaction) throws
        -> [Dependents]
    {
        var result: [Dependents] = []
        let folded = TextKey.fold(name)
        for schema in StoreSchema.kinds {
            for field in schema.fields where field.rule == .names(kind) {
                var ids: [Int64] = []
                try tx.walk(schema.kind) { view in
                    if let text = try view.text(field),
                        TextKey.fold(String(decoding: text, as: UTF8.self)) == folded
                    {
                        ids.append(view.id)
                    }
                    return true
                }
                result.append(
                    Dependents(kind: schema.kind, field: field.name, required: field.required, ids: ids))
            }
        }
        return result
    }

    /// The unique name of record `id` of `kind` (its `name` field, when a unique index
    /// leads with it), or nil.
    private static func name(of kind: RecordKind, _ id: Int64, in tx: ReadTransaction) throws -> String? {
        guard nameIndex(of: kind) != nil, let field = kind.schema.field("name"),
            let text = try tx.view(kind, id)?.text(field)
        else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    /// The unique index over a kind's `name`, by which other records name its records.
    static func nameIndex(of kind: RecordKind) -> IndexSchema? {
        kind.schema.indexes.first { $0.unique && $0.parts.first?.field == "name" }
    }

    /// The id of the record of `kind` called `name` (ignoring case), or nil.
    static func record(of kind: RecordKind, named name: String, in tx: ReadTransaction) throws -> Int64? {
        guard let index = nameIndex(of: kind) else { return nil }
        var found: Int64? = nil
        try tx.walk(index: index, equal: [.string(name)]) { entry in
            found = entry.id
            return false
        }
        return found
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
        for field in schema.namingFields {
            if case .names(let target) = field.rule, case .string(let name) = values[field],
                old.map({ $0[field] != values[field] }) ?? true,
                try record(of: target, named: name, in: tx) == nil
            {
                throw StoreError(
                    .badReference,
                    "\(values.kind.rawValue) names \(target.rawValue) '\(name)', which does not exist "
                        + "(insert the \(target.rawValue) first)",
                    field: field.name)
            }
        }
        for field in schema.references {
            guard case .reference(let target) = field.type, case .integer(let id) = values[field] else {
                continue
            }
            let owner: String? = if case .sameOwner(let name) = field.rule { name } else { nil }
            if let old, old[field] == values[field], owner.map({ old[$0] == values[$0] }) ?? true { continue }
            func missing() -> StoreError {
                StoreError(
                    .badReference,
                    "\(values.kind.rawValue) refers to \(target.rawValue) \(id), which does not exist "
                        + "(insert the \(target.rawValue) first)",
                    field: field.name)
            }
            // Without an owner to compare, that the record is there is enough: its key is
            // looked up, and its bytes are not read.
            guard let owner else {
                guard try tx.exists(target, id) else { throw missing() }
                continue
            }
            guard let referred = try tx.view(target, id) else { throw missing() }
            if let ownerField = target.schema.field(owner) {
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
        // A record others name may not be renamed from under them.
        if nameIndex(of: values.kind) != nil, let field = schema.field("name"),
            case .string(let before) = old[field],
            old[field] != values[field]
        {
            for dependents in try dependents(of: values.kind, named: before, in: tx)
            where !dependents.ids.isEmpty {
                throw StoreError(
                    .badReference,
                    "\(values.kind.rawValue) '\(before)' cannot be renamed: \(dependents.kind.rawValue) "
                        + "\(WriteTransaction.list(Array(dependents.ids.prefix(5)))) names it "
                        + "(change their \(dependents.field) first)",
                    field: "name")
            }
        }
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
