import ArgumentParser
import CRMEngine
import CRMQuery

/// How results are printed: the format, and for tables their style and when records are
/// shown expanded. Set by `--format` and by the shell's `.format`, `.mode` and `.expanded`.
struct OutputSettings {
    /// Table, JSON, JSON Lines or CSV.
    var format: OutputFormat = .table
    /// Plain, box or Markdown (tables only).
    var style: TableStyle = .plain
    /// When table records are shown one field a line.
    var expanded: ExpandedMode = .auto

    /// Settings for `display`, as `--format` and `.format` name them.
    init(_ display: DisplayFormat = .table) {
        format = display.format
        style = display.style
        expanded = display == .line ? .on : .auto
    }

    /// The name `.format` shows: `table`, `box`, `line`, `json`...
    var name: String {
        guard format == .table else { return format.rawValue }
        if expanded == .on && style == .plain { return DisplayFormat.line.rawValue }
        return style == .plain ? "table" : style.rawValue
    }

    /// A writer for these settings: tables fitted to `maxWidth` (nil when the output is not a
    /// terminal), timestamps in `time`'s zone (tables to the minute unless seconds matter;
    /// csv and json through the writer's fast formatter for the zone).
    func writer(maxWidth: Int?, time: TimeContext) -> ResultWriter {
        ResultWriter(
            format: format, maxWidth: maxWidth, timeZone: time.timeZone,
            table: TableOptions(
                style: style, expanded: expanded, formatTimestamp: { time.formatForTable($0, precision: $1) })
        )
    }

    /// `parsed` as it should run for these settings: a table gives each `find` without
    /// `select` its entity's default columns (``DefaultColumns``); other formats keep every field.
    func prepared(_ parsed: ParseResult) -> ParseResult {
        format == .table ? DefaultColumns.applied(to: parsed) : parsed
    }
}

/// The output formats people name with `--format`, `.format` and `.mode`: the engine's four,
/// and the table styles and sqlite3's `line` (every record expanded, one field a line).
enum DisplayFormat: String, CaseIterable, ExpressibleByArgument {
    /// Aligned columns (`|` between them), expanded when a row does not fit.
    case table
    /// A table in line-drawing characters.
    case box
    /// A Markdown table.
    case markdown
    /// Every record expanded, one `field | value` a line.
    case line
    /// One JSON array per statement.
    case json
    /// One JSON object per row.
    case jsonl
    /// RFC 4180 CSV.
    case csv

    /// The engine's format.
    var format: OutputFormat {
        switch self {
        case .table, .box, .markdown, .line: .table
        case .json: .json
        case .jsonl: .jsonl
        case .csv: .csv
        }
    }

    /// The table style.
    var style: TableStyle {
        switch self {
        case .box: .box
        case .markdown: .markdown
        default: .plain
        }
    }

    /// Every name, for messages: `table, box, markdown, line, json, jsonl or csv`.
    static var names: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}
