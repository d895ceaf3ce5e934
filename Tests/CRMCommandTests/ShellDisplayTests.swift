import Foundation
import TestSupport
import Testing

/// What results look like in the shell, through the real binary under a pseudo-terminal:
/// default columns, whole ids, dates and titles, expanded records, table styles, the pager.
@Suite struct ShellDisplayTests {
    /// The demo banner's first query.
    static let bannerQuery = "find promises where overdue and customer.tier = vip order by due limit 10"

    @Test(arguments: [80, 140] as [UInt16])
    func theBannersFirstQueryShowsWholeIdsDatesAndTitles(columns: UInt16) throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory, columns: columns)
        let result = try ShellHarness.run(Self.bannerQuery, in: terminal)
        let expected = try ShellHarness.golden("banner-query-\(columns).txt", recording: result)
        #expect(result == expected, "run with CRM_RECORD_GOLDEN=1 to see the difference in git")
        #expect(!result.contains("…"))
        for line in result.split(separator: "\n") {
            #expect(Self.displayWidth(line) <= Int(columns), "\(line)")
        }
        for whole in ["333", "2569.97", "Deliver the missing parts", "2024-12-27 15:22", "Northwind 集团 109"] {
            #expect(result.contains(whole))
        }
    }

    /// The terminal columns of `line`: two for CJK characters, one for the others (enough
    /// for the sample data).
    static func displayWidth(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value < 0xFF00 ? 2 : 1) }
    }

    @Test func getShowsOneRecordExpanded() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        let result = try ShellHarness.run("get customer 1", in: terminal)
        let expected = try ShellHarness.golden("get-customer-1.txt", recording: result)
        #expect(result == expected, "run with CRM_RECORD_GOLDEN=1 to see the difference in git")
        #expect(result.hasPrefix("id       | 1\nname     | Northwind Group 1\n"))
        // `.expanded off` shows it as a table row again.
        try ShellHarness.run(".expanded off", in: terminal)
        #expect(try ShellHarness.run("get customer 1", in: terminal).hasPrefix("id | name "))
    }

    @Test func findWithoutSelectShowsTheDefaultColumnsAndSelectShowsAnyField() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        let table = try ShellHarness.run("find customers order by id limit 2", in: terminal)
        #expect(
            table.hasPrefix(
                "id | name              | tier     | status   | city        | owner\n"))
        let selected = try ShellHarness.run(
            "find customers order by id limit 1 select id, phone, created", in: terminal)
        #expect(selected.contains("1 | +86 71 6462 5907 | 2026-11-25 12:00"))
        try ShellHarness.run(".format csv", in: terminal)
        let csv = try ShellHarness.run("find customers order by id limit 1", in: terminal)
        #expect(
            csv.hasPrefix(
                "id,name,kind,tier,status,company,email,phone,city,address,owner,verified,note,tags,created,updated"
            ))
    }

    @Test func everyCustomerFitsEightyColumnsAsATable() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory, columns: 80)
        let all = try ShellHarness.run("find customers", in: terminal)
        #expect(all.hasPrefix(" id | name "))
        #expect(all.hasSuffix("(200 rows)\n"))
        #expect(!all.contains("…") && !all.contains("RECORD"))
        for line in all.split(separator: "\n") {
            #expect(Self.displayWidth(line) <= 80, "\(line)")
        }
    }

    @Test func aRowTooWideIsExpandedAndTableStylesCanBeChosen() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory, columns: 60)
        let narrow = try ShellHarness.run("find promises order by id limit 2", in: terminal)
        #expect(narrow.hasPrefix("-[ RECORD 1 ]"))
        #expect(narrow.contains("\ncustomer | "))
        try ShellHarness.run(".mode box", in: terminal)
        let box = try ShellHarness.run("count promises group by status", in: terminal)
        #expect(box.hasPrefix("┌───────────┬───────┐\n│ status    │ count │\n"))
        try ShellHarness.run(".mode markdown", in: terminal)
        let markdown = try ShellHarness.run("count promises group by status", in: terminal)
        #expect(markdown.hasPrefix("| status    | count |\n|-----------|------:|\n"))
        try ShellHarness.run(".format line", in: terminal)
        let line = try ShellHarness.run("count promises group by status", in: terminal)
        #expect(line.hasPrefix("-[ RECORD 1 ]"))
        #expect(try ShellHarness.run(".format", in: terminal) == "format: line, expanded on\n")
        #expect(
            try ShellHarness.run(".mode tabel", in: terminal).contains(
                "unknown format 'tabel' (did you mean 'table'?)"))
    }

    @Test func longResultsGoThroughThePagerUntilItIsTurnedOff() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory, rows: 20, pager: "sed 's/^/paged> /'")
        let long = try ShellHarness.run("find customers order by id limit 30", in: terminal)
        #expect(long.contains("paged> id | name"))
        #expect(long.contains("paged> (30 rows)"))
        let short = try ShellHarness.run("find customers order by id limit 3", in: terminal)
        #expect(!short.contains("paged>"))
        try ShellHarness.run(".pager off", in: terminal)
        #expect(
            !(try ShellHarness.run("find customers order by id limit 30", in: terminal)).contains("paged>"))
    }
}
