import CRMQuery
import CRMStore

/// Applies prepared rows in one write transaction: each row inserts a record, or with
/// `--upsert-by` updates the record its key finds. A row the store refuses (a bad email, a
/// customer that does not exist) is noted and the next row is tried, so every bad row is
/// reported; then, if any row was bad, the transaction is rolled back by throwing.
struct RowWriter {
    let entity: Entity
    let converter: RowConverter
    /// The `--upsert-by` field, lower case.
    let upsertField: String?

    init(entity: Entity, converter: RowConverter, upsertField: String?) {
        self.entity = entity
        self.converter = converter
        self.upsertField = upsertField?.lowercased()
    }

    /// How often, in rows, `progress` is called.
    static let progressInterval = 1_000

    /// Inserts or updates every row and returns the counts.
    ///
    /// - Throws: ``ImportIssues`` when a row was refused or `earlierIssues` is not empty (so
    ///   the transaction rolls back); a `StoreError` of the storage itself as it comes.
    func apply(
        _ rows: [PreparedRow], in tx: WriteTransaction, now: Timestamp, earlierIssues: [ImportIssue],
        progress: ((Int, Int) -> Void)?
    ) throws -> (inserted: Int, updated: Int) {
        var inserted = 0
        var updated = 0
        var issues: [ImportIssue] = []
        for (index, row) in rows.enumerated() {
            if index % Self.progressInterval == 0 { progress?(index, rows.count) }
            do {
                if let existing = try find(row, in: tx) {
                    try update(existing, with: row, in: tx)
                    updated += 1
                } else {
                    try insert(row, in: tx, now: now)
                    inserted += 1
                }
            } catch let problem as RowProblem {
                issues.append(ImportIssue(line: row.line, message: problem.message))
            } catch let error as StoreError where error.code != .storage && error.code != .corrupt {
                issues.append(ImportIssue(line: row.line, message: error.message))
            }
        }
        progress?(rows.count, rows.count)
        if !issues.isEmpty || !earlierIssues.isEmpty { throw ImportIssues(issues) }
        return (inserted, updated)
    }

    /// The stored record the row's `--upsert-by` key names, or nil to insert.
    private func find(_ row: PreparedRow, in tx: WriteTransaction) throws -> RecordValues? {
        guard let field = upsertField, let key = row.key else { return nil }
        if field == "id" {
            guard case .integer(let id) = key, let record = try tx.view(RecordKind(entity), id)?.values()
            else {
                throw RowProblem(
                    "\(entity.singular) \(key) does not exist (with --upsert-by id, a row with an id "
                        + "updates that record; leave id empty to insert a new one)")
            }
            return record
        }
        guard case .string(let text) = key else { return nil }
        let matches: [Customer]
        switch field {
        case "email": matches = try tx.customers(email: text).collect(limit: 2)
        case "phone": matches = try tx.customers(phone: text).collect(limit: 2)
        default: matches = try tx.customers(name: text).collect(limit: 2)
        }
        guard matches.count < 2 else {
            throw RowProblem(
                "\(field) '\(text)' matches more than one customer (ids "
                    + matches.map { String($0.id) }.joined(separator: ", ")
                    + "); --upsert-by needs a value that names one record")
        }
        return matches.first?.storedValues
    }

    private func update(_ existing: RecordValues, with row: PreparedRow, in tx: WriteTransaction) throws {
        if let emptied = row.emptied.first {
            throw RowProblem("\(emptied) is empty (\(converter.requirement))")
        }
        var record = existing
        try assign(row, to: &record)
        try tx.update(record)
    }

    private func insert(_ row: PreparedRow, in tx: WriteTransaction, now: Timestamp) throws {
        let missing = converter.required.filter { !row.given.contains($0) }
        if !missing.isEmpty {
            throw RowProblem(
                "missing required field\(missing.count == 1 ? "" : "s") "
                    + missing.map { "'\($0)'" }.joined(separator: ", ") + " (\(converter.requirement))")
        }
        var record = RecordValues(blank: RecordKind(entity))
        try assign(row, to: &record)
        _ = try tx.insert(record)
    }

    private func assign(_ row: PreparedRow, to record: inout RecordValues) throws(RowProblem) {
        for (field, value) in row.assignments {
            do {
                try record.assign(field, value)
            } catch {
                throw RowProblem("\(field.name) takes \(error.expected)")
            }
        }
    }
}
