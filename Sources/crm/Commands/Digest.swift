import ArgumentParser
import CRMEngine
import CRMQuery
import CRMStore
import Foundation

/// `crm digest DB [--by owner] [--view NAME ...] [--format text|markdown|html|json]`: what is
/// overdue, at risk, due soon and unanswered, per owner, for a cron job to mail or post every
/// Monday. The sections are query-language statements (`DigestSection.standard`) plus the
/// saved views named with `--view`.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm digest",
        abstract: "What is overdue, at risk, due soon and unanswered, per owner: for a cron job to send.",
        discussion: """
            Sections: promises overdue; promises at risk (past their policy's warning
            line); promises pending and due within the next 3 working days (on --calendar,
            as for scripts); complaints with no promise made on them; then the rows of each
            --view. --by owner splits them by the promise's owner (a complaint: who took
            it, `by`; a view: its `owner` column, if it has one). Formats: text and markdown
            for a chat message, html for a mail (one page, inline styles, a bar chart of
            counts per owner), json for programs. Prints "nothing due" (exit status 0) when
            every section is empty. Opens the database read-only.
            """)

    @Argument(help: "The database file.")
    var database: String

    @Option(name: .customLong("by"), help: "Split the digest by: owner.")
    var by: String?

    @Option(name: .customLong("view"), help: "Add the rows of this saved view (repeatable).")
    var views: [String] = []

    @Option(help: "text, markdown, html or json (default: text).")
    var format: String = "text"

    @OptionGroup var clock: ClockOptions

    @OptionGroup var parameters: ParameterOptions

    func validate() throws {
        _ = try parameters.bound()
        _ = try digestFormat()
        _ = try byOwner()
        _ = try zoneAndNow()
    }

    /// The format asked for, or a usage error.
    private func digestFormat() throws -> DigestFormat {
        guard let chosen = DigestFormat(rawValue: format.lowercased()) else {
            let names = DigestFormat.allCases.map(\.rawValue)
            let suggestion = Suggestion.closest(to: format.lowercased(), among: names)
            throw ValidationError(
                "--format '\(format)' is not a digest format (use \(names.joined(separator: ", ")))"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
        }
        return chosen
    }

    /// Whether `--by owner` was given; any other `--by` is a usage error.
    private func byOwner() throws -> Bool {
        guard let by else { return false }
        guard by.lowercased() == "owner" else {
            throw ValidationError("--by '\(by)' is not something a digest splits by (use --by owner)")
        }
        return true
    }

    /// The zone and fixed clock asked for, or a usage error.
    private func zoneAndNow() throws -> (TimeZone?, Timestamp?) {
        let zone = try clock.timeZone()
        return (zone, try clock.fixedNow(in: zone))
    }

    func run() throws {
        let (zone, fixed) = try zoneAndNow()
        let store = try StoreOpener.open(database, readOnly: true, now: fixed)
        let session = Session(store: store, timeZone: zone, now: fixed)
        session.calendarName = clock.calendar
        session.parameters.named.merge(try parameters.bound()) { _, given in given }
        let digest: CRMEngine.Digest
        do {
            let sections = DigestSection.standard + (try viewSections(in: store))
            digest = try CRMEngine.Digest(session: session, sections: sections, byOwner: try byOwner())
        } catch let error as QueryError {
            printError("crm digest: " + error.description)
            throw ExitStatus.statementFailed
        }
        let writer = DigestWriter(format: try digestFormat(), time: session.timeContext)
        let stream = OutputChannel.standardOutput
        stream.write(writer.render(digest))
        stream.flush()
    }

    /// A section per `--view`, named as the view is stored; a name no view has is an error
    /// that lists the views there are.
    private func viewSections(in store: Store) throws -> [DigestSection] {
        guard !views.isEmpty else { return [] }
        let saved: [SavedView]
        do {
            saved = try SavedViews.all(in: store)
        } catch {
            printError("crm digest: cannot read the saved views: \(error)")
            throw ExitStatus.statementFailed
        }
        return try views.map { name in
            guard let view = saved.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                let names = saved.map(\.name)
                let suggestion = Suggestion.closest(
                    to: name.lowercased(), among: names.map { $0.lowercased() })
                printError(
                    "crm digest: --view '\(name)': there is no view named '\(name)' "
                        + (names.isEmpty
                            ? "(this database has none; define one: define view NAME as find ...)"
                            : "(there are: \(names.joined(separator: ", ")))")
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
                throw ExitStatus.statementFailed
            }
            return DigestSection.view(view.name)
        }
    }
}
