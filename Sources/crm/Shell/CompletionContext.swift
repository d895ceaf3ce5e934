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
    var candidates: [String] = []
    /// The entity whose fields a `customer.ti` path starts from.
    var scope: Entity?

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

    mutating func analyzeStatement(_ items: ArraySlice<CompletionItem>, inTransaction: Bool) {
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
    static func entityNames(after verb: Keyword?) -> [String] {
        switch verb {
        case .find, .count: Entity.allCases.map(\.plural)
        case .get, .insert, .history: Entity.allCases.map(\.singular)
        case .update, .delete: Entity.spellings
        default: []
        }
    }

    /// `get ENTITY ID [with REL(...), ...]`.
    mutating func analyzeGet(_ body: ArraySlice<CompletionItem>, _ entity: Entity) {
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
    mutating func analyzeInsert(_ body: ArraySlice<CompletionItem>, _ entity: Entity) {
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
    mutating func analyzeChange(_ body: ArraySlice<CompletionItem>, _ entity: Entity, isUpdate: Bool) {
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
    mutating func analyzeClauses(
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
}
