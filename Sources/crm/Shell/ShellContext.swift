import CRMEngine
import CRMQuery
import Foundation

/// The shell's state between lines: the session, the output format and destination, the
/// timer; and running statements with it. The dot-commands change it.
final class ShellContext {
    /// The session statements run in (its clock, zone and parameters are the shell's).
    let session: Session
    /// How results are printed: format, table style, expanded records.
    var output: OutputSettings
    /// Whether to print each statement's time after its result (`.timer on`).
    var timer = false
    /// Whether results longer than the screen go through a pager (`.pager off` to stop).
    var pager = true
    /// Colour and terminal size.
    let style: TerminalStyle
    /// Where results go (`.output`).
    private(set) var destination = ResultDestination()
    /// The transaction `begin` opened, until `commit` or `rollback` ends it.
    var transaction: OpenTransaction?
    /// The result of the last statement with `group by`, for `.chart`.
    var lastGrouped: ResultSet?

    /// Whether a transaction is open (prompt `txn> `).
    var inTransaction: Bool { transaction?.isOpen ?? false }

    /// A context over `session` printing as `output` says.
    init(session: Session, output: OutputSettings, style: TerminalStyle) {
        self.session = session
        self.output = output
        self.style = style
    }

    /// The custom fields the store declares, by entity, for completion; none when the
    /// store cannot be read just now (completion then offers less, and says nothing).
    func customFieldNames() -> [Entity: [String]] {
        var names: [Entity: [String]] = [:]
        for entity in Entity.allCases {
            let fields = (try? SchemaCatalog.customFields(of: entity, in: session.store)) ?? []
            if !fields.isEmpty { names[entity] = fields.map { String($0.name.dropFirst("attrs.".count)) } }
        }
        return names
    }

    /// Prints a message for the person at the terminal (never to an `.output` file).
    func say(_ message: String) {
        OutputChannel.standardOutput.write(message.hasSuffix("\n") ? message : message + "\n")
        OutputChannel.standardOutput.flush()
    }

    /// Reports `error` as `error: MESSAGE` on standard error.
    func report(_ error: ShellError) {
        printError(style.error("error: " + error.message))
    }

    /// Sends results to the file at `path`, or back to standard output for nil.
    func redirect(to path: String?) throws(ShellError) {
        let next =
            try path.map { path throws(ShellError) in try ResultDestination(file: path) }
            ?? ResultDestination()
        destination.close()
        destination = next
    }

    /// Writes pending output and closes an `.output` file.
    func close() {
        destination.close()
        OutputChannel.standardOutput.flush()
    }

    /// Output through the pager, when results go to the terminal and paging is on.
    func pagedOutput() -> PagedOutput? {
        guard pager, destination.isTerminal, let command = PagedOutput.command() else { return nil }
        // The prompt takes the last line of the screen.
        return PagedOutput(command: command, screenLines: (TerminalStyle.outputHeight() ?? 24) - 1)
    }

    /// `1.234 ms` or `2.50 s`.
    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        if microseconds < 1_000_000 {
            return "\(microseconds / 1000).\(String(microseconds % 1000).leftPadded(to: 3)) ms"
        }
        let hundredths = microseconds / 10_000
        return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2)) s"
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
