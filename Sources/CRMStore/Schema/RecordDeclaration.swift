/// The one declaration of a kind of record: its Swift type's stored fields (each with its
/// number on disk, type and rules), derived fields, indexes, relations, summaries and rules.
/// The schema every layer reads is built from it, and its field list is how a typed record
/// is turned into stored values and back.
///
/// Adding a field is one line here (and a property on the type); adding an index is one
/// `IndexSchema` in the list. Numbers on disk are never reused.
public struct RecordDeclaration<R: Record>: Sendable {
    /// The schema built from this declaration.
    public let schema: RecordSchema
    /// The fields, parallel to `schema.fields`.
    let fields: [FieldDeclaration<R>]
    /// A record of the kind with every field at its default, to fill in.
    let blank: R
    /// Each field's slot and getter, parallel to `fields`.
    private let getters: [(slot: Int, get: @Sendable (R) -> FieldValue)]
    /// The fields an insert may store otherwise than given, by position in `fields`.
    private let storeSetFields: [Int]
    /// Each field's reader, parallel to `fields`.
    private let readers: [@Sendable (inout R, RecordView) throws(StoreError) -> Void]
    /// Where a record's custom fields are.
    private let attributesSlot = FieldSchema.slot(ofNumber: CommonField.attributes)

    init(
        _ kind: RecordKind,
        blank: R,
        fields own: [FieldDeclaration<R>],
        derived: [DerivedField] = [],
        indexes: [IndexDeclaration] = [],
        relations: [RelationSchema] = [],
        summaries: [SummarySchema] = [],
        rules: [RecordRule] = []
    ) {
        let fields = own + FieldDeclaration<R>.common
        self.fields = fields
        readers = fields.map(\.read)
        getters = fields.map { ($0.schema.slot, $0.get) }
        let ruled = Set(
            rules.compactMap { rule in
                switch rule {
                case .settles(let field, _, _): field
                case .workingCalendar, .dateRange: nil
                }
            })
        storeSetFields = fields.indices.filter { index in
            let field = fields[index].schema
            return !field.writable || field.fill != nil || field.type == .tags || ruled.contains(field.name)
        }
        self.blank = blank
        schema = RecordSchema(
            kind: kind, fields: fields.map(\.schema), derived: derived, indexes: indexes,
            relations: relations, summaries: summaries, rules: rules)
    }

    /// The record's stored values.
    func values(of record: R) -> RecordValues {
        var values = RecordValues(schema, id: record.id)
        getters.withUnsafeBufferPointer { getters in
            for index in getters.indices { values.slots[getters[index].slot] = getters[index].get(record) }
        }
        values.attrs = record.attrs
        return values
    }

    /// The typed record `view` reads, decoded field by field without building its values
    /// first.
    ///
    /// - Throws: `.corrupt` for damaged bytes or a required field that is missing.
    func record(from view: RecordView) throws(StoreError) -> R {
        var record = blank
        record.id = view.id
        // Through the buffer, the readers alone: copying each declaration out of the array
        // would retain its schema and its three closures, 60 retains a get.
        try readers.withUnsafeBufferPointer { readers throws(StoreError) in
            for index in readers.indices { try readers[index](&record, view) }
        }
        if view.bitmap & (1 << UInt64(attributesSlot)) != 0 { record.attrs = try view.attributes() }
        return record
    }

    /// `record` as an insert stored it (`values`): its id, and the fields the store sets or
    /// tidies (the times it sets, the fills, the rules' fields, the tags), the others being
    /// as given. Cheaper than decoding every field back.
    func record(_ record: R, asStored values: RecordValues) -> R {
        var result = record
        result.id = values.id
        for index in storeSetFields {
            _ = fields[index].set(&result, values.slots[fields[index].schema.slot])
        }
        return result
    }

    /// The typed record holding `values`.
    ///
    /// - Throws: `.invalidValue` for a value not of its field's type.
    func record(from values: RecordValues) throws(StoreError) -> R {
        var record = blank
        record.id = values.id
        for field in fields {
            let value = values.slots[field.schema.slot]
            if value == .null, field.schema.defaultValue != .null {
                _ = field.set(&record, field.schema.defaultValue)
                continue
            }
            guard field.set(&record, value) else {
                throw StoreError(
                    .invalidValue,
                    "\(schema.kind.rawValue) \(field.schema.name) cannot hold \(value) (it takes \(field.schema.type.article))",
                    field: field.schema.name)
            }
        }
        record.attrs = values.attrs
        return record
    }
}

/// A record's stored values by slot, with its id and custom fields: what the store writes,
/// whatever Swift type the record came from (a typed `Customer`, or a statement's values).
public struct RecordValues: Sendable, Equatable {
    /// The kind.
    public let kind: RecordKind
    /// The id; 0 before insert.
    public var id: Int64
    /// The values by field slot; `.null` where a field is absent.
    var slots: [FieldValue]
    /// The custom fields.
    public var attrs: [String: FieldValue] = [:]

    /// Empty values of the kind of `schema`.
    init(_ schema: RecordSchema, id: Int64 = 0) {
        kind = schema.kind
        self.id = id
        slots = [FieldValue](repeating: .null, count: schema.slotCount)
    }

    /// A new record of `kind` with every field at its default, to fill in.
    public init(blank kind: RecordKind) {
        let schema = kind.schema
        self.init(schema)
        for field in schema.fields where field.defaultValue != .null {
            slots[field.slot] = field.defaultValue
        }
    }

    /// The value of `field` (null when absent).
    public subscript(field: FieldSchema) -> FieldValue {
        get { field.slot < slots.count ? slots[field.slot] : .null }
        set { if field.slot < slots.count { slots[field.slot] = newValue } }
    }

    /// The value of the stored field called `name` (null when absent or unknown).
    public subscript(name: String) -> FieldValue {
        get { kind.schema.field(name).map { self[$0] } ?? .null }
        set { if let field = kind.schema.field(name) { self[field] = newValue } }
    }

    /// Whether the two hold the same values as stored (see `FieldValue.isIdentical(to:)`):
    /// what an update compares to find whether anything changed.
    func isIdentical(to other: RecordValues) -> Bool {
        guard kind == other.kind, id == other.id, slots.count == other.slots.count,
            attrs.count == other.attrs.count
        else { return false }
        for (a, b) in zip(slots, other.slots) where !a.isIdentical(to: b) { return false }
        for (name, value) in attrs {
            guard let theirs = other.attrs[name], value.isIdentical(to: theirs) else { return false }
        }
        return true
    }

    /// The time the record was inserted.
    var created: Timestamp {
        if case .timestamp(let time) = slots[CommonField.created - 1] { return time }
        return Timestamp(microseconds: 0)
    }

    /// Every field as history records it: the kind's own, then `tags` (null when empty),
    /// then one entry per custom field as `attrs.NAME`, by name.
    var historyValues: [(name: String, value: FieldValue)] {
        var values: [(name: String, value: FieldValue)] = kind.schema.ownFields.map { ($0.name, self[$0]) }
        values.append(("tags", historyTags))
        return values + customHistoryValues
    }

    /// The tags as history records them: null when there are none.
    var historyTags: FieldValue {
        let tags = slots[CommonField.tags - 1]
        return tags == .list([]) ? .null : tags
    }

    /// The custom fields as history records them: `attrs.NAME`, by name.
    var customHistoryValues: [(name: String, value: FieldValue)] {
        attrs.sorted(by: { $0.key < $1.key }).map { (HistoryReplay.customFieldPrefix + $0.key, $0.value) }
    }
}
