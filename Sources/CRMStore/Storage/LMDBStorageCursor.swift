import LMDB

/// An LMDB cursor seen as a `StorageCursor`.
///
/// LMDB gives every move's entry as pointers into the map, and LMDB's own cursor rules are
/// the protocol's: `MDB_NEXT` on a new cursor is `MDB_FIRST`, and after `mdb_cursor_del` it
/// yields the entry that followed. The one thing added is knowing whether the cursor is on an
/// entry, because `mdb_cursor_del` would otherwise delete whatever LMDB's position points at
/// after a move that found nothing, or after a delete (the next entry).
final class LMDBStorageCursor: StorageCursor {
    private let cursor: Cursor
    private let transaction: Transaction
    private let maxKeySize: Int
    /// Whether the last move (or put) left the cursor on an entry.
    private var onEntry = false

    init(cursor: Cursor, transaction: Transaction, maxKeySize: Int) {
        self.cursor = cursor
        self.transaction = transaction
        self.maxKeySize = maxKeySize
    }

    func first() throws -> StorageEntry? {
        try land(translatingLMDBErrors { try cursor.first() })
    }

    func last() throws -> StorageEntry? {
        try land(translatingLMDBErrors { try cursor.last() })
    }

    func next() throws -> StorageEntry? {
        try land(translatingLMDBErrors { try cursor.next() })
    }

    func previous() throws -> StorageEntry? {
        try land(translatingLMDBErrors { try cursor.previous() })
    }

    func seek(atLeast key: UnsafeRawBufferPointer) throws -> StorageEntry? {
        // LMDB refuses an empty key (MDB_BAD_VALSIZE); every key is at least the empty one.
        guard !key.isEmpty else { return try first() }
        return try land(translatingLMDBErrors { try cursor.seek(atLeast: key) })
    }

    func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        try checkKey(key, maxKeySize: maxKeySize)
        try translatingLMDBErrors { try cursor.put(key: key, value: value) }
        onEntry = true
    }

    func deleteCurrent() throws {
        guard transaction.isLive else { throw StorageError.transactionEnded }
        // LMDB answers a delete in a read transaction with EACCES, which reads as a system error.
        guard !transaction.isReadOnly else { throw StorageError.readTransactionWrite }
        guard onEntry else {
            throw StorageError(.other, "the cursor is on no entry: move it to one before deleting")
        }
        try translatingLMDBErrors { try cursor.deleteCurrent() }
        onEntry = false
    }

    @inline(__always)
    private func land(_ entry: Cursor.Entry?) -> StorageEntry? {
        guard let entry else {
            onEntry = false
            return nil
        }
        onEntry = true
        return StorageEntry(key: entry.key, value: entry.value)
    }
}
