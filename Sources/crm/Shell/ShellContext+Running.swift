import CRMEngine
import CRMQuery

extension ShellContext {
    /// Runs the statements of `text` one at a time, stopping at the first that fails; errors
    /// name `fileName`. Returns whether all succeeded.
    ///
    /// `begin` opens a transaction that stays open across lines: each statement after it runs
    /// inside it at once and shows its result, and `commit` or `rollback` ends it (as
    /// sqlite3's `BEGIN`). A statement that fails inside rolls the whole transaction back; a
    /// syntax error runs nothing and leaves it open. Statements before a syntax error run;
    /// then the error is reported.
    ///
    /// `chart` after a grouped statement (`count interactions group by kind chart`) draws its
    /// result as a bar chart instead of a table; `chart` alone draws the last grouped result.
    /// `firstLine` is the line of `fileName` that `text` starts on (for a piece of a file).
    @discardableResult
    func run(_ text: String, fileName: String, firstLine: Int = 1) -> Bool {
        switch ChartRequest(text) {
        case .none:
            return run(text, fileName: fileName, quiet: false, firstLine: firstLine)
        case .alone:
            return drawChart(nil)
        case .after(let statement):
            guard Self.isGrouped(statement) else {
                if Parser.parse(statement).isValid {
                    report(
                        ShellError(
                            "chart draws a grouped result: add group by (count interactions group by kind chart)"
                        ))
                    return false
                }
                return run(text, fileName: fileName, quiet: false)
            }
            return run(statement, fileName: fileName, quiet: true) && drawChart(nil)
        }
    }

    /// Draws the last grouped result as a bar chart of `column` (default: its last number
    /// column), or reports why it cannot; returns whether it drew.
    @discardableResult
    func drawChart(_ column: String?) -> Bool {
        do throws(ShellError) {
            try chart(column)
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// Whether `text` is one statement with `group by`.
    private static func isGrouped(_ text: String) -> Bool {
        let parsed = Parser.parse(text)
        guard parsed.isValid, parsed.script.statements.count == 1 else { return false }
        switch parsed.script.statements.first?.kind {
        case .count(let count): return !count.groupBy.isEmpty
        case .find(let find): return !find.groupBy.isEmpty
        default: return false
        }
    }

    /// Runs `text`; with `quiet`, results are kept for `.chart` but not printed.
    private func run(_ text: String, fileName: String, quiet: Bool, firstLine: Int = 1) -> Bool {
        let parsed = Parser.parse(text)
        let writer = output.writer(
            maxWidth: destination.isTerminal ? TerminalStyle.outputWidth() : nil, time: session.timeContext)
        let paged = pagedOutput()
        let receiver = ShellReceiver(
            printer: ResultPrinter(writer: writer, output: paged ?? destination.stream),
            formatter: DiagnosticFormatter(fileName: fileName, source: text, firstLine: firstLine),
            style: style)
        receiver.quiet = quiet
        defer { if let grouped = receiver.grouped { lastGrouped = grouped } }
        let firstError = parsed.diagnostics.first
        for statement in parsed.script.statements {
            if let firstError, statement.range.start.offset >= firstError.range.start.offset { break }
            var one = parsed
            one.script.statements = [statement]
            one.diagnostics = []
            let started = ContinuousClock.now
            let succeeded = run(one, statement, receiver: receiver)
            receiver.finish()
            paged?.endStatement()
            if timer { say("time: \(Self.describe(ContinuousClock.now - started))") }
            if Interrupt.take() {
                let skipped = receiver.rowsSkipped
                say("interrupted: output stopped" + (skipped > 0 ? " (\(skipped) rows not shown)" : ""))
                return false
            }
            if !succeeded { return false }
        }
        guard let firstError else { return true }
        receiver.report(firstError)
        if inTransaction { say("the transaction is still open: go on, or end it with commit or rollback") }
        return false
    }

    /// Runs `statement` (the only one of `parsed`): in the open transaction if there is one.
    private func run(_ parsed: ParseResult, _ statement: Statement, receiver: ShellReceiver) -> Bool {
        if case .begin = statement.kind, !inTransaction {
            do {
                transaction = try session.begin(at: statement.range)
                return true
            } catch {
                receiver.failed(error)
                return false
            }
        }
        guard let transaction, transaction.isOpen else {
            return session.run(output.prepared(parsed), options: RunOptions(), receiver: receiver).succeeded
        }
        let report = transaction.run(output.prepared(parsed), receiver: receiver)
        if !transaction.isOpen {
            self.transaction = nil
            if !report.succeeded { say("the transaction was rolled back: nothing of it was written") }
        }
        return report.succeeded
    }

    /// Rolls back a transaction left open when the shell ends, saying so.
    func endTransaction(because reason: String) {
        guard let transaction, transaction.isOpen else { return }
        transaction.rollback()
        self.transaction = nil
        say("the open transaction was not committed (\(reason)); nothing of it was written")
    }
}
