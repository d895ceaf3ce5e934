import CRMQuery
import CRMStore

/// The fields and relations of each entity as the query language sees them, all derived
/// from the store's declarations (`RecordSchema`): what names a query may use and what
/// they mean.
enum Schema {
    /// The fields of `entity` in result order: `id`, the stored fields (the kind's own in the
    /// order of SPEC.md section 2, then `tags`, `created`, `updated`); then the derived fields.
    static func fields(of entity: Entity) -> [FieldInfo] {
        tables[entity.ordinal].fields
    }

    /// The relations of `entity`.
    static func relations(of entity: Entity) -> [RelationSchema] {
        entity.schema.relations
    }

    /// The field called `name` (case-insensitive), or nil.
    static func field(_ name: String, of entity: Entity) -> FieldInfo? {
        let table = tables[entity.ordinal]
        // Names are nearly always written in lower case already: looked up as they are first.
        return table.field(named: name) ?? table.field(named: name.lowercased())
    }

    /// The relation called `name`, accepting singular or plural, or nil.
    static func relation(_ name: String, of entity: Entity) -> RelationSchema? {
        entity.schema.relation(name)
    }

    /// The columns a `find` or `get` shows when no `select` is given.
    static func defaultColumns(of entity: Entity) -> [FieldInfo] {
        tables[entity.ordinal].defaultColumns
    }

    /// The default columns' names, and how a row of them is read from a record.
    static func defaultRecordColumns(of entity: Entity) -> (names: [String], cells: RecordColumns) {
        (tables[entity.ordinal].defaultNames, tables[entity.ordinal].defaultCells)
    }

    /// How a row of `fields` of `entity` is read from a record: the default columns' plan,
    /// made once, when they are those (most finds show them); else one made now.
    static func recordColumns(_ fields: [FieldRef], of entity: Entity) -> RecordColumns {
        let table = tables[entity.ordinal]
        return fields == table.defaultCells.fields ? table.defaultCells : RecordColumns(fields)
    }

    /// Every name a query may use on `entity`, for "did you mean" suggestions.
    static func names(of entity: Entity) -> [String] {
        fields(of: entity).map(\.name) + relations(of: entity).map(\.name) + ["attrs"]
    }

    /// The field of `entity` whose stored field is `field`.
    static func info(_ field: FieldSchema) -> FieldInfo { FieldInfo(field) }

    /// Built once per entity: every `get` and `find` asks for them.
    private static let tables: [EntityTable] = Entity.allCases.map(EntityTable.init)

    /// What is known of one entity's fields, worked out once.
    private final class EntityTable: Sendable {
        let fields: [FieldInfo]
        /// Each field's name's length in bytes, parallel to `fields`: most names are ruled
        /// out by it, without comparing strings (hashing a name costs more than the search).
        let nameLengths: [Int]
        let defaultColumns: [FieldInfo]
        let defaultNames: [String]
        let defaultCells: RecordColumns

        init(_ entity: Entity) {
            let schema = entity.schema
            fields = [FieldInfo.id] + schema.fields.map(FieldInfo.init) + schema.derived.map(FieldInfo.init)
            nameLengths = fields.map(\.name.utf8.count)
            defaultColumns = fields.filter { !$0.derived }
            defaultNames = defaultColumns.map(\.name)
            defaultCells = RecordColumns(defaultColumns.map(\.ref))
        }

        /// The field called exactly `name`, or nil.
        func field(named name: String) -> FieldInfo? {
            let length = name.utf8.count
            for index in fields.indices where nameLengths[index] == length && fields[index].name == name {
                return fields[index]
            }
            return nil
        }
    }
}
