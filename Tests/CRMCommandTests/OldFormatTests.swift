import Foundation
import TestSupport
import Testing

/// A store written by the first record and index format (the code of 2026-11-25) must open
/// and read the same with every later build: `Tests/Fixtures/format1.db` was written then,
/// and `format1.jsonl` is what `format1.crm` printed on it then.
@Suite("A store written by the first format opens and reads the same")
struct OldFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// A private copy of the fixture store, so that no test changes the one in the repository.
    func copy() throws -> String {
        let path = directory.file("format1.db")
        try FileManager.default.copyItem(
            atPath: Self.fixtures.appendingPathComponent("format1.db").path, toPath: path)
        return path
    }

    func readBack(_ path: String, _ extra: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(
            [path, "--format", "jsonl", "--now", "2026-11-25T12:00:00Z", "--tz", "UTC"] + extra + [
                "-f", Self.fixtures.appendingPathComponent("format1.crm").path,
            ])
    }

    var expected: String {
        get throws {
            try String(contentsOf: Self.fixtures.appendingPathComponent("format1.jsonl"), encoding: .utf8)
        }
    }

    @Test func readOnlyItReadsAsItWasWritten() throws {
        let path = try copy()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try readBack(path, ["--readonly"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try expected))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a read-only open changed the file")
    }

    @Test func openedForWritingItReadsTheSameAndChecksClean() throws {
        let path = try copy()
        let result = try readBack(path, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try expected))
        let checked = try CommandRunner.run(["check", path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        // Writing to it works, and the new record reads back beside the old ones.
        let written = try CommandRunner.run([
            path, "--format", "csv", "-c", "insert interaction {customer: 13, kind: call, subject: \"new\"}",
            "-c", "count interactions where customer = 13",
        ])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.hasSuffix("count\r\n2\r\n"), "\(written.stdout)")
        #expect(try CommandRunner.run(["check", path]).status == 0)
    }
}
