import CRMQuery

/// What TAB offers for the word under the cursor: keywords, entity names, the fields and
/// relations of the statement's entity, enum values, dot-commands and their arguments.
///
/// A pure function of the text, so it can be reasoned about apart from libedit:
///
///     Completer.complete(word: "ov", before: "find promises where ")  // .words(["overdue"])
///     Completer.complete(word: ".he", before: "")                      // .words([".help"])
enum Completer {
    /// The candidates for a word.
    enum Completion: Equatable {
        /// These words, each starting with the word typed (ignoring case).
        case words([String])
        /// File names (libedit's own completion): for `.read` and `.output`.
        case files
    }

    /// The words that begin a statement and are followed by an entity name.
    private static let verbs: Set<String> = ["find", "count", "get", "update", "delete", "insert", "history"]

    /// The candidates for `word`, given the text of the line before it.
    static func complete(word: String, before: String) -> Completion {
        let lead = before.drop { $0.isWhitespace }
        if lead.isEmpty, word.hasPrefix(".") {
            return .words(matching(word, DotCommand.all.map { "." + $0.name }))
        }
        if lead.hasPrefix(".") { return completeArgument(word: word, before: String(lead)) }
        let words = identifiers(in: before)
        let entity = statementEntity(words)
        if let dot = word.lastIndex(of: ".") {
            return .words(
                completePath(
                    head: String(word[..<dot]), tail: String(word[word.index(after: dot)...]), entity))
        }
        if let last = words.last?.lowercased(), verbs.contains(last), before.last?.isWhitespace ?? false {
            return .words(matching(word, Entity.spellings))
        }
        if let values = enumValuesExpected(before: before, words: words, entity: entity) {
            return .words(matching(word, values))
        }
        var pool = Lexer.keywords
        if let entity {
            pool += ShellSchema.fields(of: entity).map(\.name) + ShellSchema.relations(of: entity).map(\.name)
            pool += ShellSchema.fields(of: entity).flatMap(\.values)
        } else {
            pool += Entity.spellings + ShellSchema.allFieldNames + ShellSchema.allEnumValues
        }
        return .words(matching(word, pool))
    }

    /// The words of `pool` that start with `word` (ignoring case), sorted, without repeats.
    private static func matching(_ word: String, _ pool: [String]) -> [String] {
        let lowered = word.lowercased()
        return Array(Set(pool.filter { $0.lowercased().hasPrefix(lowered) })).sorted()
    }

    /// The arguments of a dot-command: the words its table entry lists, or file names.
    private static func completeArgument(word: String, before: String) -> Completion {
        let parts = before.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = parts.first, let command = DotCommand.named(String(name.dropFirst())) else {
            return .words([])
        }
        let position = parts.count - 1
        if command.completesFiles && position == 0 { return .files }
        guard position < command.argumentWords.count else { return .words([]) }
        return .words(matching(word, command.argumentWords[position]))
    }

    /// `customer.ti` -> `customer.tier`: the fields of the entity the path leads to.
    private static func completePath(head: String, tail: String, _ entity: Entity?) -> [String] {
        var current = entity
        for (index, part) in head.split(separator: ".").enumerated() {
            if let from = current, let next = ShellSchema.target(of: String(part), from: from) {
                current = next
            } else if index == 0, let named = Entity(name: String(part)) {
                current = named
            } else {
                return []
            }
        }
        guard let current else { return [] }
        let names =
            ShellSchema.fields(of: current).map(\.name) + ShellSchema.relations(of: current).map(\.name)
        return matching(tail, names).map { head + "." + $0 }
    }

    /// The entity of the statement being typed: the word after its last verb.
    private static func statementEntity(_ words: [String]) -> Entity? {
        guard let verb = words.lastIndex(where: { verbs.contains($0.lowercased()) }), verb + 1 < words.count
        else { return nil }
        return Entity(name: words[verb + 1])
    }

    /// The values of an enum field when the text ends in `FIELD =`, `FIELD !=` or
    /// `FIELD in (a, `; nil otherwise.
    private static func enumValuesExpected(before: String, words: [String], entity: Entity?) -> [String]? {
        let trimmed = before.reversed().drop { $0.isWhitespace }
        guard let lastCharacter = trimmed.first, "=(,".contains(lastCharacter) else { return nil }
        let candidates = words.reversed().drop { word in
            ShellSchema.allEnumValues.contains(word.lowercased()) || word.lowercased() == "in"
        }
        guard let field = candidates.first?.lowercased() else { return nil }
        let name = field.split(separator: ".").last.map(String.init) ?? field
        let entities = field.contains(".") ? Entity.allCases : entity.map { [$0] } ?? Entity.allCases
        let values = entities.flatMap { ShellSchema.fields(of: $0) }.first { $0.name == name }?.values ?? []
        return values.isEmpty ? nil : values
    }

    /// The words of `text`: runs of letters, digits, `_` and `.`.
    private static func identifiers(in text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }.map(String.init)
    }
}
