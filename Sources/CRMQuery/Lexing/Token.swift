/// One token of query source: its kind, its exact text and its range.
public struct Token: Sendable, Hashable, CustomStringConvertible {
    /// The kind, with decoded payload.
    public var kind: TokenKind
    /// The source text of the token exactly as written (quotes and escapes included).
    public var text: String
    /// Where the token is.
    public var range: SourceRange

    /// Creates a token.
    public init(kind: TokenKind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// `KIND@LINE:COL`, for debugging.
    public var description: String { "\(kind)@\(range.start)" }

    /// The keyword, if this token is one.
    public var keyword: Keyword? {
        if case .keyword(let keyword) = kind { return keyword }
        return nil
    }

    /// Whether this token is the keyword `keyword`.
    public func isKeyword(_ keyword: Keyword) -> Bool { self.keyword == keyword }
}
