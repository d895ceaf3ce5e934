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

    /// Whether records, indexes, summaries and history all agree.
    public var isHealthy: Bool { problems.isEmpty }
}

extension Store {
    /// Verifies, in one read transaction, that every record can be read, that every index
    /// entry a record should have exists and every index entry belongs to a record that
    /// should have it, that references point to records that exist, that the score
    /// summaries match the interactions, that ids are below the next id to assign, and that
    /// every history entry can be read.
    ///
    /// Reads the whole file; use it after a crash, a copy, or a suspicion.
    public func check() throws -> CheckReport {
        try read { tx in
            var checker = StoreChecker(tx: tx)
            try checker.run()
            return checker.report
        }
    }
}

/// The steps of `Store.check()`.
private struct StoreChecker {
    let tx: ReadTransaction
    var report = CheckReport()
    /// Score sums and counts recomputed from the interactions.
    var scores: [Int64: ScoreSummary] = [:]
    var transaction: Transaction { tx.transaction }
    var tables: Tables { tx.tables }

    init(tx: ReadTransaction) {
        self.tx = tx
    }

    mutating func run() throws {
        try checkRecords(Customer.self) { _, _ in }
        try checkRecords(Interaction.self) { checker, interaction in
            try checker.requireCustomer(interaction.customer, of: interaction)
            if let score = interaction.score {
                checker.scores[interaction.customer, default: ScoreSummary()].sum += score
                checker.scores[interaction.customer, default: ScoreSummary()].count += 1
            }
        }
        try checkRecords(Promise.self) { checker, promise in
            try checker.requireCustomer(promise.customer, of: promise)
            if let id = promise.interaction {
                // A damaged interaction was reported when the interactions were read.
                if let source = try? checker.tx.interaction(id) {
                    if source.customer != promise.customer {
                        checker.problem(
                            "promise \(promise.id) is for customer \(promise.customer) but its interaction \(id) is not"
                        )
                    }
                } else if try !checker.tx.exists(.interaction, id) {
                    checker.problem("promise \(promise.id) refers to interaction \(id), which does not exist")
                }
            }
        }
        for index in Index.allCases { try checkIndex(index) }
        try checkSummaries()
        try checkHistory()
    }

    mutating func problem(_ text: String) {
        report.problems.append(text)
    }

    mutating func requireCustomer(_ id: Int64, of record: some Record) throws {
        if try !tx.exists(.customer, id) {
            problem("\(record.subject) refers to customer \(id), which does not exist")
        }
    }

    /// Reads every record of a kind; checks its id against the counter and that each of its
    /// index entries exists.
    mutating func checkRecords<R: Indexed>(_ type: R.Type, _ extra: (inout StoreChecker, R) throws -> Void)
        throws
    {
        let nextID =
            try Database<BytesCodec, Int64Codec>(tables.meta).get(transaction, MetaKey.nextID(R.kind)) ?? 1
        var scan = try transaction.scan(tables.records(R.kind))
        while let entry = try scan.next() {
            report.records += 1
            guard entry.key.count == 8, let id = TextKey.id(fromIndexKey: entry.key) else {
                problem("a \(R.kind.rawValue) key is damaged (\(entry.key.count) bytes)")
                continue
            }
            let record: R
            do {
                record = try R(id: id, decoding: entry.value)
            } catch {
                problem(error.message)
                continue
            }
            if id <= 0 || id >= nextID {
                problem("\(record.subject) has an id outside 1..<\(nextID), the ids assigned so far")
            }
            for indexEntry in record.indexEntries {
                guard let value = try transaction.get(tables.index(indexEntry.index), key: indexEntry.key)
                else {
                    problem("index \(indexEntry.index.rawValue) lacks the entry for \(record.subject)")
                    continue
                }
                // Empty is an entry written before indexes held the customer: still right.
                if !value.isEmpty && !value.elementsEqual(indexEntry.value) {
                    problem(
                        "index \(indexEntry.index.rawValue) names the wrong customer for \(record.subject)")
                }
            }
            try extra(&self, record)
        }
    }

    /// Checks that every entry of `index` belongs to a record that should have it.
    mutating func checkIndex(_ index: Index) throws {
        var scan = try transaction.scan(tables.index(index))
        while let entry = try scan.next() {
            report.indexEntries += 1
            guard let id = TextKey.id(fromIndexKey: entry.key) else {
                problem("index \(index.rawValue) has a damaged entry (\(entry.key.count) bytes)")
                continue
            }
            let key = Array(entry.key)
            let expected: [IndexEntry]?
            do {
                switch index.kind {
                case .customer: expected = try tx.get(Customer.self, id)?.indexEntries
                case .interaction: expected = try tx.get(Interaction.self, id)?.indexEntries
                case .promise: expected = try tx.get(Promise.self, id)?.indexEntries
                }
            } catch is StoreError {
                continue  // A damaged record; reported when the records were read.
            }
            guard let expected else {
                problem(
                    "index \(index.rawValue) has an entry for \(index.kind.rawValue) \(id), which does not exist"
                )
                continue
            }
            if !expected.contains(where: { $0.index == index && $0.key == key }) {
                problem(
                    "index \(index.rawValue) has an entry for \(index.kind.rawValue) \(id) that does not match the record"
                )
            }
        }
    }

    mutating func checkSummaries() throws {
        var stored: [Int64: ScoreSummary] = [:]
        var scan = try transaction.scan(tables.summary)
        while let entry = try scan.next() {
            guard let id = TextKey.id(fromIndexKey: entry.key), entry.key.count == 8 else {
                problem("a score summary key is damaged")
                continue
            }
            stored[id] = try ScoreSummary(decoding: entry.value, customer: id)
        }
        for (customer, summary) in scores where stored[customer] != summary {
            problem("the score summary of customer \(customer) disagrees with their interactions")
        }
        for customer in stored.keys where scores[customer] == nil {
            problem("customer \(customer) has a score summary but no scored interactions")
        }
    }

    mutating func checkHistory() throws {
        var scan = try transaction.scan(tables.history)
        while let entry = try scan.next() {
            report.historyEntries += 1
            do {
                _ = try HistoryEntry(key: entry.key, value: entry.value)
            } catch {
                problem("a history entry cannot be read: \(error)")
            }
        }
    }
}
