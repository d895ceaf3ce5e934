import CRMStore

/// How a ``ResultWriter`` draws `table` results for people: the style, when to show records
/// expanded, and how to show timestamps. The other formats ignore it.
///
/// The default is the plain table of earlier versions with full ISO 8601 timestamps; the `crm`
/// shell asks for expanded records when a row does not fit, and for timestamps to the minute:
///
///     let time = session.timeContext
///     let options = TableOptions(expanded: .auto, formatTimestamp: { time.formatForTable($0, precision: $1) })
public struct TableOptions: Sendable {
    /// Plain, box or Markdown.
    public var style: TableStyle
    /// When records are shown one field a line.
    public var expanded: ExpandedMode
    /// Timestamps as a table shows them, at a precision chosen per column: the coarsest
    /// (from the minute) at which the column's different timestamps still look different.
    /// Nil: the writer's `formatTimestamp`, in full.
    public var formatTimestamp: (@Sendable (Timestamp, TimestampPrecision) -> String)?

    /// Options with `style`, `expanded` and `formatTimestamp` (default: a plain table, never
    /// expanded, timestamps in full).
    public init(
        style: TableStyle = .plain, expanded: ExpandedMode = .off,
        formatTimestamp: (@Sendable (Timestamp, TimestampPrecision) -> String)? = nil
    ) {
        self.style = style
        self.expanded = expanded
        self.formatTimestamp = formatTimestamp
    }
}
