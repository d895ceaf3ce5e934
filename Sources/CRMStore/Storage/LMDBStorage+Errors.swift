import LMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StorageError {
    /// The storage error for a failure LMDB reported, with LMDB's message (prefixed with
    /// `path` when given) and the `LMDBError` as `underlying`.
    init(_ error: LMDBError, about path: String? = nil) {
        let message = path.map { error.message.hasPrefix($0) ? error.message : "\($0): \(error.message)" }
        self.init(Self.code(for: error.code), message ?? error.message, underlying: error)
    }

    /// The storage code for an LMDB code.
    static func code(for code: LMDBError.Code) -> Code {
        switch code {
        case .notFound: .notFound
        case .readOnly: .readOnly
        case .transactionEnded: .transactionEnded
        case .nestedWrite: .nestedTransaction
        // For a key, empty or too long; values have no such limit in a plain database.
        case .badValueSize: .invalidKey
        case .mapFull, .mapGrowthBlocked, .databasesFull, .readersFull, .threadSlotsFull, .transactionFull,
            .pageFull:
            .full
        case .corrupted, .pageNotFound, .panic, .cursorStackFull, .invalidFile, .versionMismatch: .corrupted
        // A full disk, a quota, a file-size limit.
        case .system(ENOSPC), .system(EDQUOT), .system(EFBIG): .full
        // LMDB's answer to a call it finds malformed: a misuse, not the system failing.
        case .system(EINVAL): .other
        case .system: .io
        case .keyExists, .mapResized, .incompatible, .badReaderSlot, .badTransaction, .badDatabase: .other
        }
    }
}
