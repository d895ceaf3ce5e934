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
///
/// A script may set its session with a header comment (a comment, so `crm` runs it as well):
///
///     -- example-session: tz=Asia/Shanghai now=2026-09-30T10:00 calendar=cn
///     -- example-param: who=li.wei days=3
///
/// `calendar` names the stored calendar the session counts working time on, as
/// `crm --calendar cn` does (`Session.calendarName`). `example-param` binds session
/// parameters, as `.param set` does in the shell: whole numbers, else text.
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
        let setting = try ExampleSetting(source)
        let now = setting.now
        let store = try Store(path: temporary.file("example.db"), options: StoreOptions(clock: { now }))
        let session = Session(store: store, timeZone: setting.zone, now: now)
        session.calendarName = setting.calendarName
        session.parameters.named = setting.parameters
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

/// The session a script's `-- example-session:` header line asks for.
struct ExampleSetting {
    var zone = TimeZone(identifier: "UTC") ?? .current
    var now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)
    var calendarName: String?
    /// Session parameters (`example-param`).
    var parameters: [String: FieldValue] = [:]

    init(_ source: String) throws {
        var clock: String?
        for line in source.split(separator: "\n") where line.hasPrefix("-- example-") {
            let body = line.dropFirst("-- example-".count)
            let colon = try #require(body.firstIndex(of: ":"), "no ':' in \(line)")
            let rest = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if body[..<colon] == "param" {
                for (name, value) in Self.pairs(rest) {
                    parameters[name] = Int64(value).map { .integer($0) } ?? .string(value)
                }
                continue
            }
            guard body[..<colon] == "session" else {
                Issue.record("unknown example setting: \(line)")
                continue
            }
            let pairs = Self.pairs(rest)
            if let tz = pairs["tz"] { zone = try #require(TimeContext.timeZone(named: tz), "zone \(tz)") }
            clock = pairs["now"]
            calendarName = pairs["calendar"]
        }
        if let clock {
            now = try #require(TimeContext(now: now, timeZone: zone).parseInstant(clock), "now \(clock)")
        }
    }

    /// `key=value key=value`.
    private static func pairs(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for word in text.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { pairs[parts[0]] = parts[1] }
        }
        return pairs
    }
}
