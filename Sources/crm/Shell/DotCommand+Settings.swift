import CRMEngine
import CRMQuery
import CRMStore
import Foundation

extension DotCommand {
    /// `.now`: shows the clock, or fixes it (`.now 2026-11-25T12:00:00Z`), or frees it
    /// (`.now system`).
    static func setNow(_ text: String, _ context: ShellContext) throws(ShellError) {
        let session = context.session
        if text.isEmpty {
            let clock = session.fixedNow == nil ? "system clock" : "fixed"
            context.say("now: \(session.timeContext.format(session.timeContext.now)) (\(clock))")
        } else if text.lowercased() == "system" {
            session.fixedNow = nil
        } else if let instant = session.timeContext.parseInstant(text) {
            session.fixedNow = instant
        } else {
            throw ShellError("'\(text)' is not a time (write 2026-11-25, 2026-11-25T12:00:00Z or system)")
        }
    }

    /// `.format [NAME]` and `.mode [NAME]`: shows the format, or sets it (a table style or
    /// `line` for tables; `line` shows every record expanded, and the other table styles go
    /// back to expanding only what does not fit).
    static func setFormat(_ name: String?, _ context: ShellContext) throws(ShellError) {
        guard let name else {
            let expanded =
                context.output.format == .table ? ", expanded \(context.output.expanded.rawValue)" : ""
            context.say("format: \(context.output.name)\(expanded)")
            return
        }
        guard let display = DisplayFormat(rawValue: name.lowercased()) else {
            let suggestion = Suggestion.closest(to: name, among: DisplayFormat.allCases.map(\.rawValue))
            throw ShellError(
                "unknown format '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                    + "; expected \(DisplayFormat.names)")
        }
        context.output = OutputSettings(display)
    }

    /// `.param set NAME VALUE`, `.param unset NAME`, `.param list`, `.param clear`.
    static func param(_ arguments: DotCommandArguments, _ context: ShellContext) throws(ShellError) {
        let session = context.session
        switch arguments[0]?.lowercased() {
        case "set":
            guard let name = arguments[1].map(parameterName), arguments.words.count >= 3 else {
                throw ShellError("usage: .param set NAME VALUE")
            }
            try checkName(name)
            session.parameters.named[name] = parameterValue(arguments.text(after: 2))
        case "unset":
            guard let name = arguments[1].map(parameterName), arguments.words.count == 2 else {
                throw ShellError("usage: .param unset NAME")
            }
            guard session.parameters.named.removeValue(forKey: name) != nil else {
                throw ShellError("no parameter $\(name) is set")
            }
        case "list", nil:
            let named = session.parameters.named.sorted { $0.key < $1.key }
            context.say(
                named.isEmpty
                    ? "no parameters are set"
                    : named.map { "$\($0.key) = \(describe($0.value))" }.joined(separator: "\n"))
        case "clear":
            session.parameters.named.removeAll()
        case let other?:
            let suggestion = Suggestion.closest(to: other, among: ["set", "unset", "list", "clear"])
            throw ShellError(
                "unknown .param command '\(other)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                    + "; use set, unset, list or clear")
        }
    }

    /// `$name` and `name` name the same parameter.
    private static func parameterName(_ word: String) -> String {
        word.hasPrefix("$") ? String(word.dropFirst()) : word
    }

    private static func checkName(_ name: String) throws(ShellError) {
        let valid =
            !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && !(name.first?.isNumber ?? true)
        if !valid { throw ShellError("'\(name)' is not a parameter name (letters, digits and _)") }
    }

    /// The value `.param set` binds: an integer, an exact decimal, `true`/`false`, a
    /// `"quoted string"` (escapes `\" \\ \n \t`), else the text as a string.
    static func parameterValue(_ text: String) -> FieldValue {
        if let integer = Int64(text) { return .integer(integer) }
        if text.first?.isNumber ?? false || text.first == "-", let decimal = ExactDecimal(parsing: text) {
            return .decimal(decimal)
        }
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return .string(text) }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return .string(result)
    }

    /// A bound value as `.param list` shows it: strings quoted.
    private static func describe(_ value: FieldValue) -> String {
        if case .string(let text) = value {
            return "\""
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "\"", with: "\\\"")
                + "\""
        }
        return value.description
    }

    /// `.tables`: each kind of record and how many there are, as sqlite3's `.tables` names
    /// the tables.
    static func tables(_ context: ShellContext) throws(ShellError) {
        let statistics: StoreStatistics
        do {
            statistics = try context.session.store.statistics()
        } catch {
            throw ShellError("cannot count the records: \(error)")
        }
        let counts = [
            (Entity.customer, statistics.customers), (.interaction, statistics.interactions),
            (.promise, statistics.promises),
        ]
        let nameWidth = counts.map(\.0.plural.count).max() ?? 0
        let countWidth = counts.map { String($0.1).count }.max() ?? 0
        context.say(
            counts.map { entity, count in
                let number = String(count)
                return entity.plural + String(repeating: " ", count: nameWidth - entity.plural.count + 2)
                    + String(repeating: " ", count: countWidth - number.count) + number
            }.joined(separator: "\n") + "\n(.schema ENTITY lists the fields of one)")
    }

    /// `.schema [ENTITY]`: each field with its type, then the relations.
    static func schema(_ name: String?, _ context: ShellContext) throws(ShellError) {
        var entities = Entity.allCases
        if let name {
            guard let entity = Entity(name: name) else {
                let suggestion = Suggestion.closest(to: name, among: Entity.spellings)
                throw ShellError(
                    "unknown entity '\(name)'"
                        + (suggestion.map { " (did you mean '\($0)'?)" }
                            ?? " (customer, interaction or promise)"))
            }
            entities = [entity]
        }
        let text = entities.map { entity in
            let fields = ShellSchema.fields(of: entity)
            let width = (fields.map(\.name.count).max() ?? 0) + 2
            var lines = ["\(entity.singular):"]
            for field in fields {
                var type = field.values.isEmpty ? field.type : field.values.joined(separator: " | ")
                if field.required { type += " (required)" }
                if field.derived {
                    type += " (derived, read-only)"
                } else if !field.writable {
                    type += " (set by the store)"
                }
                lines.append(
                    "  " + field.name + String(repeating: " ", count: width - field.name.count) + type)
            }
            for field in (try? SchemaCatalog.customFields(of: entity, in: context.session.store)) ?? [] {
                let type = field.type + (field.indexed ? " (declared, indexed)" : " (declared)")
                lines.append(
                    "  " + field.name + String(repeating: " ", count: max(1, width - field.name.count)) + type
                )
            }
            let relations = ShellSchema.relations(of: entity).map(\.name).joined(separator: ", ")
            lines.append("  relations: \(relations); custom fields: attrs.NAME")
            return lines.joined(separator: "\n")
        }
        context.say(text.joined(separator: "\n\n"))
    }
}
