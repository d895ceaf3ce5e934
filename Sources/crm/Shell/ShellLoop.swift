import CRMQuery
import Foundation

/// The read-run loop of the interactive shell: reads lines with the ``LineEditor``, runs
/// dot-commands and finished statements, and keeps going after errors.
///
/// A line that starts with a clause keyword (`where`, `select`, `order`, `group`, `limit`,
/// `offset`, `with`, `and`, `or`) continues the statement before it: while it is being
/// typed (or pasted), and also after a statement that only reads has run, which then runs
/// again with the new clause (`count customers`, then `group by tier`).
final class ShellLoop {
    private let context: ShellContext
    private let editor: LineEditor
    private var pending = PendingInput()
    /// The last statement that ran, when it only read: a clause on the next line continues it.
    private var lastRead: String?

    /// A loop running statements in `context`, reading with `editor`.
    init(context: ShellContext, editor: LineEditor) {
        self.context = context
        self.editor = editor
    }

    /// The prompt: `...> ` inside a statement, `txn> ` inside a transaction, else `crm> `.
    private var prompt: String {
        pending.inStatement ? "...> " : context.inTransaction ? "txn> " : "crm> "
    }

    /// Reads and runs lines until `.quit` or Ctrl-D.
    func run() {
        while true {
            editor.pendingText = pending.text
            editor.inTransaction = context.inTransaction
            editor.customFields = context.customFieldNames()
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                if pending.isHeld { runPending() }
                context.say("")
                context.endTransaction(because: "the shell ended")
                return
            case .interrupted:
                context.say("")
                pending.clear()
                if context.inTransaction {
                    context.say("the transaction is still open: end it with commit or rollback")
                }
            case .line(let line):
                if handle(line) == .quit {
                    context.endTransaction(because: "the shell ended")
                    return
                }
            }
        }
    }

    private func handle(_ line: String) -> DotCommand.Outcome {
        if pending.isHeld && !continuesStatement(line) { runPending() }
        if !pending.inStatement, line.drop(while: \.isWhitespace).hasPrefix(".") {
            editor.addHistory(line)
            do {
                return try DotCommand.execute(line, in: context)
            } catch {
                context.report(error)
                return .proceed
            }
        }
        if !pending.inStatement, let lastRead, continuesStatement(line) {
            pending.resume(lastRead)
        }
        switch pending.add(line) {
        case .incomplete:
            break
        case .invalid:
            runPending()
        case .complete:
            // Pasted text: the next line is already waiting, and may go on with this statement.
            if editor.hasTypeahead {
                pending.hold()
            } else {
                runPending()
            }
        }
        return .proceed
    }

    /// Runs the pending text and remembers it when it only read.
    private func runPending() {
        let text = pending.clear()
        editor.addHistory(Self.historyEntry(text))
        let succeeded = context.run(text, fileName: "<shell>")
        lastRead = succeeded && Self.onlyReads(text) ? text : nil
    }

    /// Whether `text` is statements that only read (find, count, get, history, explain).
    private static func onlyReads(_ text: String) -> Bool {
        let parsed = Parser.parse(text)
        return parsed.isValid && !parsed.script.statements.isEmpty
            && parsed.script.statements.allSatisfy { statement in
                switch statement.kind {
                case .find, .count, .get, .history: true
                default: false
                }
            }
    }

    /// A statement typed over several lines becomes one history entry: its lines joined
    /// with spaces, unless a comment or a string could span a line break.
    private static func historyEntry(_ statement: String) -> String {
        guard statement.contains("\n"), !statement.contains("--"), !statement.contains("\"") else {
            return statement
        }
        return statement.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
