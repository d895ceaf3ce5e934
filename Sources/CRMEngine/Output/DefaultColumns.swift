import CRMQuery

/// The columns a table shows for a `find` without `select`: the few that answer "what is
/// this?", declared here once per entity. Every field is still there with `select`, and the
/// other formats (json, jsonl, csv) keep every field, so what programs read never changes.
///
/// | entity      | columns                                                   |
/// |-------------|-----------------------------------------------------------|
/// | customer    | id, name, tier, status, city, owner                       |
/// | interaction | id, customer (its name), at, kind, channel, by, subject   |
/// | promise     | id, customer (its name), title, due, status, owner, amount |
///
/// Chosen to fit: a customer list fits 80 columns (so `kind` is left out), a promise or
/// interaction list 140; wider than the terminal, a result is shown one field a line.
///
/// A `find` is given them as a `select` before it runs (``applied(to:)``), so the customer's
/// name comes from the engine's own relation paths. The sections of related records that
/// `get ... with` shows keep the same columns where they have them (``projection(of:)``).
public enum DefaultColumns {
    /// One column: the path selected and the column's name.
    public typealias Column = (path: String, name: String)

    /// The declaration: each entity's table columns, in order.
    public static func columns(of entity: Entity) -> [Column] {
        switch entity {
        case .customer:
            [
                ("id", "id"), ("name", "name"), ("tier", "tier"), ("status", "status"), ("city", "city"),
                ("owner", "owner"),
            ]
        case .interaction:
            [
                ("id", "id"), ("customer.name", "customer"), ("at", "at"), ("kind", "kind"),
                ("channel", "channel"), ("by", "by"), ("subject", "subject"),
            ]
        case .promise:
            [
                ("id", "id"), ("customer.name", "customer"), ("title", "title"), ("due", "due"),
                ("status", "status"), ("owner", "owner"), ("amount", "amount"),
            ]
        case .calendar:
            [("id", "id"), ("name", "name"), ("zone", "zone"), ("days", "days"), ("hours", "hours")]
        case .holiday:
            [
                ("id", "id"), ("calendar", "calendar"), ("from", "from"), ("to", "to"), ("name", "name"),
                ("working", "working"),
            ]
        case .policy:
            [
                ("id", "id"), ("name", "name"), ("on", "on"), ("title", "title"), ("within", "within"),
                ("calendar", "calendar"), ("active", "active"),
            ]
        case .view: [("id", "id"), ("name", "name"), ("statement", "statement")]
        }
    }

    /// The `select` list of `entity`'s columns as query text: `id, customer.name as customer, ...`.
    public static func selectList(of entity: Entity) -> String {
        columns(of: entity).map { $0.path == $0.name ? $0.path : "\($0.path) as \($0.name)" }
            .joined(separator: ", ")
    }

    /// `parsed` with every `find` that has neither `select` nor `group by` selecting its
    /// entity's table columns. Nothing else changes: other statements, `explain`, and the
    /// diagnostics stay as they were.
    public static func applied(to parsed: ParseResult) -> ParseResult {
        var result = parsed
        result.script.statements = parsed.script.statements.map(applied(to:))
        return result
    }

    /// `statement` selecting its entity's table columns when it is a `find` with neither
    /// `select` nor `group by`; any other statement as it is. A script applies it to each
    /// statement as it runs, since `.format` may change between them.
    public static func applied(to statement: Statement) -> Statement {
        guard case .find(var find) = statement.kind, find.select.isEmpty, find.groupBy.isEmpty else {
            return statement
        }
        find.select = selectItems(of: find.entity.entity, at: SourceRange(at: statement.range.end))
        var changed = statement
        changed.kind = .find(find)
        return changed
    }

    /// The select items of `entity`'s columns, every range a point at `location` (they were
    /// not written by anyone, so an error about them should point after the statement).
    private static func selectItems(of entity: Entity, at location: SourceRange) -> [SelectItem] {
        let parsed = Parser.parse("find \(entity.plural) select \(selectList(of: entity))")
        guard case .find(let find) = parsed.script.statements.first?.kind else { return [] }
        return find.select.map { item in
            var item = item
            item.range = location
            if case .path(var path) = item.target {
                path.range = location
                item.target = .path(path)
            }
            return item
        }
    }

    /// For the columns of a whole record of some entity (as `get ... with` sends its related
    /// records), the indexes of the table columns among them, in table order; nil for other
    /// columns. Columns through a relation (a promise's customer name) are left out: the
    /// section has none.
    public static func projection(of sectionColumns: [String]) -> [Int]? {
        for entity in Entity.allCases where sectionColumns == recordColumns(of: entity) {
            return columns(of: entity).compactMap { column in
                column.path == column.name ? sectionColumns.firstIndex(of: column.name) : nil
            }
        }
        return nil
    }

    /// The columns a `find` or `get` of `entity` returns without `select`: every stored field.
    public static func recordColumns(of entity: Entity) -> [String] {
        SchemaCatalog.fields(of: entity).filter { !$0.derived }.map(\.name)
    }
}
