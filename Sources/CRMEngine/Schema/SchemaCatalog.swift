import CRMQuery
import CRMStore

/// One field of an entity as tools show it: for a shell's `.schema` and tab completion.
public struct SchemaField: Sendable, Equatable {
    /// The name queries use: `due`, `last_contact`, `tier`.
    public let name: String
    /// The type in words: `string`, `timestamp`, `enum`, `customer id`, `decimal`...
    public let type: String
    /// The values of an enum field, in their order; empty for other types.
    public let values: [String]
    /// Whether an insert must give it.
    public let required: Bool
    /// Whether the store computes it (read-only, shown only with `select`).
    public let derived: Bool
    /// Whether `insert` and `update ... set` may assign it.
    public let writable: Bool
    /// Whether the store keeps an index of it: a declared custom field's `indexed`. (The
    /// declared fields' own indexes show in `explain`.)
    public var indexed = false
}

/// The public description of the query language's schema: the same table the engine
/// checks statements against, so a shell's completion and `.schema` cannot drift from it.
public enum SchemaCatalog {
    /// The fields of `entity` in result order (`id`, the fields of SPEC.md section 2, `tags`,
    /// `created`, `updated`), then its derived fields.
    public static func fields(of entity: Entity) -> [SchemaField] {
        let required = Set(entity.schema.requiredFields.map(\.name))
        return Schema.fields(of: entity).map { field in
            SchemaField(
                name: field.name,
                type: field.type.name,
                values: field.type.enumNames,
                required: required.contains(field.name),
                derived: field.derived,
                writable: field.writable
            )
        }
    }

    /// The custom fields `store` declares on `entity` (`define field`), named `attrs.NAME`,
    /// by name: for `.schema` and completion beside `fields(of:)`.
    public static func customFields(of entity: Entity, in store: Store) throws -> [SchemaField] {
        try store.read { try $0.customFields() }.fields(of: RecordKind(entity)).map { field in
            var described = SchemaField(
                name: "attrs." + field.name, type: field.type.rawValue, values: [], required: false,
                derived: false, writable: true)
            described.indexed = field.indexed
            return described
        }
    }

    /// The relations of `entity`, each with the entity it leads to and whether it leads to
    /// many records (for `any`, `none`, `count`, `with`) or one (for paths like `customer.tier`).
    public static func relations(of entity: Entity) -> [(name: String, target: Entity, toMany: Bool)] {
        Schema.relations(of: entity).map { ($0.name, Entity($0.target), $0.toMany) }
    }
}
