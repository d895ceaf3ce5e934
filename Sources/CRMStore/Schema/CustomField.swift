import LMDB

/// The types a custom field may be declared with (`define field customer.region: string`).
public enum CustomFieldType: String, Sendable, CaseIterable {
    /// Text.
    case string
    /// A whole number.
    case integer
    /// An exact decimal (whole numbers are accepted too).
    case decimal
    /// True or false.
    case boolean
    /// An instant.
    case timestamp

    /// The field type queries see.
    public var fieldType: FieldType {
        switch self {
        case .string: .text
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .timestamp: .timestamp
        }
    }

    /// Whether an index can hold values of this type: decimals have no key form yet.
    public var isIndexable: Bool { self != .decimal }

    /// Whether `value` is a value of this type (a whole number is a decimal too).
    public func accepts(_ value: FieldValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.integer, .integer), (.decimal, .decimal), (.decimal, .integer),
            (.boolean, .bool), (.timestamp, .timestamp):
            true
        default: false
        }
    }

    /// The one-byte code of the type in a stored declaration. Never change one.
    var code: UInt8 {
        switch self {
        case .string: 1
        case .integer: 2
        case .decimal: 3
        case .boolean: 4
        case .timestamp: 5
        }
    }

    init?(code: UInt8) {
        guard let type = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = type
    }
}

/// A custom field a store declares on one kind (`define field customer.region: string
/// indexed`): its values, kept in the record's `attrs` like any custom field, must have the
/// declared type, and an indexed one keeps an index that lookups and the planner use.
///
/// Declarations belong to one store file, not to the program: they are read from the store
/// in each transaction (`ReadTransaction.customFields`). Custom fields that are not
/// declared keep working as before, with any storable type.
public final class CustomField: Sendable, Hashable {
    /// The kind that has the field.
    public let kind: RecordKind
    /// The field's name, without `attrs.`: `region`.
    public let name: String
    /// The type of its values.
    public let type: CustomFieldType
    /// The field as the schema's other layers see it: named `attrs.NAME`, of `type`.
    public let schema: FieldSchema
    /// Its index, when declared `indexed`: named `customer.attrs.region`, text folded so
    /// that lookups ignore case as every text compare does.
    public let index: IndexSchema?

    /// The declaration of `kind`'s field `name`; `indexed` only for an indexable type.
    init(kind: RecordKind, name: String, type: CustomFieldType, indexed: Bool) {
        self.kind = kind
        self.name = name
        self.type = type
        let schema = FieldSchema(name: "attrs." + name, number: 0, type: type.fieldType)
        self.schema = schema
        if indexed, type.isIndexable {
            let part: IndexPart = type == .string ? .folded(schema.name) : .value(schema.name)
            index = IndexSchema(
                custom: kind.rawValue + "." + schema.name, kind: kind, part: part, field: schema,
                keyPrefix: Self.keyPrefix(kind, name))
        } else {
            index = nil
        }
    }

    /// Whether the field keeps an index.
    public var indexed: Bool { index != nil }

    /// `customer.region: string indexed`, as `define field` takes it.
    public var declaration: String {
        "\(kind.rawValue).\(name): \(type.rawValue)" + (indexed ? " indexed" : "")
    }

    /// Declarations are equal when they declare the same thing.
    public static func == (a: CustomField, b: CustomField) -> Bool {
        a.kind == b.kind && a.name == b.name && a.type == b.type && a.indexed == b.indexed
    }

    /// Hashes the kind and name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(name)
    }

    // MARK: - Stored form

    /// Where declarations live in the `meta` table: this prefix, the kind, a dot, the name.
    static let metaPrefix = Array("field.".utf8)

    /// The declaration's key in `meta`.
    var metaKey: [UInt8] { Self.metaPrefix + Array("\(kind.rawValue).\(name)".utf8) }

    /// The declaration's value in `meta`: a version byte, the type's code, and a flags byte
    /// (1 when indexed).
    var metaValue: [UInt8] { [1, type.code, indexed ? 1 : 0] }

    /// The declaration stored under `key` with `value`, or nil when either is damaged or
    /// from a newer version (then the field reads as undeclared, which loses no data).
    static func decode(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> CustomField? {
        guard key.count > metaPrefix.count, value.count >= 3, value[0] == 1,
            let type = CustomFieldType(code: value[1])
        else { return nil }
        let text = String(decoding: key[metaPrefix.count...], as: UTF8.self)
        guard let dot = text.firstIndex(of: "."), let kind = RecordKind(rawValue: String(text[..<dot])) else {
            return nil
        }
        let name = String(text[text.index(after: dot)...])
        guard !name.isEmpty else { return nil }
        return CustomField(kind: kind, name: name, type: type, indexed: value[2] & 1 == 1)
    }

    /// The prefix of every key of the field's index in the shared custom index table: the
    /// kind's code and the name, so that each field's entries are one range.
    static func keyPrefix(_ kind: RecordKind, _ name: String) -> [UInt8] {
        var key = OrderedKey()
        key.append(kind.code)
        key.append(name)
        return key.bytes
    }
}
