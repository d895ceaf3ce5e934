/// One entry a `StorageCursor` is on: its key and its value.
///
/// The bytes are borrowed, valid until the cursor's next move, the next write in the
/// transaction, or its end, whichever comes first (see `StorageReader`); copy what you keep.
public struct StorageEntry {
    /// The key bytes.
    public let key: UnsafeRawBufferPointer
    /// The value bytes.
    public let value: UnsafeRawBufferPointer

    /// An entry of `key` and `value`, for implementations of `StorageCursor`.
    public init(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        self.key = key
        self.value = value
    }
}
