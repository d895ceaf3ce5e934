import CRMEngine
import CRMQuery
import CRMStore
import Testing

@Suite("Engine: writing statements, transactions and errors")
struct EngineWriteTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    @Test func insertReturnsTheNewRecord() throws {
        let result = try fixture.session.execute(
            "insert customer {name: \"Delta 德尔塔\", tier: key, tags: [a, b], attrs: {since: 2020-01-01, vip_score: 9.5}}"
        )[0]
        #expect(result.main.value(0, "id") == .integer(4))
        #expect(result.main.value(0, "tier") == .symbol("key"))
        #expect(result.main.value(0, "created") == .timestamp(EngineFixture.now))
        let attrs = try fixture.rows("find customers where id = 4 select attrs.since, attrs.vip_score")
        #expect(attrs == [["2020-01-01T00:00:00Z", "9.5"]])
    }

    @Test func updateByIdAndByCondition() throws {
        let one = try fixture.session.execute("update promise 2 set status = kept")[0]
        #expect(one.rows == [[.integer(2)]])
        #expect(
            try fixture.rows("find promises where id = 2 select status, resolved") == [
                ["kept", "2026-11-25T12:00:00Z"]
            ])
        let many = try fixture.session.execute(
            "update promises where overdue and owner = \"li.wei\" set owner = \"wang.fang\"")[0]
        #expect(
            many.main.column("id") == [.integer(1), .integer(4)]
                || many.main.column("id") == [.integer(4), .integer(1)])
        #expect(
            try fixture.column("find promises where owner = \"wang.fang\" order by id") == ["1", "2", "4"])
        _ = try fixture.session.execute("update customer 3 set attrs.region = null, note = \"n\", tags = [x]")
        #expect(
            try fixture.rows("find customers where id = 3 select attrs.region, note, tags") == [
                ["null", "n", "x"]
            ])
    }

    @Test func deleteAndCascade() throws {
        let refused = fixture.error("delete customer 1")
        #expect(refused?.diagnostic.id == .storeRejected)
        #expect(refused?.diagnostic.message.contains("still has 2 interaction(s) and 2 promise(s)") == true)
        let erased = try fixture.session.execute("delete customer 1 cascade")[0]
        #expect(erased.rows == [[.integer(1), .integer(2), .integer(2)]])
        #expect(try fixture.rows("count interactions") == [["2"]])
        #expect(try fixture.rows("history customer 1").map { $0[1] } == ["erase"])
        _ = try fixture.session.execute("delete promises where customer = 2 and status = kept")
        #expect(try fixture.column("find promises order by id") == ["4"])
    }

    @Test func aFailedStatementLeavesNothingBehind() throws {
        let before = try fixture.counts()
        let error = fixture.error("insert interaction {customer: 99, kind: call}")
        #expect(error?.diagnostic.id == .storeRejected)
        #expect(
            error?.diagnostic.message
                == "interaction refers to customer 99, which does not exist (insert the customer first)")
        #expect(try fixture.counts() == before)
        let updateError = fixture.error("update interactions where customer = 1 set score = 9")
        #expect(updateError?.diagnostic.message.contains("score 9 is out of range") == true)
        #expect(
            try fixture.rows("find interactions where customer = 1 select score order by id") == [
                ["null"], ["4"],
            ])
    }

    @Test func anErrorInsideBeginCommitRollsTheBlockBack() throws {
        let before = try fixture.counts()
        let report = fixture.session.run(
            """
            begin
            update promise 2 set status = broken, note = "supplier failed"
            insert promise {customer: 1, title: "Compensation", due: +5bd, amount: 1200.00}
            insert promise {customer: 77, title: "Nobody", due: +1d}
            commit
            """)
        #expect(report.errors.count == 1)
        #expect(report.errors.first?.diagnostic.range.start.line == 4)
        #expect(try fixture.counts() == before)
        #expect(try fixture.rows("find promises where id = 2 select status") == [["pending"]])
    }

    @Test func aCommittedBlockSeesItsOwnWritesAndKeepsThem() throws {
        let report = fixture.session.run(
            """
            begin
            insert customer {name: "Eta"}
            find customers where name = "eta" select id
            commit
            """)
        #expect(report.succeeded)
        #expect(report.results.map(\.kind) == ["begin", "insert", "find", "commit"])
        #expect(report.results[2].rows == [[.integer(4)]])
        #expect(try fixture.rows("count customers") == [["4"]])
    }

    @Test func rollbackUndoesTheBlock() throws {
        let report = fixture.session.run("begin\ninsert customer {name: \"Theta\"}\nrollback\n")
        #expect(report.succeeded)
        #expect(try fixture.rows("count customers") == [["3"]])
    }

    @Test func transactionMistakesAreReported() throws {
        #expect(fixture.session.run("commit").errors.first?.diagnostic.id == .transactionState)
        let open = fixture.session.run("begin\ninsert customer {name: \"Iota\"}\n")
        #expect(open.errors.first?.diagnostic.message.hasPrefix("begin without commit") == true)
        #expect(try fixture.rows("count customers") == [["3"]])
    }

    @Test func atomicScriptsAreAllOrNothing() throws {
        let script = "insert customer {name: \"A1\"}\ninsert customer {name: \"\"}\n"
        let report = fixture.session.run(script, options: RunOptions(atomic: true))
        #expect(!report.succeeded)
        #expect(try fixture.rows("count customers") == [["3"]])
        let good = fixture.session.run(
            "insert customer {name: \"A1\"}\ninsert customer {name: \"A2\"}\n",
            options: RunOptions(atomic: true))
        #expect(good.succeeded)
        #expect(try fixture.rows("count customers") == [["5"]])
    }

    @Test func keepGoingRunsTheRest() throws {
        let script = "find customers where nme = 1\ncount customers\nfnd x\ncount promises\n"
        let bail = fixture.session.run(script)
        #expect(bail.entries.count == 1)
        let going = fixture.session.run(script, options: RunOptions(stopOnError: false))
        #expect(going.errors.count == 2)
        #expect(going.results.count == 2)
    }

    static let semanticErrors: [(String, DiagnosticID, String, String?, Int)] = [
        ("find promises where duedate < now", .unknownField, "unknown field 'duedate' on promise", "due", 21),
        ("find customers where tier = gold", .unknownValue, "'gold' is not a value of tier", nil, 29),
        ("find customers where tier = vp", .unknownValue, "'vp' is not a value of tier", "vip", 29),
        ("find promises where due = \"soon\"", .typeMismatch, "due is a timestamp, not a string", nil, 27),
        (
            "find customers where interactions = 1", .typeMismatch,
            "'interactions' is a list of interactions", nil, 22
        ),
        (
            "find customers where any(orders)", .unknownRelation, "unknown relation 'orders' on customer",
            nil, 26
        ),
        ("find customers where name", .typeMismatch, "'name' is a string, not a condition", nil, 22),
        (
            "find interactions where score > \"high\"", .typeMismatch, "score is an integer, not a string",
            nil, 33
        ),
        ("insert interaction {kind: call}", .missingField, "insert interaction needs customer", nil, 8),
        ("insert customer {name: \"x\", created: now}", .readOnlyField, "created cannot be set", nil, 29),
        (
            "insert customer {name: \"x\", colour: red}", .unknownField, "unknown field 'colour' on customer",
            nil, 29
        ),
        ("update promise 99 set status = kept", .notFound, "promise 99 does not exist", nil, 16),
        ("get customer 42", .notFound, "customer 42 does not exist", nil, 14),
        (
            "find interactions group by kind select kind, subject", .aggregateNotAllowed,
            "subject is neither grouped nor aggregated", nil, 46
        ),
        ("find customers where tags = steel", .typeMismatch, "tags are compared with contains", nil, 22),
        ("delete promise 1 cascade", .storeRejected, "cascade deletes a record", nil, 8),
    ]

    @Test(arguments: semanticErrors)
    func semanticErrorsPointAtTheWord(
        _ source: String, _ id: DiagnosticID, _ message: String, _ suggestion: String?, _ column: Int
    ) {
        let error = fixture.error(source)
        #expect(error?.diagnostic.id == id, "\(source): \(error?.description ?? "no error")")
        #expect(error?.diagnostic.message.hasPrefix(message) == true, "\(error?.diagnostic.message ?? "")")
        #expect(error?.diagnostic.suggestion == suggestion)
        #expect(error?.diagnostic.range.start.column == column, "\(source)")
    }

    @Test func errorsRenderWithACaret() {
        let source = "find promises where duedate < now"
        let error = fixture.error(source)
        let text = error.map {
            DiagnosticFormatter(fileName: "script.crm", source: source).format($0.diagnostic)
        }
        #expect(
            text?.hasPrefix(
                "script.crm:1:21: error: unknown field 'duedate' on promise (did you mean 'due'?)") == true)
        #expect(text?.contains("                    ^~~~~~~") == true)
    }
}

@Suite("Engine: cancelling a running statement")
struct EngineCancellationTests {
    @Test func aCancelledStatementStopsAndWritesNothing() throws {
        let fixture = try EngineFixture()
        let before = try fixture.counts()
        fixture.session.isCancelled = { true }
        let read = fixture.error("find interactions where subject contains \"x\"")
        #expect(read?.diagnostic.id == .cancelled)
        let write = fixture.error("update promises where owner = \"li.wei\" set note = \"x\"")
        #expect(write?.diagnostic.id == .cancelled)
        #expect(write?.diagnostic.message.contains("nothing of it was written") == true)
        fixture.session.isCancelled = { false }
        #expect(try fixture.counts() == before)
        #expect(try fixture.rows("find promises where note = \"x\"").isEmpty)
    }
}
