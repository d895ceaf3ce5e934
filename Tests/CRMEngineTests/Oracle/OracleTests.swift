import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// The store under test: a file, a `Store` on it and a `Session` in UTC with the clock fixed
/// at `now` (the store's clock too, so `created`, `updated` and defaults are `now`).
final class OracleStore {
    let directory: TemporaryDirectory
    let now: Timestamp
    /// The only reference to the open `Store` is the session's, so dropping the session
    /// closes the file.
    private var session: Session?

    init(now: Timestamp) throws {
        directory = try TemporaryDirectory()
        self.now = now
        try open()
    }

    private func open() throws {
        let fixed = now
        let store = try Store(path: directory.file("crm.db"), options: StoreOptions(clock: { fixed }))
        session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: now)
    }

    /// Closes the store and opens the file again.
    func reopen() throws {
        weak let old = session?.store
        session = nil
        // Were the old store still alive, the new one would share its open environment and
        // nothing would be read from the file again.
        guard old == nil else { throw Refusal(description: "the old store is still referenced") }
        try open()
    }

    /// What the store said instead of results: the error, printed.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `source` with indexes on or off.
    func execute(_ source: String, indexes: Bool = true) -> Result<[StatementResult], Refusal> {
        guard let session else { return .failure(Refusal(description: "the store is not open")) }
        session.usesIndexes = indexes
        defer { session.usesIndexes = true }
        do {
            return .success(try session.execute(source))
        } catch {
            return .failure(Refusal(description: error.description))
        }
    }
}

/// One run of the oracle: the model, the store, the generator, and what disagreed.
final class OracleRun {
    let seed: UInt64
    var generator: OracleGenerator
    var model: OracleModel
    let store: OracleStore
    /// Whether to print every statement as it runs (`ORACLE_TRACE=1`), to follow a failure back.
    let trace = ProcessInfo.processInfo.environment["ORACLE_TRACE"] == "1"
    /// Statements whose results were compared with the model.
    var compared = 0
    var reads = 0
    /// Reads whose answer had at least one row: a check that conditions select something.
    var nonEmptyReads = 0
    var writes = 0
    var reopens = 0
    /// The disagreements, by what was wrong: the same difference seen again is counted, not
    /// repeated.
    var failures: [(problem: String, report: String, statements: [String])] = []

    init(seed: UInt64, now: Timestamp) throws {
        self.seed = seed
        generator = OracleGenerator(seed: seed)
        model = OracleModel(now: now)
        store = try OracleStore(now: now)
    }

    /// Records a disagreement: `problem` says what was wrong, `details` shows both results.
    func fail(_ statement: String, _ problem: String, _ details: String = "") {
        if trace { print("oracle disagreement: \(problem)\n  in: \(statement)") }
        if let index = failures.firstIndex(where: { $0.problem == problem }) {
            failures[index].statements.append(statement)
            return
        }
        let report =
            "seed \(seed), statement:\n    \(statement)\n  \(problem)"
            + (details.isEmpty ? "" : "\n" + details)
        failures.append((problem, report, [statement]))
    }

    /// Every disagreement, with the other statements that showed the same one.
    var reports: [String] {
        failures.map { failure in
            let others = failure.statements.dropFirst()
            guard !others.isEmpty else { return failure.report }
            return failure.report + "\n  the same difference in \(others.count) more statements, such as:\n"
                + others.prefix(3).map { "    " + $0 }.joined(separator: "\n")
        }
    }

    // MARK: - Reads

    /// Runs a read with indexes on and off; both must be answers the model allows, and
    /// without `limit` or `offset` both must hold the same rows. Returns whether all agreed.
    @discardableResult
    func read(_ text: String, after write: String? = nil) -> Bool {
        if trace { print("oracle read: \(text)") }
        let shown = write.map { "\(text)\n    (reading back what this wrote: \($0))" } ?? text
        let parsed = Parser.parse(text)
        guard parsed.isValid, parsed.script.statements.count == 1,
            let statement = parsed.script.statements.first
        else {
            fail(shown, "the generator wrote a statement that does not parse: \(parsed.diagnostics)")
            return false
        }
        let answer: OracleAnswer
        do {
            answer = try OracleEvaluator(model).answer(statement)
        } catch {
            fail(shown, "the model cannot answer it: \(error)")
            return false
        }
        compared += 1
        reads += 1
        let start = min(answer.offset, answer.rows.count)
        let end = answer.limit.map { min(answer.rows.count, start + max(0, $0)) } ?? answer.rows.count
        if end > start { nonEmptyReads += 1 }
        let expected =
            "  the model (\(end - start) rows of \(answer.rows.count), columns \(answer.columns)):\n"
            + OracleComparison.show(Array(answer.rows[start..<end]))
        // What each run got and what was wrong with it, indexes on, then off.
        var outcomes: [(rows: [[FieldValue]]?, problem: String?, details: String)] = []
        for indexes in [true, false] {
            switch store.execute(text, indexes: indexes) {
            case .failure(let error):
                outcomes.append((nil, "the store refused it: \(error)", expected))
            case .success(let all):
                let main = all.last?.main ?? ResultSet(columns: [])
                let problem = OracleComparison.check(columns: main.columns, rows: main.rows, against: answer)
                let details =
                    "  the store (\(main.rows.count) rows, columns \(main.columns)):\n"
                    + OracleComparison.show(main.rows) + "\n\(expected)"
                outcomes.append((main.rows, problem, details))
            }
        }
        var agreed = true
        if outcomes[0].problem == outcomes[1].problem, let problem = outcomes[0].problem {
            fail(shown, problem + " (indexes on and off)", outcomes[0].details)
            agreed = false
        } else {
            for (outcome, mode) in zip(outcomes, ["indexes on", "indexes off"]) {
                guard let problem = outcome.problem else { continue }
                fail(shown, problem + " (\(mode))", outcome.details)
                agreed = false
            }
        }
        if let on = outcomes[0].rows, let off = outcomes[1].rows, answer.limit == nil, answer.offset == 0,
            OracleComparison.multiset(on, answer) != OracleComparison.multiset(off, answer)
        {
            fail(
                shown, "indexes on and off give different rows",
                "  on:\n" + OracleComparison.show(on) + "\n  off:\n" + OracleComparison.show(off))
            agreed = false
        }
        return agreed
    }

    // MARK: - Writes

    /// Runs a write (or a `begin ... commit` block) on the store and applies each statement to
    /// the model; each statement's reported rows must be what the model did. A block that
    /// ends in `rollback` must leave the model's state as it was.
    func write(_ text: String) {
        if trace { print("oracle write: \(text)") }
        let parsed = Parser.parse(text)
        let statements = parsed.script.statements.filter { statement in
            switch statement.kind {
            case .begin, .commit, .rollback: false
            default: true
            }
        }
        let rolledBack = parsed.script.statements.last.map { $0.kind == .rollback } ?? false
        let shown =
            statements.count > 1
            ? "(a block of \(statements.count) statements)\n    "
                + text.prefix(600).replacingOccurrences(of: "\n", with: "\n    ")
                + " ..." : text
        guard parsed.isValid, !statements.isEmpty else {
            fail(shown, "the generator wrote a write that does not parse: \(parsed.diagnostics)")
            return
        }
        compared += 1
        writes += 1
        let results: [StatementResult]
        switch store.execute(text) {
        case .failure(let error):
            fail(shown, "the store refused it: \(error)")
            resynchronize()
            return
        case .success(let all):
            results = all.filter { !["begin", "commit", "rollback"].contains($0.kind) }
        }
        if rolledBack { return }
        guard results.count == statements.count else {
            fail(shown, "the store answered \(results.count) of \(statements.count) statements")
            resynchronize()
            return
        }
        var agreed = true
        var touched: [(entity: Entity, ids: [Int64], source: String)] = []
        for (statement, result) in zip(statements, results) {
            let utf8 = parsed.source.utf8
            let source =
                String(
                    utf8.dropFirst(statement.range.start.offset).prefix(
                        statement.range.end.offset - statement.range.start.offset))
                ?? text
            do {
                switch statement.kind {
                case .insert(let insert):
                    let record = try model.insert(insert)
                    let fields = OracleSchema.storedFields(of: insert.entity.entity).map(\.name)
                    let answer = OracleAnswer(
                        columns: fields, rows: [fields.map { record[$0] }], keys: [[]], ordered: false,
                        identityColumns: [0])
                    if let problem = OracleComparison.check(
                        columns: result.columns, rows: result.rows, against: answer)
                    {
                        fail(
                            source, "the inserted record differs: \(problem)",
                            "  the store:\n" + OracleComparison.show(result.rows) + "\n  the model:\n"
                                + OracleComparison.show(answer.rows))
                        agreed = false
                    }
                case .update(let update):
                    let ids = try model.update(update)
                    agreed = compareIDs(source, result, ids) && agreed
                    touched.append((update.entity.entity, ids, source))
                case .delete(let delete):
                    agreed = compareIDs(source, result, try model.delete(delete)) && agreed
                default:
                    fail(source, "the generator wrote a statement that is not a write")
                }
            } catch {
                fail(source, "the model cannot apply it: \(error)")
                agreed = false
            }
        }
        // Read back what was updated, so that a wrong update shows on its own statement.
        for (entity, ids, source) in touched where agreed && !ids.isEmpty && ids.count <= 300 {
            let list = ids.map(String.init).joined(separator: ", ")
            agreed = read("find \(entity.plural) where id in (\(list))", after: source) && agreed
        }
        if !agreed { resynchronize() }
    }

    /// `update` and `delete` report one row per record touched, with its id.
    private func compareIDs(_ source: String, _ result: StatementResult, _ ids: [Int64]) -> Bool {
        let reported = result.main.column("id").compactMap { value -> Int64? in
            if case .integer(let id) = value { return id }
            return nil
        }
        if reported.sorted() == ids.sorted() && reported.count == result.rows.count { return true }
        fail(source, "the store touched ids \(reported.sorted()), the model \(ids.sorted())")
        return false
    }

    /// After a write on which the store and the model disagreed (already reported), takes
    /// the store's records as the model's, so that later statements test something new
    /// instead of showing the same difference again.
    func resynchronize() {
        for entity in Entity.allCases {
            guard case .success(let results) = store.execute("find \(entity.plural)"),
                let main = results.last?.main
            else { continue }
            model.replace(
                entity,
                with: main.rows.map { row in
                    OracleRecord(
                        values: Dictionary(zip(main.columns, row), uniquingKeysWith: { first, _ in first }))
                })
        }
    }

    // MARK: - Whole state

    /// Statements that exercise each rule the engine once got wrong (order by a relation,
    /// `id desc` through an index, repeated `in` values, enum order, bare dates in lists,
    /// `not` with nulls, groups folding case), checked against the model like any other.
    static let anchors = [
        "find promises order by customer.name, id desc",
        "find promises order by customer.tier desc, id limit 7",
        "find customers where tier = vip order by id desc",
        "find customers where city = \"delhi\" order by id desc",
        "find customers where tags contains steel order by id desc limit 3",
        "find customers where id in (3, 1, 2) order by id desc",
        "find promises where status = pending order by id desc limit 5",
        "find customers where tier in (vip, VIP) order by id",
        "find customers where id in (3, 3)",
        "find customers where status in (prospect, \"prospect\")",
        "count customers where tier in (key, \"KEY\")",
        "find customers order by tier, id",
        "find customers select min(tier), max(tier), min(status), max(status)",
        "find customers group by status select status, count() order by status desc",
        "find promises where due = 2026-12-01",
        "find promises where due in (2026-12-01, 2026-11-20)",
        "find promises where due not in (2026-12-01, 2026-11-20)",
        "find customers where not (city = \"Delhi\")",
        "find customers where city != \"Delhi\"",
        "find customers where not (city = \"Delhi\" and tier = vip)",
        "find promises where not (resolved < now)",
        "count customers group by city",
        "count customers group by owner",
        "find interactions group by customer.city select customer.city, count(), min(score), max(score)",
        "find promises where overdue order by due",
        "find promises where kept_late order by resolved desc",
        "find customers where open_promises > 0 order by open_promises desc, id",
        "find customers where last_contact in last 30 days order by last_contact desc",
    ]

    /// The anchors, then every record and every derived field.
    func checkEverything() {
        for text in Self.anchors { read(text) }
        read("find customers")
        read("find interactions")
        read("find promises")
        read("find customers select id, last_contact, open_promises, overdue_promises, satisfaction")
        read("find promises select id, overdue, kept_late, late_by")
        read("count customers")
        read("count interactions")
        read("count promises")
    }

    func reopen() {
        do {
            try store.reopen()
            reopens += 1
        } catch {
            fail("(opening the store again)", "the store did not open again: \(error)")
        }
    }
}

/// A model-based test: a few hundred random statements run against the real store through
/// `Session` (reads with indexes on and off) and against `OracleModel`, a small in-memory
/// evaluator written from SPEC.md; every disagreement is reported with the statement, both
/// results and the seed.
///
/// `ORACLE_SEED`, `ORACLE_READS` and `ORACLE_WRITES` in the environment change the run;
/// `ORACLE_TRACE=1` prints every statement.
@Suite("Oracle: random statements against an in-memory model of SPEC.md")
struct OracleTests {
    static let now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)

    @Test func randomStatementsAgreeWithTheModel() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["ORACLE_SEED"].flatMap { UInt64($0) } ?? 20_261_125
        let readCount = environment["ORACLE_READS"].flatMap { Int($0) } ?? 400
        let writeCount = environment["ORACLE_WRITES"].flatMap { Int($0) } ?? 60
        let clock = ContinuousClock()
        let started = clock.now
        let run = try OracleRun(seed: seed, now: Self.now)

        // The starting data, loaded in one transaction.
        let load = run.generator.inserts(run.model, customers: 40, interactions: 150, promises: 120)
        run.write((["begin"] + load + ["commit"]).joined(separator: "\n"))
        run.checkEverything()

        // Reads and writes interleaved at random; the store is closed and opened again every
        // 20 writes, and must then hold exactly what the model holds.
        var readsLeft = readCount
        var writesLeft = writeCount
        var writesSinceReopen = 0
        while readsLeft + writesLeft > 0 {
            if run.generator.int(1...(readsLeft + writesLeft)) <= writesLeft {
                writesLeft -= 1
                run.write(run.generator.write(run.model))
                writesSinceReopen += 1
                if writesSinceReopen == 20 {
                    writesSinceReopen = 0
                    run.reopen()
                    run.checkEverything()
                }
            } else {
                readsLeft -= 1
                run.read(run.generator.read(run.model))
            }
        }
        run.reopen()
        run.checkEverything()

        let elapsed = (clock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let counts = [Entity.customer, .interaction, .promise].map {
            "\(run.model.ids($0).count) \($0.plural)"
        }
        print(
            "oracle: seed \(seed): \(run.compared) statements compared (\(run.reads) reads, each with "
                + "indexes on and off, \(run.nonEmptyReads) of them with rows; \(run.writes) writes; "
                + "\(run.reopens) reopens) in \(String(format: "%.1f", seconds)) s; at the end "
                + counts.joined(separator: ", ") + "; \(run.failures.count) disagreements")
        for report in run.reports.prefix(40) { Issue.record(Comment(rawValue: report)) }
        if run.failures.count > 40 { Issue.record("... and \(run.failures.count - 40) more disagreements") }
    }
}
