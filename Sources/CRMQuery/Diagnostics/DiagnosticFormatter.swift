/// Renders diagnostics the way compilers do: location, message, source line, caret.
///
/// ```
/// script.crm:3:21: error: unknown field 'duedate' on promise (did you mean 'due'?)
/// find promises where duedate < now
///                     ^~~~~~~
/// ```
/// The caret line is measured in display columns (``DisplayWidth``), so it lines up under
/// Chinese text; tabs in the source line are copied into the padding for the same reason.
public struct DiagnosticFormatter: Sendable {
    /// The name printed before the location, such as `script.crm` or `<stdin>`.
    public var fileName: String
    /// The source the diagnostics refer to.
    public let source: String
    /// The UTF-8 offset at which each line starts. Found with one pass over the bytes: a
    /// large piped script builds its formatter before it runs, and splitting it into
    /// `Character` lines cost more than a tenth of the run.
    private let lineStarts: [Int]
    /// The line number of the first line of `source`: 1 for a whole script, more for a
    /// piece of one (a ``ScriptChunk``), so that diagnostics with the script's line numbers
    /// find their line in the piece.
    public let firstLine: Int

    /// Creates a formatter for diagnostics about `source`, whose first line is line
    /// `firstLine` of the script called `fileName`.
    public init(fileName: String, source: String, firstLine: Int = 1) {
        self.fileName = fileName
        self.source = source
        self.firstLine = firstLine
        var starts = [0]
        var offset = 0
        for byte in source.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        self.lineStarts = starts
    }

    /// Line `index` (from 0) without its line break (`\n` or `\r\n`).
    private func line(_ index: Int) -> Substring {
        let utf8 = source.utf8
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : utf8.count
        let start = lineStarts[index]
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        if end > start, utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == UInt8(ascii: "\r") {
            end -= 1
        }
        return source[from..<utf8.index(utf8.startIndex, offsetBy: max(start, end))]
    }

    /// All diagnostics, each rendered by ``format(_:)``, joined with newlines.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined(separator: "\n")
    }

    /// One diagnostic: `FILE:LINE:COL: error: MESSAGE`, the source line, a caret line, and one
    /// `note:` line per note. There is no trailing newline.
    public func format(_ diagnostic: Diagnostic) -> String {
        let start = diagnostic.range.start
        var output = "\(fileName):\(start.line):\(start.column): error: \(diagnostic.fullMessage)"
        let lineIndex = start.line - firstLine
        if lineIndex >= 0, lineIndex < lineStarts.count {
            let line = line(lineIndex)
            output += "\n" + String(line) + "\n" + caretLine(for: diagnostic.range, in: line)
        }
        for note in diagnostic.notes {
            output += "\n\(fileName):\(start.line):\(start.column): note: \(note)"
        }
        return output
    }

    /// Padding up to the range's start column, then `^` and one `~` per further display column.
    private func caretLine(for range: SourceRange, in line: Substring) -> String {
        let startColumn = range.start.column - 1
        let prefix = line.prefix(startColumn)
        var padding = ""
        for character in prefix {
            padding += character == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of(character))
        }
        var width = 1
        if range.end.offset > range.start.offset {
            let count = range.end.line == range.start.line ? range.end.column - range.start.column : Int.max
            let marked = line.dropFirst(startColumn).prefix(max(0, count))
            width = max(1, DisplayWidth.of(marked))
        }
        return padding + "^" + String(repeating: "~", count: width - 1)
    }
}
