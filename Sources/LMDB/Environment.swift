import CLMDB
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An LMDB environment on a single file: the memory map, its named databases and the
/// transactions that read and write them.
///
/// The file is opened with `MDB_NOSUBDIR` (the data in `path`, the lock table in
/// `path-lock`) and `MDB_NOTLS`, so a read transaction may run on any thread. Stale reader
/// slots left by dead processes are cleared at open. The map grows on its own: a write
/// transaction that fills it is aborted, the map enlarged, and the write closure run again;
/// a process that finds the map grown by another adopts the new size.
///
/// Open each file once per process and share the environment: LMDB's locks are per process.
///
///     let env = try Environment(path: "/tmp/x.db")
///     let db = try env.write { tx in try tx.openDatabase("names", create: true) }
///     try env.write { tx in try tx.put(db, key: [1], value: [2]) }
public final class Environment: @unchecked Sendable {
    // SAFETY: LMDB allows one MDB_env to be used from many threads; what it forbids,
    // resizing the map while transactions run, is kept apart by `mapLock`, and a write
    // transaction never leaves the thread and closure that began it.
    let handle: OpaquePointer
    let mapLock = MapLock()
    private let writing = ThreadFlag()
    /// The fault guard's slots for this environment's map regions (`FaultGuard`).
    let faultSlots = Mutex<[Int32]>([])
    /// What damage this process has seen in the file, if any (`noteDamage(_:)`).
    private let damageSeen = Mutex<String?>(nil)

    /// The path of the data file.
    public let path: String
    /// The options the environment was opened with.
    public let options: EnvironmentOptions

    /// Opens the environment at `path`, creating the file unless `options.readOnly`.
    ///
    /// Before LMDB opens it, the file is looked at (`DataFile`), so that a file LMDB cannot use
    /// is refused without a lock file left beside it, and the lock file is made with the data
    /// file's owner and a mode no stricter than its (`LockFile`). After the open, the meta
    /// pages and the main tree are walked with bounds-checked reads, and a file cut short is
    /// refused.
    ///
    /// - Throws: `LMDBError` with code `.invalidFile` when the file is not an LMDB file (or a
    ///   directory), `.versionMismatch` for another LMDB format, `.corrupted` when it is damaged
    ///   or truncated, `.system(ENOENT)` for a missing file opened read-only, `.system(EACCES)`
    ///   without permission; each message names the file and what would fix it.
    public convenience init(path: String, options: EnvironmentOptions = EnvironmentOptions()) throws {
        try self.init(path: path, options: options, verifying: true)
    }

    /// Opens the environment; without `verifying`, the meta pages and the main tree are not
    /// walked (for `checkPages(path:)`, which reports that damage rather than refusing it).
    init(path: String, options: EnvironmentOptions, verifying: Bool) throws {
        self.path = path
        self.options = options
        let file = try DataFile.inspect(path: path, readOnly: options.readOnly, fileMode: options.fileMode)
        let lock = try LockFile.prepare(for: file, readOnly: options.readOnly)
        var created: OpaquePointer?
        try check(mdb_env_create(&created))
        guard let env = created else { throw LMDBError(returnCode: ENOMEM) }
        do {
            FaultGuard.handleAssertions(of: env)
            try check(mdb_env_set_mapsize(env, max(options.mapSize, 4096)))
            try check(mdb_env_set_maxdbs(env, MDB_dbi(clamping: options.maxDatabases)))
            try check(mdb_env_set_maxreaders(env, UInt32(clamping: options.maxReaders)))
            var flags = UInt32(MDB_NOSUBDIR | MDB_NOTLS)
            if options.readOnly { flags |= UInt32(MDB_RDONLY) }
            if options.durability == .relaxed { flags |= UInt32(MDB_NOSYNC) }
            let opened = mdb_env_open(env, path, flags, mode_t(options.fileMode))
            guard opened == MDB_SUCCESS else { throw Self.openError(opened, path: path) }
            // The umask may have taken bits from the mode; a new or empty file gets exactly
            // fileMode (the file is private until its owner says otherwise).
            if file.state != .database && !options.readOnly { chmod(path, mode_t(options.fileMode)) }
            lock.adjust(for: file)
            var dead: Int32 = 0
            try check(mdb_reader_check(env, &dead))
            if file.state == .database && verifying { try Self.verify(env, path: path) }
        } catch {
            mdb_env_close(env)
            lock.removeIfUnused()
            throw error
        }
        handle = env
        registerMap()
    }

    deinit {
        FaultGuard.release(faultSlots.withLock { $0 })
        mdb_env_close(handle)
    }

    /// The error for a failed `mdb_env_open`, naming the file.
    private static func openError(_ code: Int32, path: String) -> LMDBError {
        let error = LMDBError(returnCode: code)
        switch error.code {
        case .invalidFile:
            return LMDBError(.invalidFile, message: "\(path) is not an LMDB database (\(error.message))")
        case .versionMismatch:
            return LMDBError(
                .versionMismatch, message: "\(path) was written by another LMDB version (\(error.message))")
        case .system(ENOMEM):
            return LMDBError(
                .system(ENOMEM),
                message:
                    "cannot map \(path) into memory (\(error.message)); is it damaged, or is memory short?")
        default:
            return LMDBError(error.code, message: "cannot open \(path): \(error.message)")
        }
    }

    /// Runs `body` in a read transaction that sees one committed state of the whole file.
    ///
    /// The transaction is valid only during the closure; do not store it or use it after
    /// `body` returns (its calls then throw `.transactionEnded`).
    public func read<R>(_ body: (Transaction) throws -> R) throws -> R {
        let transaction = try begin(readOnly: true)
        defer { transaction.finish() }
        let result = try body(transaction)
        // Committing (not aborting) keeps the handles of databases opened in it.
        try transaction.commit()
        return result
    }

    /// Runs `body` in a write transaction and commits it when `body` returns; an error
    /// thrown by `body` or by the commit aborts it and nothing is written.
    ///
    /// `body` may run more than once: when the map fills up, the transaction is aborted,
    /// the map grown and `body` run again from the start. Keep it free of effects outside
    /// the transaction. The transaction is valid only during the closure.
    ///
    /// - Throws: `.readOnly` on a read-only environment, `.nestedWrite` when this thread
    ///   already runs a write transaction here, whatever `body` throws.
    @discardableResult
    public func write<R>(_ body: (Transaction) throws -> R) throws -> R {
        guard !options.readOnly else {
            throw LMDBError(.readOnly, message: "\(path) is open read-only; writing is not allowed")
        }
        guard !writing.isSet else {
            throw LMDBError(
                .nestedWrite,
                message: "a write transaction is already running on this thread; "
                    + "do the work inside the outer write closure instead"
            )
        }
        if let damage {
            throw LMDBError(
                .corrupted,
                message: "\(path) is damaged (\(damage)); it is not written to, so that the damage "
                    + "does not spread (restore it from a backup)")
        }
        writing.isSet = true
        defer { writing.isSet = false }
        while true {
            let transaction = try begin(readOnly: false)
            do {
                let result = try body(transaction)
                try transaction.commit()
                return result
            } catch {
                let mapWasFull = transaction.sawMapFull
                transaction.finish()
                guard mapWasFull else { throw error }
                try growMap(from: transaction.mapSizeAtStart)
            }
        }
    }

    /// Frees the reader slots of processes that died inside a read transaction
    /// (`mdb_reader_check`) and returns how many there were. Done at open, and again when
    /// every slot is taken, so a long-running process does not run out of slots.
    @discardableResult
    public func clearStaleReaders() throws(LMDBError) -> Int {
        var dead: Int32 = 0
        try check(mdb_reader_check(handle, &dead))
        return Int(dead)
    }

    /// The first damage this process has seen in the file: a page LMDB found wrong, bytes that
    /// could not be decoded, a page check's finding; nil while none has been seen. Once set,
    /// `write` refuses, so that a write does not copy damaged pages into new ones.
    public var damage: String? { damageSeen.withLock { $0 } }

    /// Notes that the file is damaged (`what` says how); the first note is kept. Called by this
    /// module when LMDB reports a damaged page, and by layers above when stored bytes cannot
    /// be decoded.
    public func noteDamage(_ what: String) {
        damageSeen.withLock { seen in
            if seen == nil { seen = what }
        }
    }

    /// Counts the map's current address ranges as this database's for the fault guard.
    func registerMap() {
        guard FaultGuard.isInstalled else { return }
        let regions = Self.mappedRegions(ofFile: path)
        faultSlots.withLock { slots in
            FaultGuard.release(slots)
            slots = FaultGuard.register(regions)
        }
    }

    /// Drops the file's pages from this process's resident memory.
    ///
    /// Every page a transaction touches stays mapped in, so a bulk write through a large file
    /// leaves the process holding most of the file as resident memory, though the kernel's
    /// page cache holds the same bytes anyway. The map is read-only and shared (no
    /// `MDB_WRITEMAP`), so its pages are never dirty here: `MADV_DONTNEED` only unmaps them,
    /// and the next access maps them again from the page cache. Safe while other threads
    /// read; taken under the map lock so that no resize moves the map meanwhile. Inside a
    /// transaction, call `Transaction.releaseMappedPages()` instead: the transaction already
    /// holds the lock, and taking it again could wait behind a resize that waits for it.
    public func releaseMappedPages() {
        mapLock.lockShared()
        defer { mapLock.unlockShared() }
        releaseMappedPagesHoldingMapLock()
    }

    /// `releaseMappedPages` for a caller that holds the map lock (any live transaction).
    func releaseMappedPagesHoldingMapLock() {
        // LMDB reports the map's address only for MDB_FIXEDMAP, so it is found among this
        // process's mappings of the file (Linux); elsewhere nothing is released. The map
        // moves only when it is resized, so the regions found are kept for its current size.
        var info = MDB_envinfo()
        guard mdb_env_info(handle, &info) == 0 else { return }
        let regions = knownRegions.withLock { known in
            if let known, known.mapSize == info.me_mapsize { return known.regions }
            let found = Self.mappedRegions(ofFile: path)
            known = (info.me_mapsize, found)
            return found
        }
        for region in regions {
            _ = madvise(region.start, region.count, MADV_DONTNEED)
        }
    }

    /// The map's regions as `releaseMappedPages` last found them, with the map size then.
    private let knownRegions = Mutex<(mapSize: Int, regions: [MappedRegion])?>(nil)

    /// An address range where this process maps the file.
    typealias MappedRegion = (start: UnsafeMutableRawPointer, count: Int)

    /// The address ranges where this process maps `file`, from `/proc/self/maps`.
    static func mappedRegions(ofFile file: String) -> [MappedRegion] {
        guard let resolved = realpath(file, nil) else { return [] }
        defer { free(resolved) }
        let target = String(cString: resolved)
        return mappings().filter { $0.path == target }.compactMap { mapping in
            UnsafeMutableRawPointer(bitPattern: mapping.start).map { ($0, Int(mapping.end - mapping.start)) }
        }
    }

    /// One line of `/proc/self/maps`: an address range, whether it is executable, and the
    /// path of the file mapped there.
    struct Mapping {
        let start: UInt
        let end: UInt
        let executable: Bool
        let path: String
    }

    /// This process's mappings of files, from `/proc/self/maps` (Linux; elsewhere none).
    static func mappings() -> [Mapping] {
        guard let maps = fopen("/proc/self/maps", "r") else { return [] }
        defer { fclose(maps) }
        var found: [Mapping] = []
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), maps) != nil {
            // "start-end perms offset dev inode   path"
            var text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            let fields = text.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6 else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16),
                let end = UInt(bounds[1], radix: 16),
                end > start
            else { continue }
            found.append(
                Mapping(
                    start: start, end: end, executable: fields[1].contains("x"),
                    path: String(fields[5].drop(while: { $0 == " " }))))
        }
        return found
    }

    /// Flushes commits made with relaxed durability to disk.
    public func sync() throws(LMDBError) {
        try check(mdb_env_sync(handle, 1))
    }

    /// Sizes and use of the map.
    public var info: EnvironmentInfo {
        var info = MDB_envinfo()
        var stat = MDB_stat()
        mdb_env_info(handle, &info)
        mdb_env_stat(handle, &stat)
        return EnvironmentInfo(
            mapSize: info.me_mapsize,
            pageSize: Int(stat.ms_psize),
            lastPageNumber: info.me_last_pgno,
            maxReaders: Int(info.me_maxreaders),
            readersInUse: Int(info.me_numreaders)
        )
    }

    /// The largest key LMDB accepts, in bytes (511 with the default build).
    public var maxKeySize: Int {
        Int(mdb_env_get_maxkeysize(handle))
    }

    /// Writes a consistent copy of the environment to a new file at `destination` while
    /// other transactions go on; with `compact`, free pages are left out and the copy is
    /// renumbered. The copy is created with the environment's file mode.
    ///
    /// - Throws: `.system(EEXIST)` when `destination` exists, `.system(EACCES)` when it cannot
    ///   be created there; the message names `destination`.
    public func copy(to destination: String, compact: Bool = true) throws(LMDBError) {
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(options.fileMode))
        guard fd >= 0 else {
            let number = errno
            let folder = DataFile.folder(of: destination)
            let why =
                switch number {
                case EEXIST: "it already exists; choose another name or remove it first"
                case EACCES, EPERM:
                    "the folder \(folder) is not writable for you; choose a folder you can write to"
                case ENOENT: "the folder \(folder) does not exist"
                default: String(cString: strerror(number))
                }
            throw LMDBError(.system(number), message: "cannot write \(destination): \(why)")
        }
        fchmod(fd, mode_t(options.fileMode))
        let rc = mdb_env_copyfd2(handle, fd, compact ? UInt32(MDB_CP_COMPACT) : 0)
        close(fd)
        if rc != MDB_SUCCESS {
            unlink(destination)
            throw LMDBError(returnCode: rc)
        }
    }

    // MARK: - Transactions and the map size

    private func begin(readOnly: Bool) throws(LMDBError) -> Transaction {
        while true {
            mapLock.lockShared()
            let mapSize = currentMapSize()
            var txn: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn)
            if rc == MDB_SUCCESS, let txn {
                return Transaction(environment: self, handle: txn, readOnly: readOnly, mapSize: mapSize)
            }
            mapLock.unlockShared()
            if rc == MDB_READERS_FULL, try clearStaleReaders() > 0 { continue }
            guard rc == MDB_MAP_RESIZED else { throw LMDBError(returnCode: rc) }
            // Another process grew the map: adopt its size (0 means "the size in the file").
            try resizeMap(to: 0)
        }
    }

    private func currentMapSize() -> Int {
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        return info.me_mapsize
    }

    /// Doubles the map up to 1 GiB, then grows it a GiB at a time; does nothing when another
    /// thread has grown it since `sizeSeen` was read.
    private func growMap(from sizeSeen: Int) throws(LMDBError) {
        let gib = 1 << 30
        let (next, overflow) =
            sizeSeen < gib
            ? sizeSeen.multipliedReportingOverflow(by: 2) : sizeSeen.addingReportingOverflow(gib)
        guard !overflow else {
            throw LMDBError(
                .mapFull,
                message: "the map of \(path) cannot grow past \(sizeSeen) bytes (is the file damaged?)")
        }
        try resizeMap(to: next, unlessAbove: sizeSeen)
    }

    private func resizeMap(to size: Int, unlessAbove sizeSeen: Int? = nil) throws(LMDBError) {
        let rc: Int32? = mapLock.withExclusive(waitingAtMost: 30) {
            if let sizeSeen, currentMapSize() > sizeSeen { return MDB_SUCCESS }
            return mdb_env_set_mapsize(handle, size)
        }
        defer { registerMap() }
        guard let rc else {
            throw LMDBError(
                .mapGrowthBlocked,
                message: "the map of \(path) is full and could not grow: other transactions of "
                    + "this process stayed open for 30 seconds (a read closure that starts a write?)"
            )
        }
        try check(rc)
    }

    func endTransaction() {
        mapLock.unlockShared()
    }
}

/// Sizes and use of an environment's map, from `mdb_env_info` and `mdb_env_stat`.
public struct EnvironmentInfo: Sendable, Equatable {
    /// The size of the memory map in bytes.
    public var mapSize: Int
    /// The size of a database page in bytes.
    public var pageSize: Int
    /// The number of the last page in use; `(lastPageNumber + 1) * pageSize` bytes are used.
    public var lastPageNumber: Int
    /// The largest number of reader slots.
    public var maxReaders: Int
    /// Reader slots in use, across processes.
    public var readersInUse: Int

    /// Bytes of the map in use (`Int.max` for a damaged page number that would overflow, or
    /// that is past `Int.max` and so reads as negative).
    public var usedBytes: Int {
        guard lastPageNumber >= 0, pageSize > 0 else { return Int.max }
        let (pages, overflow) = lastPageNumber.addingReportingOverflow(1)
        let (bytes, overflowAgain) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow || overflowAgain ? Int.max : bytes
    }
}
