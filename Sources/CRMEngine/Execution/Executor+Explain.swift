import CRMQuery
import CRMStore
import Foundation

extension Executor {
    /// `explain STATEMENT`: one row per line of the plan, without running the statement.
    func explain(_ statement: Statement) throws {
        receiver.section(title: nil, columns: ["plan"])
        for line in try planLines(statement) { receiver.row([.string(line)]) }
    }

    private func planLines(_ statement: Statement) throws -> [String] {
        let format = time.format
        switch statement.kind {
        case .find(let find):
            let entity = find.entity.entity
            let binder = binder(entity)
            let predicate = try find.filter.map { (filter) throws(QueryError) in try binder.bind(filter) }
            let projections = Schema.defaultColumns(of: entity).map { Self.columnProjection($0) }
            let aggregate =
                !find.groupBy.isEmpty
                || find.select.contains { if case .aggregate = $0.target { true } else { false } }
            let order = try orderKeys(find.orderBy, projections, binder, aggregate: aggregate)
            let plan = planner(entity, orderBy: aggregate ? [] : order.indexKeys)
                .plan(predicate, texts: conjunctTexts(find.filter))
            var lines = ["find \(entity.plural)", "access: " + plan.access.describe(format: format)]
            lines.append(
                "filter: "
                    + (plan.residualText.isEmpty ? "none" : plan.residualText.joined(separator: " and ")))
            if !find.groupBy.isEmpty {
                lines.append("group by: " + find.groupBy.map(\.description).joined(separator: ", "))
            }
            if !find.orderBy.isEmpty {
                let keys = find.orderBy.map {
                    "\(Projection.name(of: $0.target)) \($0.descending ? "desc" : "asc")"
                }
                lines.append(
                    "order: " + keys.joined(separator: ", ")
                        + (plan.ordered && !aggregate ? " (index order, no sort)" : " (sorted)"))
            }
            if let limit = find.limit {
                lines.append(
                    "limit: \(limit)" + (plan.ordered && !aggregate ? " (stops the walk early)" : ""))
            }
            return lines
        case .count(let count):
            let entity = count.entity.entity
            let predicate = try count.filter.map { (filter) throws(QueryError) in
                try binder(entity).bind(filter)
            }
            let plan = planner(entity).plan(
                predicate, texts: conjunctTexts(count.filter))
            var lines = ["count \(entity.plural)"]
            if predicate == nil && count.groupBy.isEmpty {
                lines.append("access: table size (no records read)")
                return lines
            }
            lines.append("access: " + plan.access.describe(format: format))
            lines.append(
                "filter: "
                    + (plan.residualText.isEmpty ? "none" : plan.residualText.joined(separator: " and ")))
            if !count.groupBy.isEmpty {
                lines.append("group by: " + count.groupBy.map(\.description).joined(separator: ", "))
            }
            return lines
        case .get(let get):
            let entity = get.entity.entity
            let binder = binder(entity)
            var lines = ["get \(entity.rawValue)", "access: primary key (id = \(get.id))"]
            for include in get.includes {
                let query = try binder.bind(relation: include.relation, filter: include.filter)
                lines.append("include \(query.text): " + includeAccess(query, from: entity))
            }
            return lines
        case .update(let update): return try targetLines("update", update.entity.entity, update.target)
        case .delete(let delete): return try targetLines("delete", delete.entity.entity, delete.target)
        case .insert(let insert):
            let entity = insert.entity.entity
            let indexes = (entity.schema.indexes + context.customFields.indexes(of: RecordKind(entity))).map(
                \.name)
            return [
                "insert \(entity.rawValue)",
                "writes: table \(entity.rawValue), indexes \(indexes.joined(separator: ", ")), history",
            ]
        case .history(let history):
            return [
                "history \(history.entity.entity.rawValue) \(history.id)",
                "access: history (kind, id) prefix",
            ]
        case .begin, .commit, .rollback, .explain, .defineField, .dropField:
            return ["\(statement.kind)"]
        }
    }

    private func targetLines(_ verb: String, _ entity: Entity, _ target: RecordTarget) throws -> [String] {
        switch target {
        case .id(let id): return ["\(verb) \(entity.rawValue)", "access: primary key (id = \(id))"]
        case .filter(let expression):
            let predicate = try binder(entity).bind(expression)
            let plan = planner(entity).plan(
                predicate, texts: conjunctTexts(expression))
            return [
                "\(verb) \(entity.plural)", "access: " + plan.access.describe(format: time.format),
                "filter: "
                    + (plan.residualText.isEmpty ? "none" : plan.residualText.joined(separator: " and ")),
            ]
        }
    }

    /// How an include walks its relation: the related kind's access path, planned as any
    /// statement is, with the record's own id in place of the relation's field.
    private func includeAccess(_ query: BoundRelationQuery, from entity: Entity) -> String {
        guard let walk = RelationScan.prepare(query, from: entity, in: context) else {
            return "primary key of the related \(query.relation.target.rawValue)"
        }
        let text = walk.plan.access.describe(format: time.format)
        return text.replacingOccurrences(of: "\(RelationScan.placeholder)", with: "the record's id")
    }
}
