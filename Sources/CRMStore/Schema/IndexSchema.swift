/// A secondary index as a kind's declaration states it: its name, key parts, carried
/// fields, filter and selectivity, by field name. `RecordSchema` resolves it into an
/// `IndexSchema`.
public struct IndexDeclaration: Sendable {
    let name: String
    let parts: [IndexPart]
    let carried: [String]
    let filter: (field: String, value: FieldValue)?
    let selectivity: IndexSelectivity
    let unique: Bool

    init(
        _ name: String, _ parts: [IndexPart], carrying carried: [String] = [],
        only filter: IndexFilterDeclaration? = nil, unique: Bool = false, selectivity: IndexSelectivity
    ) {
        self.name = name
        self.parts = parts
        self.carried = carried
        self.filter = filter.map { ($0.field, $0.value) }
        self.unique = unique
        self.selectivity = selectivity
    }
}

/// The records an index holds, as a declaration states it: those whose field has the value.
public struct IndexFilterDeclaration: Sendable {
    let field: String
    let value: FieldValue
}

/// A secondary index, declared as data: the key parts (record fields, perhaps folded), the
/// fields its entries carry in their value, and which records it holds. Index maintenance,
/// lookups, covered reads, the planner's matching and `explain` all derive from it.
///
/// An entry's key is the parts in order-preserving form, then the record's id; a part over
/// `tags` makes one entry per tag.
public final class IndexSchema: Sendable, Hashable {
    /// The index's name, which is also its table's: `customer.tier`, `promise.status_due`.
    public let name: String
    /// The kind of record it holds.
    public let kind: RecordKind
    /// The key parts, in key order.
    public let parts: [IndexPart]
    /// The stored field of each part, in key order.
    public let partFields: [FieldSchema]
    /// Fields each entry's value carries (a promise's customer), so that conditions on them
    /// are answered without reading the record.
    public let carried: [String]
    /// The stored fields of `carried`.
    public let carriedFields: [FieldSchema]
    /// Only records whose field has this value are in the index (pending promises only).
    public let filter: IndexFilter?
    /// How few records one key value picks, for the planner's choice between indexes.
    public let selectivity: IndexSelectivity
    /// Whether no two records may have the same key parts (a calendar's name): a write that
    /// would give two is refused.
    public let unique: Bool
    /// The index's position among the kind's indexes; -1 for a custom field's index.
    public let position: Int
    /// What every key of the index starts with: empty for a declared index (it has a table
    /// of its own); the kind and field name for a custom field's, which shares one table
    /// with the others (`CustomField.keyPrefix`).
    public let keyPrefix: [UInt8]

    /// Whether the index is a custom field's (`define field ... indexed`).
    public var isCustom: Bool { position < 0 }

    /// Resolves `declaration` against the kind's stored fields; nil when it names a field
    /// the kind does not have (a mistake in the declaration, caught by the tests).
    init?(_ declaration: IndexDeclaration, kind: RecordKind, position: Int, fields: (String) -> FieldSchema?)
    {
        guard let partFields = Optional(declaration.parts.compactMap({ fields($0.field) })),
            partFields.count == declaration.parts.count
        else { return nil }
        let carriedFields = declaration.carried.compactMap { fields($0) }
        guard carriedFields.count == declaration.carried.count else { return nil }
        name = declaration.name
        self.kind = kind
        parts = declaration.parts
        self.partFields = partFields
        carried = declaration.carried
        self.carriedFields = carriedFields
        if let (name, value) = declaration.filter {
            guard let field = fields(name) else { return nil }
            filter = IndexFilter(field: name, value: value, schema: field)
        } else {
            filter = nil
        }
        selectivity = declaration.selectivity
        unique = declaration.unique
        self.position = position
        keyPrefix = []
    }

    /// The index of a custom field: one part, no carried fields, no filter; its entries
    /// live in the shared custom index table under `keyPrefix`.
    init(custom name: String, kind: RecordKind, part: IndexPart, field: FieldSchema, keyPrefix: [UInt8]) {
        self.name = name
        self.kind = kind
        parts = [part]
        partFields = [field]
        carried = []
        carriedFields = []
        filter = nil
        selectivity = .some
        unique = false
        position = -1
        self.keyPrefix = keyPrefix
    }

    /// Indexes are equal when their names are (a name is the index's table).
    public static func == (a: IndexSchema, b: IndexSchema) -> Bool { a === b || a.name == b.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// One part of an index key: a field, as stored or folded.
public struct IndexPart: Sendable, Hashable {
    /// The field's name.
    public let field: String
    /// How the value is turned into the key.
    public let transform: KeyTransform

    /// The field's value as it is.
    public static func value(_ field: String) -> IndexPart { IndexPart(field: field, transform: .value) }
    /// The field's text case-folded: lookups ignore case.
    public static func folded(_ field: String) -> IndexPart { IndexPart(field: field, transform: .folded) }
    /// A phone number's digits (and a leading +).
    public static func phone(_ field: String) -> IndexPart {
        IndexPart(field: field, transform: .phoneDigits)
    }
}

/// How a field's value becomes a key part.
public enum KeyTransform: Sendable, Hashable {
    /// As it is: the key part reads back as the value.
    case value
    /// Text case-folded; the key part does not give the value back.
    case folded
    /// A phone number's digits with a leading + kept; the key part does not give the value back.
    case phoneDigits
}

/// The records an index holds: those whose field has the value.
public struct IndexFilter: Sendable, Hashable {
    /// The field's name.
    public let field: String
    /// The value.
    public let value: FieldValue
    /// The field.
    public let schema: FieldSchema
}

/// How many records one value of an index's leading parts picks, roughly: the planner
/// prefers the index that picks the fewest.
public enum IndexSelectivity: Int, Sendable, Hashable, Comparable {
    /// About one record (an email, a name).
    case unique = 1
    /// The records of one other record (a customer's interactions).
    case owned = 3
    /// A few records of many (a city, an owner, a tag).
    case some = 5
    /// A share of the table (a tier, a status, a kind).
    case many = 8
    /// Every record (a time index, walked by range).
    case all = 9

    /// Fewer records picked first.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
