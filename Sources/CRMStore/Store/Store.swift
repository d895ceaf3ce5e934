import LMDB

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
    let environment: Environment
    let tables: Tables
    /// The path of the store's file.
    public let path: String
    /// The options the store was opened with.
    public let options: StoreOptions

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
            environment = try Environment.shared(path: path, options: environmentOptions)
            tables = try Self.openTables(environment, path: path, readOnly: options.readOnly)
        } catch let error as LMDBError {
            throw Self.openError(error, path: path)
        }
    }

    /// Runs `body` in a read transaction: a consistent view of one committed state.
    ///
    /// The transaction is valid only during the closure; do not store it.
    public func read<R>(_ body: (ReadTransaction) throws -> R) throws -> R {
        try translatingErrors {
            try environment.read { transaction in
                try body(ReadTransaction(transaction: transaction, tables: tables, now: options.clock()))
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
            try environment.write { transaction in
                let tx = WriteTransaction(transaction: transaction, tables: tables, now: options.clock())
                if let threshold = options.releaseMappedPagesAfter {
                    tx.pageRelease = (threshold, { transaction.releaseMappedPages() })
                }
                let result = try body(tx)
                try tx.finish()
                recordsWritten = tx.recordsWritten
                return result
            }
        }
        if let threshold = options.releaseMappedPagesAfter, recordsWritten >= threshold {
            environment.releaseMappedPages()
        }
        return result
    }

    /// Flushes writes made with relaxed durability to disk.
    public func sync() throws {
        try translatingErrors { try environment.sync() }
    }

    /// Writes a consistent, compacted copy of the store to a new file at `destination`
    /// (created 0600) while other transactions go on.
    public func backup(to destination: String) throws {
        try translatingErrors { try environment.copy(to: destination, compact: true) }
    }

    private func translatingErrors<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as LMDBError {
            if error.code == .readOnly { throw StoreError(.readOnly, "\(path): \(error.message)") }
            throw StoreError(storage: error, path: path)
        } catch let error as KeyDecodingError {
            throw StoreError(.corrupt, "\(path) is damaged: a \(error)")
        }
    }

    // MARK: - Opening

    private enum FileState {
        case empty
        case store
    }

    /// Checks that the file is a store of this format (or empty) and opens its databases.
    private static func openTables(_ environment: Environment, path: String, readOnly: Bool) throws -> Tables
    {
        let state = try environment.read { transaction in try inspect(transaction, path: path) }
        switch (state, readOnly) {
        case (.store, _):
            return try environment.read { transaction in try Tables(opening: transaction, create: false) }
        case (.empty, true):
            throw StoreError(
                .notAStore, "\(path) is empty, not a CRM store (open it read-write to create one)")
        case (.empty, false):
            return try environment.write { transaction in
                let tables = try Tables(opening: transaction, create: true)
                let meta = Database<BytesCodec, BytesCodec>(tables.meta)
                var version = OrderedKey(capacity: 8)
                version.appendBigEndian(UInt64(Tables.formatVersion))
                try meta.put(transaction, MetaKey.format, version.bytes, flags: .noOverwrite)
                return tables
            }
        }
    }

    private static func inspect(_ transaction: Transaction, path: String) throws -> FileState {
        let main = try transaction.openMainDatabase()
        if try transaction.statistics(main).entries == 0 { return .empty }
        let notAStore = StoreError(.notAStore, "\(path) is an LMDB file but not a CRM store")
        let meta: DatabaseHandle
        do {
            meta = try transaction.openDatabase(Tables.metaName)
        } catch let error as LMDBError where error.code == .notFound || error.code == .incompatible {
            throw notAStore
        }
        guard let bytes = try transaction.get(meta, key: MetaKey.format) else { throw notAStore }
        var reader = OrderedKeyReader(bytes)
        guard let version = try? reader.readBigEndian(), reader.isAtEnd else {
            throw StoreError(.corrupt, "\(path) is damaged: its format marker cannot be read")
        }
        guard version == UInt64(Tables.formatVersion) else {
            throw StoreError(
                .unsupportedFormat,
                "\(path) is a CRM store of format version \(version); this program reads version "
                    + "\(Tables.formatVersion) (use a matching version of crm)"
            )
        }
        return .store
    }

    private static func openError(_ error: LMDBError, path: String) -> StoreError {
        switch error.code {
        case .invalidFile, .versionMismatch:
            StoreError(.notAStore, "\(path) is not a CRM store (\(error.message))")
        case .readOnly:
            StoreError(.readOnly, error.message)
        case .corrupted, .pageNotFound, .panic:
            StoreError(
                .corrupt,
                error.message.hasPrefix(path) ? error.message : "\(path) is damaged (\(error.message))")
        case .system(ENOENT):
            StoreError(storage: error, path: path)
        default:
            StoreError(storage: error, path: path)
        }
    }
}
