/// A position in one table of a transaction, for ordered walks, range scans and bulk puts.
///
/// Each move returns the entry the cursor lands on, or nil when there is none (then the
/// cursor is on no entry, and where `next()` or `previous()` would go from there is not
/// specified: place it again with `first()`, `last()` or `seek(atLeast:)`). What is
/// specified:
/// - On a new cursor, `next()` is `first()` and `previous()` is `last()`.
/// - After `deleteCurrent()`, `next()` returns the entry that followed the deleted one and
///   `previous()` the one that preceded it.
/// - After `put(key:value:)`, the cursor is on the entry put.
/// - After a write made other than through this cursor, its position is not specified.
///
/// The bytes of a returned entry are valid until the cursor's next move, the next write in
/// the transaction, or its end, whichever comes first (see `StorageReader`). A cursor is valid
/// while its transaction is, on its thread; afterwards every call throws `.transactionEnded`.
///
///     let cursor = try tx.cursor(history)
///     var entry = try cursor.seek(atLeast: prefix)
///     while let current = entry, range.contains(current.key) {
///         try cursor.deleteCurrent()
///         entry = try cursor.next()
///     }
public protocol StorageCursor: AnyObject {
    /// Moves to the entry with the smallest key.
    func first() throws -> StorageEntry?
    /// Moves to the entry with the largest key.
    func last() throws -> StorageEntry?
    /// Moves to the entry after the current one.
    func next() throws -> StorageEntry?
    /// Moves to the entry before the current one.
    func previous() throws -> StorageEntry?
    /// Moves to the first entry whose key is at least `key` (an empty `key` is below every
    /// key, so this is `first()`). `key` may be longer than `maxKeySize`.
    func seek(atLeast key: UnsafeRawBufferPointer) throws -> StorageEntry?

    /// Stores `value` under `key`, replacing any value there, and leaves the cursor on it.
    ///
    /// Puts in ascending key order through one cursor are the fast path for bulk writes
    /// (index entries sorted first): LMDB finds each key's place from the page the cursor is
    /// already on instead of searching from the root.
    ///
    /// - Throws: `StorageError` `.readOnly` in a read transaction, `.invalidKey` for an empty
    ///   key or one longer than `maxKeySize`.
    func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws

    /// Deletes the entry the cursor is on.
    ///
    /// - Throws: `StorageError` `.readOnly` in a read transaction, `.other` when the cursor is
    ///   on no entry (new, after a move that returned nil, or just after a delete).
    func deleteCurrent() throws
}

extension StorageCursor {
    /// Moves to the first entry whose key is at least `key`.
    public func seek(atLeast key: [UInt8]) throws -> StorageEntry? {
        try key.withUnsafeBytes { (bytes) throws in try seek(atLeast: bytes) }
    }
}
