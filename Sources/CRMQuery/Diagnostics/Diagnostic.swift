/// A problem found in query source text, as a value.
///
/// Diagnostics never interrupt lexing or parsing: they are collected and returned beside the
/// result. Render them with ``DiagnosticFormatter``.
///
/// ```swift
/// let result = Parser.parse("fnd customers")
/// result.diagnostics[0].id            // .unknownKeyword
/// result.diagnostics[0].suggestion    // "find"
/// ```
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The stable identifier from the ``DiagnosticID`` catalog.
    public var id: DiagnosticID
    /// What was wrong and what would be right, without the suggestion.
    public var message: String
    /// Where the problem is; an empty range marks a point (such as the end of input).
    public var range: SourceRange
    /// A close correct spelling, if one exists: rendered as `(did you mean 'X'?)`.
    public var suggestion: String?
    /// Further explanation, rendered as `note:` lines below the caret.
    public var notes: [String]

    /// Creates a diagnostic.
    public init(
        _ id: DiagnosticID, _ message: String, at range: SourceRange, suggestion: String? = nil,
        notes: [String] = []
    ) {
        self.id = id
        self.message = message
        self.range = range
        self.suggestion = suggestion
        self.notes = notes
    }

    /// The message followed by the suggestion, as the formatter prints it.
    public var fullMessage: String {
        guard let suggestion else { return message }
        return "\(message) (did you mean '\(suggestion)'?)"
    }

    /// `LINE:COL: error: MESSAGE [id]`.
    public var description: String { "\(range.start): error: \(fullMessage) [\(id)]" }
}
