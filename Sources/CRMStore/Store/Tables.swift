import LMDB

/// The named LMDB databases of a store, opened once at start-up; which ones there are
/// follows from the declared schema (`StoreSchema`).
///
/// Layout (keys in `OrderedKey` form):
/// - `meta`: `format` -> layout version; `next.<kind>` -> the next id of each kind;
///   `next.history` -> the next history sequence number.
/// - one database per kind (`customer`, `interaction`, `promise`): id -> the record's
///   binary form (`RecordFormat`).
/// - one database per index, named as the index: key parts + id -> carried fields.
/// - one database per summary (`customer.summary`): group id -> sum and count.
/// - `history`: kind code + record id + sequence -> the entry.
/// - `custom.index`: the indexes of declared custom fields (`CustomField`), all in one
///   table: kind code + field name + value + id -> nothing. Declarations are in `meta`.
struct Tables: Sendable {
    /// The layout version this program writes: 3 (records in format 4 and history entries in
    /// format 2, each with a checksum; compact integers in index keys). Version 1 stores are
    /// read as they are, and upgraded when opened for writing (`StoreMigration`). Version 2
    /// differs only in that its records and history carry no checksums: it is read as it is,
    /// and its marker becomes 3 when it is opened for writing, so that an older program, which
    /// cannot read the checksummed records written from then on, refuses the file as a whole.
    static let formatVersion: UInt32 = 3
    static let metaName = "meta"
    /// Tables of earlier versions that this one no longer keeps: emptied when a store is
    /// upgraded (`StoreMigration`).
    static let retiredNames = ["interaction.at"]
    static let historyName = "history"
    static let customIndexName = "custom.index"

    let meta: StorageTable
    let history: StorageTable
    /// How integers are written in index keys: compact from version 2.
    let layout: KeyLayout
    /// The record tables, by `RecordKind.code - 1`.
    private let records: [StorageTable]
    /// The index tables, by ordinal (`StoreSchema.indexes`).
    private let indexes: [StorageTable]
    /// The summary tables, in `StoreSchema.summaries` order.
    private let summaries: [StorageTable]
    /// The table of custom fields' indexes; nil in a store opened read-only that has none
    /// yet (one written before custom fields could be declared).
    let customIndex: StorageTable?

    /// Every database name, for opening and statistics.
    static var allNames: [String] {
        [metaName] + RecordKind.allCases.map(\.rawValue) + [historyName] + StoreSchema.summaries.map(\.name)
            + StoreSchema.indexes.map(\.name) + [customIndexName]
    }

    init(opening engine: any StorageEngine, create: Bool, layout: KeyLayout = .compact) throws {
        self.layout = layout
        func open(_ name: String) throws -> StorageTable {
            do {
                return try engine.table(name, create: create)
            } catch let error as StorageError where error.code == .notFound && !create {
                // A table a later version added (a new kind, a new index): read as empty.
                return .absent(name)
            }
        }
        meta = try open(Self.metaName)
        records = try RecordKind.allCases.map { try open($0.rawValue) }
        history = try open(Self.historyName)
        summaries = try StoreSchema.summaries.map { try open($0.name) }
        indexes = try StoreSchema.indexes.map { try open($0.name) }
        let customIndex = try open(Self.customIndexName)
        self.customIndex = customIndex.isAbsent ? nil : customIndex
    }

    func records(_ kind: RecordKind) -> StorageTable {
        records[Int(kind.code) - 1]
    }

    /// The table of the index with `ordinal`.
    func index(_ ordinal: Int) -> StorageTable {
        indexes[ordinal]
    }

    /// The table of the summary called `name`.
    func summary(_ name: String) -> StorageTable? {
        StoreSchema.summaries.firstIndex { $0.name == name }.map { summaries[$0] }
    }

    var all: [StorageTable] {
        [meta, history] + records + summaries + indexes + (customIndex.map { [$0] } ?? [])
    }

    /// Every index table, the custom fields' one included.
    var allIndexes: [StorageTable] { indexes + (customIndex.map { [$0] } ?? []) }
}

/// Keys of the `meta` database.
enum MetaKey {
    static let format = Array("format".utf8)
    static func nextID(_ kind: RecordKind) -> [UInt8] { Counter(kind).metaKey }

    /// The integer stored under `key` in `meta`, or nil.
    ///
    /// - Throws: `.corrupt` when the value is not an integer.
    static func integer(_ key: [UInt8], in reader: any StorageReader, _ tables: Tables) throws -> Int64? {
        guard let bytes = try reader.get(tables.meta, key: key) else { return nil }
        do {
            return try Int64Codec.decode(bytes)
        } catch {
            throw StoreError(
                .corrupt, "the store's counter \(String(decoding: key, as: UTF8.self)) is damaged")
        }
    }

    /// Stores `value` under `key` in `meta`.
    static func setInteger(_ value: Int64, _ key: [UInt8], in writer: any StorageWriter, _ tables: Tables)
        throws
    {
        try writer.put(tables.meta, key: key, value: RecordKey.bytes(value, .fixed), flags: [])
    }
}

/// The numbers a write hands out: one id sequence per kind of record, and the history
/// sequence. A small enum rather than meta keys so that a write keeps its counters in a
/// fixed array instead of hashing a key per insert.
enum Counter: Int, CaseIterable {
    case customer, interaction, promise, history, calendar, holiday, policy, view

    /// The counter that numbers records of `kind`.
    init(_ kind: RecordKind) {
        switch kind {
        case .customer: self = .customer
        case .interaction: self = .interaction
        case .promise: self = .promise
        case .calendar: self = .calendar
        case .holiday: self = .holiday
        case .policy: self = .policy
        case .view: self = .view
        }
    }

    /// The meta key that holds the next number: `next.customer`, `next.history`.
    var metaKey: [UInt8] { Self.metaKeys[rawValue] }

    private static let metaKeys: [[UInt8]] = allCases.map { Array("next.\($0)".utf8) }
}
