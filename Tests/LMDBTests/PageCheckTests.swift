import Foundation
import TestSupport
import Testing

@testable import LMDB

/// A file damaged on purpose, one way at a time: the page walk must name the damage, never
/// follow it, and a process that has seen it must refuse to write.
@Suite("The page walk reports damaged pages without following them")
struct PageCheckTests {
    let directory: TemporaryDirectory
    let path: String

    /// A file with a table of 3,000 entries (a branch page over leaves) and a table with one
    /// value on overflow pages.
    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("pages.db")
        let env = try Environment(path: path)
        let records = try env.write { tx in try tx.openDatabase("records", create: true) }
        let big = try env.write { tx in try tx.openDatabase("big", create: true) }
        try env.write { tx in
            for id in 0..<3000 {
                try tx.put(records, key: Self.key(id), value: [UInt8](repeating: UInt8(id % 251), count: 100))
            }
            try tx.put(big, key: [1], value: [UInt8](repeating: 9, count: 20_000))
        }
    }

    static func key(_ id: Int) -> [UInt8] {
        var key = OrderedKey()
        key.append(Int64(id))
        return key.bytes
    }

    /// One way to damage the file, and the words the report must use for it.
    struct Damage: CustomStringConvertible, Sendable {
        let description: String
        let expected: String
        let damage: @Sendable (inout PageSurgery) throws -> Void
    }

    static let damages: [Damage] = [
        Damage(description: "a node offset outside its page", expected: "node 0's offset 65000 lies outside")
        {
            let leaf = try $0.leaves(ofTable: "records")[1]
            $0.set16($0.nodeSlot(leaf, 0), 65000)
        },
        Damage(description: "a child page number out of range", expected: "past the last page in use") {
            let branch = try $0.branches(ofTable: "records")[0]
            $0.set16($0.node(branch, 1), 0xFFFF)
            $0.set16($0.node(branch, 1) + 2, 0x7FFF)
        },
        Damage(
            description: "page flags of no kind",
            expected: "its flags 0x40 make it neither a branch nor a leaf"
        ) {
            let leaf = try $0.leaves(ofTable: "records")[2]
            $0.set16($0.offset(leaf) + 10, 0x40)
        },
        Damage(description: "a tree that loops", expected: "the page is reached twice") {
            let branch = try $0.branches(ofTable: "records")[0]
            let leaf = try $0.leaves(ofTable: "records")[0]
            $0.set16($0.node(branch, 1), UInt16(leaf & 0xFFFF))
            $0.set16($0.node(branch, 1) + 2, UInt16(leaf >> 16))
        },
        Damage(description: "an overflow run past the end", expected: "on overflow page") {
            let leaf = try $0.leaves(ofTable: "big")[0]
            let node = $0.node(leaf, 0)
            let first = Int(PageSurgery.load64($0.bytes, node + 8 + 1))
            $0.set16($0.offset(first) + 12, 0xFFFF)
        },
        Damage(description: "keys out of order", expected: "its keys are out of order") {
            let leaf = try $0.leaves(ofTable: "records")[1]
            $0.bytes[$0.node(leaf, 1) + 8] = 0xFF
        },
        Damage(
            description: "a key past its page's end", expected: "key of 60000 bytes runs past the page's end"
        ) {
            let leaf = try $0.leaves(ofTable: "records")[1]
            $0.set16($0.node(leaf, 0) + 6, 60000)
        },
        Damage(description: "a value past its page's end", expected: "value of 65636 bytes runs past") {
            let leaf = try $0.leaves(ofTable: "records")[1]
            $0.set16($0.node(leaf, 0) + 2, 1)
        },
        Damage(description: "duplicates in a tree without them", expected: "says it holds duplicate values") {
            let leaf = try $0.leaves(ofTable: "records")[1]
            $0.set16($0.node(leaf, 3) + 4, 0x04)
        },
        Damage(description: "a table's root past the end", expected: "its root is page 268435455") {
            try $0.set64($0.tableRecord("records") + 40, 0x0FFF_FFFF)
        },
        Damage(description: "a page that names another", expected: "its header says it is page 12345") {
            let leaf = try $0.leaves(ofTable: "records")[1]
            $0.set64($0.offset(leaf), 12345)
        },
        Damage(
            description: "a count that disagrees",
            expected: "its record counts 3001 entries, its pages hold 3000"
        ) {
            try $0.set64($0.tableRecord("records") + 32, 3001)
        },
    ]

    @Test func aHealthyFileHasNoProblems() throws {
        let env = try Environment(path: path)
        let report = try env.checkPages()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.databases == 2)
        #expect(report.pagesReached > 20)
        #expect(env.damage == nil)
    }

    @Test(arguments: damages)
    func damageIsReportedAndWritesAreRefused(_ damage: Damage) throws {
        var surgery = try PageSurgery(path: path)
        try damage.damage(&surgery)
        try surgery.save()
        let env: Environment
        do {
            env = try Environment(path: path)
        } catch let error as LMDBError {
            // Damage to a table's record in the table directory is refused at open.
            #expect(error.code == .corrupted)
            #expect(error.message.contains(damage.expected), "\(error.message)")
            let report = try Environment.checkPages(path: path)
            #expect(report.problems.contains { $0.description.contains(damage.expected) })
            return
        }
        let report = try env.checkPages()
        #expect(
            report.problems.contains { $0.description.contains(damage.expected) },
            "\(report.problems.map(\.description))")
        #expect(env.damage != nil)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let refused = #expect(throws: LMDBError.self) {
            try env.write { tx in try tx.put(tx.openDatabase("records"), key: [0], value: [1]) }
        }
        #expect(refused?.code == .corrupted)
        #expect(refused?.message.hasPrefix("\(path) is damaged (") == true, "\(refused?.message ?? "")")
        #expect(
            refused?.message.hasSuffix(
                "it is not written to, so that the damage does not spread (restore it from a backup)") == true
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "nothing was written")
    }

    /// Damage to the main tree (the table directory) is found when the file is opened, and the
    /// open leaves no lock file behind; `checkPages(path:)` still says where the damage is.
    @Test func aDamagedTableDirectoryIsRefusedAtOpen() throws {
        var surgery = try PageSurgery(path: path)
        let meta = surgery.currentMeta()
        let mainRoot = Int(PageSurgery.load64(surgery.bytes, meta + 24 + 48 + 40))
        surgery.set16(surgery.nodeSlot(mainRoot, 0), 50000)
        try surgery.save()
        try FileManager.default.removeItem(atPath: path + "-lock")
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(error?.code == .corrupted)
        #expect(
            error?.message
                == "\(path) is damaged: the table directory, page \(mainRoot): node 0's offset 50000 lies outside "
                + "the page's nodes (\(PageSurgery.load16(surgery.bytes, surgery.offset(mainRoot) + 14)) to 4096) "
                + "(restore it from a backup)")
        #expect(
            !FileManager.default.fileExists(atPath: path + "-lock"), "the failed open removed its lock file")
        let report = try Environment.checkPages(path: path)
        #expect(report.problems.first?.tree == "the table directory")
    }

    /// A record lookup that meets a page LMDB finds wrong notes the damage, so a later write
    /// is refused.
    @Test func damageLMDBReportsIsNotedForWrites() throws {
        var surgery = try PageSurgery(path: path)
        let branch = try surgery.branches(ofTable: "records")[0]
        surgery.set16(surgery.node(branch, 1), 0xFFFF)
        surgery.set16(surgery.node(branch, 1) + 2, 0x7FFF)
        try surgery.save()
        let env = try Environment(path: path)
        let records = try env.read { tx in try tx.openDatabase("records") }
        let error = #expect(throws: LMDBError.self) {
            try env.read { tx in
                for id in 0..<3000 { _ = try tx.get(records, key: Self.key(id)) }
            }
        }
        #expect(error?.code == .pageNotFound)
        #expect(env.damage?.contains("MDB_PAGE_NOTFOUND") == true)
        #expect(throws: LMDBError.self) { try env.write { tx in try tx.put(records, key: [0], value: [1]) } }
    }
}
