import CLMDB

/// An error reported by LMDB, with a Swift name for its code and LMDB's own message.
///
/// Every LMDB return code passes through one checker (`check(_:)`), so every failure of
/// the C library reaches Swift as one of these. Match on `code`:
///
///     catch let error as LMDBError where error.code == .mapFull { ... }
public struct LMDBError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as a Swift name for LMDB's return code.
    public enum Code: Equatable, Sendable {
        /// The key/data pair already exists. The corresponding C error is `MDB_KEYEXIST`.
        case keyExists
        /// No matching key/data pair was found. The corresponding C error is `MDB_NOTFOUND`.
        case notFound
        /// A requested page was not found: the file is damaged. C: `MDB_PAGE_NOTFOUND`.
        case pageNotFound
        /// A page has the wrong type: the file is damaged. C: `MDB_CORRUPTED`.
        case corrupted
        /// An update of meta page failed or the environment had a fatal error. C: `MDB_PANIC`.
        case panic
        /// The file was written by an incompatible version of LMDB. C: `MDB_VERSION_MISMATCH`.
        case versionMismatch
        /// The file is not an LMDB file. C: `MDB_INVALID`.
        case invalidFile
        /// The map is full; the environment grows it and retries. C: `MDB_MAP_FULL`.
        case mapFull
        /// The environment has no room for another named database. C: `MDB_DBS_FULL`.
        case databasesFull
        /// Every reader slot is taken. C: `MDB_READERS_FULL`.
        case readersFull
        /// Too many threads hold thread-local storage. C: `MDB_TLS_FULL`.
        case threadSlotsFull
        /// The transaction has too many dirty pages. C: `MDB_TXN_FULL`.
        case transactionFull
        /// The cursor stack is too deep: the file is damaged. C: `MDB_CURSOR_FULL`.
        case cursorStackFull
        /// A page has no more space. C: `MDB_PAGE_FULL`.
        case pageFull
        /// Another process grew the map beyond this one's; adopted on the next try.
        /// C: `MDB_MAP_RESIZED`.
        case mapResized
        /// The operation does not fit the database's flags, or the file changed under us.
        /// C: `MDB_INCOMPATIBLE`.
        case incompatible
        /// A reader slot was used wrongly. C: `MDB_BAD_RSLOT`.
        case badReaderSlot
        /// The transaction must abort, has a child, or is invalid. C: `MDB_BAD_TXN`.
        case badTransaction
        /// A key or value has an unsupported size. C: `MDB_BAD_VALSIZE`.
        case badValueSize
        /// The database handle was changed unexpectedly. C: `MDB_BAD_DBI`.
        case badDatabase
        /// The transaction was used after its closure returned: a programmer error
        /// that the wrapper reports instead of letting LMDB touch freed memory.
        case transactionEnded
        /// A write was asked of an environment opened read-only (C: `EACCES`).
        case readOnly
        /// A write transaction was started on a thread that already runs one for this
        /// environment; LMDB's writer lock is not recursive, so this would deadlock.
        case nestedWrite
        /// The map is full and could not grow because other transactions of this process
        /// stayed open for too long.
        case mapGrowthBlocked
        /// An operating-system error, by its `errno` value (`ENOENT`, `EACCES`, `ENOSPC`, ...).
        case system(Int32)
    }

    /// The Swift name of the failure.
    public let code: Code
    /// The raw return code LMDB gave (an `errno` value or an `MDB_` code), 0 for errors the
    /// wrapper raises itself.
    public let rawValue: Int32
    /// A human-readable message: LMDB's own, with what the wrapper knows added.
    public let message: String

    /// Creates the error for an LMDB return code, with LMDB's message.
    public init(returnCode: Int32) {
        self.rawValue = returnCode
        self.code = Self.code(for: returnCode)
        self.message = String(cString: mdb_strerror(returnCode))
    }

    /// Creates an error that the wrapper raises itself, with its own message.
    public init(_ code: Code, message: String) {
        self.code = code
        self.rawValue = 0
        self.message = message
    }

    /// The message, for printing.
    public var description: String { message }

    /// Whether the error says the file is damaged: a page of the wrong kind, a page number
    /// past the end, a tree deeper than any real one.
    public var meansDamage: Bool {
        switch code {
        case .corrupted, .pageNotFound, .cursorStackFull: true
        default: false
        }
    }

    private static func code(for returnCode: Int32) -> Code {
        switch returnCode {
        case MDB_KEYEXIST: .keyExists
        case MDB_NOTFOUND: .notFound
        case MDB_PAGE_NOTFOUND: .pageNotFound
        case MDB_CORRUPTED: .corrupted
        case MDB_PANIC: .panic
        case MDB_VERSION_MISMATCH: .versionMismatch
        case MDB_INVALID: .invalidFile
        case MDB_MAP_FULL: .mapFull
        case MDB_DBS_FULL: .databasesFull
        case MDB_READERS_FULL: .readersFull
        case MDB_TLS_FULL: .threadSlotsFull
        case MDB_TXN_FULL: .transactionFull
        case MDB_CURSOR_FULL: .cursorStackFull
        case MDB_PAGE_FULL: .pageFull
        case MDB_MAP_RESIZED: .mapResized
        case MDB_INCOMPATIBLE: .incompatible
        case MDB_BAD_RSLOT: .badReaderSlot
        case MDB_BAD_TXN: .badTransaction
        case MDB_BAD_VALSIZE: .badValueSize
        case MDB_BAD_DBI: .badDatabase
        default: .system(returnCode)
        }
    }
}

/// Turns an LMDB return code into a thrown `LMDBError`; the one checker every C call uses.
///
///     try check(mdb_txn_commit(handle))
@inline(__always)
func check(_ returnCode: Int32) throws(LMDBError) {
    if returnCode != MDB_SUCCESS {
        throw LMDBError(returnCode: returnCode)
    }
}
