/// When a `table` result is shown expanded, one `field | value` line per column and a
/// `-[ RECORD N ]` line between records, as psql's `\x`.
///
///     -[ RECORD 1 ]-------------------
///     id       | 333
///     customer | Northwind 集团 109
///     title    | Deliver the missing parts
public enum ExpandedMode: String, CaseIterable, Sendable {
    /// Expanded when the table, at its natural width, is wider than the terminal (psql's
    /// `\x auto`); never when the width is not known (output to a file or a pipe).
    case auto
    /// Always expanded.
    case on
    /// Never expanded: text columns are cut with `…` to fit, other columns never.
    case off
}
