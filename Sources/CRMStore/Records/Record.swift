/// The three kinds of record the store keeps.
public enum RecordKind: String, CaseIterable, Sendable, Hashable {
    /// A person or organization we do business with.
    case customer
    /// One contact with a customer.
    case interaction
    /// A promise made to or by a customer.
    case promise

    /// The one-byte code used in history keys.
    var code: UInt8 {
        switch self {
        case .customer: 1
        case .interaction: 2
        case .promise: 3
        }
    }

    init?(code: UInt8) {
        guard let kind = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = kind
    }
}

/// What every record has: an id the store assigns, the times the store sets, tags and
/// custom fields; and a binary form.
public protocol Record: Sendable, Equatable {
    /// Which kind of record this is.
    static var kind: RecordKind { get }
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

    /// The record's own fields by name and value, in the order of SPEC.md section 2
    /// (without `id`, `tags`, `attrs`, `created`, `updated`).
    var fieldValues: [(name: String, value: FieldValue)] { get }

    /// Checks the record's own fields, and returns it with tags tidied.
    ///
    /// - Throws: `StoreError` `.missingField` or `.invalidValue` naming the field.
    func validated() throws(StoreError) -> Self

    /// The binary form stored in the file.
    func encoded() -> [UInt8]

    /// Reads the binary form back.
    ///
    /// - Throws: `StoreError` `.corrupt` for damaged bytes, `.unsupportedFormat` for a newer
    ///   record format.
    init(id: Int64, decoding bytes: UnsafeRawBufferPointer) throws(StoreError)

    /// Reads only the fields in `mask` (see `fieldMask(for:)`); the others keep their
    /// defaults. For testing conditions on many candidates without building every string
    /// of every record; read the whole record for the ones that are kept.
    init(id: Int64, decoding bytes: UnsafeRawBufferPointer, mask: UInt64) throws(StoreError)

    /// The stored field numbers of fields by name (`subject`, `tags`, `attrs`, `created`...).
    static var fieldNumbers: [String: Int] { get }
}

extension Record {
    /// The mask that reads the fields called `names`, or nil when a name is not a stored
    /// field (then read the whole record).
    public static func fieldMask(for names: some Sequence<String>) -> UInt64? {
        var mask: UInt64 = 0
        for name in names {
            guard let number = fieldNumbers[name], number < 64 else { return nil }
            mask |= 1 << UInt64(number)
        }
        return mask
    }
}

/// Field numbers every record shares, by name.
let commonFieldNumbers: [String: Int] = ["created": 1, "updated": 2, "tags": 3, "attrs": 4]

extension Record {
    /// "customer 42".
    var subject: String { "\(Self.kind.rawValue) \(id)" }

    /// Every field as history records it: the record's own, then `tags`, then one entry per
    /// custom field as `attrs.NAME`.
    var historyValues: [(name: String, value: FieldValue)] {
        var values = fieldValues
        values.append(("tags", tags.isEmpty ? .null : .list(tags)))
        for (name, value) in attrs.sorted(by: { $0.key < $1.key }) {
            values.append((HistoryReplay.customFieldPrefix + name, value))
        }
        return values
    }

    /// The common fields' rules: tags and custom fields.
    func validatedCommon() throws(StoreError) -> Self {
        var copy = self
        copy.tags = try Validation.tags(tags)
        try Validation.attrs(attrs)
        return copy
    }
}

/// Helpers that turn optional fields into history values.
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
