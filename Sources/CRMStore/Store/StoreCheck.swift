import LMDB

/// What `Store.check()` found.
public struct CheckReport: Sendable, Equatable {
    /// Each disagreement found, in words: "index customer.tier has an entry for customer 7,
    /// which does not exist".
    public var problems: [String] = []
    /// Records read.
    public var records = 0
    /// Index entries read.
    public var indexEntries = 0
    /// History entries read.
    public var historyEntries = 0
    /// Records read that carry no checksum (written before checksums, record format 1 or 2):
    /// damage inside their fields' values cannot be told from other values. Each gains one
    /// when it is next written.
    public var recordsWithoutChecksum = 0
    /// History entries read that carry no checksum (written before checksums).
    public var historyEntriesWithoutChecksum = 0
    /// Pages of the file walked (with bounds-checked reads, before anything else).
    public var pages: UInt64 = 0
    /// Whether the walk of the file's pages found damage; then records and indexes were not
    /// compared (reading them would follow the damage).
    public var pagesDamaged = false

    /// Whether records, indexes, summaries and history all agree.
    public var isHealthy: Bool { problems.isEmpty }

    /// The first problem that is damage (bytes that could not be read back), if any; other
    /// problems are disagreements that a bug could leave as well.
    var damage: String? { problems.first { $0.contains("damaged") } }
}

extension Store {
    /// Verifies, in one read transaction, that every record can be read, that every index
    /// entry a record should have exists and every index entry belongs to a record that
    /// should have it, that references point to records that exist, that the score
    /// summaries match the interactions, that ids are below the next id to assign, and that
    /// every history entry can be read. Records and history entries that carry a checksum
    /// are checked against it; those written before checksums are counted
    /// (`recordsWithoutChecksum`).
    ///
    /// First of all, every page of the file is walked with bounds-checked reads
    /// (`Environment.checkPages()`), so that damage to the file's structure is reported, not
    /// followed; when it finds any, records and indexes are not compared. Damage found is
    /// noted, so that this process writes nothing more to the file.
    ///
    /// Reads the whole file; use it after a crash, a copy, or a suspicion.
    public func check() throws -> CheckReport {
        var pages = PageCheckReport()
        if let lmdb = engine as? LMDBStorage {
            pages = try translatingErrors { try lmdb.environment.checkPages() }
            guard pages.isHealthy else { return Self.report(pages) }
        }
        var report = try read { tx in
            var checker = StoreChecker(tx: tx)
            try checker.run()
            return checker.report
        }
        report.pages = pages.pagesReached
        if let damage = report.damage { noteDamage(damage) }
        return report
    }

    /// Walks the pages of the store file at `path` alone, without opening it as a store: for a
    /// file whose damage keeps it from opening (`Store(path:)` throws `.corrupt`).
    ///
    /// - Throws: `StoreError` when the file cannot be opened at all.
    public static func checkPages(path: String) throws -> CheckReport {
        do {
            return report(try Environment.checkPages(path: path))
        } catch let error as LMDBError {
            throw openError(StorageError(error, about: path), path: path)
        }
    }

    /// The report of a page walk: its problems, and no records compared when it found any.
    static func report(_ pages: PageCheckReport) -> CheckReport {
        var report = CheckReport()
        report.pages = pages.pagesReached
        report.pagesDamaged = !pages.isHealthy
        report.problems = pages.problems.map { "damaged page: \($0)" }
        if pages.moreProblems > 0 {
            report.problems.append("damaged pages: \(pages.moreProblems) more problem(s) like these")
        }
        return report
    }
}

/// The steps of `Store.check()`.
private struct StoreChecker {
    let tx: ReadTransaction
    var report = CheckReport()
    /// Summaries recomputed from the records, by summary name and group.
    var sums: [String: [Int64: ScoreSummary]] = [:]
    var storage: any StorageReader { tx.storage }
    var tables: Tables { tx.tables }

    init(tx: ReadTransaction) {
        self.tx = tx
    }

    mutating func run() throws {
        for schema in StoreSchema.kinds { try checkRecords(schema) }
        for (ordinal, index) in StoreSchema.indexes.enumerated() { try checkIndex(index, ordinal) }
        try checkCustomIndex()
        try checkSummaries()
        try checkHistory()
    }

    mutating func problem(_ text: String) {
        report.problems.append(text)
    }

    /// Reads every record of a kind; checks its id against the counter, its references,
    /// that each of its index entries exists, and adds it to the summaries it feeds.
    mutating func checkRecords(_ schema: RecordSchema) throws {
        let kind = schema.kind
        let nextID = try MetaKey.integer(MetaKey.nextID(kind), in: storage, tables) ?? 1
        var scan = try storage.scan(tables.records(kind))
        while let entry = try scan.next() {
            report.records += 1
            if entry.value.first != RecordFormat.current { report.recordsWithoutChecksum += 1 }
            guard let id = RecordKey.id(entry.key, tables.layout) else {
                problem("a key in the \(kind.rawValue) table is damaged (\(entry.key.count) bytes)")
                continue
            }
            let values: RecordValues
            do {
                values = try RecordView(id: id, bytes: entry.value, schema: schema, arena: tx.arena).values()
            } catch {
                problem(error.message)
                continue
            }
            let subject = "\(kind.rawValue) \(id)"
            if id <= 0 || id >= nextID {
                problem("\(subject) has an id outside 1..<\(nextID), the ids assigned so far")
            }
            try checkReferences(values, subject)
            for indexEntry in values.indexEntries(tables.layout) {
                let name = StoreSchema.indexes[indexEntry.ordinal].name
                guard let value = try storage.get(tables.index(indexEntry.ordinal), key: indexEntry.key)
                else {
                    problem("index \(name) lacks the entry for \(subject)")
                    continue
                }
                // Empty is an entry written before indexes held the customer: still right.
                if !value.isEmpty && !value.elementsEqual(indexEntry.value) {
                    problem("index \(name) names the wrong customer for \(subject)")
                }
            }
            try checkCustomEntries(values, subject)
            for summary in schema.summaries {
                guard case .integer(let group) = values[summary.groupBy],
                    case .integer(let value) = values[summary.field]
                else { continue }
                sums[summary.name, default: [:]][group, default: ScoreSummary()].sum += value
                sums[summary.name, default: [:]][group, default: ScoreSummary()].count += 1
            }
        }
    }

    /// Each reference names a record that exists, of the same owner where the field says so.
    mutating func checkReferences(_ values: RecordValues, _ subject: String) throws {
        for field in values.kind.schema.fields {
            guard case .reference(let target) = field.type, case .integer(let id) = values[field] else {
                continue
            }
            let referred: RecordView?
            do {
                referred = try tx.view(target, id)
            } catch {
                continue  // A damaged record; reported when its kind is read.
            }
            guard let referred else {
                problem("\(subject) refers to \(target.rawValue) \(id), which does not exist")
                continue
            }
            if case .sameOwner(let owner) = field.rule, let ownerField = target.schema.field(owner),
                (try? referred.value(ownerField)) != values[owner]
            {
                problem("\(subject) is for \(owner) \(values[owner]) but its \(field.name) \(id) is not")
            }
        }
    }

    /// Checks that every entry of `index` belongs to a record that should have it.
    mutating func checkIndex(_ index: IndexSchema, _ ordinal: Int) throws {
        var scan = try storage.scan(tables.index(ordinal))
        while let entry = try scan.next() {
            report.indexEntries += 1
            guard let id = IndexKey.id(entry.key, tables.layout) else {
                problem("index \(index.name) has a damaged entry (\(entry.key.count) bytes)")
                continue
            }
            let key = Array(entry.key)
            let expected: [IndexEntry]?
            do {
                expected = try tx.view(index.kind, id)?.values().indexEntries(tables.layout)
            } catch is StoreError {
                continue  // A damaged record; reported when the records were read.
            }
            guard let expected else {
                problem(
                    "index \(index.name) has an entry for \(index.kind.rawValue) \(id), which does not exist")
                continue
            }
            if !expected.contains(where: { $0.ordinal == ordinal && $0.key == key }) {
                problem(
                    "index \(index.name) has an entry for \(index.kind.rawValue) \(id) that does not match the record"
                )
            }
        }
    }

    /// Each indexed custom field a record holds has its entry, and each value has the
    /// declared type.
    mutating func checkCustomEntries(_ values: RecordValues, _ subject: String) throws {
        guard !values.attrs.isEmpty else { return }
        for field in try tx.customFields().fields(of: values.kind) {
            guard let value = values.attrs[field.name] else { continue }
            guard field.type.accepts(value) else {
                problem(
                    "\(subject) holds \(value.typeName) attrs.\(field.name), declared as \(field.type.rawValue)"
                )
                continue
            }
            guard let table = tables.customIndex,
                let key = ReadTransaction.customIndexKey(field, value, values.id, tables.layout)
            else { continue }
            if try storage.get(table, key: key) == nil {
                problem("index \(field.index?.name ?? field.name) lacks the entry for \(subject)")
            }
        }
    }

    /// Checks that every entry of the custom fields' index belongs to a declared field and
    /// a record that holds that value.
    mutating func checkCustomIndex() throws {
        guard let table = tables.customIndex else { return }
        let indexes = try tx.customFields().all.compactMap { field in field.index.map { (field, $0) } }
        var scan = try storage.scan(table)
        while let entry = try scan.next() {
            report.indexEntries += 1
            guard let (field, index) = indexes.first(where: { entry.key.starts(with: $0.1.keyPrefix) }) else {
                problem("index \(Tables.customIndexName) has an entry of no declared field")
                continue
            }
            guard let id = IndexKey.id(entry.key, tables.layout) else {
                problem("index \(index.name) has a damaged entry (\(entry.key.count) bytes)")
                continue
            }
            let value: FieldValue?
            do {
                guard let view = try tx.view(field.kind, id) else {
                    problem(
                        "index \(index.name) has an entry for \(field.kind.rawValue) \(id), which does not exist"
                    )
                    continue
                }
                value = try view.attributes()[field.name]
            } catch is StoreError {
                continue  // A damaged record; reported when the records were read.
            }
            let expected = value.flatMap { ReadTransaction.customIndexKey(field, $0, id, tables.layout) }
            if expected.map({ !entry.key.elementsEqual($0) }) ?? true {
                problem(
                    "index \(index.name) has an entry for \(field.kind.rawValue) \(id) that does not match the record"
                )
            }
        }
    }

    mutating func checkSummaries() throws {
        for summary in StoreSchema.summaries {
            guard let table = tables.summary(summary.name) else { continue }
            let group = References.target(of: summary)?.rawValue ?? "record"
            let records =
                (StoreSchema.kinds.first { $0.summaries.contains(summary) }?.kind.rawValue ?? "record") + "s"
            var stored: [Int64: ScoreSummary] = [:]
            var scan = try storage.scan(table)
            while let entry = try scan.next() {
                guard let id = RecordKey.id(entry.key, tables.layout) else {
                    problem("a key in the \(summary.name) table is damaged")
                    continue
                }
                stored[id] = try ScoreSummary(decoding: entry.value, customer: id)
            }
            let computed = sums[summary.name] ?? [:]
            for (id, sum) in computed where stored[id] != sum {
                problem("the \(summary.field) summary of \(group) \(id) disagrees with their \(records)")
            }
            for id in stored.keys where computed[id] == nil {
                problem(
                    "\(group) \(id) has a \(summary.field) summary but no \(records) with a \(summary.field)")
            }
        }
    }

    mutating func checkHistory() throws {
        var scan = try storage.scan(tables.history)
        while let entry = try scan.next() {
            report.historyEntries += 1
            if entry.value.first != HistoryEntry.checkedFormat { report.historyEntriesWithoutChecksum += 1 }
            do {
                _ = try HistoryEntry(key: entry.key, value: entry.value)
            } catch let error as StoreError {
                problem(error.message)
            } catch {
                problem("a history entry cannot be read: \(error)")
            }
        }
    }
}
