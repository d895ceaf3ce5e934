import CRMQuery
import CRMStore

/// The fields and relations of each entity as the query language sees them, all derived
/// from the store's declarations (`RecordSchema`): what names a query may use and what
/// they mean.
enum Schema {
    /// The fields of `entity` in result order: `id`, the stored fields (the kind's own in the
    /// order of SPEC.md section 2, then `tags`, `created`, `updated`); then the derived fields.
    static func fields(of entity: Entity) -> [FieldInfo] {
        tables[entity.index].fields
    }

    /// The relations of `entity`.
    static func relations(of entity: Entity) -> [RelationSchema] {
        entity.schema.relations
    }

    /// The field called `name` (case-insensitive), or nil.
    static func field(_ name: String, of entity: Entity) -> FieldInfo? {
        let lowered = name.lowercased()
        return fields(of: entity).first { $0.name == lowered }
    }

    /// The relation called `name`, accepting singular or plural, or nil.
    static func relation(_ name: String, of entity: Entity) -> RelationSchema? {
        entity.schema.relation(name)
    }

    /// The columns a `find` or `get` shows when no `select` is given.
    static func defaultColumns(of entity: Entity) -> [FieldInfo] {
        tables[entity.index].defaultColumns
    }

    /// Every name a query may use on `entity`, for "did you mean" suggestions.
    static func names(of entity: Entity) -> [String] {
        fields(of: entity).map(\.name) + relations(of: entity).map(\.name) + ["attrs"]
    }

    /// The field of `entity` whose stored field is `field`.
    static func info(_ field: FieldSchema) -> FieldInfo { FieldInfo(field) }

    /// Built once per entity: every `get` and `find` asks for them.
    private static let tables: [(fields: [FieldInfo], defaultColumns: [FieldInfo])] = Entity.allCases.map {
        entity in
        let schema = entity.schema
        let fields = [FieldInfo.id] + schema.fields.map(FieldInfo.init) + schema.derived.map(FieldInfo.init)
        return (fields, fields.filter { !$0.derived })
    }
}

extension Entity {
    /// The entity's position in `allCases`.
    fileprivate var index: Int {
        Entity.allCases.firstIndex(of: self) ?? 0
    }
}
