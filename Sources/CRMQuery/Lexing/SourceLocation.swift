/// A position in query source text.
///
/// `offset` counts UTF-8 bytes from the start of the text; `line` and `column` are 1-based and
/// the column counts characters (grapheme clusters), so `"客户 x"` puts `x` at column 4.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The UTF-8 byte offset from the start of the source, 0-based.
    public var offset: Int
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in characters.
    public var column: Int

    /// Creates a location from its three coordinates.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Orders locations by byte offset.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }

    /// `LINE:COLUMN`, as printed in diagnostics.
    public var description: String { "\(line):\(column)" }
}
