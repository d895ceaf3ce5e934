import CLMDB

/// A read or write transaction of an `Environment`.
///
/// A transaction is valid only during the closure of `Environment.read` or
/// `Environment.write` that received it. Do not store it or pass it to another thread
/// (LMDB: "A transaction and its cursors must only be used by a single thread"); after the
/// closure returns, every call throws `.transactionEnded` instead of touching freed memory.
///
/// Byte buffers returned by `get` and by cursors point into the map: they are valid until
/// the next write in this transaction or its end, whichever comes first.
public final class Transaction {
    /// The environment this transaction belongs to.
    public let environment: Environment
    /// Whether this is a read transaction.
    public let isReadOnly: Bool
    private var handle: OpaquePointer?
    /// Set when an LMDB call answered `MDB_MAP_FULL`: the write is then run again on a
    /// larger map.
    private(set) var sawMapFull = false
    /// The map size when the transaction began, so that growth happens once per fill.
    let mapSizeAtStart: Int

    init(environment: Environment, handle: OpaquePointer, readOnly: Bool, mapSize: Int) {
        self.environment = environment
        self.handle = handle
        self.isReadOnly = readOnly
        self.mapSizeAtStart = mapSize
    }

    deinit {
        finish()
    }

    /// Drops the file's pages from this process's resident memory, as
    /// `Environment.releaseMappedPages()` does, from inside the transaction (which already
    /// holds the map in place). Pages this transaction reads afterwards map in again.
    public func releaseMappedPages() {
        guard isLive else { return }
        environment.releaseMappedPagesHoldingMapLock()
    }

    /// Whether the transaction can still be used.
    public var isLive: Bool { handle != nil }

    /// The checker for calls made in this transaction: notes a full map, then throws.
    @inline(__always)
    func check(_ returnCode: Int32) throws {
        guard returnCode != MDB_SUCCESS else { return }
        if returnCode == MDB_MAP_FULL { sawMapFull = true }
        let error = LMDBError(returnCode: returnCode)
        if error.meansDamage { environment.noteDamage("LMDB found a damaged page: \(error.message)") }
        throw error
    }

    /// The live handle, or `.transactionEnded`.
    @inline(__always)
    func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw LMDBError(
                .transactionEnded,
                message: "the transaction was used after its closure returned"
            )
        }
        return handle
    }

    func writableHandle() throws -> OpaquePointer {
        let handle = try liveHandle()
        guard !isReadOnly else {
            throw LMDBError(.readOnly, message: "a read transaction cannot write")
        }
        return handle
    }

    func commit() throws {
        let handle = try liveHandle()
        self.handle = nil
        defer { environment.endTransaction() }
        // mdb_txn_commit frees the transaction whether it succeeds or not.
        try check(mdb_txn_commit(handle))
    }

    /// Aborts the transaction if it is still live and releases its hold on the map.
    func finish() {
        guard let handle else { return }
        self.handle = nil
        mdb_txn_abort(handle)
        environment.endTransaction()
    }

    // MARK: - Databases

    /// Opens (and with `create`, creates) the named database `name`.
    ///
    /// Open every database once at start-up, in the first transaction; the handle then
    /// stays valid for the life of the environment, in every transaction.
    ///
    /// - Throws: `.notFound` when the database does not exist and `create` is false;
    ///   `.incompatible` when `name` is a key of the main database, not a database.
    public func openDatabase(_ name: String, create: Bool = false) throws -> DatabaseHandle {
        let handle = try liveHandle()
        var dbi = MDB_dbi()
        try check(mdb_dbi_open(handle, name, create ? UInt32(MDB_CREATE) : 0, &dbi))
        return DatabaseHandle(dbi: dbi, name: name)
    }

    /// Opens the main (unnamed) database, whose keys are the names of the named databases.
    public func openMainDatabase() throws -> DatabaseHandle {
        let handle = try liveHandle()
        var dbi = MDB_dbi()
        try check(mdb_dbi_open(handle, nil, 0, &dbi))
        return DatabaseHandle(dbi: dbi, name: "")
    }

    /// Entry counts and page use of `database`.
    public func statistics(_ database: DatabaseHandle) throws -> DatabaseStatistics {
        var stat = MDB_stat()
        try check(mdb_stat(try liveHandle(), database.dbi, &stat))
        return DatabaseStatistics(
            entries: stat.ms_entries,
            depth: Int(stat.ms_depth),
            branchPages: stat.ms_branch_pages,
            leafPages: stat.ms_leaf_pages,
            overflowPages: stat.ms_overflow_pages
        )
    }

    /// Deletes every entry of `database`, keeping the database.
    public func clear(_ database: DatabaseHandle) throws {
        try check(mdb_drop(try writableHandle(), database.dbi, 0))
    }

    // MARK: - Reading and writing entries

    /// The value stored under `key`, or nil. The buffer is valid until the next write in
    /// this transaction or its end.
    public func get(_ database: DatabaseHandle, key: UnsafeRawBufferPointer) throws
        -> UnsafeRawBufferPointer?
    {
        let handle = try liveHandle()
        var keyValue = MDB_val(bytes: key)
        var value = MDB_val()
        let rc = mdb_get(handle, database.dbi, &keyValue, &value)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc)
        return value.buffer
    }

    /// The value stored under `key`, or nil. The buffer is valid until the next write in
    /// this transaction or its end.
    public func get(_ database: DatabaseHandle, key: [UInt8]) throws -> UnsafeRawBufferPointer? {
        try key.withUnsafeBytes { (bytes) throws in try get(database, key: bytes) }
    }

    /// Stores `value` under `key`. With `.noOverwrite`, an existing key is left alone and
    /// the call returns false; with `.append`, keys must come in ascending order (bulk loads).
    @discardableResult
    public func put(
        _ database: DatabaseHandle,
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer,
        flags: WriteFlags = []
    ) throws -> Bool {
        let handle = try writableHandle()
        var keyValue = MDB_val(bytes: key)
        var dataValue = MDB_val(bytes: value)
        let rc = mdb_put(handle, database.dbi, &keyValue, &dataValue, flags.rawValue)
        if rc == MDB_KEYEXIST && flags.contains(.noOverwrite) { return false }
        try check(rc)
        return true
    }

    /// Stores `value` under `key`; see `put(_:key:value:flags:)` for the flags.
    @discardableResult
    public func put(_ database: DatabaseHandle, key: [UInt8], value: [UInt8], flags: WriteFlags = [])
        throws -> Bool
    {
        try key.withUnsafeBytes { (keyBytes) throws in
            try value.withUnsafeBytes { (valueBytes) throws in
                try put(database, key: keyBytes, value: valueBytes, flags: flags)
            }
        }
    }

    /// Deletes the entry under `key`; returns false when there was none.
    @discardableResult
    public func delete(_ database: DatabaseHandle, key: UnsafeRawBufferPointer) throws -> Bool {
        let handle = try writableHandle()
        var keyValue = MDB_val(bytes: key)
        let rc = mdb_del(handle, database.dbi, &keyValue, nil)
        if rc == MDB_NOTFOUND { return false }
        try check(rc)
        return true
    }

    /// Deletes the entry under `key`; returns false when there was none.
    @discardableResult
    public func delete(_ database: DatabaseHandle, key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { (bytes) throws in try delete(database, key: bytes) }
    }

    /// Opens a cursor on `database`, valid while this transaction is.
    public func cursor(_ database: DatabaseHandle) throws -> Cursor {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(try liveHandle(), database.dbi, &cursor))
        guard let cursor else { throw LMDBError(returnCode: MDB_BAD_TXN) }
        return Cursor(transaction: self, handle: cursor)
    }

    /// Iterates the entries of `database` whose keys lie in `range`, in key order or, with
    /// `reverse`, backwards.
    public func scan(_ database: DatabaseHandle, _ range: KeyRange = .all, reverse: Bool = false)
        throws -> RangeScan
    {
        RangeScan(cursor: try cursor(database), range: range, reverse: reverse)
    }

    /// A walk of `range` on a cursor the caller keeps (opened with `cursor(_:)` on the
    /// database to walk): many short walks, one after another, without opening a cursor each.
    /// Only one walk may use the cursor at a time.
    public func scan(reusing cursor: Cursor, _ range: KeyRange, reverse: Bool = false) -> RangeScan {
        RangeScan(cursor: cursor, range: range, reverse: reverse)
    }
}

/// Flags for `Transaction.put`.
public struct WriteFlags: OptionSet, Sendable {
    /// The C flag bits.
    public let rawValue: UInt32
    /// Creates flags from C flag bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Leave an existing key alone (C: `MDB_NOOVERWRITE`).
    public static let noOverwrite = WriteFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// The key sorts after every key in the database: a fast path for ascending bulk loads
    /// (C: `MDB_APPEND`). A key out of order fails with `.keyExists`.
    public static let append = WriteFlags(rawValue: UInt32(MDB_APPEND))
}

/// A named database of an environment, valid for the life of the environment.
public struct DatabaseHandle: Sendable, Equatable {
    let dbi: MDB_dbi
    /// The database's name.
    public let name: String
}

/// Entry counts and page use of one database, from `mdb_stat`.
public struct DatabaseStatistics: Sendable, Equatable {
    /// Number of entries.
    public var entries: Int
    /// Depth of the B+tree.
    public var depth: Int
    /// Branch pages.
    public var branchPages: Int
    /// Leaf pages.
    public var leafPages: Int
    /// Overflow pages, for large values.
    public var overflowPages: Int
}

extension MDB_val {
    /// A value that points at `bytes`; valid as long as `bytes` is.
    init(bytes: UnsafeRawBufferPointer) {
        self.init(mv_size: bytes.count, mv_data: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
    }

    /// The bytes LMDB returned.
    var buffer: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: mv_data, count: mv_size)
    }
}
