#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `Environment.init` learns about the data file before LMDB opens it, so that a file
/// LMDB cannot use is refused before `mdb_env_open` creates the lock file beside it, and every
/// refusal names the file, says what is wrong with it, and what would be right.
///
/// LMDB opens the lock file first when it may write, so a directory, a CSV file or a file it
/// may not write would leave `PATH-lock` behind; and it calls any file whose meta page it
/// cannot read "not an LMDB file", a damaged database included.
struct DataFile {
    enum State: Equatable {
        /// No file yet: LMDB creates it.
        case missing
        /// A file of 0 bytes: LMDB writes a new database into it.
        case empty
        /// A file that begins with LMDB's two meta pages.
        case database
    }

    let path: String
    let state: State
    /// The file's owner and group (for a missing file: this process's, who will create it).
    let owner: uid_t
    let group: gid_t
    /// The file's permission bits (for a missing or empty file: the mode it will have as a
    /// database).
    let mode: mode_t

    /// Looks at `path` and refuses what LMDB could not open: a missing file read-only, a
    /// directory or other non-file, a file that is not an LMDB database, a damaged meta page,
    /// a file this process may not read, or may not write unless `readOnly`.
    static func inspect(path: String, readOnly: Bool, fileMode: UInt32) throws(LMDBError) -> DataFile {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let number = errno
            guard number == ENOENT else { throw unreachable(path, number) }
            return try missing(path, readOnly: readOnly, fileMode: fileMode)
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw LMDBError(
                .invalidFile, message: "\(path) is a directory, not a database file (give the path of a file)"
            )
        }
        guard type == S_IFREG else {
            throw LMDBError(
                .invalidFile, message: "\(path) is not a regular file (a database is a regular file)")
        }
        let state: State = info.st_size == 0 ? .empty : .database
        // An empty file becomes a new database, with the mode of one (`Environment.init`).
        let mode = state == .empty && !readOnly ? mode_t(fileMode) : info.st_mode & 0o7777
        let file = DataFile(path: path, state: state, owner: info.st_uid, group: info.st_gid, mode: mode)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let number = errno
            if number == EACCES {
                throw LMDBError(
                    .system(EACCES),
                    message: "cannot read \(path): permission denied (\(file.ownership)); "
                        + "ask its owner for read permission, or use a copy you may read")
            }
            throw unreachable(path, number)
        }
        defer { close(descriptor) }
        if file.state == .database { try checkMetaPages(path, descriptor, size: UInt64(info.st_size)) }
        if !readOnly && access(path, W_OK) != 0 {
            let number = errno
            let why =
                number == EROFS
                ? "it is on a read-only file system" : "it is read-only for you (\(file.ownership))"
            throw LMDBError(
                .system(number),
                message: "cannot write \(path): \(why); open it read-only, or get write permission")
        }
        return file
    }

    /// "mode 0600, owner alice": for messages about permissions.
    var ownership: String { "mode \(Self.octal(mode)), owner \(Self.userName(owner))" }

    /// `mode` as four octal digits: 0600.
    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The name of user `uid`, or its number when it has none.
    static func userName(_ uid: uid_t) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.pw_name
        else { return "uid \(uid)" }
        return String(cString: name)
    }

    /// The folder that holds `path` ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    // MARK: - Steps

    private static func missing(_ path: String, readOnly: Bool, fileMode: UInt32) throws(LMDBError)
        -> DataFile
    {
        guard !readOnly else {
            throw LMDBError(
                .system(ENOENT),
                message:
                    "\(path) does not exist (check the path; opened without read-only, it would be created)")
        }
        let folder = folder(of: path)
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw LMDBError(
                .system(ENOENT), message: "cannot create \(path): the folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw LMDBError(
                .system(EACCES),
                message: "cannot create \(path): the folder \(folder) is not writable for you "
                    + "(choose a folder you can write to, or ask for write permission on it)")
        }
        return DataFile(
            path: path, state: .missing, owner: geteuid(), group: getegid(), mode: mode_t(fileMode))
    }

    /// Both meta pages valid, as `mdb_env_read_header` wants them; a file whose first page is
    /// no meta page is foreign, one whose meta pages are partly wrong is damaged.
    private static func checkMetaPages(_ path: String, _ descriptor: Int32, size: UInt64) throws(LMDBError) {
        let first = readMeta(descriptor, at: 0, size: size)
        guard let first, first.flags & PageFile.metaPage != 0, first.magic == PageFile.magic else {
            // A damaged first meta page beside a good second one is damage, not a foreign file.
            for pageSize in [4096, 8192, 16384, 32768, 65536, 512, 1024, 2048] {
                if let second = readMeta(descriptor, at: UInt64(pageSize), size: size), second.isValid {
                    throw damaged(path, "its first meta page (page 0) is not valid")
                }
            }
            throw LMDBError(
                .invalidFile,
                message: "\(path) is not an LMDB database: it does not begin with LMDB's meta page "
                    + "(give the path of a database, or a new name to create one)")
        }
        guard first.version == PageFile.dataVersion else {
            // Both meta pages carry the version: one that differs from the other is damage.
            if let second = readMeta(descriptor, at: UInt64(first.pageSize), size: size), second.isValid {
                throw damaged(path, "its first meta page (page 0) gives LMDB data format \(first.version)")
            }
            throw LMDBError(
                .versionMismatch,
                message: "\(path) was written in LMDB data format \(first.version); "
                    + "this program reads format \(PageFile.dataVersion)")
        }
        let pageSize = UInt64(first.pageSize)
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw damaged(path, "its meta page 0 gives a page size of \(pageSize) bytes")
        }
        guard let second = readMeta(descriptor, at: pageSize, size: size) else {
            throw damaged(path, "it ends inside its second meta page (\(size) bytes)")
        }
        guard second.isValid, UInt64(second.pageSize) == pageSize else {
            throw damaged(path, "its second meta page (page 1) is not valid")
        }
        // LMDB maps (last page + 1) pages at least; a count past any real file is damage.
        let current = first.txnid >= second.txnid ? first : second
        let (pages, overflow) = current.lastPage.addingReportingOverflow(1)
        let (bytes, overflowAgain) = pages.multipliedReportingOverflow(by: pageSize)
        guard !overflow, !overflowAgain, bytes <= 1 << 46 else {
            throw damaged(
                path, "its meta page \(current.index) counts \(current.lastPage) pages, past any real file")
        }
    }

    /// The meta page at byte `offset`, or nil when the file ends first.
    private static func readMeta(_ descriptor: Int32, at offset: UInt64, size: UInt64) -> PageFile.Meta? {
        guard offset < size, size - offset >= UInt64(PageFile.Meta.byteCount) else { return nil }
        var bytes = [UInt8](repeating: 0, count: PageFile.Meta.byteCount)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard read == bytes.count else { return nil }
        return PageFile.Meta(bytes, index: offset == 0 ? 0 : 1)
    }

    static func damaged(_ path: String, _ detail: String) -> LMDBError {
        LMDBError(.corrupted, message: "\(path) is damaged: \(detail) (restore it from a backup)")
    }

    /// The error for a `stat` or `open` of `path` that failed with `number`.
    private static func unreachable(_ path: String, _ number: Int32) -> LMDBError {
        let message: String
        switch number {
        case EACCES:
            message = "cannot reach \(path): permission denied on a folder on its path (ask for access to it)"
        case ENOTDIR:
            message = "cannot reach \(path): a part of its path is a file, not a folder"
        default:
            message = "cannot open \(path): \(String(cString: strerror(number)))"
        }
        return LMDBError(.system(number), message: message)
    }
}
