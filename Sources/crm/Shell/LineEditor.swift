@preconcurrency import CLibEdit
import CRMQuery

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Line editing, history and tab completion through libedit's readline interface: the only
/// file that imports `CLibEdit`, so the whole C boundary of the shell is here.
///
/// libedit keeps one global editor per process, so there should be one `LineEditor` at a
/// time; it is used from the main thread only.
final class LineEditor {
    /// What reading a line gave.
    enum Input: Equatable {
        /// A line, without its line break.
        case line(String)
        /// Ctrl-C: the line being typed was thrown away.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
    }

    /// How many entries the history keeps.
    static let historyLimit: Int32 = 1000

    private let history: HistoryFile?
    private var lastEntry: String?

    /// The lines of the statement typed before the current line, for completion: TAB on the
    /// second line of `find promises where` offers the fields of a promise.
    var pendingText: String {
        get { Self.pendingText }
        set { Self.pendingText = newValue }
    }

    /// Whether a transaction is open, for completion (`commit` rather than `begin`).
    var inTransaction: Bool {
        get { Self.inTransaction }
        set { Self.inTransaction = newValue }
    }

    /// The custom fields the store declares, by entity (names without `attrs.`), for
    /// completing `attrs.`.
    var customFields: [Entity: [String]] {
        get { Self.customFields }
        set { Self.customFields = newValue }
    }

    // SAFETY: the shared copies for the C completion hook are read and written on the main
    // thread only, as libedit calls the hook there.
    /// The shared copy of ``pendingText``.
    nonisolated(unsafe) private static var pendingText = ""
    /// The shared copy of ``inTransaction``.
    nonisolated(unsafe) private static var inTransaction = false
    /// The shared copy of ``customFields``.
    nonisolated(unsafe) private static var customFields: [Entity: [String]] = [:]

    /// Whether more input is already waiting to be read: the rest of a paste.
    var hasTypeahead: Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// Sets up libedit: history from `history` (if any) and tab completion from ``Completer``.
    init(history: HistoryFile?) {
        self.history = history
        // libedit edits wide characters and converts them with the C library's character
        // type: without a UTF-8 one, Chinese text would come back as `\U+5BA2` or nothing.
        if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        rl_readline_name = UnsafePointer(strdup("crm"))
        // Characters that end a word for completion: the default set plus brackets and commas,
        // so `select name,ci<TAB>` completes `ci`. `.` is left out: `customer.ti<TAB>` is one
        // path, and `.he<TAB>` a dot-command.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"\\'`@$><=;|&{}()[],!"))
        rl_attempted_completion_function = { text, start, _ in
            LineEditor.complete(word: text, start: Int(start))
        }
        // Ctrl-C is ours (``Interrupt``), and keystrokes are read by ``readCharacter`` so
        // that a Ctrl-C arriving at any moment ends the line: libedit's own reader would
        // block again in `read` when the signal lands between two reads.
        rl_catch_signals = 0
        rl_getc_function = { _ in LineEditor.readCharacter() }
        rl_initialize()
        stifle_history(Self.historyLimit)
        if let history, history.makePrivate() {
            _ = read_history(history.path)
        }
    }

    /// Reads one line with `prompt` (which may hold colour codes between `\u{1}` markers).
    func readLine(prompt: String) -> Input {
        Interrupt.take()
        guard let raw = readline(prompt) else {
            return Interrupt.take() ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if Interrupt.take() { return .interrupted }
        return .line(line)
    }

    /// Reads one character from standard input for libedit: the Unicode scalar value of one
    /// UTF-8 sequence (libedit stores it as a `wchar_t`), or -1 (end of input) on Ctrl-C,
    /// at the end of input, or on an error. Waits with `poll`, which a signal always
    /// interrupts, and at most 100 ms at a time, so a pending Ctrl-C is seen promptly.
    private static func readCharacter() -> Int32 {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        while true {
            if Interrupt.isPending { return -1 }
            let ready = poll(&descriptor, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            if ready < 0 { return -1 }
            guard let lead = readByte() else { return -1 }
            let length =
                lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if length == 1 { return Int32(lead) }
            var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
            for _ in 1..<length {
                guard let next = readByte(), next & 0xC0 == 0x80 else { return 0xFFFD }
                value = value << 6 | UInt32(next & 0x3F)
            }
            return Unicode.Scalar(value) == nil ? 0xFFFD : Int32(value)
        }
    }

    /// One byte of standard input, or nil at its end or on an error.
    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Adds `entry` to the history and saves the history file; a repeat of the last entry
    /// and blank text are left out.
    func addHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
        lastEntry = entry
        add_history(entry)
        guard let history, history.makePrivate() else { return }
        _ = write_history(history.path)
    }

    /// The completion hook libedit calls on TAB: an array of `malloc`ed strings, the common
    /// prefix first, then every match, then NULL (the layout `rl_completion_matches` makes;
    /// libedit frees it).
    private static func complete(word: UnsafePointer<CChar>?, start: Int)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    {
        rl_attempted_completion_over = 1
        let text = word.map { String(cString: $0) } ?? ""
        let line = rl_line_buffer.map { String(cString: $0) } ?? ""
        // libedit counts `start` in characters of the line (it edits wide characters).
        var before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, start))))
        if !pendingText.isEmpty { before = pendingText + "\n" + before }
        switch Completer.complete(
            word: text, before: before, inTransaction: inTransaction, customFields: customFields)
        {
        case .files:
            rl_attempted_completion_over = 0
            return nil
        case .words(let words):
            // A relation path (`customer.`) goes on after its dot: no space after it.
            rl_completion_append_character = words.count == 1 && words[0].hasSuffix(".") ? 0 : 32
            return matchArray(words)
        }
    }

    /// The array libedit expects for `words`, or nil for none.
    private static func matchArray(_ words: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let first = words.first else { return nil }
        let common = words.dropFirst().reduce(first) { prefix, word in
            String(zip(prefix, word).prefix { $0 == $1 }.map(\.0))
        }
        // Always the common prefix and then the matches: libedit looks at the third slot to
        // tell a single match.
        let entries = [common] + words
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
        guard let memory = malloc(size) else { return nil }
        let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() {
            array[index] = strdup(entry)
        }
        array[entries.count] = nil
        return array
    }
}
