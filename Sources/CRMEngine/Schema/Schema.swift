import CRMQuery
import CRMStore

/// The fields and relations of each entity: what names a query may use and what they mean.
enum Schema {
    /// The fields of `entity` in result order: `id`, the fields of SPEC.md section 2, `tags`,
    /// `created`, `updated`; then the derived fields.
    static func fields(of entity: Entity) -> [FieldInfo] {
        switch entity {
        case .customer: customerFields
        case .interaction: interactionFields
        case .promise: promiseFields
        }
    }

    /// The relations of `entity`.
    static func relations(of entity: Entity) -> [RelationInfo] {
        switch entity {
        case .customer:
            [
                RelationInfo(name: "interactions", target: .interaction, toMany: true, field: nil),
                RelationInfo(name: "promises", target: .promise, toMany: true, field: nil),
            ]
        case .interaction:
            [
                RelationInfo(name: "customer", target: .customer, toMany: false, field: .interactionCustomer),
                RelationInfo(name: "promises", target: .promise, toMany: true, field: nil),
            ]
        case .promise:
            [
                RelationInfo(name: "customer", target: .customer, toMany: false, field: .promiseCustomer),
                RelationInfo(
                    name: "interaction", target: .interaction, toMany: false, field: .promiseInteraction),
            ]
        }
    }

    /// The field called `name` (case-insensitive), or nil.
    static func field(_ name: String, of entity: Entity) -> FieldInfo? {
        let lowered = name.lowercased()
        return fields(of: entity).first { $0.name == lowered }
    }

    /// The relation called `name`, accepting singular or plural, or nil.
    static func relation(_ name: String, of entity: Entity) -> RelationInfo? {
        let lowered = name.lowercased()
        return relations(of: entity).first {
            $0.name == lowered || $0.name == lowered + "s" || $0.name + "s" == lowered
        }
    }

    /// The columns a `find` or `get` shows when no `select` is given.
    static func defaultColumns(of entity: Entity) -> [FieldInfo] {
        switch entity {
        case .customer: defaultCustomerColumns
        case .interaction: defaultInteractionColumns
        case .promise: defaultPromiseColumns
        }
    }

    // Kept once: every `get` and `find` asks for them.
    private static let defaultCustomerColumns = customerFields.filter { !$0.derived }
    private static let defaultInteractionColumns = interactionFields.filter { !$0.derived }
    private static let defaultPromiseColumns = promiseFields.filter { !$0.derived }

    /// Every name a query may use on `entity`, for "did you mean" suggestions.
    static func names(of entity: Entity) -> [String] {
        fields(of: entity).map(\.name) + relations(of: entity).map(\.name) + ["attrs"]
    }

    private static func enumeration<E: RecordEnum>(_ type: E.Type) -> FieldType {
        .enumeration(E.allCases.map(\.name))
    }

    private static let common: (head: [FieldInfo], tail: [FieldInfo]) = (
        [FieldInfo("id", .id, .integer, writable: false)],
        [
            FieldInfo("tags", .tags, .tags),
            FieldInfo("created", .created, .timestamp, writable: false),
            FieldInfo("updated", .updated, .timestamp, writable: false),
        ]
    )

    private static let customerFields: [FieldInfo] =
        common.head + [
            FieldInfo("name", .name, .string),
            FieldInfo("kind", .customerKind, enumeration(CustomerKind.self)),
            FieldInfo("tier", .tier, enumeration(CustomerTier.self)),
            FieldInfo("status", .customerStatus, enumeration(CustomerStatus.self)),
            FieldInfo("company", .company, .string),
            FieldInfo("email", .email, .string),
            FieldInfo("phone", .phone, .string),
            FieldInfo("city", .city, .string),
            FieldInfo("address", .address, .string),
            FieldInfo("owner", .customerOwner, .string),
            FieldInfo("verified", .verified, .timestamp),
            FieldInfo("note", .customerNote, .string),
        ] + common.tail + [
            FieldInfo("last_contact", .lastContact, .timestamp, writable: false, derived: true),
            FieldInfo("open_promises", .openPromises, .integer, writable: false, derived: true),
            FieldInfo("overdue_promises", .overduePromises, .integer, writable: false, derived: true),
            FieldInfo("satisfaction", .satisfaction, .real, writable: false, derived: true),
        ]

    private static let interactionFields: [FieldInfo] =
        common.head + [
            FieldInfo("customer", .interactionCustomer, .reference(.customer)),
            FieldInfo("kind", .interactionKind, enumeration(InteractionKind.self)),
            FieldInfo("channel", .channel, enumeration(Channel.self)),
            FieldInfo("direction", .interactionDirection, enumeration(InteractionDirection.self)),
            FieldInfo("at", .at, .timestamp),
            FieldInfo("by", .by, .string),
            FieldInfo("subject", .subject, .string),
            FieldInfo("body", .body, .string),
            FieldInfo("score", .score, .integer),
            FieldInfo("urgent", .urgent, .bool),
        ] + common.tail

    private static let promiseFields: [FieldInfo] =
        common.head + [
            FieldInfo("customer", .promiseCustomer, .reference(.customer)),
            FieldInfo("title", .title, .string),
            FieldInfo("direction", .promiseDirection, enumeration(PromiseDirection.self)),
            FieldInfo("owner", .promiseOwner, .string),
            FieldInfo("made", .made, .timestamp),
            FieldInfo("due", .due, .timestamp),
            FieldInfo("status", .promiseStatus, enumeration(PromiseStatus.self)),
            FieldInfo("resolved", .resolved, .timestamp),
            FieldInfo("interaction", .promiseInteraction, .reference(.interaction)),
            FieldInfo("amount", .amount, .decimal),
            FieldInfo("remedy", .remedy, .string),
            FieldInfo("ref", .ref, .string),
            FieldInfo("note", .promiseNote, .string),
        ] + common.tail + [
            FieldInfo("overdue", .overdue, .bool, writable: false, derived: true),
            FieldInfo("kept_late", .keptLate, .bool, writable: false, derived: true),
            FieldInfo("late_by", .lateBy, .duration, writable: false, derived: true),
        ]
}
