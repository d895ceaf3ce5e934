import Foundation
import LMDB
import TestSupport
import Testing

@testable import CRMStore

/// A store whose file is damaged: refused or reported, never written to.
@Suite("A damaged store is reported, and not written to")
struct DamagedStoreTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("store.db")
        let store = try Store(path: path)
        try store.write { tx in
            let acme = try tx.insert(Customer(name: "Acme"))
            _ = try tx.insert(Interaction(customer: acme.id, kind: .call))
        }
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A store has data but no format marker only when the marker was damaged: opening it for
    /// writing must not "finish its creation" into the damaged file.
    @Test func dataWithoutAFormatMarkerIsDamageNotAnUnfinishedStore() throws {
        do {
            let env = try Environment(path: path)
            try env.write { tx in try tx.delete(tx.openDatabase(Tables.metaName), key: MetaKey.format) }
        }
        let before = try bytes()
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(error?.code == .corrupt)
        #expect(
            error?.message == "\(path) is damaged: its format marker is missing (restore it from a backup)")
        #expect(try bytes() == before)
    }

    /// check() walks the pages first; damage there is reported page by page, records are not
    /// read, and the store refuses to write afterwards.
    @Test func checkReportsDamagedPagesAndTheStoreStopsWriting() throws {
        var surgery = try PageSurgery(path: path)
        let leaf = try surgery.leaves(ofTable: "interaction")[0]
        surgery.set16(surgery.nodeSlot(leaf, 0), 40000)
        try surgery.save()
        let store = try Store(path: path)
        let report = try store.check()
        #expect(report.pagesDamaged)
        #expect(report.records == 0, "records are not read over damaged pages")
        #expect(
            report.problems.first?.hasPrefix(
                "damaged page: table interaction, page \(leaf): node 0's offset 40000") == true)
        let before = try bytes()
        let refused = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.insert(Customer(name: "Later")) }
        }
        #expect(refused?.code == .corrupt)
        #expect(refused?.message.hasPrefix("\(path) is damaged (") == true, "\(refused?.message ?? "")")
        #expect(try bytes() == before)
    }

    @Test func aHealthyStoreCountsItsPages() throws {
        let report = try Store(path: path).check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.pages > 10)
        #expect(!report.pagesDamaged)
    }
}
