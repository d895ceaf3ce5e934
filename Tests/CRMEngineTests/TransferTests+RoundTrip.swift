import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import Testing

@Suite("Transfer: export, and export then import gives the same records")
struct TransferRoundTripTests {
    let fixture: EngineFixture
    init() throws {
        fixture = try EngineFixture()
        _ = try fixture.session.execute(
            """
            insert customer {name: "Quote \\"Q\\", comma", address: "Road 1\\nXi'an", note: "多行\\n备注", tags: ["a b", c], attrs: {since: 2020-01-01T08:30:00Z, score: 9.50, n: -3, ok: true, label: "北"}}
            insert promise {customer: 4, title: "精确 amount", due: 2026-12-31T17:00+08:00, amount: 99999999999.999999, ref: "C-1"}
            """)
    }

    /// Every stored field of every record of `entity`, without created and updated.
    private func records(_ session: Session, _ entity: Entity) throws -> [[String]] {
        let rows = try session.execute("find \(entity.plural) order by id")[0]
        let created = rows.columns.firstIndex(of: "created") ?? rows.columns.count
        return rows.rows.map { $0.prefix(created).map(\.description) }
    }

    private func attributes(_ store: Store, _ entity: Entity) throws -> [[String: FieldValue]] {
        try store.read { tx in
            switch entity {
            case .customer: try tx.all(Customer.self).collect().map(\.attrs)
            case .interaction: try tx.all(Interaction.self).collect().map(\.attrs)
            case .promise: try tx.all(Promise.self).collect().map(\.attrs)
            default: []
            }
        }
    }

    @Test(arguments: [TransferFormat.csv, .jsonl])
    func roundTrip(format: TransferFormat) throws {
        let fresh = try EngineFixture(loading: "")
        for entity in [Entity.customer, .interaction, .promise] {
            let text = try fixture.exportText(entity, format)
            let result = fresh.importText(text, entity, format)
            #expect(result.issues == [], "\(entity)")
            #expect(try records(fresh.session, entity) == records(fixture.session, entity), "\(entity)")
            #expect(try attributes(fresh.store, entity) == attributes(fixture.store, entity), "\(entity)")
        }
    }

    @Test func csvExportLayout() throws {
        let text = try fixture.exportText(.customer, .csv, where: "attrs.label = \"北\" or id = 3")
        #expect(
            text == """
                id,name,kind,tier,status,company,email,phone,city,address,owner,verified,note,tags,created,updated,\
                attrs.employees,attrs.label,attrs.n,attrs.ok,attrs.region,attrs.score,attrs.since\r
                3,Gamma GmbH,organization,standard,prospect,,,,Berlin,,,,,"",2026-11-25T12:00:00Z,\
                2026-11-25T12:00:00Z,12,,,,eu,,\r
                4,"Quote ""Q"", comma",organization,standard,active,,,,,"Road 1
                Xi'an",,,"多行
                备注","a b, c",2026-11-25T12:00:00Z,2026-11-25T12:00:00Z,,北,-3,true,,9.50,2020-01-01T08:30:00Z\r

                """)
    }

    @Test func jsonLinesExportWithWhereAndZone() throws {
        fixture.session.timeZone = TimeContext.timeZone(named: "+08:00") ?? .gmt
        let text = try fixture.exportText(.promise, .jsonl, where: "amount > 1000")
        #expect(
            text == """
                {"id":1,"customer":1,"title":"Reply with a solution","direction":"to_customer","owner":"li.wei",\
                "made":"2026-11-25T20:00:00+08:00","due":"2026-11-23T07:59:59+08:00","status":"pending",\
                "resolved":null,"interaction":1,"amount":1200.50,"remedy":null,"ref":null,"note":null,"tags":[],\
                "created":"2026-11-25T20:00:00+08:00","updated":"2026-11-25T20:00:00+08:00","attrs":{}}
                {"id":5,"customer":4,"title":"精确 amount","direction":"to_customer","owner":null,\
                "made":"2026-11-25T20:00:00+08:00","due":"2026-12-31T17:00:00+08:00","status":"pending",\
                "resolved":null,"interaction":null,"amount":99999999999.999999,"remedy":null,"ref":"C-1",\
                "note":null,"tags":[],"created":"2026-11-25T20:00:00+08:00","updated":"2026-11-25T20:00:00+08:00",\
                "attrs":{}}

                """)
    }

    @Test func aBadConditionIsAUsageError() throws {
        for (condition, message) in [
            ("tierr = vip", "--where: unknown field 'tierr' on customer (did you mean 'tier'?)"),
            (
                "tier = vip limit 1",
                "--where takes one condition, such as tier = vip and city = \"Xi'an\" (no order by, limit, select or further statements)"
            ),
            ("tier = = vip", "--where: column 8: "),
        ] {
            do {
                _ = try fixture.exportText(.customer, .csv, where: condition)
                Issue.record("expected an error for \(condition)")
            } catch let error as TransferError {
                #expect(error.code == .usage)
                #expect(error.message.hasPrefix(message), "\(error.message)")
            }
        }
    }
}
