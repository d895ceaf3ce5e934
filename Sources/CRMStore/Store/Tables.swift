import LMDB

/// The named LMDB databases of a store, opened once at start-up.
///
/// Layout (keys in `OrderedKey` form):
/// - `meta`: `format` -> layout version; `next.<kind>` -> the next id of each kind;
///   `next.history` -> the next history sequence number.
/// - `customer`, `interaction`, `promise`: id -> the record's binary form.
/// - one database per `Index`: indexed values + id -> empty.
/// - `customer.summary`: customer id -> sum and count of interaction scores.
/// - `history`: kind code + record id + sequence -> the entry.
struct Tables: Sendable {
    /// The layout version this program reads and writes.
    static let formatVersion: UInt32 = 1
    static let metaName = "meta"
    static let historyName = "history"
    static let summaryName = "customer.summary"

    let meta: DatabaseHandle
    let customers: DatabaseHandle
    let interactions: DatabaseHandle
    let promises: DatabaseHandle
    let history: DatabaseHandle
    let summary: DatabaseHandle
    private let indexes: [DatabaseHandle]

    /// Every database name, for opening and statistics.
    static var allNames: [String] {
        [metaName] + RecordKind.allCases.map(\.rawValue) + [historyName, summaryName]
            + Index.allCases.map(\.rawValue)
    }

    init(opening transaction: Transaction, create: Bool) throws {
        func open(_ name: String) throws -> DatabaseHandle {
            try transaction.openDatabase(name, create: create)
        }
        meta = try open(Self.metaName)
        customers = try open(RecordKind.customer.rawValue)
        interactions = try open(RecordKind.interaction.rawValue)
        promises = try open(RecordKind.promise.rawValue)
        history = try open(Self.historyName)
        summary = try open(Self.summaryName)
        indexes = try Index.allCases.map { try open($0.rawValue) }
    }

    func records(_ kind: RecordKind) -> DatabaseHandle {
        switch kind {
        case .customer: customers
        case .interaction: interactions
        case .promise: promises
        }
    }

    func index(_ index: Index) -> DatabaseHandle {
        // Index.allCases and `indexes` are built in the same order.
        indexes[index.ordinal]
    }

    var all: [DatabaseHandle] {
        [meta, customers, interactions, promises, history, summary] + indexes
    }
}

/// Keys of the `meta` database.
enum MetaKey {
    static let format = Array("format".utf8)
    static func nextID(_ kind: RecordKind) -> [UInt8] { Counter(kind).metaKey }
}

/// The numbers a write hands out: one id sequence per kind of record, and the history
/// sequence. A small enum rather than meta keys so that a write keeps its counters in a
/// fixed array instead of hashing a key per insert.
enum Counter: Int, CaseIterable {
    case customer, interaction, promise, history

    /// The counter that numbers records of `kind`.
    init(_ kind: RecordKind) {
        switch kind {
        case .customer: self = .customer
        case .interaction: self = .interaction
        case .promise: self = .promise
        }
    }

    /// The meta key that holds the next number.
    var metaKey: [UInt8] { Self.metaKeys[rawValue] }

    private static let metaKeys: [[UInt8]] = [
        Array("next.customer".utf8), Array("next.interaction".utf8), Array("next.promise".utf8),
        Array("next.history".utf8),
    ]
}

/// The 8-byte key of a record id.
@inline(__always)
func idKey(_ id: Int64) -> [UInt8] {
    var key = OrderedKey(capacity: 8)
    key.append(id)
    return key.bytes
}

/// Calls `body` with the 8-byte key of a record id, built on the stack: the hot path of
/// every get by id, without an array allocation.
@inline(__always)
func withIDKey<R>(_ id: Int64, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    let bits = (UInt64(bitPattern: id) ^ (1 << 63)).bigEndian
    return try withUnsafeBytes(of: bits, body)
}
