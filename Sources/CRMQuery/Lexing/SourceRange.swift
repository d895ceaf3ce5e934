/// A half-open span of source text, from `start` up to but not including `end`.
///
/// An empty range (`start == end`) marks a point, such as the end of the input.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The first position inside the range.
    public var start: SourceLocation
    /// The position just after the range.
    public var end: SourceLocation

    /// Creates a range from its bounds; `end` must not come before `start`.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at `location`.
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }

    /// The smallest range that covers both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// The byte offsets covered, for slicing the source's UTF-8 view.
    public var byteRange: Range<Int> { start.offset..<max(start.offset, end.offset) }

    /// `LINE:COL-LINE:COL`.
    public var description: String { "\(start)-\(end)" }
}
