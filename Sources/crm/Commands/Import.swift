import ArgumentParser
import CRMEngine
import CRMQuery
import CRMStore
import Foundation

/// `crm import DB FILE --kind K [--format csv|jsonl] [--upsert-by FIELD]`: all the rows of a
/// file in one transaction, or none of them.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm import",
        abstract: "Import customers, interactions or promises from a CSV or JSON Lines file, all or nothing.",
        discussion: """
            CSV: a header line names the columns (any case); tags are separated by commas;
            attrs.NAME columns are custom fields; an empty field is null. JSON Lines: one
            object per line, tags an array, attrs an object. Columns id, created and updated
            (as export writes them) are ignored. If any row is bad, nothing is imported and
            every bad row is reported as FILE:LINE: error: MESSAGE (exit status 1).
            """)

    @Argument(help: "The database file (created if missing).")
    var database: String

    @Argument(help: "The file to import.")
    var file: String

    @Option(help: "The kind of record in the file: customer, interaction or promise.")
    var kind: String

    @Option(help: "csv or jsonl; default: from the file's extension (.jsonl, .json: jsonl), else csv.")
    var format: String?

    @Option(help: ArgumentHelp(Import.upsertHelp))
    var upsertBy: String?

    @Option(
        help:
            "Time zone for dates and times without an offset: an IANA name or +08:00; default: $TZ, else UTC."
    )
    var tz: String?

    /// The help of `--upsert-by`.
    static let upsertHelp =
        "Update the record whose FIELD matches a row instead of inserting "
        + "(customers: email, phone, name, id; others: id)."

    /// The most problems printed before "... and N more errors".
    static let reportLimit = 100

    func validate() throws {
        let options = try importOptions()
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.message)
        }
        _ = try Self.timeZone(tz)
    }

    /// The options, or a usage error naming what is allowed.
    private func importOptions() throws -> ImportOptions {
        guard let entity = Entity(name: kind) else {
            throw ValidationError(
                "--kind '\(kind)' is not a kind of record (use customer, interaction or promise)")
        }
        let chosen: TransferFormat
        if let format {
            guard let named = TransferFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format '\(format)' is not a file format (use csv or jsonl)")
            }
            chosen = named
        } else {
            chosen = TransferFormat.inferred(fromPath: file)
        }
        return ImportOptions(entity: entity, format: chosen, upsertBy: upsertBy)
    }

    /// The zone `--tz` names, or a usage error.
    static func timeZone(_ name: String?) throws -> TimeZone? {
        guard let name else { return nil }
        guard let zone = TimeContext.timeZone(named: name) else {
            throw ValidationError(
                "unknown time zone '\(name)' (use an IANA name such as Asia/Shanghai, "
                    + "or an offset such as +08:00)")
        }
        return zone
    }

    func run() throws {
        let options = try importOptions()
        guard FileManager.default.isReadableFile(atPath: file) else {
            printError("crm import: cannot read \(file): no such file, or no permission to read it")
            throw ExitStatus.statementFailed
        }
        let store = try StoreOpener.open(database, readOnly: false)
        let session = Session(store: store, timeZone: try Self.timeZone(tz))
        let terminal = OutputChannel.standardError.isTerminal
        var shown = false
        let summary: ImportSummary
        do {
            summary = try Importer(session: session, options: options).importFile(atPath: file) {
                done, total in
                guard terminal, total >= 10_000 else { return }
                OutputChannel.standardError.write("\rcrm import: \(done)/\(total) rows")
                OutputChannel.standardError.flush()
                shown = true
            }
        } catch {
            if shown { OutputChannel.standardError.write("\n") }
            switch error.code {
            case .invalidRows: printError(error.report(file: file, limit: Self.reportLimit))
            case .damaged: printError("crm import: " + DamageReport.message(error.message))
            default: printError("crm import: \(error.message)")
            }
            throw error.code == .usage ? ExitStatus.usage : ExitStatus.statementFailed
        }
        if shown { OutputChannel.standardError.write("\n") }
        OutputChannel.standardError.flush()
        print(summary.description)
    }
}
