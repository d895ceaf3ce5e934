/// Turns UTF-8 byte offsets into line and character-column positions.
///
/// Built once per source text: it records where every character and every line starts, so each
/// conversion is two binary searches. Lines end at `"\n"` (a `"\r\n"` pair is one character).
public struct SourceLocationConverter: Sendable {
    /// The UTF-8 offset at which each character starts, plus the end offset.
    private let characterStarts: [Int]
    /// For each line, the index into `characterStarts` of its first character.
    private let lineStarts: [Int]

    /// Indexes `text`.
    public init(_ text: String) {
        var starts: [Int] = []
        var lines: [Int] = [0]
        starts.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for character in text {
            starts.append(offset)
            offset += character.utf8.count
            if character.utf8.last == 0x0A {
                lines.append(starts.count)
            }
        }
        starts.append(offset)
        characterStarts = starts
        lineStarts = lines
    }

    /// The total length of the source in UTF-8 bytes.
    public var byteCount: Int { characterStarts.last ?? 0 }

    /// The location of byte `offset`; offsets inside a character map to that character's start.
    public func location(at offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), byteCount)
        let characterIndex = Self.lastIndex(in: characterStarts, notAfter: clamped)
        let lineIndex = Self.lastIndex(in: lineStarts, notAfter: characterIndex)
        let lineStart = lineStarts[lineIndex]
        return SourceLocation(offset: clamped, line: lineIndex + 1, column: characterIndex - lineStart + 1)
    }

    /// The range from byte `start` to byte `end`.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: location(at: start), end: location(at: max(start, end)))
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
