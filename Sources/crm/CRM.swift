import ArgumentParser
import CRMEngine
import CRMQuery
import CRMSampleData
import CRMStore
import Foundation

/// `crm`: the shell over a CRM store. With a terminal on stdin it is interactive; with
/// `-c`, `-f` or a script on stdin it runs the statements and exits.
struct CRM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm",
        abstract: "Keep track of customers, every contact with them, and every promise made to or by them.",
        discussion: """
            crm [DB]                 shell on DB (default ./crm.db, or $CRM_DB)
            crm DB -c 'STATEMENT'    run, print, exit (repeatable)
            crm DB -f script.crm     run a file
            crm DB < script.crm      run stdin as a script, a statement at a time
            crm --demo               shell on a fresh sample database
            crm seed DB --customers N [--seed S]
            crm import DB FILE --kind customer [--format csv|jsonl] [--upsert-by email]
            crm export DB --kind promise [--format csv|jsonl] [--where EXPR]
            crm backup DB DEST       consistent, compacted copy while others keep working
            crm check DB             walk the file's pages, verify records and indexes agree; exit 1 if not
            crm stats DB             sizes, counts, map usage
            crm digest DB [--by owner] [--view NAME ...] [--format text|markdown|html|json]

            Scripts (stdin, -f, -c) may use .param, .tz, .now, .format, .output, .read and
            .timer; --param NAME=VALUE binds $NAME as .param set does. In table format a write
            prints one line (insert customer 17, update 3 promises); --quiet-writes prints
            nothing for writes. A database file that does not exist is created only when the
            script's first statement writes.

            Exit status: 0 when every statement succeeded, 1 when one failed, 3 when the
            database cannot be opened (or does not exist for a script that only reads), 64
            for bad usage.
            """,
    )

    /// The subcommands, by name. They are dispatched before parsing, because the root
    /// command's optional database argument would otherwise take a subcommand's name.
    static let subcommands: [String: any ParsableCommand.Type] = [
        "seed": Seed.self, "backup": Backup.self, "check": Check.self, "stats": Stats.self,
        "import": Import.self, "export": Export.self, "digest": DigestCommand.self,
    ]

    @Argument(help: "The database file (default: $CRM_DB, else ./crm.db).")
    var database: String?

    @Option(name: .customShort("c"), help: "Run this statement, print its result (repeatable).")
    var commands: [String] = []

    @Option(name: .customShort("f"), help: "Run the statements in this file.")
    var file: String?

    @OptionGroup var session: SessionOptions

    @Flag(help: "Stop at the first failing statement (the default for scripts).")
    var bail = false

    @Flag(help: "Report a failing statement and go on with the next.")
    var keepGoing = false

    @Flag(help: "Run the whole script as one transaction: all of it or nothing.")
    var atomic = false

    @Flag(help: "Print nothing for inserts, updates and deletes in a script.")
    var quietWrites = false

    @Flag(help: "Open the shell on a fresh sample database in a temporary folder.")
    var demo = false

    func validate() throws {
        if bail && keepGoing {
            throw ValidationError("--bail and --keep-going contradict each other; give one")
        }
        if file != nil && !commands.isEmpty {
            throw ValidationError("give statements with -c or a file with -f, not both")
        }
        if demo && (database != nil || file != nil || !commands.isEmpty) {
            throw ValidationError("--demo opens its own database; give no database, -c or -f with it")
        }
    }

    func run() throws {
        let zone = try session.clock.timeZone()
        let parameters = try session.parameters.bound()
        // The demo's data is spread around the sample's own clock; its "now" stays there, so
        // that what is overdue in the demo does not change with the date it is run on.
        let now = try session.clock.fixedNow(in: zone) ?? (demo ? SampleData.benchmarkNow : nil)
        let stdinIsTerminal = isatty(0) == 1
        let interactive = commands.isEmpty && file == nil && stdinIsTerminal
        var script = interactive ? nil : try ScriptSource.reader(commands: commands, file: file)
        let store: Store
        if demo {
            store = try StoreOpener.open(
                DemoFolder.create(), readOnly: false, now: now, durability: .relaxed,
                mapSize: script == nil ? nil : StoreOpener.scriptMapSize)
            try Demo.load(into: store)
        } else if var reader = script {
            store = try openForScript(&reader, now: now)
            script = reader
        } else {
            store = try StoreOpener.open(StoreOpener.path(database), readOnly: session.readonly, now: now)
        }
        defer { if demo { DemoFolder.remove() } }
        let crmSession = Session(store: store, timeZone: zone, now: now)
        crmSession.calendarName = session.clock.calendar
        crmSession.parameters.named.merge(parameters) { _, given in given }
        let output = OutputSettings(session.format ?? .table)
        guard let script else {
            try Shell.run(session: crmSession, output: output, demo: demo)
            return
        }
        let options = RunOptions(stopOnError: !keepGoing, atomic: atomic)
        let printing = ScriptMode.Printing(output: output, quietWrites: quietWrites)
        let ok = ScriptMode.run(script, session: crmSession, printing: printing, options: options)
        if !ok { throw ExitStatus.statementFailed }
    }

    /// Opens the database for a script, with a map that never has to grow (see
    /// `StoreOpener.scriptMapSize`). A file that does not exist is created only when the
    /// script starts by writing: a typo in the name should not leave a new, empty store
    /// behind a report of nothing.
    private func openForScript(_ reader: inout StatementReader, now: Timestamp?) throws -> Store {
        let path = StoreOpener.path(database)
        // Read-only, the store's own message says the file does not exist and what to do.
        if access(path, F_OK) != 0, !session.readonly {
            guard ScriptMode.missingDatabase(&reader) == .create else {
                printError("crm: no database at \(path)")
                throw ExitStatus.cannotOpen
            }
        }
        return try StoreOpener.open(
            path, readOnly: session.readonly, now: now, mapSize: StoreOpener.scriptMapSize)
    }
}
