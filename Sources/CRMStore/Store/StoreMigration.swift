import LMDB

/// Upgrades a store of format version 1 (written before 2026-12-02: records in the first
/// binary form, 8-byte integers in index keys) to the current version, when it is opened for
/// writing: every record is rewritten in the current form (`RecordFormat`) and every index
/// built again with compact keys (`KeyLayout.compact`), in one write transaction, so that a
/// crash leaves the store as it was. History keeps its entries as they are.
///
/// A version 1 store opened read-only is read as it is, through the first layout.
enum StoreMigration {
    /// Records rewritten per step: the walk stops there, writes, and goes on after the last
    /// id, so that memory stays bounded whatever the store's size.
    static let batch = 10_000

    static func upgrade(_ engine: any StorageEngine, _ tables: Tables, clock: () -> Timestamp) throws {
        let present = Set(try engine.tableNames())
        let retired = try Tables.retiredNames.filter(present.contains).map {
            try engine.table($0, create: false)
        }
        try engine.write { writer in
            let tx = WriteTransaction(storage: writer, tables: tables, now: clock())
            for table in tables.allIndexes + retired { try writer.clear(table) }
            for schema in StoreSchema.kinds {
                let table = tables.records(schema.kind)
                var next: Int64 = 1
                while true {
                    // The first layout's keys (8 bytes, ids from 0x80...) sort after every
                    // compact key (tag 0x15 to 0x1C), so the walk sees only keys not yet moved.
                    var rewritten: [(id: Int64, bytes: [UInt8], values: RecordValues)] = []
                    let range = KeyRange(from: RecordKey.bytes(next, .fixed), upTo: nil)
                    try writer.walk(table, range, reverse: false) { key, value in
                        guard let id = RecordKey.id(key, .fixed) else {
                            throw StoreError(
                                .corrupt,
                                "a key in the \(schema.kind.rawValue) table is damaged (\(key.count) bytes)")
                        }
                        let values = try tx.view(id, value, schema).values()
                        rewritten.append((id, RecordEncoder.encode(values, schema), values))
                        return rewritten.count < batch
                    }
                    for record in rewritten {
                        _ = try writer.delete(table, key: RecordKey.bytes(record.id, .fixed))
                        try writer.put(
                            table, key: RecordKey.bytes(record.id, .compact), value: record.bytes, flags: [])
                        try tx.addIndexEntries(of: record.values)
                    }
                    guard let last = rewritten.last, rewritten.count == batch, last.id < .max else { break }
                    next = last.id + 1
                }
            }
            for summary in StoreSchema.summaries {
                guard let table = tables.summary(summary.name) else { continue }
                var entries: [(id: Int64, value: [UInt8])] = []
                try writer.walk(table, .all, reverse: false) { key, value in
                    if let id = RecordKey.id(key, .fixed) { entries.append((id, Array(value))) }
                    return true
                }
                try writer.clear(table)
                for entry in entries {
                    try writer.put(
                        table, key: RecordKey.bytes(entry.id, .compact), value: entry.value, flags: [])
                }
            }
            try tx.finish()
            var version = OrderedKey(capacity: 8)
            version.appendBigEndian(UInt64(Tables.formatVersion))
            try writer.put(tables.meta, key: MetaKey.format, value: version.bytes, flags: [])
        }
    }
}
