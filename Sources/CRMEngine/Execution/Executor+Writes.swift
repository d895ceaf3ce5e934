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
        let binder = binder(entity)
        var record = AnyRecord.blank(entity, now: time.now)
        var given = Set<String>()
        for field in statement.fields {
            if field.name.lowercased() == "attrs" {
                guard case .object(let attributes) = field.value.kind else {
                    throw QueryError(
                        .typeMismatch, "attrs takes an object such as {region: \"north\"}",
                        at: field.value.range)
                }
                for attribute in attributes {
                    let path = Path(components: ["attrs", attribute.name], range: attribute.nameRange)
                    try assign(path, attribute.value, to: &record, binder)
                }
                continue
            }
            guard Schema.field(field.name, of: entity) != nil else {
                throw binder.unknownField(field.name, on: entity, at: field.nameRange)
            }
            try assign(
                Path(components: [field.name], range: field.nameRange), field.value, to: &record, binder)
            given.insert(field.name.lowercased())
        }
        let required: [String] =
            switch entity {
            case .customer: ["name"]
            case .interaction: ["customer", "kind"]
            case .promise: ["customer", "title", "due"]
            }
        if let missing = required.first(where: { !given.contains($0) }) {
            throw QueryError(
                .missingField,
                "insert \(entity.rawValue) needs \(missing) (give \(required.map { "\($0): ..." }.joined(separator: ", ")))",
                at: statement.entity.range
            )
        }
        let tx = try writer(range)
        let stored: AnyRecord =
            switch record {
            case .customer(let customer): .customer(try tx.insert(customer))
            case .interaction(let interaction): .interaction(try tx.insert(interaction))
            case .promise(let promise): .promise(try tx.insert(promise))
            }
        context.forgetCachedRecords()
        let columns = Schema.defaultColumns(of: entity)
        receiver.section(title: nil, columns: columns.map(\.name))
        receiver.row(try stored.values(columns.map(\.id), in: context))
    }

    /// Converts `value` to the type of the field at `path` and sets it.
    private func assign(_ path: Path, _ value: Value, to record: inout AnyRecord, _ binder: Binder) throws {
        let bound = try binder.bind(path)
        guard bound.isLocal, bound.field.writable else {
            throw QueryError(
                .readOnlyField,
                "\(bound.text) cannot be set: "
                    + (bound.isLocal ? "the store sets it" : "set it on the record it belongs to"),
                at: path.range
            )
        }
        let converted = try binder.constant(
            value, for: bound.field.type, describing: bound.text, endOfDay: bound.field.id == .due)
        do {
            try record.assign(bound.field.id, converted)
        } catch {
            throw QueryError(.typeMismatch, "\(bound.text) takes \(error.expected)", at: value.range)
        }
    }

    func update(_ statement: UpdateStatement, range: SourceRange) throws {
        let entity = statement.entity.entity
        let binder = binder(entity)
        let ids = try targetIDs(statement.target, entity, binder)
        let tx = try writer(range)
        for id in ids {
            guard var record = try RecordSource.fetch(entity, id, tx) else { continue }
            for assignment in statement.assignments {
                try assign(assignment.path, assignment.value, to: &record, binder)
            }
            switch record {
            case .customer(let customer): try tx.update(customer)
            case .interaction(let interaction): try tx.update(interaction)
            case .promise(let promise): try tx.update(promise)
            }
            context.forgetCachedRecords()
        }
        receiver.section(title: nil, columns: ["id"])
        for id in ids { receiver.row([.integer(id)]) }
    }

    func delete(_ statement: DeleteStatement, range: SourceRange) throws {
        let entity = statement.entity.entity
        if statement.cascade && entity != .customer {
            throw QueryError(
                .storeRejected,
                "cascade deletes a customer with everything of theirs; a \(entity.rawValue) has nothing to cascade to",
                at: statement.entity.range
            )
        }
        let ids = try targetIDs(statement.target, entity, binder(entity))
        let tx = try writer(range)
        receiver.section(
            title: nil, columns: statement.cascade ? ["id", "interactions", "promises"] : ["id"])
        for id in ids {
            let deletion: WriteTransaction.Deletion
            switch entity {
            case .customer: deletion = try tx.delete(Customer.self, id, cascade: statement.cascade)
            case .interaction: deletion = try tx.delete(Interaction.self, id)
            case .promise: deletion = try tx.delete(Promise.self, id)
            }
            context.forgetCachedRecords()
            receiver.row(
                statement.cascade
                    ? [
                        .integer(id), .integer(Int64(deletion.interactions.count)),
                        .integer(Int64(deletion.promises.count)),
                    ]
                    : [.integer(id)]
            )
        }
    }

    /// The ids an `update` or `delete` touches: the one named (which must exist), or every
    /// record matching the condition, found before any is changed.
    private func targetIDs(_ target: RecordTarget, _ entity: Entity, _ binder: Binder) throws -> [Int64] {
        switch target {
        case .id(let argument):
            let id = try binder.integer(argument)
            guard try context.transaction.exists(RecordKind(entity), id) else {
                throw QueryError(.notFound, "\(entity.rawValue) \(id) does not exist", at: argument.range)
            }
            return [id]
        case .filter(let expression):
            let predicate = try binder.bind(expression)
            let plan = planner(entity).plan(predicate, texts: [])
            let prepared = try SemiJoin.prepare(plan, in: context)
            var needs = FieldNeeds(entity)
            needs.add(prepared.residual)
            var source = try RecordSource(prepared, in: context, mask: needs.mask)
            var ids: [Int64] = []
            while let record = try source.next() {
                if try passes(source.residual, record) { ids.append(record.id) }
            }
            return ids
        }
    }
}
