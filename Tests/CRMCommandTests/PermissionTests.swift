import Foundation
import TestSupport
import Testing

/// Files crm may not open, files it may only read, and lock files shared between users,
/// through the real binary. The tests that need another user run a copy of crm as `nobody`
/// (and `daemon`) through `runuser` when they run as root, and are skipped with the reason
/// printed otherwise.
@Suite("crm and files it may not open, may only read, or shares with other users")
struct PermissionTests {
    func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Root reads any file, so as root the check runs crm as `nobody`; otherwise as the
    /// current user, who is not root.
    @Test func aFileWithoutPermissionExitsThreeAndIsLeftAlone() throws {
        let other = getuid() == 0 ? OtherUser.make(for: #function, users: ["nobody"]) : nil
        if getuid() == 0 && other == nil { return }
        let directory = try TemporaryDirectory()
        let database = other?.shared.file("private.db") ?? directory.file("private.db")
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"A\"}"])
        chmod(database, 0o000)
        defer { chmod(database, 0o600) }
        let before = try modificationDate(database)
        let result =
            try other?.run(as: "nobody", [database, "-c", "count customers"])
            ?? CommandRunner.run([database, "-c", "count customers"])
        #expect(result.status == 3, "\(result.stderr)")
        let owner = OtherUser.ownerAndMode(database)?.owner ?? "?"
        #expect(
            result.stderr
                == "crm: cannot read \(database): permission denied (mode 0000, owner \(owner)); "
                + "ask its owner for read permission, or use a copy you may read\n")
        #expect(try modificationDate(database) == before)
    }

    /// sqlite3's way: a file the user may read but not write is opened read-only, with a note;
    /// a write then fails and the file is left as it was.
    @Test func aFileTheUserMayOnlyReadOpensReadOnlyWithANote() throws {
        guard let other = OtherUser.make(for: #function, users: ["nobody"]) else { return }
        let database = other.shared.file("readable.db")
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"A\"}"])
        chmod(database, 0o644)
        // The owner's next open widens the lock file, which every reader must write.
        #expect(try CommandRunner.run([database, "-c", "count customers"]).status == 0)
        #expect(OtherUser.ownerAndMode(database + "-lock")?.mode == 0o666)
        let before = try bytes(database)
        let read = try other.run(as: "nobody", [database, "--format", "csv", "-c", "count customers"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "count\r\n1\r\n")
        #expect(read.stderr == "crm: \(database) is read-only for you (mode 0644); opened read-only\n")
        let write = try other.run(as: "nobody", [database, "-c", "insert customer {name: \"B\"}"])
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(try bytes(database) == before)
    }

    /// A reader needs to write the lock file too: in a folder it may not write, with no lock
    /// file there yet, it is told so, and what would help.
    @Test func aReaderInAFolderItMayNotWriteIsToldWhy() throws {
        guard let other = OtherUser.make(for: #function, users: ["nobody"]) else { return }
        let folder = try other.folder("closed", mode: 0o755)
        let database = folder + "/shared.db"
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"A\"}"])
        chmod(database, 0o644)
        try FileManager.default.removeItem(atPath: database + "-lock")
        let result = try other.run(as: "nobody", [database, "--readonly", "-c", "count customers"])
        #expect(result.status == 3)
        #expect(
            result.stderr
                == "crm: cannot create the lock file \(database)-lock: the folder \(folder) is not writable "
                + "for you, and every user of a database, a reader too, keeps its place in that file (copy the "
                + "database to a folder you can write to, or ask for write permission on \(folder))\n")
        #expect(!FileManager.default.fileExists(atPath: database + "-lock"))
    }

    /// Issue 15: another user who opens a shared database read-only first makes the lock file;
    /// its owner must still be able to write.
    @Test func anotherUserReadingFirstDoesNotLockTheOwnerOut() throws {
        guard let other = OtherUser.make(for: #function, users: ["nobody", "daemon"]) else { return }
        let folder = try other.folder("team", mode: 0o777)
        let database = folder + "/shared.db"
        let created = try other.run(as: "daemon", [database, "-c", "insert customer {name: \"A\"}"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(OtherUser.ownerAndMode(database)?.owner == "daemon")
        // The owner shares it for reading; the database arrives without a lock file.
        chmod(database, 0o644)
        try FileManager.default.removeItem(atPath: database + "-lock")
        let read = try other.run(
            as: "nobody", [database, "--readonly", "--format", "csv", "-c", "count customers"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "count\r\n1\r\n")
        let lock = OtherUser.ownerAndMode(database + "-lock")
        #expect(lock?.owner == "nobody")
        #expect(lock?.mode == 0o666, "no stricter than the database, so its owner may write it")
        let write = try other.run(as: "daemon", [database, "-c", "insert customer {name: \"B\"}"])
        #expect(write.status == 0, "\(write.stderr)")
        let count = try other.run(as: "daemon", [database, "--format", "csv", "-c", "count customers"])
        #expect(count.stdout == "count\r\n2\r\n")
    }

    /// A lock file left too strict by another user (as crm made them before) is named in the
    /// error with what would fix it; root opening the database gives it to the owner.
    @Test func aLockFileThatLocksTheOwnerOutIsNamedAndRootRepairsIt() throws {
        guard let other = OtherUser.make(for: #function, users: ["nobody", "daemon"]) else { return }
        let folder = try other.folder("team", mode: 0o777)
        let database = folder + "/shared.db"
        _ = try other.run(as: "daemon", [database, "-c", "insert customer {name: \"A\"}"])
        chmod(database, 0o644)
        chmod(database + "-lock", 0o600)
        try other.give(database + "-lock", to: "nobody")
        let before = try bytes(database)
        let refused = try other.run(as: "daemon", [database, "-c", "insert customer {name: \"B\"}"])
        #expect(refused.status == 3)
        #expect(
            refused.stderr
                == "crm: cannot write the lock file \(database)-lock: it belongs to "
                + "nobody with mode 0600, and every user of a database, a reader too, writes its lock file (ask "
                + "nobody to run chmod 0666 \(database)-lock, or, when no one has the database open, remove "
                + "\(database)-lock: it holds no data)\n")
        #expect(try bytes(database) == before)
        // Root (a cron job, say) opening the database gives the lock file back to its owner.
        #expect(try CommandRunner.run([database, "-c", "count customers"]).status == 0)
        #expect(OtherUser.ownerAndMode(database + "-lock")?.owner == "daemon")
        #expect(OtherUser.ownerAndMode(database + "-lock")?.mode == 0o666)
        let write = try other.run(as: "daemon", [database, "-c", "insert customer {name: \"B\"}"])
        #expect(write.status == 0, "\(write.stderr)")
    }
}

/// Opens that fail leave nothing behind, and new files are private.
@Suite("crm leaves no lock file when it refuses a file")
struct RefusedOpenTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func aCSVFileADirectoryAndAMissingFileLeaveNoLockFile() throws {
        let csv = directory.file("customers.csv")
        try "name,email\nAcme,a@b.c\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let folder = directory.file("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let missing = directory.file("missing.db")
        let cases: [([String], String)] = [
            (
                [csv, "-c", "count customers"],
                "crm: cannot open \(csv): is not a CRM store: it does not begin with LMDB's meta page (give "
                    + "the path of a database, or a new name to create one)\n"
            ),
            (
                [folder, "-c", "count customers"],
                "crm: cannot open \(folder): is a directory, not a database file (give the path of a file)\n"
            ),
            (
                [missing, "--readonly", "-c", "count customers"],
                "crm: cannot open \(missing): does not exist (check the path; opened without read-only, it "
                    + "would be created)\n"
            ),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 3)
            #expect(result.stderr == message)
            #expect(!exists(arguments[0] + "-lock"), "\(arguments[0])")
        }
        #expect(!exists(missing))
    }

    @Test func anEmptyFileBecomesAPrivateStore() throws {
        let path = directory.file("empty.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        chmod(path, 0o644)
        let result = try CommandRunner.run([path, "-c", "insert customer {name: \"A\"}"])
        #expect(result.status == 0, "\(result.stderr)")
        for file in [path, path + "-lock"] {
            #expect(OtherUser.ownerAndMode(file)?.mode == 0o600, "\(file)")
        }
    }

    @Test func aBackupOntoAnExistingFileNamesTheDestination() throws {
        let database = directory.file("svc.db")
        let copy = directory.file("svc-copy.db")
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"A\"}"])
        _ = FileManager.default.createFile(atPath: copy, contents: Data("mine".utf8))
        let result = try CommandRunner.run(["backup", database, copy])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "crm backup: cannot write \(copy): it already exists; choose another name or remove it first\n"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data("mine".utf8))
    }
}
