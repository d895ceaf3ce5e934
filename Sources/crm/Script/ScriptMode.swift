import ArgumentParser
import CRMEngine
import CRMQuery
import CRMStore
import Foundation

/// Where a script comes from: `-c` statements, a `-f` file, or standard input; read a
/// statement at a time, never whole.
enum ScriptSource {
    /// A reader of the `-c` statements, else the `-f` file, else standard input.
    ///
    /// - Throws: exit status 64 (with a message) when the `-f` file cannot be opened.
    static func reader(commands: [String], file: String?) throws -> StatementReader {
        if !commands.isEmpty {
            return StatementReader(text: commands.joined(separator: "\n"), name: "<command line>")
        }
        if let file {
            do {
                return StatementReader(input: try FileInput(path: file), name: file)
            } catch {
                printError("crm: cannot read \(file): \(error.reason)")
                throw ExitStatus.usage
            }
        }
        return StatementReader(input: FileInput(descriptor: 0), name: "<stdin>")
    }
}

/// Runs a script without a prompt or banner, a statement at a time as it is read: results to
/// stdout as they come, errors to stderr as `FILE:LINE:COL: error: ...` with the line and a
/// caret, and after a failure a line saying how many statements ran and how many were
/// skipped. The same path runs standard input, `-f`, `-c` and the shell's `.read`.
enum ScriptMode {
    /// What printing a script looks like.
    struct Printing {
        /// The output format, table style and expanded mode to start with (`.format`,
        /// `.mode` and `.expanded` may change them).
        var output: OutputSettings
        /// Whether writes print nothing (`--quiet-writes`).
        var quietWrites = false
    }

    /// Runs `reader`'s script on `session`; returns whether every statement succeeded.
    static func run(_ reader: StatementReader, session: Session, printing: Printing, options: RunOptions)
        -> Bool
    {
        let context = ShellContext(
            session: session, output: printing.output, style: TerminalStyle(colourErrors: false))
        let report = run(reader, context: context, printing: printing, options: options)
        context.close()
        if !report.succeeded,
            options.atomic || report.statementsRun + report.statementsSkipped + report.failures > 1
        {
            // One statement that failed needs no count of what ran and what was skipped.
            printError(summary(report, options: options))
        }
        return report.succeeded
    }

    /// `.read FILE` at the interactive shell: the file's statements, run and printed as a
    /// script is (stopping at the first error), in the shell's format and destination.
    ///
    /// - Throws: `ShellError` when the file cannot be opened.
    @discardableResult
    static func read(_ path: String, in context: ShellContext) throws(ShellError) -> Bool {
        let input: FileInput
        do {
            input = try FileInput(path: path)
        } catch {
            throw ShellError("cannot read \(path): \(error.reason)")
        }
        var reader = StatementReader(input: input, name: path)
        if context.inTransaction { return readInTransaction(&reader, context: context) }
        // Ctrl-C in a long file returns at once: the rest is not read to be counted.
        let options = RunOptions(stopOnError: true, countsSkipped: false)
        let report = run(
            reader, context: context, printing: Printing(output: context.output), options: options)
        return report.succeeded
    }

    /// `.read` after `begin` at the shell: the open transaction holds the store's write lock,
    /// so the file's statements run in it, as if typed, a piece at a time as the file is
    /// read; the first error stops the file (a statement that fails rolls the transaction
    /// back, as it does when typed).
    private static func readInTransaction(_ reader: inout StatementReader, context: ShellContext) -> Bool {
        while true {
            let chunk: ScriptChunk?
            do {
                chunk = try reader.next()
            } catch {
                context.report(ShellError("cannot read \(reader.name) to its end: \(error)"))
                return false
            }
            guard let chunk else { return true }
            switch chunk.content {
            case .dotCommand(let line):
                do {
                    _ = try DotCommand.execute(line, in: context)
                } catch {
                    context.report(error)
                    return false
                }
            case .statements:
                guard context.run(chunk.text, fileName: reader.name, firstLine: chunk.firstLine) else {
                    return false
                }
            }
        }
    }

    private static func run(
        _ reader: StatementReader, context: ShellContext, printing: Printing, options: RunOptions
    ) -> RunReport {
        let session = context.session
        let printer = ScriptPrinter(
            printer: ResultPrinter(
                writer: ScriptDotCommands.writer(for: context), output: context.destination.stream),
            quietWrites: printing.quietWrites, style: context.style)
        let dotCommands = ScriptDotCommands(context: context, printer: printer)
        dotCommands.follow()
        var options = options
        options.keepsEntries = false
        let report = session.run(reader, options: options, receiver: printer, dotCommands: dotCommands)
        printer.finish()
        return report
    }

    /// The line after a failed script: `crm: stopped at the first error: 41 statements ran,
    /// 58 were skipped`.
    static func summary(_ report: RunReport, options: RunOptions) -> String {
        let ran = count(report.statementsRun, "statement") + (report.statementsRun == 1 ? " ran" : " ran")
        let skipped = "\(report.statementsSkipped) \(report.statementsSkipped == 1 ? "was" : "were") skipped"
        let failed = count(report.failures, "error")
        if options.atomic {
            return "crm: nothing was written (--atomic: the script runs whole or not at all): "
                + "\(ran) and \(report.statementsRun == 1 ? "was" : "were") rolled back, \(failed), \(skipped)"
        }
        let rolledBack =
            report.statementsRolledBack > 0
            ? " (\(report.statementsRolledBack) of them rolled back with their transaction)" : ""
        if options.stopOnError {
            return "crm: stopped at the first error: \(ran)\(rolledBack), \(skipped)"
        }
        return "crm: \(failed); \(ran)\(rolledBack), \(skipped)"
    }

    /// `1 statement`, `2 statements`.
    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    // MARK: - A database that is not there

    /// What to do about a database file that does not exist, by the script's first statement.
    enum MissingDatabase {
        /// The script writes first: create the file.
        case create
        /// The script only reads (or has no statement): there is nothing to read.
        case noDatabase
    }

    /// Looks at how the script starts (reading ahead, running nothing): a first statement
    /// that writes (`insert`, `update`, `delete`, `begin`), or a `.read` before any statement
    /// (whose file cannot be judged before it runs), creates the file; a first statement that
    /// reads, a syntax error, or no statement at all does not.
    static func missingDatabase(_ reader: inout StatementReader) -> MissingDatabase {
        var index = 0
        while let chunk = try? reader.peek(at: index) {
            switch chunk.content {
            case .dotCommand(let line):
                if DotCommandArguments(line).name.lowercased() == "read" { return .create }
                index += 1
            case .statements(let parsed):
                let first = parsed.script.statements.first
                if let diagnostic = parsed.diagnostics.first,
                    first.map({ diagnostic.range.start.offset < $0.range.start.offset }) ?? true
                {
                    return .noDatabase
                }
                guard let first else {
                    index += 1
                    continue
                }
                switch first.kind {
                case .insert, .update, .delete, .begin: return .create
                default: return .noDatabase
                }
            }
        }
        return .noDatabase
    }
}
