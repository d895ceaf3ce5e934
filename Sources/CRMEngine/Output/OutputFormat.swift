/// The output formats of SPEC.md: how the `crm` shell and scripts print query results.
///
/// The raw value is the name `--format` and `.format` accept:
///
///     OutputFormat(rawValue: "jsonl")  // .jsonl
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for people: a header, a separator line, one line per row and a
    /// `(N rows)` footer; fitted to the terminal when its width is known.
    case table
    /// One JSON array of row objects per statement, on one line.
    case json
    /// One JSON object per row, one per line (JSON Lines); nothing for zero rows.
    case jsonl
    /// RFC 4180 CSV: a header line per statement, then one line per row, lines ending in CRLF.
    case csv
}
