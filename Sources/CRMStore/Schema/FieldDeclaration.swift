/// A stored field of the Swift record type `R`: its schema and how to read and set it on
/// an `R`. The kinds declare their fields with these (see `Customer.declaration`), one line
/// per field, and nothing else names a field's number, type or property.
public struct FieldDeclaration<R>: Sendable {
    /// The field's schema.
    public let schema: FieldSchema
    /// The field's value on a record (its default type's null when absent).
    let get: @Sendable (R) -> FieldValue
    /// Sets the field on a record from a value of its type; false when the value is not of
    /// the field's type (or null for a field that cannot be null).
    let set: @Sendable (inout R, FieldValue) -> Bool
    /// Sets the field on a record from the record's stored bytes, with no `FieldValue` in
    /// between (a get by id decodes a typed record this way).
    let read: @Sendable (inout R, RecordView) throws(StoreError) -> Void

    init(
        _ schema: FieldSchema, get: @escaping @Sendable (R) -> FieldValue,
        set: @escaping @Sendable (inout R, FieldValue) -> Bool,
        read: @escaping @Sendable (inout R, RecordView) throws(StoreError) -> Void
    ) {
        self.schema = schema
        self.get = get
        self.set = set
        self.read = read
    }
}

// SAFETY: key paths to stored properties of value types hold no state that could race;
// the standard library does not mark them Sendable, so they are captured as unchecked.
/// A property of `R`, read and written through its offset in `R` when it is a stored
/// property (as every declared field is): a key path applied at run time costs a runtime
/// projection per access, which was an eighth of a load and a tenth of a get.
private struct Path<R, V>: @unchecked Sendable {
    let path: WritableKeyPath<R, V>
    /// The property's byte offset in `R` (`MemoryLayout.offset(of:)`), nil for a computed one.
    let offset: Int?

    init(path: WritableKeyPath<R, V>) {
        self.path = path
        offset = MemoryLayout<R>.offset(of: path)
    }

    /// The property's value on `record`.
    @inline(__always)
    func get(_ record: R) -> V {
        guard let offset else { return record[keyPath: path] }
        // SAFETY: `offset` is where the stored property lies in `R`, as the standard library
        // computed it for this very key path; the value is copied out (retained) as a read.
        return withUnsafePointer(to: record) { pointer in
            UnsafeRawPointer(pointer).advanced(by: offset).assumingMemoryBound(to: V.self).pointee
        }
    }

    /// Sets the property on `record`.
    @inline(__always)
    func set(_ record: inout R, _ value: V) {
        guard let offset else {
            record[keyPath: path] = value
            return
        }
        // SAFETY: as in `get`; assigning through the typed pointer releases the old value
        // and keeps the new one, as a property assignment does.
        withUnsafeMutablePointer(to: &record) { pointer in
            UnsafeMutableRawPointer(pointer).advanced(by: offset).assumingMemoryBound(to: V.self).pointee =
                value
        }
    }
}

extension FieldDeclaration {
    /// A required text field.
    static func text(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, String>, rule: FieldRule = .indexedText
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .text, required: true, rule: rule)
        let slot = schema.slot
        return Self(
            schema,
            get: { .string(p.get($0)) },
            set: { record, value in
                guard case .string(let text) = value else { return false }
                p.set(&record, text)
                return true
            },
            read: { record, view throws(StoreError) in
                guard let text = try view.string(slot: slot) else { throw view.missing(slot: slot) }
                p.set(&record, text)
            })
    }

    /// An optional text field.
    static func text(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, String?>, rule: FieldRule = .none
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .text, rule: rule)
        let slot = schema.slot
        return Self(
            schema,
            get: { p.get($0).map(FieldValue.string) ?? .null },
            set: { record, value in
                switch value {
                case .string(let text): p.set(&record, text)
                case .null: p.set(&record, nil)
                default: return false
                }
                return true
            },
            read: { record, view throws(StoreError) in
                if let text = try view.string(slot: slot) { p.set(&record, text) }
            })
    }

    /// An optional whole number.
    static func integer(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, Int64?>, rule: FieldRule = .none
    ) -> Self {
        optionalInteger(FieldSchema(name: name, number: number, type: .integer, rule: rule), path)
    }

    /// A required reference to a record of `kind`.
    static func reference(
        _ name: String, _ number: Int, to kind: RecordKind, _ path: WritableKeyPath<R, Int64>
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .reference(kind), required: true)
        let slot = schema.slot
        return Self(
            schema,
            get: { .integer(p.get($0)) },
            set: { record, value in
                guard case .integer(let id) = value else { return false }
                p.set(&record, id)
                return true
            },
            read: { record, view throws(StoreError) in
                guard let id = try view.integer(slot: slot) else { throw view.missing(slot: slot) }
                p.set(&record, id)
            })
    }

    /// An optional reference to a record of `kind`.
    static func reference(
        _ name: String, _ number: Int, to kind: RecordKind, _ path: WritableKeyPath<R, Int64?>,
        rule: FieldRule = .none
    ) -> Self {
        optionalInteger(FieldSchema(name: name, number: number, type: .reference(kind), rule: rule), path)
    }

    private static func optionalInteger(_ schema: FieldSchema, _ path: WritableKeyPath<R, Int64?>) -> Self {
        let p = Path(path: path)
        let slot = schema.slot
        return Self(
            schema,
            get: { p.get($0).map(FieldValue.integer) ?? .null },
            set: { record, value in
                switch value {
                case .integer(let number): p.set(&record, number)
                case .null: p.set(&record, nil)
                default: return false
                }
                return true
            },
            read: { record, view throws(StoreError) in
                if let number = try view.integer(slot: slot) { p.set(&record, number) }
            })
    }

    /// A required timestamp; with `endOfDay`, a bare date given for it means the end of the day.
    static func timestamp(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, Timestamp>, endOfDay: Bool = false
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(
            name: name, number: number, type: .timestamp, required: true, dateMeansEndOfDay: endOfDay)
        let slot = schema.slot
        return Self(
            schema,
            get: { .timestamp(p.get($0)) },
            set: { record, value in
                guard case .timestamp(let time) = value else { return false }
                p.set(&record, time)
                return true
            },
            read: { record, view throws(StoreError) in
                guard let time = try view.integer(slot: slot) else { throw view.missing(slot: slot) }
                p.set(&record, Timestamp(microseconds: time))
            })
    }

    /// An optional timestamp; with `fill`, the store sets it on insert when not given.
    static func timestamp(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, Timestamp?>, fill: FieldFill? = nil
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .timestamp, fill: fill)
        let slot = schema.slot
        return Self(
            schema,
            get: { p.get($0).map(FieldValue.timestamp) ?? .null },
            set: { record, value in
                switch value {
                case .timestamp(let time): p.set(&record, time)
                case .null: p.set(&record, nil)
                default: return false
                }
                return true
            },
            read: { record, view throws(StoreError) in
                if let time = try view.integer(slot: slot) {
                    p.set(&record, Timestamp(microseconds: time))
                }
            })
    }

    /// An optional exact decimal.
    static func decimal(_ name: String, _ number: Int, _ path: WritableKeyPath<R, ExactDecimal?>) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .decimal)
        let slot = schema.slot
        return Self(
            schema,
            get: { p.get($0).map(FieldValue.decimal) ?? .null },
            set: { record, value in
                switch value {
                case .decimal(let decimal): p.set(&record, decimal)
                case .integer(let whole): p.set(&record, ExactDecimal(whole))
                case .null: p.set(&record, nil)
                default: return false
                }
                return true
            },
            read: { record, view throws(StoreError) in
                if let decimal = try view.decimal(slot: slot) { p.set(&record, decimal) }
            })
    }

    /// A required list of short strings (a calendar's days), stored as tags are.
    static func list(_ name: String, _ number: Int, _ path: WritableKeyPath<R, [String]>) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .tags, required: true)
        let slot = schema.slot
        return Self(
            schema,
            get: { .list(p.get($0)) },
            set: { record, value in
                switch value {
                case .list(let items): p.set(&record, items)
                case .string(let item): p.set(&record, [item])
                default: return false
                }
                return true
            },
            read: { record, view throws(StoreError) in p.set(&record, try view.tags(slot: slot)) })
    }

    /// A boolean, false unless declared otherwise.
    static func boolean(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, Bool>, default defaultFlag: Bool = false
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .boolean, defaultValue: .bool(defaultFlag))
        let slot = schema.slot
        return Self(
            schema,
            get: { .bool(p.get($0)) },
            set: { record, value in
                guard case .bool(let flag) = value else { return false }
                p.set(&record, flag)
                return true
            },
            read: { record, view throws(StoreError) in
                p.set(&record, try view.bool(slot: slot) ?? defaultFlag)
            })
    }

    /// An enum with a default; `required` when an insert must give it.
    static func enumeration<E: RecordEnum>(
        _ name: String, _ number: Int, _ path: WritableKeyPath<R, E>, default defaultValue: E? = nil
    ) -> Self {
        let p = Path(path: path)
        let schema = FieldSchema(
            name: name, number: number, type: .enumeration(EnumType(E.self)),
            defaultValue: defaultValue.map { .symbol($0.name) } ?? .null, required: defaultValue == nil)
        let slot = schema.slot
        let cases = E.allCases
        return Self(
            schema,
            get: { .symbol(p.get($0).name) },
            set: { record, value in
                guard case .symbol(let name) = value, let match = try? E.named(name) else { return false }
                p.set(&record, match)
                return true
            },
            read: { record, view throws(StoreError) in
                if let code = try view.code(slot: slot, count: cases.count) {
                    p.set(&record, cases[code])
                } else if defaultValue == nil {
                    throw view.missing(slot: slot)
                }
            })
    }

    /// An optional enum.
    static func enumeration<E: RecordEnum>(_ name: String, _ number: Int, _ path: WritableKeyPath<R, E?>)
        -> Self
    {
        let p = Path(path: path)
        let schema = FieldSchema(name: name, number: number, type: .enumeration(EnumType(E.self)))
        let slot = schema.slot
        let cases = E.allCases
        return Self(
            schema,
            get: { p.get($0).map { .symbol($0.name) } ?? .null },
            set: { record, value in
                switch value {
                case .symbol(let name):
                    guard let match = try? E.named(name) else { return false }
                    p.set(&record, match)
                case .null: p.set(&record, nil)
                default: return false
                }
                return true
            },
            read: { record, view throws(StoreError) in
                if let code = try view.code(slot: slot, count: cases.count) {
                    p.set(&record, cases[code])
                }
            })
    }
}

extension FieldDeclaration where R: Record {
    /// The fields every record has, after the kind's own: tags, then the times the store sets.
    static var common: [Self] {
        [
            Self(
                FieldSchema(name: "tags", number: CommonField.tags, type: .tags, defaultValue: .list([])),
                get: { .list($0.tags) },
                set: { record, value in
                    switch value {
                    case .list(let tags): record.tags = tags
                    case .null: record.tags = []
                    default: return false
                    }
                    return true
                },
                read: { record, view throws(StoreError) in
                    record.tags = try view.tags(slot: FieldSchema.slot(ofNumber: CommonField.tags))
                }),
            Self(
                FieldSchema(name: "created", number: CommonField.created, type: .timestamp, writable: false),
                get: { .timestamp($0.created) },
                set: { record, value in
                    guard case .timestamp(let time) = value else { return false }
                    record.created = time
                    return true
                },
                read: { record, view throws(StoreError) in
                    let slot = FieldSchema.slot(ofNumber: CommonField.created)
                    guard let time = try view.integer(slot: slot) else { throw view.missing(slot: slot) }
                    record.created = Timestamp(microseconds: time)
                }),
            Self(
                FieldSchema(name: "updated", number: CommonField.updated, type: .timestamp, writable: false),
                get: { .timestamp($0.updated) },
                set: { record, value in
                    guard case .timestamp(let time) = value else { return false }
                    record.updated = time
                    return true
                },
                read: { record, view throws(StoreError) in
                    // A record never updated keeps `updated` equal to `created`, stored once.
                    let slot = FieldSchema.slot(ofNumber: CommonField.updated)
                    record.updated =
                        try view.integer(slot: slot).map(Timestamp.init(microseconds:)) ?? record.created
                }),
        ]
    }
}

/// The numbers of the fields every record has; each kind numbers its own from 16.
enum CommonField {
    static let created = 1
    static let updated = 2
    static let tags = 3
    static let attributes = 4
    /// The first number of a kind's own fields.
    static let firstOwn = 16
}
