import LMDB

/// A transaction that reads and writes: insert, update and delete records, with their
/// indexes, summaries and history kept in step in the same LMDB transaction.
///
/// Valid only during the closure of `Store.write` that received it. The closure may run
/// more than once (when the map must grow), so keep it free of other effects.
///
///     let acme = try store.write { tx in try tx.insert(Customer(name: "Acme Ltd")) }
public final class WriteTransaction: ReadTransaction {
    // MARK: - Insert

    /// Validates `record`, assigns its id, sets `created` and `updated` (and the defaults
    /// the store fills in: `at`, `made`, `resolved`), and stores it with its index entries
    /// and a history entry.
    ///
    /// - Returns: the record as stored.
    /// - Throws: `StoreError` `.missingField`/`.invalidValue` for a bad field,
    ///   `.badReference` when the customer or interaction it names does not exist or
    ///   belongs to another customer. Nothing is written when it throws.
    public func insert<R: Record>(_ record: R) throws -> R {
        switch record {
        case let customer as Customer: return try typed(insertCustomer(customer))
        case let interaction as Interaction: return try typed(insertInteraction(interaction))
        case let promise as Promise: return try typed(insertPromise(promise))
        default: throw StoreError(.invalidValue, "\(R.self) is not a kind of record this store keeps")
        }
    }

    private func insertCustomer(_ input: Customer) throws -> Customer {
        var record = try input.validated()
        stamp(&record, id: try nextID(.customer))
        try store(record, replacing: nil)
        return record
    }

    private func insertInteraction(_ input: Interaction) throws -> Interaction {
        var record = try input.validated()
        try requireCustomer(record.customer, of: "interaction")
        stamp(&record, id: try nextID(.interaction))
        record.at = record.at ?? now
        try store(record, replacing: nil)
        try adjustScores(removing: nil, adding: record)
        return record
    }

    private func insertPromise(_ input: Promise) throws -> Promise {
        var record = try input.validated()
        try requireCustomer(record.customer, of: "promise")
        try requireInteraction(of: record)
        stamp(&record, id: try nextID(.promise))
        record.made = record.made ?? now
        settleResolved(&record, wasPending: true)
        try store(record, replacing: nil)
        return record
    }

    // MARK: - Update

    /// Replaces the stored record that has `record.id` with `record`, validated; keeps
    /// `created`, sets `updated`, moves index entries and records the changed fields in
    /// history. A promise that leaves pending gets `resolved` (unless given); one that
    /// returns to pending loses it. Writing a record equal to the stored one changes nothing.
    ///
    /// - Throws: `.notFound` when no record has that id, and as `insert`.
    @discardableResult
    public func update<R: Record>(_ record: R) throws -> R {
        switch record {
        case let customer as Customer: return try typed(updateCustomer(customer))
        case let interaction as Interaction: return try typed(updateInteraction(interaction))
        case let promise as Promise: return try typed(updatePromise(promise))
        default: throw StoreError(.invalidValue, "\(R.self) is not a kind of record this store keeps")
        }
    }

    /// Reads the record with `id`, lets `change` modify it, and stores the result as
    /// `update(_:)` does.
    ///
    ///     try tx.update(Promise.self, 3) { $0.status = .kept }
    @discardableResult
    public func update<R: Record>(_ type: R.Type, _ id: Int64, _ change: (inout R) throws -> Void) throws -> R
    {
        var record = try existing(R.self, id)
        try change(&record)
        record.id = id
        return try update(record)
    }

    private func updateCustomer(_ input: Customer) throws -> Customer {
        let old = try existing(Customer.self, input.id)
        var record = try input.validated()
        guard restamp(&record, from: old) else { return old }
        try store(record, replacing: old)
        return record
    }

    private func updateInteraction(_ input: Interaction) throws -> Interaction {
        let old = try existing(Interaction.self, input.id)
        var record = try input.validated()
        record.at = record.at ?? old.at
        if record.customer != old.customer {
            try requireCustomer(record.customer, of: "interaction")
            let sources = try promises(interaction: record.id)
            let promiseIDs = try sources.collectIDs(limit: 5)
            if !promiseIDs.isEmpty {
                throw StoreError(
                    .badReference,
                    "interaction \(record.id) cannot move to customer \(record.customer): promise "
                        + "\(Self.list(promiseIDs)) of customer \(old.customer) was made on it "
                        + "(change or delete those promises first)",
                    field: "customer"
                )
            }
        }
        guard restamp(&record, from: old) else { return old }
        try store(record, replacing: old)
        try adjustScores(removing: old, adding: record)
        return record
    }

    private func updatePromise(_ input: Promise) throws -> Promise {
        let old = try existing(Promise.self, input.id)
        var record = try input.validated()
        record.made = record.made ?? old.made
        if record.customer != old.customer { try requireCustomer(record.customer, of: "promise") }
        if record.interaction != old.interaction || record.customer != old.customer {
            try requireInteraction(of: record)
        }
        settleResolved(&record, wasPending: old.status == .pending)
        guard restamp(&record, from: old) else { return old }
        try store(record, replacing: old)
        return record
    }

    // MARK: - Delete

    /// What a delete removed, by kind.
    public struct Deletion: Equatable, Sendable {
        /// Customers deleted.
        public var customers: [Int64] = []
        /// Interactions deleted.
        public var interactions: [Int64] = []
        /// Promises deleted.
        public var promises: [Int64] = []
    }

    /// Deletes the record of `type` with `id`, its index entries and summaries; history
    /// keeps a delete entry with its last values.
    ///
    /// A customer who still has interactions or promises is deleted only with `cascade`,
    /// which erases the customer, their interactions and promises, every index entry and
    /// all of their history, leaving one history entry that the erasure happened. An
    /// interaction that promises were made on cannot be deleted until they are changed or
    /// deleted.
    ///
    /// - Throws: `.notFound`, or `.hasDependents` as above. Nothing is written when it throws.
    @discardableResult
    public func delete<R: Record>(_ type: R.Type, _ id: Int64, cascade: Bool = false) throws -> Deletion {
        var deletion = Deletion()
        switch R.kind {
        case .customer: deletion = try deleteCustomer(id, cascade: cascade)
        case .interaction:
            try deleteInteraction(id)
            deletion.interactions = [id]
        case .promise:
            try remove(try existing(Promise.self, id), keepHistory: true)
            deletion.promises = [id]
        }
        return deletion
    }

    private func deleteInteraction(_ id: Int64) throws {
        let old = try existing(Interaction.self, id)
        let sources = try promises(interaction: id)
        let promiseIDs = try sources.collectIDs(limit: 5)
        if !promiseIDs.isEmpty {
            throw StoreError(
                .hasDependents,
                "interaction \(id) cannot be deleted: promise \(Self.list(promiseIDs)) was made on it "
                    + "(change their interaction or delete them first)"
            )
        }
        try remove(old, keepHistory: true)
        try adjustScores(removing: old, adding: nil)
    }

    private func deleteCustomer(_ id: Int64, cascade: Bool) throws -> Deletion {
        let customer = try existing(Customer.self, id)
        let interactionCursor = try interactions(customer: id)
        let promiseCursor = try promises(customer: id)
        let deletion = Deletion(
            customers: [id],
            interactions: try interactionCursor.collectIDs().sorted(),
            promises: try promiseCursor.collectIDs().sorted()
        )
        guard cascade else {
            if !deletion.interactions.isEmpty || !deletion.promises.isEmpty {
                throw StoreError(
                    .hasDependents,
                    "customer \(id) still has \(deletion.interactions.count) interaction(s) and "
                        + "\(deletion.promises.count) promise(s) (delete them first, or delete with "
                        + "cascade to erase the customer and everything of theirs)"
                )
            }
            try remove(customer, keepHistory: true)
            return deletion
        }
        for promiseID in deletion.promises {
            try remove(try existing(Promise.self, promiseID), keepHistory: false)
        }
        for interactionID in deletion.interactions {
            try remove(try existing(Interaction.self, interactionID), keepHistory: false)
        }
        try remove(customer, keepHistory: false)
        try transaction.delete(tables.summary, key: idKey(id))
        try appendHistory(.customer, id, .erase, [])
        return deletion
    }

    // MARK: - The shared steps

    /// How many records this write has stored or removed.
    private(set) var recordsWritten = 0

    /// Stores a record, moves its index entries from `old`'s to its own, and appends the
    /// changed fields to history.
    private func store<R: Indexed>(_ record: R, replacing old: R?) throws {
        recordsWritten += 1
        // Ids only grow, so a new record's key sorts last: LMDB's append fast path applies.
        try transaction.put(
            tables.records(R.kind),
            key: idKey(record.id),
            value: record.encoded(),
            flags: old == nil ? .append : []
        )
        guard let old else {
            // A new record's keys go straight into the held-back puts, and its history entry
            // holds no values: history rebuilds them (HistoryReplay).
            record.addIndexEntries(to: &pendingIndexPuts)
            try appendHistory(R.kind, record.id, .insert, [])
            return
        }
        let entries = record.indexEntries
        let oldEntries = old.indexEntries
        for entry in oldEntries where !entries.contains(entry) {
            try transaction.delete(try indexHandle(entry.index), key: entry.key)
        }
        for entry in entries where !oldEntries.contains(entry) {
            pendingIndexPuts.add(entry)
        }
        try appendHistory(R.kind, record.id, .update, Self.changes(from: old, to: record))
    }

    /// Deletes a record and its index entries; then either appends a delete entry to its
    /// history or erases its history.
    private func remove<R: Indexed>(_ record: R, keepHistory: Bool) throws {
        recordsWritten += 1
        try transaction.delete(tables.records(R.kind), key: idKey(record.id))
        for entry in record.indexEntries {
            try transaction.delete(try indexHandle(entry.index), key: entry.key)
        }
        if keepHistory {
            try appendHistory(R.kind, record.id, .delete, Self.changes(from: record, to: nil))
        } else {
            try eraseHistory(R.kind, record.id)
        }
    }

    private func appendHistory(
        _ kind: RecordKind,
        _ id: Int64,
        _ operation: HistoryEntry.Operation,
        _ changes: [HistoryEntry.Change]
    ) throws {
        let sequence = try nextCounter(.history)
        let entry = HistoryEntry(
            kind: kind, id: id, sequence: UInt64(sequence), time: now, operation: operation, changes: changes)
        try transaction.put(tables.history, key: entry.key, value: entry.encoded())
    }

    private func eraseHistory(_ kind: RecordKind, _ id: Int64) throws {
        let cursor = try transaction.cursor(tables.history)
        let range = KeyRange.prefix(HistoryEntry.keyPrefix(kind, id))
        var entry = try cursor.seek(atLeast: range.lower)
        while let current = entry, range.contains(current.key) {
            try cursor.deleteCurrent()
            // After a delete, LMDB's MDB_NEXT yields the entry that followed the deleted one.
            entry = try cursor.next()
        }
    }

    /// The fields whose values differ between `old` and `new` (either may be absent).
    static func changes<R: Record>(from old: R?, to new: R?) -> [HistoryEntry.Change] {
        // An insert or delete changes every field that has a value: no comparison needed.
        guard let old, let new else {
            let values = (old ?? new)?.historyValues ?? []
            return values.compactMap { name, value in
                guard value != .null else { return nil }
                return old == nil
                    ? HistoryEntry.Change(field: name, old: .null, new: value)
                    : HistoryEntry.Change(field: name, old: value, new: .null)
            }
        }
        // Both lists hold the kind's own fields and tags in one order, then the custom fields
        // sorted by name: walk the first part side by side and merge the second, rather than
        // building a dictionary of each for every update.
        let before = old.historyValues
        let after = new.historyValues
        let isCustom: ((name: String, value: FieldValue)) -> Bool = {
            $0.name.hasPrefix(HistoryReplay.customFieldPrefix)
        }
        let fixed = min(before.prefix { !isCustom($0) }.count, after.prefix { !isCustom($0) }.count)
        var changes: [HistoryEntry.Change] = []
        for index in 0..<fixed where before[index].value != after[index].value {
            changes.append(
                HistoryEntry.Change(
                    field: after[index].name, old: before[index].value, new: after[index].value))
        }
        var removed: [HistoryEntry.Change] = []
        var olds = before[fixed...].makeIterator()
        var news = after[fixed...].makeIterator()
        var left = olds.next()
        var right = news.next()
        while left != nil || right != nil {
            if let gone = left, right.map({ gone.name < $0.name }) ?? true {
                if gone.value != .null {
                    removed.append(HistoryEntry.Change(field: gone.name, old: gone.value, new: .null))
                }
                left = olds.next()
            } else if let added = right, left.map({ added.name < $0.name }) ?? true {
                if added.value != .null {
                    changes.append(HistoryEntry.Change(field: added.name, old: .null, new: added.value))
                }
                right = news.next()
            } else if let was = left, let now = right {
                if was.value != now.value {
                    changes.append(HistoryEntry.Change(field: now.name, old: was.value, new: now.value))
                }
                left = olds.next()
                right = news.next()
            }
        }
        return changes + removed
    }

    private func adjustScores(removing old: Interaction?, adding new: Interaction?) throws {
        if let old, let score = old.score { try addScore(-score, count: -1, customer: old.customer) }
        if let new, let score = new.score { try addScore(score, count: 1, customer: new.customer) }
    }

    private func addScore(_ score: Int64, count: Int64, customer: Int64) throws {
        var summary = try scoreSummary(customer: customer)
        summary.sum += score
        summary.count += count
        if summary.count == 0 {
            try transaction.delete(tables.summary, key: idKey(customer))
        } else {
            try transaction.put(tables.summary, key: idKey(customer), value: summary.encoded())
        }
    }

    private func stamp<R: Record>(_ record: inout R, id: Int64) {
        record.id = id
        record.created = now
        record.updated = now
    }

    /// Keeps `created` and sets `updated`; returns false when nothing else changed.
    private func restamp<R: Record>(_ record: inout R, from old: R) -> Bool {
        record.created = old.created
        record.updated = old.updated
        guard record != old else { return false }
        record.updated = now
        return true
    }

    private func settleResolved(_ record: inout Promise, wasPending: Bool) {
        if record.status == .pending {
            record.resolved = nil
        } else if wasPending && record.resolved == nil {
            record.resolved = now
        }
    }

    private func existing<R: Record>(_ type: R.Type, _ id: Int64) throws -> R {
        guard let record = try get(R.self, id) else {
            throw StoreError(.notFound, "\(R.kind.rawValue) \(id) does not exist")
        }
        return record
    }

    private func requireCustomer(_ id: Int64, of kind: String) throws {
        guard try exists(.customer, id) else {
            throw StoreError(
                .badReference,
                "\(kind) refers to customer \(id), which does not exist (insert the customer first)",
                field: "customer"
            )
        }
    }

    private func requireInteraction(of promise: Promise) throws {
        guard let interactionID = promise.interaction else { return }
        guard let source = try interaction(interactionID) else {
            throw StoreError(
                .badReference,
                "promise refers to interaction \(interactionID), which does not exist",
                field: "interaction"
            )
        }
        guard source.customer == promise.customer else {
            throw StoreError(
                .badReference,
                "promise is for customer \(promise.customer) but interaction \(interactionID) belongs to "
                    + "customer \(source.customer) (a promise's interaction must be with the same customer)",
                field: "interaction"
            )
        }
    }

    private func nextID(_ kind: RecordKind) throws -> Int64 {
        try nextCounter(Counter(kind))
    }

    /// The counters read in this transaction, by `Counter.rawValue`, with the next value to
    /// hand out (nil until first used). They are written back once, by `finish()`, instead
    /// of on every insert.
    private var counters = [Int64?](repeating: nil, count: Counter.allCases.count)

    /// Returns the next number of `counter` (1 when new) and moves it on by one.
    private func nextCounter(_ counter: Counter) throws -> Int64 {
        let value =
            try counters[counter.rawValue]
            ?? Database<BytesCodec, Int64Codec>(tables.meta).get(transaction, counter.metaKey) ?? 1
        counters[counter.rawValue] = value + 1
        return value
    }

    /// Index entries added by this write and not yet put (see `PendingIndexPuts`).
    private var pendingIndexPuts = PendingIndexPuts()

    /// Set by `Store.write`: gives back the mapped pages already read
    /// (`StoreOptions.releaseMappedPagesAfter`). Called after an index has taken at least
    /// `threshold` held-back entries at once (a bulk write), so that resident memory holds
    /// one index's pages at a time rather than every page the write touched.
    var pageRelease: (threshold: Int, release: () -> Void)?

    /// Puts the held-back index entries before anything reads or deletes index entries.
    override func indexHandle(_ index: Index) throws -> DatabaseHandle {
        try drainPendingIndexPuts()
        return tables.index(index)
    }

    private func drainPendingIndexPuts() throws {
        try pendingIndexPuts.drain(into: transaction, tables: tables) { [pageRelease] entries in
            if let pageRelease, entries >= pageRelease.threshold { pageRelease.release() }
        }
    }

    /// Puts the held-back index entries and writes the counters back; `Store.write` calls it
    /// when the closure has returned.
    func finish() throws {
        try drainPendingIndexPuts()
        let meta = Database<BytesCodec, Int64Codec>(tables.meta)
        for counter in Counter.allCases {
            guard let value = counters[counter.rawValue] else { continue }
            try meta.put(transaction, counter.metaKey, value)
            counters[counter.rawValue] = nil
        }
    }

    private func typed<R>(_ value: some Record) throws -> R {
        guard let result = value as? R else {
            throw StoreError(.invalidValue, "\(type(of: value)) came back where \(R.self) was expected")
        }
        return result
    }

    private static func list(_ ids: [Int64]) -> String {
        ids.map(String.init).joined(separator: ", ")
    }
}
