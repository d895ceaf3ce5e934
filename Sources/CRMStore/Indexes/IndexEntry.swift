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
    /// Adds every entry the record puts in its kind's indexes to `sink`, in declared order.
    func addIndexEntries<Sink: IndexEntrySink>(to sink: inout Sink) {
        let schema = kind.schema
        for (position, index) in schema.indexes.enumerated() {
            if let filter = index.filter, self[filter.field] != filter.value { continue }
            let ordinal = StoreSchema.ordinal(kind, position)
            // A part over a list (tags) gives one entry per element.
            var lists: [[String]] = []
            var parts: [(value: FieldValue, type: FieldType, transform: KeyTransform)] = []
            for part in index.parts {
                guard let field = schema.field(part.field) else { return }
                let value = self[field]
                if case .list(let items) = value {
                    lists.append(items)
                    parts.append((.null, .text, part.transform))
                } else {
                    parts.append((value, field.type, part.transform))
                }
            }
            if parts.contains(where: { $0.value == .null }) && lists.isEmpty { continue }
            let variants: [String?] = lists.first.map { $0.map(Optional.some) } ?? [nil]
            for element in variants {
                sink.add(ordinal: ordinal) { key in
                    for part in parts {
                        let value = part.value == .null ? element.map(FieldValue.string) ?? .null : part.value
                        // Values were validated and nulls left out above, so every part appends.
                        _ = IndexKey.append(value, part.type, part.transform, to: &key)
                    }
                    key.append(id)
                    let keyCount = key.bytes.count
                    for name in index.carried {
                        _ = IndexKey.append(self[name], .integer, .value, to: &key)
                    }
                    return keyCount
                }
            }
        }
    }

    /// Every entry the record puts in its kind's indexes.
    var indexEntries: [IndexEntry] {
        var list = IndexEntryList()
        addIndexEntries(to: &list)
        return list.entries
    }
}
