/// How much space a `StorageEngine`'s data takes, for statistics.
public struct StorageUsage: Sendable, Equatable {
    /// Bytes that hold data, including the implementation's own structures and free pages
    /// it keeps for reuse (LMDB: pages up to the last one in use).
    public var bytesUsed: Int
    /// Bytes set aside for data, used or not; at least `bytesUsed` (LMDB: the size of the
    /// memory map, which grows on demand).
    public var bytesAllocated: Int

    /// A usage of `bytesUsed` out of `bytesAllocated`.
    public init(bytesUsed: Int, bytesAllocated: Int) {
        self.bytesUsed = bytesUsed
        self.bytesAllocated = bytesAllocated
    }
}
