/// The three kinds of record the store keeps.
public enum RecordKind: String, CaseIterable, Sendable, Hashable {
    /// A person or organization we do business with.
    case customer
    /// One contact with a customer.
    case interaction
    /// A promise made to or by a customer.
    case promise
    /// A working calendar (`WorkCalendar`).
    case calendar
    /// Days off or make-up working days of a calendar (`Holiday`).
    case holiday
    /// A service-level policy that makes promises by itself (`Policy`).
    case policy
    /// A saved statement (`SavedView`).
    case view

    /// The one-byte code used in keys. Never change one: files keep them.
    var code: UInt8 {
        switch self {
        case .customer: 1
        case .interaction: 2
        case .promise: 3
        case .calendar: 4
        case .holiday: 5
        case .policy: 6
        case .view: 7
        }
    }

    init?(code: UInt8) {
        guard let kind = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = kind
    }
}

/// What every record has: an id the store assigns, the times the store sets, tags and
/// custom fields; and its kind's declaration, from which its binary form, validation and
/// indexes follow.
public protocol Record: Sendable, Equatable {
    /// Which kind of record this is.
    static var kind: RecordKind { get }
    /// The kind's one declaration: fields, derived fields, indexes, relations.
    static var declaration: RecordDeclaration<Self> { get }
    /// A positive integer the store assigns on insert and never reuses; 0 before insert.
    var id: Int64 { get set }
    /// When the record was inserted; set by the store.
    var created: Timestamp { get set }
    /// When the record last changed; set by the store.
    var updated: Timestamp { get set }
    /// A set of short strings, kept in the order given, without duplicates.
    var tags: [String] { get set }
    /// Custom fields, queried as `attrs.NAME`: strings, integers, decimals, booleans or
    /// timestamps.
    var attrs: [String: FieldValue] { get set }
}

extension Record {
    /// The kind's schema.
    public static var schema: RecordSchema { declaration.schema }

    /// The record's stored values.
    public var storedValues: RecordValues { Self.declaration.values(of: self) }

    /// The record with `values`.
    ///
    /// - Throws: `.invalidValue` for a value not of its field's type.
    public init(values: RecordValues) throws(StoreError) {
        self = try Self.declaration.record(from: values)
    }

    /// The record's own fields by name and value, in the order of SPEC.md section 2
    /// (without `id`, `tags`, `attrs`, `created`, `updated`).
    public var fieldValues: [(name: String, value: FieldValue)] {
        let values = storedValues
        return Self.schema.ownFields.map { ($0.name, values[$0]) }
    }

    /// Checks the record's fields against its declaration, and returns it with tags tidied.
    ///
    /// - Throws: `StoreError` `.missingField` or `.invalidValue` naming the field.
    public func validated() throws(StoreError) -> Self {
        try Self(values: try Validation.validate(storedValues))
    }

    /// The binary form stored in the file (see `RecordFormat`).
    public func encoded() -> [UInt8] {
        RecordEncoder.encode(storedValues, Self.schema)
    }

    /// Reads the binary form back (of the current format, whose checksum is checked, or of
    /// format 2 or 1, written before checksums).
    ///
    /// - Throws: `StoreError` `.corrupt` for damaged bytes, `.unsupportedFormat` for a newer
    ///   record format.
    public init(id: Int64, decoding bytes: UnsafeRawBufferPointer) throws(StoreError) {
        let view = try RecordView(id: id, bytes: bytes, schema: Self.schema, arena: ByteArena())
        self = try Self(values: try view.values())
    }
}

extension Record {
    /// "customer 42".
    var subject: String { "\(Self.kind.rawValue) \(id)" }

    /// Every field as history records it (see `RecordValues.historyValues`).
    var historyValues: [(name: String, value: FieldValue)] { storedValues.historyValues }
}

/// Helpers that turn optional fields into values.
extension Optional where Wrapped == String {
    var fieldValue: FieldValue { map { .string($0) } ?? .null }
}

extension Optional where Wrapped == Timestamp {
    var fieldValue: FieldValue { map { .timestamp($0) } ?? .null }
}

extension Optional where Wrapped == ExactDecimal {
    var fieldValue: FieldValue { map { .decimal($0) } ?? .null }
}

extension Optional where Wrapped == Int64 {
    var fieldValue: FieldValue { map { .integer($0) } ?? .null }
}

extension RecordEnum {
    var fieldValue: FieldValue { .symbol(name) }
}

extension Optional where Wrapped: RecordEnum {
    var fieldValue: FieldValue { map { .symbol($0.name) } ?? .null }
}
