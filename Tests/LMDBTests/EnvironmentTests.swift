import Foundation
import TestSupport
import Testing

@testable import LMDB

@Suite("Environment, transactions and cursors on real LMDB files")
struct EnvironmentTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func key(_ value: Int64) -> [UInt8] {
        var key = OrderedKey()
        key.append(value)
        return key.bytes
    }

    @Test func createsOneFileAndALockReadableByItsOwnerOnly() throws {
        let path = directory.file("a.db")
        let oldMask = umask(0)
        defer { umask(oldMask) }
        let env = try Environment(path: path)
        _ = try env.write { tx in try tx.openDatabase("x", create: true) }
        for file in [path, path + "-lock"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
        }
    }

    @Test func putGetDeleteAndAbortOnError() throws {
        let env = try Environment(path: directory.file("b.db"))
        let db = try env.write { tx in try tx.openDatabase("numbers", create: true) }
        _ = try env.write { tx in try tx.put(db, key: [1], value: [10, 11]) }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try env.write { tx in
                try tx.put(db, key: [2], value: [20])
                throw Boom()
            }
        }
        try env.read { tx throws in
            #expect(try tx.get(db, key: [1]).map(Array.init) == [10, 11])
            #expect(try tx.get(db, key: [2]) == nil, "the aborted write must leave nothing")
        }
        let deleted = try env.write { tx in try tx.delete(db, key: [1]) }
        #expect(deleted)
        let deletedAgain = try env.write { tx in try tx.delete(db, key: [1]) }
        #expect(!deletedAgain)
        let stored = try env.write { tx in
            try tx.put(db, key: [3], value: [1])
            return try tx.put(db, key: [3], value: [2], flags: .noOverwrite)
        }
        #expect(!stored)
    }

    @Test func rangeScansForwardAndBackward() throws {
        let env = try Environment(path: directory.file("c.db"))
        let db = try env.write { tx in try tx.openDatabase("n", create: true) }
        try env.write { tx in
            for i in Int64(-5)...5 { try tx.put(db, key: key(i), value: []) }
        }
        func collect(_ range: KeyRange, reverse: Bool) throws -> [Int64] {
            try env.read { tx throws in
                var scan = try tx.scan(db, range, reverse: reverse)
                var values: [Int64] = []
                while let entry = try scan.next() {
                    var reader = OrderedKeyReader(entry.key)
                    values.append(try reader.readInt64())
                }
                return values
            }
        }
        let middle = KeyRange(from: key(-2), upTo: key(3))
        #expect(try collect(middle, reverse: false) == [-2, -1, 0, 1, 2])
        #expect(try collect(middle, reverse: true) == [2, 1, 0, -1, -2])
        #expect(try collect(.all, reverse: true).first == 5)
        #expect(try collect(.all, reverse: false).count == 11)
        #expect(try collect(KeyRange(from: key(3), upTo: nil), reverse: true) == [5, 4, 3])
        #expect(try collect(KeyRange(from: key(6), upTo: key(9)), reverse: true) == [])
        #expect(try collect(KeyRange(from: key(-9), upTo: key(-6)), reverse: false) == [])
    }

    @Test func aTransactionUsedAfterItsClosureThrowsInsteadOfCrashing() throws {
        let env = try Environment(path: directory.file("d.db"))
        let db = try env.write { tx in try tx.openDatabase("x", create: true) }
        let escaped = try env.read { tx in tx }
        #expect(!escaped.isLive)
        #expect(throws: LMDBError.self) { try escaped.get(db, key: [1]) }
        let escapedCursor = try env.read { tx in try tx.cursor(db) }
        let error = #expect(throws: LMDBError.self) { try escapedCursor.first() }
        #expect(error?.code == .transactionEnded)
    }

    @Test func aNestedWriteOnOneThreadIsAnErrorNotADeadlock() throws {
        let env = try Environment(path: directory.file("e.db"))
        let error = #expect(throws: LMDBError.self) {
            try env.write { _ in try env.write { _ in } }
        }
        #expect(error?.code == .nestedWrite)
    }

    @Test func theMapGrowsFrom64KiBOnItsOwn() throws {
        let env = try Environment(
            path: directory.file("f.db"), options: EnvironmentOptions(mapSize: 64 << 10))
        let db = try env.write { tx in try tx.openDatabase("big", create: true) }
        let value = [UInt8](repeating: 7, count: 1000)
        for batch in 0..<20 {
            try env.write { tx in
                for i in 0..<500 { try tx.put(db, key: key(Int64(batch * 500 + i)), value: value) }
            }
        }
        #expect(env.info.mapSize > 10 << 20)
        let count = try env.read { tx in try tx.statistics(db).entries }
        #expect(count == 10_000)
    }

    @Test func readOnlyRefusesWritesAndMissingFiles() throws {
        let path = directory.file("g.db")
        #expect(throws: LMDBError.self) {
            try Environment(path: path, options: EnvironmentOptions(readOnly: true))
        }
        #expect(!FileManager.default.fileExists(atPath: path), "a read-only open must not create the file")
        do {
            let env = try Environment(path: path)
            _ = _ = try env.write { tx in try tx.openDatabase("x", create: true) }
        }
        let readOnly = try Environment(path: path, options: EnvironmentOptions(readOnly: true))
        let error = #expect(throws: LMDBError.self) { try readOnly.write { _ in } }
        #expect(error?.code == .readOnly)
    }

    @Test func aFileThatIsNotLMDBIsRefusedAndLeftAlone() throws {
        let path = directory.file("text.db")
        let text = Data(String(repeating: "this is not a database\n", count: 1000).utf8)
        try text.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(error?.code == .invalidFile)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func sharedReturnsTheOpenEnvironmentForTheSameFile() throws {
        let path = directory.file("h.db")
        let first = try Environment.shared(path: path)
        let second = try Environment.shared(path: path)
        #expect(first === second)
        let other = try Environment.shared(path: directory.file("i.db"))
        #expect(first !== other)
    }

    @Test func typedDatabasesEncodeKeysAndValues() throws {
        let env = try Environment(path: directory.file("j.db"))
        let handle = try env.write { tx in try tx.openDatabase("typed", create: true) }
        let names = Database<Int64Codec, StringCodec>(handle)
        try env.write { tx in
            try names.put(tx, -3, "minus three")
            try names.put(tx, 42, "forty-two")
        }
        try env.read { tx throws in
            #expect(try names.get(tx, -3) == "minus three")
            #expect(try names.get(tx, 42) == "forty-two")
            #expect(try names.get(tx, 0) == nil)
        }
    }

    @Test func errorsCarrySwiftNamesAndLMDBMessages() {
        let error = LMDBError(returnCode: -30_792)
        #expect(error.code == .mapFull)
        #expect(error.message.contains("MDB_MAP_FULL"))
        #expect(LMDBError(returnCode: 2).code == .system(2))
    }
}
