import CRMEngine
import CRMQuery

extension CompletionContext {
    /// A condition after `where`: fields and relation paths where an operand starts, keyword
    /// operators after a field, the field's values after `=`, then `and`, `or` and the
    /// clauses that may follow.
    mutating func analyzeExpression(
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
    static func afterOperand(_ items: [CompletionItem], complete: [String]) -> [String] {
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
    mutating func analyzeBracket(_ segment: ArraySlice<CompletionItem>, open: Int, _ entity: Entity) {
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
    static func paths(of entity: Entity) -> [String] {
        ShellSchema.fields(of: entity).map(\.name)
            + ShellSchema.relations(of: entity).filter { !$0.toMany }.map { $0.name + "." }
    }

    /// The field a path names, following relations (`customer.tier`).
    static func field(_ path: String, in entity: Entity) -> SchemaField? {
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
    static func values(of path: String?, in entity: Entity) -> [String] {
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
    static func lastCondition(in segment: ArraySlice<CompletionItem>) -> ArraySlice<CompletionItem> {
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
    static func openBracket(in items: ArraySlice<CompletionItem>) -> Int? {
        var stack: [Int] = []
        for index in items.indices {
            if items[index].opens { stack.append(index) }
            if items[index].closes, !stack.isEmpty { stack.removeLast() }
        }
        return stack.last
    }

    /// The items after the last top-level `punctuation` in `items` (all of them if none).
    static func afterLast(_ punctuation: TokenKind, in items: ArraySlice<CompletionItem>)
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
    static func keys(in items: ArraySlice<CompletionItem>) -> [String] {
        items.indices.compactMap { index in
            index + 1 < items.endIndex && items[index + 1].isPunctuation(.colon) ? items[index].path : nil
        }
    }
}
