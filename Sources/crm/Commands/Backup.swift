import ArgumentParser
import CRMStore

/// `crm backup DB DEST`: a consistent, compacted copy while others keep working.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm backup",
        abstract: "Write a consistent, compacted copy of a database while others keep using it.")

    @Argument(help: "The database file.")
    var database: String

    @Argument(help: "The new file to write (must not exist).")
    var destination: String

    func run() throws {
        let store = try StoreOpener.open(database, readOnly: true)
        do {
            try store.backup(to: destination)
        } catch let error as StoreError where error.code == .corrupt {
            printError("crm backup: " + DamageReport.message(error.message))
            throw ExitStatus.statementFailed
        } catch {
            // The store's message names the destination ("cannot write DEST: it already exists; ...").
            let message = (error as? StoreError)?.message ?? "\(error)"
            printError(
                "crm backup: "
                    + (message.contains(destination) ? message : "cannot write \(destination): \(message)"))
            throw ExitStatus.statementFailed
        }
        print("backed up \(database) to \(destination)")
    }
}
