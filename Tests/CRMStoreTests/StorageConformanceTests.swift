import Foundation
import LMDB
import TestSupport
import Testing

@testable import CRMStore

/// The conformance suite (`StorageConformance`) run for `LMDBStorage` on real files.
@Suite("Storage conformance: LMDBStorage")
struct StorageConformanceTests {
    /// How the file is opened: as the store opens it, and with a map so small that most
    /// writes must grow it (so write closures run again).
    enum Variant: String, CaseIterable, Sendable {
        case defaultMap
        case growingMap

        var options: EnvironmentOptions {
            switch self {
            case .defaultMap: EnvironmentOptions(maxDatabases: 64)
            case .growingMap: EnvironmentOptions(mapSize: 128 << 10, maxDatabases: 64, durability: .relaxed)
            }
        }

        var conformance: StorageConformance {
            let options = options
            return StorageConformance(newLocation: {
                let directory = try TemporaryDirectory()
                let path = directory.file("storage.db")
                return StorageConformance.Location(
                    open: { try LMDBStorage(path: path, options: options) }, owner: directory)
            })
        }
    }

    @Test(arguments: Variant.allCases, StorageConformance.Check.allCases)
    func lmdbStorage(_ variant: Variant, _ check: StorageConformance.Check) throws {
        try variant.conformance.run(check)
    }
}

/// What `LMDBStorage` does beyond the protocol: map growth, LMDB's errors, its files.
@Suite("LMDBStorage on LMDB")
struct LMDBStorageTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    @Test func aWriteThatFillsTheMapRunsAgainAndCommitsOnce() throws {
        let engine = try LMDBStorage(
            path: directory.file("grow.db"),
            options: EnvironmentOptions(mapSize: 64 << 10, durability: .relaxed))
        let table = try engine.table("t", create: true)
        var runs = 0
        try engine.write { tx throws in
            runs += 1
            for i in 0..<64 {
                try tx.put(table, key: [UInt8(i)], value: [UInt8](repeating: UInt8(i), count: 32 << 10))
            }
        }
        #expect(runs >= 2, "a 64 KiB map cannot take 2 MiB without growing")
        try engine.read { tx throws in #expect(try tx.entryCount(table) == 64) }
        #expect(try engine.usage().bytesAllocated > 2 << 20)
    }

    @Test func aReadOnlyEngineReadsAndRefusesWrites() throws {
        let path = directory.file("ro.db")
        do {
            let engine = try LMDBStorage(path: path)
            let table = try engine.table("t", create: true)
            try engine.write { tx throws in try tx.put(table, key: [1], value: [1]) }
        }
        let engine = try LMDBStorage(path: path, options: EnvironmentOptions(readOnly: true))
        let table = try engine.table("t", create: true)  // Exists: opened without writing.
        try engine.read { tx throws in #expect(try tx.get(table, key: [1]).map(Array.init) == [1]) }
        expectError(.readOnly, "a write") {
            try engine.write { tx throws in try tx.put(table, key: [2], value: [2]) }
        }
        expectError(.readOnly, "creating a table") { _ = try engine.table("new", create: true) }
        expectError(.notFound, "opening a missing table") { _ = try engine.table("new", create: false) }
    }

    @Test func aFileThatIsNotLMDBIsCorrupted() throws {
        let path = directory.file("text.db")
        try Data(repeating: 0x41, count: 64 << 10).write(to: URL(fileURLWithPath: path))
        do {
            _ = try LMDBStorage(path: path)
            Issue.record("opened a text file")
        } catch let error as StorageError {
            #expect(error.code == .corrupted)
            #expect((error.underlying as? LMDBError)?.code == .invalidFile)
            #expect(error.message.hasPrefix(path))
        }
    }

    @Test func aMissingFileOpenedReadOnlyIsAnIOError() throws {
        expectError(.io, "a missing file") {
            _ = try LMDBStorage(
                path: directory.file("missing.db"), options: EnvironmentOptions(readOnly: true))
        }
    }

    @Test func aKeyOfTheMainDatabaseThatIsNotATableIsNotFound() throws {
        let environment = try Environment(path: directory.file("foreign.db"), options: EnvironmentOptions())
        try environment.write { tx throws in
            try tx.put(try tx.openMainDatabase(), key: Array("plain".utf8), value: [1, 2, 3])
        }
        let engine = LMDBStorage(environment: environment)
        #expect(try engine.tableNames() == ["plain"])
        expectError(.notFound, "a plain key") { _ = try engine.table("plain", create: true) }
    }

    @Test func backupCopiesCommittedDataToANewFile() throws {
        let engine = try LMDBStorage(path: directory.file("source.db"))
        let table = try engine.table("t", create: true)
        try engine.write { tx throws in
            for i: UInt8 in 0..<50 { try tx.put(table, key: [i], value: [i]) }
        }
        let copy = directory.file("copy.db")
        try engine.backup(to: copy)
        expectError(.io, "a backup over an existing file") { try engine.backup(to: copy) }
        let restored = try LMDBStorage(path: copy)
        let restoredTable = try restored.table("t", create: false)
        try restored.read { tx throws in
            #expect(try tx.entryCount(restoredTable) == 50)
            #expect(try tx.get(restoredTable, key: [49]).map(Array.init) == [49])
        }
    }

    @Test func oneEnginePerFileSharesTheEnvironment() throws {
        let path = directory.file("shared.db")
        let first = try LMDBStorage(path: path)
        let second = try LMDBStorage(path: path)
        #expect(first.environment === second.environment)
        #expect(first.maxKeySize == first.environment.maxKeySize)
    }

    @Test func tablesOfAnotherEngineOrOpenedLaterAreNotFound() throws {
        let engine = try LMDBStorage(path: directory.file("a.db"))
        let other = try LMDBStorage(path: directory.file("b.db"))
        _ = try engine.table("mine", create: true)
        let theirs = try other.table("theirs", create: true)
        expectError(.notFound, "another engine's table") {
            try engine.read { tx throws in _ = try tx.get(theirs, key: [1]) }
        }
        // A table opened (on another thread: not allowed inside a closure on this one) after
        // this transaction began.
        try engine.read { tx throws in
            let opened = ResultBox<StorageTable>()
            let opener = BackgroundThread.start { opened.set(try engine.table("later", create: true)) }
            #expect(opener.join() == nil)
            let later = try #require(opened.get())
            expectError(.notFound, "a table opened after the transaction began") {
                _ = try tx.get(later, key: [1])
            }
        }
        let later = try engine.table("later", create: false)
        try engine.read { tx throws in #expect(try tx.get(later, key: [1]) == nil) }
    }

    @Test func theTransactionReleasesMappedPages() throws {
        let engine = try LMDBStorage(path: directory.file("pages.db"))
        let table = try engine.table("t", create: true)
        try engine.write { tx throws in
            try tx.put(table, key: [1], value: [1])
            let lmdb = try #require(tx as? LMDBStorageTransaction)
            lmdb.releaseMappedPages()
            #expect(try tx.get(table, key: [1]).map(Array.init) == [1])
        }
    }

    @Test(arguments: [
        (LMDBError.Code.notFound, StorageError.Code.notFound),
        (.readOnly, .readOnly),
        (.transactionEnded, .transactionEnded),
        (.nestedWrite, .nestedTransaction),
        (.badValueSize, .invalidKey),
        (.mapFull, .full), (.mapGrowthBlocked, .full), (.databasesFull, .full), (.readersFull, .full),
        (.transactionFull, .full), (.system(ENOSPC), .full), (.system(EDQUOT), .full),
        (.system(EFBIG), .full),
        (.corrupted, .corrupted), (.pageNotFound, .corrupted), (.panic, .corrupted),
        (.invalidFile, .corrupted),
        (.versionMismatch, .corrupted),
        (.system(EIO), .io), (.system(EACCES), .io), (.system(ENOENT), .io),
        (.system(EINVAL), .other), (.keyExists, .other), (.badTransaction, .other), (.incompatible, .other),
    ])
    func lmdbErrorsMapToStableCodes(_ lmdb: LMDBError.Code, _ storage: StorageError.Code) {
        #expect(StorageError.code(for: lmdb) == storage)
    }
}
