import CRMQuery
import CRMStore
import Foundation

/// Imports records from a CSV or JSON Lines file into a store, all or nothing.
///
/// Every row is read and checked first; then all rows are applied in one write transaction.
/// If any row is bad (a wrong value, an unknown column, a missing required field, a customer
/// that does not exist), nothing is imported and the error lists every bad row by its line.
/// Values are read in the session's time zone.
///
///     let importer = Importer(session: session, options: ImportOptions(entity: .customer, format: .csv))
///     let summary = try importer.importFile(atPath: "customers.csv")
///     print(summary)  // imported 120 customers (0 updated)
///
/// CSV: a header line names the columns (ignoring case); `tags` holds tags separated by
/// commas; `attrs.NAME` columns are custom fields, their types inferred from the text; an
/// empty field is null. JSON Lines: one object per line, `tags` an array, `attrs` an object.
/// Columns `id`, `created` and `updated` (which export writes) are ignored, except `id` as
/// the key of `--upsert-by id`. A null for a field that has a default (`tier`, `status`)
/// keeps the default, or on an update the stored value.
public struct Importer {
    /// The session whose store, clock and time zone the import uses.
    public let session: Session
    /// What to import.
    public let options: ImportOptions

    /// An importer into `session`'s store.
    public init(session: Session, options: ImportOptions) {
        self.session = session
        self.options = options
    }

    /// Imports the file at `path`; `progress` is called now and then with the rows applied
    /// so far and the number of rows.
    ///
    /// - Throws: ``TransferError``: `.file` when the file cannot be read, `.usage` for a bad
    ///   `upsertBy`, `.invalidRows` with every problem when any row is bad, `.storage` when the
    ///   store fails. Nothing is imported when it throws.
    public func importFile(atPath path: String, progress: ((Int, Int) -> Void)? = nil) throws(TransferError)
        -> ImportSummary
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw TransferError(.file, "cannot read \(path): \(reason)")
        }
        return try importBytes([UInt8](data), progress: progress)
    }

    /// Imports file content given as bytes; see ``importFile(atPath:progress:)``.
    public func importBytes(_ bytes: [UInt8], progress: ((Int, Int) -> Void)? = nil) throws(TransferError)
        -> ImportSummary
    {
        try options.validate()
        let time = session.timeContext
        // Declared custom fields convert to their types; read before the import's write.
        let customFields = (try? session.store.read { try $0.customFields() }) ?? CustomFields()
        let converter = RowConverter(
            entity: options.entity, time: time, upsertField: options.upsertBy, customFields: customFields)
        let text = ImportText(bytes: bytes)
        var issues: [ImportIssue] = []
        var prepared: [PreparedRow] = []
        let rows: [SourceRow]
        var columns: [String: ImportColumn]?
        switch options.format {
        case .csv:
            let table = try CSVRowReader.read(text)
            let header = converter.resolveHeader(table.header, line: table.headerLine)
            let missing = missingColumns(table.header, converter: converter, line: table.headerLine)
            issues += header.issues + missing
            columns = header.columns
            rows = table.rows
            if !missing.isEmpty {
                // No row can be inserted: report the header and the rows' other problems only.
                for row in rows {
                    if case .failure(let problems) = converter.prepare(row, columns: columns) {
                        issues += problems.issues
                    }
                }
                throw Self.failure(issues)
            }
        case .jsonl:
            rows = JSONLRowReader.read(text)
        }
        for row in rows {
            switch converter.prepare(row, columns: columns) {
            case .success(let row): prepared.append(row)
            case .failure(let problems): issues += problems.issues
            }
        }
        issues += duplicateKeys(prepared)
        let writer = RowWriter(entity: options.entity, converter: converter, upsertField: options.upsertBy)
        let counts: (inserted: Int, updated: Int)
        do {
            counts = try session.store.write { tx in
                try writer.apply(prepared, in: tx, now: time.now, earlierIssues: issues, progress: progress)
            }
        } catch let failure as ImportIssues {
            throw Self.failure(issues + failure.issues)
        } catch let error as StoreError {
            throw TransferError(
                error.code == .corrupt ? .damaged : .storage,
                "the store failed: \(error.message); nothing was imported")
        } catch {
            throw TransferError(.storage, "the store failed: \(error); nothing was imported")
        }
        return ImportSummary(entity: options.entity, inserted: counts.inserted, updated: counts.updated)
    }

    /// The error for `issues`, sorted by line (a sort that keeps a line's problems in order).
    private static func failure(_ issues: [ImportIssue]) -> TransferError {
        let sorted = issues.enumerated().sorted {
            ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
        }
        .map(\.element)
        return TransferError(
            .invalidRows,
            "\(sorted.count) problem\(sorted.count == 1 ? "" : "s") found; nothing was imported",
            issues: sorted)
    }

    /// Required columns a CSV header lacks: reported once on the header line, not on every
    /// row, unless rows may update records (with `upsertBy`), which need not give them.
    private func missingColumns(_ header: [String], converter: RowConverter, line: Int) -> [ImportIssue] {
        guard options.upsertBy == nil, !header.isEmpty else { return [] }
        let present = Set(header.map { $0.lowercased() })
        return converter.required.filter { !present.contains($0) }.map { name in
            ImportIssue(line: line, message: "the header has no column '\(name)' (\(converter.requirement))")
        }
    }

    /// Rows that repeat the `upsertBy` value of an earlier row: the file must name each
    /// record once.
    private func duplicateKeys(_ rows: [PreparedRow]) -> [ImportIssue] {
        guard let field = options.upsertBy?.lowercased() else { return [] }
        var first: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for row in rows {
            guard let key = row.key else { continue }
            let identity = Self.keyIdentity(key, field: field)
            if let earlier = first[identity] {
                issues.append(
                    ImportIssue(
                        line: row.line,
                        message: "\(field) \(key.quotedForMessage) is also on line \(earlier) "
                            + "(with --upsert-by \(field), each record may appear once)"))
            } else {
                first[identity] = row.line
            }
        }
        return issues
    }

    /// The text two keys share when they find the same record: email and name ignoring case,
    /// phone by its digits.
    private static func keyIdentity(_ key: FieldValue, field: String) -> String {
        switch (field, key) {
        case ("phone", .string(let phone)):
            return String(phone.unicodeScalars.filter { ("0"..."9").contains($0) })
        case (_, .string(let text)): return text.lowercased()
        default: return key.description
        }
    }
}

extension FieldValue {
    /// A value in a message: text quoted, other values as they print.
    var quotedForMessage: String {
        if case .string(let text) = self { return "'\(text)'" }
        return description
    }
}
