import LMDB
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An embedded CRM store in one file: customers, their interactions and the promises made
/// to or by them, with indexes, history and derived values.
///
/// Share one `Store` across threads and tasks: many read transactions run at once, one
/// write transaction at a time, and other processes may open the same file.
///
///     let store = try Store(path: "crm.db")
///     let acme = try store.write { tx in try tx.insert(Customer(name: "Acme Ltd")) }
///     let name = try store.read { tx in try tx.customer(acme.id)?.name }
public final class Store: Sendable {
    /// Where records, indexes and history are kept: the ordered key-value boundary
    /// (`StorageEngine`), with LMDB as its one implementation.
    let engine: any StorageEngine
    let tables: Tables
    /// The path of the store's file.
    public let path: String
    /// The options the store was opened with.
    public let options: StoreOptions
    /// The triggers every write calls (see `RecordTrigger`).
    private let triggers = Mutex<[any RecordTrigger]>([])

    /// Makes every later write call `trigger`; one of the same name is replaced.
    public func install(_ trigger: any RecordTrigger) {
        triggers.withLock { list in
            list.removeAll { $0.name == trigger.name }
            list.append(trigger)
        }
    }

    /// Opens the store at `path`, creating it unless `options.readOnly`. The file is
    /// created readable and writable by its owner only (0600), with `path-lock` beside it.
    ///
    /// - Throws: `StoreError` `.notAStore` when the file is not a CRM store,
    ///   `.unsupportedFormat` for a store of another format version, `.storage` when the
    ///   file cannot be opened (missing, no permission, disk full), `.readOnly` when it is
    ///   already open read-only in this process. Never crashes on a foreign or damaged file.
    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        self.path = path
        self.options = options
        let environmentOptions = EnvironmentOptions(
            mapSize: options.mapSize,
            maxDatabases: Tables.allNames.count + 4,
            readOnly: options.readOnly,
            durability: options.durability
        )
        do {
            engine = try LMDBStorage(path: path, options: environmentOptions)
            tables = try Self.openTables(engine, path: path, readOnly: options.readOnly, clock: options.clock)
        } catch let error as StorageError {
            throw Self.openError(error, path: path)
        }
    }

    /// Runs `body` in a read transaction: a consistent view of one committed state.
    ///
    /// The transaction is valid only during the closure; do not store it.
    public func read<R>(_ body: (ReadTransaction) throws -> R) throws -> R {
        try translatingErrors {
            try engine.read { reader in
                try body(ReadTransaction(storage: reader, tables: tables, now: options.clock()))
            }
        }
    }

    /// Runs `body` in a write transaction and commits when it returns; if it throws,
    /// nothing it wrote is kept. A commit that returned is on disk (with full durability).
    ///
    /// `body` may run more than once (when the map must grow), so keep it free of other
    /// effects. Do not start a write inside another read or write closure on the same thread.
    ///
    /// - Throws: `StoreError` `.readOnly` for a read-only store, and whatever `body` throws.
    @discardableResult
    public func write<R>(_ body: (WriteTransaction) throws -> R) throws -> R {
        guard !options.readOnly else {
            throw StoreError(.readOnly, "\(path) is open read-only (open it without read-only to write)")
        }
        var recordsWritten = 0
        let result = try translatingErrors {
            try engine.write { writer in
                let tx = WriteTransaction(storage: writer, tables: tables, now: options.clock())
                tx.triggers = triggers.withLock { $0 }
                if let threshold = options.releaseMappedPagesAfter,
                    let lmdb = writer as? LMDBStorageTransaction
                {
                    tx.pageRelease = (threshold, { lmdb.releaseMappedPages() })
                }
                let result = try body(tx)
                try tx.finish()
                recordsWritten = tx.recordsWritten
                return result
            }
        }
        if let threshold = options.releaseMappedPagesAfter, recordsWritten >= threshold,
            let lmdb = engine as? LMDBStorage
        {
            lmdb.environment.releaseMappedPages()
        }
        return result
    }

    /// Flushes writes made with relaxed durability to disk.
    public func sync() throws {
        try translatingErrors { try engine.sync() }
    }

    /// Writes a consistent, compacted copy of the store to a new file at `destination`
    /// (created 0600) while other transactions go on.
    ///
    /// - Throws: `StoreError` `.storage` naming `destination` when it exists already or cannot
    ///   be created there.
    public func backup(to destination: String) throws {
        do {
            try engine.backup(to: destination)
        } catch let error as StorageError {
            let lmdb = error.underlying as? LMDBError
            if error.code == .corrupted { throw damaged(error.message) }
            throw StoreError(storage: error, path: destination, message: lmdb?.message ?? error.message)
        }
    }

    func translatingErrors<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as StorageError {
            if error.code == .readOnly { throw StoreError(.readOnly, "\(path): \(error.message)") }
            if error.code == .corrupted { throw damaged(error.message) }
            throw StoreError(storage: error, path: path)
        } catch let error as KeyDecodingError {
            throw damaged("a \(error)")
        } catch let error as StoreError where error.code == .corrupt {
            noteDamage(error.message)
            throw error
        }
    }

    /// A `.corrupt` error for damage the storage or a decoder found, noted so that this
    /// process writes nothing more to the file (`Environment.noteDamage`).
    func damaged(_ detail: String) -> StoreError {
        let message = detail.hasPrefix(path) ? detail : "\(path) is damaged (\(detail))"
        noteDamage(message)
        return StoreError(.corrupt, message)
    }

    /// Notes damage seen in the file, so that later writes in this process are refused.
    func noteDamage(_ what: String) {
        (engine as? LMDBStorage)?.environment.noteDamage(what)
    }

    // MARK: - Opening

    /// Checks that the file is a store of this format (or empty, or a store whose creation
    /// stopped before its format marker was written) and opens its tables.
    private static func openTables(
        _ engine: any StorageEngine, path: String, readOnly: Bool, clock: @Sendable () -> Timestamp
    ) throws -> Tables {
        let names = try engine.tableNames()
        let ours = Set(Tables.allNames)
        if names.isEmpty {
            guard !readOnly else {
                throw StoreError(
                    .notAStore, "\(path) is empty, not a CRM store (open it read-write to create one)")
            }
            return try create(engine)
        }
        guard names.contains(Tables.metaName) else {
            throw StoreError(.notAStore, "\(path) is an LMDB file but not a CRM store")
        }
        let meta = try engine.table(Tables.metaName, create: false)
        let marker = try engine.read { reader in try reader.get(meta, key: MetaKey.format).map { Array($0) } }
        guard let marker else {
            // Each table is created on its own: a creation that stopped before the marker
            // leaves only this store's (empty) tables. Finish it; anything else is foreign.
            guard !readOnly, names.allSatisfy(ours.contains) else {
                throw StoreError(.notAStore, "\(path) is an LMDB file but not a CRM store")
            }
            // The marker is the first thing a store writes: data without it is damage, and
            // finishing the creation would write into a damaged file.
            guard try engine.read({ reader in try reader.entryCount(meta) }) == 0 else {
                throw StoreError(
                    .corrupt, "\(path) is damaged: its format marker is missing (restore it from a backup)")
            }
            return try create(engine)
        }
        let version: UInt64? = marker.withUnsafeBytes { bytes in
            var reader = OrderedKeyReader(bytes)
            guard let value = try? reader.readBigEndian(), reader.isAtEnd else { return nil }
            return value
        }
        guard let version else {
            throw StoreError(.corrupt, "\(path) is damaged: its format marker cannot be read")
        }
        guard version >= 1, version <= UInt64(Tables.formatVersion) else {
            throw StoreError(
                .unsupportedFormat,
                "\(path) is a CRM store of format version \(version); this program reads versions 1 to "
                    + "\(Tables.formatVersion) (use a newer version of crm)"
            )
        }
        if version == 1 {
            // The first format: read as it is, or upgraded when the store may be written.
            guard !readOnly else { return try Tables(opening: engine, create: false, layout: .fixed) }
            let tables = try Tables(opening: engine, create: true)
            try StoreMigration.upgrade(engine, tables, clock: clock)
            return tables
        }
        let tables = try Tables(opening: engine, create: !readOnly)
        if version < UInt64(Tables.formatVersion), !readOnly {
            // Version 2: its records stay as they are (read unchecked) and gain checksums as
            // they are written; only the marker changes (see `Tables.formatVersion`).
            try writeMarker(engine, tables)
        }
        return tables
    }

    /// Writes the format marker of this version.
    private static func writeMarker(_ engine: any StorageEngine, _ tables: Tables) throws {
        try engine.write { writer in
            var version = OrderedKey(capacity: 8)
            version.appendBigEndian(UInt64(Tables.formatVersion))
            try writer.put(tables.meta, key: MetaKey.format, value: version.bytes, flags: [])
        }
    }

    /// Creates every table of an empty store, then writes the format marker.
    private static func create(_ engine: any StorageEngine) throws -> Tables {
        let tables = try Tables(opening: engine, create: true)
        try engine.write { writer in
            var version = OrderedKey(capacity: 8)
            version.appendBigEndian(UInt64(Tables.formatVersion))
            _ = try writer.put(tables.meta, key: MetaKey.format, value: version.bytes, flags: .noOverwrite)
        }
        return tables
    }

    static func openError(_ error: StorageError, path: String) -> StoreError {
        let lmdb = error.underlying as? LMDBError
        // The LMDB module's own messages name the file and say what would fix it.
        let message = lmdb.map { $0.rawValue == 0 ? $0.message : "\(path) (\($0.message))" } ?? error.message
        switch (error.code, lmdb?.code) {
        case (.corrupted, .invalidFile?), (.corrupted, .versionMismatch?):
            let foreign = "\(path) is not an LMDB database"
            return StoreError(
                .notAStore,
                message.hasPrefix(foreign)
                    ? "\(path) is not a CRM store" + message.dropFirst(foreign.count) : message)
        case (.readOnly, _):
            return StoreError(.readOnly, lmdb?.message ?? error.message)
        case (.corrupted, _):
            return StoreError(.corrupt, message.hasPrefix(path) ? message : "\(path) is damaged (\(message))")
        default:
            return StoreError(storage: error, path: path)
        }
    }
}
