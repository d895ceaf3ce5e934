extension Parser {
    /// expression ::= and-expression ('or' and-expression)*
    mutating func parseExpression() throws(ParseError) -> Expression {
        var left = try parseAndExpression()
        while consume(.or) {
            let loopStart = index
            let right = try parseAndExpression()
            try ensureProgress(since: loopStart)
            left = Expression(kind: .or(left, right), range: left.range.union(right.range))
        }
        return left
    }

    /// and-expression ::= not-expression ('and' not-expression)*
    mutating func parseAndExpression() throws(ParseError) -> Expression {
        var left = try parseNotExpression()
        while consume(.and) {
            let loopStart = index
            let right = try parseNotExpression()
            try ensureProgress(since: loopStart)
            left = Expression(kind: .and(left, right), range: left.range.union(right.range))
        }
        return left
    }

    /// not-expression ::= 'not' not-expression | condition
    mutating func parseNotExpression() throws(ParseError) -> Expression {
        guard peekRequired.isKeyword(.not) else { return try parseCondition() }
        let start = advance().range
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        let operand = try parseNotExpression()
        return Expression(kind: .not(operand), range: range(from: start))
    }

    /// condition ::= '(' expression ')'
    ///             | ('any' | 'none') '(' relation-filter ')'
    ///             | 'count' '(' relation-filter ')' comparison-operator operand
    ///             | operand condition-tail?
    mutating func parseCondition() throws(ParseError) -> Expression {
        let token = peekRequired
        conditionCount += 1
        guard conditionCount <= Parser.maximumConditions else {
            throw fail(
                .statementTooComplex, "a statement can have at most \(Parser.maximumConditions) conditions")
        }
        switch token.kind {
        case .leftParen:
            advance()
            try enterBrackets()
            defer { leaveBrackets() }
            let inner = try parseExpression()
            try expect(.rightParen, "expected ')' to close the '(' at \(token.range.start)")
            // `(due - made) > 2d`: a bracketed value followed by an operator is a value.
            if case .truth(let value) = inner.kind, continuesValue(peek) {
                let bracketed = Value(kind: value.kind, range: range(from: token.range))
                return try parseConditionTail(try parseOperand(startingWith: bracketed))
            }
            return Expression(kind: inner.kind, range: range(from: token.range))
        case .keyword(.any), .keyword(.none):
            advance()
            let relation = try parseRelationFilter(after: token.text)
            let kind: Expression.Kind = token.isKeyword(.any) ? .any(relation) : .none(relation)
            return Expression(kind: kind, range: range(from: token.range))
        case .keyword(.count):
            advance()
            let relation = try parseRelationFilter(after: token.text)
            guard let op = peekRequired.kind.comparison else {
                throw fail(
                    .expectedOperator,
                    "expected a comparison such as '>= 3' after 'count(...)', found "
                        + "\(peekRequired.kind)")
            }
            advance()
            let value = try parseOperand()
            return Expression(kind: .relationCount(relation, op, value), range: range(from: token.range))
        default:
            guard isOperandStart(token) else {
                throw fail(
                    .expectedExpression,
                    "expected a condition after '\(previous.text)', such as "
                        + "'status = pending', found \(token.kind)")
            }
            let left = try parseOperand()
            return try parseConditionTail(left)
        }
    }

    /// condition-tail ::= comparison-operator operand
    ///                  | 'not'? 'in' ('(' operand (',' operand)* ')' | operand)
    ///                  | 'is' 'not'? 'null'
    ///                  | 'contains' operand
    ///                  | 'starts' 'with' operand
    mutating func parseConditionTail(_ left: Value) throws(ParseError) -> Expression {
        let token = peek
        let kind: Expression.Kind
        if let op = token.kind.comparison {
            advance()
            kind = .comparison(left, op, try parseOperand())
        } else {
            switch token.keyword {
            case .in:
                advance()
                kind = try parseInTail(left, negated: false)
            case .not:
                advance()
                try expect(.in, "expected 'in' after 'not' here (write 'not in (a, b)' or put 'not' first)")
                kind = try parseInTail(left, negated: true)
            case .is:
                advance()
                let negated = consume(.not)
                try expect(.null, "expected 'null' after '\(negated ? "is not" : "is")'")
                kind = .isNull(left, negated: negated)
            case .contains:
                advance()
                kind = .contains(left, try parseOperand())
            case .starts:
                advance()
                try expect(.with, "expected 'with' after 'starts'")
                kind = .startsWith(left, try parseOperand())
            default:
                return Expression(kind: .truth(left), range: left.range)
            }
        }
        return Expression(kind: kind, range: range(from: left.range))
    }

    /// The rest of `x in ...` after `in`: a parenthesized list or a single operand (a range).
    mutating func parseInTail(_ left: Value, negated: Bool) throws(ParseError) -> Expression.Kind {
        guard peekRequired.kind == .leftParen else {
            return .inRange(left, try parseOperand(), negated: negated)
        }
        advance()
        nesting += 1
        defer { nesting -= 1 }
        var values: [Value] = []
        repeat {
            let loopStart = index
            values.append(try parseOperand())
            try ensureProgress(since: loopStart)
        } while consume(.comma)
        try expect(.rightParen, "expected ',' or ')' in the 'in' list")
        return .inList(left, values, negated: negated)
    }

    /// relation-filter ::= '(' path ('where' expression)? ')'
    mutating func parseRelationFilter(after keyword: String) throws(ParseError) -> RelationFilter {
        let open = try expect(.leftParen, "expected '(' after '\(keyword)', as in '\(keyword)(interactions)'")
        try enterBrackets()
        defer { leaveBrackets() }
        let relation = try parsePath(what: "a relation such as 'interactions' or 'promises'")
        var filter: Expression?
        if consume(.where) {
            filter = try parseExpression()
        }
        guard peekRequired.kind == .rightParen else {
            throw failUnexpected(
                .expectedToken,
                "expected 'where' or ')' after '\(relation)', found "
                    + "\(peekRequired.kind)", keywords: [.where], at: peekRequired)
        }
        advance()
        return RelationFilter(relation: relation, filter: filter, range: range(from: open.range))
    }

    /// Whether `token`, after a bracketed value, makes it part of a larger value or a
    /// comparison: an operator, or a word that starts a condition's tail.
    func continuesValue(_ token: Token) -> Bool {
        switch token.kind {
        case .plus, .minus, .star, .slash: return true
        case .integer(let text), .decimal(let text): return text.hasPrefix("-")
        case .offset: return true
        default:
            if token.kind.comparison != nil { return true }
            switch token.keyword {
            case .in, .not, .is, .contains, .starts: return true
            default: return false
            }
        }
    }

    /// Whether `token` can begin an operand.
    func isOperandStart(_ token: Token) -> Bool {
        switch token.kind {
        case .integer, .decimal, .string, .parameter, .date, .dateTime, .offset, .identifier, .interval,
            .minus:
            return true
        case .keyword(let keyword):
            switch keyword {
            case .true, .false, .null, .now, .today, .yesterday, .tomorrow, .this, .last, .next: return true
            default: return Keyword.soft.contains(keyword)
            }
        default: return false
        }
    }
}
