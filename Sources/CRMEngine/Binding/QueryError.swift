import CRMQuery

/// A statement that could not be run: its diagnostic (with the source range of the part
/// that was wrong) and whether the store was left unchanged (always, by the engine's rules).
public struct QueryError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, where, and what would be right.
    public let diagnostic: Diagnostic

    /// A diagnostic with `id`, `message` and the range it is about.
    init(_ id: DiagnosticID, _ message: String, at range: SourceRange, suggestion: String? = nil) {
        diagnostic = Diagnostic(id, message, at: range, suggestion: suggestion)
    }

    /// The message with its did-you-mean suggestion, without a location.
    public var description: String { diagnostic.fullMessage }
}
