import Foundation
import TestSupport
import Testing

@testable import LMDB

/// `releaseMappedPages` gives the file's pages back without losing a byte.
@Suite("Releasing mapped pages")
struct MappedPagesTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    private func value(_ index: Int) -> [UInt8] {
        [UInt8](repeating: UInt8(truncatingIfNeeded: index % 251), count: 4000)
    }

    @Test func residentPagesDropAndTheDataStaysTheSame() throws {
        let path = directory.file("pages.db")
        let env = try Environment(path: path, options: EnvironmentOptions(durability: .relaxed))
        let db = try env.write { tx in try tx.openDatabase("blobs", create: true) }
        try env.write { tx in
            for index in 0..<4096 {
                var key = OrderedKey()
                key.append(Int64(index))
                try tx.put(db, key: key.bytes, value: value(index))
            }
        }
        func readAll() throws -> Bool {
            try env.read { tx in
                var cursor = try tx.scan(db)
                var index = 0
                var same = true
                while let entry = try cursor.next() {
                    same = same && Array(entry.value) == value(index)
                    index += 1
                }
                return same && index == 4096
            }
        }
        #expect(try readAll())
        let before = try MappedMemory.residentKiB(of: path)
        #expect(before > 8_000, "reading 16 MB maps it in (\(before) KiB)")
        env.releaseMappedPages()
        let after = try MappedMemory.residentKiB(of: path)
        #expect(after < before / 4, "\(before) KiB resident before, \(after) KiB after")
        #expect(try readAll(), "the pages come back from the file unchanged")
    }
}
