import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Environment {
    /// Opens the environment at `path`, or returns the one this process already has open on
    /// the same file (by device and inode, so another path to the same file counts too).
    ///
    /// LMDB: "Do not have open an LMDB database twice in the same process at the same time";
    /// its locks are per process and a second open breaks them. Share the environment instead.
    ///
    /// - Throws: `.readOnly` when the file is open read-only here and `options` asks to
    ///   write; otherwise as `init(path:options:)`.
    public static func shared(path: String, options: EnvironmentOptions = EnvironmentOptions()) throws
        -> Environment
    {
        try openEnvironments.withLock { open in
            open = open.filter { $0.value.environment != nil }
            let id = FileID(path: path)
            if let id, let existing = open[id]?.environment {
                if existing.options.readOnly && !options.readOnly {
                    throw LMDBError(
                        .readOnly,
                        message: "\(path) is already open read-only in this process; "
                            + "open it read-only here too, or close the other first"
                    )
                }
                return existing
            }
            let environment = try Environment(path: path, options: options)
            if let id = id ?? FileID(path: path) {
                open[id] = WeakEnvironment(environment: environment)
            }
            return environment
        }
    }
}

extension Environment {
    /// Walks the pages of the file at `path` (`checkPages()`) on the environment this process
    /// has open on it, or on one opened read-only for the walk alone, without the checks of an
    /// open: those refuse a file whose main tree is damaged, which is what this reports.
    ///
    /// - Throws: as `init(path:options:)` for a file that cannot be opened at all.
    public static func checkPages(path: String) throws -> PageCheckReport {
        let existing = openEnvironments.withLock { open in
            FileID(path: path).flatMap { open[$0]?.environment }
        }
        if let existing { return try existing.checkPages() }
        let environment = try Environment(
            path: path, options: EnvironmentOptions(readOnly: true), verifying: false)
        return try environment.checkPages()
    }
}

private let openEnvironments = Mutex<[FileID: WeakEnvironment]>([:])

private struct WeakEnvironment: @unchecked Sendable {
    // SAFETY: only read and written under the registry's mutex.
    weak var environment: Environment?
}

/// A file's identity: device and inode.
private struct FileID: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
