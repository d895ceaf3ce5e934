import CRMQuery
import CRMStore
import Foundation

/// Runs query-language statements against a store, with a session clock, time zone and
/// bound parameters: the engine behind the `crm` shell and the API for Swift programs.
///
///     let session = Session(store: store)
///     let overdue = try session.execute("find promises where overdue and owner = $o", parameters: ["o": "li.wei"])
///     for row in overdue[0].rows { print(row) }
///
/// Each statement happens whole or not at all. `begin ... commit` in a script runs as one
/// write transaction: an error inside rolls the whole block back.
public final class Session {
    /// The store the statements run against.
    public let store: Store
    /// The time zone for dates, ranges such as `today`, and printed times.
    public var timeZone: TimeZone
    /// A fixed "now" (`--now`, `.now`); nil to read the store's clock for each statement.
    public var fixedNow: Timestamp?
    /// Parameters set for the session (the shell's `.param`); a call's own parameters win.
    public var parameters = Parameters()
    /// Asked now and then while a statement runs; when it returns true the statement stops
    /// with a `.cancelled` error and nothing of it is written (the shell's Ctrl-C).
    public var isCancelled: @Sendable () -> Bool = { false }
    /// Whether the planner may answer conditions from indexes (the default). Turning it off
    /// makes every statement read whole tables: a debugging switch, used by the tests to
    /// prove that the planner's index choices never change an answer.
    public var usesIndexes = true
    /// The working calendar `+Nbd`, `+Nbh` and `working_days(a, b)` count on; nil for the
    /// standard one: Monday to Friday, 09:00-18:00, in ``timeZone``, with no holidays.
    ///
    ///     session.workingCalendar = try WorkingCalendar(
    ///         name: "cn", zone: "Asia/Shanghai", days: ["mon", "tue", "wed", "thu", "fri"],
    ///         hours: "09:00-12:00, 13:30-18:00")
    public var workingCalendar: WorkingCalendar?
    /// The stored calendar `+Nbd`, `+Nbh` and `working_days` count on when
    /// ``workingCalendar`` is nil (`crm --calendar NAME`, the shell's `.calendar NAME`); nil:
    /// the store's calendar named `default`, else the standard one. A name the store does not
    /// hold is an error for every statement, so a typo is not silently a different calendar.
    public var calendarName: String?
    /// Finds a calendar by name for `working_days(FROM, TO, "cn")`, reading it in the
    /// statement's transaction; nil when the store keeps no calendars (then every name is
    /// unknown). It returns nil for a name it does not know.
    public var calendarLookup: CalendarLookup?

    /// How a session finds a calendar by name, inside the transaction of the statement that
    /// names it.
    public typealias CalendarLookup = (_ name: String, _ transaction: ReadTransaction) throws ->
        WorkingCalendar?

    /// A session on `store` in `timeZone` (default: `TZ`, else UTC).
    public init(store: Store, timeZone: TimeZone? = nil, now: Timestamp? = nil) {
        self.store = store
        self.timeZone = timeZone ?? Session.defaultTimeZone
        self.fixedNow = now
        // Policies fire for every write to the store from now on, whatever makes it.
        store.install(PolicyTrigger())
    }

    /// The zone named by the `TZ` environment variable, else UTC.
    public static var defaultTimeZone: TimeZone {
        if let name = ProcessInfo.processInfo.environment["TZ"], let zone = TimeContext.timeZone(named: name)
        {
            return zone
        }
        return TimeZone(identifier: "UTC") ?? TimeZone.current
    }

    /// The session's time: its clock reading now, its zone and its working calendar.
    public var timeContext: TimeContext {
        TimeContext(now: fixedNow ?? store.options.clock(), timeZone: timeZone, calendar: workingCalendar)
    }

    /// Runs every statement of `source` and returns their results.
    ///
    /// - Throws: the first `QueryError`: a syntax error anywhere (then nothing runs), or the
    ///   first statement that fails (statements before it have run and stay done, unless
    ///   inside its `begin ... commit` block).
    public func execute(_ source: String, parameters: Parameters = Parameters()) throws(QueryError)
        -> [StatementResult]
    {
        let parsed = parse(source)
        if let first = parsed.diagnostics.first { throw QueryError(first) }
        let report = run(parsed, parameters: parameters, options: RunOptions(), receiver: nil)
        if let error = report.errors.first { throw error }
        return report.results
    }

    /// Runs a script and reports each statement's result or error in source order. With a
    /// `receiver`, rows are sent to it as they are produced (a large `find` is never held
    /// whole) and the results carry no rows.
    ///
    /// The script is read and run a statement at a time, as ``run(_:parameters:options:receiver:dotCommands:)``
    /// runs a reader.
    public func run(
        _ source: String,
        parameters: Parameters = Parameters(),
        options: RunOptions = RunOptions(),
        receiver: ResultReceiver? = nil
    ) -> RunReport {
        // A short script is parsed whole, through the cache: a program that runs the same
        // statement again and again parses it once.
        if source.utf8.count <= Self.cachedSourceLimit {
            let parsed = parse(source)
            if parsed.isValid {
                return run(parsed, parameters: parameters, options: options, receiver: receiver)
            }
        }
        return run(
            StatementReader(text: source, name: ""), parameters: parameters, options: options,
            receiver: receiver)
    }

    /// Parsed statements by their text: a program that runs the same statement again and
    /// again (with other parameters) parses it once. Short statements only, and a few hundred
    /// of them at most, so that scripts do not fill it.
    private var parsedStatements: [String: ParseResult] = [:]
    private static let cachedSourceLimit = 1024

    private func parse(_ source: String) -> ParseResult {
        guard source.utf8.count <= Self.cachedSourceLimit else { return Parser.parse(source) }
        if let cached = parsedStatements[source] { return cached }
        let parsed = Parser.parse(source)
        if parsedStatements.count >= 256 { parsedStatements.removeAll(keepingCapacity: true) }
        parsedStatements[source] = parsed
        return parsed
    }

    /// Runs already-parsed source.
    public func run(
        _ parsed: ParseResult,
        parameters: Parameters = Parameters(),
        options: RunOptions = RunOptions(),
        receiver: ResultReceiver? = nil
    ) -> RunReport {
        // One statement and nothing wrong: the common call from a program, run directly.
        if parsed.isValid, !options.atomic, parsed.script.statements.count == 1,
            let only = parsed.script.statements.first
        {
            switch only.kind {
            case .begin, .commit, .rollback: break
            default:
                let runner = ScriptRunner(
                    session: self, reader: nil, parameters: parameters, options: options, receiver: receiver,
                    dotCommands: nil)
                return runner.runOne(only, source: parsed.source)
            }
        }
        return run(
            StatementReader(parsed: parsed, name: ""), parameters: parameters, options: options,
            receiver: receiver)
    }

    /// Runs the script `reader` reads, one statement at a time as it reads them, so that
    /// memory does not grow with the script and the first result comes at once.
    ///
    /// Each statement runs in a transaction of its own; `begin ... commit` blocks and, with
    /// `options.atomic`, the whole script run in one write transaction each, which reads its
    /// statements as it goes: an error anywhere in it (a syntax error found late included)
    /// rolls all of it back. A statement that fails stops the script unless
    /// `options.stopOnError` is off; the statements not run are counted
    /// (``RunReport/statementsSkipped``).
    ///
    /// Dot-command lines (`.param set x 1`) go to `dotCommands`, the `crm` command's table;
    /// without one they are errors. A ``ScriptReceiver`` is told when each statement begins
    /// and ends, and gets errors with the text they came from.
    ///
    ///     let reader = StatementReader(input: FileInput(descriptor: 0), name: "<stdin>")
    ///     let report = session.run(reader, options: RunOptions(keepsEntries: false), receiver: printer)
    ///     print(report.statementsRun, report.failures, report.statementsSkipped)
    public func run(
        _ reader: StatementReader,
        parameters: Parameters = Parameters(),
        options: RunOptions = RunOptions(),
        receiver: ResultReceiver? = nil,
        dotCommands: DotCommandHandler? = nil
    ) -> RunReport {
        let runner = ScriptRunner(
            session: self, reader: reader, parameters: parameters, options: options, receiver: receiver,
            dotCommands: dotCommands)
        return runner.run()
    }
}

extension QueryError {
    /// An error of `diagnostic` as it is: a parser's, or one moved elsewhere (notes kept).
    init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}
