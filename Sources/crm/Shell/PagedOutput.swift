import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Results for the terminal that go through a pager when a statement prints more lines than
/// the screen holds, as psql does: the text is held until it passes the screen's height, then
/// the pager starts and gets the held text and everything after it, until the statement ends.
///
/// The pager is `$PAGER` (run by `/bin/sh -c`), else `less -FRSX` (quit at once when the
/// text fits after all, keep colours, long lines scroll sideways instead of wrapping, leave
/// the text on the screen). An empty `$PAGER`, or `.pager off`, turns paging off.
final class PagedOutput: TextOutput {
    /// The command that runs the pager.
    let command: String
    /// How many lines are shown directly; a statement that prints more goes to the pager.
    let screenLines: Int
    private let terminal: OutputChannel
    private var held = ""
    private var heldLines = 0
    private var pager: (pid: pid_t, stream: OutputChannel, descriptor: Int32)?

    /// The pager for this environment (`$PAGER`, else `less -FRSX`), or nil when `$PAGER` is
    /// set but empty.
    static func command(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let pager = environment["PAGER"] else { return "less -FRSX" }
        return pager.allSatisfy(\.isWhitespace) ? nil : pager
    }

    /// Output to `terminal` that pages with `command` past `screenLines` lines.
    init(command: String, screenLines: Int, terminal: OutputChannel = .standardOutput) {
        self.command = command
        self.screenLines = max(1, screenLines)
        self.terminal = terminal
    }

    /// Holds `text`, or sends it to the pager once there is more than a screen of it.
    func write(_ text: String) {
        if let pager {
            pager.stream.write(text)
            return
        }
        held += text
        heldLines += text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        if heldLines > screenLines, startPager() {
            pager?.stream.write(held)
            held = ""
            heldLines = 0
        }
    }

    /// Holds `bytes` as `write(_:)` holds text.
    func write(bytes: [UInt8]) {
        write(String(decoding: bytes, as: UTF8.self))
    }

    /// Sends what is held on to the terminal (or the pager): call at the end of a statement's
    /// output, or before an error message, so that they come in order.
    func flush() {
        if let pager {
            pager.stream.flush()
            return
        }
        terminal.write(held)
        terminal.flush()
        held = ""
        heldLines = 0
    }

    /// Ends a statement's output: what is held goes to the terminal, and a running pager gets
    /// the end of its input and is waited for (the person reads, then quits it).
    func endStatement() {
        flush()
        guard let pager else { return }
        self.pager = nil
        close(pager.descriptor)
        var status: Int32 = 0
        while waitpid(pager.pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Starts the pager with its standard input on a pipe; false when it cannot be started
    /// (the text then goes to the terminal directly).
    private func startPager() -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        let words: [String] = ["sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer {
            for argument in arguments { free(argument) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environ)
        close(readEnd)
        guard status == 0 else {
            close(writeEnd)
            return false
        }
        pager = (pid, OutputChannel(descriptor: writeEnd), writeEnd)
        return true
    }
}
