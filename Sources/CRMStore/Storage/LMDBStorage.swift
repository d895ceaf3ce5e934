import LMDB
import Synchronization

/// The `StorageEngine` on LMDB: a thin adapter over `Environment`, `Transaction` and `Cursor`
/// of the `LMDB` module.
///
/// The data lives in one file (`path`, its lock table in `path-lock`). The map grows on its
/// own: a write that fills it is aborted, the map enlarged and the write closure run again.
/// Bytes that reads return point into the map, so gets and cursor moves copy nothing.
///
///     let engine = try LMDBStorage(path: "crm.db")
///     let names = try engine.table("names", create: true)
///
/// What only LMDB has stays on its types: `environment` gives the map's size and page size
/// (`Environment.info`), releases mapped pages (`releaseMappedPages()`) and clears stale
/// reader slots; inside a closure, the reader or writer is an `LMDBStorageTransaction`, which
/// releases mapped pages from inside the transaction.
///
/// Tables are LMDB's named databases, opened with `mdb_dbi_open`, which LMDB says "must not
/// be called from multiple concurrent transactions in the same process". So this engine opens
/// tables one at a time, each in a short transaction of its own, and refuses to inside its
/// closures. Keep one engine per file in a process (`init(path:options:)` shares the
/// environment through `Environment.shared`), and open no databases of its environment by
/// other means while it is in use.
public final class LMDBStorage: StorageEngine {
    /// The LMDB environment, for what only LMDB has (map info, releasing mapped pages).
    public let environment: Environment
    /// The longest key LMDB stores (511 bytes with its default build).
    public let maxKeySize: Int
    /// The tables opened so far; a transaction takes a copy when it begins.
    private let openTables = Mutex(OpenTables())
    /// Held while a table is opened, from the start of its transaction to the end.
    private let opening = Mutex(())
    /// How many of this engine's closures the current thread is inside.
    private let depth = ClosureDepth()

    /// Opens (creating unless `options.readOnly`) the LMDB file at `path`, sharing the
    /// environment when this process has the file open already.
    ///
    /// - Throws: `StorageError` `.corrupted` when the file is not an LMDB file of this version
    ///   or is truncated, `.io` when it cannot be opened (missing and read-only, no
    ///   permission), `.readOnly` when this process has it open read-only and `options` asks
    ///   to write. `underlying` holds LMDB's error.
    public convenience init(path: String, options: EnvironmentOptions = EnvironmentOptions()) throws {
        let environment: Environment
        do {
            environment = try Environment.shared(path: path, options: options)
        } catch let error as LMDBError {
            throw StorageError(error, about: path)
        }
        self.init(environment: environment)
    }

    /// An engine on an environment already open. Open no databases of `environment` by other
    /// means while the engine is in use.
    public init(environment: Environment) {
        self.environment = environment
        self.maxKeySize = environment.maxKeySize
    }

    // MARK: - Tables

    /// Opens the table `name` (LMDB: the named database), creating it in a write transaction
    /// of its own when it is missing and `create` is true.
    public func table(_ name: String, create: Bool) throws -> StorageTable {
        try refuseInsideClosure("open the table \"\(name)\"")
        if let known = openTables.withLock({ $0.table(named: name) }) { return known }
        return try opening.withLock { _ in
            // Another thread may have opened it while this one waited.
            if let known = openTables.withLock({ $0.table(named: name) }) { return known }
            let handle = try openDatabase(name, create: create)
            return openTables.withLock { $0.add(handle) }
        }
    }

    /// The keys of LMDB's main database, which are the names of its named databases (a file
    /// written by another program may hold other keys there; `table(_:create:)` refuses
    /// those with `.notFound`).
    public func tableNames() throws -> [String] {
        try refuseInsideClosure("list the tables")
        return try opening.withLock { _ in
            try translatingErrors {
                try environment.read { transaction in
                    var scan = try transaction.scan(try transaction.openMainDatabase())
                    var names: [String] = []
                    while let entry = try scan.next() {
                        names.append(String(decoding: entry.key, as: UTF8.self))
                    }
                    return names
                }
            }
        }
    }

    /// Opens an existing database in a read transaction (so a read-only environment can open
    /// it), and only when it is missing creates it in a write transaction.
    private func openDatabase(_ name: String, create: Bool) throws -> DatabaseHandle {
        do {
            do {
                return try environment.read { transaction in try transaction.openDatabase(name) }
            } catch let error as LMDBError where error.code == .notFound && create {
                return try environment.write { transaction in
                    try transaction.openDatabase(name, create: true)
                }
            }
        } catch let error as LMDBError {
            switch error.code {
            case .notFound:
                throw StorageError(
                    .notFound,
                    "\(environment.path) has no table named \"\(name)\" (open it with create: true to make one)",
                    underlying: error)
            case .incompatible:
                // The name is a key of the main database that is not a database.
                throw StorageError(
                    .notFound, "\"\(name)\" in \(environment.path) is not a table", underlying: error)
            default:
                throw StorageError(error, about: environment.path)
            }
        }
    }

    // MARK: - Transactions

    /// Runs `body` in an LMDB read transaction.
    public func read<R>(_ body: (any StorageReader) throws -> R) throws -> R {
        try run(writing: false, body)
    }

    /// Runs `body` in an LMDB write transaction; LMDB runs it again when the map must grow.
    @discardableResult
    public func write<R>(_ body: (any StorageWriter) throws -> R) throws -> R {
        try refuseInsideClosure("start a write (do the work inside the outer write, or after the read)")
        return try run(writing: true, body)
    }

    /// Runs `body` in an LMDB read or write transaction. Errors `body` throws come out as they
    /// are; LMDB's own become `StorageError`s.
    private func run<R>(writing: Bool, _ body: (LMDBStorageTransaction) throws -> R) throws -> R {
        // Taken before the transaction begins: every table in it was opened, and committed,
        // before, so LMDB knows its handle in this transaction.
        let handles = openTables.withLock { $0.handles }
        let maxKeySize = maxKeySize
        func attempt(_ transaction: Transaction) throws -> R {
            do {
                return try body(
                    LMDBStorageTransaction(transaction: transaction, handles: handles, maxKeySize: maxKeySize)
                )
            } catch {
                throw BodyError(error: error)
            }
        }
        depth.enter()
        defer { depth.leave() }
        do {
            return writing ? try environment.write(attempt) : try environment.read(attempt)
        } catch let error as BodyError {
            throw error.error
        } catch let error as LMDBError {
            throw StorageError(error, about: environment.path)
        }
    }

    // MARK: - The file

    /// Flushes commits made with relaxed durability to disk (`mdb_env_sync`).
    public func sync() throws {
        try translatingErrors { try environment.sync() }
    }

    /// Writes a compacted copy to a new file at `path` (`mdb_env_copyfd2` with
    /// `MDB_CP_COMPACT`), created with the environment's file mode.
    public func backup(to path: String) throws {
        do {
            try environment.copy(to: path, compact: true)
        } catch {
            throw StorageError(error, about: path)
        }
    }

    /// Pages in use, and the size of the map.
    public func usage() throws -> StorageUsage {
        let info = environment.info
        return StorageUsage(bytesUsed: info.usedBytes, bytesAllocated: max(info.mapSize, info.usedBytes))
    }

    // MARK: - Helpers

    private func refuseInsideClosure(_ what: String) throws {
        guard depth.current == 0 else {
            throw StorageError(
                .nestedTransaction,
                "cannot \(what) inside a read or write closure of the same engine on this thread")
        }
    }

    private func translatingErrors<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as LMDBError {
            throw StorageError(error, about: environment.path)
        }
    }
}

/// An error thrown by a caller's closure, carried through LMDB's closure untouched.
private struct BodyError: Error {
    let error: any Error
}

/// The tables an `LMDBStorage` has opened: a table's id is its place in `handles`.
private struct OpenTables: Sendable {
    var handles: [DatabaseHandle] = []
    var ids: [String: Int] = [:]

    func table(named name: String) -> StorageTable? {
        guard let id = ids[name] else { return nil }
        // The handle's own copy of the name, so that the check in every call
        // (`LMDBStorageTransaction.handle`) compares one string with itself.
        return StorageTable(name: handles[id].name, id: id)
    }

    mutating func add(_ handle: DatabaseHandle) -> StorageTable {
        let id = handles.count
        handles.append(handle)
        ids[handle.name] = id
        return StorageTable(name: handle.name, id: id)
    }
}
