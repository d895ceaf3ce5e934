import CRMQuery
import CRMStore

/// Exports the records of one kind, optionally filtered by a query-language condition, as
/// CSV or JSON Lines that ``Importer`` reads back into the same records.
///
/// The columns are those `find` shows (`id`, the fields of SPEC.md section 2 in order,
/// `tags`, `created`, `updated`), then the custom fields: in CSV one `attrs.NAME` column per
/// custom field name any exported record has (sorted by name, empty where a record lacks
/// it), in JSON Lines one `attrs` object per row. Values are written as query results print
/// them: times in the session's zone, decimals exactly, tags in CSV joined with ", ".
/// Records come in id order, one at a time, so the export is never held in memory; CSV reads
/// the matching records twice (first to learn the custom field names), in one transaction.
///
///     let exporter = Exporter(session: session, entity: .promise, format: .csv, where: "overdue")
///     let count = try exporter.export { text in print(text, terminator: "") }
public struct Exporter {
    /// The session whose store, clock, time zone and parameters the export uses.
    public let session: Session
    /// The kind of record exported.
    public let entity: Entity
    /// How the rows are written.
    public let format: TransferFormat
    /// A condition as `find ... where` takes it (`tier = vip and city = "Xi'an"`); nil for
    /// every record.
    public let condition: String?

    /// An exporter of `entity` records from `session`'s store.
    public init(session: Session, entity: Entity, format: TransferFormat, where condition: String? = nil) {
        self.session = session
        self.entity = entity
        self.format = format
        self.condition = condition
    }

    /// Writes the export through `write`, piece by piece, and returns how many records it wrote.
    ///
    /// - Throws: ``TransferError`` `.usage` when the condition does not parse or names an
    ///   unknown field (before anything is written), `.storage` when the store fails.
    @discardableResult
    public func export(to write: (String) -> Void) throws(TransferError) -> Int {
        let time = session.timeContext
        let predicate = try boundCondition(time)
        let writer = ResultWriter(
            format: format == .csv ? .csv : .jsonl, formatTimestamp: { time.format($0) })
        let columns = Schema.defaultColumns(of: entity)
        let names = columns.map(\.name)
        do {
            return try session.store.read { tx in
                let context = ExecutionContext(transaction: tx, now: time.now)
                let plan = Planner(
                    entity: entity, orderBy: [], now: time.now,
                    customIndexes: context.customFields.indexes(of: RecordKind(entity))
                ).plan(predicate, texts: [])
                var attributeNames: [String] = []
                if format == .csv {
                    var found = Set<String>()
                    try Self.forEachMatch(plan, context) { found.formUnion(try $0.attributes().keys) }
                    attributeNames = found.sorted()
                    write(writer.renderStart(columns: names + attributeNames.map { "attrs." + $0 }))
                }
                var count = 0
                try Self.forEachMatch(plan, context) { record in
                    let values = try record.values(columns.map(\.ref), in: context)
                    let attributes = try record.attributes()
                    if format == .csv {
                        let extra = attributeNames.map { attributes[$0] ?? .null }
                        write(writer.renderRow(columns: [], row: values + extra))
                    } else {
                        write(Self.jsonLine(writer, names, values, attributes))
                    }
                    count += 1
                }
                return count
            }
        } catch let error as StoreError {
            throw TransferError(
                error.code == .corrupt ? .damaged : .storage, "the store failed: \(error.message)")
        } catch {
            throw TransferError(.storage, "the export failed: \(error)")
        }
    }

    /// The condition parsed as the `where` of `find ENTITY where CONDITION` and bound.
    private func boundCondition(_ time: TimeContext) throws(TransferError) -> BoundPredicate? {
        guard let condition else { return nil }
        let prefix = "find \(entity.plural) where "
        let parsed = Parser.parse(prefix + condition)
        if let diagnostic = parsed.diagnostics.first {
            let column =
                diagnostic.range.start.line == 1
                ? diagnostic.range.start.column - prefix.count : diagnostic.range.start.column
            throw TransferError(
                .usage, "--where: column \(max(1, column)): \(diagnostic.fullMessage)")
        }
        guard parsed.script.statements.count == 1, case .find(let find) = parsed.script.statements[0].kind,
            let filter = find.filter, find.groupBy.isEmpty, find.select.isEmpty, find.orderBy.isEmpty,
            find.limit == nil, find.offset == nil
        else {
            throw TransferError(
                .usage,
                "--where takes one condition, such as tier = vip and city = \"Xi'an\" "
                    + "(no order by, limit, select or further statements)")
        }
        let customFields = (try? session.store.read { try $0.customFields() }) ?? CustomFields()
        let binder = Binder(
            entity: entity, parameters: session.parameters, time: time, customFields: customFields)
        do {
            return try binder.bind(filter)
        } catch {
            throw TransferError(.usage, "--where: \(error.description)")
        }
    }

    /// Calls `body` with each record that passes the plan's conditions, in id order: straight
    /// from the table, or, when an index chose the candidates, by their ids sorted.
    private static func forEachMatch(
        _ plan: Plan, _ context: ExecutionContext, _ body: (AnyRecord) throws -> Void
    ) throws {
        let source = try RecordSource(plan, in: context)
        if case .table = plan.access {
            try source.walk { record in
                if try source.condition.passes(record, in: context) { try body(record) }
                return true
            }
            return
        }
        var ids: [Int64] = []
        try source.walk { record in
            if try source.condition.passes(record, in: context) { ids.append(record.id) }
            return true
        }
        for id in ids.sorted() {
            if let record = try RecordSource.fetch(plan.entity, id, context.transaction) { try body(record) }
        }
    }

    /// One JSON Lines row: the columns, then `"attrs":{...}` with the custom fields by name.
    private static func jsonLine(
        _ writer: ResultWriter, _ names: [String], _ values: [FieldValue], _ attributes: [String: FieldValue]
    ) -> String {
        let row = writer.renderRow(columns: names, row: values)
        let sortedNames = attributes.keys.sorted()
        let object =
            sortedNames.isEmpty
            ? "{}"
            : String(
                writer.renderRow(columns: sortedNames, row: sortedNames.map { attributes[$0] ?? .null })
                    .dropLast())
        return String(row.dropLast(2)) + ",\"attrs\":" + object + "}\n"
    }
}

extension AnyRecord {
    /// The record's custom fields.
    func attributes() throws -> [String: FieldValue] {
        switch storage {
        case .view(let view): try view.attributes()
        case .values(let box): box.values.attrs
        case .entry: [:]
        }
    }
}
