extension Parser {
    /// What to say when a statement is written as SQL: the error's message and the same
    /// statement in this language, for `did you mean`.
    ///
    ///     select name, city from customers where tier = vip
    ///     // did you mean 'find customers where tier = vip select name, city'?
    ///     delete from promises where status = cancelled
    ///     // did you mean 'delete promises where status = cancelled'?
    ///
    /// Only looks at the tokens (consumes none); nil when the statement does not start the
    /// SQL way.
    func sqlHabit() -> (message: String, suggestion: String?)? {
        let start = nextNonNewline(from: index)
        // Asked before every statement: most are ruled out by their first two tokens, before
        // the statement's tokens are gathered.
        guard start < tokens.count else { return nil }
        switch tokens[start].keyword {
        case .select: break
        case .delete, .insert:
            let next = start + 1
            let sqlWord: StaticString = tokens[start].isKeyword(.delete) ? "from" : "into"
            if next < tokens.count, tokens[next].kind != .newline, !tokens[next].isWord(sqlWord) {
                return nil
            }
        default: return nil
        }
        let words = statementTokens(from: start)
        guard let first = words.first else { return nil }
        switch first.keyword {
        case .select:
            guard let from = words.firstIndex(where: { $0.isWord("from") }), from + 1 < words.count,
                case .identifier(let name) = words[from + 1].kind, let entity = Entity(name: name)
            else {
                return (
                    "'select' does not start a statement here: write find ENTITY, then its clauses, "
                        + "with select among them (find customers where tier = vip select name, city)",
                    nil
                )
            }
            let list = Array(words[1..<from])
            let rest = Array(words[(from + 2)...])
            var suggestion = "find " + entity.plural
            if !rest.isEmpty { suggestion += " " + Self.text(of: rest) }
            if !(list.count == 1 && list[0].kind == .star) && !list.isEmpty {
                suggestion += " select " + Self.text(of: list)
            }
            return (
                "'select' does not start a statement here: find ENTITY comes first, select is one "
                    + "of its clauses", suggestion
            )
        case .delete, .insert:
            let sqlWord: StaticString = first.isKeyword(.delete) ? "from" : "into"
            guard words.count >= 3, words[1].isWord(sqlWord) else { return nil }
            let verb = first.text.lowercased()
            var rest = Array(words[2...])
            if first.isKeyword(.insert) {
                // insert into customers (name) values (...): keep the entity, show the object form.
                rest = Array(rest.prefix(1))
                return (
                    "'insert' takes no 'into' here: write insert ENTITY {field: value, ...}",
                    verb + " " + Self.text(of: rest) + " {name: \"...\"}"
                )
            }
            return (
                "'delete' takes no 'from' here: write delete ENTITY ...", verb + " " + Self.text(of: rest)
            )
        default:
            return nil
        }
    }

    /// The tokens from `start` to the end of the statement: the next `;`, or line break
    /// outside brackets (a line that starts with a clause keyword goes on).
    private func statementTokens(from start: Int) -> [Token] {
        // Written with an index loop and `if`s: a `switch` on the token kind inside a `while`
        // with `continue` crashed the Swift 6.3.1 optimizer (CopyPropagation) in release builds.
        var result: [Token] = []
        var depth = 0
        for position in start..<max(start, tokens.count - 1) {
            let kind = tokens[position].kind
            if kind == .semicolon { break }
            if kind == .newline {
                if depth == 0 && !continuesStatement(after: position) { break }
                continue
            }
            if kind == .leftParen || kind == .leftBrace || kind == .leftBracket { depth += 1 }
            if kind == .rightParen || kind == .rightBrace || kind == .rightBracket {
                depth = max(0, depth - 1)
            }
            result.append(tokens[position])
        }
        return result
    }

    /// The tokens' source text on one line, with a space where the source had space.
    private static func text(of tokens: [Token]) -> String {
        var out = ""
        var previousEnd: Int?
        for token in tokens {
            if let previousEnd, token.range.start.offset != previousEnd { out += " " }
            out += token.text
            previousEnd = token.range.end.offset
        }
        return out
    }
}

extension Token {
    /// Whether the token is the bare word `word` (ignoring case), keyword or not.
    fileprivate func isWord(_ word: StaticString) -> Bool {
        Identifier.same(text, word)
    }
}
