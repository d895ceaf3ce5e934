import CRMQuery
import Foundation

/// The read-run loop of the interactive shell: reads lines with the ``LineEditor``, runs
/// dot-commands and finished statements, and keeps going after errors.
final class ShellLoop {
    private let context: ShellContext
    private let editor: LineEditor
    private var pending = PendingInput()

    /// A loop running statements in `context`, reading with `editor`.
    init(context: ShellContext, editor: LineEditor) {
        self.context = context
        self.editor = editor
    }

    /// Reads and runs lines until `.quit` or Ctrl-D.
    func run() {
        while true {
            switch editor.readLine(prompt: pending.prompt) {
            case .endOfInput:
                context.say("")
                if pending.inBlock {
                    context.say("the open transaction was not committed; nothing of it was written")
                }
                return
            case .interrupted:
                context.say("")
                if pending.clear() {
                    context.say("the open transaction was discarded; nothing of it was written")
                }
            case .line(let line):
                if handle(line) == .quit { return }
            }
        }
    }

    private func handle(_ line: String) -> DotCommand.Outcome {
        if !pending.inStatement, line.drop(while: \.isWhitespace).hasPrefix(".") {
            editor.addHistory(line)
            do {
                return try DotCommand.execute(line, in: context)
            } catch {
                context.report(error)
                return .proceed
            }
        }
        switch pending.add(line) {
        case .incomplete:
            break
        case .kept(let statement):
            editor.addHistory(Self.historyEntry(statement))
        case .run(let text, let statement):
            editor.addHistory(Self.historyEntry(statement))
            context.run(text, fileName: "<shell>")
        case .rejected(let statement):
            editor.addHistory(Self.historyEntry(statement))
            context.run(statement, fileName: "<shell>")
            context.say("the transaction is still open: go on, or end it with commit or rollback")
        }
        return .proceed
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
