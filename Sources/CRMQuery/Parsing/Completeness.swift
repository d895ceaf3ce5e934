/// Whether the text typed so far is a finished script, for the interactive shell.
public enum Completeness: Sendable, Hashable {
    /// Every statement is complete: run it.
    case complete
    /// The text is plainly unfinished (an open bracket or string, a trailing `and`, `where`,
    /// operator or comma, `order by` without a key): read another line.
    case incomplete
    /// The text has an error that more typing cannot fix: report it.
    case invalid
}

/// Decides whether `text` is complete, unfinished or wrong, with the real lexer and parser.
///
/// An open `begin` block is complete: each statement inside a transaction stands on its own.
/// A complete statement may still go on: a next line that starts with a clause keyword
/// continues it (see ``continuesStatement(_:)``).
///
/// ```swift
/// completeness(of: "find customers where")      // .incomplete
/// completeness(of: "find customers where x =")  // .incomplete
/// completeness(of: "fnd customers")              // .invalid
/// completeness(of: "begin")                      // .complete
/// ```
public func completeness(of text: String) -> Completeness {
    Parser.parse(text).completeness
}

extension ParseResult {
    /// Whether the parsed text is complete, unfinished or wrong: the rule of
    /// ``completeness(of:)``, for a reader that runs what it parsed (``StatementReader``)
    /// and so parses each piece once.
    public var completeness: Completeness {
        if diagnostics.isEmpty { return .complete }
        return endsUnfinished ? .incomplete : .invalid
    }
}

/// Whether `line` continues the statement on the lines before it: whether its first word is
/// a clause keyword (``Keyword/continuation``: `where`, `select`, `order`, `group`, `limit`,
/// `offset`, `with`, `and`, `or`). The parser applies the same rule to whole scripts; the
/// shell asks this to decide whether a finished statement should wait for its next line.
///
/// ```swift
/// continuesStatement("  select id, name")   // true
/// continuesStatement("find customers")      // false
/// ```
public func continuesStatement(_ line: String) -> Bool {
    var lexer = Lexer(line)
    var token = lexer.next()
    while token.kind == .newline { token = lexer.next() }
    guard let keyword = token.keyword else { return false }
    return Keyword.continuation.contains(keyword)
}
