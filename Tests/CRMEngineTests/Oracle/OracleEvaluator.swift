import CRMQuery
import CRMStore

/// A value as sorting, grouping, `min` and `max` see it (SPEC.md section 3): enum values by
/// their declared position, text without regard to case, numbers by value, nulls before
/// everything else.
enum OracleKey: Hashable, CustomStringConvertible {
    case null
    /// An enum value's position in its declared order (standard < key < vip).
    case rank(Int)
    /// Text, lower-cased.
    case text(String)
    /// An integer or an exact decimal.
    case number(ExactDecimal)
    case real(Double)
    /// A timestamp or a duration, in microseconds.
    case time(Int64)
    case bool(Bool)
    /// Tags, lower-cased and sorted (a set).
    case tags([String])

    init(_ value: FieldValue, _ type: OracleType?) {
        switch value {
        case .null: self = .null
        case .symbol(let name), .string(let name):
            if case .enumeration(let names)? = type, let position = names.firstIndex(of: name.lowercased()) {
                self = .rank(position)
            } else {
                self = .text(name.lowercased())
            }
        case .integer(let number): self = .number(ExactDecimal(number))
        case .decimal(let number): self = .number(number)
        case .real(let number): self = .real(number)
        case .timestamp(let time): self = .time(time.microseconds)
        case .duration(let microseconds): self = .time(microseconds)
        case .bool(let flag): self = .bool(flag)
        case .list(let tags): self = .tags(tags.map { $0.lowercased() }.sorted())
        }
    }

    /// -1, 0 or 1; null first. Text is compared by Unicode code points after lower-casing.
    static func order(_ a: OracleKey, _ b: OracleKey) -> Int {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.rank(let x), .rank(let y)): return sign(x, y)
        case (.text(let x), .text(let y)):
            if x == y { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value }
                ? -1 : 1
        case (.number(let x), .number(let y)): return sign(x, y)
        case (.real(let x), .real(let y)): return sign(x, y)
        case (.number(let x), .real(let y)): return sign(x.doubleValue, y)
        case (.real(let x), .number(let y)): return sign(x, y.doubleValue)
        case (.time(let x), .time(let y)): return sign(x, y)
        case (.bool(let x), .bool(let y)): return sign(x ? 1 : 0, y ? 1 : 0)
        case (.tags(let x), .tags(let y)): return sign(x.joined(separator: ","), y.joined(separator: ","))
        default: return sign(a.description, b.description)
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .rank(let position): "#\(position)"
        case .text(let text): text
        case .number(let number): number.description
        case .real(let number): FieldValue.format(real: number)
        case .time(let microseconds): Timestamp(microseconds: microseconds).description
        case .bool(let flag): flag ? "true" : "false"
        case .tags(let tags): tags.joined(separator: ",")
        }
    }
}

/// What a read statement must answer, according to the model: every row in the model's order
/// (before `offset` and `limit`), the key each row sorts by, and how to match the store's rows.
struct OracleAnswer {
    var columns: [String]
    var rows: [[FieldValue]]
    /// The `order by` key of each row (the group key for grouped results without `order by`);
    /// empty tuples when the result has no order.
    var keys: [[OracleKey]]
    var ordered: Bool
    var offset = 0
    var limit: Int?
    /// The columns that tell rows apart: `id`, or a grouped result's group columns.
    var identityColumns: [Int]
    /// Columns where any spelling of a text may be shown: group values, `min` and `max` of text.
    var looseColumns: Set<Int> = []
    /// Computed numbers: decimals compared by value (not by scale), reals approximately.
    var aggregateColumns: Set<Int> = []
}

/// Evaluates statements over the model by reading whole tables: the rules of SPEC.md
/// section 3, one by one, with no index and no plan.
///
/// Three-valued logic: a condition's truth is `Bool?`, nil being SQL's unknown. A comparison
/// with null is unknown; `not` keeps unknown; `and` is false if any side is false, `or` true
/// if any side is true, otherwise unknown wins; a record is kept only when the condition is
/// true.
final class OracleEvaluator {
    let model: OracleModel
    var now: Timestamp { model.now }
    /// Related records by the id they point to, per relation: built on first use, so that
    /// `any(interactions ...)` does not rescan the table for each customer.
    private var children: [String: [Int64: [OracleRecord]]] = [:]
    /// Paths already resolved, by entity and text: every record reads the same paths.
    private var resolved: [String: (hops: [OracleRelation], field: OracleField)] = [:]

    init(_ model: OracleModel) { self.model = model }

    // MARK: - Paths and values

    /// The to-one relations a path follows and the field it ends on: `customer.tier` on a
    /// promise is the hop promise -> customer and the field `tier`; a to-one relation at the
    /// end (`customer`) is the field holding its id.
    func resolve(_ path: Path, on entity: Entity) throws -> (
        hops: [OracleRelation], field: OracleField
    ) {
        let name = "\(entity):\(path.description.lowercased())"
        if let known = resolved[name] { return known }
        let result = try walk(path, on: entity)
        resolved[name] = result
        return result
    }

    private func walk(_ path: Path, on entity: Entity) throws -> (hops: [OracleRelation], field: OracleField)
    {
        var current = entity
        var hops: [OracleRelation] = []
        for (index, name) in path.components.enumerated() {
            let isLast = index == path.components.count - 1
            if isLast, let field = OracleSchema.field(name, of: current) { return (hops, field) }
            guard let relation = OracleSchema.relation(name, of: current), !relation.toMany else { break }
            if isLast, let field = OracleSchema.field(relation.field, of: current) { return (hops, field) }
            hops.append(relation)
            current = relation.target
        }
        throw OracleModelError(description: "the model does not know the path \(path) on \(entity)")
    }

    func type(of path: Path, on entity: Entity) throws -> OracleType {
        try resolve(path, on: entity).field.type
    }

    /// The value at the end of `path`; null when a relation on the way leads nowhere.
    func value(of path: Path, on record: OracleRecord, _ entity: Entity) throws
        -> FieldValue
    {
        let (hops, field) = try resolve(path, on: entity)
        var current = record
        var currentEntity = entity
        for hop in hops {
            guard case .integer(let id) = current[hop.field], let next = model.record(hop.target, id) else {
                return .null
            }
            current = next
            currentEntity = hop.target
        }
        return field.derived ? derived(field.name, of: current, currentEntity) : current[field.name]
    }

    /// The records a to-many relation leads to.
    func related(_ relation: OracleRelation, of record: OracleRecord) -> [OracleRecord] {
        let name = "\(relation.target).\(relation.field)"
        if children[name] == nil {
            var byParent: [Int64: [OracleRecord]] = [:]
            for child in model.records(relation.target) {
                if case .integer(let parent) = child[relation.field] {
                    byParent[parent, default: []].append(child)
                }
            }
            children[name] = byParent
        }
        return children[name]?[record.id] ?? []
    }

    /// The derived fields of SPEC.md section 2, computed from the records.
    func derived(_ name: String, of record: OracleRecord, _ entity: Entity) -> FieldValue {
        let pending = FieldValue.symbol("pending")
        func promises() -> [OracleRecord] {
            OracleSchema.relation("promises", of: .customer).map { related($0, of: record) } ?? []
        }
        func interactions() -> [OracleRecord] {
            OracleSchema.relation("interactions", of: .customer).map { related($0, of: record) } ?? []
        }
        func time(_ value: FieldValue) -> Timestamp? {
            if case .timestamp(let time) = value { return time }
            return nil
        }
        switch (entity, name) {
        case (.customer, "last_contact"):
            return interactions().compactMap { time($0["at"]) }.max().map { .timestamp($0) } ?? .null
        case (.customer, "open_promises"):
            return .integer(Int64(promises().filter { $0["status"] == pending }.count))
        case (.customer, "overdue_promises"):
            return .integer(
                Int64(promises().filter { derived("overdue", of: $0, .promise) == .bool(true) }.count))
        case (.customer, "satisfaction"):
            let scores = interactions().compactMap { record -> Int64? in
                if case .integer(let score) = record["score"] { return score }
                return nil
            }
            return scores.isEmpty ? .null : .real(Double(scores.reduce(0, +)) / Double(scores.count))
        case (.promise, "overdue"):
            return .bool(record["status"] == pending && (time(record["due"]).map { $0 < now } ?? false))
        case (.promise, "kept_late"):
            guard record["status"] == .symbol("kept"), let resolved = time(record["resolved"]),
                let due = time(record["due"])
            else { return .bool(false) }
            return .bool(resolved > due)
        case (.promise, "late_by"):
            // How long past due: until now while pending, until resolved once kept or broken;
            // a cancelled promise is not late. Null when not past due.
            guard let due = time(record["due"]) else { return .null }
            let end: Timestamp?
            switch record["status"] {
            case pending: end = now
            case .symbol("kept"), .symbol("broken"): end = time(record["resolved"]) ?? now
            default: end = nil
            }
            guard let end, end > due else { return .null }
            return .duration(end.microseconds - due.microseconds)
        default:
            return .null
        }
    }

    // MARK: - Conditions

    /// A literal on the right of a condition, read as the type of the field on the left.
    enum Operand {
        case value(FieldValue)
        /// A bare date or a named range: a span of time.
        case range(Range<Timestamp>)
    }

    func operand(_ value: Value, for type: OracleType) throws -> Operand {
        switch (value.kind, type) {
        case (.null, _): return .value(.null)
        case (.string(let text), .text), (.string(let text), .tags): return .value(.string(text))
        case (.path(let path), .tags): return .value(.string(path.description))
        case (.string(let word), .enumeration(let names)):
            if names.contains(word.lowercased()) { return .value(.symbol(word.lowercased())) }
        case (.path(let path), .enumeration(let names)):
            let word = path.description.lowercased()
            if names.contains(word) { return .value(.symbol(word)) }
        case (.integer(let text), .integer), (.integer(let text), .reference):
            if let number = Int64(text) { return .value(.integer(number)) }
        case (.integer(let text), .decimal), (.integer(let text), .real), (.decimal(let text), .decimal),
            (.decimal(let text), .real), (.decimal(let text), .integer):
            if let number = ExactDecimal(parsing: text) { return .value(.decimal(number)) }
        case (.boolean(let flag), .boolean): return .value(.bool(flag))
        case (.time(let literal), .timestamp):
            if let range = OracleTime.range(literal, now: now) { return .range(range) }
            if let instant = OracleTime.instant(literal, now: now) { return .value(.timestamp(instant)) }
        default: break
        }
        throw OracleModelError(description: "the model cannot compare \(value) with a field of type \(type)")
    }

    /// Whether a bare word on the right is a value rather than a field: enum values and tags
    /// may be written as bare words (SPEC.md section 3).
    private func isValueWord(_ path: Path, for type: OracleType) -> Bool {
        guard path.components.count == 1 else { return false }
        switch type {
        case .enumeration, .tags: return true
        default: return false
        }
    }

    /// `a OP b` for two non-null values of a field of `type`.
    private func holds(_ op: ComparisonOperator, _ a: FieldValue, _ b: FieldValue, _ type: OracleType) -> Bool
    {
        let order = OracleKey.order(OracleKey(a, type), OracleKey(b, type))
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }

    private static func flipped(_ op: ComparisonOperator) -> ComparisonOperator {
        switch op {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: op
        }
    }

    /// The truth of `condition` for `record`: true, false, or nil for unknown.
    func truth(_ condition: Expression, _ record: OracleRecord, _ entity: Entity) throws
        -> Bool?
    {
        switch condition.kind {
        case .and(let left, let right):
            let (a, b) = (try truth(left, record, entity), try truth(right, record, entity))
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let left, let right):
            let (a, b) = (try truth(left, record, entity), try truth(right, record, entity))
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .not(let inner):
            return try truth(inner, record, entity).map { !$0 }
        case .comparison(let left, let op, let right):
            if case .path = left.kind {
                return try compare(left, op, right, record, entity)
            }
            return try compare(right, Self.flipped(op), left, record, entity)
        case .inRange(let value, let range, let negated):
            let inside = try compare(value, .equal, range, record, entity)
            return negated ? inside.map { !$0 } : inside
        case .inList(let value, let items, let negated):
            guard case .path(let path) = value.kind else { break }
            let type = try type(of: path, on: entity)
            let current = try self.value(of: path, on: record, entity)
            if current == .null { return nil }
            var found = false
            for item in items {
                switch try operand(item, for: type) {
                case .range(let range):
                    if case .timestamp(let time) = current, range.contains(time) { found = true }
                case .value(let constant):
                    if constant != .null && holds(.equal, current, constant, type) { found = true }
                }
            }
            return found != negated
        case .isNull(let value, let negated):
            guard case .path(let path) = value.kind else { break }
            return (try self.value(of: path, on: record, entity) == .null) != negated
        case .contains(let value, let item):
            guard case .path(let path) = value.kind else { break }
            let needle: String
            switch item.kind {
            case .string(let text): needle = text.lowercased()
            case .path(let word): needle = word.description.lowercased()
            default: throw OracleModelError(description: "the model cannot search for \(item)")
            }
            switch try self.value(of: path, on: record, entity) {
            case .null: return nil
            case .list(let tags): return tags.contains { $0.lowercased() == needle }
            case .string(let text): return text.lowercased().contains(needle)
            default: break
            }
        case .startsWith(let value, let prefix):
            guard case .path(let path) = value.kind, case .string(let start) = prefix.kind else { break }
            switch try self.value(of: path, on: record, entity) {
            case .null: return nil
            case .string(let text): return text.lowercased().hasPrefix(start.lowercased())
            default: break
            }
        case .any(let filter):
            return try countRelated(filter, record, entity) > 0
        case .none(let filter):
            return try countRelated(filter, record, entity) == 0
        case .relationCount(let filter, let op, let limit):
            guard case .integer(let text) = limit.kind, let target = Int64(text) else { break }
            let count = FieldValue.integer(Int64(try countRelated(filter, record, entity)))
            return holds(op, count, .integer(target), .integer)
        case .truth(let value):
            guard case .path(let path) = value.kind else { break }
            switch try self.value(of: path, on: record, entity) {
            case .null: return nil
            case .bool(let flag): return flag
            default: break
            }
        }
        throw OracleModelError(description: "the model does not evaluate \(condition)")
    }

    /// `left OP right` with a field on the left: another field, null (`x = null` is
    /// `x is null`), a range of time, or a value.
    private func compare(
        _ left: Value, _ op: ComparisonOperator, _ right: Value, _ record: OracleRecord, _ entity: Entity
    ) throws -> Bool? {
        guard case .path(let path) = left.kind else {
            throw OracleModelError(description: "the model compares only fields with values")
        }
        let type = try type(of: path, on: entity)
        let current = try value(of: path, on: record, entity)
        if case .path(let other) = right.kind, !isValueWord(other, for: type) {
            let second = try value(of: other, on: record, entity)
            if current == .null || second == .null { return nil }
            return holds(op, current, second, type)
        }
        switch try operand(right, for: type) {
        case .value(.null):
            switch op {
            case .equal: return current == .null
            case .notEqual: return current != .null
            default: throw OracleModelError(description: "null cannot be ordered")
            }
        case .value(let constant):
            if current == .null { return nil }
            return holds(op, current, constant, type)
        case .range(let range):
            guard case .timestamp(let time) = current else { return nil }
            return OracleTime.compare(time, op, range)
        }
    }

    private func countRelated(_ filter: RelationFilter, _ record: OracleRecord, _ entity: Entity)
        throws -> Int
    {
        guard filter.relation.components.count == 1,
            let relation = OracleSchema.relation(filter.relation.components[0], of: entity), relation.toMany
        else { throw OracleModelError(description: "the model has no relation \(filter.relation)") }
        var count = 0
        for child in related(relation, of: record) {
            if let condition = filter.filter {
                if try truth(condition, child, relation.target) == true { count += 1 }
            } else {
                count += 1
            }
        }
        return count
    }

    /// The records of `entity` for which `filter` is true, in id order.
    func matching(_ entity: Entity, _ filter: Expression?) throws -> [OracleRecord] {
        guard let filter else { return model.records(entity) }
        return try model.records(entity).filter { record in
            try truth(filter, record, entity) == true
        }
    }

    // MARK: - Statements

    /// The answer to a `find` or `count`.
    func answer(_ statement: Statement) throws -> OracleAnswer {
        switch statement.kind {
        case .find(let find):
            let entity = find.entity.entity
            let records = try matching(entity, find.filter)
            let isAggregate =
                !find.groupBy.isEmpty
                || find.select.contains { if case .aggregate = $0.target { true } else { false } }
            var answer =
                isAggregate
                ? try grouped(entity, records, find.groupBy, find.select, find.orderBy)
                : try plain(entity, records, find.select, find.orderBy)
            answer.offset = try find.offset.map { argument in try integer(argument) } ?? 0
            answer.limit = try find.limit.map { argument in try integer(argument) }
            return answer
        case .count(let count):
            let entity = count.entity.entity
            return try grouped(entity, try matching(entity, count.filter), count.groupBy, [], [])
        default:
            throw OracleModelError(description: "the model answers only find and count")
        }
    }

    private func integer(_ argument: IntegerArgument) throws -> Int {
        guard case .literal(let value) = argument.kind else {
            throw OracleModelError(description: "the model takes only literal limits")
        }
        return value
    }

    /// Sorts row indices by their keys (`descending` per key), nulls first ascending and last
    /// descending; ties keep their order.
    private func sortedIndices(_ keys: [[OracleKey]], _ descending: [Bool]) -> [Int] {
        keys.indices.sorted { a, b in
            for column in descending.indices {
                let order = OracleKey.order(keys[a][column], keys[b][column])
                if order != 0 { return descending[column] ? order > 0 : order < 0 }
            }
            return a < b
        }
    }

    /// A `find` without groups or aggregates: one row per record.
    private func plain(
        _ entity: Entity, _ records: [OracleRecord], _ select: [SelectItem], _ orderBy: [OrderKey]
    )
        throws -> OracleAnswer
    {
        var paths: [Path] = []
        var columns: [String] = []
        if select.isEmpty {
            for field in OracleSchema.storedFields(of: entity) {
                paths.append(
                    Path(
                        components: [field.name],
                        range: SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))))
                columns.append(field.name)
            }
        } else {
            for item in select {
                guard case .path(let path) = item.target else {
                    throw OracleModelError(description: "aggregate")
                }
                paths.append(path)
                columns.append(item.alias ?? path.description)
            }
        }
        var rows: [[FieldValue]] = []
        var keys: [[OracleKey]] = []
        for record in records {
            rows.append(try paths.map { path in try value(of: path, on: record, entity) })
            keys.append(
                try orderBy.map { key in
                    guard case .path(let path) = key.target else {
                        throw OracleModelError(description: "order by an aggregate without groups")
                    }
                    return OracleKey(try value(of: path, on: record, entity), try type(of: path, on: entity))
                })
        }
        let order = sortedIndices(keys, orderBy.map(\.descending))
        return OracleAnswer(
            columns: columns, rows: order.map { rows[$0] }, keys: order.map { keys[$0] },
            ordered: !orderBy.isEmpty,
            identityColumns: columns.firstIndex(of: "id").map { [$0] } ?? Array(columns.indices))
    }

    /// A grouped or aggregate `find`, or a `count`: one row per group (one row in all when
    /// there are no groups), sorted by the group values (nulls first) unless `order by` names
    /// result columns to sort by. Groups fold case: "Delhi" and "DELHI" are one group.
    private func grouped(
        _ entity: Entity, _ records: [OracleRecord], _ groupBy: [Path], _ select: [SelectItem],
        _ orderBy: [OrderKey]
    ) throws -> OracleAnswer {
        let groupTypes = try groupBy.map { path in try type(of: path, on: entity) }
        var keysInOrder: [[OracleKey]] = []
        var members: [[OracleKey]: [OracleRecord]] = [:]
        for record in records {
            let key = try zip(groupBy, groupTypes).map { path, type in
                OracleKey(try value(of: path, on: record, entity), type)
            }
            if members[key] == nil { keysInOrder.append(key) }
            members[key, default: []].append(record)
        }
        if groupBy.isEmpty && keysInOrder.isEmpty {
            keysInOrder = [[]]
            members[[]] = []
        }
        // The columns: the select list, or the group values and `count`.
        enum Column {
            case path(Path)
            case aggregate(AggregateFunction, Path?)
        }
        var items: [(column: Column, name: String)] = []
        if select.isEmpty {
            items = groupBy.map { (.path($0), $0.description) } + [(.aggregate(.count, nil), "count")]
        } else {
            for item in select {
                switch item.target {
                case .path(let path): items.append((.path(path), item.alias ?? path.description))
                case .aggregate(let function, let argument, _):
                    let name =
                        function == .count && argument == nil
                        ? "count" : "\(function.rawValue)(\(argument?.description ?? ""))"
                    items.append((.aggregate(function, argument), item.alias ?? name))
                case .expression:
                    throw OracleModelError(description: "the model has no arithmetic")
                }
            }
        }
        var columnTypes: [OracleType?] = []
        var answer = OracleAnswer(
            columns: items.map(\.name), rows: [], keys: [], ordered: true, identityColumns: [])
        for (index, item) in items.enumerated() {
            switch item.column {
            case .path(let path):
                let type = try type(of: path, on: entity)
                columnTypes.append(type)
                let isGroup = groupBy.contains {
                    $0.description.lowercased() == path.description.lowercased()
                }
                if isGroup {
                    answer.identityColumns.append(index)
                    answer.looseColumns.insert(index)
                }
            case .aggregate(let function, let argument):
                answer.aggregateColumns.insert(index)
                let argumentType = try argument.map { path in try type(of: path, on: entity) }
                switch function {
                case .count: columnTypes.append(.integer)
                case .avg: columnTypes.append(.real)
                case .sum: columnTypes.append(argumentType)
                case .min, .max:
                    columnTypes.append(argumentType)
                    if argumentType == .text { answer.looseColumns.insert(index) }
                }
            }
        }
        if answer.identityColumns.isEmpty { answer.identityColumns = Array(items.indices) }
        let groupOrder = sortedIndices(keysInOrder, groupTypes.map { _ in false })
        var rows: [[FieldValue]] = []
        for groupIndex in groupOrder {
            let group = members[keysInOrder[groupIndex]] ?? []
            var row: [FieldValue] = []
            for item in items {
                switch item.column {
                case .path(let path):
                    row.append(
                        try group.first.map { record in try value(of: path, on: record, entity) } ?? .null)
                case .aggregate(let function, let argument):
                    guard let argument else {
                        row.append(.integer(Int64(group.count)))
                        continue
                    }
                    let type = try self.type(of: argument, on: entity)
                    let values = try group.map { record in try value(of: argument, on: record, entity) }
                        .filter { $0 != .null }
                    row.append(Self.aggregate(function, values, type))
                }
            }
            rows.append(row)
        }
        answer.rows = rows
        answer.keys = groupOrder.map { keysInOrder[$0] }
        if !orderBy.isEmpty {
            // Order by result columns, named as the select list names them.
            var positions: [Int] = []
            for key in orderBy {
                let name: String
                switch key.target {
                case .path(let path): name = path.description
                case .aggregate(let function, let argument, _):
                    name =
                        function == .count && argument == nil
                        ? "count" : "\(function.rawValue)(\(argument?.description ?? ""))"
                case .expression:
                    throw OracleModelError(description: "the model has no arithmetic")
                }
                guard
                    let position = answer.columns.firstIndex(where: { $0.lowercased() == name.lowercased() })
                else {
                    throw OracleModelError(description: "order by \(name) names no result column")
                }
                positions.append(position)
            }
            let keys = rows.map { row in positions.map { OracleKey(row[$0], columnTypes[$0]) } }
            let order = sortedIndices(keys, orderBy.map(\.descending))
            answer.rows = order.map { rows[$0] }
            answer.keys = order.map { keys[$0] }
        }
        return answer
    }

    /// An aggregate over a group's non-null values: `count`, `min` and `max` (by the field's
    /// order: enums declared, text ignoring case), `sum` (exact for integers and decimals)
    /// and `avg` (a real).
    static func aggregate(_ function: AggregateFunction, _ values: [FieldValue], _ type: OracleType)
        -> FieldValue
    {
        switch function {
        case .count: return .integer(Int64(values.count))
        case .min, .max:
            var best: FieldValue = .null
            for value in values {
                let order = OracleKey.order(OracleKey(value, type), OracleKey(best, type))
                if best == .null || (function == .min ? order < 0 : order > 0) { best = value }
            }
            return best
        case .sum, .avg:
            guard !values.isEmpty else { return .null }
            var integers: Int64 = 0
            var decimalUnits: Int64 = 0
            var scale: UInt8 = 0
            var sawDecimal = false
            var real = 0.0
            for value in values {
                switch value {
                case .integer(let number):
                    integers += number
                    real += Double(number)
                case .decimal(let number):
                    sawDecimal = true
                    real += number.doubleValue
                    // Bring both to the larger scale, then add.
                    while scale < number.scale {
                        decimalUnits *= 10
                        scale += 1
                    }
                    var units = number.units
                    var unitScale = number.scale
                    while unitScale < scale {
                        units *= 10
                        unitScale += 1
                    }
                    decimalUnits += units
                case .real(let number): real += number
                default: break
                }
            }
            if function == .avg { return .real(real / Double(values.count)) }
            if sawDecimal {
                return ExactDecimal(units: decimalUnits, scale: scale).map { .decimal($0) } ?? .real(real)
            }
            return .integer(integers)
        }
    }
}
