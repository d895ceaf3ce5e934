import CRMEngine
import CRMQuery
import CRMStore

/// Prints a shell statement's rows and errors as they come; after Ctrl-C it stops printing
/// rows and counts those left out.
final class ShellReceiver: StatementAwareReceiver {
    private let printer: ResultPrinter
    private let formatter: DiagnosticFormatter
    private let style: TerminalStyle
    /// Rows not printed because Ctrl-C was pressed.
    private(set) var rowsSkipped = 0
    /// The result of the last grouped statement (`group by`), for `.chart`.
    private(set) var grouped: ResultSet?
    /// Whether the main section of the current statement is being kept for `.chart`.
    private var keeping = false
    /// Whether the current statement is grouped, so its main section is kept.
    private var statementIsGrouped = false
    /// Whether rows are kept without being printed (a statement ending in `chart`).
    var quiet = false

    /// The most rows kept for a chart: no one reads a longer one.
    static let chartRowLimit = 10_000

    /// A receiver printing with `printer` and reporting errors with `formatter`.
    init(printer: ResultPrinter, formatter: DiagnosticFormatter, style: TerminalStyle) {
        self.printer = printer
        self.formatter = formatter
        self.style = style
    }

    /// Tells the printer whose sections come next.
    func statementWillSend(_ statement: Statement) {
        printer.statementWillSend(statement)
        statementIsGrouped = Self.isGrouped(statement)
    }

    /// Starts a section, unless Ctrl-C was pressed.
    func section(title: String?, columns: [String]) {
        guard !Interrupt.isPending else { return }
        keeping = statementIsGrouped && title == nil
        if keeping { grouped = ResultSet(columns: columns) }
        if !quiet { printer.section(title: title, columns: columns) }
    }

    /// Whether `statement` has a `group by`.
    private static func isGrouped(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .count(let count): !count.groupBy.isEmpty
        case .find(let find): !find.groupBy.isEmpty
        default: false
        }
    }

    /// Prints (or holds) a row, unless Ctrl-C was pressed; then counts it as not shown.
    func row(_ values: [FieldValue]) {
        guard !Interrupt.isPending else {
            rowsSkipped += 1
            return
        }
        if keeping, let count = grouped?.rows.count, count < Self.chartRowLimit {
            grouped?.rows.append(values)
        }
        if !quiet { printer.row(values) }
    }

    /// A row as the record read in place: printed from its bytes unless it is also held
    /// for a chart (or Ctrl-C was pressed).
    func row(record: RecordRow) throws {
        guard !keeping, !Interrupt.isPending else {
            row(try record.values())
            return
        }
        if !quiet { try printer.row(record: record) }
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

    /// Prints a syntax error with its source line and caret.
    func report(_ diagnostic: Diagnostic) {
        finish()
        printError(style.error(formatter.format(diagnostic)))
    }

    /// Prints what is held of the current section and flushes. After Ctrl-C, the rows a
    /// table still holds (its first rows, measured before they are printed) are dropped
    /// instead and counted as not shown, so the person who pressed Ctrl-C does not get a
    /// flood.
    func finish() {
        if Interrupt.isPending {
            rowsSkipped += printer.abandonSection()
        } else {
            printer.finishSection()
        }
        printer.flush()
    }
}
