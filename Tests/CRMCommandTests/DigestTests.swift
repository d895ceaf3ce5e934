import Foundation
import TestSupport
import Testing

/// `crm digest` through the real binary: each format against a golden file, split by owner
/// or not, with a saved view; "nothing due"; and every bad input with its message, its exit
/// status and nothing written.
@Suite("crm digest")
struct DigestTests {
    let directory: TemporaryDirectory
    let database: String
    static let now = "2026-11-25T12:00:00Z"

    /// Wednesday 2026-11-25 12:00 UTC: two overdue promises (one with no owner), two due
    /// in the next 3 working days, one due later, one kept; two complaints, one answered
    /// by a promise; a saved view with an owner column; a policy's promise at risk (12 of
    /// its 16 working hours used, warning at 70%), due today at 16:00.
    static let script = """
        insert customer {name: "Acme Ltd", tier: vip}
        insert customer {name: "北京贸易 <b>&", tier: key}
        insert interaction {customer: 1, kind: complaint, subject: "late delivery", by: "li.wei", at: 2026-11-24T09:00}
        insert interaction {customer: 2, kind: complaint, subject: "wrong invoice", by: "wang.fang", at: 2026-11-23T09:00}
        insert promise {customer: 2, title: "Fix the invoice", due: 2026-12-04T12:00, interaction: 2, owner: "wang.fang"}
        insert promise {customer: 1, title: "Reply with a solution", due: 2026-11-20T17:00, owner: "li.wei", amount: 1200.50}
        insert promise {customer: 2, title: "Send the invoice", due: 2026-11-26T10:00, owner: "wang.fang"}
        insert promise {customer: 1, title: "On-site repair", due: 2026-11-27T09:00, owner: "LI.WEI"}
        insert promise {customer: 2, title: "Survey", due: 2026-11-10T09:00}
        insert promise {customer: 1, title: "Kept", due: 2026-11-24T09:00, status: kept, owner: "li.wei"}
        define view vip_open as find promises where status = pending and customer.tier = vip order by due select id, title, owner
        define view mine as find promises where owner = $who select id
        insert policy {name: "call back", on: "kind = call", title: "Call back", within: 16bh, owner: "zhao.lei", warn: 70}
        insert interaction {customer: 1, kind: call, by: "li.wei", at: 2026-11-24T09:00}
        """

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.file("crm.db")
        let loaded = try CommandRunner.run([database, "--now", Self.now], input: Self.script)
        #expect(loaded.status == 0, "\(loaded.stderr)")
    }

    func digest(_ arguments: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["digest", database, "--now", Self.now] + arguments)
    }

    @Test(arguments: [
        (["--format", "text"], "digest.txt"),
        (["--by", "owner", "--view", "vip_open"], "digest-by-owner.txt"),
        (["--by", "owner", "--format", "markdown", "--view", "VIP_OPEN"], "digest-by-owner.md"),
        (["--by", "owner", "--format", "html", "--view", "vip_open"], "digest-by-owner.html"),
        (["--by", "owner", "--format", "json"], "digest-by-owner.json"),
        (["--format", "json", "--tz", "Asia/Shanghai"], "digest-shanghai.json"),
    ])
    func eachFormatPrintsAsRecorded(_ arguments: [String], _ golden: String) throws {
        let result = try digest(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == (try ShellHarness.golden(golden, recording: result.stdout)), "\(golden)")
    }

    @Test func theTextNamesEachSectionAndOwner() throws {
        let text = try digest(["--by", "owner"]).stdout
        #expect(
            text.hasPrefix(
                "Digest for 2026-11-25 12:00 (UTC)\nOverdue: 2 · At risk: 1 · Due in the next 3 working days: 2 · "
                    + "Complaints with no promise made on them: 1\n"))
        // At risk, and so not listed again as due soon.
        #expect(
            text.contains(
                "\nzhao.lei\n  At risk (1)\n  - #7 · Acme Ltd · Call back · 2026-11-25 16:00\n  View vip_open"
            )
                || text.contains(
                    "\nzhao.lei\n  At risk (1)\n  - #7 · Acme Ltd · Call back · 2026-11-25 16:00\n\n")
        )
        #expect(text.components(separatedBy: "#7 · Acme Ltd · Call back").count == 2)
        #expect(
            text.contains(
                "\nli.wei\n  Overdue (1)\n  - #2 · Acme Ltd · Reply with a solution · 2026-11-20 17:00\n"))
        // One owner whatever the case it is written in, shown as first met.
        #expect(!text.contains("LI.WEI"))
        #expect(
            text.contains(
                "  Complaints with no promise made on them (1)\n  - #1 · Acme Ltd · 2026-11-24 09:00 · late delivery\n"
            ))
        #expect(text.hasSuffix("\nNo owner\n  Overdue (1)\n  - #5 · 北京贸易 <b>& · Survey · 2026-11-10 09:00\n"))
        #expect(!text.contains("Fix the invoice"))  // Due later than 3 working days.
        #expect(!text.contains("Kept"))
    }

    @Test func htmlIsOnePageWithInlineStylesAndNoScript() throws {
        let html = try digest(["--by", "owner", "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        for banned in ["<script", "<style", "<link", "src=", "http://", "https://", "javascript:"] {
            #expect(!html.lowercased().contains(banned), "\(banned)")
        }
        #expect(html.contains("北京贸易 &lt;b&gt;&amp;"))
        #expect(!html.contains("<b>&"))
        // The bar chart: li.wei has 3 rows (the longest bar), zhao.lei, wang.fang and nobody
        // 1 each (zhao.lei's promise at risk is not listed again as due soon).
        #expect(html.contains("width:240px"))
        #expect(!html.contains("width:160px"))
        #expect(html.components(separatedBy: "width:80px").count == 4)
    }

    @Test func jsonIsOneObjectForPrograms() throws {
        let result = try digest(["--by", "owner", "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["nothing_due"] as? Bool == false)
        #expect(object["by"] as? String == "owner")
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts == ["overdue": 2, "at_risk": 1, "due_soon": 2, "unanswered_complaints": 1])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["owner"] as? String } == ["li.wei", "wang.fang", "zhao.lei", nil])
    }

    @Test(arguments: ["text", "markdown", "html", "json"])
    func anEmptyDigestSaysNothingDueAndSucceeds(_ format: String) throws {
        let empty = directory.file("empty-\(format).db")
        _ = try CommandRunner.run([empty, "-c", "insert customer {name: \"Quiet Ltd\"}"])
        let result = try CommandRunner.run([
            "digest", empty, "--now", Self.now, "--format", format, "--by", "owner",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        if format == "json" {
            #expect(result.stdout.contains("\"nothing_due\":true"))
            #expect(result.stdout.contains("\"groups\":[]"))
        } else {
            #expect(result.stdout.contains("nothing due"))
        }
    }

    @Test func aViewsParametersComeFromParam() throws {
        let result = try CommandRunner.run([
            "digest", database, "--now", Self.now, "--format", "json", "--view", "mine", "--param",
            "who=li.wei",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("View mine"), "\(result.stdout)")
        let bad = try CommandRunner.run(["digest", database, "--view", "mine", "--param", "who"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--param 'who' needs a value: write --param NAME=VALUE"))
    }

    @Test(arguments: [
        (
            ["--view", "vip_opn"], 1,
            "crm digest: --view 'vip_opn': there is no view named 'vip_opn' (there are: mine, vip_open); did you mean 'vip_open'?"
        ),
        (
            ["--view", "mine"], 1,
            "crm digest: view 'mine' needs $who (give it as run mine(who: ...), or bind it with .param set who ...)"
        ),
        (["--format", "pdf"], 64, "--format 'pdf' is not a digest format (use text, markdown, html, json)"),
        (["--format", "htm"], 64, "did you mean 'html'?"),
        (["--by", "city"], 64, "--by 'city' is not something a digest splits by (use --by owner)"),
        (["--tz", "Mars/Olympus"], 64, "unknown time zone 'Mars/Olympus'"),
        (["--now", "tuesday"], 64, "--now 'tuesday' is not a time"),
        (["--calendar", "cn"], 1, "crm digest: no calendar named cn (set by --calendar or .calendar)"),
    ])
    func badInputIsReportedAndWritesNothing(_ arguments: [String], _ status: Int32, _ message: String) throws
    {
        let before = try CommandRunner.run([
            database, "--format", "csv", "-c", "count views", "-c", "history view 1",
        ]).stdout
        let result = try digest(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let after = try CommandRunner.run([
            database, "--format", "csv", "-c", "count views", "-c", "history view 1",
        ]).stdout
        #expect(after == before)
    }

    @Test func aMissingDatabaseCannotBeOpenedAndIsNotCreated() throws {
        let missing = directory.file("missing.db")
        let result = try CommandRunner.run(["digest", missing])
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot open"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
