extension Parser {
    /// define ::= 'define' ( "field" entity '.' name ':' name "indexed"? | "view" name 'as' statement )
    ///
    /// `field`, `view`, the type and `indexed` are words with a meaning here only, not keywords.
    mutating func parseDefine() throws(ParseError) -> Statement {
        let start = advance().range
        if isWord("view") { return try parseDefineView(from: start) }
        try expectWord(
            "field",
            "or 'view' after 'define', as in define field customer.region: string indexed, "
                + "or define view overdue as find promises where overdue")
        let (entity, name, nameRange) = try parseFieldName()
        _ = try expect(
            .colon, "expected ':' and the field's type after the name, as in \(entity).\(name): string")
        let typeToken = peekRequired
        guard case .identifier(let type) = typeToken.kind else {
            throw fail(
                .expectedValue,
                "expected the field's type (string, integer, decimal, boolean or timestamp), found \(typeToken.kind)"
            )
        }
        advance()
        var indexed = false
        if case .identifier(let word) = peek.kind, word.lowercased() == "indexed" {
            advance()
            indexed = true
        }
        let statement = DefineFieldStatement(
            entity: entity, name: name, nameRange: nameRange, type: type, typeRange: typeToken.range,
            indexed: indexed)
        return Statement(kind: .defineField(statement), range: range(from: start))
    }

    /// drop ::= 'drop' ( "field" entity '.' name | "view" name )
    mutating func parseDrop() throws(ParseError) -> Statement {
        let start = advance().range
        if isWord("view") {
            advance()
            let (name, nameRange) = try parseViewName(after: "drop view")
            let statement = DropViewStatement(name: name, nameRange: nameRange)
            return Statement(kind: .dropView(statement), range: range(from: start))
        }
        try expectWord(
            "field", "or 'view' after 'drop', as in drop field customer.region, or drop view weekly_check")
        let (entity, name, nameRange) = try parseFieldName()
        let statement = DropFieldStatement(entity: entity, name: name, nameRange: nameRange)
        return Statement(kind: .dropField(statement), range: range(from: start))
    }

    /// `customer.region`: an entity, a dot and a name (`attrs.` before the name is allowed).
    private mutating func parseFieldName() throws(ParseError) -> (EntityReference, String, SourceRange) {
        let entity = try parseEntity()
        _ = try expect(.dot, "expected '.' and the field's name after \(entity), as in \(entity).region")
        var token = peekRequired
        if case .identifier(let word) = token.kind, word.lowercased() == "attrs", peekSecond.kind == .dot {
            advance()
            advance()
            token = peekRequired
        }
        let name: String
        switch token.kind {
        case .identifier(let word): name = word
        case .keyword: name = token.text
        default: throw fail(.expectedFieldName, "expected the field's name after '.', found \(token.kind)")
        }
        advance()
        return (entity, name, token.range)
    }

    /// "view" name 'as' statement, after 'define': the statement must be a `find`, `count` or
    /// `get`, since a view is run to read (a saved change would happen again at every run).
    private mutating func parseDefineView(from start: SourceRange) throws(ParseError) -> Statement {
        advance()
        let (name, nameRange) = try parseViewName(after: "define view")
        try expect(
            .as,
            "expected 'as' and the statement after the view's name, as in define view \(name) as find ...")
        let verb = peekRequired
        switch verb.keyword {
        case .find, .count, .get:
            break
        case .some(let keyword) where Keyword.statementKeywords.contains(keyword):
            throw fail(
                .invalidView,
                "only find, count and get can be saved as a view (a view is run to read), not '\(verb.text)'")
        default:
            throw failUnexpected(
                .expectedStatement,
                "expected the statement to save after 'as' (find, count or get), found \(verb.kind)",
                keywords: [.find, .count, .get], at: verb)
        }
        let body = try parseStatement()
        let statement = DefineViewStatement(name: name, nameRange: nameRange, body: body)
        return Statement(kind: .defineView(statement), range: range(from: start))
    }

    /// run ::= 'run' name ( '(' ( name ':' value ( ',' name ':' value )* )? ')' )?
    mutating func parseRun() throws(ParseError) -> Statement {
        let start = advance().range
        let (name, nameRange) = try parseViewName(after: "run")
        var arguments: [Field] = []
        // The bracket must follow the name directly (on its line): `run v` then a line
        // starting with `(` is not an argument list.
        if peek.kind == .leftParen {
            advance()
            try enterBrackets()
            defer { leaveBrackets() }
            var seen: Set<String> = []
            while peekRequired.kind != .rightParen {
                let loopStart = index
                let (argument, token) = try pairName(
                    "expected a parameter's name (without $) and its value, as in \(name)(days: 3)")
                guard seen.insert(argument.lowercased()).inserted else {
                    throw fail(.duplicateClause, "the parameter '\(argument)' is given twice")
                }
                advance()
                try expect(.colon, "expected ':' and a value after '\(argument)', as in \(argument): 3")
                let value = try parseValue(allowCompound: false)
                arguments.append(
                    Field(
                        name: argument, nameRange: token.range, value: value, range: range(from: token.range))
                )
                try ensureProgress(since: loopStart)
                if !consume(.comma) { break }
            }
            try expect(.rightParen, "expected ',' or ')' after the arguments of \(name)")
        }
        let statement = RunStatement(name: name, nameRange: nameRange, arguments: arguments)
        return Statement(kind: .run(statement), range: range(from: start))
    }

    /// A view's name: one word that is not a keyword (`weekly_check`, `待办`).
    private mutating func parseViewName(after context: String) throws(ParseError) -> (String, SourceRange) {
        let token = peekRequired
        guard case .identifier(let name) = token.kind else {
            let found: String
            if case .keyword = token.kind {
                found = "the keyword '\(token.text)' (a view's name cannot be a keyword)"
            } else {
                found = "\(token.kind)"
            }
            throw fail(
                .expectedViewName,
                "expected a view's name after '\(context)', as in \(context) weekly_check, found \(found)")
        }
        advance()
        return (name, token.range)
    }

    /// Whether the next required token is the contextual word `word` (any case).
    private func isWord(_ word: String) -> Bool {
        guard case .identifier(let found) = peekRequired.kind else { return false }
        return found.lowercased() == word
    }

    /// Consumes the contextual word `word` (any case), or fails saying what was expected.
    private mutating func expectWord(_ word: String, _ context: String) throws(ParseError) {
        guard case .identifier(let found) = peekRequired.kind, found.lowercased() == word else {
            throw fail(.expectedKeyword, "expected '\(word)' \(context), found \(peekRequired.kind)")
        }
        advance()
    }
}
