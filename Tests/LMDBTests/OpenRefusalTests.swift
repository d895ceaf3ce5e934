import Foundation
import TestSupport
import Testing

@testable import LMDB

/// What an open refuses before LMDB touches the file, with no lock file left behind; and the
/// lock file's owner and mode.
@Suite("Opening refuses what LMDB cannot use, and makes the lock file right")
struct OpenRefusalTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func mode(_ path: String) -> Int? {
        try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    func makeDatabase(_ path: String) throws {
        let env = try Environment(path: path)
        let db = try env.write { tx in try tx.openDatabase("things", create: true) }
        try env.write { tx in try tx.put(db, key: [1], value: [2]) }
    }

    @Test func aDirectoryIsRefusedWithoutALockFile() throws {
        let path = directory.file("folder")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(error?.code == .invalidFile)
        #expect(error?.message == "\(path) is a directory, not a database file (give the path of a file)")
        #expect(!exists(path + "-lock"))
    }

    @Test func aTextFileIsRefusedWithoutALockFileAndLeftAlone() throws {
        let path = directory.file("customers.csv")
        let text = Data("name,email\nAcme,a@b.c\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        for readOnly in [false, true] {
            let error = #expect(throws: LMDBError.self) {
                try Environment(path: path, options: EnvironmentOptions(readOnly: readOnly))
            }
            #expect(error?.code == .invalidFile)
            #expect(error?.message.hasPrefix("\(path) is not an LMDB database: it does not begin") == true)
            #expect(!exists(path + "-lock"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
        }
    }

    @Test func aMissingFileOpenedReadOnlyIsRefusedWithoutFiles() throws {
        let path = directory.file("missing.db")
        let error = #expect(throws: LMDBError.self) {
            try Environment(path: path, options: EnvironmentOptions(readOnly: true))
        }
        #expect(error?.code == .system(ENOENT))
        #expect(
            error?.message
                == "\(path) does not exist (check the path; opened without read-only, it would be created)")
        #expect(!exists(path) && !exists(path + "-lock"))
    }

    @Test func aMissingFolderIsNamed() throws {
        let path = directory.file("no/such/x.db")
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(
            error?.message == "cannot create \(path): the folder \(directory.file("no/such")) does not exist")
    }

    /// Damaged meta pages are damage, not "not an LMDB file": the other meta page is still there.
    @Test(arguments: [0, 1])
    func aDamagedMetaPageIsCalledDamage(_ page: Int) throws {
        let path = directory.file("meta.db")
        try makeDatabase(path)
        var surgery = try PageSurgery(path: path)
        surgery.bytes[surgery.offset(page) + 16] ^= 0x01  // the magic
        try surgery.save()
        try FileManager.default.removeItem(atPath: path + "-lock")
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(error?.code == .corrupted)
        let which = page == 0 ? "its first meta page (page 0)" : "its second meta page (page 1)"
        #expect(error?.message == "\(path) is damaged: \(which) is not valid (restore it from a backup)")
        #expect(!exists(path + "-lock"))
    }

    @Test func aVersionThatDiffersBetweenTheMetaPagesIsDamage() throws {
        let path = directory.file("version.db")
        try makeDatabase(path)
        var surgery = try PageSurgery(path: path)
        surgery.bytes[16 + 4] ^= 0x02  // meta page 0's data format version
        try surgery.save()
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(error?.code == .corrupted)
        #expect(
            error?.message
                == "\(path) is damaged: its first meta page (page 0) gives LMDB data format 3 (restore it from a backup)"
        )
    }

    /// A page count from the meta page that no file could hold is refused before LMDB maps it,
    /// with no arithmetic overflow on the way.
    @Test(arguments: [UInt64.max, UInt64.max - 1, UInt64(1) << 62])
    func anImpossiblePageCountIsDamage(_ lastPage: UInt64) throws {
        let path = directory.file("count.db")
        try makeDatabase(path)
        var surgery = try PageSurgery(path: path)
        surgery.set64(surgery.currentMeta() + 120, lastPage)
        try surgery.save()
        let error = #expect(throws: LMDBError.self) { try Environment(path: path) }
        #expect(error?.code == .corrupted)
        #expect(error?.message.contains("counts \(lastPage) pages, past any real file") == true)
    }

    @Test func anEmptyFileBecomesAPrivateDatabase() throws {
        let path = directory.file("empty.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        chmod(path, 0o644)
        try makeDatabase(path)
        #expect(mode(path) == 0o600)
        #expect(mode(path + "-lock") == 0o600)
    }

    /// The lock file is never stricter than the database: whoever may read the database may
    /// write the lock file, which every reader must.
    @Test(arguments: [(0o600, 0o600), (0o640, 0o660), (0o644, 0o666), (0o604, 0o606), (0o400, 0o600)])
    func theLockFileFollowsTheDatabasesMode(_ modes: (database: Int, lock: Int)) throws {
        let path = directory.file("shared-\(modes.database).db")
        try makeDatabase(path)
        chmod(path, mode_t(modes.database))
        try FileManager.default.removeItem(atPath: path + "-lock")
        _ = try Environment(path: path, options: EnvironmentOptions(readOnly: true))
        #expect(mode(path + "-lock") == modes.lock, "made by a reader")
        chmod(path + "-lock", 0o600)
        _ = try Environment(path: path, options: EnvironmentOptions(readOnly: true))
        #expect(mode(path + "-lock") == modes.lock, "widened by its owner")
    }

    @Test func aCopyOntoAnExistingFileNamesTheCopy() throws {
        let path = directory.file("source.db")
        let copy = directory.file("copy.db")
        try makeDatabase(path)
        _ = FileManager.default.createFile(atPath: copy, contents: Data("keep".utf8))
        let env = try Environment(path: path)
        let error = #expect(throws: LMDBError.self) { try env.copy(to: copy) }
        #expect(error?.code == .system(EEXIST))
        #expect(
            error?.message
                == "cannot write \(copy): it already exists; choose another name or remove it first")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data("keep".utf8))
    }
}
