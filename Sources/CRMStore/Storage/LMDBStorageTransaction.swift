import LMDB

/// An LMDB read or write transaction seen as a `StorageWriter`: what
/// `LMDBStorage.read` and `write` hand their closures.
///
/// In a read transaction every write throws `.readOnly`. Cast to this type for what only LMDB
/// has inside a transaction: `(tx as? LMDBStorageTransaction)?.releaseMappedPages()`.
public final class LMDBStorageTransaction: StorageWriter {
    private let transaction: Transaction
    /// The engine's tables when the transaction began, by `StorageTable.id`.
    private let handles: [DatabaseHandle]
    private let maxKeySize: Int

    init(transaction: Transaction, handles: [DatabaseHandle], maxKeySize: Int) {
        self.transaction = transaction
        self.handles = handles
        self.maxKeySize = maxKeySize
    }

    /// Drops the file's pages from this process's resident memory from inside the
    /// transaction (`Transaction.releaseMappedPages()`); pages read afterwards map in again.
    public func releaseMappedPages() {
        transaction.releaseMappedPages()
    }

    // MARK: - Reading

    /// The value under `key` (`mdb_get`), pointing into the map.
    public func get(_ table: StorageTable, key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        if table.isAbsent { return nil }
        let database = try handle(table)
        // LMDB refuses an empty key (MDB_BAD_VALSIZE); none is ever stored, so none is found.
        guard !key.isEmpty else { return try nothing() }
        return try translatingLMDBErrors { try transaction.get(database, key: key) }
    }

    /// The entry count from the B-tree's header (`mdb_stat`).
    public func entryCount(_ table: StorageTable) throws -> Int {
        if table.isAbsent { return 0 }
        let database = try handle(table)
        return try translatingLMDBErrors { try transaction.statistics(database).entries }
    }

    /// A new LMDB cursor on the table (`mdb_cursor_open`).
    public func cursor(_ table: StorageTable) throws -> any StorageCursor {
        if table.isAbsent { return AbsentTableCursor(table: table.name) }
        let database = try handle(table)
        return LMDBStorageCursor(
            cursor: try translatingLMDBErrors { try transaction.cursor(database) }, transaction: transaction,
            maxKeySize: maxKeySize)
    }

    /// Walks the range in one loop of `mdb_cursor_get` (`Cursor.walk`).
    public func walk(
        _ table: StorageTable, _ range: KeyRange, reverse: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        if table.isAbsent { return }
        let database = try handle(table)
        let cursor = try translatingLMDBErrors { try transaction.cursor(database) }
        do {
            try cursor.walk(range, reverse: reverse, body)
        } catch let error as LMDBError {
            throw StorageError(error)
        }
    }

    // MARK: - Writing

    /// Stores the entry (`mdb_put`); `.append` becomes `MDB_APPEND`, and a key out of order,
    /// which LMDB then refuses, is put again without it.
    public func put(
        _ table: StorageTable, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
        flags: StoragePutFlags
    ) throws -> Bool {
        let database = try handle(table)
        try checkKey(key, maxKeySize: maxKeySize)
        return try translatingLMDBErrors {
            let noOverwrite: WriteFlags = flags.contains(.noOverwrite) ? .noOverwrite : []
            if flags.contains(.append) {
                do {
                    if try transaction.put(
                        database, key: key, value: value, flags: noOverwrite.union(.append))
                    {
                        return true
                    }
                    // False: with MDB_NOOVERWRITE, MDB_KEYEXIST also means "out of order" here.
                } catch let error as LMDBError where error.code == .keyExists {
                    // MDB_APPEND with a key that is not the largest: LMDB has changed nothing.
                }
            }
            return try transaction.put(database, key: key, value: value, flags: noOverwrite)
        }
    }

    /// Deletes the entry (`mdb_del`).
    public func delete(_ table: StorageTable, key: UnsafeRawBufferPointer) throws -> Bool {
        let database = try handle(table)
        guard !key.isEmpty else {
            _ = try nothing()
            guard !transaction.isReadOnly else { throw StorageError.readTransactionWrite }
            return false
        }
        return try translatingLMDBErrors { try transaction.delete(database, key: key) }
    }

    /// Empties the table (`mdb_drop` with 0, which keeps the database).
    public func clear(_ table: StorageTable) throws {
        let database = try handle(table)
        try translatingLMDBErrors { try transaction.clear(database) }
    }

    // MARK: - Helpers

    /// The LMDB handle of `table`, or `.notFound` for a table this engine had not opened when
    /// the transaction began (or another engine's).
    @inline(__always)
    private func handle(_ table: StorageTable) throws -> DatabaseHandle {
        // The name check costs one comparison of a string with itself (see `OpenTables`).
        guard table.id >= 0, table.id < handles.count, handles[table.id].name == table.name else {
            throw StorageError(
                .notFound,
                "the table \"\(table.name)\" was not opened by this engine before the transaction began")
        }
        return handles[table.id]
    }

    /// Nil, or `.transactionEnded` after the closure: for answers found without asking LMDB.
    private func nothing() throws -> UnsafeRawBufferPointer? {
        guard transaction.isLive else { throw StorageError.transactionEnded }
        return nil
    }
}

extension StorageError {
    /// A reader, writer or cursor used after its closure returned.
    static var transactionEnded: StorageError {
        StorageError(.transactionEnded, "the transaction was used after its closure returned")
    }

    /// A write asked of a read transaction.
    static var readTransactionWrite: StorageError {
        StorageError(.readOnly, "a read transaction cannot write")
    }
}

/// Throws `.invalidKey` for a key LMDB would refuse to store (`MDB_BAD_VALSIZE`), with a
/// message that says why.
@inline(__always)
func checkKey(_ key: UnsafeRawBufferPointer, maxKeySize: Int) throws {
    if key.isEmpty || key.count > maxKeySize {
        throw StorageError(
            .invalidKey, "a key must be 1 to \(maxKeySize) bytes long; this one is \(key.count) bytes")
    }
}

/// Runs an LMDB call, turning the `LMDBError` it throws into a `StorageError`.
@inline(__always)
func translatingLMDBErrors<R>(_ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch let error as LMDBError {
        throw StorageError(error)
    }
}
