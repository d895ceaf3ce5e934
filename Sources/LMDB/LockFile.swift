#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock file beside a database (`PATH-lock`, LMDB's reader table and writer lock), made
/// before LMDB opens the database so that it has the right owner and mode, and removed again
/// when the open fails.
///
/// Every process that opens the database, read-only ones included, writes the lock file. Left
/// to LMDB, the first opener creates it with its own owner and the mode it was asked for, so
/// a second user who opens a shared database read-only first would lock its owner out. Here
/// the lock file takes the database file's owner (when this process is root) and a mode no
/// stricter than the database's: read and write for each class of user that may read or write
/// the database (0600 for 0600, 0660 for 0640, 0666 for 0644).
struct LockFile {
    let path: String
    /// Whether this open created the file (so a failed open removes it).
    let created: Bool
    /// The mode the lock file needs for the database's users.
    let mode: mode_t

    /// Makes sure the lock file for `data` exists and can be used: creates it with the
    /// database's owner and a mode from the database's, or checks that this process may write
    /// the one there.
    ///
    /// - Throws: `.system(EACCES)` when the lock file cannot be created (a folder this process
    ///   may not write) or written (another user's, too strict), with what would fix it.
    static func prepare(for data: DataFile, readOnly: Bool) throws(LMDBError) -> LockFile {
        let path = data.path + "-lock"
        let mode = lockMode(for: data.mode)
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if descriptor >= 0 {
            fchmod(descriptor, mode)
            if geteuid() == 0 && (data.owner != 0 || data.group != 0) {
                _ = fchown(descriptor, data.owner, data.group)
            }
            close(descriptor)
            return LockFile(path: path, created: true, mode: mode)
        }
        let number = errno
        let lock = LockFile(path: path, created: false, mode: mode)
        switch number {
        case EEXIST:
            try lock.checkWritable()
            return lock
        case EROFS where readOnly:
            // LMDB opens a database on a read-only file system without a lock file.
            return lock
        case EACCES, EPERM, EROFS:
            let folder = DataFile.folder(of: data.path)
            throw LMDBError(
                .system(number),
                message: "cannot create the lock file \(path): the folder \(folder) is not writable for you, "
                    + "and every user of a database, a reader too, keeps its place in that file "
                    + "(copy the database to a folder you can write to, or ask for write permission on \(folder))"
            )
        default:
            throw LMDBError(
                .system(number),
                message: "cannot create the lock file \(path): \(String(cString: strerror(number)))")
        }
    }

    /// Read and write for each class of user that may read or write the database.
    static func lockMode(for dataMode: mode_t) -> mode_t {
        var mode: mode_t = 0o600
        if dataMode & 0o060 != 0 { mode |= 0o060 }
        if dataMode & 0o006 != 0 { mode |= 0o006 }
        return mode
    }

    /// An existing lock file this process cannot write is refused with who owns it and how.
    private func checkWritable() throws(LMDBError) {
        guard access(path, R_OK | W_OK) != 0 else { return }
        let number = errno
        guard number == EACCES else { return }  // EROFS: LMDB decides.
        var info = stat()
        let owner = stat(path, &info) == 0 ? DataFile.userName(info.st_uid) : "another user"
        let current = stat(path, &info) == 0 ? " with mode \(DataFile.octal(info.st_mode))" : ""
        throw LMDBError(
            .system(EACCES),
            message:
                "cannot write the lock file \(path): it belongs to \(owner)\(current), and every user of "
                + "a database, a reader too, writes its lock file (ask \(owner) to run "
                + "chmod \(DataFile.octal(mode)) \(path), or, when no one has the database open, "
                + "remove \(path): it holds no data)")
    }

    /// After a successful open: a lock file someone made too strict (or root made with its own
    /// owner) is widened to `mode` and, when this process is root, given the database's owner.
    func adjust(for data: DataFile) {
        guard !created else { return }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let isRoot = geteuid() == 0
        if isRoot || info.st_uid == geteuid(), info.st_mode & mode != mode {
            chmod(path, (info.st_mode & 0o7777) | mode)
        }
        if isRoot, info.st_uid != data.owner {
            _ = chown(path, data.owner, data.group)
        }
    }

    /// After a failed open: removes the lock file this open created, unless another process
    /// has the database open meanwhile (it holds LMDB's shared lock on the file's first byte).
    func removeIfUnused() {
        guard created else { return }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 1
        if fcntl(descriptor, F_SETLK, &lock) == 0 {
            unlink(path)
        }
    }
}
