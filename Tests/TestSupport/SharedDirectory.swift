import Foundation

/// A fresh directory under `/tmp` that every user may enter (mode 0755, and every folder above
/// it searchable by others), for tests that run a program as another user: a clone of this
/// repository may live in a folder only its owner can enter (a root user's 0700 home, a
/// `mktemp -d`), where another user can run nothing. Removed when the value goes away.
public final class SharedDirectory: Sendable {
    /// Why no such directory can be made here.
    public struct Unavailable: Error, CustomStringConvertible {
        /// The reason, for the message of a skipped test.
        public let description: String

        /// An unavailability for `description`.
        public init(description: String) { self.description = description }
    }

    /// The directory's path.
    public let path: String

    /// Creates the directory, or throws `Unavailable` when `/tmp` is missing or not open to
    /// other users.
    public init() throws {
        var template = Array("/tmp/crm-shared-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let made else {
            throw Unavailable(description: "no directory could be made under /tmp (errno \(errno))")
        }
        path = made
        chmod(path, 0o755)
        var info = stat()
        for folder in ["/", "/tmp"] where stat(folder, &info) != 0 || info.st_mode & 0o001 == 0 {
            try? FileManager.default.removeItem(atPath: path)
            throw Unavailable(description: "\(folder) is not searchable by other users")
        }
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Copies the program at `executable` into the directory with mode 0755, so that any user
    /// may run it, and returns the copy's path.
    ///
    /// The copy is written through a descriptor closed on `exec` (`O_CLOEXEC`): a test that
    /// starts a program on another thread meanwhile must not inherit it open for writing, or
    /// running the copy fails with "Text file busy" (ETXTBSY) for as long as that program runs.
    public func copy(executable: String) throws -> String {
        let copy = file(URL(fileURLWithPath: executable).lastPathComponent)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: executable))
        let descriptor = open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else {
            throw Unavailable(description: "\(copy) cannot be created (errno \(errno))")
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw Unavailable(description: "\(copy) could not be written (errno \(errno))")
        }
        fchmod(descriptor, 0o755)
        return copy
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
