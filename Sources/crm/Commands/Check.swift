import ArgumentParser
import CRMStore

/// `crm check DB`: verify that records and indexes agree; exit 1 if not.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm check",
        abstract: "Verify that every record reads back and that records and indexes agree.")

    @Argument(help: "The database file.")
    var database: String

    func run() throws {
        let store = try StoreOpener.open(database, readOnly: true)
        let report: CheckReport
        do {
            report = try store.check()
        } catch {
            printError("crm check: \(database): \(error)")
            throw ExitStatus.statementFailed
        }
        for problem in report.problems { print("problem: \(problem)") }
        print(
            "\(database): \(report.records) records, \(report.indexEntries) index entries, "
                + "\(report.historyEntries) history entries: "
                + (report.isHealthy ? "ok" : "\(report.problems.count) problem(s)"))
        if !report.isHealthy { throw ExitStatus.statementFailed }
    }
}
