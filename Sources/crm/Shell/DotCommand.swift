import CRMQuery

/// A shell command that starts with a dot (`.help`, `.format json`): its name, the arguments
/// it takes, its help text and what it does, all in one table (``DotCommand/all``) so that
/// `.help` and TAB completion cannot drift from the code, as in SQLite's shell.
struct DotCommand: Sendable {
    /// What the shell does after a command.
    enum Outcome {
        /// Read the next line.
        case proceed
        /// Leave the shell.
        case quit
    }

    /// The name without the dot: `help`.
    let name: String
    /// The arguments as `.help` shows them: `[table|json|jsonl|csv]`.
    let arguments: String
    /// One line on what the command does.
    let help: String
    /// Words TAB offers for each argument position.
    let argumentWords: [[String]]
    /// Whether the first argument is a file name (TAB completes file names).
    let completesFiles: Bool
    /// Runs the command with its arguments in the shell's state.
    let run: @Sendable (DotCommandArguments, ShellContext) throws(ShellError) -> Outcome

    /// A command called `name` taking `arguments`, with `help`, TAB words for its arguments,
    /// and what it does.
    init(
        _ name: String, _ arguments: String, _ help: String, words: [[String]] = [], files: Bool = false,
        run: @escaping @Sendable (DotCommandArguments, ShellContext) throws(ShellError) -> Outcome
    ) {
        self.name = name
        self.arguments = arguments
        self.help = help
        self.argumentWords = words
        self.completesFiles = files
        self.run = run
    }

    /// The command called `name` (without the dot, ignoring case), or nil.
    static func named(_ name: String) -> DotCommand? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered }
    }

    /// `.help`'s text: one line per command, usage then help, aligned; then where to find
    /// help on the language.
    static var helpText: String {
        let usages = all.map(\.usage)
        let width = usages.map(\.count).max() ?? 0
        return zip(usages, all).map { usage, command in
            usage + String(repeating: " ", count: width - usage.count + 2) + command.help
        }.joined(separator: "\n") + "\n\n" + HelpTopic.index
    }

    /// `.name arguments`, as `.help` shows it.
    var usage: String { "." + name + (arguments.isEmpty ? "" : " " + arguments) }

    /// `.help [NAME]`: the list of commands, or the help of a statement, topic or command.
    ///
    /// - Throws: `ShellError` for a name that is none of them (with a suggestion).
    static func help(_ name: String?, _ context: ShellContext) throws(ShellError) {
        guard let name else {
            context.say(helpText)
            return
        }
        if !name.hasPrefix("."), let topic = HelpTopic.named(name) {
            context.say(topic.description)
            return
        }
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if let command = named(bare) {
            context.say(command.usage + "\n\n" + command.help)
            return
        }
        let names = HelpTopic.all.map(\.name) + all.map { "." + $0.name }
        let suggestion = Suggestion.closest(to: name, among: names)
        throw ShellError(
            "no help on '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "\n"
                + HelpTopic.index)
    }

    /// Runs the dot-command written on `line` (which starts with `.`).
    ///
    /// - Throws: `ShellError` for an unknown command (with a suggestion) or bad arguments.
    static func execute(_ line: String, in context: ShellContext) throws(ShellError) -> Outcome {
        let arguments = DotCommandArguments(line)
        guard let command = named(arguments.name) else {
            let suggestion = Suggestion.closest(to: arguments.name, among: all.map(\.name))
            throw ShellError(
                "unknown dot-command '.\(arguments.name)'"
                    + (suggestion.map { " (did you mean '.\($0)'?)" } ?? " (.help lists them)"))
        }
        return try command.run(arguments, context)
    }
}
