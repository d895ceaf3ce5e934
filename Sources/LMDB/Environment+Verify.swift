import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Environment {
    /// Walks every page the current state of the file reaches, with bounds-checked reads
    /// (`pread`, never the map), and reports the damage found: pages out of range or of the
    /// wrong kind, node offsets, keys and values outside their page, loops, overflow runs past
    /// the end, keys out of order, counts that disagree, a free list that names pages in use,
    /// and a file cut short. Damage found is noted (`damage`), so writes are refused after.
    ///
    /// Runs in a read transaction of its own, so a writer in another process goes on meanwhile
    /// without changing the pages walked. Reads the whole file; for `check`, not every open.
    public func checkPages() throws(LMDBError) -> PageCheckReport {
        mapLock.lockShared()
        defer { mapLock.unlockShared() }
        let report = try Self.walk(handle, path: path, scope: .everything)
        if let first = report.problems.first { noteDamage(first.description) }
        return report
    }

    /// What every open checks: the meta pages and the main tree (whose entries are the named
    /// databases, read by every open), and that the file holds every page its data needs.
    ///
    /// A file cut short (a copy that stopped, a full disk) still has its meta pages, so LMDB
    /// opens it, and the first read of a page past the end would kill the process with
    /// SIGBUS. The file need not hold every page up to the last page number in use: a page that
    /// a write transaction allocated past the end and freed again before its commit (a "loose"
    /// page, `mdb_page_loose` in mdb.c) is counted but never written, and goes on the free list
    /// (`mdb_freelist_save`). So when the file is shorter than the pages counted, every page
    /// past its end must be on the free list.
    static func verify(_ env: OpaquePointer, path: String) throws(LMDBError) {
        try checkNotTruncated(env, path: path)
        let report = try walk(env, path: path, scope: .directory)
        if let first = report.problems.first {
            throw DataFile.damaged(path, first.description)
        }
    }

    /// Runs a `PageCheck` of `scope` in a read transaction, on the meta page of that
    /// transaction; a writer that commits meanwhile makes it start again (three times at most).
    static func walk(_ env: OpaquePointer, path: String, scope: PageCheck.Scope) throws(LMDBError)
        -> PageCheckReport
    {
        var stat = MDB_stat()
        var fd: Int32 = -1
        try check(mdb_env_stat(env, &stat))
        try check(mdb_env_get_fd(env, &fd))
        for _ in 0..<3 {
            var txn: OpaquePointer?
            try check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn))
            guard let txn else { throw LMDBError(returnCode: MDB_BAD_TXN) }
            defer { mdb_txn_abort(txn) }
            let txnid = UInt64(UInt(bitPattern: mdb_txn_id(txn)))
            guard let file = PageFile(descriptor: fd, pageSize: Int(stat.ms_psize)) else {
                throw LMDBError(.corrupted, message: "\(path) cannot be read for checking")
            }
            let metas = [try? file.meta(0), try? file.meta(1)].compactMap { $0 }
            guard let meta = metas.first(where: { $0.txnid == txnid }) else {
                if metas.count < 2 {
                    throw DataFile.damaged(path, "a meta page is no longer valid")
                }
                continue  // A writer in another process moved on since; read again.
            }
            var pageCheck = PageCheck(file: file, meta: meta)
            return pageCheck.run(scope)
        }
        throw LMDBError(
            .corrupted,
            message: "\(path) changed under every attempt to check it; try again when writers pause")
    }

    private static func checkNotTruncated(_ env: OpaquePointer, path: String) throws(LMDBError) {
        var stat = MDB_stat()
        var fd: Int32 = -1
        guard mdb_env_stat(env, &stat) == MDB_SUCCESS, mdb_env_get_fd(env, &fd) == MDB_SUCCESS else { return }
        var info = MDB_envinfo()
        guard mdb_env_info(env, &info) == MDB_SUCCESS,
            let pages = PageFile(descriptor: fd, pageSize: Int(stat.ms_psize))
        else { return }
        // The common case: every page counted is in the file.
        if UInt64(UInt(bitPattern: info.me_last_pgno)) < pages.pageCount { return }
        for _ in 0..<3 {
            var txn: OpaquePointer?
            guard mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn) == MDB_SUCCESS, let txn else { return }
            defer { mdb_txn_abort(txn) }
            let txnid = UInt64(UInt(bitPattern: mdb_txn_id(txn)))
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
            // lastPage >= pageCount here, so the difference cannot overflow; the count can.
            let (missing, overflow) = (meta.lastPage - file.pageCount).addingReportingOverflow(1)
            if !overflow && UInt64(freePastEnd.count) == missing { return }
            var firstMissing = file.pageCount
            while freePastEnd.contains(firstMissing) { firstMissing += 1 }
            throw truncated(path, file, detail: "page \(firstMissing) of its data lies past the end")
        }
    }

    private static func truncated(_ path: String, _ file: PageFile, detail: String) -> LMDBError {
        LMDBError(
            .corrupted,
            message:
                "\(path) is truncated: it holds \(file.byteCount) bytes but \(detail) (restore it from a backup)"
        )
    }
}
