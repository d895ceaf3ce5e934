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
        } catch {
            printError("crm backup: cannot write \(destination): \(error)")
            throw ExitStatus.statementFailed
        }
        print("backed up \(database) to \(destination)")
    }
}
