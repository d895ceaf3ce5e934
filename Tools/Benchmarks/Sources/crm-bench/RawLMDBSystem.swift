import CRMStore
import LMDB

/// The floor: LMDB with no records, codecs or indexes. The load puts each record's encoded
/// bytes (encoded before the timing starts) under its 8-byte ordered id, one database per
/// kind; the get reads a customer's bytes back without decoding them.
///
/// Relaxed durability, like the store's and SQLite's settings here.
final class RawLMDBSystem {
    /// The environment.
    let environment: Environment
    private let customers: DatabaseHandle
    private let interactions: DatabaseHandle
    private let promises: DatabaseHandle

    /// Creates the environment at `path` with its three databases.
    init(path: String) throws {
        environment = try Environment(
            path: path, options: EnvironmentOptions(maxDatabases: 4, durability: .relaxed))
        (customers, interactions, promises) = try environment.write { tx in
            (
                try tx.openDatabase("customer", create: true),
                try tx.openDatabase("interaction", create: true),
                try tx.openDatabase("promise", create: true)
            )
        }
    }

    /// Puts the bytes of every record of `data`, one transaction per batch; returns the
    /// seconds the transactions (and the final sync) took.
    func load(_ data: BenchDataset, batch: Int) throws -> Double {
        var seconds = 0.0
        var nextIDs: [Int64] = [1, 1, 1]
        try data.forEachBatch(size: batch) { records in
            let (database, entries) = encode(records, now: data.now, nextIDs: &nextIDs)
            let watch = Stopwatch()
            try environment.write { tx in
                for (key, value) in entries { try tx.put(database, key: key, value: value, flags: .append) }
            }
            seconds += watch.seconds
        }
        seconds += try Stopwatch.time { try environment.sync() }.seconds
        return seconds
    }

    private func encode(_ records: RecordBatch, now: Timestamp, nextIDs: inout [Int64])
        -> (DatabaseHandle, [(key: [UInt8], value: [UInt8])])
    {
        func entries<R: Record>(_ list: [R], _ kind: Int) -> [(key: [UInt8], value: [UInt8])] {
            list.map { record in
                var record = record
                record.id = nextIDs[kind]
                record.created = now
                record.updated = now
                nextIDs[kind] += 1
                return (Self.key(record.id), record.encoded())
            }
        }
        switch records {
        case .customers(let list): return (customers, entries(list, 0))
        case .interactions(let list): return (interactions, entries(list, 1))
        case .promises(let list): return (promises, entries(list, 2))
        }
    }

    /// Gets the bytes of each customer of `ids` in one read transaction; returns the seconds.
    func gets(_ ids: [Int64]) throws -> Double {
        let (found, seconds) = try Stopwatch.time {
            try environment.read { tx in
                var found = 0
                var bytes = 0
                for id in ids {
                    // The key as `OrderedKey` builds it: sign bit flipped, big-endian.
                    let key = (UInt64(bitPattern: id) ^ (1 << 63)).bigEndian
                    let value = try withUnsafeBytes(of: key) { try tx.get(customers, key: $0) }
                    if let value {
                        found += 1
                        bytes &+= value.count
                    }
                }
                return found + (bytes < 0 ? 1 : 0)
            }
        }
        guard found == ids.count else { throw BenchError("raw LMDB missed \(ids.count - found) gets") }
        return seconds
    }

    private static func key(_ id: Int64) -> [UInt8] {
        var key = OrderedKey(capacity: 8)
        key.append(id)
        return key.bytes
    }
}
