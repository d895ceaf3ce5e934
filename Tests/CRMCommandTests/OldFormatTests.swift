import Foundation
import TestSupport
import Testing

/// Stores written by earlier formats must open and read the same with every later build:
/// `Tests/Fixtures/format1.db` was written by the first record and index format (the code of
/// 2026-11-25), `format2.db` by record format 2 before records carried checksums (the code of
/// 2026-12-02, made by `format2-make.crm`); each `.jsonl` is what its `.crm` printed on it then.
@Suite("A store written by an earlier format opens and reads the same")
struct OldFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture store and the clock its expected output was printed with.
    struct Fixture: CustomStringConvertible, Sendable {
        let name: String
        let now: String
        var description: String { name }
    }

    static let fixtureStores = [
        Fixture(name: "format1", now: "2026-11-25T12:00:00Z"),
        Fixture(name: "format2", now: "2026-12-02T12:00:00Z"),
    ]

    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// A private copy of the fixture store, so that no test changes the one in the repository.
    func copy(_ fixture: Fixture) throws -> String {
        let path = directory.file("\(fixture.name).db")
        try FileManager.default.copyItem(
            atPath: Self.fixtures.appendingPathComponent("\(fixture.name).db").path, toPath: path)
        return path
    }

    func readBack(_ fixture: Fixture, _ path: String, _ extra: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(
            [path, "--format", "jsonl", "--now", fixture.now, "--tz", "UTC"] + extra + [
                "-f", Self.fixtures.appendingPathComponent("\(fixture.name).crm").path,
            ])
    }

    func expected(_ fixture: Fixture) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent("\(fixture.name).jsonl"), encoding: .utf8)
    }

    @Test(arguments: fixtureStores)
    func readOnlyItReadsAsItWasWritten(_ fixture: Fixture) throws {
        let path = try copy(fixture)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try readBack(fixture, path, ["--readonly"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try expected(fixture)))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a read-only open changed the file")
        let checked = try CommandRunner.run(["check", path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }

    @Test(arguments: fixtureStores)
    func openedForWritingItReadsTheSameAndChecksClean(_ fixture: Fixture) throws {
        let path = try copy(fixture)
        let result = try readBack(fixture, path, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try expected(fixture)))
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
