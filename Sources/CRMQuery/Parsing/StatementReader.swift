/// Reads a script one statement at a time, from text in memory or from a ``ScriptInput``
/// (a file, standard input), so that a script of any length is parsed in memory that does
/// not grow with it and its first statement can run before the rest has arrived.
///
/// Lines are gathered until the real parser says the text is finished
/// (``ParseResult/completeness``, the rule of ``completeness(of:)`` and of the shell): a
/// statement goes on over lines while a bracket is open or it plainly is not finished. Each
/// finished piece comes back parsed, as a ``ScriptChunk`` that knows its first line and byte
/// offset in the whole script, so diagnostics keep the script's line numbers. A line holding
/// several statements (`insert ...; insert ...`) is one chunk with several statements; so
/// are up to 64 lines already read that parse cleanly together (one parse instead of 64).
///
/// Outside a statement, a line whose first character is `.` is a dot-command (`.param set
/// x 1`) and comes back whole; blank and comment lines are skipped.
///
///     var reader = StatementReader(text: "find customers\n.tz UTC\ncount promises\n", name: "s.crm")
///     while let chunk = try reader.next() { print(chunk.firstLine, chunk.text) }
///     // 1 find customers / 2 .tz UTC / 3 count promises
public struct StatementReader {
    /// The name diagnostics give the script: its path, `<stdin>`, `<command line>`.
    public let name: String

    private var input: (any ScriptInput)?
    /// Bytes read and not yet taken; `bytes[cursor...]` is what comes next.
    private var bytes: [UInt8]
    private var cursor = 0
    /// The offset in the whole script of `bytes[0]`.
    private var bufferOffset = 0
    /// Whether the input has nothing more to give.
    private var inputEnded: Bool
    /// The 1-based number of the next line.
    private var nextLine = 1
    /// The lines of the statement being gathered, joined by line breaks.
    private var pending: [UInt8] = []
    private var pendingLine = 0
    private var pendingOffset = 0
    /// The one chunk of a reader made from a parsed script, and whether it was given.
    private var prepared: ScriptChunk?
    private var preparedTaken = false
    /// Chunks read by ``peek(at:)`` and not yet given by ``next()``.
    private var lookahead: [ScriptChunk] = []
    /// Lines still to read one at a time after a block that did not parse cleanly.
    private var blockCooldown = 0

    /// How much is read from an input at a time.
    static let readSize = 1 << 16

    /// A reader of `text`, which diagnostics call `name`.
    public init(text: String, name: String) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.inputEnded = true
    }

    /// A reader that gives `parsed` (a whole script parsed already) as one chunk: for a
    /// program that runs a statement it parsed once (see `Session.execute`).
    public init(parsed: ParseResult, name: String) {
        self.name = name
        self.bytes = []
        self.inputEnded = true
        var prepared = ScriptChunk(
            content: .statements(parsed), text: parsed.source, firstLine: 1, startOffset: 0)
        prepared.end = Mark(line: Int.max, offset: max(1, parsed.source.utf8.count))
        self.prepared = prepared
    }

    /// A reader of `input`, which diagnostics call `name`; bytes are read as they are needed.
    public init(input: some ScriptInput, name: String) {
        self.name = name
        self.input = input
        self.bytes = []
        self.inputEnded = false
    }

    /// Where a chunk starts, to read it again after ``rewind(to:)``.
    public struct Mark: Sendable, Hashable {
        /// The chunk's first line, from 1.
        public var line: Int
        /// The byte offset of that line's start in the whole script.
        public var offset: Int

        /// The mark of line `line`, which starts `offset` bytes into the script.
        public init(line: Int, offset: Int) {
            self.line = line
            self.offset = offset
        }
    }

    /// The next statement (with any on the same line), dot-command, or piece of text that
    /// cannot parse; nil at the end of the script.
    ///
    /// - Throws: what the input throws when it cannot be read.
    public mutating func next() throws -> ScriptChunk? {
        if !lookahead.isEmpty { return lookahead.removeFirst() }
        return try readChunk()
    }

    /// The chunk `index` places ahead (0: the one ``next()`` gives next), read now and kept
    /// for ``next()``; nil past the end. For a look at how a script starts before running it.
    public mutating func peek(at index: Int) throws -> ScriptChunk? {
        while lookahead.count <= index {
            guard let chunk = try readChunk() else { return nil }
            lookahead.append(chunk)
        }
        return lookahead[index]
    }

    private mutating func readChunk() throws -> ScriptChunk? {
        if let prepared {
            defer { preparedTaken = true }
            return preparedTaken || prepared.isEmpty ? nil : prepared
        }
        while true {
            guard let line = try readLine() else {
                guard !pending.isEmpty else { return nil }
                let chunk = statementChunk(Parser.parse(takePending()))
                if chunk.isEmpty { continue }
                return chunk
            }
            if pending.isEmpty {
                switch Self.classify(line.bytes) {
                case .blank: continue
                case .dotCommand:
                    let text = String(decoding: Self.trimmingLineEnd(line.bytes), as: UTF8.self)
                    var chunk = ScriptChunk(
                        content: .dotCommand(text), text: text, firstLine: line.number,
                        startOffset: line.offset)
                    chunk.end = readPosition
                    return chunk
                case .statement:
                    pendingLine = line.number
                    pendingOffset = line.offset
                    if let block = takeBlock(after: line) {
                        if block.isEmpty { continue }
                        return block
                    }
                }
            } else {
                pending.append(UInt8(ascii: "\n"))
            }
            pending.append(contentsOf: line.bytes)
            let parsed = Parser.parse(String(decoding: pending, as: UTF8.self))
            if parsed.completeness == .incomplete { continue }
            pending.removeAll(keepingCapacity: true)
            let chunk = statementChunk(parsed)
            if chunk.isEmpty { continue }
            return chunk
        }
    }

    /// The lines already read after `first` (a statement's first line), up to a dot-command
    /// line or ``blockLines`` lines, parsed as one text when that parses without a
    /// diagnostic: the same statements the lines would give one at a time, for one parse
    /// (a statement's own parse costs more in setting up than in parsing). Nil, consuming
    /// nothing more, when there are no such lines or the text has a diagnostic; then the
    /// lines are read one at a time, which finds where each statement ends and reports each
    /// error as it would alone. Waits for no input: a slow writer's statement runs at once.
    private mutating func takeBlock(after first: Line) -> ScriptChunk? {
        if blockCooldown > 0 {
            blockCooldown -= 1
            return nil
        }
        let start = first.offset - bufferOffset
        var end = cursor
        var lines = 1
        while lines < Self.blockLines && end - start < Self.blockBytes {
            guard let newline = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) else {
                if inputEnded && end < bytes.count {
                    guard Self.classify(bytes[end...]) != .dotCommand else { break }
                    end = bytes.count
                    lines += 1
                }
                break
            }
            guard Self.classify(bytes[end..<newline]) != .dotCommand else { break }
            end = newline + 1
            lines += 1
        }
        guard lines > 1 else { return nil }
        var textEnd = end
        if textEnd > start && bytes[textEnd - 1] == UInt8(ascii: "\n") { textEnd -= 1 }
        let parsed = Parser.parse(String(decoding: bytes[start..<textEnd], as: UTF8.self))
        guard parsed.diagnostics.isEmpty else {
            // Read these lines one at a time; try a block again after them.
            blockCooldown = lines
            return nil
        }
        cursor = end
        nextLine += lines - 1
        return statementChunk(parsed)
    }

    /// The most lines, and about the most bytes, parsed as one block.
    static let blockLines = 64
    static let blockBytes = 16 << 10

    /// Whether ``rewind(to:)`` can work: always for text, for an input that can seek.
    public var canRewind: Bool { input?.canSeek ?? true }

    /// Whether the reader reads an input (a file, standard input) rather than text in memory.
    public var readsInput: Bool { input != nil }

    /// Goes back to `mark` (a chunk's start), so that ``next()`` reads from there again.
    /// Returns false, changing nothing, when the input cannot go back.
    public mutating func rewind(to mark: Mark) -> Bool {
        lookahead.removeAll()
        if prepared != nil {
            // Its one chunk starts at 0; any later mark is after it.
            preparedTaken = mark.offset > 0
            return true
        }
        if mark.offset >= bufferOffset && mark.offset <= bufferOffset + bytes.count {
            cursor = mark.offset - bufferOffset
        } else {
            guard var input, input.seek(to: mark.offset) else { return false }
            self.input = input
            bytes.removeAll(keepingCapacity: true)
            bufferOffset = mark.offset
            cursor = 0
            inputEnded = false
        }
        nextLine = mark.line
        pending.removeAll(keepingCapacity: true)
        blockCooldown = 0
        return true
    }

    /// Where the next chunk starts (between chunks; inside ``next()`` a statement may be
    /// gathered past it).
    public var position: Mark { lookahead.first?.mark ?? readPosition }

    /// Where the next line to read starts.
    private var readPosition: Mark { Mark(line: nextLine, offset: bufferOffset + cursor) }

    // MARK: - Lines

    /// One line of input without its `\n`, where it starts, and its number.
    private struct Line {
        let bytes: ArraySlice<UInt8>
        let number: Int
        let offset: Int
    }

    /// The next line, reading more input as needed; nil at the end.
    private mutating func readLine() throws -> Line? {
        while true {
            if let newline = bytes[cursor...].firstIndex(of: UInt8(ascii: "\n")) {
                return takeLine(upTo: newline, skipping: 1)
            }
            if inputEnded {
                guard cursor < bytes.count else { return nil }
                return takeLine(upTo: bytes.count, skipping: 0)
            }
            try fill()
        }
    }

    private mutating func takeLine(upTo end: Int, skipping terminator: Int) -> Line {
        let line = Line(bytes: bytes[cursor..<end], number: nextLine, offset: bufferOffset + cursor)
        cursor = end + terminator
        nextLine += 1
        return line
    }

    /// Drops the bytes taken and reads more.
    private mutating func fill() throws {
        guard var input else {
            inputEnded = true
            return
        }
        if cursor > 0 {
            bytes.removeSubrange(0..<cursor)
            bufferOffset += cursor
            cursor = 0
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: Self.readSize))
        let count = try bytes.withUnsafeMutableBytes { buffer in
            try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
        }
        self.input = input
        bytes.removeSubrange((start + max(0, count))...)
        if count <= 0 { inputEnded = true }
    }

    // MARK: - Chunks

    private enum LineKind {
        case blank
        case dotCommand
        case statement
    }

    /// Whether a line outside a statement is blank (or only a comment), a dot-command, or
    /// the start of a statement.
    private static func classify(_ line: ArraySlice<UInt8>) -> LineKind {
        var index = line.startIndex
        while index < line.endIndex {
            switch line[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                index += 1
            case UInt8(ascii: "."):
                return .dotCommand
            case UInt8(ascii: "-"):
                let next = line.index(after: index)
                return next < line.endIndex && line[next] == UInt8(ascii: "-") ? .blank : .statement
            default:
                return .statement
            }
        }
        return .blank
    }

    /// `line` without a trailing carriage return and spaces.
    private static func trimmingLineEnd(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = line.endIndex
        while end > line.startIndex,
            [UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(line[end - 1])
        {
            end -= 1
        }
        return line[line.startIndex..<end]
    }

    private mutating func takePending() -> String {
        defer { pending.removeAll(keepingCapacity: true) }
        return String(decoding: pending, as: UTF8.self)
    }

    private func statementChunk(_ parsed: ParseResult) -> ScriptChunk {
        var chunk = ScriptChunk(
            content: .statements(parsed), text: parsed.source, firstLine: pendingLine,
            startOffset: pendingOffset)
        chunk.end = readPosition
        return chunk
    }
}

/// A piece of a script read by a ``StatementReader``: one or more statements (or the text
/// that failed to parse) or one dot-command, with where it stands in the whole script.
public struct ScriptChunk: Sendable {
    /// What the chunk holds.
    public enum Content: Sendable {
        /// Parsed statements and the diagnostics of their text; ranges are relative to the
        /// chunk (``ScriptChunk/scriptRange(_:)`` makes them the script's).
        case statements(ParseResult)
        /// A dot-command line, such as `.param set owner li.wei`, without its line break.
        case dotCommand(String)
    }

    /// What the chunk holds.
    public var content: Content
    /// The chunk's text: whole lines of the script joined by line breaks.
    public var text: String
    /// The script's line on which the chunk starts, from 1.
    public var firstLine: Int
    /// The byte offset in the script where that line starts.
    public var startOffset: Int
    /// Where the reader stood after the chunk: where the next one starts (blank lines
    /// before it aside), to read on from there after ``StatementReader/rewind(to:)``.
    public var end: StatementReader.Mark

    /// Creates a chunk; `text` must be whole lines starting at `firstLine` and `startOffset`.
    public init(content: Content, text: String, firstLine: Int, startOffset: Int) {
        self.content = content
        self.text = text
        self.firstLine = firstLine
        self.startOffset = startOffset
        self.end = StatementReader.Mark(line: firstLine, offset: startOffset)
    }

    /// Where the chunk starts, for ``StatementReader/rewind(to:)``.
    public var mark: StatementReader.Mark { StatementReader.Mark(line: firstLine, offset: startOffset) }

    /// Whether the chunk holds nothing to run or report (only whitespace).
    var isEmpty: Bool {
        if case .statements(let parsed) = content {
            return parsed.script.statements.isEmpty && parsed.diagnostics.isEmpty
        }
        return false
    }

    /// A range in the chunk's text as a range in the whole script: lines and offsets moved
    /// by where the chunk starts (columns stay, since a chunk starts at a line's start).
    public func scriptRange(_ range: SourceRange) -> SourceRange {
        SourceRange(start: scriptLocation(range.start), end: scriptLocation(range.end))
    }

    /// A location in the chunk's text as a location in the whole script.
    public func scriptLocation(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(
            offset: location.offset + startOffset, line: location.line + firstLine - 1,
            column: location.column)
    }

    /// A location in the whole script as a location in the chunk's text.
    public func chunkLocation(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(
            offset: location.offset - startOffset, line: location.line - firstLine + 1,
            column: location.column)
    }
}
