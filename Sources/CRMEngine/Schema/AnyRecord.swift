import CRMQuery
import CRMStore

/// A record as a statement sees it: read in place from the store (a `RecordView`), known
/// from an index entry alone (the fields the entry holds), or values a statement builds
/// (an insert, an update). Fields are read by `FieldRef`, strings made only for the values
/// asked for.
///
/// A record read in place is valid only while its view is (see `RecordView`); `copy()`
/// gives one to keep, as a sort or a group must.
struct AnyRecord {
    enum Storage {
        case view(RecordView)
        case entry(IndexEntryView)
        case values(ValuesBox)
    }

    /// Values a statement builds, behind one reference: with views and entries plain values
    /// too, a record is copied by copying a few words, with no runtime help.
    final class ValuesBox {
        let values: RecordValues

        init(_ values: RecordValues) {
            self.values = values
        }
    }

    let storage: Storage

    init(_ view: RecordView) {
        storage = .view(view)
    }

    init(_ entry: IndexEntryView) {
        storage = .entry(entry)
    }

    init(_ values: RecordValues) {
        storage = .values(ValuesBox(values))
    }

    /// The record's id.
    var id: Int64 {
        switch storage {
        case .view(let view): view.id
        case .entry(let entry): entry.id
        case .values(let box): box.values.id
        }
    }

    /// The record's kind.
    var kind: RecordKind {
        switch storage {
        case .view(let view): view.schema.kind
        case .entry(let entry): entry.index.kind
        case .values(let box): box.values.kind
        }
    }

    var entity: Entity { Entity(kind) }

    /// The record with its bytes copied into `arena`, to keep past the walk that read it.
    func copy(into arena: ByteArena) -> AnyRecord {
        switch storage {
        case .view(let view): AnyRecord(view.copy(into: arena))
        case .values: self
        case .entry(let entry): AnyRecord(entry.copy(into: arena))
        }
    }

    // MARK: - Reading

    /// The value of `field`; derived fields read indexes through `context`.
    func value(_ field: FieldRef, in context: ExecutionContext) throws -> FieldValue {
        switch field {
        case .id: return .integer(id)
        case .stored(let stored): return try value(stored, in: context)
        case .attribute(let name):
            switch storage {
            case .view(let view): return try view.attribute(name)
            case .values(let box): return box.values.attrs[name] ?? .null
            case .entry: return try whole(context)?.attribute(name) ?? .null
            }
        case .derived(let derived):
            var inputs: [FieldValue] = []
            inputs.reserveCapacity(derived.inputs.count)
            for field in kind.schema.inputs(of: derived) { inputs.append(try value(field, in: context)) }
            return try derived.value(id: id, inputs: inputs, now: context.now, in: context.transaction)
        }
    }

    /// The value of the stored field `field`.
    func value(_ field: FieldSchema, in context: ExecutionContext) throws -> FieldValue {
        switch storage {
        case .view(let view): return try view.value(field)
        case .values(let box): return box.values[field]
        case .entry(let entry):
            if let value = entry.value(field) { return value }
            return try whole(context)?.value(field) ?? .null
        }
    }

    /// The values of `fields`, in order: a whole row.
    func values(_ fields: [FieldRef], in context: ExecutionContext) throws -> [FieldValue] {
        var row: [FieldValue] = []
        row.reserveCapacity(fields.count)
        for field in fields { row.append(try value(field, in: context)) }
        return row
    }

    /// The record read in place, for a record known from an index entry alone.
    private func whole(_ context: ExecutionContext) throws -> RecordView? {
        context.countRead()
        return try context.transaction.view(kind, id)
    }

    /// The record's view, when it was read in place.
    var view: RecordView? {
        if case .view(let view) = storage { return view }
        return nil
    }

    /// Every stored value, for a write.
    func storedValues(in context: ExecutionContext) throws -> RecordValues {
        switch storage {
        case .view(let view): return try view.values()
        case .values(let box): return box.values
        case .entry:
            guard let view = try whole(context) else {
                throw StoreError(.notFound, "\(kind.rawValue) \(id) does not exist")
            }
            return try view.values()
        }
    }
}

/// A value that does not fit the field it was assigned to.
struct AssignmentError: Error {
    /// What the field takes: "a quoted string".
    let expected: String
}

extension RecordValues {
    /// Sets `field` to `value`, which the binder has already converted to the field's type;
    /// `.null` clears an optional field.
    ///
    /// - Throws: `AssignmentError` when the value does not fit (null for a required field).
    mutating func assign(_ field: FieldInfo, _ value: FieldValue) throws(AssignmentError) {
        switch field.ref {
        case .attribute(let name):
            attrs[name] = value == .null ? nil : value
        case .stored(let stored):
            self[stored] = try Self.fit(value, to: stored)
        case .id, .derived:
            throw AssignmentError(expected: "a field that can be set")
        }
    }

    private static func fit(_ value: FieldValue, to field: FieldSchema) throws(AssignmentError) -> FieldValue
    {
        if value == .null {
            if field.type == .tags { return .list([]) }
            // A required field, or one with a default (an enum, a flag), always has a value.
            guard !field.required, field.defaultValue == .null else {
                throw AssignmentError(expected: "a value (this field cannot be null)")
            }
            return .null
        }
        switch (field.type, value) {
        case (.text, .string), (.integer, .integer), (.reference, .integer), (.decimal, .decimal),
            (.boolean, .bool), (.timestamp, .timestamp), (.tags, .list):
            return value
        case (.decimal, .integer(let whole)): return .decimal(ExactDecimal(whole))
        case (.enumeration(let type), .symbol(let name)), (.enumeration(let type), .string(let name)):
            guard let position = type.position(of: name) else {
                throw AssignmentError(expected: "one of " + type.names.joined(separator: ", "))
            }
            return .symbol(type.names[position])
        case (.tags, _): throw AssignmentError(expected: "a list of tags such as [steel, north]")
        default: throw AssignmentError(expected: field.type.example)
        }
    }
}
