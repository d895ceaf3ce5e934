import CLMDB

/// A position in one database of a transaction, for ordered walks and range scans.
///
/// Valid while its transaction is; afterwards every call throws `.transactionEnded`.
/// Entries point into the map and are valid until the cursor moves, the transaction writes,
/// or it ends.
public final class Cursor {
    private let transaction: Transaction
    private let handle: OpaquePointer

    init(transaction: Transaction, handle: OpaquePointer) {
        self.transaction = transaction
        self.handle = handle
    }

    deinit {
        // LMDB frees a write transaction's cursors when the transaction ends, so closing
        // one afterwards would free it twice; a read transaction's cursors are ours to free.
        if transaction.isLive || transaction.isReadOnly {
            mdb_cursor_close(handle)
        }
    }

    /// One key and its value, pointing into the map.
    public struct Entry {
        /// The key bytes.
        public let key: UnsafeRawBufferPointer
        /// The value bytes.
        public let value: UnsafeRawBufferPointer
    }

    /// Moves to the first entry.
    public func first() throws -> Entry? { try move(MDB_FIRST) }
    /// Moves to the last entry.
    public func last() throws -> Entry? { try move(MDB_LAST) }
    /// Moves to the next entry.
    public func next() throws -> Entry? { try move(MDB_NEXT) }
    /// Moves to the previous entry.
    public func previous() throws -> Entry? { try move(MDB_PREV) }

    /// Moves to the first entry whose key is at least `key`.
    public func seek(atLeast key: [UInt8]) throws -> Entry? {
        try key.withUnsafeBytes { (bytes) throws in try move(MDB_SET_RANGE, key: bytes) }
    }

    /// Moves to the first entry whose key is at least `key` (bytes that may live on the stack).
    public func seek(atLeast key: UnsafeRawBufferPointer) throws -> Entry? {
        try move(MDB_SET_RANGE, key: key)
    }

    /// Stores `value` under `key` and leaves the cursor on it. Puts in ascending key order
    /// through one cursor are cheaper than `Transaction.put`: LMDB finds the next key's place
    /// on the page the cursor is already on instead of searching from the root.
    public func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        _ = try transaction.writableHandle()
        var keyValue = MDB_val(bytes: key)
        var dataValue = MDB_val(bytes: value)
        try transaction.check(mdb_cursor_put(handle, &keyValue, &dataValue, 0))
    }

    /// Deletes the entry under the cursor.
    public func deleteCurrent() throws {
        _ = try transaction.liveHandle()
        try transaction.check(mdb_cursor_del(handle, 0))
    }

    private func move(_ operation: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil) throws
        -> Entry?
    {
        _ = try transaction.liveHandle()
        var keyValue = key.map { MDB_val(bytes: $0) } ?? MDB_val()
        var value = MDB_val()
        let rc = mdb_cursor_get(handle, &keyValue, &value, operation)
        if rc == MDB_NOTFOUND { return nil }
        try transaction.check(rc)
        return Entry(key: keyValue.buffer, value: value.buffer)
    }
}

extension Cursor {
    /// Calls `body` with each entry whose key lies in `range`, in key order (or, with
    /// `reverse`, from the largest key down), until it returns false: one tight loop of
    /// `mdb_cursor_get` for a walk of many entries, with nothing allocated per entry.
    ///
    /// The entries point into the map and are valid only during the call of `body`.
    public func walk(
        _ range: KeyRange, reverse: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var entry: Entry?
        if reverse {
            if let upper = range.upper {
                entry = try seek(atLeast: upper) != nil ? try previous() : try last()
            } else {
                entry = try last()
            }
        } else {
            entry = range.lower.isEmpty ? try first() : try seek(atLeast: range.lower)
        }
        try range.lower.withUnsafeBytes { lower in
            try (range.upper ?? []).withUnsafeBytes { upper in
                let hasUpper = range.upper != nil
                let operation = reverse ? MDB_PREV : MDB_NEXT
                var key = MDB_val()
                var value = MDB_val()
                if let entry {
                    key = MDB_val(bytes: entry.key)
                    value = MDB_val(bytes: entry.value)
                } else {
                    return
                }
                while true {
                    let current = key.buffer
                    // The walk ends at the first key outside the range.
                    if reverse
                        ? compareBytes(current, lower) < 0 : (hasUpper && compareBytes(current, upper) >= 0)
                    {
                        return
                    }
                    guard try body(current, value.buffer) else { return }
                    let rc = mdb_cursor_get(self.handle, &key, &value, operation)
                    if rc == MDB_NOTFOUND { return }
                    try transaction.check(rc)
                }
            }
        }
    }
}
