/// A recursive-descent parser for the query language: tokens in, ``Script`` and diagnostics out.
///
/// One parse function per grammar rule (see `Grammar/crm.ebnf`); a function is `mutating`
/// exactly when it consumes tokens. On an error the parser records one diagnostic, abandons the
/// statement and resumes at the next statement boundary, so one run reports several errors.
/// Every loop must consume a token per iteration or stop; input never traps.
///
/// Newlines end a statement only where the statement is complete: where a token is required
/// (after `where`, `and`, `=`, a comma, ...), inside brackets, and before a line that starts
/// with a clause keyword (`where`, `select`, `order`, `group`, `limit`, `offset`, `with`,
/// `and`, `or`), line breaks are whitespace.
///
/// ```swift
/// let result = Parser.parse("find promises where overdue order by due")
/// result.script.statements[0].dump
/// // (find promise (where overdue) (order-by (asc due)))
/// ```
public struct Parser: Sendable {
    /// The tokens, ending with `.endOfFile`.
    let tokens: [Token]
    /// The index of the next raw token (possibly a newline).
    var index = 0
    /// The last token consumed, for ranges and messages.
    var previous: Token
    /// How many brackets are open around the current position; newlines are whitespace inside.
    var nesting = 0
    /// Parser diagnostics so far.
    var diagnostics: [Diagnostic] = []
    /// How many of `diagnostics` were caused by reaching the end of input too early.
    var unfinishedCount = 0
    /// The bracket depth at the last failure, for recovery.
    var recoveryDepth = 0
    /// How deeply brackets and `not`s are nested here; bounded so input cannot exhaust the stack.
    var depth = 0
    /// How many conditions the current statement has; bounded for the same reason.
    var conditionCount = 0

    /// The deepest nesting of brackets and `not` accepted in one statement.
    public static let maximumDepth = 64
    /// The most conditions accepted in one statement.
    public static let maximumConditions = 1_000

    /// Creates a parser over `tokens`, which must end with an `.endOfFile` token (as
    /// ``Lexer/tokenizeAll()`` produces); a missing one is supplied.
    public init(tokens: [Token]) {
        var tokens = tokens
        if tokens.last?.kind != .endOfFile {
            let end = tokens.last?.range.end ?? SourceLocation(offset: 0, line: 1, column: 1)
            tokens.append(Token(kind: .endOfFile, text: "", range: SourceRange(at: end)))
        }
        self.tokens = tokens
        self.previous = Token(kind: .newline, text: "", range: SourceRange(at: tokens[0].range.start))
    }

    /// Lexes and parses `source`.
    public static func parse(_ source: String) -> ParseResult {
        var lexer = Lexer(source)
        let (tokens, lexerDiagnostics) = lexer.tokenizeAll()
        var parser = Parser(tokens: tokens)
        let script = parser.parseScript()
        let all = (lexerDiagnostics + parser.diagnostics).enumerated().sorted { lhs, rhs in
            (lhs.element.range.start.offset, lhs.offset) < (rhs.element.range.start.offset, rhs.offset)
        }.map(\.element)
        let lexerUnfinished = lexerDiagnostics.allSatisfy { $0.id == .unterminatedString }
        let unfinished =
            !all.isEmpty && lexerUnfinished && parser.unfinishedCount == parser.diagnostics.count
        return ParseResult(source: source, script: script, diagnostics: all, endsUnfinished: unfinished)
    }

    /// Lexes and parses raw bytes, reporting invalid UTF-8 as diagnostics (see ``Lexer/init(bytes:)``).
    public static func parse(bytes: [UInt8]) -> ParseResult {
        parse(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Script

    /// script ::= separator* (statement (separator+ statement)*)? separator*
    mutating func parseScript() -> Script {
        var statements: [Statement] = []
        while true {
            while isSeparator(tokens[index].kind) { index += 1 }
            if tokens[index].kind == .endOfFile { break }
            let start = index
            let diagnosticCount = diagnostics.count
            depth = 0
            conditionCount = 0
            do {
                let statement = try parseStatement()
                try expectStatementEnd(after: statement)
                statements.append(statement)
            } catch {
                synchronize()
            }
            if index == start {
                // Progress guard: a statement attempt must consume something.
                if diagnostics.count == diagnosticCount, tokens[index].kind != .invalid {
                    report(.unexpectedToken, "unexpected \(tokens[index].kind)", at: tokens[index].range)
                }
                index += 1
            }
        }
        return Script(statements: statements)
    }

    /// After a failure, skips to the next newline or `;` outside brackets, or to a line that
    /// starts with a statement keyword (so an unclosed bracket does not swallow the script).
    mutating func synchronize() {
        var depth = recoveryDepth
        nesting = 0
        while index < tokens.count - 1 {
            let kind = tokens[index].kind
            switch kind {
            case .semicolon:
                return
            case .newline:
                if depth <= 0 || startsStatement(tokens[nextNonNewline(from: index)]) { return }
            case .leftParen, .leftBrace, .leftBracket:
                depth += 1
            case .rightParen, .rightBrace, .rightBracket:
                depth = max(0, depth - 1)
            default:
                break
            }
            index += 1
        }
    }

    /// Requires a `;`, a newline or the end of input after a statement.
    mutating func expectStatementEnd(after statement: Statement) throws(ParseError) {
        let token = peek
        if isSeparator(token.kind) || token.kind == .endOfFile { return }
        let followers: [Keyword]
        switch statement.kind {
        case .find: followers = [.where, .group, .select, .order, .limit, .offset]
        case .count: followers = [.where, .group]
        case .get: followers = [.with]
        case .delete: followers = [.cascade]
        default: followers = []
        }
        let position = nextNonNewline(from: index)
        if position != index, let keyword = token.keyword {
            // A clause keyword on the next line (`Keyword.continuation`) that this statement
            // does not take: point at it, and skip its line rather than report it again as a
            // statement that cannot start with it.
            let takes = followers.map { "'\($0)'" }.joined(separator: ", ")
            report(
                .unexpectedToken,
                "a line starting with '\(keyword)' continues the statement before it, but "
                    + "'\(statement.verb)' takes no '\(keyword)' clause"
                    + (takes.isEmpty ? "" : " (it takes \(takes))"),
                at: token.range)
            recoveryDepth = nesting
            index = position
            throw ParseError()
        }
        throw failUnexpected(
            .unexpectedToken,
            "expected end of statement (a new line or ';') after '\(previous.text)', found "
                + "\(token.kind)", keywords: followers, at: token)
    }

    // MARK: - Token access

    /// The next token where the statement could end here: a newline is returned as itself,
    /// except inside brackets and before a line that starts with a clause keyword
    /// (``Keyword/continuation``), which goes on with the statement.
    var peek: Token {
        if nesting > 0 || continuesStatement(after: index) { return tokens[nextNonNewline(from: index)] }
        return tokens[index]
    }

    /// Whether the token at `position` is a line break before a line that starts with a
    /// clause keyword (``Keyword/continuation``), which goes on with the statement.
    func continuesStatement(after position: Int) -> Bool {
        guard tokens[position].kind == .newline else { return false }
        guard case .keyword(let keyword) = tokens[nextNonNewline(from: position)].kind else { return false }
        return Keyword.continuation.contains(keyword)
    }

    /// The next token where more is required: newlines are skipped.
    var peekRequired: Token { tokens[nextNonNewline(from: index)] }

    /// The token after the next required one, skipping newlines.
    var peekSecond: Token {
        let first = nextNonNewline(from: index)
        return tokens[nextNonNewline(from: min(first + 1, tokens.count - 1))]
    }

    /// Consumes the next required token (skipping newlines) and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let position = nextNonNewline(from: index)
        let token = tokens[position]
        index = min(position + 1, tokens.count - 1)
        if token.kind == .endOfFile { index = position }
        previous = token
        return token
    }

    /// Consumes the next token if it has `kind`, where the statement could also end.
    mutating func consume(_ kind: TokenKind) -> Bool {
        guard peek.kind == kind else { return false }
        advance()
        return true
    }

    /// Consumes the keyword if it comes next, where the statement could also end.
    mutating func consume(_ keyword: Keyword) -> Bool {
        consume(.keyword(keyword))
    }

    /// Consumes a required token of `kind`, or fails with `expected-token`.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ message: String) throws(ParseError) -> Token {
        guard peekRequired.kind == kind else {
            throw fail(.expectedToken, "\(message), found \(peekRequired.kind)")
        }
        return advance()
    }

    /// The name a `name: value` pair starts with, and its token, not consumed: a word,
    /// keywords included (`status: kept`, `days: 3`). Anything else fails with
    /// `expected-field-name`: `message`, then what was found.
    mutating func pairName(_ message: String) throws(ParseError) -> (name: String, token: Token) {
        let token = peekRequired
        switch token.kind {
        case .identifier(let word): return (word, token)
        case .keyword: return (token.text, token)
        default: throw fail(.expectedFieldName, "\(message), found \(token.kind)")
        }
    }

    /// Consumes a required keyword, or fails with `expected-keyword` (or `unknown-keyword` for a
    /// close misspelling).
    @discardableResult
    mutating func expect(_ keyword: Keyword, _ message: String) throws(ParseError) -> Token {
        guard peekRequired.isKeyword(keyword) else {
            throw failUnexpected(
                .expectedKeyword, "\(message), found \(peekRequired.kind)",
                keywords: [keyword], at: peekRequired)
        }
        return advance()
    }

    /// Fails when nesting is deeper than ``maximumDepth``; call after `depth += 1`.
    mutating func checkDepth() throws(ParseError) {
        guard depth <= Parser.maximumDepth else {
            throw fail(
                .statementTooComplex, "brackets and 'not' are nested more than \(Parser.maximumDepth) deep")
        }
    }

    /// Steps inside a bracket: newlines become whitespace and the nesting depth grows, which
    /// `checkDepth` bounds. Pair with `leaveBrackets()` in a `defer`.
    mutating func enterBrackets() throws(ParseError) {
        nesting += 1
        depth += 1
        do {
            try checkDepth()
        } catch {
            leaveBrackets()
            throw error
        }
    }

    /// Steps back out of a bracket entered with `enterBrackets()`.
    mutating func leaveBrackets() {
        nesting -= 1
        depth -= 1
    }

    /// The range from `start` to the end of the last consumed token.
    func range(from start: SourceRange) -> SourceRange {
        SourceRange(start: start.start, end: max(start.end, previous.range.end))
    }

    /// Throws if nothing was consumed since `start`: the guard that keeps every loop moving.
    mutating func ensureProgress(since start: Int) throws(ParseError) {
        guard index == start else { return }
        throw fail(.unexpectedToken, "unexpected \(peekRequired.kind)")
    }

    // MARK: - Diagnostics

    /// Records a diagnostic about the next required token and returns the error to throw.
    ///
    /// At the end of input, or when the token is on a later line, the diagnostic points just
    /// after the previous token instead. Tokens the lexer already rejected get no second
    /// diagnostic.
    mutating func fail(_ id: DiagnosticID, _ message: String, suggestion: String? = nil) -> ParseError {
        let token = peekRequired
        recoveryDepth = nesting
        if token.kind == .invalid { return ParseError() }
        var range = token.range
        if token.kind == .endOfFile || nextNonNewline(from: index) != index, previous.text != "" {
            range = SourceRange(at: previous.range.end)
        }
        if token.kind == .endOfFile { unfinishedCount += 1 }
        report(id, message, at: range, suggestion: suggestion)
        return ParseError()
    }

    /// Like ``fail(_:_:suggestion:)``, but an identifier close to one of `keywords` is reported
    /// as `unknown-keyword` with a did-you-mean suggestion.
    mutating func failUnexpected(
        _ id: DiagnosticID, _ message: String, keywords: [Keyword], at token: Token
    ) -> ParseError {
        if case .identifier(let word) = token.kind,
            let suggestion = Suggestion.closest(to: word, among: keywords.map(\.rawValue))
        {
            return fail(.unknownKeyword, "unknown keyword '\(word)'", suggestion: suggestion)
        }
        return fail(id, message)
    }

    mutating func report(
        _ id: DiagnosticID, _ message: String, at range: SourceRange, suggestion: String? = nil
    ) {
        diagnostics.append(Diagnostic(id, message, at: range, suggestion: suggestion))
    }

    // MARK: - Helpers

    func nextNonNewline(from start: Int) -> Int {
        var position = start
        while position < tokens.count - 1, tokens[position].kind == .newline { position += 1 }
        return position
    }

    func isSeparator(_ kind: TokenKind) -> Bool { kind == .newline || kind == .semicolon }

    func startsStatement(_ token: Token) -> Bool {
        guard let keyword = token.keyword else { return false }
        return Keyword.statementKeywords.contains(keyword)
    }
}
