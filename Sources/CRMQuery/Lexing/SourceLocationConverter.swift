/// Turns UTF-8 byte offsets into line and character-column positions.
///
/// Built once per source text: it records where every line starts and whether the line is
/// all ASCII. On an ASCII line a column is a byte count; on another line the characters
/// before the offset are counted (lines are short). So indexing an 11 MB script costs one
/// pass over its bytes, not one `Character` and one array entry per character. Lines end at
/// `"\n"` (a `"\r\n"` pair is one character).
public struct SourceLocationConverter: Sendable {
    private let text: String
    /// The UTF-8 offset at which each line starts.
    private let lineStarts: [Int]
    /// Whether each line holds only ASCII bytes.
    private let lineIsASCII: [Bool]

    /// Indexes `text`.
    public init(_ text: String) {
        self.text = text
        var starts = [0]
        var ascii = [true]
        // Over the contiguous bytes (a script's statement is indexed on its own, so this runs
        // once per statement), with the line's ASCII flag kept in a local.
        func index(_ bytes: UnsafeBufferPointer<UInt8>) {
            var lineIsASCII = true
            for offset in bytes.indices {
                let byte = bytes[offset]
                if byte == 0x0A {
                    ascii[ascii.count - 1] = lineIsASCII
                    starts.append(offset + 1)
                    ascii.append(true)
                    lineIsASCII = true
                } else if byte >= 0x80 {
                    lineIsASCII = false
                }
            }
            ascii[ascii.count - 1] = lineIsASCII
        }
        var copy = text
        copy.withUTF8 { index($0) }
        lineStarts = starts
        lineIsASCII = ascii
        byteCount = copy.utf8.count
    }

    /// The total length of the source in UTF-8 bytes.
    public let byteCount: Int

    /// The location of byte `offset`; offsets inside a character map to that character's start.
    public func location(at offset: Int) -> SourceLocation {
        var hint = 0
        return location(at: offset, lineHint: &hint)
    }

    /// The location of byte `offset`, trying the line `lineHint` and the next one before
    /// searching: a lexer asks for offsets in order, so its last line is nearly always right.
    /// `lineHint` is left at the line found.
    public func location(at offset: Int, lineHint: inout Int) -> SourceLocation {
        let clamped = min(max(offset, 0), byteCount)
        let line: Int
        if lineHint >= 0, lineHint < lineStarts.count, lineStarts[lineHint] <= clamped,
            lineHint + 1 == lineStarts.count || clamped < lineStarts[lineHint + 1]
        {
            line = lineHint
        } else if lineHint + 2 < lineStarts.count, lineStarts[lineHint + 1] <= clamped,
            clamped < lineStarts[lineHint + 2]
        {
            line = lineHint + 1
        } else {
            line = Self.lastIndex(in: lineStarts, notAfter: clamped)
        }
        lineHint = line
        let start = lineStarts[line]
        if lineIsASCII[line] {
            return SourceLocation(offset: clamped, line: line + 1, column: clamped - start + 1)
        }
        // Count the characters that start before `clamped` on this line.
        let utf8 = text.utf8
        var index = utf8.index(utf8.startIndex, offsetBy: start)
        let target = utf8.index(utf8.startIndex, offsetBy: clamped)
        var column = 1
        var characterStart = start
        while index < target, index < text.endIndex {
            let next = text.index(after: index)
            let length = utf8.distance(from: index, to: next)
            if characterStart + length > clamped { break }
            characterStart += length
            index = next
            column += 1
        }
        return SourceLocation(offset: characterStart, line: line + 1, column: column)
    }

    /// The range from byte `start` to byte `end`.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        var hint = 0
        return range(start, end, lineHint: &hint)
    }

    /// The range from byte `start` to byte `end`, with a line hint as `location(at:lineHint:)`.
    public func range(_ start: Int, _ end: Int, lineHint: inout Int) -> SourceRange {
        SourceRange(
            start: location(at: start, lineHint: &lineHint),
            end: location(at: max(start, end), lineHint: &lineHint))
    }

    /// The index of the last element of the sorted array `values` that is `<= target`, or 0.
    private static func lastIndex(in values: [Int], notAfter target: Int) -> Int {
        var low = 0
        var high = values.count - 1
        var answer = 0
        while low <= high {
            let middle = (low + high) / 2
            if values[middle] <= target {
                answer = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return answer
    }
}
