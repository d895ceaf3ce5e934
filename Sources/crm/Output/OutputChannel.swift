#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered writes to a file descriptor: results to standard output, errors to standard
/// error, without Foundation on the path every row takes.
final class OutputChannel: @unchecked Sendable {
    // SAFETY: used from the main thread only (the shell and the script runner run there).
    private let descriptor: Int32
    /// Bytes written but not yet flushed; writers may append to it directly, then call
    /// `flushIfFull()`.
    var buffer: [UInt8] = []

    /// Standard output.
    static let standardOutput = OutputChannel(descriptor: 1)
    /// Standard error.
    static let standardError = OutputChannel(descriptor: 2)

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Whether the descriptor is a terminal.
    var isTerminal: Bool { isatty(descriptor) == 1 }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    /// Flushes once 64 KiB are waiting: large results go out in large writes, and the
    /// buffer never holds much more.
    @inline(__always)
    func flushIfFull() {
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { bytes in
                Glibc.write(descriptor, bytes.baseAddress, bytes.count)
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                break  // A closed pipe: nothing more can be written.
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes `message` and a line break to standard error at once.
func printError(_ message: String) {
    OutputChannel.standardOutput.flush()
    OutputChannel.standardError.write(message.hasSuffix("\n") ? message : message + "\n")
    OutputChannel.standardError.flush()
}
