import Foundation
import TestSupport
import Testing

/// The interactive shell, driven through the real `crm` binary under a pseudo-terminal:
/// what a person typing at it sees.
@Suite struct ShellTests {
    /// A shell on a fresh database in `directory`, with history in the same folder.
    private static func shell(in directory: TemporaryDirectory) throws -> PseudoTerminal {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "CRM_DB")
        environment["TERM"] = "dumb"
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        environment["CRM_HISTORY"] = directory.file("history")
        environment["HOME"] = directory.path
        environment["PAGER"] = "cat"
        let terminal = try PseudoTerminal(
            CommandRunner.executable, [directory.file("shell.db")], environment: environment)
        try terminal.expect("crm — type .help for help")
        try terminal.expect("crm> ")
        return terminal
    }

    /// Types `line` and Enter, and waits for the next `crm> ` prompt; returns what came between.
    @discardableResult
    private static func run(_ line: String, in terminal: PseudoTerminal) throws -> String {
        terminal.send(line + "\r")
        return try terminal.expect("crm> ")
    }

    @Test func statementOverTwoLinesShowsTheContinuationPromptAndRuns() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        try Self.run(#"insert customer {name: "Acme", tier: vip}"#, in: terminal)
        try Self.run(#"insert customer {name: "Bolt"}"#, in: terminal)
        terminal.send("find customers where\r")
        try terminal.expect("...> ")
        let result = try Self.run("tier = vip", in: terminal)
        #expect(result.contains("Acme"))
        #expect(!result.contains("Bolt"))
        #expect(result.contains("(1 row)"))
    }

    @Test func historyFromOneSessionIsRecalledWithTheUpArrowInTheNext() throws {
        let directory = try TemporaryDirectory()
        do {
            let first = try Self.shell(in: directory)
            try Self.run(#"insert customer {name: "Acme"}"#, in: first)
            try Self.run("count customers", in: first)
            first.send("\u{04}")
            #expect(try first.waitForExit() == 0)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("history"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = try Self.shell(in: directory)
        second.send("\u{1B}[A")
        try second.expect("count customers")
        second.send("\r")
        let result = try second.expect("crm> ")
        #expect(result.contains("(1 row)"))
        #expect(!result.contains("error"))
    }

    @Test func ctrlCCancelsTheStatementBeingTypedAndTheShellGoesOn() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        terminal.send("delete customers where")
        terminal.send("\u{03}")
        try terminal.expect("crm> ")
        terminal.send("find customers where\r")
        try terminal.expect("...> ")
        terminal.send("\u{03}")
        try terminal.expect("crm> ")
        let result = try Self.run("count customers", in: terminal)
        #expect(result.contains("(1 row)"))
        #expect(!result.contains("error"))
        // An error does not end the session either.
        #expect(
            try Self.run("fnd customers", in: terminal).contains("<shell>:1:1: error: unknown keyword 'fnd'"))
        #expect(try Self.run("count customers", in: terminal).contains("(1 row)"))
    }

    @Test func helpListsEveryDotCommand() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        let help = try Self.run(".help", in: terminal)
        let names = [
            "help", "format", "timer", "now", "tz", "param", "schema", "read", "output", "stats", "quit",
        ]
        for name in names {
            #expect(help.contains("\n." + name), "missing .\(name) in:\n\(help)")
        }
        #expect(
            try Self.run(".hlep", in: terminal).contains(
                "unknown dot-command '.hlep' (did you mean '.help'?)"))
    }

    @Test func tabCompletesAFieldName() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        terminal.send("find promises where ov\t")
        try terminal.expect("overdue")
        let result = try Self.run("", in: terminal)
        #expect(result.contains("(0 rows)"))
        #expect(!result.contains("error"))
    }

    @Test func dotCommandsChangeTheSession() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        try Self.run(#"insert customer {name: "Acme", tier: vip}"#, in: terminal)
        try Self.run(".format csv", in: terminal)
        try Self.run(".param set t vip", in: terminal)
        let csv = try Self.run("find customers where tier = $t select name", in: terminal)
        #expect(csv.contains("name\r\r\nAcme"))
        try Self.run(".now 2026-11-25T12:00:00Z", in: terminal)
        #expect(try Self.run(".now", in: terminal).contains("now: 2026-11-25T12:00:00Z (fixed)"))
        #expect(try Self.run(".schema promise", in: terminal).contains("overdue"))
    }

    @Test func declaredCustomFieldsShowInSchemaAndComplete() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        try Self.run(#"insert customer {name: "Acme", attrs: {region: "north"}}"#, in: terminal)
        try Self.run("define field customer.region: string indexed", in: terminal)
        let schema = try Self.run(".schema customer", in: terminal)
        let line = schema.split(whereSeparator: \.isNewline).first { $0.contains("attrs.region") }
        #expect(line?.hasSuffix("string (declared, indexed)") == true, "\(schema)")
        terminal.send("find customers where attrs.reg\t")
        try terminal.expect("attrs.region")
        let result = try Self.run(#" = "NORTH" select name"#, in: terminal)
        #expect(result.contains("Acme"))
    }

    @Test func ctrlDOnAnEmptyLineQuitsWithStatusZero() throws {
        let directory = try TemporaryDirectory()
        let terminal = try Self.shell(in: directory)
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }
}

/// `--readonly` in the interactive shell: no statement and no dot-command can change the store.
@Suite struct ReadOnlyShellTests {
    @Test func nothingTypedOrReadCanWrite() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("ro.db")
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"Only\"}"])
        let script = directory.file("writes.crm")
        try "insert customer {name: \"Sneaky\"}\n".write(toFile: script, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "CRM_DB")
        environment["TERM"] = "dumb"
        environment["NO_COLOR"] = "1"
        environment["CRM_HISTORY"] = directory.file("history")
        environment["HOME"] = directory.path
        environment["PAGER"] = "cat"
        let terminal = try PseudoTerminal(
            CommandRunner.executable, [database, "--readonly"], environment: environment)
        try terminal.expect("crm> ")
        terminal.send("insert customer {name: \"Typed\"}\r")
        #expect(try terminal.expect("crm> ").contains("read-only"))
        terminal.send(".read \(script)\r")
        #expect(try terminal.expect("crm> ").contains("read-only"))
        terminal.send("update customer 1 set note = \"changed\"\r")
        #expect(try terminal.expect("crm> ").contains("read-only"))
        terminal.send("delete customer 1\r")
        #expect(try terminal.expect("crm> ").contains("read-only"))
        terminal.send("count customers\r")
        #expect(try terminal.expect("crm> ").contains("1"))
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }
}
