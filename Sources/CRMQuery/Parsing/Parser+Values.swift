extension Parser {
    /// value ::= literal | path | parameter | time | list | object
    ///
    /// Lists and objects are allowed only in `insert` and `set` (`allowCompound`).
    mutating func parseValue(allowCompound: Bool) throws(ParseError) -> Value {
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
        case .leftBracket where allowCompound: return try parseList()
        case .leftBrace where allowCompound: return try parseObject()
        case .keyword(.true): kind = .boolean(true)
        case .keyword(.false): kind = .boolean(false)
        case .keyword(.null): kind = .null
        case .keyword(.now): kind = .time(.now)
        case .keyword(.today), .keyword(.yesterday), .keyword(.tomorrow), .keyword(.this), .keyword(.last),
            .keyword(.next):
            return try parseTimeRange()
        default:
            if pathStartName(token) != nil {
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
            let nameToken = peekRequired
            let name: String
            switch nameToken.kind {
            case .identifier(let word): name = word
            case .keyword: name = nameToken.text
            default:
                throw fail(
                    .expectedFieldName,
                    "expected a field name or '}' after '\(previous.text)', found "
                        + "\(nameToken.kind)")
            }
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
