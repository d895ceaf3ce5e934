import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport

/// A store with a small fixed dataset, loaded through the query language itself, and a
/// session whose clock stands at 2026-11-25T12:00:00Z (a Wednesday) in UTC.
struct EngineFixture {
    static let now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)

    let directory: TemporaryDirectory
    let store: Store
    let session: Session

    static let dataset = """
        insert customer {name: "Acme Ltd", tier: vip, city: "Xi'an", email: "info@acme.com", owner: "li.wei", tags: [steel, north]}
        insert customer {name: "北京贸易", tier: key, city: "北京", phone: "+86 10 1234 5678", tags: [trade]}
        insert customer {name: "Gamma GmbH", city: "Berlin", status: prospect, attrs: {employees: 12, region: "eu"}}
        insert interaction {customer: 1, kind: complaint, channel: phone, subject: "late delivery", at: 2026-11-20T09:00, urgent: true}
        insert interaction {customer: 1, kind: survey, score: 4, at: 2026-11-01}
        insert interaction {customer: 2, kind: survey, score: 2, at: 2026-10-15, subject: "退款 refund request"}
        insert interaction {customer: 2, kind: call, at: 2026-08-01, by: "wang.fang"}
        insert promise {customer: 1, title: "Reply with a solution", due: 2026-11-22, interaction: 1, owner: "li.wei", amount: 1200.50}
        insert promise {customer: 1, title: "Send invoice", due: 2026-12-10, owner: "wang.fang"}
        insert promise {customer: 2, title: "Visit", due: 2026-11-01, status: kept, resolved: 2026-11-03T10:00}
        insert promise {customer: 2, title: "Call back", due: 2026-11-24T17:00, owner: "LI.WEI", amount: 0.05}
        """

    init(loading script: String = EngineFixture.dataset) throws {
        directory = try TemporaryDirectory()
        store = try Store(path: directory.file("crm.db"), options: StoreOptions(clock: { EngineFixture.now }))
        session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: EngineFixture.now)
        _ = try session.execute(script)
    }

    /// The rows of the one statement in `source`, each as its printed values.
    func rows(_ source: String, parameters: Parameters = Parameters()) throws -> [[String]] {
        let results = try session.execute(source, parameters: parameters)
        return results.last?.rows.map { $0.map(\.description) } ?? []
    }

    /// One column of the one statement in `source`, printed.
    func column(_ source: String, _ name: String = "id") throws -> [String] {
        let results = try session.execute(source)
        return results.last?.main.column(name).map(\.description) ?? []
    }

    /// The error the statement gives.
    func error(_ source: String) -> QueryError? {
        do {
            _ = try session.execute(source)
            return nil
        } catch {
            return error
        }
    }

    /// Counts of every kind, for "nothing was written".
    func counts() throws -> [Int] {
        let stats = try store.statistics()
        return [stats.customers, stats.interactions, stats.promises, stats.historyEntries]
    }
}
