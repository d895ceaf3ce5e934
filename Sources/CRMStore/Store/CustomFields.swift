import LMDB

/// The custom fields a store declares (`define field`), by kind: read from the store's
/// `meta` table once per transaction (`ReadTransaction.customFields()`).
public struct CustomFields: Sendable {
    /// The declarations by `RecordKind.code`, each list sorted by name.
    private var byKind: [[CustomField]] = Array(repeating: [], count: RecordKind.allCases.count + 1)

    /// No declarations.
    public init() {}

    /// Every declaration, by kind then name.
    public var all: [CustomField] { byKind.flatMap { $0 } }

    /// The fields declared on `kind`, by name.
    public func fields(of kind: RecordKind) -> [CustomField] { byKind[Int(kind.code)] }

    /// The field of `kind` called `name` (ignoring case), or nil when it is not declared.
    public func field(_ name: String, of kind: RecordKind) -> CustomField? {
        let fields = byKind[Int(kind.code)]
        return fields.first { $0.name == name } ?? fields.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The indexes of `kind`'s indexed custom fields.
    public func indexes(of kind: RecordKind) -> [IndexSchema] { byKind[Int(kind.code)].compactMap(\.index) }

    mutating func add(_ field: CustomField) {
        byKind[Int(field.kind.code)].append(field)
        byKind[Int(field.kind.code)].sort { $0.name < $1.name }
    }
}

extension ReadTransaction {
    /// The custom fields the store declares, read once per transaction. A field declared
    /// indexed reads as not indexed in a store opened read-only that has no index table yet.
    public func customFields() throws -> CustomFields {
        if let cached = customFieldCache { return cached }
        var fields = CustomFields()
        let prefix = CustomField.metaPrefix
        try storage.walk(tables.meta, .prefix(prefix), reverse: false) { key, value in
            if var field = CustomField.decode(key: key, value: value) {
                if field.indexed, tables.customIndex == nil {
                    field = CustomField(kind: field.kind, name: field.name, type: field.type, indexed: false)
                }
                fields.add(field)
            }
            return true
        }
        customFieldCache = fields
        return fields
    }

    /// The custom index entry key of a record `id` whose field `field` holds `value`; nil
    /// when the value has no key form (then the write was refused earlier).
    static func customIndexKey(_ field: CustomField, _ value: FieldValue, _ id: Int64, _ layout: KeyLayout)
        -> [UInt8]?
    {
        guard let index = field.index, var key = IndexKey.prefix(index, [value], layout) else { return nil }
        IndexKey.appendID(id, layout, to: &key)
        return key.bytes
    }
}

extension WriteTransaction {
    /// Declares a custom field on `kind`: from now on its values (`attrs.NAME`) must have
    /// `type`, and with `indexed` the store keeps an index of them that lookups and
    /// queries use. Records that already hold the field must hold values of the type.
    ///
    ///     try store.write { tx in try tx.defineField("region", on: .customer, type: .string, indexed: true) }
    ///
    /// - Throws: `.invalidValue` for a bad name, a type that cannot be indexed, a field
    ///   declared already, or a record whose value has another type (the first one is
    ///   named). Nothing is written when it throws.
    @discardableResult
    public func defineField(_ name: String, on kind: RecordKind, type: CustomFieldType, indexed: Bool = false)
        throws -> CustomField
    {
        let subject = "\(kind.rawValue).\(name)"
        try Validation.attrs([name: .bool(true)])
        if let existing = try customFields().field(name, of: kind) {
            throw StoreError(
                .invalidValue,
                "\(kind.rawValue).\(existing.name) is already declared (\(existing.declaration)); "
                    + "drop field \(kind.rawValue).\(existing.name) first to declare it again",
                field: "attrs." + name)
        }
        if indexed, !type.isIndexable {
            throw StoreError(
                .invalidValue,
                "\(subject) cannot be indexed: a \(type.rawValue) has no index key yet "
                    + "(declare it without indexed, or as integer or string)",
                field: "attrs." + name)
        }
        guard let customIndex = tables.customIndex else {
            throw StoreError(.readOnly, "this store has no table for custom indexes (open it for writing)")
        }
        let field = CustomField(kind: kind, name: name, type: type, indexed: indexed)
        // Every record that already holds the field must fit; an indexed one gets its entry.
        try walk(kind) { view in
            guard let value = try view.attributes()[name] else { return true }
            try Self.check(value, of: field, record: view.id)
            if let key = Self.customIndexKey(field, value, view.id, tables.layout) {
                try writer.put(customIndex, key: key, value: [])
            }
            return true
        }
        try writer.put(tables.meta, key: field.metaKey, value: field.metaValue)
        customFieldCache = nil
        return field
    }

    /// Removes the declaration of `kind`'s custom field `name` and its index; the values
    /// records hold stay, as undeclared custom fields.
    ///
    /// - Throws: `.notFound` when no such field is declared.
    @discardableResult
    public func dropField(_ name: String, on kind: RecordKind) throws -> CustomField {
        guard let field = try customFields().field(name, of: kind) else {
            let declared = try customFields().fields(of: kind).map { "\(kind.rawValue).\($0.name)" }
            throw StoreError(
                .notFound,
                "\(kind.rawValue).\(name) is not a declared field ("
                    + (declared.isEmpty
                        ? "\(kind.rawValue) has none"
                        : "declared: \(declared.joined(separator: ", "))") + ")",
                field: "attrs." + name)
        }
        if let index = field.index, let table = tables.customIndex {
            let cursor = try writer.cursor(table)
            var entry = try cursor.seek(atLeast: index.keyPrefix)
            while let current = entry, current.key.starts(with: index.keyPrefix) {
                try cursor.deleteCurrent()
                entry = try cursor.seek(atLeast: index.keyPrefix)
            }
        }
        _ = try writer.delete(tables.meta, key: field.metaKey)
        customFieldCache = nil
        return field
    }

    /// Checks the declared custom fields of a record about to be written.
    func checkCustomFields(_ values: RecordValues) throws {
        guard !values.attrs.isEmpty else { return }
        for field in try customFields().fields(of: values.kind) {
            guard let value = values.attrs[field.name] else { continue }
            try Self.check(value, of: field, record: values.id)
        }
    }

    /// Moves a record's entries in the custom fields' indexes from `old`'s values to
    /// `new`'s (either may be nil: an insert, a delete).
    func moveCustomEntries(from old: RecordValues?, to new: RecordValues?) throws {
        guard let kind = (new ?? old)?.kind,
            (old?.attrs.isEmpty ?? true) == false || (new?.attrs.isEmpty ?? true) == false
        else { return }
        let indexed = try customFields().fields(of: kind).filter(\.indexed)
        guard !indexed.isEmpty, let table = tables.customIndex else { return }
        for field in indexed {
            let before = old?.attrs[field.name]
            let after = new?.attrs[field.name]
            if let before, let after, before.isIdentical(to: after) { continue }
            if let before, let old, let key = Self.customIndexKey(field, before, old.id, tables.layout) {
                _ = try writer.delete(table, key: key)
            }
            if let after, let new, let key = Self.customIndexKey(field, after, new.id, tables.layout) {
                try writer.put(table, key: key, value: [])
            }
        }
    }

    /// Checks one value of a declared field.
    private static func check(_ value: FieldValue, of field: CustomField, record id: Int64) throws {
        let subject = id > 0 ? "\(field.kind.rawValue) \(id)'s " : ""
        guard field.type.accepts(value) else {
            throw StoreError(
                .invalidValue,
                "\(subject)attrs.\(field.name) is \(value.typeNameWithArticle), but "
                    + "\(field.kind.rawValue).\(field.name) is declared as \(field.type.rawValue) "
                    + "(give \(field.type.fieldType.article), or drop field \(field.kind.rawValue).\(field.name))",
                field: "attrs." + field.name)
        }
        if field.indexed, case .string(let text) = value {
            try Validation.indexed(text, "attrs." + field.name, of: field.kind)
        }
    }
}
