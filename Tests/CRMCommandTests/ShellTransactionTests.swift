import Foundation
import TestSupport
import Testing

/// `begin ... commit` typed at the shell: each statement shows its result as it runs, inside
/// one write transaction that stays open until `commit` or `rollback` (as sqlite3's), and
/// nothing of it is seen by others until `commit`.
@Suite struct ShellTransactionTests {
    /// `count customers` in another process (the transaction's writes must not show there).
    static func countElsewhere(_ database: String) throws -> String {
        let outcome = try CommandRunner.run([database, "--format", "csv", "-c", "count customers"])
        return outcome.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func resultsShowAsEachStatementRunsAndOthersSeeThemAtCommit() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shell.db")
        let terminal = try ShellHarness.start([database], in: directory)
        #expect(try ShellHarness.run("begin", in: terminal, prompt: "txn> ") == "")
        let acme = try ShellHarness.run(
            #"insert customer {name: "Acme", tier: vip}"#, in: terminal, prompt: "txn> ")
        #expect(acme.contains("name     | Acme"))
        let bolt = try ShellHarness.run(#"insert customer {name: "Bolt"}"#, in: terminal, prompt: "txn> ")
        #expect(bolt.contains("name     | Bolt"))
        let inside = try ShellHarness.run("find customers order by id", in: terminal, prompt: "txn> ")
        #expect(inside.contains(" 1 | Acme") && inside.contains(" 2 | Bolt") && inside.contains("(2 rows)"))
        #expect(try Self.countElsewhere(database) == "count\n0\n")
        #expect(try ShellHarness.run("commit", in: terminal) == "")
        #expect(try Self.countElsewhere(database) == "count\n2\n")
    }

    @Test func rollbackKeepsNothing() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shell.db")
        let terminal = try ShellHarness.start([database], in: directory)
        try ShellHarness.run("begin", in: terminal, prompt: "txn> ")
        try ShellHarness.run(#"insert customer {name: "Acme"}"#, in: terminal, prompt: "txn> ")
        try ShellHarness.run("rollback", in: terminal)
        #expect(try ShellHarness.run("count customers", in: terminal).contains("    0"))
    }

    @Test func aStatementThatFailsRollsTheTransactionBack() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shell.db")
        let terminal = try ShellHarness.start([database], in: directory)
        try ShellHarness.run("begin", in: terminal, prompt: "txn> ")
        try ShellHarness.run(#"insert customer {name: "Acme"}"#, in: terminal, prompt: "txn> ")
        let failed = try ShellHarness.run(#"insert interaction {customer: 9, kind: call}"#, in: terminal)
        #expect(failed.contains("error:"))
        #expect(failed.contains("the transaction was rolled back: nothing of it was written"))
        #expect(try ShellHarness.run("count customers", in: terminal).contains("    0"))
    }

    @Test func aTypingMistakeRunsNothingAndLeavesTheTransactionOpen() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shell.db")
        let terminal = try ShellHarness.start([database], in: directory)
        try ShellHarness.run("begin", in: terminal, prompt: "txn> ")
        try ShellHarness.run(#"insert customer {name: "Acme"}"#, in: terminal, prompt: "txn> ")
        let mistake = try ShellHarness.run("fnd customers", in: terminal, prompt: "txn> ")
        #expect(mistake.contains("unknown keyword 'fnd'"))
        #expect(mistake.contains("the transaction is still open"))
        #expect(
            try ShellHarness.run("begin", in: terminal, prompt: "txn> ").contains(
                "begin inside a transaction"))
        // Ctrl-C clears the line being typed; the transaction stays open.
        terminal.send("delete customers where")
        terminal.send("\u{03}")
        #expect(try terminal.expect("txn> ").contains("the transaction is still open"))
        try ShellHarness.run("commit", in: terminal)
        #expect(try Self.countElsewhere(database) == "count\n1\n")
    }

    @Test func ctrlDInsideATransactionRollsItBackWithANote() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shell.db")
        let terminal = try ShellHarness.start([database], in: directory)
        try ShellHarness.run("begin", in: terminal, prompt: "txn> ")
        try ShellHarness.run(#"insert customer {name: "Acme"}"#, in: terminal, prompt: "txn> ")
        terminal.send("\u{04}")
        try terminal.expect(
            "the open transaction was not committed (the shell ended); nothing of it was written")
        #expect(try terminal.waitForExit() == 0)
        #expect(try Self.countElsewhere(database) == "count\n0\n")
    }

    @Test func aScriptReadInsideATransactionRunsInIt() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shell.db")
        let script = directory.file("two.crm")
        try "insert customer {name: \"A\"}\ninsert customer {name: \"B\"}\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        let terminal = try ShellHarness.start([database], in: directory)
        try ShellHarness.run("begin", in: terminal, prompt: "txn> ")
        let read = try ShellHarness.run(".read \(script)", in: terminal, prompt: "txn> ")
        #expect(read.contains("name     | A") && read.contains("name     | B"))
        #expect(try Self.countElsewhere(database) == "count\n0\n")
        try ShellHarness.run("commit", in: terminal)
        #expect(try Self.countElsewhere(database) == "count\n2\n")
    }
}
