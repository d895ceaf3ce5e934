import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// Records what a streamed script sends, in order, one line per event.
private final class Transcript: ScriptReceiver {
    var events: [String] = []
    var errors: [String] = []

    func section(title: String?, columns: [String]) {
        events.append("section \(columns.joined(separator: ","))")
    }
    func row(_ values: [FieldValue]) {
        events.append("row \(values.map(\.description).joined(separator: ","))")
    }
    func willRun(_ statement: Statement) { events.append("run line \(statement.range.start.line)") }
    func didRun(_ result: StatementResult) {
        events.append("done \(result.kind) line \(result.range.start.line)")
    }
    func failed(_ error: QueryError, in chunk: ScriptChunk, of scriptName: String) {
        let formatter = DiagnosticFormatter(
            fileName: scriptName, source: chunk.text, firstLine: chunk.firstLine)
        errors.append(formatter.format(error.diagnostic))
        events.append("error line \(error.diagnostic.range.start.line)")
    }
}

/// Dot-commands for the tests: `.param set NAME VALUE`, `.read NAME` of scripts kept in
/// memory, and nothing else.
private final class TestDotCommands: DotCommandHandler {
    let session: Session
    let files: [String: String]
    init(_ session: Session, files: [String: String] = [:]) {
        self.session = session
        self.files = files
    }

    func run(dotCommand line: String, in scriptName: String) -> DotCommandOutcome {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case ".param" where words.count == 4:
            session.parameters.named[words[2]] = .string(words[3])
            return .done
        case ".read" where words.count == 2:
            guard let text = files[words[1]] else { return .failed("cannot read \(words[1])") }
            return .read(StatementReader(text: text, name: words[1]))
        default:
            return .failed("unknown dot-command")
        }
    }
}

/// An input that cannot go back, like a pipe.
private struct PipeInput: ScriptInput {
    let bytes: [UInt8]
    var offset = 0
    var canSeek: Bool { false }
    init(_ text: String) { bytes = Array(text.utf8) }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset, 4096)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
    mutating func seek(to offset: Int) -> Bool { false }
}

/// A file-like input that can seek but gives at most `step` bytes a read, so that blocks of
/// lines are cut differently when read again.
private final class TrickleFileInput: ScriptInput {
    let bytes: [UInt8]
    let step: Int
    var offset = 0
    var reads = 0
    var canSeek: Bool { true }
    init(_ text: String, step: Int) {
        bytes = Array(text.utf8)
        self.step = step
    }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        reads += 1
        let count = min(buffer.count, bytes.count - offset, reads % 3 == 0 ? step * 7 : step)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
    func seek(to offset: Int) -> Bool {
        self.offset = offset
        return true
    }
}

@Suite("Scripts run as they are read")
struct ScriptStreamingTests {
    let directory: TemporaryDirectory
    let store: Store
    let session: Session

    init(mapSize: Int = 64 << 20) throws {
        directory = try TemporaryDirectory()
        store = try Store(
            path: directory.file("crm.db"),
            options: StoreOptions(mapSize: mapSize, clock: { EngineFixture.now }))
        session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: EngineFixture.now)
    }

    func customers() throws -> Int { try store.read { tx in try tx.count(Customer.self) } }

    @Test func errorsFarIntoALongScriptKeepTheirLineNumbers() throws {
        var lines = (1...3_000).map { "insert customer {name: \"c\($0)\"}" }
        lines[2_998] = "find customers where nme = 1"
        let transcript = Transcript()
        let report = session.run(
            StatementReader(text: lines.joined(separator: "\n"), name: "big.crm"),
            options: RunOptions(stopOnError: false, keepsEntries: false), receiver: transcript)
        #expect(report.failures == 1)
        #expect(report.statementsRun == 2_999)
        #expect(report.entries.isEmpty, "a report that keeps no entries stays small")
        #expect(
            transcript.errors == [
                "big.crm:2999:22: error: unknown field 'nme' on customer (did you mean 'name'?)\n"
                    + "find customers where nme = 1\n                     ^~~"
            ])
        #expect(try customers() == 2_999)
    }

    @Test func anAtomicScriptWithALateSyntaxErrorWritesNothing() throws {
        let script =
            (1...500).map { "insert customer {name: \"c\($0)\"}" }.joined(separator: "\n")
            + "\nfnd customers\ncount customers\ncount promises\n"
        let transcript = Transcript()
        let report = session.run(
            StatementReader(input: PipeInput(script), name: "<stdin>"),
            options: RunOptions(atomic: true, keepsEntries: false), receiver: transcript)
        #expect(!report.succeeded)
        #expect(report.statementsRun == 500)
        #expect(report.statementsRolledBack == 500)
        #expect(report.statementsSkipped == 2)
        #expect(transcript.errors.first?.hasPrefix("<stdin>:501:1: error: unknown keyword 'fnd'") == true)
        #expect(try customers() == 0)
    }

    @Test func stoppingAtAnErrorCountsWhatWasSkipped() throws {
        let script = "insert customer {name: \"A\"}\nget customer 7\ncount customers; count promises\n"
        let report = session.run(
            StatementReader(text: script, name: "s.crm"), options: RunOptions(keepsEntries: false))
        #expect(report.statementsRun == 1)
        #expect(report.failures == 1)
        #expect(report.statementsSkipped == 2)
    }

    @Test func blocksCommitWholeOrNotAtAllAndStreamTheirRows() throws {
        let script = """
            begin
            insert customer {name: "A"}
            find customers select name
            commit
            begin
            insert customer {name: "B"}
            insert interaction {customer: 99, kind: call}
            commit
            count customers
            """
        let transcript = Transcript()
        let report = session.run(
            StatementReader(text: script, name: "s.crm"), options: RunOptions(stopOnError: false),
            receiver: transcript)
        #expect(report.failures == 1)
        #expect(report.statementsRolledBack == 1)
        #expect(try customers() == 1)
        #expect(transcript.events.contains("row A"))
        #expect(transcript.events.suffix(2).first == "row 1", "the failed block wrote nothing: one customer")
        #expect(report.statementsSkipped == 1, "the failed block's commit")
        #expect(
            report.results.map(\.kind) == ["begin", "insert", "find", "commit", "count"],
            "a failed block leaves only its error in the report")
    }

    @Test func aBlockInAReadFileMustEndInThatFile() throws {
        let dot = TestDotCommands(session, files: ["open.crm": "begin\ninsert customer {name: \"A\"}\n"])
        let report = session.run(
            StatementReader(text: ".read open.crm\ncommit\n", name: "s.crm"),
            options: RunOptions(stopOnError: false), dotCommands: dot)
        #expect(report.errors.map(\.diagnostic.id) == [.transactionState, .transactionState])
        #expect(try customers() == 0)
    }

    @Test func dotCommandsRunInOrderInsideAnAtomicScript() throws {
        let dot = TestDotCommands(session, files: ["more.crm": "insert customer {name: $who}\n"])
        let script = """
            .param set who Ann
            insert customer {name: $who}
            .param set who Bo
            .read more.crm
            find customers select name
            """
        let transcript = Transcript()
        let report = session.run(
            StatementReader(text: script, name: "s.crm"), options: RunOptions(atomic: true),
            receiver: transcript,
            dotCommands: dot)
        #expect(report.succeeded)
        #expect(transcript.events.filter { $0.hasPrefix("row") }.suffix(2) == ["row Ann", "row Bo"])
        let bad = session.run(
            StatementReader(text: "insert customer {name: \"C\"}\n.bogus\n", name: "s.crm"),
            options: RunOptions(atomic: true), dotCommands: dot)
        #expect(bad.errors.first?.diagnostic.id == .dotCommand)
        #expect(bad.errors.first?.diagnostic.range.start.line == 2)
        #expect(try customers() == 2, "the failed atomic script wrote nothing")
    }

    /// A store whose map starts tiny: a block that outgrows it runs again from its start,
    /// reading its statements again, and what it printed the first time is not printed again.
    @Test func aTransactionRunAgainForAGrowingMapSendsEverythingOnce() throws {
        let small = try ScriptStreamingTests(mapSize: 256 << 10)
        let note = String(repeating: "n", count: 900)
        let inserts = (1...600).map { "insert customer {name: \"c\($0)\", note: \"\(note)\"}" }
        let script =
            "count customers\nbegin\n" + inserts.joined(separator: "\n") + "\ncommit\ncount customers\n"
        let path = small.directory.file("grow.crm")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let transcript = Transcript()
        let report = small.session.run(
            StatementReader(text: script, name: "grow.crm"), options: RunOptions(keepsEntries: false),
            receiver: transcript)
        #expect(report.succeeded)
        #expect(try small.customers() == 600)
        #expect(transcript.events.filter { $0.hasPrefix("run") }.count == 604)
        #expect(
            transcript.events.filter {
                $0
                    == "section id,name,kind,tier,status,company,email,phone,city,address,owner,verified,note,tags,created,updated"
            }.count == 600)
        #expect(transcript.events.suffix(2).first == "row 600")
    }

    /// The same from a file read a little at a time (read ahead on another thread): the
    /// transaction's statements are found again by where they start in the file.
    @Test func aTransactionReadAgainFromAFileFindsItsStatementsByOffset() throws {
        let small = try ScriptStreamingTests(mapSize: 256 << 10)
        let note = String(repeating: "n", count: 900)
        let inserts = (1...600).map { "insert customer {name: \"c\($0)\", note: \"\(note)\"}" }
        let script =
            "count customers\ninsert customer {name: \"first\"}; begin\n" + inserts.joined(separator: "\n")
            + "\ncommit\ncount customers\n"
        let transcript = Transcript()
        let report = small.session.run(
            StatementReader(input: TrickleFileInput(script, step: 3_000), name: "grow.crm"),
            options: RunOptions(keepsEntries: false), receiver: transcript)
        #expect(report.succeeded)
        #expect(try small.customers() == 601)
        #expect(transcript.events.filter { $0.hasPrefix("run") }.count == 605)
        #expect(transcript.events.suffix(2).first == "row 601")
    }

    @Test func aTransactionFromAPipeThatOutgrowsTheMapFailsWhole() throws {
        let small = try ScriptStreamingTests(mapSize: 256 << 10)
        let note = String(repeating: "n", count: 900)
        let script = (1...600).map { "insert customer {name: \"c\($0)\", note: \"\(note)\"}" }.joined(
            separator: "\n")
        let transcript = Transcript()
        let report = small.session.run(
            StatementReader(input: PipeInput(script), name: "<stdin>"), options: RunOptions(atomic: true),
            receiver: transcript)
        #expect(!report.succeeded)
        #expect(transcript.errors.first?.contains("outgrew the store's map") == true)
        #expect(try small.customers() == 0)
    }
}
