import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// Runs every script in Grammar/examples against a fresh store (clock 2026-11-25T12:00:00Z,
/// UTC, every statement run even after an error) and compares what it prints with the
/// `.out` file beside it: each statement's sections as CSV, each error as the shell shows it.
/// `CRM_RECORD_GOLDEN=1 swift test` writes the `.out` files anew.
@Suite("Grammar examples and their expected output")
struct GrammarExampleTests {
    static var examplesDirectory: URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("Grammar/examples")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static var scripts: [String] {
        guard let directory = examplesDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".crm") }.sorted()
    }

    @Test func thereAreExamples() {
        #expect(Self.scripts.count >= 5)
    }

    @Test(arguments: scripts)
    func exampleRunsAsRecorded(_ name: String) throws {
        let directory = try #require(Self.examplesDirectory)
        let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let output = try Self.run(source, name: name)
        let expectedURL = directory.appendingPathComponent(String(name.dropLast(4)) + ".out")
        if ProcessInfo.processInfo.environment["CRM_RECORD_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "\(name): run with CRM_RECORD_GOLDEN=1 to see the difference in git")
    }

    static func run(_ source: String, name: String) throws -> String {
        let temporary = try TemporaryDirectory()
        let now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)
        let store = try Store(path: temporary.file("example.db"), options: StoreOptions(clock: { now }))
        let session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: now)
        let time = session.timeContext
        let writer = ResultWriter(format: .csv, formatTimestamp: { time.format($0) })
        let formatter = DiagnosticFormatter(fileName: name, source: source)
        var output = ""
        for entry in session.run(source, options: RunOptions(stopOnError: false)).entries {
            switch entry {
            case .result(let result):
                output += "-- \(result.kind) (line \(result.range.start.line))\n"
                for section in result.sections {
                    if let title = section.title { output += "# \(title)\n" }
                    output += writer.render(columns: section.columns, rows: section.rows)
                }
            case .error(let error):
                output += formatter.format(error.diagnostic)
                if !output.hasSuffix("\n") { output += "\n" }
            }
        }
        return output
    }
}
