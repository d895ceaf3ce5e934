import CRMQuery
import CRMStore

/// A field the query language can name on a record: its id, a stored field, a derived one,
/// or a custom field `attrs.NAME`. Each comes from the kind's declaration (`RecordSchema`),
/// so that reading a field from a record is a switch, not a search by name per row.
enum FieldRef: Hashable, Sendable {
    /// The record's id (the key, not a stored field).
    case id
    /// A stored field.
    case stored(FieldSchema)
    /// A derived field.
    case derived(DerivedField)
    /// A custom field.
    case attribute(String)

    /// The stored field, when it is one.
    var stored: FieldSchema? {
        if case .stored(let field) = self { return field }
        return nil
    }
}

/// One field of an entity as the query language sees it.
struct FieldInfo: Sendable {
    /// The name as written in queries: `due`, `last_contact`.
    let name: String
    /// What it is.
    let ref: FieldRef
    /// The type of its values.
    let type: FieldType
    /// Whether `insert` and `update ... set` may assign it.
    let writable: Bool
    /// Whether it is computed (not shown by default; only with `select`).
    let derived: Bool

    /// The id.
    static let id = FieldInfo(name: "id", ref: .id, type: .integer, writable: false, derived: false)

    /// A stored field.
    init(_ field: FieldSchema) {
        self.init(
            name: field.name, ref: .stored(field), type: field.type, writable: field.writable, derived: false)
    }

    /// A derived field.
    init(_ field: DerivedField) {
        self.init(name: field.name, ref: .derived(field), type: field.type, writable: false, derived: true)
    }

    /// A custom field: of its declared type when the store declares it (`define field`),
    /// else of any type.
    init(attribute name: String, declared: CustomField? = nil) {
        self.init(
            name: "attrs." + (declared?.name ?? name), ref: .attribute(declared?.name ?? name),
            type: declared?.type.fieldType ?? .custom, writable: true, derived: false)
    }

    private init(name: String, ref: FieldRef, type: FieldType, writable: Bool, derived: Bool) {
        self.name = name
        self.ref = ref
        self.type = type
        self.writable = writable
        self.derived = derived
    }
}

extension RecordKind {
    /// The kind an entity of the query language names.
    init(_ entity: Entity) {
        switch entity {
        case .customer: self = .customer
        case .interaction: self = .interaction
        case .promise: self = .promise
        case .calendar: self = .calendar
        case .holiday: self = .holiday
        case .policy: self = .policy
        case .view: self = .view
        }
    }
}

extension Entity {
    /// The entity that names records of `kind`.
    init(_ kind: RecordKind) {
        switch kind {
        case .customer: self = .customer
        case .interaction: self = .interaction
        case .promise: self = .promise
        case .calendar: self = .calendar
        case .holiday: self = .holiday
        case .policy: self = .policy
        case .view: self = .view
        }
    }

    /// The entity's declared schema.
    var schema: RecordSchema { RecordKind(self).schema }
}
