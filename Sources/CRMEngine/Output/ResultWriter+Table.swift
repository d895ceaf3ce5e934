import CRMStore

/// How a table is printed, decided once from its first rows (``TableContent``) and used for
/// every line after: the style, whether records are expanded, the column widths and
/// alignment, and how to show a timestamp in each column.
struct TableLayout {
    /// The column names as cells (Markdown's with `|` escaped).
    let header: [TableCell]
    /// Per column: right-aligned.
    let numeric: [Bool]
    /// Per column: a later cell wider than the column may be cut with `…`.
    let cuttable: [Bool]
    /// Per column: the precision of its timestamps (see ``TableContent/precisions``).
    let precisions: [TimestampPrecision?]
    /// Plain, box or Markdown.
    let style: TableStyle
    /// Whether records are shown one field a line.
    let expanded: Bool
    /// Per column: its display width (unused when expanded).
    let widths: [Int]
    /// Whether a cell wider than its column is cut: only when the table fits a terminal, and
    /// never in Markdown (which is for pasting). Piped output is never cut.
    let cuts: Bool
    /// Expanded: whether each record gets a `-[ RECORD N ]` line (there are several).
    let numbersRecords: Bool
    /// Expanded: the width of the field-name column.
    let nameWidth: Int
    /// Expanded: the room for a value before it wraps; nil for no limit.
    let valueRoom: Int?
    /// Expanded: the width of a `-[ RECORD N ]` line.
    let recordLineWidth: Int
}

extension ResultWriter {
    /// The text between two columns of a table row.
    static let tableColumnSeparator = " | "
    /// The text between two columns of the separator line under the header.
    static let tableSeparatorJoint = "-+-"

    /// `(1 row)` or `(N rows)`, and a line break.
    static func tableFooter(rowCount: Int) -> String {
        rowCount == 1 ? "(1 row)\n" : "(\(rowCount) rows)\n"
    }

    /// The layout of a `table` measured on `content` (the first rows, or all of them); `more`
    /// says whether more rows may follow them.
    ///
    ///     id | name     |  amount
    ///     ---+----------+---------
    ///      1 | Acme Ltd | 1200.50
    ///      2 | 西安重工 |    0.05
    ///     (2 rows)
    ///
    /// Durations read as people write them (`3d 4h`), where csv and json keep ISO 8601
    /// (`P3DT4H`). Widths are display widths, so CJK text lines up. Numeric columns (every
    /// non-null value an integer, decimal or real) are right-aligned, the rest left-aligned;
    /// null is blank; trailing spaces are dropped. With `maxWidth` and `table.expanded`
    /// `.auto`, a table wider than `maxWidth` is shown expanded instead; with `.off`, its text
    /// columns (and only they: never ids, numbers, timestamps or enum values) shrink, widest
    /// first, and their cells end in `…`; a table that still does not fit overflows.
    func tableLayout(_ content: TableContent, more: Bool) -> TableLayout {
        let style = table.style
        let markdown = style == .markdown
        let expanded: Bool
        switch table.expanded {
        case .on: expanded = !markdown
        case .auto:
            expanded =
                !markdown && !content.rows.isEmpty
                && maxWidth.map { Self.tableWidth(content.natural, style: style) > $0 } ?? false
        case .off: expanded = false
        }
        var header = content.header
        var widths = content.natural
        if markdown {
            header = header.map(Self.markdownEscaped)
            for line in [header] + content.rows.map({ $0.map(Self.markdownEscaped) }) {
                for (column, cell) in line.enumerated() {
                    widths[column] = max(widths[column], cell.width, 3)
                }
            }
        } else if let maxWidth, !expanded {
            widths = Self.fit(content, style: style, into: maxWidth)
        }
        let nameWidth = content.header.map(\.width).max() ?? 0
        let indent = nameWidth + Self.tableColumnSeparator.count
        let valueRoom = maxWidth.map { max(16, $0 - indent) }
        let widest = content.rows.lazy.flatMap { $0.map(\.width) }.max() ?? 0
        return TableLayout(
            header: header, numeric: content.numeric, cuttable: content.cuttable,
            precisions: content.precisions, style: style, expanded: expanded, widths: widths,
            cuts: maxWidth != nil && !markdown, numbersRecords: more || content.rows.count > 1,
            nameWidth: nameWidth, valueRoom: valueRoom,
            recordLineWidth: indent + min(widest, valueRoom ?? widest))
    }

    /// The width of a table whose columns are `widths` wide, in `style`.
    static func tableWidth(_ widths: [Int], style: TableStyle) -> Int {
        let sum = widths.reduce(0, +)
        switch style {
        case .plain: return sum + tableColumnSeparator.count * max(0, widths.count - 1)
        case .box, .markdown: return sum + 3 * widths.count + 1
        }
    }

    /// Column widths that fit `maxWidth`: text columns shrink, the others keep their width.
    static func fit(_ content: TableContent, style: TableStyle, into maxWidth: Int) -> [Int] {
        let natural = content.natural
        guard tableWidth(natural, style: style) > maxWidth else { return natural }
        let cuttable = natural.indices.filter { content.cuttable[$0] }
        let fixed = natural.indices.filter { !content.cuttable[$0] }.reduce(0) { $0 + natural[$1] }
        let overhead = tableWidth(Array(repeating: 0, count: natural.count), style: style)
        let room = maxWidth - overhead - fixed
        let shrunk = shrink(cuttable.map { natural[$0] }, toTotal: max(room, cuttable.count))
        var widths = natural
        for (index, column) in cuttable.enumerated() { widths[column] = shrunk[index] }
        return widths
    }

    /// A Markdown cell: `|` escaped as `\|`.
    private static func markdownEscaped(_ cell: TableCell) -> TableCell {
        guard cell.text.contains("|") else { return cell }
        return TableCell(
            cell.text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|"))
    }

    // MARK: - Lines

    /// Appends what comes before the rows: the header and its rules (nothing when expanded).
    func appendTableHead(_ layout: TableLayout, to out: inout String) {
        guard !layout.expanded else { return }
        switch layout.style {
        case .plain:
            appendPlainLine(layout.header, layout, to: &out)
            for (column, width) in layout.widths.enumerated() {
                if column > 0 { out += Self.tableSeparatorJoint }
                out += String(repeating: "-", count: width)
            }
            out += "\n"
        case .box:
            Self.appendBoxRule("┌", "┬", "┐", layout.widths, to: &out)
            appendFramedLine(layout.header, layout, border: "│", to: &out)
            Self.appendBoxRule("├", "┼", "┤", layout.widths, to: &out)
        case .markdown:
            appendFramedLine(layout.header, layout, border: "|", to: &out)
            out += "|"
            for (column, width) in layout.widths.enumerated() {
                out +=
                    layout.numeric[column]
                    ? String(repeating: "-", count: width + 1) + ":|"
                    : String(repeating: "-", count: width + 2) + "|"
            }
            out += "\n"
        }
    }

    /// Appends one row (record `number`, from 1, when expanded).
    func appendTableRow(_ values: [FieldValue], number: Int, _ layout: TableLayout, to out: inout String) {
        appendTableRow(
            TableContent.cells(of: values, precisions: layout.precisions, writer: self), number: number,
            layout, to: &out)
    }

    /// Appends one row of cells made already (record `number`, from 1, when expanded).
    func appendTableRow(_ cells: [TableCell], number: Int, _ layout: TableLayout, to out: inout String) {
        if layout.expanded {
            appendExpandedRecord(cells, number: number, layout, to: &out)
            return
        }
        switch layout.style {
        case .plain: appendPlainLine(cells, layout, to: &out)
        case .box: appendFramedLine(cells, layout, border: "│", to: &out)
        case .markdown: appendFramedLine(cells.map(Self.markdownEscaped), layout, border: "|", to: &out)
        }
    }

    /// Appends what comes after the rows: a box's bottom rule, and `(N rows)` (not in
    /// Markdown, whose table would not end cleanly with it).
    func appendTableEnd(_ layout: TableLayout, rowCount: Int, to out: inout String) {
        if !layout.expanded && layout.style == .box {
            Self.appendBoxRule("└", "┴", "┘", layout.widths, to: &out)
        }
        if layout.expanded || layout.style != .markdown { out += Self.tableFooter(rowCount: rowCount) }
    }

    /// psql's layout: ` | ` between columns, trailing spaces dropped.
    private func appendPlainLine(_ line: [TableCell], _ layout: TableLayout, to out: inout String) {
        for (column, cell) in line.enumerated() where column < layout.widths.count {
            if column > 0 { out += Self.tableColumnSeparator }
            cell.append(
                to: &out, width: layout.widths[column], alignRight: layout.numeric[column],
                cut: layout.cuts && layout.cuttable[column])
        }
        while out.utf8.last == UInt8(ascii: " ") { out.removeLast() }
        out += "\n"
    }

    /// A box's or Markdown table's line: `border` at both ends and between cells.
    private func appendFramedLine(
        _ line: [TableCell], _ layout: TableLayout, border: String, to out: inout String
    ) {
        out += border
        for (column, cell) in line.enumerated() where column < layout.widths.count {
            out += " "
            cell.append(
                to: &out, width: layout.widths[column], alignRight: layout.numeric[column],
                cut: layout.cuts && layout.cuttable[column])
            out += " " + border
        }
        out += "\n"
    }

    /// sqlite3's `.mode box` rule: `left`, a line over each column, `joint` between, `right`.
    private static func appendBoxRule(
        _ left: String, _ joint: String, _ right: String, _ widths: [Int], to out: inout String
    ) {
        out += left
        for (column, width) in widths.enumerated() {
            if column > 0 { out += joint }
            out += String(repeating: "─", count: width + 2)
        }
        out += right + "\n"
    }

    /// Column widths summing to at most `total`, taken from the widest: every column wider
    /// than some level is cut to that level (or one more, left to right, to use the room
    /// left), and narrower columns keep their width. No column is cut below 1.
    static func shrink(_ natural: [Int], toTotal total: Int) -> [Int] {
        guard natural.reduce(0, +) > total else { return natural }
        guard total > natural.count else { return natural.map { min($0, 1) } }
        // The highest level whose cut widths fit: at least 1, since total > count.
        var low = 1
        var high = natural.max() ?? 1
        while low < high {
            let middle = (low + high + 1) / 2
            if natural.reduce(0, { $0 + min($1, middle) }) <= total {
                low = middle
            } else {
                high = middle - 1
            }
        }
        var widths = natural.map { min($0, low) }
        var room = total - widths.reduce(0, +)
        for index in widths.indices where room > 0 && natural[index] > low {
            widths[index] += 1
            room -= 1
        }
        return widths
    }
}
