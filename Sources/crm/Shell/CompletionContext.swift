import CRMEngine
import CRMQuery

/// Where the cursor stands in the statement being typed, read from its tokens with the real
/// lexer, and the words the grammar allows there: keywords only where they may come, the
/// fields of the entity in scope, enum values after `FIELD =`, writable fields inside
/// `insert KIND {`, relations after `with`.
///
///     CompletionContext(before: "find promises where ").candidates
///     // the fields of a promise, customer. and interaction., not, any, none, count
struct CompletionContext {
    /// The words that may come next.
    private(set) var candidates: [String] = []
    /// The entity whose fields a `customer.ti` path starts from.
    private(set) var scope: Entity?

    /// The context at the end of `before` (the text of the statement up to the word being
    /// completed); `inTransaction` decides between `begin` and `commit`/`rollback`.
    init(before: String, inTransaction: Bool = false) {
        let (tokens, diagnostics) = Lexer.tokenize(before)
        // Inside an unfinished string there is nothing to complete.
        if diagnostics.contains(where: { $0.id == .unterminatedString }) { return }
        var items = CompletionItem.items(of: tokens)
        if let semicolon = items.lastIndex(where: { $0.isPunctuation(.semicolon) }) {
            items = Array(items[(semicolon + 1)...])
        }
        analyzeStatement(items[...], inTransaction: inTransaction)
    }

    // MARK: - Statements

    private mutating func analyzeStatement(_ items: ArraySlice<CompletionItem>, inTransaction: Bool) {
        guard let verb = items.first else {
            candidates =
                ["find", "count", "get", "insert", "update", "delete", "history", "explain"]
                + (inTransaction ? ["commit", "rollback"] : ["begin"])
            return
        }
        let rest = items.dropFirst()
        if verb.keyword == .explain {
            if rest.isEmpty {
                candidates = ["find", "count", "get", "insert", "update", "delete", "history"]
            } else {
                analyzeStatement(rest, inTransaction: inTransaction)
            }
            return
        }
        guard let keyword = verb.keyword, let entityItem = rest.first else {
            candidates = Self.entityNames(after: verb.keyword)
            return
        }
        guard let entity = entityItem.path.flatMap({ Entity(name: $0) }) else { return }
        scope = entity
        let body = rest.dropFirst()
        switch keyword {
        case .find: analyzeClauses(body, entity, clauses: [.where, .group, .select, .order, .limit, .offset])
        case .count: analyzeClauses(body, entity, clauses: [.where, .group])
        case .get: analyzeGet(body, entity)
        case .insert: analyzeInsert(body, entity)
        case .update, .delete: analyzeChange(body, entity, isUpdate: keyword == .update)
        default: break
        }
    }

    /// The entity names that fit after `verb`: plural where many records are meant.
    private static func entityNames(after verb: Keyword?) -> [String] {
        switch verb {
        case .find, .count: Entity.allCases.map(\.plural)
        case .get, .insert, .history: Entity.allCases.map(\.singular)
        case .update, .delete: Entity.spellings
        default: []
        }
    }

    /// `get ENTITY ID [with REL(...), ...]`.
    private mutating func analyzeGet(_ body: ArraySlice<CompletionItem>, _ entity: Entity) {
        if let open = Self.openBracket(in: body), body[open].isPunctuation(.leftParen),
            open > body.startIndex, let relation = body[open - 1].path,
            let target = ShellSchema.target(of: relation, from: entity)
        {
            // Inside `with interactions(`: its where, order by and limit.
            analyzeClauses(body[(open + 1)...], target, clauses: [.where, .order, .limit])
            return
        }
        guard let with = body.firstIndex(where: { $0.keyword == .with }) else {
            candidates = body.count == 1 ? ["with"] : []
            return
        }
        let last = body[(with + 1)...].last
        if last == nil || last?.isPunctuation(.comma) == true {
            candidates = ShellSchema.relations(of: entity).map(\.name)
        }
    }

    /// `insert ENTITY {field: value, ...}`: writable fields not yet given, and the values of
    /// the field before `:`.
    private mutating func analyzeInsert(_ body: ArraySlice<CompletionItem>, _ entity: Entity) {
        guard let open = Self.openBracket(in: body), body[open].isPunctuation(.leftBrace) else { return }
        let inside = body[(open + 1)...]
        let segment = Self.afterLast(.comma, in: inside)
        switch segment.count {
        case 0:
            let given = Set(Self.keys(in: inside))
            candidates = ShellSchema.fields(of: entity).filter { $0.writable && !given.contains($0.name) }
                .map(\.name)
        case 2 where segment.last?.isPunctuation(.colon) == true:
            candidates = Self.values(of: segment.first?.path, in: entity)
        default:
            break
        }
    }

    /// `update ENTITY (ID | where EXPR) set field = value, ...` and
    /// `delete ENTITY (ID | where EXPR) [cascade]`.
    private mutating func analyzeChange(_ body: ArraySlice<CompletionItem>, _ entity: Entity, isUpdate: Bool)
    {
        guard let first = body.first else {
            candidates = ["where"]
            return
        }
        let next: [String] = isUpdate ? ["set"] : (entity == .customer ? ["cascade"] : [])
        if isUpdate, let set = body.firstIndex(where: { $0.keyword == .set }) {
            let segment = Self.afterLast(.comma, in: body[(set + 1)...])
            if segment.isEmpty {
                candidates = ShellSchema.fields(of: entity).filter(\.writable).map(\.name)
            } else if segment.count == 2, segment.last?.isOperator == true {
                candidates = Self.values(of: segment.first?.path, in: entity)
            }
            return
        }
        if first.keyword == .where {
            analyzeExpression(body.dropFirst(), entity, followers: next)
        } else if body.count == 1 {
            candidates = next
        }
    }

    // MARK: - Clauses

    /// The clauses of `find`, `count` or an include: the one the cursor is in, or the ones
    /// that may still come.
    private mutating func analyzeClauses(
        _ body: ArraySlice<CompletionItem>, _ entity: Entity, clauses: [Keyword]
    ) {
        scope = entity
        // The last clause keyword at the top level starts the clause the cursor is in.
        var used: Set<Keyword> = []
        var current: Int?
        var depth = 0
        for index in body.indices {
            let item = body[index]
            if item.opens { depth += 1 }
            if item.closes { depth = max(0, depth - 1) }
            if depth == 0, let keyword = item.keyword, clauses.contains(keyword) {
                used.insert(keyword)
                current = index
            }
        }
        let followers = clauses.filter { !used.contains($0) }.map(\.rawValue)
        guard let current, let keyword = body[current].keyword else {
            candidates = body.isEmpty ? followers : []
            return
        }
        let segment = body[(current + 1)...]
        switch keyword {
        case .where:
            analyzeExpression(segment, entity, followers: followers)
        case .order, .group:
            guard segment.first?.keyword == .by else {
                candidates = segment.isEmpty ? ["by"] : []
                return
            }
            let key = Self.afterLast(.comma, in: segment.dropFirst())
            if key.isEmpty {
                candidates = Self.paths(of: entity)
            } else if key.count == 1 {
                candidates = (keyword == .order ? ["asc", "desc"] : []) + followers
            } else if key.count == 2, key.last?.keyword == .asc || key.last?.keyword == .desc {
                candidates = followers
            }
        case .select:
            if let open = Self.openBracket(in: segment), segment[open].isPunctuation(.leftParen) {
                candidates = segment[(open + 1)...].isEmpty ? Self.paths(of: entity) : []
                return
            }
            let item = Self.afterLast(.comma, in: segment)
            if item.isEmpty {
                candidates = Self.paths(of: entity) + ["count", "avg", "sum", "min", "max"]
            } else if item.last?.keyword != .as {
                candidates = (item.contains { $0.keyword == .as } ? [] : ["as"]) + followers
            }
        case .limit, .offset:
            candidates = segment.isEmpty ? [] : followers
        default:
            break
        }
    }

    // MARK: - Expressions

    /// A condition after `where`: fields and relation paths where an operand starts, keyword
    /// operators after a field, the field's values after `=`, then `and`, `or` and the
    /// clauses that may follow.
    private mutating func analyzeExpression(
        _ segment: ArraySlice<CompletionItem>, _ entity: Entity, followers: [String]
    ) {
        scope = entity
        if let open = Self.openBracket(in: segment) {
            analyzeBracket(segment, open: open, entity)
            return
        }
        let condition = Self.lastCondition(in: segment)
        let items = Array(condition)
        let operandStart = Self.paths(of: entity) + ["not", "any", "none", "count"]
        guard let first = items.first else {
            candidates = operandStart
            return
        }
        let complete = ["and", "or"] + followers
        guard let field = first.path else {
            // `any(...)`, `(...)` and `count(...) > 2` are whole conditions; after `count(...)`
            // comes an operator, which is not a word.
            let closed = items.last?.closes == true
            candidates = first.keyword == .count && closed ? [] : closed || items.count >= 3 ? complete : []
            return
        }
        switch items.count {
        case 1:
            let isBoolean = Self.field(field, in: entity)?.type == "boolean"
            candidates = ["in", "not", "is", "contains", "starts"] + (isBoolean ? complete : [])
        case 2:
            switch items[1].keyword {
            case .is: candidates = ["not", "null"]
            case .not: candidates = ["in"]
            case .starts: candidates = ["with"]
            case nil where items[1].isOperator: candidates = Self.values(of: field, in: entity)
            default: candidates = []
            }
        default:
            candidates = Self.afterOperand(items, complete: complete)
        }
    }

    /// The words after `FIELD OPERATOR ...` (three items or more): the rest of a time range
    /// (`last 30 days`, `this month`), `null` after `is not`, else `and`, `or` and what may
    /// follow the condition (`complete`).
    private static func afterOperand(_ items: [CompletionItem], complete: [String]) -> [String] {
        let last = items[items.count - 1]
        let timeStart = items.count >= 3 ? items[2].keyword : nil
        if items[1].keyword == .is { return last.keyword == .null ? complete : ["null"] }
        if items[1].keyword == .not || last.keyword == .in { return [] }
        if items.count == 3, timeStart == .this || timeStart == .last || timeStart == .next {
            return ["week", "month", "quarter", "year"]
        }
        if items.count == 4, timeStart == .last || timeStart == .next, last.isNumber {
            return ["days", "weeks", "months"]
        }
        return complete
    }

    /// Inside an open bracket of a condition: `any(`/`none(`/`count(` a relation and its own
    /// condition, `in (` the field's values, `(` a nested condition.
    private mutating func analyzeBracket(_ segment: ArraySlice<CompletionItem>, open: Int, _ entity: Entity) {
        let inside = segment[(open + 1)...]
        let before = open > segment.startIndex ? segment[open - 1] : nil
        switch before?.keyword {
        case .some(.any), .some(.none), .some(.count):
            guard let relation = inside.first?.path else {
                candidates =
                    inside.isEmpty ? ShellSchema.relations(of: entity).filter { $0.toMany }.map(\.name) : []
                return
            }
            guard let target = ShellSchema.target(of: relation, from: entity) else { return }
            scope = target
            if inside.count == 1 {
                candidates = ["where"]
            } else if inside[inside.startIndex + 1].keyword == .where {
                analyzeExpression(inside.dropFirst(2), target, followers: [])
            }
        case .in:
            let field = open - 2 >= segment.startIndex ? segment[open - 2].path : nil
            let notIn = open - 3 >= segment.startIndex && segment[open - 2].keyword == .not
            let name = notIn ? segment[open - 3].path : field
            let last = inside.last
            candidates =
                last == nil || last?.isPunctuation(.comma) == true ? Self.values(of: name, in: entity) : []
        default:
            analyzeExpression(inside, entity, followers: [])
        }
    }

    // MARK: - Schema words

    /// Fields of `entity` and its relation paths to one record (`customer.`): what may be
    /// named in a condition, `order by`, `group by` or `select`.
    private static func paths(of entity: Entity) -> [String] {
        ShellSchema.fields(of: entity).map(\.name)
            + ShellSchema.relations(of: entity).filter { !$0.toMany }.map { $0.name + "." }
    }

    /// The field a path names, following relations (`customer.tier`).
    private static func field(_ path: String, in entity: Entity) -> SchemaField? {
        var current = entity
        let parts = path.lowercased().split(separator: ".").map(String.init)
        for part in parts.dropLast() {
            guard let next = ShellSchema.target(of: part, from: current) else { return nil }
            current = next
        }
        return ShellSchema.fields(of: current).first { $0.name == parts.last }
    }

    /// What may be written as the value of `path`: its enum values, `true`/`false`, or the
    /// words that start a time.
    private static func values(of path: String?, in entity: Entity) -> [String] {
        guard let path, let field = field(path, in: entity) else { return [] }
        if !field.values.isEmpty { return field.values }
        switch field.type {
        case "boolean": return ["true", "false"]
        case "timestamp": return ["now", "today", "yesterday", "tomorrow", "this", "last", "next"]
        default: return []
        }
    }

    // MARK: - Item helpers

    /// The condition being typed: the items after the last `and`, `or` or leading `not` at the
    /// top level of `segment`.
    private static func lastCondition(in segment: ArraySlice<CompletionItem>) -> ArraySlice<CompletionItem> {
        var depth = 0
        var start = segment.startIndex
        for index in segment.indices {
            let item = segment[index]
            if item.opens { depth += 1 }
            if item.closes { depth = max(0, depth - 1) }
            guard depth == 0 else { continue }
            let leadingNot =
                item.keyword == .not
                && (index == start || [.and, .or, .not].contains(segment[index - 1].keyword))
            if item.keyword == .and || item.keyword == .or || leadingNot { start = index + 1 }
        }
        return segment[start...]
    }

    /// The index of the innermost bracket still open in `items`, or nil.
    private static func openBracket(in items: ArraySlice<CompletionItem>) -> Int? {
        var stack: [Int] = []
        for index in items.indices {
            if items[index].opens { stack.append(index) }
            if items[index].closes, !stack.isEmpty { stack.removeLast() }
        }
        return stack.last
    }

    /// The items after the last top-level `punctuation` in `items` (all of them if none).
    private static func afterLast(_ punctuation: TokenKind, in items: ArraySlice<CompletionItem>)
        -> ArraySlice<CompletionItem>
    {
        var depth = 0
        var start = items.startIndex
        for index in items.indices {
            if items[index].opens { depth += 1 }
            if items[index].closes { depth = max(0, depth - 1) }
            if depth == 0, items[index].isPunctuation(punctuation) { start = index + 1 }
        }
        return items[start...]
    }

    /// The keys given so far in an object (`{name: "A", tier: vip, `).
    private static func keys(in items: ArraySlice<CompletionItem>) -> [String] {
        items.indices.compactMap { index in
            index + 1 < items.endIndex && items[index + 1].isPunctuation(.colon) ? items[index].path : nil
        }
    }
}
