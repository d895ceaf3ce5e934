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
    /// After a write of at least this many records (a bulk load, an import, an atomic
    /// script), the store gives the file's mapped pages back (`Environment.releaseMappedPages`),
    /// so that loading a large file does not leave the process holding it all as resident
    /// memory; nil never does. Later reads map the pages they need again from the page cache.
    public var releaseMappedPagesAfter: Int?

    /// The defaults: a 64 MiB starting map, full durability, read-write, the system clock,
    /// mapped pages given back after writes of 1,000 records or more.
    public init(
        mapSize: Int = 64 << 20,
        durability: Durability = .full,
        readOnly: Bool = false,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        releaseMappedPagesAfter: Int? = 1_000
    ) {
        self.mapSize = mapSize
        self.durability = durability
        self.readOnly = readOnly
        self.clock = clock
        self.releaseMappedPagesAfter = releaseMappedPagesAfter
    }
}
