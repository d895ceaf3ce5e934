import CRMEngine
import CRMQuery
import CRMStore

/// Prints what a script's statements send: rows in the chosen format (every format
/// streams), a write's result as one command tag in table format, nothing at all for writes
/// with `--quiet-writes`, each statement's time after `.timer on`, and errors as
/// `FILE:LINE:COL: error: ...` with the line and a caret.
///
/// In `table` format an insert prints `insert customer 17` (the new record's id), an update
/// `update 3 promises`, a delete `delete 1 customer (cascade: 12 interactions, 3 promises)`,
/// as psql prints `INSERT 0 1`: a line a statement, cheap to make and to read in a log. `json`,
/// `jsonl` and `csv` print a write's rows as before (the inserted record; the ids updated or
/// deleted), so that a program reading them gets data it can parse.
final class ScriptPrinter: ScriptReceiver {
    /// Rows, in the format and to the destination the dot-commands choose.
    let printer: ResultPrinter
    /// Whether writes print nothing (`--quiet-writes`).
    let quietWrites: Bool
    /// Whether each statement's time is printed after it (`.timer on`).
    var timer = false
    private let style: TerminalStyle

    /// How the statement running now is printed.
    private enum Mode {
        case rows
        case tag(Tag)
        case quiet
    }

    /// The write a command tag reports: what it needs of the statement, without the
    /// statement's syntax tree (copied for every statement of a long script).
    private enum Tag {
        case insert(Entity)
        case update(Entity)
        case delete(Entity, cascade: Bool)

        /// The tag of `kind`, or nil for a statement that does not write.
        init?(_ kind: Statement.Kind) {
            switch kind {
            case .insert(let insert): self = .insert(insert.entity.entity)
            case .update(let update): self = .update(update.entity.entity)
            case .delete(let delete): self = .delete(delete.entity.entity, cascade: delete.cascade)
            default: return nil
            }
        }
    }

    private var mode = Mode.rows
    private var started = ContinuousClock.now
    private var tagColumns: [String] = []
    private var tagRows = 0
    private var tagID: FieldValue?
    private var cascaded: [Int64] = []

    /// A printer writing rows with `printer` and errors in `style`.
    init(printer: ResultPrinter, quietWrites: Bool, style: TerminalStyle) {
        self.printer = printer
        self.quietWrites = quietWrites
        self.style = style
    }

    func willRun(_ statement: Statement) {
        if timer { started = ContinuousClock.now }
        printer.statementWillSend(statement)
        switch Tag(statement.kind) {
        case let tag?:
            if quietWrites {
                mode = .quiet
            } else if printer.writer.format == .table {
                mode = .tag(tag)
                tagRows = 0
                tagID = nil
                cascaded = []
            } else {
                mode = .rows
            }
        case nil:
            mode = .rows
        }
    }

    func section(title: String?, columns: [String]) {
        switch mode {
        case .rows: printer.section(title: title, columns: columns)
        case .tag: tagColumns = columns
        case .quiet: break
        }
    }

    func row(record: RecordRow) throws {
        switch mode {
        case .rows: try printer.row(record: record)
        case .tag(.delete): row(try record.values())
        case .tag:
            // An insert's or update's tag needs the id alone, not the row's values.
            tagRows += 1
            if tagID == nil { tagID = .integer(record.id) }
        case .quiet: break
        }
    }

    func row(_ values: [FieldValue]) {
        switch mode {
        case .rows: printer.row(values)
        case .tag(let tag):
            tagRows += 1
            if tagID == nil, let index = tagColumns.firstIndex(of: "id"), index < values.count {
                tagID = values[index]
            }
            // A delete's row counts what its cascade erased.
            guard case .delete = tag else { return }
            let counts = values.dropFirst().map { value -> Int64 in
                if case .integer(let count) = value { count } else { 0 }
            }
            if cascaded.isEmpty { cascaded = Array(repeating: 0, count: counts.count) }
            for (index, count) in counts.enumerated() where index < cascaded.count {
                cascaded[index] += count
            }
        case .quiet: break
        }
    }

    func didRun(_ result: StatementResult) {
        switch mode {
        case .rows: printer.finishSection()
        case .tag(let tag):
            appendTag(tag, to: &printer.buffer)
            printer.flushIfFull()
        case .quiet: break
        }
        mode = .rows
        if timer {
            printer.finishSection()
            OutputChannel.standardOutput.write(
                "time: \(ShellContext.describe(ContinuousClock.now - started))\n")
        }
    }

    func failed(_ error: QueryError) {
        printer.finishSection()
        if error.diagnostic.id == .storeDamaged {
            printError(style.error("crm: " + DamageReport.message(error.diagnostic.message)))
        } else {
            printError(style.error("error: \(error.diagnostic.fullMessage)"))
        }
    }

    func failed(_ error: QueryError, in chunk: ScriptChunk, of scriptName: String) {
        printer.finishSection()
        mode = .rows
        // Damage is the file's, not the statement's: no line and caret, but what to do.
        if error.diagnostic.id == .storeDamaged {
            printError(style.error("crm: " + DamageReport.message(error.diagnostic.message)))
            return
        }
        let formatter = DiagnosticFormatter(
            fileName: scriptName, source: chunk.text, firstLine: chunk.firstLine)
        printError(style.error(formatter.format(error.diagnostic)))
    }

    /// In table format, a `find` without `select` shows its entity's default columns, as in
    /// the shell; the other formats keep every field, so what programs read never changes.
    func prepared(_ statement: Statement) -> Statement {
        printer.writer.format == .table ? DefaultColumns.applied(to: statement) : statement
    }

    /// Writes out what is buffered, so that a program feeding statements one at a time sees
    /// each answer before it sends the next.
    func waitingForInput() {
        printer.flush()
        OutputChannel.standardOutput.flush()
    }

    /// Ends what is open and writes out what is buffered.
    func finish() {
        printer.finishSection()
        printer.flush()
        OutputChannel.standardOutput.flush()
    }

    /// Appends `insert customer 17`, `update 3 promises` or `delete 1 customer (cascade: 2
    /// promises)` and a line break: a line per write, made without a `String` in between.
    private func appendTag(_ tag: Tag, to out: inout [UInt8]) {
        switch tag {
        case .insert(let entity):
            out.append(contentsOf: "insert ".utf8)
            out.append(contentsOf: entity.singular.utf8)
            out.append(UInt8(ascii: " "))
            if case .integer(let id)? = tagID {
                out.append(contentsOf: String(id).utf8)
            } else if let tagID {
                out.append(contentsOf: tagID.description.utf8)
            }
        case .update(let entity):
            out.append(contentsOf: "update ".utf8)
            out.append(contentsOf: Self.count(tagRows, entity).utf8)
        case .delete(let entity, let cascade):
            out.append(contentsOf: "delete ".utf8)
            out.append(contentsOf: Self.count(tagRows, entity).utf8)
            let relations = tagColumns.dropFirst()
            if cascade && !relations.isEmpty {
                // The columns name the relations in the plural: `1 promise`, `2 promises`.
                let parts = zip(relations, cascaded).map { relation, count in
                    "\(count) \(count == 1 ? Entity(name: relation)?.singular ?? relation : relation)"
                }
                out.append(contentsOf: " (cascade: \(parts.joined(separator: ", ")))".utf8)
            }
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// `1 promise`, `3 promises`.
    private static func count(_ count: Int, _ entity: Entity) -> String {
        "\(count) \(count == 1 ? entity.singular : entity.plural)"
    }
}
