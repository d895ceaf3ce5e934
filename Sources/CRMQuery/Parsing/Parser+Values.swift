extension Parser {
    /// value ::= operand | list | object
    ///
    /// Lists and objects are allowed only in `insert` and `set` (`allowCompound`).
    mutating func parseValue(allowCompound: Bool) throws(ParseError) -> Value {
        let token = peekRequired
        switch token.kind {
        case .leftBracket where allowCompound: return try parseList()
        case .leftBrace where allowCompound: return try parseObject()
        default: return try parseOperand()
        }
    }

    /// operand ::= term (('+' | '-') term)*
    ///
    /// A signed number or offset right after an operand is that operator and the unsigned
    /// value: `due -2d` is `due - 2d`, `score +1` is `score + 1`. `first`, when given, is an
    /// operand already read (a parenthesized value at the start of a condition).
    mutating func parseOperand(startingWith first: Value? = nil) throws(ParseError) -> Value {
        var left = try parseTerm(startingWith: first)
        while true {
            let loopStart = index
            let token = peek
            let op: ArithmeticOperator
            let right: Value
            if token.kind == .plus || token.kind == .minus {
                op = token.kind == .plus ? .add : .subtract
                advance()
                right = try parseTerm()
            } else if let (sign, unsigned) = splitSign(token) {
                op = sign
                advance()
                right = try parseTerm(startingWith: unsigned)
            } else {
                return left
            }
            try ensureProgress(since: loopStart)
            left = Value(kind: .arithmetic(op, left, right), range: left.range.union(right.range))
        }
    }

    /// term ::= factor (('*' | '/') factor)*
    mutating func parseTerm(startingWith first: Value? = nil) throws(ParseError) -> Value {
        var left: Value
        if let first { left = first } else { left = try parseFactor() }
        while peek.kind == .star || peek.kind == .slash {
            let loopStart = index
            let op: ArithmeticOperator = advance().kind == .star ? .multiply : .divide
            let right = try parseFactor()
            try ensureProgress(since: loopStart)
            left = Value(kind: .arithmetic(op, left, right), range: left.range.union(right.range))
        }
        return left
    }

    /// factor ::= '-' factor | primary
    mutating func parseFactor() throws(ParseError) -> Value {
        let token = peekRequired
        if token.kind == .plus {
            throw fail(
                .expectedValue,
                "unexpected '+': a number has no '+' sign, and an offset needs a unit, as in +5d")
        }
        guard token.kind == .minus else { return try parsePrimary() }
        advance()
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        let operand = try parseFactor()
        return Value(kind: .negation(operand), range: range(from: token.range))
    }

    /// The operator and unsigned value of a signed number or offset token that follows an
    /// operand: `-2d` gives `-` and `2d`.
    func splitSign(_ token: Token) -> (ArithmeticOperator, Value)? {
        let sign: ArithmeticOperator = token.text.hasPrefix("-") ? .subtract : .add
        let kind: Value.Kind
        switch token.kind {
        case .integer(let text) where text.hasPrefix("-"): kind = .integer(String(text.dropFirst()))
        case .decimal(let text) where text.hasPrefix("-"): kind = .decimal(String(text.dropFirst()))
        case .offset(let offset):
            kind = .interval(RelativeOffset(isNegative: false, amount: offset.amount, unit: offset.unit))
        default: return nil
        }
        // The value starts one byte (the sign) after the token.
        let start = SourceLocation(
            offset: token.range.start.offset + 1, line: token.range.start.line,
            column: token.range.start.column + 1)
        return (sign, Value(kind: kind, range: SourceRange(start: start, end: token.range.end)))
    }

    /// primary ::= literal | path | parameter | time | INTERVAL | call | '(' operand ')'
    mutating func parsePrimary() throws(ParseError) -> Value {
        let token = peekRequired
        let kind: Value.Kind
        switch token.kind {
        case .integer(let text): kind = .integer(text)
        case .decimal(let text): kind = .decimal(text)
        case .string(let text): kind = .string(text)
        case .parameter(let parameter): kind = .parameter(parameter)
        case .date(let text): kind = .time(.date(text))
        case .dateTime(let text): kind = .time(.dateTime(text))
        case .offset(let offset): kind = .time(.offset(offset))
        case .interval(let offset): kind = .interval(offset)
        case .leftParen:
            advance()
            try enterBrackets()
            defer { leaveBrackets() }
            let inner = try parseOperand()
            try expect(.rightParen, "expected ')' to close the '(' at \(token.range.start)")
            return Value(kind: inner.kind, range: range(from: token.range))
        case .keyword(.true): kind = .boolean(true)
        case .keyword(.false): kind = .boolean(false)
        case .keyword(.null): kind = .null
        case .keyword(.now): kind = .time(.now)
        case .keyword(.today), .keyword(.yesterday), .keyword(.tomorrow), .keyword(.this), .keyword(.last),
            .keyword(.next):
            return try parseTimeRange()
        default:
            if pathStartName(token) != nil {
                if peekSecond.kind == .leftParen { return try parseCall() }
                let path = try parsePath(what: "a value")
                return Value(kind: .path(path), range: path.range)
            }
            throw fail(
                .expectedValue,
                "expected a value after '\(previous.text)' (a number, a quoted string, "
                    + "a date or a bare word), found \(token.kind)")
        }
        advance()
        return Value(kind: kind, range: token.range)
    }

    /// call ::= name '(' (operand (',' operand)*)? ')'
    mutating func parseCall() throws(ParseError) -> Value {
        let name = advance()
        let open = try expect(.leftParen, "expected '(' after '\(name.text)'")
        try enterBrackets()
        defer { leaveBrackets() }
        var arguments: [Value] = []
        if peekRequired.kind != .rightParen {
            repeat {
                let loopStart = index
                arguments.append(try parseOperand())
                try ensureProgress(since: loopStart)
            } while consume(.comma)
        }
        try expect(.rightParen, "expected ',' or ')' to close '\(name.text)(' at \(open.range.start)")
        let call = FunctionCall(name: name.text, nameRange: name.range, arguments: arguments)
        return Value(kind: .call(call), range: range(from: name.range))
    }

    /// list ::= '[' (value (',' value)* ','?)? ']'
    mutating func parseList() throws(ParseError) -> Value {
        let start = advance().range
        try enterBrackets()
        defer { leaveBrackets() }
        var values: [Value] = []
        while peekRequired.kind != .rightBracket {
            let loopStart = index
            values.append(try parseValue(allowCompound: false))
            if !consume(.comma) { break }
            try ensureProgress(since: loopStart)
        }
        try expect(.rightBracket, "expected ',' or ']' in the list")
        return Value(kind: .list(values), range: range(from: start))
    }

    /// object ::= '{' (field (',' field)* ','?)? '}'
    /// field ::= name ':' value
    mutating func parseObject() throws(ParseError) -> Value {
        let start = advance().range
        try enterBrackets()
        defer { leaveBrackets() }
        var fields: [Field] = []
        while peekRequired.kind != .rightBrace {
            let loopStart = index
            let (name, nameToken) = try pairName("expected a field name or '}' after '\(previous.text)'")
            advance()
            try expect(.colon, "expected ':' after field name '\(name)'")
            let value = try parseValue(allowCompound: true)
            fields.append(
                Field(
                    name: name, nameRange: nameToken.range, value: value, range: range(from: nameToken.range))
            )
            if !consume(.comma) { break }
            try ensureProgress(since: loopStart)
        }
        try expect(.rightBrace, "expected ',' or '}' after '\(previous.text)'")
        return Value(kind: .object(fields), range: range(from: start))
    }

    /// time-range ::= 'today' | 'yesterday' | 'tomorrow' | ('this' | 'last' | 'next') calendar-unit
    ///              | ('last' | 'next') integer rolling-unit
    mutating func parseTimeRange() throws(ParseError) -> Value {
        let first = advance()
        let timeRange: TimeRange
        switch first.keyword {
        case .today: timeRange = .today
        case .yesterday: timeRange = .yesterday
        case .tomorrow: timeRange = .tomorrow
        default:
            let direction: TimeRange.Direction =
                first.isKeyword(.this) ? .this : first.isKeyword(.last) ? .last : .next
            let token = peekRequired
            if case .integer(let text) = token.kind, direction != .this {
                guard let count = Int(text), count >= 0 else {
                    throw fail(.numberOutOfRange, "'\(text)' is not a usable number of periods")
                }
                advance()
                guard let unit = rollingUnit(peekRequired.keyword) else {
                    throw fail(
                        .expectedTimeUnit,
                        "expected days, weeks or months after '\(first.text) \(text)', "
                            + "found \(peekRequired.kind)")
                }
                advance()
                timeRange = .rolling(direction, count: count, unit)
            } else {
                guard let unit = calendarUnit(token.keyword) else {
                    let counted = direction == .this ? "" : ", or a count such as '\(first.text) 30 days'"
                    throw fail(
                        .expectedTimeUnit,
                        "expected week, month, quarter or year after '\(first.text)'"
                            + "\(counted), found \(token.kind)")
                }
                advance()
                timeRange = .calendar(direction, unit)
            }
        }
        return Value(kind: .time(.range(timeRange)), range: range(from: first.range))
    }

    private func rollingUnit(_ keyword: Keyword?) -> TimeRange.RollingUnit? {
        switch keyword {
        case .day, .days: return .days
        case .week, .weeks: return .weeks
        case .month, .months: return .months
        default: return nil
        }
    }

    private func calendarUnit(_ keyword: Keyword?) -> TimeRange.CalendarUnit? {
        switch keyword {
        case .week: return .week
        case .month: return .month
        case .quarter: return .quarter
        case .year: return .year
        default: return nil
        }
    }
}
