import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// The digest's model from Swift: its standard sections run through a session, rows split by
/// owner (ignoring case), and empty when nothing is due.
@Suite("Digest: sections per owner")
struct DigestModelTests {
    @Test func theStandardSectionsSplitByOwner() throws {
        let fixture = try EngineFixture()
        let digest = try Digest(session: fixture.session, sections: DigestSection.standard, byOwner: true)
        #expect(!digest.isEmpty)
        // Overdue: promise 1 (li.wei) and 4 (LI.WEI, the same owner); the complaint with a
        // promise made on it is answered; Send invoice is due after 3 working days.
        #expect(digest.groups.map(\.owner) == ["li.wei"])
        let parts = try #require(digest.groups.first?.parts)
        #expect(parts.map(\.section.id) == ["overdue"])
        #expect(parts[0].columns == ["id", "customer", "title", "due"])
        #expect(parts[0].rows.map { $0[0] } == [.integer(1), .integer(4)])
        #expect(digest.ownerCounts.map(\.count) == [2])
        #expect(digest.sectionCounts.map(\.count) == [2, 0, 0, 0])
    }

    @Test func unsplitItIsOneGroupWithTheOwnerColumn() throws {
        let fixture = try EngineFixture()
        let digest = try Digest(session: fixture.session, sections: DigestSection.standard, byOwner: false)
        #expect(digest.groups.count == 1)
        #expect(digest.groups[0].owner == nil)
        #expect(digest.groups[0].parts[0].columns.last == "owner")
    }

    @Test func aViewThatNeedsAParameterIsAnErrorNamingIt() throws {
        let fixture = try EngineFixture()
        _ = try fixture.session.execute("define view mine as find promises where owner = $who")
        #expect(throws: QueryError.self) {
            try Digest(session: fixture.session, sections: [DigestSection.view("mine")], byOwner: true)
        }
        fixture.session.parameters.named["who"] = .string("wang.fang")
        let digest = try Digest(
            session: fixture.session, sections: [DigestSection.view("mine")], byOwner: true)
        #expect(digest.groups.map(\.owner) == ["wang.fang"])
    }

    @Test func nothingDueIsEmptyInEveryForm() throws {
        let fixture = try EngineFixture(loading: "insert customer {name: \"Quiet\"}")
        let digest = try Digest(session: fixture.session, sections: DigestSection.standard, byOwner: true)
        #expect(digest.isEmpty)
        for format in DigestFormat.allCases {
            let text = DigestWriter(format: format, time: fixture.session.timeContext).render(digest)
            #expect(text.contains(format == .json ? "\"nothing_due\":true" : "nothing due"), "\(format)")
        }
    }
}
