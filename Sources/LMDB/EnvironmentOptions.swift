/// How an `Environment` is opened.
public struct EnvironmentOptions: Sendable, Equatable {
    /// When a committed write transaction reaches the disk.
    public enum Durability: Sendable, Equatable {
        /// Every commit is flushed to disk before it returns: a commit that returned survives
        /// a power cut. The default.
        case full
        /// Commits are not flushed (C: `MDB_NOSYNC`); the operating system writes them later.
        /// A killed process loses nothing, but a system crash or power cut may lose the last
        /// commits. For bulk loads; call `Environment.sync()` at the end.
        case relaxed
    }

    /// The initial size of the memory map in bytes. The map grows on its own when full, so
    /// this only sets where growth starts. Rounded up to whole pages by LMDB.
    public var mapSize: Int
    /// The largest number of named databases the environment may hold.
    public var maxDatabases: Int
    /// The largest number of concurrent read transactions, across processes.
    public var maxReaders: Int
    /// Open without the right to write: write transactions fail with `.readOnly`.
    public var readOnly: Bool
    /// When commits reach the disk.
    public var durability: Durability
    /// Permission bits of a newly created data and lock file. Set exactly, whatever the umask.
    public var fileMode: UInt32

    /// Options with the defaults: a 64 MiB starting map, 32 named databases, 126 readers,
    /// read-write, full durability, files readable by their owner only (0600).
    public init(
        mapSize: Int = 64 << 20,
        maxDatabases: Int = 32,
        maxReaders: Int = 126,
        readOnly: Bool = false,
        durability: Durability = .full,
        fileMode: UInt32 = 0o600
    ) {
        self.mapSize = mapSize
        self.maxDatabases = maxDatabases
        self.maxReaders = maxReaders
        self.readOnly = readOnly
        self.durability = durability
        self.fileMode = fileMode
    }
}
