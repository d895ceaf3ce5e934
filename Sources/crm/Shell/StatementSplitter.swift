import CRMQuery

/// Cuts a valid script into the units the shell runs one at a time: each statement alone,
/// and each `begin ... commit` (or `rollback`) block whole, so `.timer` can time each one.
///
/// Each unit is padded with the line breaks and spaces that stood before it, so its line
/// and column numbers are those of the whole text and diagnostics point at the right place.
enum StatementSplitter {
    /// The units of `parsed` (which has no diagnostics), in order; the text whole when it
    /// holds one unit or none.
    static func units(of parsed: ParseResult) -> [String] {
        let statements = parsed.script.statements
        var starts: [SourceLocation] = []
        var inBlock = false
        for statement in statements {
            switch statement.kind {
            case .begin:
                starts.append(statement.range.start)
                inBlock = true
            case .commit, .rollback:
                if !inBlock { starts.append(statement.range.start) }
                inBlock = false
            default:
                if !inBlock { starts.append(statement.range.start) }
            }
        }
        guard starts.count > 1 else { return [parsed.source] }
        let bytes = parsed.source.utf8
        var units: [String] = []
        for (index, start) in starts.enumerated() {
            let from = index == 0 ? 0 : start.offset
            let to = index + 1 < starts.count ? starts[index + 1].offset : bytes.count
            guard from <= to, to <= bytes.count else { return [parsed.source] }
            let piece = String(decoding: Array(bytes)[from..<to], as: UTF8.self)
            let padding =
                index == 0
                ? ""
                : String(repeating: "\n", count: start.line - 1)
                    + String(repeating: " ", count: start.column - 1)
            units.append(padding + piece)
        }
        return units
    }
}
