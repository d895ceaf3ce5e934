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

    /// The path of the data file.
    public let path: String
    /// The options the environment was opened with.
    public let options: EnvironmentOptions

    /// Opens the environment at `path`, creating the file unless `options.readOnly`.
    ///
    /// - Throws: `LMDBError` with code `.invalidFile` when the file is not an LMDB file,
    ///   `.versionMismatch` for another LMDB format, `.system(ENOENT)` for a missing file
    ///   opened read-only, `.system(EACCES)` without permission.
    public init(path: String, options: EnvironmentOptions = EnvironmentOptions()) throws {
        self.path = path
        self.options = options
        var created: OpaquePointer?
        try check(mdb_env_create(&created))
        guard let env = created else { throw LMDBError(returnCode: ENOMEM) }
        do {
            try check(mdb_env_set_mapsize(env, max(options.mapSize, 4096)))
            try check(mdb_env_set_maxdbs(env, MDB_dbi(clamping: options.maxDatabases)))
            try check(mdb_env_set_maxreaders(env, UInt32(clamping: options.maxReaders)))
            var flags = UInt32(MDB_NOSUBDIR | MDB_NOTLS)
            if options.readOnly { flags |= UInt32(MDB_RDONLY) }
            if options.durability == .relaxed { flags |= UInt32(MDB_NOSYNC) }
            let lockPath = path + "-lock"
            let dataExisted = access(path, F_OK) == 0
            let lockExisted = access(lockPath, F_OK) == 0
            try check(mdb_env_open(env, path, flags, mode_t(options.fileMode)))
            // The umask may have taken bits from the mode; new files get exactly fileMode.
            if !dataExisted { chmod(path, mode_t(options.fileMode)) }
            if !lockExisted { chmod(lockPath, mode_t(options.fileMode)) }
            var dead: Int32 = 0
            try check(mdb_reader_check(env, &dead))
            try Self.checkNotTruncated(env, path: path)
        } catch {
            mdb_env_close(env)
            throw error
        }
        handle = env
    }

    deinit {
        mdb_env_close(handle)
    }

    /// A file cut short (a copy that stopped, a full disk) still has its meta pages, so LMDB
    /// opens it, and the first read of a page past the end would kill the process with
    /// SIGBUS. Refuse it instead, but only when data is really missing.
    ///
    /// The file need not hold every page up to the last page number in use: a page that a
    /// write transaction allocated past the end and freed again before its commit (a "loose"
    /// page, `mdb_page_loose` in mdb.c) is counted but never written, and goes on the free
    /// list (`mdb_freelist_save`). So when the file is shorter than the pages counted, every
    /// page past its end must be on the free list; the free list's tree is read with `pread`
    /// (`PageFile`), never through the map, inside a read transaction that keeps its pages
    /// from being reused meanwhile.
    private static func checkNotTruncated(_ env: OpaquePointer, path: String) throws {
        var stat = MDB_stat()
        var fd: Int32 = -1
        guard mdb_env_stat(env, &stat) == MDB_SUCCESS, mdb_env_get_fd(env, &fd) == MDB_SUCCESS else { return }
        var info = MDB_envinfo()
        guard mdb_env_info(env, &info) == MDB_SUCCESS,
            let pages = PageFile(descriptor: fd, pageSize: Int(stat.ms_psize))
        else { return }
        // The common case: every page counted is in the file.
        if UInt64(info.me_last_pgno) < pages.pageCount { return }
        for _ in 0..<3 {
            var txn: OpaquePointer?
            guard mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn) == MDB_SUCCESS, let txn else { return }
            defer { mdb_txn_abort(txn) }
            let txnid = UInt64(mdb_txn_id(txn))
            // A writer in another process may have moved on since; then read again.
            guard let meta = try? pages.currentMeta(), meta.txnid == txnid,
                let file = PageFile(descriptor: fd, pageSize: pages.pageSize)
            else { continue }
            if meta.lastPage < file.pageCount { return }
            var free: [UInt64] = []
            do {
                try file.walkLeaves(root: meta.freeRoot) { (_, data) throws(PageFile.Damage) in
                    // A free-list value: a count, then that many page numbers (size_t each).
                    guard data.count >= 8 else {
                        throw PageFile.Damage(message: "a free-list entry is damaged")
                    }
                    let count = PageFile.load64(data, 0)
                    guard count <= UInt64(data.count / 8 - 1) else {
                        throw PageFile.Damage(message: "a free-list entry is damaged")
                    }
                    for index in 0..<Int(count) {
                        let page = PageFile.load64(data, 8 + 8 * index)
                        if page >= file.pageCount && page <= meta.lastPage { free.append(page) }
                    }
                }
            } catch {
                throw truncated(path, file, detail: error.message)
            }
            let freePastEnd = Set(free)
            if UInt64(freePastEnd.count) == meta.lastPage - file.pageCount + 1 { return }
            let firstMissing = (file.pageCount...meta.lastPage).first { !freePastEnd.contains($0) }
            throw truncated(
                path, file, detail: "page \(firstMissing ?? file.pageCount) of its data lies past the end")
        }
    }

    private static func truncated(_ path: String, _ file: PageFile, detail: String) -> LMDBError {
        LMDBError(
            .corrupted,
            message:
                "\(path) is truncated: it holds \(file.byteCount) bytes but \(detail) (restore it from a backup)"
        )
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
        guard let maps = fopen("/proc/self/maps", "r") else { return [] }
        defer { fclose(maps) }
        var regions: [MappedRegion] = []
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), maps) != nil {
            // "start-end perms offset dev inode   path"
            var text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            let fields = text.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[5].drop(while: { $0 == " " }) == target else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16),
                let end = UInt(bounds[1], radix: 16),
                end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start)
            else { continue }
            regions.append((pointer, Int(end - start)))
        }
        return regions
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
    /// - Throws: `.system(EEXIST)` when `destination` exists.
    public func copy(to destination: String, compact: Bool = true) throws(LMDBError) {
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL, mode_t(options.fileMode))
        guard fd >= 0 else { throw LMDBError(returnCode: errno) }
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
        let next = sizeSeen < gib ? sizeSeen * 2 : sizeSeen + gib
        try resizeMap(to: next, unlessAbove: sizeSeen)
    }

    private func resizeMap(to size: Int, unlessAbove sizeSeen: Int? = nil) throws(LMDBError) {
        let rc: Int32? = mapLock.withExclusive(waitingAtMost: 30) {
            if let sizeSeen, currentMapSize() > sizeSeen { return MDB_SUCCESS }
            return mdb_env_set_mapsize(handle, size)
        }
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

    /// Bytes of the map in use (`Int.max` for a damaged page number that would overflow).
    public var usedBytes: Int {
        let (pages, overflow) = lastPageNumber.addingReportingOverflow(1)
        let (bytes, overflowAgain) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow || overflowAgain ? Int.max : bytes
    }
}
