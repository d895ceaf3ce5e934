import CRMEngine
import CRMQuery
import CRMStore

/// The fields of each entity as the shell shows them (`.schema`) and completes them (TAB),
/// from the engine's own catalog, so they cannot drift from what statements accept.
enum ShellSchema {
    /// One field: its name, its type in words, its enum values, whether it is derived.
    typealias Field = SchemaField

    /// The fields of `entity` in result order, then its derived fields.
    static func fields(of entity: Entity) -> [Field] {
        SchemaCatalog.fields(of: entity)
    }

    /// The relations of `entity`, the entity each leads to, and whether to many records.
    static func relations(of entity: Entity) -> [(name: String, target: Entity, toMany: Bool)] {
        SchemaCatalog.relations(of: entity)
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
}
