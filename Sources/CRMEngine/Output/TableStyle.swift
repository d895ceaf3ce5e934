/// How a `table` is drawn: the shell's `.format table|box|markdown` (`.mode` as in sqlite3).
///
///     plain:     id | name          box:  ┌────┬──────────┐     markdown:  | id | name     |
///                ---+---------            │ id │ name     │                |---:|----------|
///                 1 | Acme Ltd            ├────┼──────────┤                |  1 | Acme Ltd |
///                                         │  1 │ Acme Ltd │
///                                         └────┴──────────┘
public enum TableStyle: String, CaseIterable, Sendable {
    /// Columns joined by ` | `, a dashed line under the header (psql's default).
    case plain
    /// Columns in a box of line-drawing characters (sqlite3's `.mode box`).
    case box
    /// A GitHub-flavoured Markdown table, `|` in cells escaped, numbers right-aligned with
    /// `---:`; never fitted to the terminal and never shown expanded (it is for pasting).
    case markdown
}
