import CRMEngine
import CRMQuery
import CRMStore

/// Prints a shell statement's rows and errors as they come; after Ctrl-C it stops printing
/// rows and counts those left out.
final class ShellReceiver: ResultReceiver {
    private let printer: ResultPrinter
    private let formatter: DiagnosticFormatter
    private let style: TerminalStyle
    /// Rows not printed because Ctrl-C was pressed.
    private(set) var rowsSkipped = 0
    /// Rows handed to the printer since its section began.
    private var rowsInSection = 0

    /// A receiver printing with `printer` and reporting errors with `formatter`.
    init(printer: ResultPrinter, formatter: DiagnosticFormatter, style: TerminalStyle) {
        self.printer = printer
        self.formatter = formatter
        self.style = style
    }

    /// Starts a section, unless Ctrl-C was pressed.
    func section(title: String?, columns: [String]) {
        guard !Interrupt.isPending else { return }
        printer.section(title: title, columns: columns)
        rowsInSection = 0
    }

    /// Prints (or holds) a row, unless Ctrl-C was pressed; then counts it as not shown.
    func row(_ values: [FieldValue]) {
        guard !Interrupt.isPending else {
            rowsSkipped += 1
            return
        }
        printer.row(values)
        rowsInSection += 1
    }

    /// Prints what came before, then the error with its source line and caret.
    func failed(_ error: QueryError) {
        finish()
        if error.diagnostic.id == .storeDamaged {
            printError(style.error("crm: " + DamageReport.message(error.diagnostic.message)))
        } else {
            printError(style.error(formatter.format(error.diagnostic)))
        }
    }

    /// Prints what is held of the current section and flushes. After Ctrl-C, a table or
    /// JSON section (which is printed whole at its end) is dropped instead: its rows are
    /// counted as not shown, so the person who pressed Ctrl-C does not get a flood.
    func finish() {
        let held = printer.writer.format == .table || printer.writer.format == .json
        if Interrupt.isPending && held {
            rowsSkipped += rowsInSection
        } else {
            printer.finishSection()
        }
        rowsInSection = 0
        printer.output.flush()
    }
}
