import LMDB

/// An error of the store, with a stable code to match on and a message that says what was
/// wrong, where, and what would be right.
///
///     catch let error as StoreError where error.code == .notFound { ... }
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure; stable across versions.
    public enum Code: String, Sendable {
        /// A field has a value it may not have: out of range, badly formed, too long.
        case invalidValue = "invalid-value"
        /// A required field is missing or empty.
        case missingField = "missing-field"
        /// The record asked for does not exist.
        case notFound = "not-found"
        /// A record refers to another that does not exist, or belongs elsewhere.
        case badReference = "bad-reference"
        /// The record still has records that depend on it (a customer's interactions).
        case hasDependents = "has-dependents"
        /// The store was opened read-only.
        case readOnly = "read-only"
        /// The file is not a CRM store.
        case notAStore = "not-a-store"
        /// The store was written in a format version this program does not read.
        case unsupportedFormat = "unsupported-format"
        /// Stored bytes could not be read back: the file is damaged.
        case corrupt = "corrupt"
        /// LMDB reported a failure (disk full, no permission, ...); see `storageError`.
        case storage = "storage"
    }

    /// The kind of failure.
    public let code: Code
    /// What was wrong, where, and what would be right.
    public let message: String
    /// The field the error is about, when there is one.
    public let field: String?
    /// The LMDB error behind a `.storage` error.
    public let storageError: LMDBError?

    /// An error with `code` and `message`, about `field` if given.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.storageError = nil
    }

    /// A `.storage` error for a failure the storage reported on `path`; `message`, when
    /// given, replaces the storage's (it names the file itself).
    public init(storage error: StorageError, path: String, message custom: String? = nil) {
        self.code = .storage
        let lmdb = error.underlying as? LMDBError
        var hint = ""
        if case .system(let number)? = lmdb?.code, [5, 27, 28, 122].contains(number) {
            // EIO, EFBIG, ENOSPC, EDQUOT: what a full disk or a file-size limit looks like.
            hint = " (is the disk full, or a file-size limit reached? nothing of the failed write was kept)"
        }
        let message = custom ?? lmdb?.message ?? error.message
        self.message = (custom != nil || message.hasPrefix(path) ? message : "\(path): \(message)") + hint
        self.field = nil
        self.storageError = lmdb
    }

    /// The message.
    public var description: String { message }
}
