/// `find ENTITY [where] [group by] [select] [order by] [limit] [offset]`, clauses in any order.
public struct FindStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record searched.
    public var entity: EntityReference
    /// The `where` condition.
    public var filter: Expression?
    /// The `group by` paths.
    public var groupBy: [Path]
    /// The `select` items; empty means the default columns.
    public var select: [SelectItem]
    /// The `order by` keys.
    public var orderBy: [OrderKey]
    /// The `limit`.
    public var limit: IntegerArgument?
    /// The `offset`.
    public var offset: IntegerArgument?

    /// Clauses in a fixed order: where, group-by, select, order-by, limit, offset.
    public var description: String {
        let parts: [String?] = [
            "(find", entity.description, filter.map { "(where \($0))" }, groupBy.clause("group-by"),
            select.clause("select"), orderBy.clause("order-by"), limit.map { "(limit \($0))" },
            offset.map { "(offset \($0))" },
        ]
        return parts.compactMap { $0 }.joined(separator: " ") + ")"
    }
}
