/// One stored field of a record kind, as declared once in the kind's declaration: its name,
/// its number on disk, its type and the rules its values keep. Every layer reads it from
/// here: the record format, validation, indexes, the query language's names and types,
/// `.schema`, completion, import and export.
public final class FieldSchema: Sendable {
    /// The name queries and results use: `due`, `tier`.
    public let name: String
    /// The field's number on disk. Numbers 1 to 15 belong to what every record has; each
    /// kind numbers its own fields from 16. Never reuse or change one: files keep them.
    public let number: Int
    /// The type of its values.
    public let type: FieldType
    /// What a record without the field holds: null for an optional field, the default for
    /// one with a default (`tier` is `standard`).
    public let defaultValue: FieldValue
    /// Whether an insert must give it.
    public let required: Bool
    /// Whether `insert` and `update ... set` may assign it (false for what the store sets).
    public let writable: Bool
    /// The checks a value must pass, beyond its type.
    public let rule: FieldRule
    /// A value the store fills in on insert when none is given (`at` and `made`: now).
    public let fill: FieldFill?
    /// For a timestamp: whether a bare date given for it means the end of that day (a due
    /// date) rather than its start.
    public let dateMeansEndOfDay: Bool
    /// The field's position among the kind's stored fields: where a record view finds it.
    public let slot: Int
    /// Whether `defaultValue` is other than null: a record does not store a default.
    let hasDefault: Bool
    /// The slot of the field whose value a record without this one shows, instead of its
    /// default: `created` for `updated` (a record never changed was last changed when it was
    /// made, and does not store the time twice); nil for every other field.
    public let absentSlot: Int?

    init(
        name: String,
        number: Int,
        type: FieldType,
        defaultValue: FieldValue = .null,
        required: Bool = false,
        writable: Bool = true,
        rule: FieldRule = .none,
        fill: FieldFill? = nil,
        dateMeansEndOfDay: Bool = false
    ) {
        self.name = name
        self.number = number
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
        self.writable = writable
        self.rule = rule
        self.fill = fill
        self.dateMeansEndOfDay = dateMeansEndOfDay
        slot = FieldSchema.slot(ofNumber: number)
        if case .null = defaultValue { hasDefault = false } else { hasDefault = true }
        absentSlot = number == CommonField.updated ? FieldSchema.slot(ofNumber: CommonField.created) : nil
    }

    /// The slot of a field number: the fields every record has (1 to 4) are slots 0 to 3, and
    /// a kind's own fields (from 16) follow at 4, so that a record's bitmap takes few bytes.
    /// Numbers 5 to 15 are kept for fields every record may gain; they map to slots 52 to 62.
    static func slot(ofNumber number: Int) -> Int {
        switch number {
        case 1...4: number - 1
        case 5...15: number + 47
        default: number - 12
        }
    }
}

// A class, so that the many copies every read and write makes of a field are one
// reference each, not a copy of its name, type and rules.
extension FieldSchema: Hashable {
    /// Fields are equal when their names and numbers are (and so their types).
    public static func == (a: FieldSchema, b: FieldSchema) -> Bool {
        a.number == b.number && a.name == b.name && a.type == b.type
    }
    /// Hashes the name and number.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
        hasher.combine(name)
    }
}

/// What a field's values must be, beyond their type; each rule has one message.
public enum FieldRule: Sendable, Equatable {
    /// Nothing more.
    case none
    /// Text that goes into an index key or a compare: short, no control characters.
    case indexedText
    /// An email address, checked lightly.
    case email
    /// A phone number, checked lightly.
    case phone
    /// A whole number within the range.
    case range(ClosedRange<Int64>)
    /// A reference to a record that must belong to the same record as this one's field
    /// called so (a promise's interaction must be with the promise's customer).
    case sameOwner(String)
    /// Text that names an existing record of the kind by its unique name (a holiday's
    /// calendar).
    case names(RecordKind)
    /// A date, `YYYY-MM-DD`.
    case date
    /// An offset of time: a whole number and a unit (`24bh`, `5bd`, `48h`, `30min`, `2w`).
    case offset
}

/// A value the store sets when an insert does not give one.
public enum FieldFill: Sendable, Equatable {
    /// The transaction's "now".
    case now
}
