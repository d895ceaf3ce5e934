import CRMQuery
import CRMStore

/// Runs one statement in a transaction: binds it, plans it, reads or writes the store, and
/// sends the rows to a receiver.
struct Executor {
    let context: ExecutionContext
    let time: TimeContext
    let parameters: Parameters
    let receiver: ResultReceiver
    /// The statement's source text, for `explain` to quote conditions as written.
    let source: String
    /// Finds a stored calendar by name (`working_days(a, b, "cn")`); nil when there are none.
    var calendars: ((String) throws -> WorkingCalendar?)? = nil
    /// Whether parameters without a value bind as stand-ins (`define view` checking a
    /// statement it saves; see `Binder.placeholders`).
    var parameterPlaceholders = false
    /// An insert's record bound ahead of time on a script's reading thread
    /// (``InsertPrebinding``): used instead of binding the statement again.
    var preboundInsert: RecordValues? = nil

    /// The planner for a statement on `entity`, ordered by `orderBy` (`OrderKeys.indexKeys`).
    func planner(_ entity: Entity, orderBy: [(field: FieldRef?, descending: Bool)] = []) -> Planner {
        Planner(
            entity: entity, orderBy: orderBy, now: time.now, usesIndexes: context.usesIndexes,
            customIndexes: context.customFields.indexes(of: RecordKind(entity)))
    }

    func binder(_ entity: Entity) -> Binder {
        var binder = Binder(
            entity: entity, parameters: parameters, time: time, customFields: context.customFields,
            calendars: calendars)
        binder.placeholders = parameterPlaceholders
        return binder
    }

    /// The text of `range` in the source.
    func text(_ range: SourceRange) -> String {
        // A slice of the source's bytes, without copying the whole source (a script may be
        // megabytes long).
        let utf8 = source.utf8
        let count = utf8.count
        let start = utf8.index(utf8.startIndex, offsetBy: max(0, min(range.start.offset, count)))
        let end = utf8.index(
            utf8.startIndex, offsetBy: max(0, min(max(range.start.offset, range.end.offset), count)))
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// The conjuncts of a `where` as written, for `explain`.
    func conjunctTexts(_ expression: Expression?) -> [String] {
        guard let expression else { return [] }
        if case .and(let left, let right) = expression.kind {
            return conjunctTexts(left) + conjunctTexts(right)
        }
        return [text(expression.range)]
    }

    // MARK: - Reading statements

    /// A `find` bound against the schema: its condition, groups, columns, window and order.
    /// Binding reads no record, so a saved view is checked by binding alone.
    struct BoundFind {
        let predicate: BoundPredicate?
        let groups: [BoundPath]
        let projections: [Projection]
        let aggregate: Bool
        let limit: Int64?
        let offset: Int64
        let order: OrderKeys
    }

    /// Binds every part of `statement`.
    func bind(_ statement: FindStatement) throws -> BoundFind {
        let entity = statement.entity.entity
        let binder = binder(entity)
        let predicate = try statement.filter.map { (filter) throws(QueryError) in try binder.bind(filter) }
        let groups = try statement.groupBy.map { (path) throws(QueryError) in try binder.bind(path) }
        var projections = try statement.select.map { (item) throws(QueryError) in try projection(item, binder)
        }
        let aggregate = !groups.isEmpty || projections.contains(where: \.isAggregate)
        if projections.isEmpty {
            projections =
                aggregate
                ? groups.map { .path($0, name: $0.text) } + [.aggregate(.count, nil, name: "count")]
                : Schema.defaultColumns(of: entity).map { Self.columnProjection($0) }
        }
        if aggregate { try checkGrouping(projections, groups, statement.select) }
        let limit = try statement.limit.map { (argument) throws(QueryError) in try binder.integer(argument) }
        let offset =
            try statement.offset.map { (argument) throws(QueryError) in try binder.integer(argument) } ?? 0
        let order = try orderKeys(statement.orderBy, projections, binder, aggregate: aggregate)
        return BoundFind(
            predicate: predicate, groups: groups, projections: projections, aggregate: aggregate,
            limit: limit,
            offset: offset, order: order)
    }

    func find(_ statement: FindStatement) throws {
        let entity = statement.entity.entity
        let bound = try bind(statement)
        let (predicate, groups, projections) = (bound.predicate, bound.groups, bound.projections)
        let (aggregate, limit, offset, order) = (bound.aggregate, bound.limit, bound.offset, bound.order)
        let plan = planner(entity, orderBy: aggregate ? [] : order.indexKeys)
            .plan(predicate, texts: [])  // Condition texts are for `explain` only.
        receiver.section(title: nil, columns: projections.map(\.name))
        let window = RowWindow(offset: offset, limit: limit)
        if aggregate {
            var rows = try aggregateRows(plan, groups, projections)
            sort(&rows, by: order.columns, projections)
            window.emit(rows, to: receiver, context: context)
            return
        }
        let rowValues = RowValues(projections, of: entity)
        let prepared = try SemiJoin.prepare(plan, in: context)
        // Conditions left to test read only the fields they need, from the index entry alone
        // when it holds them (`customer` for `customer.tier = vip`): only the candidates that
        // pass are read.
        var needs = FieldNeeds(entity)
        needs.add(prepared.residual)
        let source = try RecordSource(prepared, in: context, needs: needs.names)
        let walksTable = source.walksTable
        func whole(_ record: AnyRecord) throws -> AnyRecord {
            guard case .entry = record.storage else {
                if walksTable { context.countRead() }
                return record
            }
            context.countRead()
            return try RecordSource.fetch(entity, record.id, context.transaction) ?? record
        }
        if plan.ordered {
            var sent = window.start
            guard window.wants(more: sent) else { return }
            try source.walk { candidate in
                guard try source.condition.passes(candidate, in: context) else { return true }
                let record = try whole(candidate)
                sent.seen += 1
                if sent.seen > window.offset {
                    try rowValues.send(record, to: receiver, self)
                    sent.emitted += 1
                    context.countRow()
                }
                return window.wants(more: sent)
            }
            return
        }
        var matches: [(record: AnyRecord, keys: [FieldValue])] = []
        try source.walk { candidate in
            guard try source.condition.passes(candidate, in: context) else { return true }
            // Kept past the walk, so the record is copied out of the map.
            let record = try whole(candidate).copy(into: context.arena)
            matches.append((record, try order.sortValues(of: record, in: context)))
            return true
        }
        matches.sort { a, b in Self.precedes(a.keys, b.keys, order.paths.map(\.descending)) }
        for match in matches[window.range(count: matches.count)] {
            try rowValues.send(match.record, to: receiver, self)
            context.countRow()
        }
    }

    func count(_ statement: CountStatement) throws {
        let entity = statement.entity.entity
        let binder = binder(entity)
        let predicate = try statement.filter.map { (filter) throws(QueryError) in try binder.bind(filter) }
        let groups = try statement.groupBy.map { (path) throws(QueryError) in try binder.bind(path) }
        let plan = planner(entity)
            .plan(predicate, texts: [])  // Condition texts are for `explain` only.
        let projections =
            groups.map { Projection.path($0, name: $0.text) } + [.aggregate(.count, nil, name: "count")]
        receiver.section(title: nil, columns: projections.map(\.name))
        if groups.isEmpty, predicate == nil {
            let total = try RecordCount.all(entity, context.transaction)
            receiver.row([.integer(Int64(total))])
            return
        }
        for row in try aggregateRows(plan, groups, projections) { receiver.row(row) }
    }

    func get(_ statement: GetStatement) throws {
        let entity = statement.entity.entity
        let binder = binder(entity)
        let id = try binder.integer(statement.id)
        guard let record = try RecordSource.fetch(entity, id, context.transaction) else {
            throw QueryError(.notFound, "\(entity.rawValue) \(id) does not exist", at: statement.id.range)
        }
        context.countRead()
        let columns = Schema.defaultColumns(of: entity)
        receiver.section(title: nil, columns: columns.map(\.name))
        receiver.row(try record.values(columns.map(\.ref), in: context))
        for include in statement.includes {
            let query = try binder.bind(relation: include.relation, filter: include.filter)
            let target = Entity(query.relation.target)
            let inner = self.binder(target)
            let projections = Schema.defaultColumns(of: target).map { Self.columnProjection($0) }
            let order = try orderKeys(include.orderBy, projections, inner, aggregate: false)
            let limit = try include.limit.map { (argument) throws(QueryError) in try inner.integer(argument) }
            // Rows are built as the records come, so that no record is kept past its row.
            let rowValues = RowValues(projections, of: target)
            var related: [(row: [FieldValue], keys: [FieldValue])] = []
            // Planned as a statement on the related kind: when its index walks in the order
            // asked for (interactions by at, newest first), stop at the limit, reading no
            // more records than shown.
            let walk = RelationScan.prepare(query, from: entity, orderBy: order.indexKeys, in: context)
            let indexOrder = walk?.plan.ordered ?? order.paths.isEmpty
            let wanted = indexOrder ? Int(clamping: max(0, limit ?? .max)) : .max
            try RelationScan.each(query, of: record, in: context, prepared: walk) { candidate in
                let keys = indexOrder ? [] : try order.sortValues(of: candidate, in: context)
                related.append((try rowValues.values(of: candidate, self), keys))
                return related.count < wanted
            }
            if !indexOrder {
                related.sort { a, b in Self.precedes(a.keys, b.keys, order.paths.map(\.descending)) }
            }
            receiver.section(title: query.text, columns: projections.map(\.name))
            let rows = related.map(\.row)
            RowWindow(offset: 0, limit: limit).emit(rows, to: receiver, context: context)
        }
    }

    func history(_ statement: HistoryStatement) throws {
        let entity = statement.entity.entity
        let id = try binder(entity).integer(statement.id)
        let entries = try context.transaction.history(RecordKind(entity), id)
        receiver.section(title: nil, columns: ["time", "operation", "field", "old", "new"])
        for entry in entries {
            let operation = FieldValue.symbol(String(describing: entry.operation))
            if entry.changes.isEmpty {
                receiver.row([.timestamp(entry.time), operation, .null, .null, .null])
            }
            for change in entry.changes {
                receiver.row([
                    .timestamp(entry.time), operation, .string(change.field), change.old, change.new,
                ])
            }
        }
    }

    // MARK: - Helpers

    /// The values of `projections` for one record: a column of the record's own reads the
    /// field directly; anything else goes through the evaluator.
    struct RowValues {
        let projections: [Projection]
        /// For each projection, the record's own field it shows, or nil.
        private let localFields: [FieldRef?]

        /// Every projection's field, when all are the record's own (the default columns).
        private let allLocal: [FieldRef]?
        /// How rows of ``allLocal`` are read from a record's bytes.
        private let recordColumns: RecordColumns?

        /// The values of `projections`, columns of a record of `entity`.
        init(_ projections: [Projection], of entity: Entity) {
            self.projections = projections
            localFields = projections.map { projection in
                if case .path(let path, _) = projection, path.hops.isEmpty { path.field.ref } else { nil }
            }
            let local = localFields.compactMap { $0 }
            allLocal = local.count == localFields.count ? local : nil
            recordColumns = allLocal.map { Schema.recordColumns($0, of: entity) }
        }

        /// Sends the row of `record` to `receiver`: as the record itself when every column is
        /// its own field and it was read in place (see ``RecordRow``), else as values.
        func send(_ record: AnyRecord, to receiver: ResultReceiver, _ executor: Executor) throws {
            if let recordColumns, case .view = record.storage {
                try receiver.row(
                    record: RecordRow(record: record, columns: recordColumns, context: executor.context))
            } else {
                receiver.row(try values(of: record, executor))
            }
        }

        func values(of record: AnyRecord, _ executor: Executor) throws -> [FieldValue] {
            if let allLocal { return try record.values(allLocal, in: executor.context) }
            var values: [FieldValue] = []
            values.reserveCapacity(projections.count)
            for index in projections.indices {
                if let field = localFields[index] {
                    values.append(try record.value(field, in: executor.context))
                } else {
                    values.append(try executor.value(projections[index], record))
                }
            }
            return values
        }
    }

    func value(_ projection: Projection, _ record: AnyRecord) throws -> FieldValue {
        switch projection {
        case .path(let path, _): try Evaluator.value(path, of: record, in: context)
        case .computed(let operand, _, _): try Evaluator.value(operand, of: record, in: context)
        case .aggregate: .null
        }
    }

    static func columnProjection(_ field: FieldInfo) -> Projection {
        .path(BoundPath(hops: [], field: field, text: field.name), name: field.name)
    }

    func projection(_ item: SelectItem, _ binder: Binder) throws(QueryError) -> Projection {
        let name = item.alias ?? Projection.name(of: item.target)
        switch item.target {
        case .path(let path): return .path(try binder.bind(path), name: name)
        case .expression(let value):
            let (operand, type) = try binder.bindValue(value, expecting: nil)
            if case .path(let path) = operand { return .path(path, name: name) }
            return .computed(operand, type: type, name: name)
        case .aggregate(let function, let argument, _):
            let bound = try argument.map { (path) throws(QueryError) in try binder.bind(path) }
            if function != .count, function != .min, function != .max, let bound {
                switch bound.field.type {
                case .integer, .decimal, .real, .custom: break
                default:
                    throw QueryError(
                        .typeMismatch,
                        "\(function.rawValue)() needs numbers, but \(bound.text) is \(bound.field.type.article)",
                        at: item.range
                    )
                }
            }
            return .aggregate(function, bound, name: name)
        }
    }

    /// In a grouped result every plain column must be a group key or follow from one
    /// (`customer.name` when grouping by `customer`).
    func checkGrouping(_ projections: [Projection], _ groups: [BoundPath], _ items: [SelectItem])
        throws
    {
        for (index, projection) in projections.enumerated() {
            // A computed column may read only grouped paths (`days(max(...))` is not a thing).
            for path in projection.paths { try checkGrouped(path, groups, at: index, items) }
        }
    }

    private func checkGrouped(_ path: BoundPath, _ groups: [BoundPath], at index: Int, _ items: [SelectItem])
        throws
    {
        let follows = groups.contains { group in
            path.text.lowercased() == group.text.lowercased()
                || path.text.lowercased().hasPrefix(group.text.lowercased() + ".")
        }
        guard !follows else { return }
        let range =
            index < items.count
            ? items[index].range : SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))
        throw QueryError(
            .aggregateNotAllowed,
            "\(path.text) is neither grouped nor aggregated (add it to group by, or use min(\(path.text)))",
            at: range
        )
    }

    private func aggregateRows(_ plan: Plan, _ groups: [BoundPath], _ projections: [Projection]) throws
        -> [[FieldValue]]
    {
        // Each group's first record and accumulators, by group number; the accumulators are
        // updated in place (copying a group's state in and out of a dictionary per row would
        // copy its accumulator array every time).
        var groupNumbers: [GroupKeys: Int] = [:]
        var keys: [[FieldValue]] = []
        var firsts: [AnyRecord] = []
        var accumulators: [[Accumulator]] = []
        let fresh = projections.map { projection in
            if case .aggregate(let function, _, _) = projection {
                return Accumulator(function, type: projection.sortType)
            }
            return Accumulator(.count)
        }
        let prepared = try SemiJoin.prepare(plan, in: context)
        // Groups and aggregates need only the fields they and the conditions read.
        var needs = FieldNeeds(plan.entity)
        needs.add(prepared.residual)
        needs.add(groups)
        for projection in projections {
            switch projection {
            case .path(let path, _): needs.add(path)
            case .computed(let operand, _, _): needs.add(operand)
            case .aggregate(_, let argument, _): if let argument { needs.add(argument) }
            }
        }
        let source = try RecordSource(prepared, in: context, needs: needs.names)
        try source.walk { record in
            guard try source.condition.passes(record, in: context) else { return true }
            let values = try groups.map { try Evaluator.value($0, of: record, in: context) }
            // Groups fold case, as every text compare does: "Delhi" and "DELHI" are one group.
            let key = GroupKeys(values)
            let number: Int
            if let known = groupNumbers[key] {
                number = known
            } else {
                number = keys.count
                groupNumbers[key] = number
                keys.append(zip(values, groups).map { Evaluator.sortValue($0, $1.field.type) })
                firsts.append(record.copy(into: context.arena))
                accumulators.append(fresh)
            }
            for (index, projection) in projections.enumerated() {
                guard case .aggregate(_, let argument, _) = projection else { continue }
                accumulators[number][index].add(
                    try argument.map { try Evaluator.value($0, of: record, in: context) } ?? .bool(true))
            }
            return true
        }
        if groups.isEmpty && keys.isEmpty {
            // No rows at all still gives one row: count 0, other aggregates null.
            return [
                projections.map { projection in
                    if case .aggregate(let function, _, _) = projection {
                        return Accumulator(function).result
                    }
                    return .null
                }
            ]
        }
        // Groups come out sorted by their keys, not in the order they were found.
        let ordered = keys.indices.sorted { a, b in
            Self.precedes(keys[a], keys[b], Array(repeating: false, count: keys[a].count))
        }
        return try ordered.map { number in
            try projections.enumerated().map { index, projection in
                switch projection {
                case .aggregate: accumulators[number][index].result
                case .path(let path, _): try Evaluator.value(path, of: firsts[number], in: context)
                case .computed(let operand, _, _):
                    try Evaluator.value(operand, of: firsts[number], in: context)
                }
            }
        }
    }

    private func sort(
        _ rows: inout [[FieldValue]], by columns: [(index: Int, descending: Bool)],
        _ projections: [Projection]
    ) {
        guard !columns.isEmpty else { return }
        let types = columns.map { projections[$0.index].sortType }
        func keys(_ row: [FieldValue]) -> [FieldValue] {
            zip(columns, types).map { column, type in Evaluator.sortValue(row[column.index], type) }
        }
        rows.sort { a, b in Self.precedes(keys(a), keys(b), columns.map(\.descending)) }
    }

    static func precedes(_ a: [FieldValue], _ b: [FieldValue], _ descending: [Bool]) -> Bool {
        for index in a.indices {
            let order = Evaluator.sortOrder(a[index], b[index])
            if order != 0 { return descending[index] ? order > 0 : order < 0 }
        }
        return false
    }
}

/// `offset` and `limit`: which rows of a result are sent.
struct RowWindow {
    let offset: Int64
    let limit: Int64?

    struct Progress {
        var seen: Int64 = 0
        var emitted: Int64 = 0
    }

    var start: Progress { Progress() }

    func wants(more progress: Progress) -> Bool {
        guard let limit else { return true }
        return progress.emitted < limit
    }

    /// The positions the window keeps of `count` rows.
    func range(count: Int) -> Range<Int> {
        let from = Int(clamping: max(0, offset))
        guard from < count else { return count..<count }
        let to = limit.map { Int(clamping: min(Int64(count), Int64(from) + max(0, $0))) } ?? count
        return from..<max(from, to)
    }

    func emit(_ rows: [[FieldValue]], to receiver: ResultReceiver, context: ExecutionContext) {
        for row in rows[range(count: rows.count)] {
            receiver.row(row)
            context.countRow()
        }
    }
}

/// Counts without reading records.
enum RecordCount {
    static func all(_ entity: Entity, _ tx: ReadTransaction) throws -> Int {
        try tx.count(RecordKind(entity))
    }
}
