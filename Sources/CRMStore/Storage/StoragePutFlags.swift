/// How `StorageWriter.put` treats an existing key and where the new one sorts.
public struct StoragePutFlags: OptionSet, Sendable, Hashable {
    /// The flag bits.
    public let rawValue: UInt8

    /// Flags from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Leave an existing key's value alone; `put` then returns false.
    public static let noOverwrite = StoragePutFlags(rawValue: 1 << 0)

    /// A hint: the key sorts after every key in the table (ids that only grow, ascending bulk
    /// loads), so the implementation may put it at the end without searching. A key out of
    /// order is still stored correctly, only more slowly.
    public static let append = StoragePutFlags(rawValue: 1 << 1)
}
