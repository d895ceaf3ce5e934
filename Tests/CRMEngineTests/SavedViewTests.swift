import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// Saved views: `define view` checks and stores a read statement as a `view` record, `run`
/// runs it with its `$params` bound by arguments or the session, `drop view` removes it;
/// every mistake is an error at the right place that writes nothing.
@Suite("Saved views: define, run, parameters, drop, and their errors")
struct SavedViewTests {
    let fixture: EngineFixture

    init() throws {
        fixture = try EngineFixture()
        _ = try fixture.session.execute(
            """
            define view weekly_check as find promises where overdue order by due select id, title, owner
            define view due_soon as find promises where status = pending and due >= now and due < now + $days * 1bd order by due select id, title
            define view mine as find promises where owner = $who order by id select id
            """)
    }

    /// The number of views and of history entries: a failed statement changes neither.
    func written() throws -> [String] {
        try fixture.rows("count views")[0] + fixture.counts().map(String.init)
    }

    @Test func aViewRunsItsStatement() throws {
        #expect(
            try fixture.rows("run weekly_check") == [
                ["1", "Reply with a solution", "li.wei"], ["4", "Call back", "LI.WEI"],
            ])
        #expect(
            try fixture.rows("RUN Weekly_Check")
                == fixture.rows("find promises where overdue order by due select id, title, owner"))
    }

    @Test func definingAnswersWithTheViewAndKeepsItAsARecordWithHistory() throws {
        let result = try fixture.session.execute("define view vips as find customers where tier = vip")
        #expect(result[0].columns == ["view", "statement"])
        #expect(
            result[0].rows.map { $0.map(\.description) } == [["vips", "find customers where tier = vip"]])
        #expect(
            try fixture.rows("find views where name = \"VIPS\" select name, statement") == [
                ["vips", "find customers where tier = vip"]
            ])
        let id = try fixture.rows("find views where name = \"vips\" select id")[0][0]
        #expect(try fixture.rows("history view \(id)").map { $0[2] } == ["name", "statement"])
        #expect(try fixture.rows("run vips").map { $0[1] } == ["Acme Ltd"])
    }

    @Test func argumentsBindParametersForOneRun() throws {
        // Wednesday noon: 1bd reaches Thursday noon, 13bd reaches 2026-12-14 (after 12-10).
        #expect(try fixture.rows("run due_soon(days: 1)").isEmpty)
        #expect(try fixture.rows("run due_soon(days: 13)") == [["2", "Send invoice"]])
        #expect(try fixture.rows("run mine(who: \"wang.fang\")") == [["2"]])
        #expect(try fixture.rows("run mine(who: li.wei)") == [["1"], ["4"]])
    }

    @Test func sessionParametersBindWhatArgumentsDoNot() throws {
        fixture.session.parameters.named["who"] = .string("wang.fang")
        #expect(try fixture.rows("run mine") == [["2"]])
        // An argument wins over the session's value, for that run only.
        #expect(try fixture.rows("run mine(who: \"li.wei\")") == [["1"], ["4"]])
        #expect(try fixture.rows("run mine") == [["2"]])
        // So do the parameters a program passes.
        #expect(try fixture.rows("run mine", parameters: ["who": "li.wei"]) == [["1"], ["4"]])
    }

    @Test func countAndGetCanBeViewsToo() throws {
        _ = try fixture.session.execute(
            """
            define view open_count as count promises where status = pending group by owner
            define view timeline as get customer $id with promises(where due < $until order by due limit $n)
            """)
        #expect(try fixture.rows("run open_count") == [["li.wei", "2"], ["wang.fang", "1"]])
        let results = try fixture.session.execute("run timeline(id: 1, until: 2026-12-31, n: 1)")
        #expect(results[0].sections.count == 2)
        #expect(results[0].sections[1].rows.count == 1)
    }

    @Test func explainShowsTheViewAndItsPlan() throws {
        let lines = try fixture.column("explain run due_soon(days: 2)", "plan")
        #expect(lines.first?.hasPrefix("view due_soon: find promises where status = pending") == true)
        #expect(lines.contains { $0.hasPrefix("access: index promise.status_due") })
    }

    @Test func droppingRemovesTheView() throws {
        let result = try fixture.session.execute("drop view MINE")
        #expect(
            result[0].rows.map { $0.map(\.description) } == [
                ["mine", "find promises where owner = $who order by id select id"]
            ])
        let error = try #require(fixture.error("run mine"))
        #expect(error.diagnostic.id == .unknownView)
        #expect(try fixture.rows("count views") == [["2"]])
    }

    /// A statement, the error it gives (id, the start of the message, the text under the
    /// caret), and that nothing was written.
    @Test(arguments: [
        (
            "define view weekly_check as find customers", DiagnosticID.duplicateView,
            "a view named 'weekly_check' exists already (drop view weekly_check first", "weekly_check"
        ),
        (
            "define view WEEKLY_CHECK as find customers", .duplicateView,
            "a view named 'weekly_check' exists already", "WEEKLY_CHECK"
        ),
        (
            "define view bad as find promises where duedate < now", .unknownField,
            "unknown field 'duedate' on promise", "duedate"
        ),
        (
            "define view bad as find customers where tier = gold", .unknownValue,
            "'gold' is not a value of tier", "gold"
        ),
        (
            "define view bad as find promises where owner = $who and due < $when select title, avg(amount)",
            .aggregateNotAllowed, "", "title"
        ),
        (
            "define view bad as update promise 1 set status = kept", .invalidView,
            "only find, count and get can be saved as a view (a view is run to read), not 'update'", "update"
        ),
        (
            "define view bad as delete customer 1 cascade", .invalidView,
            "only find, count and get can be saved as a view", "delete"
        ),
        ("define view bad as", .expectedStatement, "expected the statement to save after 'as'", ""),
        (
            "define view find as find customers", .expectedViewName,
            "expected a view's name after 'define view'", "find"
        ),
        ("define view bad find customers", .expectedKeyword, "expected 'as' and the statement", "find"),
        (
            "drop view nothing", .unknownView,
            "there is no view named 'nothing' (there are: due_soon, mine, weekly_check)", "nothing"
        ),
        ("run weekly_chek", .unknownView, "there is no view named 'weekly_chek'", "weekly_chek"),
        (
            "run due_soon", .missingParameter,
            "view 'due_soon' needs $days (give it as run due_soon(days: ...), or bind it with .param set days ...)",
            "run due_soon"
        ),
        (
            "run due_soon(dayz: 3)", .unknownParameter,
            "view 'due_soon' has no parameter $dayz (it takes $days)",
            "dayz"
        ),
        (
            "run weekly_check(days: 3)", .unknownParameter,
            "view 'weekly_check' has no parameter $days (it takes none)", "days"
        ),
        ("run due_soon(days: 1, days: 2)", .duplicateClause, "the parameter 'days' is given twice", "days"),
        (
            "run due_soon(days: 2.5)", .typeMismatch,
            "in view 'due_soon' (line 1, column 69 of its statement)", "due_soon"
        ),
        ("run mine(who: today)", .typeMismatch, "'today' is a range of time", "today"),
        ("run due_soon(days 3)", .expectedToken, "expected ':' and a value after 'days'", "3"),
        ("run due_soon(3)", .expectedFieldName, "expected a parameter's name (without $)", "3"),
        ("drop view", .expectedViewName, "expected a view's name after 'drop view'", ""),
        (
            "define viw x as find customers", .expectedKeyword, "expected 'field' or 'view' after 'define'",
            "viw"
        ),
    ])
    func mistakesAreReportedWhereTheyAreAndWriteNothing(
        _ source: String, _ id: DiagnosticID, _ message: String, _ marked: String
    ) throws {
        let before = try written()
        let error = try #require(fixture.error(source), "\(source) should fail")
        #expect(error.diagnostic.id == id, "\(source): \(error)")
        #expect(error.diagnostic.message.hasPrefix(message), "\(source): \(error.diagnostic.message)")
        let range = error.diagnostic.range
        let utf8 = Array(source.utf8)
        let under = String(
            decoding: utf8[min(range.start.offset, utf8.count)..<min(range.end.offset, utf8.count)],
            as: UTF8.self)
        #expect(under == marked, "\(source): caret under '\(under)'")
        #expect(try written() == before, "\(source) wrote something")
    }

    @Test func anErrorInsideAViewSaysWhereInTheViewAndShowsIt() throws {
        let error = try #require(fixture.error("run mine(who: 5)"))
        #expect(
            error.diagnostic.message
                == "in view 'mine' (line 1, column 29 of its statement): owner is a string, not an integer (write \"text\")"
                || error.diagnostic.message.hasPrefix(
                    "in view 'mine' (line 1, column 29 of its statement): owner is")
        )
        #expect(
            error.diagnostic.notes == [
                "view 'mine' is: find promises where owner = $who order by id select id"
            ])
    }

    @Test func aLengthOfTimeIsScaledOnlyByAKnownWholeNumber() throws {
        #expect(try fixture.rows("find promises where due < 2026-11-02 + 2 * 1bd select id") == [["3"]])
        #expect(try fixture.rows("find promises where due < 2026-11-02 + 1bd * 2 select id") == [["3"]])
        let error = try #require(fixture.error("find promises where due < now + amount * 1bd"))
        #expect(
            error.diagnostic.message.hasPrefix("a length of time is multiplied only by a whole number known"))
        #expect(
            fixture.error("find promises where due < now + 99999999999 * 1bd")?.diagnostic.id
                == .arithmeticError)
    }

    /// The checking half of `define view` must accept what running accepts: every read
    /// statement of the grammar examples and the fixture saves as a view.
    @Test func everyReadStatementOfTheExamplesCanBeSaved() throws {
        let directory = try #require(GrammarExampleTests.examplesDirectory)
        var checked = 0
        for name in GrammarExampleTests.scripts {
            let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            guard !source.contains("-- example-") else { continue }  // Calendars the fixture lacks.
            for statement in Parser.parse(source).script.statements {
                let verb = statement.verb
                guard verb == "find" || verb == "count" || verb == "get" else { continue }
                let text = Self.text(of: statement.range, in: source)
                guard (try? fixture.session.execute(text)) != nil else { continue }  // Fails when run, too.
                checked += 1
                _ = try fixture.session.execute("define view check_\(checked) as \(text)")
            }
        }
        #expect(checked > 20)
    }

    static func text(of range: SourceRange, in source: String) -> String {
        let utf8 = Array(source.utf8)
        return String(decoding: utf8[range.start.offset..<range.end.offset], as: UTF8.self)
    }
}
