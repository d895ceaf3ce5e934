import CRMQuery
import CRMStore

/// The fields of each entity as the shell shows them (`.schema`) and completes them (TAB).
///
/// The engine's own `Schema` is internal to CRMEngine, so this is a copy of SPEC.md
/// section 2; enum values come from CRMStore's enums, so they cannot drift.
enum ShellSchema {
    /// One field: its name, its type as `.schema` prints it, and its enum values, if any.
    struct Field {
        /// The name queries use.
        let name: String
        /// The type in words: `string`, `timestamp`, `customer id`, `enum`...
        let type: String
        /// The values of an enum field; empty for other types.
        let values: [String]
        /// Whether the store computes it (read-only, shown only with `select`).
        let derived: Bool

        /// A field called `name` of `type`, with enum `values`, derived or not.
        init(_ name: String, _ type: String, values: [String] = [], derived: Bool = false) {
            self.name = name
            self.type = type
            self.values = values
            self.derived = derived
        }

        /// An enum field whose values are the cases of `type`.
        init<E: RecordEnum>(_ name: String, _ type: E.Type) {
            self.init(name, "enum", values: E.allCases.map(\.name))
        }
    }

    /// The fields of `entity` in result order, then its derived fields.
    static func fields(of entity: Entity) -> [Field] {
        switch entity {
        case .customer: customer
        case .interaction: interaction
        case .promise: promise
        }
    }

    /// The relations of `entity` and the entity each leads to.
    static func relations(of entity: Entity) -> [(name: String, target: Entity)] {
        switch entity {
        case .customer: [("interactions", .interaction), ("promises", .promise)]
        case .interaction: [("customer", .customer), ("promises", .promise)]
        case .promise: [("customer", .customer), ("interaction", .interaction)]
        }
    }

    /// The entity the relation `name` of `entity` leads to (singular or plural), or nil.
    static func target(of name: String, from entity: Entity) -> Entity? {
        let lowered = name.lowercased()
        return relations(of: entity).first { $0.name == lowered || $0.name == lowered + "s" }?.target
    }

    /// Every field name of every entity, without repeats.
    static let allFieldNames: [String] = unique(Entity.allCases.flatMap { fields(of: $0).map(\.name) })

    /// Every enum value of every entity, without repeats.
    static let allEnumValues: [String] = unique(Entity.allCases.flatMap { fields(of: $0).flatMap(\.values) })

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    private static let head = [Field("id", "integer (assigned by the store)")]
    private static let tail = [
        Field("tags", "set of strings"), Field("created", "timestamp (set by the store)"),
        Field("updated", "timestamp (set by the store)"),
    ]

    private static let customer: [Field] =
        head + [
            Field("name", "string (required)"), Field("kind", CustomerKind.self),
            Field("tier", CustomerTier.self), Field("status", CustomerStatus.self),
            Field("company", "string"), Field("email", "string"), Field("phone", "string"),
            Field("city", "string"), Field("address", "string"), Field("owner", "string"),
            Field("verified", "timestamp"), Field("note", "string"),
        ] + tail + [
            Field("last_contact", "timestamp", derived: true),
            Field("open_promises", "integer", derived: true),
            Field("overdue_promises", "integer", derived: true),
            Field("satisfaction", "number (mean score)", derived: true),
        ]

    private static let interaction: [Field] =
        head + [
            Field("customer", "customer id (required)"), Field("kind", InteractionKind.self),
            Field("channel", Channel.self), Field("direction", InteractionDirection.self),
            Field("at", "timestamp"), Field("by", "string"), Field("subject", "string"),
            Field("body", "string"), Field("score", "integer 1..5"), Field("urgent", "boolean"),
        ] + tail

    private static let promise: [Field] =
        head + [
            Field("customer", "customer id (required)"), Field("title", "string (required)"),
            Field("direction", PromiseDirection.self), Field("owner", "string"),
            Field("made", "timestamp"), Field("due", "timestamp (required)"),
            Field("status", PromiseStatus.self), Field("resolved", "timestamp"),
            Field("interaction", "interaction id"), Field("amount", "decimal"),
            Field("remedy", "string"), Field("ref", "string"), Field("note", "string"),
        ] + tail + [
            Field("overdue", "boolean", derived: true), Field("kept_late", "boolean", derived: true),
            Field("late_by", "duration", derived: true),
        ]
}
