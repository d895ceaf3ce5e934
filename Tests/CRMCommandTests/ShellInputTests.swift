import Foundation
import TestSupport
import Testing

/// Typing at the shell, through the real binary under a pseudo-terminal: TAB completion by
/// context, statements that go on over lines that start with a clause keyword, SQL habits.
@Suite struct ShellInputTests {
    /// Types `text` and TAB twice (the second lists the candidates when there are several),
    /// then Ctrl-U to empty the line; returns what the terminal showed. (`.timer` afterwards
    /// marks the end: the listing redraws the prompt, so the prompt cannot. Ctrl-U rather than
    /// Ctrl-C: a signal may be seen after the next keys have arrived.)
    static func candidates(after text: String, in terminal: PseudoTerminal) throws -> String {
        terminal.send(text)
        terminal.send("\t")
        terminal.send("\t")
        terminal.send("\u{15}")
        terminal.send(".timer\r")
        let shown = try terminal.expect("timer: off")
        try terminal.expect("crm> ")
        return shown
    }

    @Test func tabCompletesByContext() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        let values = try Self.candidates(after: "find customers where tier = ", in: terminal)
        #expect(values.contains("standard") && values.contains("vip"))
        #expect(!values.contains("rollback") && !values.contains("begin"))
        let fields = try Self.candidates(after: "find promises where ", in: terminal)
        #expect(fields.contains("overdue") && fields.contains("customer."))
        #expect(!fields.contains("rollback") && !fields.contains("tier"))
        let writable = try Self.candidates(after: "insert promise {", in: terminal)
        #expect(writable.contains("title") && writable.contains("remedy"))
        #expect(!writable.contains("overdue") && !writable.contains("created"))
        let relations = try Self.candidates(after: "get customer 1 with ", in: terminal)
        #expect(relations.contains("interactions") && relations.contains("promises"))
        let keys = try Self.candidates(after: "find customers order by la", in: terminal)
        #expect(keys.contains("last_contact"))
    }

    @Test func tabCompletesAWordInPlace() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        terminal.send("find promises where customer.ti\t")
        try terminal.expect("customer.tier")
        terminal.send(" = v\t")
        try terminal.expect("vip")
        let result = try ShellHarness.run(" order by due limit 2 select id", in: terminal)
        #expect(result.contains("(2 rows)"))
        terminal.send("get customer 1 with inter\t")
        try terminal.expect("interactions")
        #expect(try ShellHarness.run("", in: terminal).contains("\ninteractions:\n"))
    }

    @Test func aPastedStatementGoesOnOverLinesThatStartWithAClause() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        terminal.send("find customers where tier = vip and\rcity = \"Lagos\"\rselect id, name, city\r")
        try terminal.expect("select id, name, city")
        let result = try terminal.expect("crm> ").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(result.contains("id | name"))
        #expect(result.contains("| city\n"))
        #expect(!result.contains("tier"))
        #expect(result.components(separatedBy: " rows)").count == 2, "one result only:\n\(result)")
        #expect(!result.contains("error"))
    }

    @Test func aClauseTypedAfterAStatementRanContinuesIt() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        terminal.send("find customers where tier = vip and\r")
        try terminal.expect("...> ")
        let first = try ShellHarness.run("city = \"Lagos\"", in: terminal)
        #expect(first.contains("| tier "))
        let refined = try ShellHarness.run("select id, name, city", in: terminal)
        #expect(refined.hasPrefix("id | name"))
        #expect(!refined.contains("tier") && !refined.contains("error"))
        let counted = try ShellHarness.run("count customers", in: terminal)
        #expect(counted.contains("200"))
        let grouped = try ShellHarness.run("group by tier", in: terminal)
        #expect(grouped.hasPrefix("tier     | count\n"))
    }

    @Test func sqlHabitsAreAnsweredInTheLanguage() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        let select = try ShellHarness.run("select * from customers", in: terminal)
        #expect(select.contains("(did you mean 'find customers'?)"))
        let named = try ShellHarness.run("select name from customers where tier = vip", in: terminal)
        #expect(named.contains("(did you mean 'find customers where tier = vip select name'?)"))
    }
}
