/// A write transaction of a `StorageEngine`: everything a reader does, and puts, deletes and
/// clears, seen by other transactions only once the write commits.
///
/// Valid only during the closure of `StorageEngine.write` that received it, on its thread;
/// see `StorageReader` for the lifetime of returned bytes (every write here ends the
/// validity of bytes returned before it).
///
/// When a call throws, let the error leave the closure: the implementation may have marked
/// the transaction failed (LMDB does after most errors), so carrying on and committing is not
/// supported. The write is then rolled back.
public protocol StorageWriter: StorageReader {
    /// Stores `value` under `key` in `table`, replacing any value there.
    ///
    /// With `.noOverwrite`, an existing key keeps its value and the call returns false. With
    /// `.append`, the caller promises that `key` sorts after every key in the table, which
    /// lets the implementation skip the search (LMDB: `MDB_APPEND`); a key that breaks the
    /// promise is still stored, only without the fast path.
    ///
    /// - Returns: false when `.noOverwrite` kept an existing value, true otherwise.
    /// - Throws: `StorageError` `.invalidKey` for an empty key or one longer than
    ///   `StorageEngine.maxKeySize`, `.full` when the data does not fit.
    @discardableResult
    func put(
        _ table: StorageTable, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
        flags: StoragePutFlags
    ) throws -> Bool

    /// Deletes the entry under `key` in `table`; returns false when there was none (as for
    /// an empty key, or one longer than `maxKeySize`, which no entry has).
    @discardableResult
    func delete(_ table: StorageTable, key: UnsafeRawBufferPointer) throws -> Bool

    /// Deletes every entry of `table`, keeping the table.
    func clear(_ table: StorageTable) throws
}

extension StorageWriter {
    /// Stores `value` under `key` in `table`, replacing any value there.
    @discardableResult
    public func put(_ table: StorageTable, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)
        throws -> Bool
    {
        try put(table, key: key, value: value, flags: [])
    }

    /// Stores `value` under `key` in `table`; see `put(_:key:value:flags:)` for the flags.
    @discardableResult
    public func put(_ table: StorageTable, key: [UInt8], value: [UInt8], flags: StoragePutFlags = [])
        throws -> Bool
    {
        try key.withUnsafeBytes { (keyBytes) throws in
            try value.withUnsafeBytes { (valueBytes) throws in
                try put(table, key: keyBytes, value: valueBytes, flags: flags)
            }
        }
    }

    /// Deletes the entry under `key` in `table`; returns false when there was none.
    @discardableResult
    public func delete(_ table: StorageTable, key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { (bytes) throws in try delete(table, key: bytes) }
    }
}
