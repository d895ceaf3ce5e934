extension Parser {
    /// where-clause ::= 'where' expression
    mutating func parseWhereClause() throws(ParseError) -> Expression {
        advance()
        return try parseExpression()
    }

    /// group-by-clause ::= 'group' 'by' path (',' path)*
    mutating func parseGroupByClause() throws(ParseError) -> [Path] {
        advance()
        try expect(.by, "expected 'by' after 'group'")
        var paths: [Path] = []
        repeat {
            let loopStart = index
            paths.append(try parsePath(what: "a field to group by"))
            try ensureProgress(since: loopStart)
        } while consume(.comma)
        return paths
    }

    /// select-clause ::= 'select' select-item (',' select-item)*
    mutating func parseSelectClause() throws(ParseError) -> [SelectItem] {
        advance()
        var items: [SelectItem] = []
        repeat {
            let loopStart = index
            items.append(try parseSelectItem())
            try ensureProgress(since: loopStart)
        } while consume(.comma)
        return items
    }

    /// order-by-clause ::= 'order' 'by' order-key (',' order-key)*
    mutating func parseOrderByClause() throws(ParseError) -> [OrderKey] {
        advance()
        try expect(.by, "expected 'by' after 'order'")
        var keys: [OrderKey] = []
        repeat {
            let loopStart = index
            keys.append(try parseOrderKey())
            try ensureProgress(since: loopStart)
        } while consume(.comma)
        return keys
    }

    /// limit-clause ::= 'limit' integer-argument
    mutating func parseLimitClause() throws(ParseError) -> IntegerArgument {
        advance()
        return try parseIntegerArgument(what: "a row count")
    }

    /// offset-clause ::= 'offset' integer-argument
    mutating func parseOffsetClause() throws(ParseError) -> IntegerArgument {
        advance()
        return try parseIntegerArgument(what: "a number of rows to skip")
    }

    /// select-item ::= select-target ('as' name)?
    mutating func parseSelectItem() throws(ParseError) -> SelectItem {
        let target = try parseSelectTarget()
        var alias: String?
        if consume(.as) {
            let token = peekRequired
            switch token.kind {
            case .identifier(let name):
                alias = name
            case .keyword:
                alias = token.text
            default:
                throw fail(.expectedFieldName, "expected a column name after 'as', found \(token.kind)")
            }
            advance()
        }
        return SelectItem(target: target, alias: alias, range: range(from: target.range))
    }

    /// select-target ::= aggregate | operand
    /// aggregate ::= 'count' '(' ('*' | path)? ')' | ("min" | "max" | "sum" | "avg") '(' path ')'
    ///
    /// An operand that is a plain path stays a path (`customer.name`); any other is an
    /// expression (`amount * 0.005`).
    mutating func parseSelectTarget() throws(ParseError) -> SelectTarget {
        let token = peekRequired
        let function: AggregateFunction
        if token.isKeyword(.count) {
            function = .count
        } else if case .identifier(let name) = token.kind,
            let aggregate = AggregateFunction(rawValue: name.lowercased()),
            peekSecond.kind == .leftParen
        {
            function = aggregate
        } else {
            guard isOperandStart(token) || token.kind == .leftParen else {
                throw fail(
                    .expectedFieldName,
                    "expected a field, a value such as amount * 2, or an aggregate such as count() or "
                        + "avg(score), found \(token.kind)")
            }
            let value = try parseOperand()
            if case .path(let path) = value.kind, path.range == value.range { return .path(path) }
            return .expression(value)
        }
        advance()
        try expect(.leftParen, "expected '(' after '\(token.text)'")
        nesting += 1
        defer { nesting -= 1 }
        var argument: Path?
        if function == .count, consume(.star) {
            argument = nil
        } else if function != .count || peekRequired.kind != .rightParen {
            argument = try parsePath(what: "a field inside '\(token.text)(...)'")
        }
        try expect(.rightParen, "expected ')' to close '\(token.text)('")
        return .aggregate(function, argument: argument, range: range(from: token.range))
    }

    /// order-key ::= select-target ('asc' | 'desc')?
    mutating func parseOrderKey() throws(ParseError) -> OrderKey {
        let target = try parseSelectTarget()
        var descending = false
        if consume(.desc) {
            descending = true
        } else {
            _ = consume(.asc)
        }
        return OrderKey(target: target, descending: descending, range: range(from: target.range))
    }

    /// path ::= name ('.' name)*
    ///
    /// The first name is an identifier or a soft keyword (such as the field `by`); names after a
    /// dot may be any word, keywords included (`attrs.year`).
    mutating func parsePath(what: String) throws(ParseError) -> Path {
        let first = peekRequired
        guard let name = pathStartName(first) else {
            throw fail(.expectedFieldName, "expected \(what), found \(first.kind)")
        }
        advance()
        var components = [name]
        while peek.kind == .dot {
            advance()
            let token = peekRequired
            switch token.kind {
            case .identifier(let word): components.append(word)
            case .keyword: components.append(token.text)
            default:
                throw fail(.expectedFieldName, "expected a field name after '.', found \(token.kind)")
            }
            advance()
        }
        return Path(components: components, range: range(from: first.range))
    }

    /// The first word of a path, if `token` can start one.
    func pathStartName(_ token: Token) -> String? {
        switch token.kind {
        case .identifier(let name): return name
        case .keyword(let keyword) where Keyword.soft.contains(keyword): return token.text
        default: return nil
        }
    }
}
