import Foundation
import TestSupport

/// Starts the real `crm` shell under a pseudo-terminal the way the shell tests need it, and
/// types lines at it.
enum ShellHarness {
    /// The environment of a shell in `directory`: no colour, UTC, history and temporary
    /// files in the folder, and `pager` as `$PAGER` (`cat`: long results print straight).
    static func environment(in directory: TemporaryDirectory, pager: String = "cat") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "CRM_DB")
        environment["TERM"] = "dumb"
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        environment["CRM_HISTORY"] = directory.file("history")
        environment["HOME"] = directory.path
        environment["TMPDIR"] = directory.path + "/"
        environment["PAGER"] = pager
        return environment
    }

    /// `crm ARGUMENTS` in a terminal of `columns` by `rows`, after its first prompt.
    static func start(
        _ arguments: [String], in directory: TemporaryDirectory, columns: UInt16 = 200, rows: UInt16 = 40,
        pager: String = "cat"
    ) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            CommandRunner.executable, arguments, environment: environment(in: directory, pager: pager),
            columns: columns, rows: rows)
        try terminal.expect("crm> ", within: 60)
        return terminal
    }

    /// The demo shell (`crm --demo`: 200 sample customers, the clock at 2026-11-25T12:00:00Z).
    static func demo(
        in directory: TemporaryDirectory, columns: UInt16 = 200, rows: UInt16 = 40, pager: String = "cat"
    ) throws -> PseudoTerminal {
        try start(["--demo"], in: directory, columns: columns, rows: rows, pager: pager)
    }

    /// Types `line` and Enter, waits for the next `prompt`, and returns what the shell printed
    /// in between: without the echo of the line, with `\r\n` as `\n`.
    @discardableResult
    static func run(_ line: String, in terminal: PseudoTerminal, prompt: String = "crm> ") throws -> String {
        terminal.send(line + "\r")
        let seen = try terminal.expect(prompt).replacingOccurrences(of: "\r\n", with: "\n")
        let afterEcho = seen.firstIndex(of: "\n").map { seen.index(after: $0) } ?? seen.startIndex
        return String(seen[afterEcho...].dropLast(prompt.count))
    }

    /// Where golden files live: `Tests/CRMCommandTests/Golden`.
    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// The golden file `name`; with `CRM_RECORD_GOLDEN=1`, first written anew from `actual`.
    static func golden(_ name: String, recording actual: String) throws -> String {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CRM_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
