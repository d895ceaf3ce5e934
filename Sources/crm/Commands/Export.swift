import ArgumentParser
import CRMEngine
import CRMQuery
import CRMStore
import Foundation

/// `crm export DB --kind K [--format csv|jsonl] [--where EXPR] [--output FILE]`: the records
/// of one kind, as a file that `crm import` reads back.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm export",
        abstract: "Export customers, interactions or promises as CSV or JSON Lines.",
        discussion: """
            Columns: id, the record's fields, tags, created, updated, then custom fields
            (CSV: one attrs.NAME column per name; JSON Lines: an attrs object). Rows come in
            id order and are written as they are read. With --output, the file is written
            beside its final name and renamed when complete, readable by its owner only.
            """)

    @Argument(help: "The database file.")
    var database: String

    @Option(help: "The kind of record: customer, interaction or promise.")
    var kind: String

    @Option(help: "csv or jsonl; default: from --output's extension, else csv.")
    var format: String?

    @Option(
        name: .customLong("where"),
        help: "Only records matching this condition, as `find ... where` takes it.")
    var condition: String?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Time zone for printed times: an IANA name or +08:00; default: $TZ, else UTC.")
    var tz: String?

    func validate() throws {
        _ = try choices()
        _ = try Import.timeZone(tz)
    }

    /// The kind and format asked for, or a usage error.
    private func choices() throws -> (Entity, TransferFormat) {
        guard let entity = Entity(name: kind) else {
            throw ValidationError(
                "--kind '\(kind)' is not a kind of record (use customer, interaction or promise)")
        }
        if let format {
            guard let named = TransferFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format '\(format)' is not a file format (use csv or jsonl)")
            }
            return (entity, named)
        }
        return (entity, output.map(TransferFormat.inferred(fromPath:)) ?? .csv)
    }

    func run() throws {
        let (entity, format) = try choices()
        let store = try StoreOpener.open(database, readOnly: true)
        let session = Session(store: store, timeZone: try Import.timeZone(tz))
        let exporter = Exporter(session: session, entity: entity, format: format, where: condition)
        guard let output else {
            let stream = OutputChannel.standardOutput
            do {
                try exporter.export { stream.write($0) }
            } catch {
                stream.flush()
                printError(
                    "crm export: "
                        + (error.code == .damaged ? DamageReport.message(error.message) : error.message))
                throw error.code == .usage ? ExitStatus.usage : ExitStatus.statementFailed
            }
            stream.flush()
            return
        }
        try export(exporter, to: output, entity: entity)
    }

    /// Writes to a temporary file beside `path` and renames it into place once complete, so a
    /// failed export leaves no half-written file.
    private func export(_ exporter: Exporter, to path: String, entity: Entity) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            printError("crm export: cannot write \(path): \(String(cString: strerror(errno)))")
            throw ExitStatus.statementFailed
        }
        let stream = OutputChannel(descriptor: descriptor)
        let count: Int
        do {
            count = try exporter.export { stream.write($0) }
            stream.flush()
        } catch {
            close(descriptor)
            unlink(temporary)
            printError(
                "crm export: "
                    + (error.code == .damaged ? DamageReport.message(error.message) : error.message))
            throw error.code == .usage ? ExitStatus.usage : ExitStatus.statementFailed
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            printError("crm export: cannot write \(path): \(String(cString: strerror(errno)))")
            unlink(temporary)
            throw ExitStatus.statementFailed
        }
        print("exported \(count) \(count == 1 ? entity.singular : entity.plural) to \(path)")
    }
}
