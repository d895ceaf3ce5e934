import ArgumentParser
import CRMStore

/// `crm check DB`: walk the file's pages, then verify that records and indexes agree; exit 1
/// if anything is wrong.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm check",
        abstract:
            "Walk the file's pages, then verify that every record reads back and that records and indexes agree."
    )

    @Argument(help: "The database file.")
    var database: String

    func run() throws {
        let report: CheckReport
        do {
            let store = try StoreOpener.openStore(database, readOnly: true)
            report = try store.check()
        } catch let error as StoreError where error.code == .corrupt {
            // Damage that keeps the store from opening: walk the pages alone to say where.
            guard let pages = try? Store.checkPages(path: database), !pages.isHealthy else {
                print("problem: \(error.message)")
                print("\(database): damaged; \(DamageReport.restore)")
                throw ExitStatus.statementFailed
            }
            report = pages
        } catch {
            printError(StoreOpener.message(error, path: database))
            throw ExitStatus.cannotOpen
        }
        for problem in report.problems { print("problem: \(problem)") }
        if report.pagesDamaged {
            print(
                "\(database): \(report.pages) pages read, \(report.problems.count) problem(s): its pages are damaged, "
                    + "so records and indexes were not compared; \(DamageReport.restore)"
            )
        } else {
            print(
                "\(database): \(report.pages) pages, \(report.records) records, \(report.indexEntries) index entries, "
                    + "\(report.historyEntries) history entries: "
                    + (report.isHealthy ? "ok" : "\(report.problems.count) problem(s)"))
            if report.recordsWithoutChecksum + report.historyEntriesWithoutChecksum > 0 {
                // Damage inside such a value reads as another value: say how much is unguarded.
                print(
                    "note: \(report.recordsWithoutChecksum) records and \(report.historyEntriesWithoutChecksum) "
                        + "history entries were written before checksums; each gains one when it is next written"
                )
            }
        }
        if !report.isHealthy { throw ExitStatus.statementFailed }
    }
}
