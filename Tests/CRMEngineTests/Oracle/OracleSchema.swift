import CRMQuery
import CRMStore

/// The type of a field, as SPEC.md section 2 gives it.
enum OracleType: Equatable {
    case text
    case integer
    case decimal
    case boolean
    case timestamp
    /// A computed mean (`satisfaction`).
    case real
    /// A computed length of time (`late_by`).
    case duration
    /// A set of short strings.
    case tags
    /// An enum, with its values in declared order: the order comparisons and sorting use.
    case enumeration([String])
    /// The id of a record of another entity.
    case reference(Entity)
}

/// One field of an entity.
struct OracleField {
    let name: String
    let type: OracleType
    /// Computed from other records, never stored (`overdue`, `open_promises`).
    var derived = false
}

/// A link from one entity to another (SPEC.md section 2, "Relations").
struct OracleRelation {
    let name: String
    let target: Entity
    /// For a to-one relation, the field of this record that holds the target's id; for a
    /// to-many one, the field of the target records that holds this record's id.
    let field: String
    let toMany: Bool
}

/// The data model of SPEC.md section 2, written out by hand from the spec.
enum OracleSchema {
    static let customerKinds = ["person", "organization"]
    static let tiers = ["standard", "key", "vip"]
    static let customerStatuses = ["prospect", "active", "inactive", "lost"]
    static let interactionKinds = [
        "call", "email", "visit", "meeting", "message", "letter", "complaint", "enquiry", "suggestion",
        "survey", "service", "care", "note",
    ]
    static let channels = ["phone", "email", "chat", "social", "in_person", "letter", "fax", "web", "other"]
    static let interactionDirections = ["inbound", "outbound"]
    static let promiseDirections = ["to_customer", "from_customer"]
    static let promiseStatuses = ["pending", "kept", "broken", "cancelled"]

    /// The fields of section 2's tables, in the table's order (which is also the order of a
    /// `find`'s default columns, between `id` and `tags`).
    static func tableFields(of entity: Entity) -> [OracleField] {
        switch entity {
        case .customer:
            [
                OracleField(name: "name", type: .text),
                OracleField(name: "kind", type: .enumeration(customerKinds)),
                OracleField(name: "tier", type: .enumeration(tiers)),
                OracleField(name: "status", type: .enumeration(customerStatuses)),
                OracleField(name: "company", type: .text),
                OracleField(name: "email", type: .text),
                OracleField(name: "phone", type: .text),
                OracleField(name: "city", type: .text),
                OracleField(name: "address", type: .text),
                OracleField(name: "owner", type: .text),
                OracleField(name: "verified", type: .timestamp),
                OracleField(name: "note", type: .text),
            ]
        case .interaction:
            [
                OracleField(name: "customer", type: .reference(.customer)),
                OracleField(name: "kind", type: .enumeration(interactionKinds)),
                OracleField(name: "channel", type: .enumeration(channels)),
                OracleField(name: "direction", type: .enumeration(interactionDirections)),
                OracleField(name: "at", type: .timestamp),
                OracleField(name: "by", type: .text),
                OracleField(name: "subject", type: .text),
                OracleField(name: "body", type: .text),
                OracleField(name: "score", type: .integer),
                OracleField(name: "urgent", type: .boolean),
            ]
        case .promise:
            [
                OracleField(name: "customer", type: .reference(.customer)),
                OracleField(name: "title", type: .text),
                OracleField(name: "direction", type: .enumeration(promiseDirections)),
                OracleField(name: "owner", type: .text),
                OracleField(name: "made", type: .timestamp),
                OracleField(name: "due", type: .timestamp),
                OracleField(name: "status", type: .enumeration(promiseStatuses)),
                OracleField(name: "resolved", type: .timestamp),
                OracleField(name: "interaction", type: .reference(.interaction)),
                OracleField(name: "amount", type: .decimal),
                OracleField(name: "remedy", type: .text),
                OracleField(name: "ref", type: .text),
                OracleField(name: "note", type: .text),
            ]
        default: []
        }
    }

    /// The derived, read-only fields of each entity.
    static func derivedFields(of entity: Entity) -> [OracleField] {
        switch entity {
        case .customer:
            [
                OracleField(name: "last_contact", type: .timestamp, derived: true),
                OracleField(name: "open_promises", type: .integer, derived: true),
                OracleField(name: "overdue_promises", type: .integer, derived: true),
                OracleField(name: "satisfaction", type: .real, derived: true),
            ]
        case .interaction: []
        case .promise:
            [
                OracleField(name: "overdue", type: .boolean, derived: true),
                OracleField(name: "kept_late", type: .boolean, derived: true),
                OracleField(name: "late_by", type: .duration, derived: true),
            ]
        default: []
        }
    }

    /// `id`, the table's fields, `tags`, `created`, `updated`: every stored field, in the
    /// order of a `find`'s default columns (SPEC.md section 3, "Results").
    static func storedFields(of entity: Entity) -> [OracleField] {
        [OracleField(name: "id", type: .integer)] + tableFields(of: entity) + [
            OracleField(name: "tags", type: .tags),
            OracleField(name: "created", type: .timestamp),
            OracleField(name: "updated", type: .timestamp),
        ]
    }

    /// The field called `name` (ignoring case), stored or derived.
    static func field(_ name: String, of entity: Entity) -> OracleField? {
        fieldsByName[entity]?[name.lowercased()]
    }

    /// Every field by name, per entity: built once, since every value read looks one up.
    private static let fieldsByName: [Entity: [String: OracleField]] = Dictionary(
        uniqueKeysWithValues: Entity.allCases.map { entity in
            let fields = storedFields(of: entity) + derivedFields(of: entity)
            return (entity, Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) }))
        })

    static func relations(of entity: Entity) -> [OracleRelation] {
        switch entity {
        case .customer:
            [
                OracleRelation(name: "interactions", target: .interaction, field: "customer", toMany: true),
                OracleRelation(name: "promises", target: .promise, field: "customer", toMany: true),
            ]
        case .interaction:
            [
                OracleRelation(name: "customer", target: .customer, field: "customer", toMany: false),
                OracleRelation(name: "promises", target: .promise, field: "interaction", toMany: true),
            ]
        case .promise:
            [
                OracleRelation(name: "customer", target: .customer, field: "customer", toMany: false),
                OracleRelation(
                    name: "interaction", target: .interaction, field: "interaction", toMany: false),
            ]
        default: []
        }
    }

    /// The relation called `name` (ignoring case; singular or plural).
    static func relation(_ name: String, of entity: Entity) -> OracleRelation? {
        let lowered = name.lowercased()
        return relations(of: entity).first {
            $0.name == lowered || $0.name == lowered + "s" || $0.name + "s" == lowered
        }
    }
}
