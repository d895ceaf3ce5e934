import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// A write transaction held open between statements (the shell's `begin`): results as each
/// statement runs, nothing visible to others until commit, errors and rollback discard all.
@Suite("Open transactions")
struct OpenTransactionTests {
    static func count(_ session: Session, _ entity: String = "customers") throws -> String {
        try session.execute("count \(entity)").first?.rows.first?.first?.description ?? "?"
    }

    @Test func statementsAnswerAtOnceAndOthersSeeNothingUntilCommit() throws {
        let fixture = try EngineFixture()
        let other = Session(store: fixture.store, timeZone: fixture.session.timeZone, now: EngineFixture.now)
        let transaction = try fixture.session.begin()
        let inserted = transaction.run(Parser.parse(#"insert customer {name: "Delta"}"#))
        #expect(inserted.errors.isEmpty)
        #expect(inserted.results.first?.main.value(0, "name") == .string("Delta"))
        // Inside, the transaction sees its own insert; a reader elsewhere does not.
        let inside = transaction.run(Parser.parse("count customers"))
        #expect(inside.results.first?.rows.first?.first == .integer(4))
        #expect(try Self.count(other) == "3")
        try transaction.commit()
        #expect(!transaction.isOpen)
        #expect(try Self.count(other) == "4")
    }

    @Test func rowsGoToTheReceiverAsEachStatementRuns() throws {
        let fixture = try EngineFixture()
        let transaction = try fixture.session.begin()
        let receiver = Collector()
        _ = transaction.run(
            Parser.parse("update promises where overdue set owner = \"x\""), receiver: receiver)
        #expect(receiver.statements == ["update"])
        #expect(receiver.rows.count == 2)
        transaction.rollback()
    }

    @Test func rollbackKeepsNothing() throws {
        let fixture = try EngineFixture()
        let transaction = try fixture.session.begin()
        _ = transaction.run(Parser.parse("delete promise 1"))
        _ = transaction.run(Parser.parse("rollback"))
        #expect(!transaction.isOpen)
        #expect(try Self.count(fixture.session, "promises") == "4")
    }

    @Test func aFailingStatementRollsEverythingBackAndEndsTheTransaction() throws {
        let fixture = try EngineFixture()
        let transaction = try fixture.session.begin()
        _ = transaction.run(Parser.parse(#"insert customer {name: "Delta"}"#))
        let failed = transaction.run(Parser.parse("delete customer 1"))
        #expect(failed.errors.first?.diagnostic.id == .storeRejected)
        #expect(!transaction.isOpen)
        #expect(try Self.count(fixture.session) == "3")
        #expect(
            transaction.run(Parser.parse("count customers")).errors.first?.diagnostic.id == .transactionState)
        #expect(throws: QueryError.self) { try transaction.commit() }
    }

    @Test func beginInsideIsAnErrorThatLeavesTheTransactionOpen() throws {
        let fixture = try EngineFixture()
        let transaction = try fixture.session.begin()
        #expect(transaction.run(Parser.parse("begin")).errors.first?.diagnostic.id == .transactionState)
        #expect(transaction.isOpen)
        transaction.rollback()
    }

    @Test func aCancelledStatementRollsBack() throws {
        let fixture = try EngineFixture()
        let transaction = try fixture.session.begin()
        _ = transaction.run(Parser.parse(#"insert customer {name: "Delta"}"#))
        fixture.session.isCancelled = { true }
        let cancelled = transaction.run(Parser.parse("find customers where name contains \"x\""))
        fixture.session.isCancelled = { false }
        #expect(cancelled.errors.first?.diagnostic.id == .cancelled)
        #expect(!transaction.isOpen)
        #expect(try Self.count(fixture.session) == "3")
    }

    @Test func droppingAnOpenTransactionRollsItBackAndFreesTheWriter() throws {
        let fixture = try EngineFixture()
        do {
            let transaction = try fixture.session.begin()
            _ = transaction.run(Parser.parse(#"insert customer {name: "Delta"}"#))
        }
        _ = try fixture.session.execute(#"insert customer {name: "Echo"}"#)
        #expect(try Self.count(fixture.session) == "4")
    }

    @Test func aReadOnlyStoreCannotBegin() throws {
        let fixture = try EngineFixture()
        let path = fixture.directory.file("crm.db")
        let readOnly = try Store(path: path, options: StoreOptions(readOnly: true))
        #expect(throws: QueryError.self) { try Session(store: readOnly).begin() }
    }

    @Test func theMapGrowingMidTransactionKeepsEveryStatement() throws {
        let directory = try TemporaryDirectory()
        let store = try Store(
            path: directory.file("small.db"), options: StoreOptions(mapSize: 64 << 10, durability: .relaxed))
        let session = Session(store: store, timeZone: TimeZone(identifier: "UTC"))
        let transaction = try session.begin()
        let note = String(repeating: "n", count: 400)
        for index in 0..<300 {
            let report = transaction.run(
                Parser.parse(#"insert customer {name: "C\#(index)", note: "\#(note)"}"#))
            #expect(report.errors.isEmpty)
            #expect(report.results.first?.main.value(0, "id") == .integer(Int64(index + 1)))
        }
        try transaction.commit()
        #expect(try Self.count(session) == "300")
        #expect(try store.check().isHealthy)
    }
}

/// Remembers what a transaction sent.
private final class Collector: StatementAwareReceiver {
    var statements: [String] = []
    var rows: [[FieldValue]] = []
    func statementWillSend(_ statement: Statement) {
        statements.append(String(statement.dump.dropFirst().prefix { $0 != " " }))
    }
    func section(title: String?, columns: [String]) {}
    func row(_ values: [FieldValue]) { rows.append(values) }
}

@Suite("Open transactions from text")
struct OpenTransactionTextTests {
    @Test func aStatementGivenAsTextRunsAndASyntaxErrorLeavesTheTransactionOpen() throws {
        let fixture = try EngineFixture()
        let transaction = try fixture.session.begin()
        #expect(transaction.run(#"insert customer {name: "Delta"}"#).errors.isEmpty)
        let mistake = transaction.run("fnd customers")
        #expect(mistake.errors.first?.diagnostic.id == .unknownKeyword)
        #expect(transaction.isOpen)
        try transaction.commit()
        #expect(try OpenTransactionTests.count(fixture.session) == "4")
    }
}
