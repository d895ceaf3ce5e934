import Foundation
import TestSupport

/// Runs a copy of `crm` as other users, through `runuser`, from a directory every user may
/// enter: for the tests of permissions and of lock files shared between users.
///
/// Root may read and write every file, so these tests need root (to act as `nobody` and
/// `daemon`); elsewhere they are skipped with the reason printed.
struct OtherUser {
    /// The directory the copy of crm and the tests' files are in.
    let shared: SharedDirectory
    /// The copy of crm that every user may run.
    let crm: String

    static let runuser = "/usr/sbin/runuser"

    /// A copy of crm ready to run as `users`, or nil (with the reason printed) when this test
    /// cannot act as them here.
    static func make(for test: String, users: [String]) -> OtherUser? {
        if let reason = unavailable(users) {
            print("skipped \(test): \(reason)")
            return nil
        }
        do {
            let shared = try SharedDirectory()
            return OtherUser(shared: shared, crm: try shared.copy(executable: CommandRunner.executable))
        } catch {
            print("skipped \(test): \(error)")
            return nil
        }
    }

    /// Why the tests cannot act as `users` here, or nil.
    static func unavailable(_ users: [String]) -> String? {
        guard getuid() == 0 else { return "the tests do not run as root, so they cannot act as another user" }
        guard FileManager.default.isExecutableFile(atPath: runuser) else { return "\(runuser) is missing" }
        for user in users where getpwnam(user) == nil {
            return "there is no user \(user) on this machine"
        }
        return nil
    }

    /// Runs crm with `arguments` as `user`.
    ///
    /// A program another test thread starts between the copy's creation and its `exec` holds
    /// the copy open for a moment (see `SharedDirectory.copy(executable:)`), so "Text file
    /// busy" is tried again, a few times, before it is an answer.
    func run(as user: String, _ arguments: [String], input: String = "") throws -> CommandRunner.Outcome {
        var outcome = try CommandRunner.run(
            ["-u", user, "--", crm] + arguments, input: input, program: Self.runuser)
        for _ in 0..<20 where outcome.stderr.contains("Text file busy") {
            usleep(100_000)
            outcome = try CommandRunner.run(
                ["-u", user, "--", crm] + arguments, input: input, program: Self.runuser)
        }
        return outcome
    }

    /// Creates `name` in the shared directory with `mode`, owned by `user`, and returns its path.
    func folder(_ name: String, mode: mode_t, owner user: String = "root") throws -> String {
        let path = shared.file(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        chmod(path, mode)
        try give(path, to: user)
        return path
    }

    /// Gives `path` to `user` (and their group).
    func give(_ path: String, to user: String) throws {
        guard let entry = getpwnam(user) else {
            throw SharedDirectory.Unavailable(description: "no user \(user)")
        }
        chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// The owner's name and the permission bits of `path`.
    static func ownerAndMode(_ path: String) -> (owner: String, mode: mode_t)? {
        var info = stat()
        guard stat(path, &info) == 0, let entry = getpwuid(info.st_uid) else { return nil }
        return (String(cString: entry.pointee.pw_name), info.st_mode & 0o7777)
    }
}
