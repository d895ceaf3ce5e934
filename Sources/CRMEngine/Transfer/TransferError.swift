/// Why an import or export did not happen. Nothing was written to the store.
///
///     catch let error as TransferError where error.code == .invalidRows {
///         print(error.report(file: "customers.csv"))
///     }
public struct TransferError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// An option was wrong: an `--upsert-by` field that names no record, a `--where`
        /// condition that does not parse or bind. The command exits with status 64.
        case usage
        /// The file could not be read or written.
        case file
        /// Rows of the file were bad; ``TransferError/issues`` lists every one.
        case invalidRows = "invalid-rows"
        /// The store failed (disk full, no permission, ...).
        case storage
        /// The store's file is damaged: stored bytes could not be read back.
        case damaged
    }

    /// The kind of failure.
    public let code: Code
    /// One line saying what went wrong; for `.invalidRows`, how many problems were found.
    public let message: String
    /// For `.invalidRows`: every problem, in line order.
    public let issues: [ImportIssue]

    /// An error of `code` with `message` and, for bad rows, the `issues`.
    public init(_ code: Code, _ message: String, issues: [ImportIssue] = []) {
        self.code = code
        self.message = message
        self.issues = issues
    }

    /// The problems as `FILE:LINE: error: MESSAGE` lines, at most `limit` of them followed by
    /// `... and N more errors`; for other codes, the message alone. Ends without a line break.
    public func report(file: String, limit: Int = 100) -> String {
        guard !issues.isEmpty else { return message }
        var lines = issues.prefix(max(0, limit)).map { $0.formatted(file: file) }
        if issues.count > limit {
            let more = issues.count - limit
            lines.append("... and \(more) more error\(more == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }

    /// The message.
    public var description: String { message }
}
