import Foundation

/// Where the shell prints results: standard output, or a file chosen with `.output`.
final class ResultDestination {
    /// The stream results are written to.
    let stream: OutputChannel
    /// The file's path, or nil for standard output.
    let path: String?
    private let descriptor: Int32?

    /// Standard output.
    init() {
        stream = OutputChannel.standardOutput
        path = nil
        descriptor = nil
    }

    /// The file at `path`, created or emptied (mode 0644).
    ///
    /// - Throws: `ShellError` when the file cannot be opened for writing.
    init(file path: String) throws(ShellError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ShellError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.path = path
        stream = OutputChannel(descriptor: descriptor)
    }

    /// Whether results go to the terminal (tables are then fitted to its width).
    var isTerminal: Bool { path == nil && stream.isTerminal }

    /// Writes what is buffered and closes the file (standard output stays open).
    func close() {
        stream.flush()
        if let descriptor { _ = Foundation.close(descriptor) }
    }
}
