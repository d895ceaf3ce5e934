import LMDB

/// How a `Store` is opened.
public struct StoreOptions: Sendable {
    /// When a commit reaches the disk.
    public typealias Durability = EnvironmentOptions.Durability

    /// The initial size of the memory map in bytes; it grows on its own as the data does.
    public var mapSize: Int
    /// `.full` (the default): a write that returned survives a power cut. `.relaxed`: faster
    /// bulk loads; a killed process loses nothing, a power cut may lose the last writes.
    public var durability: Durability
    /// Open without the right to write: writes throw `.readOnly`; the file must exist.
    public var readOnly: Bool
    /// The clock for `created`, `updated`, default `at`/`made`, `resolved` and history times.
    public var clock: @Sendable () -> Timestamp

    /// The defaults: a 64 MiB starting map, full durability, read-write, the system clock.
    public init(
        mapSize: Int = 64 << 20,
        durability: Durability = .full,
        readOnly: Bool = false,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.mapSize = mapSize
        self.durability = durability
        self.readOnly = readOnly
        self.clock = clock
    }
}
