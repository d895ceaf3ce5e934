extension Parser {
    /// statement ::= insert | get | find | count | update | delete | history | define | drop
    ///             | 'begin' | 'commit' | 'rollback' | explain
    mutating func parseStatement() throws(ParseError) -> Statement {
        let token = peekRequired
        if let habit = sqlHabit() {
            throw fail(.expectedStatement, habit.message, suggestion: habit.suggestion)
        }
        switch token.keyword {
        case .insert: return try parseInsert()
        case .get: return try parseGet()
        case .find: return try parseFind()
        case .count: return try parseCount()
        case .update: return try parseUpdate()
        case .delete: return try parseDelete()
        case .history: return try parseHistory()
        case .define: return try parseDefine()
        case .drop: return try parseDrop()
        case .begin:
            advance()
            return Statement(kind: .begin, range: token.range)
        case .commit:
            advance()
            return Statement(kind: .commit, range: token.range)
        case .rollback:
            advance()
            return Statement(kind: .rollback, range: token.range)
        case .explain: return try parseExplain()
        default:
            let names = Keyword.statementKeywords.map(\.rawValue)
            throw failUnexpected(
                .expectedStatement,
                "expected a statement (\(names.joined(separator: ", "))), found \(token.kind)",
                keywords: Keyword.statementKeywords, at: token)
        }
    }

    /// insert ::= 'insert' entity object
    mutating func parseInsert() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        guard peekRequired.kind == .leftBrace else {
            throw fail(
                .expectedToken,
                "expected '{' with the fields of the new \(entity), as in "
                    + "{name: \"Acme\"}, found \(peekRequired.kind)")
        }
        let object = try parseObject()
        guard case .object(let fields) = object.kind else { throw fail(.expectedValue, "expected '{'") }
        return Statement(
            kind: .insert(InsertStatement(entity: entity, fields: fields)), range: range(from: start))
    }

    /// get ::= 'get' entity integer-argument ('with' include (',' include)*)?
    mutating func parseGet() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        let id = try parseIntegerArgument(what: "a record id")
        var includes: [Include] = []
        if consume(.with) {
            repeat {
                let loopStart = index
                includes.append(try parseInclude())
                try ensureProgress(since: loopStart)
            } while consume(.comma)
        }
        let statement = GetStatement(entity: entity, id: id, includes: includes)
        return Statement(kind: .get(statement), range: range(from: start))
    }

    /// find ::= 'find' entity find-clause*
    mutating func parseFind() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        var statement = FindStatement(
            entity: entity, filter: nil, groupBy: [], select: [], orderBy: [], limit: nil, offset: nil)
        var seen: Set<Keyword> = []
        while let keyword = peek.keyword,
            [.where, .group, .select, .order, .limit, .offset].contains(keyword)
        {
            let loopStart = index
            try checkDuplicate(keyword, in: &seen)
            switch keyword {
            case .where: statement.filter = try parseWhereClause()
            case .group: statement.groupBy = try parseGroupByClause()
            case .select: statement.select = try parseSelectClause()
            case .order: statement.orderBy = try parseOrderByClause()
            case .limit: statement.limit = try parseLimitClause()
            default: statement.offset = try parseOffsetClause()
            }
            try ensureProgress(since: loopStart)
        }
        return Statement(kind: .find(statement), range: range(from: start))
    }

    /// count ::= 'count' entity ('where' expression | 'group' 'by' path-list)*
    mutating func parseCount() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        var statement = CountStatement(entity: entity, filter: nil, groupBy: [])
        var seen: Set<Keyword> = []
        while let keyword = peek.keyword, keyword == .where || keyword == .group {
            let loopStart = index
            try checkDuplicate(keyword, in: &seen)
            if keyword == .where {
                statement.filter = try parseWhereClause()
            } else {
                statement.groupBy = try parseGroupByClause()
            }
            try ensureProgress(since: loopStart)
        }
        return Statement(kind: .count(statement), range: range(from: start))
    }

    /// update ::= 'update' entity record-target 'set' assignment (',' assignment)*
    mutating func parseUpdate() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        let target = try parseRecordTarget(statement: "update \(entity)")
        try expect(.set, "expected 'set' and the fields to change, as in 'set status = kept'")
        var assignments: [Assignment] = []
        repeat {
            let loopStart = index
            assignments.append(try parseAssignment())
            try ensureProgress(since: loopStart)
        } while consume(.comma)
        let statement = UpdateStatement(entity: entity, target: target, assignments: assignments)
        return Statement(kind: .update(statement), range: range(from: start))
    }

    /// delete ::= 'delete' entity record-target 'cascade'?
    mutating func parseDelete() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        let target = try parseRecordTarget(statement: "delete \(entity)")
        let cascade = consume(.cascade)
        let statement = DeleteStatement(entity: entity, target: target, cascade: cascade)
        return Statement(kind: .delete(statement), range: range(from: start))
    }

    /// history ::= 'history' entity integer-argument
    mutating func parseHistory() throws(ParseError) -> Statement {
        let start = advance().range
        let entity = try parseEntity()
        let id = try parseIntegerArgument(what: "a record id")
        return Statement(kind: .history(HistoryStatement(entity: entity, id: id)), range: range(from: start))
    }

    /// explain ::= 'explain' (insert | get | find | count | update | delete | history)
    mutating func parseExplain() throws(ParseError) -> Statement {
        let start = advance().range
        let innerToken = peekRequired
        switch innerToken.keyword {
        case .explain, .begin, .commit, .rollback:
            throw fail(
                .invalidExplain,
                "'explain' applies to insert, get, find, count, update, delete and "
                    + "history, not to '\(innerToken.text)'")
        default:
            break
        }
        let inner = try parseStatement()
        return Statement(kind: .explain(inner), range: range(from: start))
    }

    // MARK: - Statement parts

    /// entity ::= identifier  (one of customer(s), interaction(s), promise(s), any case)
    mutating func parseEntity() throws(ParseError) -> EntityReference {
        let token = peekRequired
        guard case .identifier(let name) = token.kind else {
            throw fail(
                .expectedEntity,
                "expected an entity (customer, interaction or promise) after "
                    + "'\(previous.text)', found \(token.kind)")
        }
        guard let entity = Entity(name: name) else {
            let suggestion = Suggestion.closest(to: name, among: Entity.spellings)
            throw fail(
                .unknownEntity, "unknown entity '\(name)'; expected customer, interaction or promise",
                suggestion: suggestion)
        }
        advance()
        return EntityReference(entity: entity, range: token.range)
    }

    /// record-target ::= integer-argument | 'where' expression
    mutating func parseRecordTarget(statement: String) throws(ParseError) -> RecordTarget {
        let token = peekRequired
        if token.isKeyword(.where) {
            advance()
            return .filter(try parseExpression())
        }
        switch token.kind {
        case .integer, .parameter:
            return .id(try parseIntegerArgument(what: "a record id"))
        default:
            throw failUnexpected(
                .expectedInteger,
                "expected a record id or 'where' after '\(statement)', "
                    + "found \(token.kind)", keywords: [.where], at: token)
        }
    }

    /// integer-argument ::= integer | parameter
    mutating func parseIntegerArgument(what: String) throws(ParseError) -> IntegerArgument {
        let token = peekRequired
        switch token.kind {
        case .integer(let text):
            guard let value = Int(text) else {
                throw fail(.numberOutOfRange, "\(text) is too large for \(what)")
            }
            guard value >= 0 else { throw fail(.expectedInteger, "\(what) cannot be negative") }
            advance()
            return IntegerArgument(kind: .literal(value), range: token.range)
        case .parameter(let parameter):
            advance()
            return IntegerArgument(kind: .parameter(parameter), range: token.range)
        default:
            throw fail(
                .expectedInteger,
                "expected \(what) (an integer or a parameter such as $id) after "
                    + "'\(previous.text)', found \(token.kind)")
        }
    }

    /// assignment ::= path '=' value
    mutating func parseAssignment() throws(ParseError) -> Assignment {
        let path = try parsePath(what: "a field name to set")
        try expect(.equal, "expected '=' after '\(path)' in 'set'")
        let value = try parseValue(allowCompound: true)
        return Assignment(path: path, value: value, range: range(from: path.range))
    }

    /// include ::= path ('(' include-clause* ')')?
    mutating func parseInclude() throws(ParseError) -> Include {
        let relation = try parsePath(what: "a relation such as 'interactions' after 'with'")
        var include = Include(relation: relation, filter: nil, orderBy: [], limit: nil, range: relation.range)
        guard consume(.leftParen) else { return include }
        nesting += 1
        defer { nesting -= 1 }
        var seen: Set<Keyword> = []
        while let keyword = peek.keyword, keyword == .where || keyword == .order || keyword == .limit {
            let loopStart = index
            try checkDuplicate(keyword, in: &seen)
            switch keyword {
            case .where: include.filter = try parseWhereClause()
            case .order: include.orderBy = try parseOrderByClause()
            default: include.limit = try parseLimitClause()
            }
            try ensureProgress(since: loopStart)
        }
        guard peekRequired.kind == .rightParen else {
            throw failUnexpected(
                .expectedToken,
                "expected 'where', 'order by', 'limit' or ')' in "
                    + "'\(relation)(...)', found \(peekRequired.kind)", keywords: [.where, .order, .limit],
                at: peekRequired)
        }
        advance()
        include.range = range(from: relation.range)
        return include
    }

    /// Fails with `duplicate-clause` when `keyword` was already seen in this statement.
    mutating func checkDuplicate(_ keyword: Keyword, in seen: inout Set<Keyword>) throws(ParseError) {
        if seen.insert(keyword).inserted { return }
        let name = keyword == .order || keyword == .group ? "\(keyword) by" : keyword.rawValue
        throw fail(.duplicateClause, "a statement can have only one '\(name)' clause")
    }
}
