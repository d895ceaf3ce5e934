import ArgumentParser
import CRMEngine
import CRMQuery
import CRMStore
import Foundation

/// Where a script comes from: `-c` statements, a `-f` file, or standard input.
struct ScriptSource {
    /// The name errors use: the file's path, `<stdin>`, or `<command line>`.
    let name: String
    let text: String

    static func read(commands: [String], file: String?) throws -> ScriptSource {
        if !commands.isEmpty {
            return ScriptSource(name: "<command line>", text: commands.joined(separator: "\n"))
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError(
                    "crm: cannot read \(file): \(FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")"
                )
                throw ExitStatus.usage
            }
            return ScriptSource(name: file, text: String(decoding: data, as: UTF8.self))
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return ScriptSource(name: "<stdin>", text: String(decoding: data, as: UTF8.self))
    }
}

/// Runs a script without a prompt or banner: results to stdout, errors to stderr as
/// `FILE:LINE:COL: error: ...` with the line and a caret.
enum ScriptMode {
    /// Runs `script`; returns whether every statement succeeded.
    static func run(_ script: ScriptSource, session: Session, format: OutputFormat, options: RunOptions)
        -> Bool
    {
        let printer = ResultPrinter(
            // A table on a terminal fits its width; piped output is never cut.
            writer: ResultWriter(
                format: format, maxWidth: TerminalStyle.outputWidth(), timeZone: session.timeZone),
            output: OutputChannel.standardOutput)
        let formatter = DiagnosticFormatter(fileName: script.name, source: script.text)
        let report = session.run(
            script.text, options: options, receiver: StatementBoundary(printer, formatter))
        printer.finishSection()
        OutputChannel.standardOutput.flush()
        if options.atomic && !report.succeeded {
            printError("crm: nothing was written (--atomic: the script runs whole or not at all)")
        }
        return report.succeeded
    }
}

/// Forwards rows to the printer and errors to standard error, in the order they happen.
final class StatementBoundary: ResultReceiver {
    let printer: ResultPrinter
    let formatter: DiagnosticFormatter

    init(_ printer: ResultPrinter, _ formatter: DiagnosticFormatter) {
        self.printer = printer
        self.formatter = formatter
    }

    func section(title: String?, columns: [String]) { printer.section(title: title, columns: columns) }
    func row(_ values: [FieldValue]) { printer.row(values) }
    func failed(_ error: QueryError) {
        printer.finishSection()
        printError(formatter.format(error.diagnostic))
    }
}
