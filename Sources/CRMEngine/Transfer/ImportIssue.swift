/// One problem with an import file: the physical line it is on (the header is line 1) and
/// what was wrong there.
///
///     ImportIssue(line: 3, message: "unknown column 'emial'").formatted(file: "a.csv")
///     // "a.csv:3: error: unknown column 'emial'"
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    /// The physical line of the file, counting from 1; a row that spans lines (a quoted CSV
    /// field with line breaks) is reported at its first line.
    public let line: Int
    /// What was wrong and what would be right.
    public let message: String

    /// An issue on `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: error: MESSAGE`, the form compilers use, so editors can jump to the line.
    public func formatted(file: String) -> String { "\(file):\(line): error: \(message)" }

    /// `LINE: MESSAGE`.
    public var description: String { "\(line): \(message)" }
}
