extension Parser {
    /// define ::= 'define' "field" entity '.' name ':' name "indexed"?
    ///
    /// `field`, the type and `indexed` are words with a meaning here only, not keywords.
    mutating func parseDefine() throws(ParseError) -> Statement {
        let start = advance().range
        try expectWord("field", "after 'define', as in define field customer.region: string indexed")
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

    /// drop ::= 'drop' "field" entity '.' name
    mutating func parseDrop() throws(ParseError) -> Statement {
        let start = advance().range
        try expectWord("field", "after 'drop', as in drop field customer.region")
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

    /// Consumes the contextual word `word` (any case), or fails saying what was expected.
    private mutating func expectWord(_ word: String, _ context: String) throws(ParseError) {
        guard case .identifier(let found) = peekRequired.kind, found.lowercased() == word else {
            throw fail(.expectedKeyword, "expected '\(word)' \(context), found \(peekRequired.kind)")
        }
        advance()
    }
}
