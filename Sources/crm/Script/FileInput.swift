import CRMQuery

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A script's bytes from a file descriptor: standard input, a `-f` file, a `.read` file.
///
/// A regular file can seek, so a transaction the store must run again reads its statements
/// again (see `StatementReader.rewind(to:)`); a pipe cannot. The reads may happen on the
/// thread that parses ahead (see `Session.run`), so the input touches nothing else.
final class FileInput: ScriptInput {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// Where the reader started in the file, for seeks relative to it.
    private let startOffset: Int
    /// Whether the descriptor is a regular file (seekable, never waits).
    let canSeek: Bool

    /// Input from `descriptor`, closed when the input goes if `closesDescriptor`.
    init(descriptor: Int32, closesDescriptor: Bool = false) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        var status = stat()
        let regular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        let offset = regular ? lseek(descriptor, 0, SEEK_CUR) : -1
        canSeek = regular && offset >= 0
        startOffset = canSeek ? Int(offset) : 0
    }

    /// Opens the file at `path` for reading.
    ///
    /// - Throws: `FileInputError` with the system's reason (`No such file or directory`).
    convenience init(path: String) throws(FileInputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileInputError(reason: String(cString: strerror(errno))) }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw FileInputError(reason: String(cString: strerror(EISDIR)))
        }
        self.init(descriptor: descriptor, closesDescriptor: true)
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileInputError(reason: String(cString: strerror(errno)))
        }
    }

    func seek(to offset: Int) -> Bool {
        canSeek && lseek(descriptor, off_t(startOffset + offset), SEEK_SET) >= 0
    }
}

/// A script file that cannot be opened or read: the system's reason.
struct FileInputError: Error, CustomStringConvertible {
    /// `No such file or directory`, `Permission denied`...
    let reason: String

    var description: String { reason }
}
