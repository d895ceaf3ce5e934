import LMDB

/// A read transaction of a `StorageEngine` (and the reading half of a write transaction):
/// point gets, entry counts and ordered cursors over its tables.
///
/// Valid only during the closure of `StorageEngine.read` or `write` that received it. Do not
/// store it, return it, or use it or its cursors from another thread; after the closure
/// returns, every call throws `StorageError` `.transactionEnded` instead of touching freed
/// memory.
///
/// ## How long returned bytes stay valid
///
/// Bytes returned by `get` are valid until the next write in the same transaction (a put,
/// delete or clear, through the writer or any of its cursors) or the end of the transaction,
/// whichever comes first. Bytes in an entry a cursor returns are valid until that cursor's
/// next move, the next write in the transaction, or its end, whichever comes first. Callers
/// copy what they keep (`Array(bytes)`), and never write through the pointers.
///
/// For implementers: LMDB returns pointers into its memory map, which stay put that long at
/// no cost. An implementation that does not borrow from a map (a networked one) must keep
/// every buffer it returns alive at least as long: for example in an arena per transaction
/// that it may empty at each write and frees when the transaction ends, and one buffer per
/// cursor that it reuses on each move. Keys and values passed in are only read during the
/// call; copy them to keep them.
///
///     try engine.read { tx in
///         guard let bytes = try tx.get(names, key: [1]) else { return nil }
///         return String(decoding: bytes, as: UTF8.self)  // copies
///     }
public protocol StorageReader: AnyObject {
    /// The value stored under `key` in `table`, or nil. An empty key, or one longer than
    /// `maxKeySize`, is never stored, so it finds nil.
    func get(_ table: StorageTable, key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer?

    /// How many entries `table` holds, this transaction's own writes included; cheap (LMDB
    /// reads it from the B-tree's header).
    func entryCount(_ table: StorageTable) throws -> Int

    /// A new cursor on `table`, not yet on any entry, valid while this transaction is.
    func cursor(_ table: StorageTable) throws -> any StorageCursor

    /// A walk over the entries of `table` whose keys lie in `range`, in key order or, with
    /// `reverse`, from the largest key down.
    ///
    /// The default walks a new `cursor(_:)` (see `StorageScan`); an implementation may
    /// override it to fetch the range its own way (a networked one in batches), as long as it
    /// returns the same entries in the same order.
    func scan(_ table: StorageTable, _ range: KeyRange, reverse: Bool) throws -> StorageScan

    /// Calls `body` with the key and value of each entry of `table` whose key lies in
    /// `range`, in key order (or, with `reverse`, from the largest key down), until it
    /// returns false. The bytes are valid only during the call.
    ///
    /// The same walk as `scan`, pushed rather than pulled: the default walks `scan`; an
    /// implementation may override it with a tighter loop (LMDB: one `mdb_cursor_get` per
    /// entry, nothing else), as a walk of a whole table is where a query spends its time.
    func walk(
        _ table: StorageTable, _ range: KeyRange, reverse: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws
}

extension StorageReader {
    /// Walks `scan(table, range, reverse: reverse)`, calling `body` with each entry.
    public func walk(
        _ table: StorageTable, _ range: KeyRange, reverse: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let scan = try scan(table, range, reverse: reverse)
        while let entry = try scan.next() {
            guard try body(entry.key, entry.value) else { return }
        }
    }

    /// Walks a new cursor on `table` over `range` (see `StorageScan`).
    public func scan(_ table: StorageTable, _ range: KeyRange, reverse: Bool) throws -> StorageScan {
        StorageScan(cursor: try cursor(table), range: range, reverse: reverse)
    }

    /// Every entry of `table` whose key lies in `range`, in key order.
    public func scan(_ table: StorageTable, _ range: KeyRange) throws -> StorageScan {
        try scan(table, range, reverse: false)
    }

    /// Every entry of `table`, in key order.
    public func scan(_ table: StorageTable) throws -> StorageScan {
        try scan(table, .all, reverse: false)
    }

    /// The value stored under `key` in `table`, or nil. The returned bytes do not point into
    /// `key`: they stay valid as `get(_:key:)` says.
    public func get(_ table: StorageTable, key: [UInt8]) throws -> UnsafeRawBufferPointer? {
        try key.withUnsafeBytes { (bytes) throws in try get(table, key: bytes) }
    }
}
