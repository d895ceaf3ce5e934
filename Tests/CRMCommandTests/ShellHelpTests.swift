import Foundation
import TestSupport
import Testing

@testable import crm

/// Help for the language in the shell, `.tables`, and `.chart`: through the real binary, and
/// every example in the help run against the sample data so the help cannot go stale.
@Suite struct ShellHelpTests {
    @Test(arguments: HelpTopic.all.map(\.name))
    func everyExampleInTheHelpRuns(topic: String) throws {
        let help = try #require(HelpTopic.named(topic))
        let directory = try TemporaryDirectory()
        let database = directory.file("sample.db")
        _ = try CommandRunner.run(["seed", database, "--customers", "50"])
        // A transaction's example is one script; the others each run on their own. `chart`
        // at the end is the shell's (it draws the result): a script runs the statement.
        let examples = help.examples.map { $0.hasSuffix(" chart") ? String($0.dropLast(6)) : $0 }
        let scripts = topic == "begin" ? [examples] : examples.map { [$0] }
        for script in scripts {
            let outcome = try CommandRunner.run(
                [database, "--now", "2026-11-25T12:00:00Z"] + script.flatMap { ["-c", $0] })
            #expect(outcome.status == 0, "\(script): \(outcome.stderr)")
        }
    }

    @Test func helpExplainsStatementsAndTopics() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.start([directory.file("shell.db")], in: directory)
        let list = try ShellHarness.run(".help", in: terminal)
        for name in ["mode", "expanded", "tables", "chart", "pager"] {
            #expect(list.contains("\n." + name), "missing .\(name)")
        }
        #expect(list.contains("Statements: .help find|count|get"))
        let find = try ShellHarness.run(".help find", in: terminal)
        #expect(find.hasPrefix("find ENTITY [where COND]"))
        #expect(find.contains("  find promises where overdue"))
        let time = try ShellHarness.run(".help time", in: terminal)
        #expect(time.contains("+5bd") && time.contains("last|next N days"))
        #expect(try ShellHarness.run(".help commit", in: terminal).hasPrefix("begin, then statements"))
        #expect(try ShellHarness.run(".help .mode", in: terminal).hasPrefix(".mode [table|box"))
        #expect(
            try ShellHarness.run(".help fnd", in: terminal).contains(
                "no help on 'fnd' (did you mean 'find'?)"))
    }

    @Test func tablesListsTheKindsWithCounts() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        #expect(
            try ShellHarness.run(".tables", in: terminal)
                == "customers      200\ninteractions  1934\npromises       630\n(.schema ENTITY lists the fields of one)\n"
        )
    }

    @Test func chartDrawsTheLastGroupedCount() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory, columns: 60)
        #expect(try ShellHarness.run(".chart", in: terminal).contains("no grouped result to chart yet"))
        let table = try ShellHarness.run(
            "count interactions where at in last 30 days group by kind", in: terminal)
        #expect(table.hasPrefix("kind      | count\n"))
        let chart = try ShellHarness.run(".chart", in: terminal)
        let expected = try ShellHarness.golden("chart-count-by-kind.txt", recording: chart)
        #expect(chart == expected, "run with CRM_RECORD_GOLDEN=1 to see the difference in git")
        #expect(chart.hasPrefix("count by kind\ncall      │"))
        // `chart` after the statement draws it instead of the table.
        let inline = try ShellHarness.run(
            "count interactions where at in last 30 days group by kind chart", in: terminal)
        #expect(inline == chart)
        let cjk = try ShellHarness.run(
            #"count customers where city in ("北京", "上海", "Lagos") group by city chart"#, in: terminal)
        // The bars start in one column: a CJK label takes two columns a character.
        let starts = cjk.split(separator: "\n").dropFirst().map { line in
            ShellDisplayTests.displayWidth(line.prefix { $0 != "│" })
        }
        #expect(starts.count == 3 && Set(starts) == [6], "\(cjk)")
        #expect(
            try ShellHarness.run("find customers chart", in: terminal).contains(
                "chart draws a grouped result"))
    }
}
