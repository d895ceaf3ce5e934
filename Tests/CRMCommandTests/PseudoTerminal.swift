import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program running under a pseudo-terminal, as if a person sat at it: keystrokes go in,
/// the terminal's output comes out. Every wait has a deadline and the child is killed when
/// the value goes away, so a test can fail but never hang.
final class PseudoTerminal {
    /// Something the terminal did not show in time.
    struct Timeout: Error, CustomStringConvertible {
        /// What was waited for.
        let expected: String
        /// Everything the terminal showed.
        let output: String
        /// The expected text and the output, for the test report.
        var description: String {
            "timed out waiting for \(expected.debugDescription); output so far:\n\(output)"
        }
    }

    private let master: Int32
    private let pid: pid_t
    private var exited: Int32?
    /// Everything the terminal has shown so far, as bytes.
    private var bytes: [UInt8] = []
    /// Where the next `expect` starts looking, in `bytes`.
    private var cursor = 0

    /// Everything the terminal has shown so far.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts `executable` with `arguments` and exactly `environment`, in a new session
    /// whose controlling terminal is the pseudo-terminal (so Ctrl-C sends it SIGINT), a
    /// terminal of `columns` by `rows`.
    init(
        _ executable: String, _ arguments: [String], environment: [String: String], columns: UInt16 = 200,
        rows: UInt16 = 40
    ) throws {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw POSIXError(.EIO) }
        guard let slavePath = Self.unlockSlave(master) else {
            close(master)
            throw POSIXError(.EIO)
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
        }
        self.master = master
        self.pid = child
    }

    /// glibc's `POSIX_SPAWN_SETSID` (0x80), which the Glibc module does not export: the child
    /// starts a new session, so opening the terminal makes it the controlling terminal.
    private static let spawnSetSID: Int32 = 0x80

    /// `grantpt`, `unlockpt` and `ptsname_r`, looked up at run time because the Glibc module
    /// leaves them out (they sit behind `_XOPEN_SOURCE`); returns the slave's path.
    private static func unlockSlave(_ master: Int32) -> String? {
        typealias Control = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
        guard let grant = dlsym(nil, "grantpt"), let unlock = dlsym(nil, "unlockpt"),
            let name = dlsym(nil, "ptsname_r")
        else { return nil }
        guard unsafeBitCast(grant, to: Control.self)(master) == 0,
            unsafeBitCast(unlock, to: Control.self)(master) == 0
        else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        guard unsafeBitCast(name, to: Name.self)(master, &buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Types `keys`, after a pause of 100 ms as a person would make: libedit switches the
    /// terminal to raw mode around its prompt, and keys that arrive while it does so are
    /// echoed or read in cooked mode (no person types that fast, but a test would).
    func send(_ keys: String) {
        usleep(100_000)
        let bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Waits until `text` appears after what earlier calls matched; returns the output from
    /// there up to and including `text`.
    @discardableResult
    func expect(_ text: String, within seconds: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let end = Self.find(Array(text.utf8), in: bytes, from: cursor) {
                let seen = String(decoding: bytes[cursor..<end], as: UTF8.self)
                cursor = end
                return seen
            }
            guard Date() < deadline, readMore(until: deadline) else {
                throw Timeout(expected: text, output: output)
            }
        }
    }

    /// The process id of the program.
    var processID: pid_t { pid }

    /// Waits for the program to exit; returns its exit status (128 + N for signal N).
    func waitForExit(within seconds: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let exited { return exited }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exited = code
                return code
            }
            _ = readMore(until: Date().addingTimeInterval(0.05))
        }
        throw Timeout(expected: "exit", output: output)
    }

    /// Reads what is available, waiting at most until `deadline`; false when the terminal
    /// is closed (the program exited).
    private func readMore(until deadline: Date) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(deadline.timeIntervalSinceNow, 1) * 1000))
        guard poll(&descriptor, 1, milliseconds) > 0 else { return Date() < deadline }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        bytes += buffer[..<count]
        return true
    }

    /// The index just past the first `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    deinit {
        if exited == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }
}
