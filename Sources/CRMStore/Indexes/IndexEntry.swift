import LMDB

/// One entry a record puts in an index.
struct IndexEntry: Hashable {
    /// The index's ordinal (`StoreSchema.indexes`).
    let ordinal: Int
    let key: [UInt8]
    /// The carried fields, or empty.
    var value: [UInt8] = []
}

/// Where a record's index entries go: a list of `IndexEntry` (to compare a record's old
/// and new entries, or to check them), or a write's held-back puts (`PendingIndexPuts`),
/// which takes a new record's keys without an array per key.
protocol IndexEntrySink {
    /// Adds one entry of the index with `ordinal`: `write` appends the key and then the
    /// value to the buffer it is given, and returns the key's length.
    mutating func add(ordinal: Int, _ write: (inout OrderedKey) -> Int)
}

/// A record's index entries as a list.
struct IndexEntryList: IndexEntrySink {
    private(set) var entries: [IndexEntry] = []

    mutating func add(ordinal: Int, _ write: (inout OrderedKey) -> Int) {
        var buffer = OrderedKey()
        let keyCount = write(&buffer)
        entries.append(
            IndexEntry(
                ordinal: ordinal, key: Array(buffer.bytes[..<keyCount]),
                value: Array(buffer.bytes[keyCount...])))
    }
}

extension RecordValues {
    /// Adds every entry the record puts in its kind's indexes to `sink`, in declared order,
    /// in key layout `layout`.
    ///
    /// With `unchanged`, the same record as it was (or is to be), the indexes whose fields
    /// hold the same values in both are left out: their entries are the same in both, so an
    /// update moves only the entries of the indexes it changes.
    func addIndexEntries<Sink: IndexEntrySink>(
        to sink: inout Sink, _ layout: KeyLayout, leavingOutSameAs unchanged: RecordValues? = nil
    ) {
        let schema = kind.schema
        for index in schema.indexes {
            if let unchanged, sameEntries(as: unchanged, in: index) { continue }
            if let filter = index.filter, self[filter.schema] != filter.value { continue }
            let ordinal = StoreSchema.ordinal(kind, index.position)
            // A part over a list (tags) gives one entry per element; a record without a
            // value for a part has no entry.
            var list: [String]? = nil
            var complete = true
            for field in index.partFields {
                switch self[field] {
                case .null: complete = false
                case .list(let items): list = items
                default: break
                }
            }
            guard complete else { continue }
            for element in list.map({ $0.map(Optional.some) }) ?? [nil] {
                sink.add(ordinal: ordinal) { key in
                    for (part, field) in zip(index.parts, index.partFields) {
                        if case .list = self[field], let element {
                            _ = IndexKey.append(.string(element), .text, part.transform, layout, to: &key)
                        } else {
                            // Values were validated and nulls left out above, so every part appends.
                            _ = IndexKey.append(self[field], field.type, part.transform, layout, to: &key)
                        }
                    }
                    IndexKey.appendID(id, layout, to: &key)
                    let keyCount = key.bytes.count
                    for field in index.carriedFields {
                        _ = IndexKey.append(self[field], .integer, .value, layout, to: &key)
                    }
                    return keyCount
                }
            }
        }
    }

    /// Every entry the record puts in its kind's indexes, in key layout `layout`; with
    /// `unchanged`, those of the indexes whose fields differ from it.
    func indexEntries(_ layout: KeyLayout, leavingOutSameAs unchanged: RecordValues? = nil) -> [IndexEntry] {
        var list = IndexEntryList()
        addIndexEntries(to: &list, layout, leavingOutSameAs: unchanged)
        return list.entries
    }

    /// Whether `other`, a record of the same kind and id, puts the same entries in `index`:
    /// the same values in its parts, carried fields and filter.
    func sameEntries(as other: RecordValues, in index: IndexSchema) -> Bool {
        if let filter = index.filter, self[filter.schema] != other[filter.schema] { return false }
        for field in index.partFields where self[field] != other[field] { return false }
        for field in index.carriedFields where self[field] != other[field] { return false }
        return true
    }
}
