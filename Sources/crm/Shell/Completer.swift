import CRMQuery

/// What TAB offers for the word under the cursor: the words the grammar allows where the
/// cursor stands (``CompletionContext``), dotted paths through relations, dot-commands and
/// their arguments.
///
/// A pure function of the text, so it can be reasoned about apart from libedit:
///
///     Completer.complete(word: "ov", before: "find promises where ")  // .words(["overdue"])
///     Completer.complete(word: "", before: "find promises where tier = ")  // no: tier is a customer's
///     Completer.complete(word: ".he", before: "")                      // .words([".help"])
enum Completer {
    /// The candidates for a word.
    enum Completion: Equatable {
        /// These words, each starting with the word typed (ignoring case).
        case words([String])
        /// File names (libedit's own completion): for `.read` and `.output`.
        case files
    }

    /// The candidates for `word`, given the text of the statement before it (earlier lines
    /// of an unfinished statement included); `inTransaction` offers `commit` and `rollback`
    /// instead of `begin`; `customFields` are the names the store declares (`define field`),
    /// offered after `attrs.`.
    static func complete(
        word: String, before: String, inTransaction: Bool = false, customFields: [Entity: [String]] = [:]
    ) -> Completion {
        let lead = before.drop { $0.isWhitespace }
        if lead.isEmpty, word.hasPrefix(".") {
            return .words(matching(word, DotCommand.all.map { "." + $0.name }))
        }
        if lead.hasPrefix(".") { return completeArgument(word: word, before: String(lead)) }
        let context = CompletionContext(before: before, inTransaction: inTransaction)
        if let dot = word.lastIndex(of: ".") {
            return .words(
                completePath(
                    head: String(word[..<dot]), tail: String(word[word.index(after: dot)...]), context.scope,
                    customFields))
        }
        return .words(matching(word, context.candidates))
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

    /// `customer.ti` -> `customer.tier`: the fields of the entity the path leads to, and its
    /// relations to one record with a dot to go on.
    private static func completePath(
        head: String, tail: String, _ entity: Entity?, _ customFields: [Entity: [String]]
    ) -> [String] {
        var current = entity
        let parts = head.split(separator: ".")
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, part.lowercased() == "attrs", let from = current {
                return matching(tail, customFields[from] ?? []).map { head + "." + $0 }
            }
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
            ShellSchema.fields(of: current).map(\.name)
            + ShellSchema.relations(of: current).filter { !$0.toMany }.map { $0.name + "." }
        return matching(tail, names).map { head + "." + $0 }
    }
}
