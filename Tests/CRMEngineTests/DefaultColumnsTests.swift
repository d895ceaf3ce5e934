import CRMEngine
import CRMQuery
import CRMStore
import Testing

/// The table columns of each entity (``DefaultColumns``): declared once, applied to a `find`
/// without `select`, and every field still there for the other formats.
@Suite("Default table columns")
struct DefaultColumnsTests {
    @Test(arguments: Entity.allCases)
    func aFindWithoutSelectReturnsTheRecordColumns(entity: Entity) throws {
        let fixture = try EngineFixture()
        let result = try #require(try fixture.session.execute("find \(entity.plural) limit 1").first)
        #expect(result.columns == DefaultColumns.recordColumns(of: entity))
        #expect(DefaultColumns.projection(of: result.columns) != nil)
    }

    @Test(arguments: Entity.allCases)
    func appliedGivesTheDeclaredColumnsWithTheirNames(entity: Entity) throws {
        let fixture = try EngineFixture()
        let parsed = DefaultColumns.applied(to: Parser.parse("find \(entity.plural) order by id limit 2"))
        let report = fixture.session.run(parsed)
        let result = try #require(report.results.first)
        #expect(report.errors.isEmpty)
        #expect(result.columns == DefaultColumns.columns(of: entity).map(\.name))
        // The sample data holds customers, interactions and promises, and none of the rest.
        #expect(result.rows.count == ([.customer, .interaction, .promise].contains(entity) ? 2 : 0))
    }

    @Test func thePromiseColumnsNameTheCustomer() throws {
        let fixture = try EngineFixture()
        let parsed = DefaultColumns.applied(
            to: Parser.parse("find promises where amount is not null order by id"))
        let result = try #require(fixture.session.run(parsed).results.first)
        #expect(result.columns == ["id", "customer", "title", "due", "status", "owner", "amount"])
        #expect(result.main.column("customer").map(\.description) == ["Acme Ltd", "北京贸易"])
    }

    @Test(arguments: [
        "find promises select id", "find promises group by status", "count promises",
        "explain find promises", "get promise 1",
    ])
    func onlyAPlainFindIsChanged(source: String) {
        let parsed = Parser.parse(source)
        #expect(DefaultColumns.applied(to: parsed).script == parsed.script)
    }

    @Test func projectionKeepsTheColumnsARelatedSectionHas() {
        let columns = DefaultColumns.recordColumns(of: .promise)
        let kept = DefaultColumns.projection(of: columns) ?? []
        #expect(kept.map { columns[$0] } == ["id", "title", "due", "status", "owner", "amount"])
        #expect(DefaultColumns.projection(of: ["id", "name"]) == nil)
    }
}
