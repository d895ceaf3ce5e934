import LMDB

/// A transaction that reads and writes: insert, update and delete records, with their
/// indexes, summaries and history kept in step in the same LMDB transaction.
///
/// Every kind goes through the same steps, driven by its declaration (`RecordSchema`):
/// validation, references, the store's fills and rules, index entries, summaries.
///
/// Valid only during the closure of `Store.write` that received it. The closure may run
/// more than once (when the map must grow), so keep it free of other effects.
///
///     let acme = try store.write { tx in try tx.insert(Customer(name: "Acme Ltd")) }
public final class WriteTransaction: ReadTransaction {
    /// The storage transaction underneath, as a writer.
    let writer: any StorageWriter
    /// The triggers installed on the store when the write began.
    var triggers: [any RecordTrigger] = []
    /// What triggers keep for the length of one write (a policy's compiled condition), by
    /// trigger name; a write to a calendar, holiday or policy empties it.
    public var triggerState: [String: AnyObject] = [:]

    init(storage writer: any StorageWriter, tables: Tables, now: Timestamp) {
        self.writer = writer
        super.init(storage: writer, tables: tables, now: now)
    }

    /// Forgets the calendars, policies and trigger state built so far when `kind`'s records
    /// are what they are built from (calendars with their holidays, policies). A switch, not a
    /// set: it runs for every record written, and a set would hash the kind's name.
    private func forgetRulesBuilt(from kind: RecordKind) {
        switch kind {
        case .calendar, .holiday, .policy:
            forgetCalendarsAndPolicies()
            triggerState.removeAll()
        default:
            break
        }
    }

    // MARK: - Insert

    /// Validates `record`, assigns its id, sets `created` and `updated` (and the values the
    /// store fills in: `at`, `made`, `resolved`), and stores it with its index entries.
    ///
    /// - Returns: the record as stored.
    /// - Throws: `StoreError` `.missingField`/`.invalidValue` for a bad field,
    ///   `.badReference` when the customer or interaction it names does not exist or
    ///   belongs to another customer. Nothing is written when it throws.
    @_specialize(exported:true,where R == Customer)
    @_specialize(exported:true,where R == Interaction)
    @_specialize(exported:true,where R == Promise)
    public func insert<R: Record>(_ record: R) throws -> R {
        R.declaration.record(record, asStored: try insert(record.storedValues))
    }

    /// Inserts a record given as values of its kind; see `insert(_:)`.
    public func insert(_ input: RecordValues) throws -> RecordValues {
        let schema = input.kind.schema
        var values = try Validation.validate(input)
        values.id = 0
        try checkCustomFields(values)
        try checkReferences(values, old: nil)
        values.id = try nextCounter(Counter(input.kind))
        values[schema.createdField] = .timestamp(now)
        values[schema.updatedField] = .timestamp(now)
        for field in schema.fields where field.fill == .now && values[field] == .null {
            values[field] = .timestamp(now)
        }
        applyRules(&values, old: nil)
        for trigger in triggers { try trigger.check(values, in: self) }
        try store(values, replacing: nil)
        try adjustSummaries(removing: nil, adding: values)
        for trigger in triggers { try trigger.inserted(values, in: self) }
        return values
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
        try R(values: try update(record.storedValues))
    }

    /// Reads the record with `id`, lets `change` modify it, and stores the result as
    /// `update(_:)` does.
    ///
    ///     try tx.update(Promise.self, 3) { $0.status = .kept }
    @discardableResult
    public func update<R: Record>(_ type: R.Type, _ id: Int64, _ change: (inout R) throws -> Void) throws -> R
    {
        var record = try R(values: try existing(R.kind, id))
        try change(&record)
        record.id = id
        return try update(record)
    }

    /// Updates a record given as values of its kind; see `update(_:)`.
    @discardableResult
    public func update(_ input: RecordValues) throws -> RecordValues {
        try update(input, replacing: try existing(input.kind, input.id))
    }

    /// Reads the record of `kind` with `id` as values, lets `change` modify them, and stores
    /// the result as `update(_:)` does, reading the record once; nil (and nothing written)
    /// when there is no such record.
    ///
    ///     try tx.update(.promise, 3) { $0[statusField] = .symbol("kept") }
    @discardableResult
    public func update(_ kind: RecordKind, _ id: Int64, _ change: (inout RecordValues) throws -> Void) throws
        -> RecordValues?
    {
        guard let view = try view(kind, id) else { return nil }
        let old = try view.values()
        var values = old
        try change(&values)
        values.id = id
        return try update(values, replacing: old)
    }

    /// Stores `input` in place of `old`, the record as this transaction last read it.
    private func update(_ input: RecordValues, replacing old: RecordValues) throws -> RecordValues {
        let schema = input.kind.schema
        var values = try Validation.validate(input)
        try checkCustomFields(values)
        // What the store filled in on insert stays unless the update gives another value.
        for field in schema.fields where field.fill != nil && values[field] == .null {
            values[field] = old[field]
        }
        try checkReferences(values, old: old)
        applyRules(&values, old: old)
        values[schema.createdField] = old[schema.createdField]
        values[schema.updatedField] = old[schema.updatedField]
        guard !values.isIdentical(to: old) else { return old }
        values[schema.updatedField] = .timestamp(now)
        for trigger in triggers { try trigger.check(values, in: self) }
        try store(values, replacing: old)
        try adjustSummaries(removing: old, adding: values)
        return values
    }

    // MARK: - Delete

    /// What a delete removed, by kind.
    public struct Deletion: Equatable, Sendable {
        /// The ids deleted, by kind.
        private var ids: [RecordKind: [Int64]] = [:]

        /// Nothing deleted yet.
        public init() {}

        /// Customers deleted.
        public var customers: [Int64] { self[.customer] }
        /// Interactions deleted.
        public var interactions: [Int64] { self[.interaction] }
        /// Promises deleted.
        public var promises: [Int64] { self[.promise] }

        /// The ids of `kind` deleted.
        public subscript(kind: RecordKind) -> [Int64] {
            get { ids[kind] ?? [] }
            set { ids[kind] = newValue }
        }
    }

    /// Deletes the record of `type` with `id`, its index entries and summaries; history
    /// keeps a delete entry with its last values.
    ///
    /// A record that others refer to through a required field (a customer's interactions
    /// and promises) is deleted only with `cascade`, which erases it, those records, every
    /// index entry and all of their history, leaving one history entry that the erasure
    /// happened. A record others refer to through an optional field (an interaction that
    /// promises were made on) cannot be deleted until they are changed or deleted.
    ///
    /// - Throws: `.notFound`, or `.hasDependents` as above. Nothing is written when it throws.
    @discardableResult
    public func delete<R: Record>(_ type: R.Type, _ id: Int64, cascade: Bool = false) throws -> Deletion {
        try delete(R.kind, id, cascade: cascade)
    }

    /// Deletes the record of `kind` with `id`; see `delete(_:_:cascade:)`.
    @discardableResult
    public func delete(_ kind: RecordKind, _ id: Int64, cascade: Bool = false) throws -> Deletion {
        let record = try existing(kind, id)
        var deletion = Deletion()
        deletion[kind] = [id]
        let dependents = try References.dependents(of: kind, id, in: self)
        for dependent in dependents where !dependent.ids.isEmpty && !dependent.required {
            throw StoreError(
                .hasDependents,
                "\(kind.rawValue) \(id) cannot be deleted: \(dependent.kind.rawValue) "
                    + "\(Self.list(dependent.ids)) refers to it (change their \(dependent.field) or delete them first)"
            )
        }
        let owned = dependents.filter(\.required)
        if owned.allSatisfy(\.ids.isEmpty) {
            try remove(record, keepHistory: true)
            try adjustSummaries(removing: record, adding: nil)
            return deletion
        }
        guard cascade else {
            let counts = owned.map { "\($0.ids.count) \($0.kind.rawValue)(s)" }.joined(separator: " and ")
            throw StoreError(
                .hasDependents,
                "\(kind.rawValue) \(id) still has \(counts) (delete them first, or delete with cascade to "
                    + "erase the \(kind.rawValue) and everything of theirs)"
            )
        }
        // Erasure: the records that belong to it go first, with their history; then it.
        for dependent in owned.reversed() {
            deletion[dependent.kind] = dependent.ids.sorted()
            for dependentID in deletion[dependent.kind] {
                try remove(try existing(dependent.kind, dependentID), keepHistory: false)
            }
        }
        try remove(record, keepHistory: false)
        for summary in StoreSchema.summaries where References.target(of: summary) == kind {
            if let table = tables.summary(summary.name) {
                try writer.delete(table, key: RecordKey.bytes(id, tables.layout))
            }
        }
        try appendHistory(kind, id, .erase, [])
        return deletion
    }

    // MARK: - The shared steps

    /// How many records this write has stored or removed.
    private(set) var recordsWritten = 0

    /// Stores a record, moves its index entries from `old`'s to its own, and appends the
    /// changed fields to history.
    private func store(_ values: RecordValues, replacing old: RecordValues?) throws {
        recordsWritten += 1
        let schema = values.kind.schema
        forgetRulesBuilt(from: values.kind)
        // An update that leaves a unique index's fields as they were keeps its own key: only
        // a changed or new key can meet another record's.
        for index in schema.indexes where index.unique {
            if let old, values.sameEntries(as: old, in: index) { continue }
            try checkUnique(values, index)
        }
        // Ids only grow, so a new record's key sorts last: LMDB's append fast path applies.
        try writer.put(
            tables.records(values.kind),
            key: RecordKey.bytes(values.id, tables.layout),
            value: RecordEncoder.encode(values, schema),
            flags: old == nil ? .append : []
        )
        guard let old else {
            // A new record's keys go straight into the held-back puts. Its insert is kept in
            // history only once it changes (`recordInsertIfNeeded`): a load writes no history.
            values.addIndexEntries(to: &pendingIndexPuts, tables.layout)
            try boundPendingIndexPuts()
            try moveCustomEntries(from: nil, to: values)
            return
        }
        // Only the indexes whose fields changed have entries to move.
        let entries = values.indexEntries(tables.layout, leavingOutSameAs: old)
        let oldEntries = old.indexEntries(tables.layout, leavingOutSameAs: values)
        for entry in oldEntries where !entries.contains(entry) {
            try writer.delete(try indexHandle(entry.ordinal), key: entry.key)
        }
        for entry in entries where !oldEntries.contains(entry) {
            pendingIndexPuts.add(entry)
        }
        try boundPendingIndexPuts()
        try moveCustomEntries(from: old, to: values)
        try recordInsertIfNeeded(old)
        try appendHistory(values.kind, values.id, .update, Self.changes(from: old, to: values))
    }

    /// Refuses a record whose key parts in the unique `index` another record has already.
    private func checkUnique(_ values: RecordValues, _ index: IndexSchema) throws {
        let parts = index.partFields.map { values[$0] }
        guard !parts.contains(.null) else { return }
        var other: Int64? = nil
        try walk(index: index, equal: parts) { entry in
            if entry.id != values.id { other = entry.id }
            return other == nil
        }
        guard let other else { return }
        let shown = parts.map { value in
            if case .string(let text) = value { "'\(text)'" } else { value.description }
        }
        throw StoreError(
            .invalidValue,
            "\(values.kind.rawValue) \(index.parts.map(\.field).joined(separator: ", ")) \(shown.joined(separator: ", ")) "
                + "is taken by \(values.kind.rawValue) \(other) (names are unique, ignoring case; choose another)",
            field: index.parts.first?.field)
    }

    /// Deletes a record and its index entries; then either appends a delete entry to its
    /// history or erases its history.
    private func remove(_ values: RecordValues, keepHistory: Bool) throws {
        forgetRulesBuilt(from: values.kind)
        recordsWritten += 1
        try writer.delete(tables.records(values.kind), key: RecordKey.bytes(values.id, tables.layout))
        for entry in values.indexEntries(tables.layout) {
            try writer.delete(try indexHandle(entry.ordinal), key: entry.key)
        }
        try moveCustomEntries(from: values, to: nil)
        if keepHistory {
            try recordInsertIfNeeded(values)
            try appendHistory(values.kind, values.id, .delete, Self.changes(from: values, to: nil))
        } else {
            try eraseHistory(values.kind, values.id)
        }
    }

    /// Writes the insert entry of a record that has no history yet (it was never changed
    /// since it was inserted), timed at its creation, before its first change is recorded.
    private func recordInsertIfNeeded(_ values: RecordValues) throws {
        let prefix = HistoryEntry.keyPrefix(values.kind, values.id)
        let cursor = try writer.cursor(tables.history)
        if let entry = try cursor.seek(atLeast: prefix), KeyRange.prefix(prefix).contains(entry.key) {
            return
        }
        try appendHistory(values.kind, values.id, .insert, [], at: values.created)
    }

    private func appendHistory(
        _ kind: RecordKind,
        _ id: Int64,
        _ operation: HistoryEntry.Operation,
        _ changes: [HistoryEntry.Change],
        at time: Timestamp? = nil
    ) throws {
        let sequence = try nextCounter(.history)
        let entry = HistoryEntry(
            kind: kind, id: id, sequence: UInt64(sequence), time: time ?? now, operation: operation,
            changes: changes)
        try writer.put(tables.history, key: entry.key, value: entry.encoded())
    }

    private func eraseHistory(_ kind: RecordKind, _ id: Int64) throws {
        let cursor = try writer.cursor(tables.history)
        let range = KeyRange.prefix(HistoryEntry.keyPrefix(kind, id))
        var entry = try cursor.seek(atLeast: range.lower)
        while let current = entry, range.contains(current.key) {
            try cursor.deleteCurrent()
            // After a delete, LMDB's MDB_NEXT yields the entry that followed the deleted one.
            entry = try cursor.next()
        }
    }

    /// The fields whose values differ between `old` and `new` (either may be absent).
    static func changes(from old: RecordValues?, to new: RecordValues?) -> [HistoryEntry.Change] {
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
        // The kind's own fields and tags are compared field by field; the custom fields,
        // sorted by name, are merged: no list of names and values is built for the fields
        // every update leaves alone, nor a dictionary of each record.
        var changes: [HistoryEntry.Change] = []
        for field in old.kind.schema.ownFields {
            let (was, now) = (old[field], new[field])
            if !was.isIdentical(to: now) {
                changes.append(HistoryEntry.Change(field: field.name, old: was, new: now))
            }
        }
        let (oldTags, newTags) = (old.historyTags, new.historyTags)
        if !oldTags.isIdentical(to: newTags) {
            changes.append(HistoryEntry.Change(field: "tags", old: oldTags, new: newTags))
        }
        guard !old.attrs.isEmpty || !new.attrs.isEmpty else { return changes }
        var removed: [HistoryEntry.Change] = []
        var olds = old.customHistoryValues.makeIterator()
        var news = new.customHistoryValues.makeIterator()
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
                if !was.value.isIdentical(to: now.value) {
                    changes.append(HistoryEntry.Change(field: now.name, old: was.value, new: now.value))
                }
                left = olds.next()
                right = news.next()
            }
        }
        return changes + removed
    }

    /// Keeps each summary the kind feeds in step: takes the old record's value out of its
    /// group and puts the new one's in.
    private func adjustSummaries(removing old: RecordValues?, adding new: RecordValues?) throws {
        guard let kind = (old ?? new)?.kind else { return }
        for summary in kind.schema.summaries {
            func contribution(_ values: RecordValues?) -> (group: Int64, value: Int64)? {
                guard let values, case .integer(let group) = values[summary.groupBy],
                    case .integer(let value) = values[summary.field]
                else { return nil }
                return (group, value)
            }
            if let (group, value) = contribution(old) { try addToSummary(summary, group, -value, count: -1) }
            if let (group, value) = contribution(new) { try addToSummary(summary, group, value, count: 1) }
        }
    }

    private func addToSummary(_ schema: SummarySchema, _ group: Int64, _ value: Int64, count: Int64) throws {
        guard let table = tables.summary(schema.name) else { return }
        var summary = try self.summary(schema.name, of: group)
        summary.sum += value
        summary.count += count
        if summary.count == 0 {
            try writer.delete(table, key: RecordKey.bytes(group, tables.layout))
        } else {
            try writer.put(table, key: RecordKey.bytes(group, tables.layout), value: summary.encoded())
        }
    }

    /// Applies the kind's rules (a promise's `resolved`).
    private func applyRules(_ values: inout RecordValues, old: RecordValues?) {
        for rule in values.kind.schema.rules {
            switch rule {
            case .settles(let field, let status, let open):
                if values[status] == open {
                    values[field] = .null
                } else if (old.map { $0[status] == open } ?? true) && values[field] == .null {
                    values[field] = .timestamp(now)
                }
            case .workingCalendar, .dateRange: continue  // Checks, not changes (`Validation`).
            }
        }
    }

    /// Checks every reference the record makes (on update, those that changed): the record
    /// referred to exists, belongs to the same owner where the field says so, and records
    /// that refer to this one through such a rule still agree when its owner changes.
    private func checkReferences(_ values: RecordValues, old: RecordValues?) throws {
        try References.check(values, old: old, in: self)
    }

    /// The stored values of the record of `kind` with `id`.
    func existing(_ kind: RecordKind, _ id: Int64) throws -> RecordValues {
        guard let view = try view(kind, id) else {
            throw StoreError(.notFound, "\(kind.rawValue) \(id) does not exist")
        }
        return try view.values()
    }

    /// The counters read in this transaction, by `Counter.rawValue`, with the next value to
    /// hand out (nil until first used). They are written back once, by `finish()`, instead
    /// of on every insert.
    private var counters = [Int64?](repeating: nil, count: Counter.allCases.count)

    /// Returns the next number of `counter` (1 when new) and moves it on by one.
    private func nextCounter(_ counter: Counter) throws -> Int64 {
        let value =
            try counters[counter.rawValue] ?? MetaKey.integer(counter.metaKey, in: writer, tables) ?? 1
        counters[counter.rawValue] = value + 1
        return value
    }

    /// Holds back the index entries of `values` as a new record's (for a rebuild of the
    /// indexes, `StoreMigration`).
    func addIndexEntries(of values: RecordValues) throws {
        values.addIndexEntries(to: &pendingIndexPuts, tables.layout)
        try boundPendingIndexPuts()
    }

    /// Index entries added by this write and not yet put (see `PendingIndexPuts`).
    private var pendingIndexPuts = PendingIndexPuts()

    /// Set by `Store.write`: gives back the mapped pages already read
    /// (`StoreOptions.releaseMappedPagesAfter`). Called after an index has taken at least
    /// `threshold` held-back entries at once (a bulk write), so that resident memory holds
    /// one index's pages at a time rather than every page the write touched.
    var pageRelease: (threshold: Int, release: () -> Void)?

    /// Puts the index's held-back entries before anything reads or deletes its entries.
    override func indexHandle(_ ordinal: Int) throws -> StorageTable {
        try pendingIndexPuts.drain(ordinal, into: writer, tables: tables)
        return tables.index(ordinal)
    }

    /// How many bytes of index entries a write holds back before it puts them all: a long
    /// atomic script of inserts stays in a bounded heap, and runs this long already put
    /// most entries next to the one before. Internal, so that a test can make it small.
    var pendingIndexBytesBound = 32 << 20

    /// Bytes of index entries held back now.
    var pendingIndexBytes: Int { pendingIndexPuts.byteCount }

    /// Puts every held-back index entry.
    private func drainPendingIndexPuts() throws {
        try pendingIndexPuts.drainAll(into: writer, tables: tables, afterEachIndex: releasePages)
    }

    /// Puts every held-back index entry once they pass `pendingIndexBytesBound`.
    private func boundPendingIndexPuts() throws {
        if pendingIndexPuts.byteCount > pendingIndexBytesBound { try drainPendingIndexPuts() }
    }

    /// Gives back the mapped pages after an index took `entries` held-back entries at once,
    /// when that passes `pageRelease`'s threshold.
    private func releasePages(_ entries: Int) {
        if let pageRelease, entries >= pageRelease.threshold { pageRelease.release() }
    }

    /// Puts the held-back index entries and writes the counters back; `Store.write` calls it
    /// when the closure has returned.
    func finish() throws {
        try drainPendingIndexPuts()
        for counter in Counter.allCases {
            guard let value = counters[counter.rawValue] else { continue }
            try MetaKey.setInteger(value, counter.metaKey, in: writer, tables)
            counters[counter.rawValue] = nil
        }
    }

    static func list(_ ids: [Int64]) -> String {
        ids.map(String.init).joined(separator: ", ")
    }
}
