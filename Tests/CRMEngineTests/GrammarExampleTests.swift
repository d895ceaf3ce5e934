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
/// A script may set its session with header comments (comments, so `crm` runs it as well):
///
///     -- example-session: tz=Asia/Shanghai now=2026-09-30T10:00
///     -- example-calendar: name=cn zone=Asia/Shanghai days=mon,tue,wed,thu,fri hours=09:00-12:00,13:30-18:00
///     -- example-holiday: 2026-10-01 2026-10-07 国庆节
///     -- example-workday: 2026-10-10 2026-10-10 调休
///
/// The calendar becomes the session's working calendar (`Session.workingCalendar`) and the
/// one `working_days(..., "cn")` finds by name, as a program sets them until calendars are
/// stored records.
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
        if let calendar = setting.calendar {
            session.workingCalendar = calendar
            session.calendarLookup = { name, _ in name == calendar.name ? calendar : nil }
        }
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

/// The session a script's `-- example-...:` header lines ask for.
struct ExampleSetting {
    var zone = TimeZone(identifier: "UTC") ?? .current
    var now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)
    var calendar: WorkingCalendar?

    init(_ source: String) throws {
        var clock: String?
        var fields: [String: String]?
        var holidays: [WorkingCalendar.Holiday] = []
        for line in source.split(separator: "\n") where line.hasPrefix("-- example-") {
            let body = line.dropFirst("-- example-".count)
            let colon = try #require(body.firstIndex(of: ":"), "no ':' in \(line)")
            let rest = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch body[..<colon] {
            case "session":
                let pairs = Self.pairs(rest)
                if let tz = pairs["tz"] { zone = try #require(TimeContext.timeZone(named: tz), "zone \(tz)") }
                clock = pairs["now"]
            case "calendar":
                fields = Self.pairs(rest)
            case "holiday", "workday":
                let parts = rest.split(separator: " ", maxSplits: 2).map(String.init)
                try #require(parts.count == 3, "\(line): FROM TO NAME")
                holidays.append(
                    try .init(
                        from: parts[0], to: parts[1], name: parts[2], working: body.hasPrefix("workday")))
            default:
                Issue.record("unknown example setting: \(line)")
            }
        }
        if let clock {
            now = try #require(TimeContext(now: now, timeZone: zone).parseInstant(clock), "now \(clock)")
        }
        if let fields {
            calendar = try WorkingCalendar(
                name: fields["name"] ?? "example", zone: fields["zone"] ?? "UTC",
                days: (fields["days"] ?? "").split(separator: ",").map(String.init),
                hours: (fields["hours"] ?? "").replacingOccurrences(of: ",", with: ", "), holidays: holidays)
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
