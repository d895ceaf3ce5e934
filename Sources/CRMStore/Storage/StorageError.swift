/// A failure of a `StorageEngine`, with a stable code to match on and a message that says
/// what went wrong.
///
///     catch let error as StorageError where error.code == .full { ... }
///
/// Implementations translate their own failures into these codes and keep the original in
/// `underlying` (LMDB's `LMDBError`), for messages and for callers that know the
/// implementation.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; stable across versions and implementations.
    public enum Code: String, Sendable, CaseIterable {
        /// No table has the name asked for (opened without `create`).
        case notFound = "not-found"
        /// A write was asked of an engine, transaction or cursor that cannot write.
        case readOnly = "read-only"
        /// A reader, writer or cursor was used after its closure returned: a programmer error,
        /// reported instead of touching freed memory.
        case transactionEnded = "transaction-ended"
        /// A write, or the opening of a table, was started inside a read or write closure of
        /// the same engine on the same thread: a programmer error that would otherwise wait
        /// for itself forever.
        case nestedTransaction = "nested-transaction"
        /// A key was empty or longer than `StorageEngine.maxKeySize`.
        case invalidKey = "invalid-key"
        /// The data does not fit: the disk, a file-size limit, or a limit of the engine (its
        /// number of tables or readers, a map that could not grow).
        case full = "full"
        /// Stored bytes are damaged, or the file is not one the engine reads.
        case corrupted = "corrupted"
        /// The operating system or the network failed: no permission, a missing file, an I/O
        /// error, a lost connection.
        case io = "io"
        /// Any other failure; see the message.
        case other = "other"
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, in words.
    public let message: String
    /// The implementation's own error behind this one, if any (LMDB: an `LMDBError`).
    public let underlying: (any Error)?

    /// An error with `code` and `message`, caused by `underlying` if given.
    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The message.
    public var description: String { message }
}
