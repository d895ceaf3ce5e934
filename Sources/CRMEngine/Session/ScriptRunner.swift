import CRMQuery
import CRMStore

/// Runs a script as a ``StatementReader`` reads it, one statement at a time: reads in read
/// transactions (streaming their rows), writes in write transactions, and `begin ... commit`
/// blocks and atomic scripts each in one write transaction that reads its statements as it
/// goes. Memory does not grow with the script: what ran is counted, not kept (unless the
/// report keeps entries), and rows go to the receiver as they are produced.
///
/// A write transaction may have to run again when the store's map must grow (see
/// `Store.write`). The statements it ran are then read again from the reader, and what they
/// already sent to the receiver is not sent twice. That needs a reader that can go back (text
/// in memory, a file) and no dot-command inside the transaction (its effects cannot be taken
/// back); otherwise the transaction fails and nothing of it is written. The `crm` command opens
/// stores with a map large enough that this does not happen (see `StoreOpener`).
final class ScriptRunner {
    let session: Session
    let callParameters: Parameters
    let options: RunOptions
    let dotCommands: DotCommandHandler?
    let delivery: Delivery
    private(set) var report = RunReport()

    /// The script's reader, then the reader of each `.read` file being run inside it.
    private var readers: [ChunkSource]
    /// The steps of the chunk being run (as places in its statements and diagnostics), and
    /// the next one to take.
    private var steps: [StepPlace] = []
    private var statements: [Statement] = []
    /// The records of the chunk's inserts bound on the reading thread, by statement index
    /// (empty when none was).
    private var preboundInserts: [RecordValues?] = []
    private var diagnostics: [Diagnostic] = []
    private var nextStepIndex = 0
    var chunk = ScriptChunk(content: .dotCommand(""), text: "", firstLine: 1, startOffset: 0)
    /// The parameters statements see: the session's, overridden by the call's.
    var parameters = Parameters()
    /// Inside a transaction, the results entered when it commits.
    private var heldEntries: [RunReport.Entry]?

    /// A runner of what `reader` reads (nil for ``runOne(_:source:)``).
    init(
        session: Session, reader: StatementReader?, parameters: Parameters, options: RunOptions,
        receiver: ResultReceiver?, dotCommands: DotCommandHandler?
    ) {
        self.session = session
        self.callParameters = parameters
        self.options = options
        self.dotCommands = dotCommands
        self.delivery = Delivery(receiver)
        self.readers = reader.map { [ChunkSource($0, prefetching: $0.readsInput)] } ?? []
        mergeParameters()
    }

    /// Runs one statement of `source` (parsed already, not a transaction statement) in a
    /// transaction of its own: the common call from a program (`Session.execute`), without
    /// a reader's work.
    func runOne(_ statement: Statement, source: String) -> RunReport {
        chunk = ScriptChunk(content: .dotCommand(""), text: source, firstLine: 1, startOffset: 0)
        _ = runAlone(statement)
        return report
    }

    /// One thing to do, in script order: a statement, a syntax error, or a dot-command.
    private enum Step {
        /// A statement, and the record it inserts when that was bound ahead.
        case statement(Statement, prebound: RecordValues?)
        case syntaxError(Diagnostic)
        case dotCommand(String)

    }

    /// Where a step is in the chunk: the chunk's references are kept by the chunk alone, so
    /// that a chunk retired to the reading thread is freed there.
    private enum StepPlace {
        case statement(Int)
        case syntaxError(Int)
        case dotCommand
    }

    /// The name errors give the script being read now.
    private var scriptName: String { readers.last?.name ?? "" }

    // MARK: - The script

    /// Runs the script to its end, or to its first error when stopping on errors.
    func run() -> RunReport {
        if options.atomic {
            if !runTransaction(opening: nil) { skipRest() }
            return report
        }
        while let step = nextStep() {
            let ok: Bool
            switch step {
            case .syntaxError(let diagnostic): ok = fail(QueryError(diagnostic))
            case .dotCommand(let line): ok = runDotCommand(line)
            case .statement(let statement, let prebound):
                switch statement.kind {
                case .begin: ok = runTransaction(opening: statement)
                case .commit, .rollback:
                    ok = fail(
                        QueryError(
                            .transactionState,
                            "\(statement.kind) without begin (there is no transaction to end)",
                            at: statement.range))
                default: ok = runAlone(statement, prebound: prebound)
                }
            }
            if !ok && options.stopOnError {
                skipRest()
                break
            }
        }
        return report
    }

    /// The next step, reading the next chunk when the current one is done; nil at the end.
    /// Within a transaction begun in the reader at `depth` (1 for the script), the end of
    /// that reader is the end: a block in a `.read` file must end in that file.
    private func nextStep(within depth: Int = 0) -> Step? {
        while nextStepIndex >= steps.count {
            guard !readers.isEmpty, readers.count >= depth else { return nil }
            let next: PreparedChunk?
            do {
                next = try readers[readers.count - 1].next { delivery.waitingForInput() }
            } catch {
                let name = scriptName
                readers.removeLast()
                load(
                    PreparedChunk(
                        chunk: ScriptChunk(content: .dotCommand(""), text: "", firstLine: 1, startOffset: 0)))
                _ = fail(
                    QueryError(
                        .unreadableScript, "cannot read \(name) to its end: \(error)",
                        at: SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))),
                    name: name)
                continue
            }
            guard let next else {
                if readers.count == depth { return nil }
                readers.removeLast()
                continue
            }
            load(next, from: readers.last)
        }
        defer { nextStepIndex += 1 }
        switch steps[nextStepIndex] {
        case .statement(let index):
            return .statement(
                statements[index], prebound: index < preboundInserts.count ? preboundInserts[index] : nil)
        case .syntaxError(let index): return .syntaxError(diagnostics[index])
        case .dotCommand:
            if case .dotCommand(let line) = chunk.content { return .dotCommand(line) }
            return .dotCommand("")
        }
    }

    /// Makes `next` the chunk being run: its statements and syntax errors in source order.
    /// The chunk before goes back to its source, to be freed on the reading thread.
    private func load(_ prepared: PreparedChunk, from source: ChunkSource? = nil) {
        let next = prepared.chunk
        source?.retire(PreparedChunk(chunk: chunk, inserts: preboundInserts))
        chunk = next
        preboundInserts = prepared.inserts
        nextStepIndex = 0
        steps.removeAll(keepingCapacity: true)
        switch next.content {
        case .dotCommand(let line):
            statements = []
            diagnostics = []
            if !line.isEmpty { steps.append(.dotCommand) }
        case .statements(let parsed):
            statements = parsed.script.statements
            diagnostics = parsed.diagnostics
            steps.append(contentsOf: statements.indices.map { .statement($0) })
            if !diagnostics.isEmpty {
                steps.append(contentsOf: diagnostics.indices.map { .syntaxError($0) })
                // Stable: a statement and a diagnostic at one offset keep their order.
                let offsets = steps.map { place -> Int in
                    switch place {
                    case .statement(let index): statements[index].range.start.offset
                    case .syntaxError(let index): diagnostics[index].range.start.offset
                    case .dotCommand: 0
                    }
                }
                steps = steps.indices.sorted { (offsets[$0], $0) < (offsets[$1], $1) }.map { steps[$0] }
            }
        }
    }

    /// After a stop: counts the statements left (in this chunk, the rest of the script and
    /// any `.read` file open), reading them but running none.
    private func skipRest() {
        guard options.countsSkipped else {
            readers.removeAll()
            return
        }
        while nextStepIndex < steps.count {
            if case .statement = steps[nextStepIndex] { report.statementsSkipped += 1 }
            nextStepIndex += 1
        }
        while !readers.isEmpty {
            while let next = try? readers[readers.count - 1].next(beforeWaiting: {}) {
                if case .statements(let parsed) = next.chunk.content {
                    report.statementsSkipped += parsed.script.statements.count
                }
            }
            readers.removeLast()
        }
    }

    /// After a block failed: skips its statements up to its `commit` or `rollback` (or the
    /// end of the reader it began in), counting them as skipped.
    private func skipBlockRest(within depth: Int) {
        while readers.count > depth { readers.removeLast() }
        while let step = nextStep(within: depth) {
            guard case .statement(let statement, _) = step else { continue }
            report.statementsSkipped += 1
            switch statement.kind {
            case .commit, .rollback: return
            default: continue
            }
        }
    }

    // MARK: - Dot-commands

    /// Runs a dot-command through the handler; `.read` pushes the file's reader.
    private func runDotCommand(_ line: String) -> Bool {
        let range = lineRange(line)
        guard let dotCommands else {
            return fail(
                QueryError(
                    .dotCommand, "dot-commands such as '\(line)' are for the crm command, not the Swift API",
                    at: range))
        }
        switch dotCommands.run(dotCommand: line, in: scriptName) {
        case .done:
            mergeParameters()
            return true
        case .failed(let message):
            return fail(QueryError(.dotCommand, message, at: range))
        case .read(let nested):
            readers.append(ChunkSource(nested, prefetching: nested.readsInput))
            return true
        }
    }

    /// The range of a dot-command's text on its line, in the chunk.
    private func lineRange(_ line: String) -> SourceRange {
        let leading = line.prefix { $0 == " " || $0 == "\t" }.count
        return SourceRange(
            start: SourceLocation(offset: leading, line: 1, column: leading + 1),
            end: SourceLocation(offset: line.utf8.count, line: 1, column: line.count + 1))
    }

    private func mergeParameters() {
        var merged = session.parameters
        merged.named.merge(callParameters.named) { _, call in call }
        if !callParameters.positional.isEmpty { merged.positional = callParameters.positional }
        parameters = merged
    }

    // MARK: - One statement

    private func runAlone(_ statement: Statement, prebound: RecordValues? = nil) -> Bool {
        let now = session.timeContext
        delivery.willRun(statement)
        do {
            let executed: ExecutedStatement
            if statement.writes {
                let buffered = try session.store.write { tx in
                    try execute(statement, tx, now: now, receiver: BufferingReceiver(), prebound: prebound)
                }
                executed = buffered
                succeeded(buffered.replay(to: delivery.target == nil ? nil : delivery))
            } else {
                executed = try session.store.read { tx in
                    try execute(
                        statement, tx, now: now,
                        receiver: delivery.target == nil ? BufferingReceiver() : ForwardingReceiver(delivery))
                }
                succeeded(executed.replay(to: nil))
            }
            return true
        } catch {
            return fail(Self.queryError(error, statement))
        }
    }

    /// Counts and enters (or holds, inside a transaction) a statement's result.
    private func succeeded(_ result: StatementResult) {
        let moved = chunk.moved(result)
        report.statementsRun += 1
        delivery.didRun(moved)
        guard options.keepsEntries else { return }
        if heldEntries != nil {
            heldEntries?.append(.result(moved))
        } else {
            report.entries.append(.result(moved))
        }
    }

    // MARK: - Transactions

    /// Why a transaction ended.
    private enum Ending {
        case commit(Statement?)
        case rollback(Statement)
    }

    /// Thrown inside the write closure to abort it: a statement failed (already recorded),
    /// or `rollback` was asked for.
    private struct Abort: Error {}

    /// Runs a `begin ... commit` block (`begin` given) or the whole atomic script (nil) in one
    /// write transaction, reading its statements as it goes. Returns whether it committed
    /// (or rolled back as asked).
    private func runTransaction(opening begin: Statement?) -> Bool {
        let beginChunk = chunk
        // `begin` is entered with the block's results, when it commits.
        let beginEntry = begin.map { announce($0) }
        // Where to read from again if the store runs the closure a second time.
        let depth = readers.count
        // Read again from the chunk's start, skipping the steps before the next one (by
        // offset: a block of lines may be cut another way when read again).
        let replay: (mark: StatementReader.Mark, skipBefore: Int?) =
            nextStepIndex < steps.count
            ? (chunk.mark, scriptOffset(of: steps[nextStepIndex])) : (readers[depth - 1].position, nil)
        let reportBefore = report
        var attempts = 0
        var ranDotCommand = false
        var failure: (error: QueryError, chunk: ScriptChunk, name: String)?
        var ending: Ending?
        delivery.startTransaction()
        defer { heldEntries = nil }
        do {
            try session.store.write { tx in
                attempts += 1
                failure = nil
                ending = nil
                heldEntries = []
                if attempts > 1 {
                    report = reportBefore
                    guard !ranDotCommand, readers.count == depth, rewind(to: replay, depth: depth) else {
                        failure = (
                            QueryError(
                                .storeRejected,
                                "the transaction outgrew the store's map after its statements were read from a "
                                    + "stream that cannot be read again, so nothing of it was written (split it "
                                    + "into smaller transactions)",
                                at: begin?.range
                                    ?? SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))),
                            beginChunk, scriptName
                        )
                        throw Abort()
                    }
                    delivery.replayTransaction()
                }
                var now = session.timeContext
                while let step = nextStep(within: depth) {
                    switch step {
                    case .syntaxError(let diagnostic):
                        failure = (QueryError(diagnostic), chunk, scriptName)
                        throw Abort()
                    case .dotCommand(let line):
                        ranDotCommand = true
                        guard runDotCommand(line, failure: &failure) else { throw Abort() }
                        now = session.timeContext
                    case .statement(let statement, let prebound):
                        switch statement.kind {
                        case .begin:
                            let message =
                                begin == nil
                                ? "begin in an atomic script (the whole script is already one transaction)"
                                : "begin inside a transaction (commit or roll back the first one)"
                            failure = (
                                QueryError(.transactionState, message, at: statement.range), chunk, scriptName
                            )
                            throw Abort()
                        case .commit, .rollback:
                            guard begin != nil else {
                                failure = (
                                    QueryError(
                                        .transactionState,
                                        "\(statement.kind) in an atomic script (the whole script is already one transaction)",
                                        at: statement.range), chunk, scriptName
                                )
                                throw Abort()
                            }
                            if case .rollback = statement.kind {
                                ending = .rollback(statement)
                                throw Abort()
                            }
                            ending = .commit(statement)
                            return
                        default:
                            delivery.willRun(statement)
                            do {
                                let executed = try execute(
                                    statement, tx, now: now,
                                    receiver: delivery.target == nil
                                        ? BufferingReceiver() : ForwardingReceiver(delivery),
                                    prebound: prebound)
                                succeeded(executed.replay(to: nil))
                            } catch {
                                failure = (Self.queryError(error, statement), chunk, scriptName)
                                throw Abort()
                            }
                        }
                    }
                }
                // The end of the script (or of the `.read` file that holds the block).
                guard let begin else {
                    ending = .commit(nil)
                    return
                }
                failure = (
                    QueryError(
                        .transactionState,
                        "begin without commit: the script ended inside a transaction, so nothing of it was written",
                        at: begin.range), beginChunk, scriptName
                )
                throw Abort()
            }
        } catch {
            if case .rollback(let statement)? = ending, failure == nil {
                report.statementsRolledBack += report.statementsRun - reportBefore.statementsRun
                enter(beginEntry, heldEntries ?? [], announce(statement))
                return true
            }
            report.statementsRolledBack += report.statementsRun - reportBefore.statementsRun
            if let failure {
                let reported = fail(failure.error, in: failure.chunk, name: failure.name)
                // The rest of a failed block belongs to it: skipped, up to its end.
                if begin != nil { skipBlockRest(within: depth) }
                return reported
            }
            // The commit itself failed: no statement is to blame, so point at the start.
            let cause = Self.queryError(error, nil)
            return fail(
                QueryError(
                    cause.diagnostic.id,
                    (begin == nil ? "the script's transaction" : "the transaction")
                        + " could not be committed: \(cause.diagnostic.message)",
                    at: begin?.range ?? SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1))),
                in: beginChunk, name: readers.first?.name ?? "")
        }
        var end: StatementResult?
        if case .commit(let statement?)? = ending { end = announce(statement) }
        enter(beginEntry, heldEntries ?? [], end)
        return true
    }

    /// Runs a dot-command inside a transaction; on failure records it in `failure`.
    private func runDotCommand(
        _ line: String, failure: inout (error: QueryError, chunk: ScriptChunk, name: String)?
    ) -> Bool {
        let range = lineRange(line)
        guard let dotCommands else {
            failure = (
                QueryError(
                    .dotCommand, "dot-commands such as '\(line)' are for the crm command, not the Swift API",
                    at: range),
                chunk, scriptName
            )
            return false
        }
        switch dotCommands.run(dotCommand: line, in: scriptName) {
        case .done:
            mergeParameters()
            return true
        case .failed(let message):
            failure = (QueryError(.dotCommand, message, at: range), chunk, scriptName)
            return false
        case .read(let nested):
            readers.append(ChunkSource(nested, prefetching: nested.readsInput))
            return true
        }
    }

    /// `begin`, `commit` or `rollback` as a result of its own (no sections): counted and
    /// sent to the receiver, and returned to be entered with the block.
    private func announce(_ statement: Statement) -> StatementResult {
        delivery.willRun(statement)
        let result = chunk.moved(
            StatementResult(
                kind: statement.verb, sections: [], statistics: ExecutionStatistics(),
                range: statement.range))
        report.statementsRun += 1
        delivery.didRun(result)
        return result
    }

    /// Enters a finished block: its `begin`, its statements' results, its end.
    private func enter(_ begin: StatementResult?, _ body: [RunReport.Entry], _ end: StatementResult?) {
        heldEntries = nil
        guard options.keepsEntries else { return }
        if let begin { report.entries.append(.result(begin)) }
        report.entries.append(contentsOf: body)
        if let end { report.entries.append(.result(end)) }
    }

    /// Goes back to where a transaction began, to run it again.
    private func rewind(to replay: (mark: StatementReader.Mark, skipBefore: Int?), depth: Int) -> Bool {
        guard readers.count == depth, readers[depth - 1].rewind(to: replay.mark) else { return false }
        steps.removeAll()
        nextStepIndex = 0
        guard let skipBefore = replay.skipBefore else { return true }
        while true {
            guard let again = try? readers[depth - 1].next(beforeWaiting: {}) else { return false }
            load(again)
            while nextStepIndex < steps.count && scriptOffset(of: steps[nextStepIndex]) < skipBefore {
                nextStepIndex += 1
            }
            if nextStepIndex < steps.count { return true }
        }
    }

    /// Where a step of the current chunk starts in the whole script.
    private func scriptOffset(of place: StepPlace) -> Int {
        switch place {
        case .statement(let index): chunk.startOffset + statements[index].range.start.offset
        case .syntaxError(let index): chunk.startOffset + diagnostics[index].range.start.offset
        case .dotCommand: chunk.startOffset
        }
    }

    // MARK: - Failures

    /// Reports an error of the current chunk; returns false, for `ok = fail(...)`.
    private func fail(_ error: QueryError, name: String? = nil) -> Bool {
        fail(error, in: chunk, name: name ?? scriptName)
    }

    private func fail(_ error: QueryError, in chunk: ScriptChunk, name: String) -> Bool {
        let moved = chunk.moved(error)
        report.failures += 1
        if options.keepsEntries { report.entries.append(.error(moved)) }
        delivery.failed(moved, in: chunk, of: name)
        return false
    }
}
