/// What parsing a script produced: the statements that parsed, and every problem found.
public struct ParseResult: Sendable {
    /// The source that was parsed (for a byte input, after UTF-8 repair); ranges refer to it.
    public var source: String
    /// The statements without errors, in source order.
    public var script: Script
    /// Lexer and parser diagnostics together, sorted by position.
    public var diagnostics: [Diagnostic]
    /// Whether there are diagnostics and every one of them is explained by the input ending too
    /// early (an open string or bracket, a trailing `and`, ...): more typing could fix them.
    public var endsUnfinished: Bool

    /// Whether no diagnostic was reported.
    public var isValid: Bool { diagnostics.isEmpty }
}
