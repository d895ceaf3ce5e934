import CRMQuery
import CRMStore

/// Every field the query language can name, across the three entities: stored fields,
/// the store-set ones (`id`, `created`, `updated`), derived ones and custom `attrs.NAME`.
///
/// An enum rather than a string, so that reading a field from a record is a switch, not a
/// string comparison per row.
enum FieldID: Hashable, Sendable {
    case id, created, updated, tags
    case attribute(String)
    // Customer.
    case name, customerKind, tier, customerStatus, company, email, phone, city, address, customerOwner
    case verified, customerNote
    case lastContact, openPromises, overduePromises, satisfaction
    // Interaction.
    case interactionCustomer, interactionKind, channel, interactionDirection, at, by, subject, body, score
    case urgent
    // Promise.
    case promiseCustomer, title, promiseDirection, promiseOwner, made, due, promiseStatus, resolved
    case promiseInteraction, amount, remedy, ref, promiseNote
    case overdue, keptLate, lateBy
}

/// The type of a field's values, for checking what a query compares it with.
enum FieldType: Equatable, Sendable {
    case string
    case integer
    case decimal
    case bool
    case timestamp
    case duration
    case real
    /// An enum, with its names in code order.
    case enumeration([String])
    /// The id of a record of an entity.
    case reference(Entity)
    case tags
    /// A custom field: any storable type, checked when the value is read.
    case attribute

    /// A word for messages: "a timestamp", "an integer".
    var article: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .decimal: "a decimal"
        case .bool: "a boolean"
        case .timestamp: "a timestamp"
        case .duration: "a duration"
        case .real: "a number"
        case .enumeration: "an enum value"
        case .reference(let entity): "a \(entity.rawValue) id"
        case .tags: "a set of tags"
        case .attribute: "a custom field"
        }
    }
}

/// One field of an entity as the query language sees it.
struct FieldInfo: Sendable {
    /// The name as written in queries: `due`, `last_contact`.
    let name: String
    let id: FieldID
    let type: FieldType
    /// Whether `insert` and `update ... set` may assign it.
    let writable: Bool
    /// Whether it is computed (not shown by default; only with `select`).
    let derived: Bool

    init(_ name: String, _ id: FieldID, _ type: FieldType, writable: Bool = true, derived: Bool = false) {
        self.name = name
        self.id = id
        self.type = type
        self.writable = writable
        self.derived = derived
    }
}

/// A link from one entity to another: `promise.customer`, `customer.interactions`.
struct RelationInfo: Sendable {
    let name: String
    let target: Entity
    /// Whether it leads to many records (usable in `any`, `none`, `count` and `with`) or to
    /// one (usable in paths such as `customer.tier`).
    let toMany: Bool
    /// For a to-one relation, the field that holds the target's id.
    let field: FieldID?
}
