import Foundation
import TestSupport
import Testing

@testable import LMDB

/// LMDB may count pages past the end of the file: a page allocated and freed again inside
/// one write is counted but never written, and goes on the free list. Such a file is whole
/// and must open; a file that really lost pages must be refused, without a SIGBUS.
@Suite("A file shorter than its page count opens when only free pages are missing")
struct FileExtentTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func key(_ value: Int64) -> [UInt8] {
        var key = OrderedKey()
        key.append(value)
        return key.bytes
    }

    func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Bulk puts and deletes of random sizes, each followed by a close and an open; the
    /// data read back must be what a dictionary says. Some of the opens must meet a file
    /// shorter than its page count, or the test would not test the case it is for.
    @Test func bulkWritesOfRandomSizesAlwaysReopen() throws {
        let path = directory.file("bulk.db")
        var model: [Int64: Int] = [:]
        var random = SplitMix64(seed: 10)
        var shortFiles = 0
        for _ in 0..<60 {
            let env = try Environment(path: path, options: EnvironmentOptions(durability: .relaxed))
            // The open above is the check: it throws for a file it takes to be truncated.
            let info = env.info
            if try fileSize(path) < (info.lastPageNumber + 1) * info.pageSize { shortFiles += 1 }
            let db = try env.write { tx in try tx.openDatabase("records", create: true) }
            // One write puts a random number of records, then deletes a random run of keys
            // (perhaps some it just put): pages split off at the end of the file and emptied
            // again in the same write are the ones counted but never written.
            let puts = Int(random.next() % 6000) + 1
            let deletes = Int(random.next() % 12_000)
            try env.write { tx in
                for _ in 0..<puts {
                    let id = Int64(random.next() % 40_000)
                    let size = Int(random.next() % 600)
                    try tx.put(db, key: key(id), value: [UInt8](repeating: UInt8(id % 251), count: size))
                    model[id] = size
                }
                let keys = model.keys.sorted()
                let start = Int(random.next() % UInt64(keys.count))
                for id in keys[start..<min(keys.count, start + deletes)] {
                    _ = try tx.delete(db, key: key(id))
                    model[id] = nil
                }
            }
            try env.sync()
        }
        let env = try Environment(path: path)
        let db = try env.write { tx in try tx.openDatabase("records", create: true) }
        try env.read { tx throws in
            #expect(try tx.statistics(db).entries == model.count)
            for (id, size) in model {
                #expect(try tx.get(db, key: key(id))?.count == size)
            }
        }
        #expect(shortFiles > 0, "no open met a file shorter than its page count")
    }

    /// A file cut inside pages still in use is refused with a message, and left alone.
    @Test func aFileMissingPagesInUseIsRefused() throws {
        let path = directory.file("cut.db")
        do {
            let env = try Environment(path: path)
            let db = try env.write { tx in try tx.openDatabase("records", create: true) }
            try env.write { tx in
                for id in Int64(0)..<5000 {
                    try tx.put(db, key: key(id), value: [UInt8](repeating: 7, count: 100))
                }
            }
        }
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for fraction in [2, 3, 5] {
            let cut = whole.prefix(whole.count - whole.count / fraction)
            try cut.write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
            #expect(error?.code == .corrupted)
            #expect(
                error?.message.hasPrefix("\(path) is truncated: it holds \(cut.count) bytes but page ")
                    == true,
                "\(error?.message ?? "")")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == cut)
        }
    }
}
