import CRMQuery
import CRMStore
import Foundation
import Testing

@testable import CRMEngine

/// An insert bound ahead on a script's reading thread must be exactly the record the runner
/// would bind in the session it runs in; anything that depends on the session is left to
/// the runner.
@Suite("Inserts bound on the reading thread")
struct InsertPrebindingTests {
    private func statement(_ source: String) throws -> Statement {
        let parsed = Parser.parse(source)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        return try #require(parsed.script.statements.first)
    }

    /// What the runner binds for `source` in a session at `zone` and `now`, with `$owner` set.
    private func runnerValues(_ source: String, zone: String, now: Timestamp) throws -> RecordValues {
        guard case .insert(let insert) = try statement(source).kind else {
            throw CancellationError()
        }
        let time = TimeContext(now: now, timeZone: try #require(TimeZone(identifier: zone)))
        var parameters = Parameters()
        parameters.named["owner"] = .string("wang.fang")
        let binder = Binder(entity: insert.entity.entity, parameters: parameters, time: time)
        return try Executor.values(of: insert, binder)
    }

    static let contextFree = [
        "insert interaction {customer: 7, kind: call, channel: phone, at: 2026-11-20T10:00:00Z, by: \"li.wei\", subject: \"hi\"}",
        "insert customer {name: \"Acme\", tier: key, city: \"Shanghai\", tags: [priority, \"north\"], note: null}",
        "insert promise {customer: 3, title: \"Call back\", due: 2026-12-01T17:00:00Z, owner: \"li.wei\"}",
        "insert interaction {customer: 7, kind: complaint, urgent: true, score: 2}",
    ]

    @Test(arguments: contextFree)
    func aContextFreeInsertIsBoundAheadAsTheRunnerBindsIt(_ source: String) throws {
        let ahead = try #require(InsertPrebinding.values(of: try statement(source)))
        for zone in ["UTC", "Asia/Shanghai", "America/New_York"] {
            let now = Timestamp(microseconds: 1_795_608_000_000_000)
            #expect(try runnerValues(source, zone: zone, now: now) == ahead, "\(zone): \(source)")
        }
    }

    static let sessionDependent = [
        // A date-time without a zone is read in the session's zone.
        "insert interaction {customer: 7, kind: call, at: 2026-11-20T10:00:00}",
        // A date, now, and offsets from now read the session's clock or zone.
        "insert promise {customer: 3, title: \"x\", due: 2026-12-01}",
        "insert promise {customer: 3, title: \"x\", due: now}",
        "insert promise {customer: 3, title: \"x\", due: +2bd}",
        // A string given for a time is parsed in the session's zone.
        "insert interaction {customer: 7, kind: call, at: \"2026-11-20 10:00\"}",
        // Parameters and custom fields belong to the session and the store.
        "insert promise {customer: 3, title: \"x\", owner: $owner}",
        "insert customer {name: \"Acme\", attrs: {region: \"north\"}}",
        // Computed values.
        "insert interaction {customer: 3 + 4, kind: call}",
        // Errors are the runner's to report.
        "insert customer {name: \"Acme\", colour: red}",
        "insert interaction {kind: call}",
        "insert customer {name: \"Acme\", tier: platinum}",
        // Not an insert.
        "update customer 1 set tier = key",
    ]

    @Test(arguments: sessionDependent)
    func anInsertThatDependsOnTheSessionIsLeftToTheRunner(_ source: String) throws {
        #expect(InsertPrebinding.values(of: try statement(source)) == nil, "\(source)")
    }
}
