import CRMQuery
import CRMStore

extension Executor {
    /// The transaction as a writer; reads run in read transactions, so a write reaching here
    /// without one is the session's mistake, reported rather than trapped.
    private func writer(_ range: SourceRange) throws(QueryError) -> WriteTransaction {
        guard let tx = context.transaction as? WriteTransaction else {
            throw QueryError(
                .transactionState, "this statement writes, but the store was opened read-only", at: range)
        }
        return tx
    }

    func insert(_ statement: InsertStatement, range: SourceRange) throws {
        let entity = statement.entity.entity
        let record = try preboundInsert ?? values(of: statement)
        let tx = try writer(range)
        let stored = try Self.pointingIntoOn(statement.fields.first { Identifier.same($0.name, "on") }?.value)
        {
            AnyRecord(try tx.insert(record))
        }
        context.forgetCachedRecords()
        // As a record: a script's one-line result (`insert customer 17`) needs its id alone.
        let columns = Schema.defaultRecordColumns(of: entity)
        receiver.section(title: nil, columns: columns.names)
        try receiver.row(record: RecordRow(record: stored, columns: columns.cells, context: context))
    }

    /// The record an insert statement gives, checked against the schema (not yet against the
    /// store's rules, which the insert applies).
    func values(of statement: InsertStatement) throws -> RecordValues {
        try Self.values(of: statement, binder(statement.entity.entity))
    }

    /// The record an insert statement gives, bound by `binder`: an insert has no record to
    /// read, so nothing but the binder's parameters, clock and custom fields goes in.
    static func values(of statement: InsertStatement, _ binder: Binder) throws -> RecordValues {
        let entity = statement.entity.entity
        var record = RecordValues(blank: RecordKind(entity))
        for field in statement.fields {
            if Identifier.same(field.name, "attrs") {
                guard case .object(let attributes) = field.value.kind else {
                    throw QueryError(
                        .typeMismatch, "attrs takes an object such as {region: \"north\"}",
                        at: field.value.range)
                }
                for attribute in attributes {
                    let path = Path(components: ["attrs", attribute.name], range: attribute.nameRange)
                    try assignConstant(
                        try binder.bind(path), at: path.range, attribute.value, to: &record, binder)
                }
                continue
            }
            // A field of the record itself: bound without building a path.
            guard let info = Schema.field(field.name, of: entity) else {
                throw binder.unknownField(field.name, on: entity, at: field.nameRange)
            }
            try assignConstant(
                BoundPath(hops: [], field: info, text: field.name), at: field.nameRange, field.value,
                to: &record, binder)
        }
        // A required field given as null was refused when assigned: one still null was not given.
        let required = entity.schema.requiredFields
        if let missing = required.first(where: { record[$0] == .null }) {
            throw QueryError(
                .missingField,
                "insert \(entity.rawValue) needs \(missing.name) (give \(required.map { "\($0.name): ..." }.joined(separator: ", ")))",
                at: statement.entity.range
            )
        }
        return record
    }

    /// Runs `write`; a policy condition it refuses (``PolicyConditionError``) becomes a
    /// `QueryError` whose caret points inside the string literal `on` it came from, when the
    /// statement gave one (else at the statement).
    @discardableResult
    private static func pointingIntoOn<T>(_ on: @autoclosure () -> Value?, _ write: () throws -> T) throws
        -> T
    {
        do {
            return try write()
        } catch let error as PolicyConditionError {
            var diagnostic = error.diagnostic
            guard let on = on(), case .string = on.kind else { throw QueryError(diagnostic) }
            // Inside the quotes: the literal's first character is its opening quote.
            func moved(_ inner: SourceLocation) -> SourceLocation {
                SourceLocation(
                    offset: on.range.start.offset + 1 + inner.offset, line: on.range.start.line,
                    column: on.range.start.column + inner.column)
            }
            diagnostic.range = SourceRange(
                start: moved(diagnostic.range.start), end: moved(diagnostic.range.end))
            throw QueryError(diagnostic)
        }
    }

    /// Converts `value` to the type of the field at `path` and sets it. A computed value in
    /// an update (`due + 2bd`) reads the record as it was before the statement (`original`),
    /// so that `set a = b, b = a` swaps, as in SQL; an insert has no record to read.
    /// A date literal for a date field (a holiday's `from: 2026-10-01`), or an offset for an
    /// offset field (a policy's `within: 24bh`), as the text the field stores; nil for others.
    private static func textOfLiteral(_ value: Value, for rule: FieldRule?) -> String? {
        switch (rule, value.kind) {
        case (.date?, .time(.date(let text))): return text
        case (.offset?, .interval(let offset)), (.offset?, .time(.offset(let offset))):
            return offset.isNegative ? nil : "\(offset.amount)\(offset.unit.rawValue)"
        default: return nil
        }
    }

    private func assign(
        _ path: Path, _ value: Value, to record: inout RecordValues, _ binder: Binder,
        original: RecordValues? = nil
    ) throws {
        try assign(try binder.bind(path), at: path.range, value, to: &record, binder, original: original)
    }

    /// Assigns `value` to the field `bound`, written at `range`; see `assign(_:_:to:_:original:)`.
    private func assign(
        _ bound: BoundPath, at range: SourceRange, _ value: Value, to record: inout RecordValues,
        _ binder: Binder, original: RecordValues? = nil
    ) throws {
        guard Self.textOfLiteral(value, for: bound.field.ref.stored?.rule) == nil, let original,
            value.isComputed || readsField(value, for: bound.field.type, binder)
        else {
            try Self.assignConstant(bound, at: range, value, to: &record, binder)
            return
        }
        try Self.checkWritable(bound, at: range)
        let (operand, _) = try binder.bindValue(value, expecting: bound.field.type)
        let computed = try Evaluator.value(operand, of: AnyRecord(original), in: context)
        let converted = try binder.coerce(
            computed, to: bound.field.type, bound.text, at: value.range, endOfDay: false)
        try Self.set(converted, of: value, at: bound, in: &record)
    }

    /// Assigns `value`, which reads no record, to the field `bound`, written at `range`.
    private static func assignConstant(
        _ bound: BoundPath, at range: SourceRange, _ value: Value, to record: inout RecordValues,
        _ binder: Binder
    ) throws {
        try checkWritable(bound, at: range)
        let converted: FieldValue
        if let text = textOfLiteral(value, for: bound.field.ref.stored?.rule) {
            converted = .string(text)
        } else {
            converted = try binder.constant(
                value, for: bound.field.type, describing: bound.text,
                endOfDay: bound.field.ref.stored?.dateMeansEndOfDay ?? false)
        }
        try set(converted, of: value, at: bound, in: &record)
    }

    /// Sets the field `bound` to `converted`, the value `value` gave.
    private static func set(
        _ converted: FieldValue, of value: Value, at bound: BoundPath, in record: inout RecordValues
    ) throws {
        do {
            try record.assign(bound.field, converted)
        } catch {
            throw QueryError(.typeMismatch, "\(bound.text) takes \(error.expected)", at: value.range)
        }
    }

    /// Refuses a field the store sets, or one of another record.
    private static func checkWritable(_ bound: BoundPath, at range: SourceRange) throws {
        guard bound.isLocal, bound.field.writable else {
            throw QueryError(
                .readOnlyField,
                "\(bound.text) cannot be set: "
                    + (bound.isLocal ? "the store sets it" : "set it on the record it belongs to"),
                at: range
            )
        }
    }

    /// Whether `value`, a bare word assigned to a field of `type`, names a field to copy
    /// (`set made = due`) rather than being an enum value or tag (`set status = kept`).
    private func readsField(_ value: Value, for type: FieldType, _ binder: Binder) -> Bool {
        guard case .path(let path) = value.kind, !binder.isValueWord(path, for: type) else { return false }
        do {
            _ = try binder.bind(path)
            return true
        } catch {
            return false
        }
    }

    func update(_ statement: UpdateStatement, range: SourceRange) throws {
        let entity = statement.entity.entity
        let binder = binder(entity)
        // One named id is not looked up first: the update reads it, and finds it missing.
        let ids = try targetIDs(statement.target, entity, binder, checkingOne: false)
        let tx = try writer(range)
        for id in ids {
            let updated = try Self.pointingIntoOn(
                statement.assignments.last {
                    $0.path.components.count == 1 && Identifier.same($0.path.components[0], "on")
                }?
                .value
            ) {
                // The record is read once, for the assignments and for the update.
                try tx.update(RecordKind(entity), id) { record in
                    let original = record
                    for assignment in statement.assignments {
                        try assign(assignment.path, assignment.value, to: &record, binder, original: original)
                    }
                }
            }
            if updated == nil, case .id(let argument) = statement.target {
                throw Self.missing(entity, id, at: argument.range)
            }
            context.forgetCachedRecords()
        }
        receiver.section(title: nil, columns: ["id"])
        for id in ids { receiver.row([.integer(id)]) }
    }

    func delete(_ statement: DeleteStatement, range: SourceRange) throws {
        let entity = statement.entity.entity
        let kind = RecordKind(entity)
        // The kinds whose records belong to this one (refer to it through a required field).
        let owned = StoreSchema.kinds.filter { schema in
            schema.fields.contains { $0.type == .reference(kind) && $0.required }
        }.map(\.kind)
        if statement.cascade && owned.isEmpty {
            throw QueryError(
                .storeRejected,
                "cascade deletes a record with everything that belongs to it; a \(entity.rawValue) has nothing to cascade to",
                at: statement.entity.range
            )
        }
        let ids = try targetIDs(statement.target, entity, binder(entity))
        let tx = try writer(range)
        receiver.section(
            title: nil, columns: ["id"] + (statement.cascade ? owned.map { Entity($0).plural } : []))
        for id in ids {
            let deletion = try tx.delete(kind, id, cascade: statement.cascade)
            context.forgetCachedRecords()
            receiver.row(
                [.integer(id)] + (statement.cascade ? owned.map { .integer(Int64(deletion[$0].count)) } : []))
        }
    }

    /// The ids an `update` or `delete` touches: the one named (which must exist; with
    /// `checkingOne` false, the caller finds out), or every record matching the condition,
    /// found before any is changed.
    private func targetIDs(
        _ target: RecordTarget, _ entity: Entity, _ binder: Binder, checkingOne: Bool = true
    ) throws -> [Int64] {
        switch target {
        case .id(let argument):
            let id = try binder.integer(argument)
            guard try !checkingOne || context.transaction.exists(RecordKind(entity), id) else {
                throw Self.missing(entity, id, at: argument.range)
            }
            return [id]
        case .filter(let expression):
            let predicate = try binder.bind(expression)
            let plan = planner(entity).plan(predicate, texts: [])
            let prepared = try SemiJoin.prepare(plan, in: context)
            var needs = FieldNeeds(entity)
            needs.add(prepared.residual)
            let source = try RecordSource(prepared, in: context, needs: needs.names)
            var ids: [Int64] = []
            try source.walk { record in
                if try source.condition.passes(record, in: context) { ids.append(record.id) }
                return true
            }
            return ids
        }
    }

    /// The error for a named record that does not exist.
    private static func missing(_ entity: Entity, _ id: Int64, at range: SourceRange) -> QueryError {
        QueryError(.notFound, "\(entity.rawValue) \(id) does not exist", at: range)
    }
}
