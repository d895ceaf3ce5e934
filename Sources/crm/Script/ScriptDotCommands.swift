import CRMEngine
import CRMQuery

/// The dot-commands a script may use, taken from the shell's one table (``DotCommand/all``),
/// so that a script's `.param` is the shell's: `.param`, `.tz`, `.now`, `.calendar`, `.format` (and its
/// sqlite3 name `.mode`), `.expanded`, `.output`, `.timer`, and `.read`, which runs the file's
/// statements inside the script (in its transaction, if one is open). The others (`.help`,
/// `.schema`, `.stats`, `.pager`, `.chart`, `.quit`) are for a person at the shell and are
/// errors in a script.
final class ScriptDotCommands: DotCommandHandler {
    /// The state the commands change: session, format, destination, timer.
    let context: ShellContext
    /// The printer that follows the format, destination and timer.
    let printer: ScriptPrinter

    /// The commands a script may use, in `.help`'s order.
    static let allowed = [
        "format", "mode", "expanded", "timer", "now", "tz", "calendar", "param", "read", "output",
    ]

    /// Commands run in `context`, printing with `printer`.
    init(context: ShellContext, printer: ScriptPrinter) {
        self.context = context
        self.printer = printer
    }

    func run(dotCommand line: String, in scriptName: String) -> DotCommandOutcome {
        let arguments = DotCommandArguments(line)
        let name = arguments.name.lowercased()
        guard Self.allowed.contains(name), let command = DotCommand.named(name) else {
            let list = Self.allowed.map { "." + $0 }.joined(separator: ", ")
            if DotCommand.named(name) != nil {
                return .failed("'.\(name)' is for the interactive shell; a script may use \(list)")
            }
            let suggestion = Suggestion.closest(to: name, among: Self.allowed)
            return .failed(
                "unknown dot-command '.\(arguments.name)'"
                    + (suggestion.map { " (did you mean '.\($0)'?)" } ?? " (a script may use \(list))"))
        }
        printer.printer.finishSection()
        if name == "read" {
            guard let path = arguments[0] else { return .failed("usage: .read FILE") }
            do {
                let input = try FileInput(path: path)
                return .read(StatementReader(input: input, name: path))
            } catch {
                return .failed("cannot read \(path): \(error.reason)")
            }
        }
        do {
            _ = try command.run(arguments, context)
        } catch {
            return .failed(error.message)
        }
        follow()
        return .done
    }

    /// Makes the printer follow the context: format, table style, zone, destination, timer.
    func follow() {
        printer.printer.writer = Self.writer(for: context)
        printer.printer.output = context.destination.stream
        printer.timer = context.timer
    }

    /// The writer for `context`'s output settings: a table fitted to the terminal when it
    /// goes there (piped output is never cut), timestamps in the session's zone.
    static func writer(for context: ShellContext) -> ResultWriter {
        context.output.writer(
            maxWidth: context.destination.isTerminal ? TerminalStyle.outputWidth() : nil,
            time: context.session.timeContext)
    }
}
