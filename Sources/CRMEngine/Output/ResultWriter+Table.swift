import CRMStore

extension ResultWriter {
    /// The text between two columns of a table row.
    static let tableColumnSeparator = " | "
    /// The text between two columns of the separator line under the header.
    static let tableSeparatorJoint = "-+-"

    /// `table`: a header row, a separator line, one line per row, and `(N rows)`; or the
    /// records expanded, one field a line (see ``ExpandedMode``).
    ///
    ///     id | name     |  amount
    ///     ---+----------+---------
    ///      1 | Acme Ltd | 1200.50
    ///      2 | 西安重工 |    0.05
    ///     (2 rows)
    ///
    /// Durations read as people write them (`3d 4h`), where csv and json keep ISO 8601
    /// (`P3DT4H`). Widths are display widths, so CJK text lines up. Numeric columns (every non-null value
    /// an integer, decimal or real) are right-aligned, the rest left-aligned; null is blank;
    /// trailing spaces are dropped. With `maxWidth` and `table.expanded` `.auto`, a table
    /// wider than `maxWidth` is shown expanded instead; with `.off`, its text columns (and
    /// only they: never ids, numbers, timestamps or enum values) shrink, widest first, and
    /// their cells end in `…`; a table that still does not fit overflows.
    func renderTable(columns: [String], rows: [[FieldValue]]) -> String {
        let footer = rows.count == 1 ? "(1 row)\n" : "(\(rows.count) rows)\n"
        guard !columns.isEmpty else { return footer }
        let content = TableContent(columns: columns, rows: rows, writer: self)
        let style = table.style
        let markdown = style == .markdown
        switch table.expanded {
        case .on where !markdown:
            return renderExpanded(content) + footer
        case .auto where !markdown && !rows.isEmpty:
            if let maxWidth, Self.tableWidth(content.natural, style: style) > maxWidth {
                return renderExpanded(content) + footer
            }
        default:
            break
        }
        var widths = content.natural
        if let maxWidth, !markdown {
            widths = Self.fit(content, style: style, into: maxWidth)
        }
        let body =
            switch style {
            case .plain: renderPlain(content, widths: widths)
            case .box: renderBox(content, widths: widths)
            case .markdown: renderMarkdown(content, widths: widths)
            }
        return markdown ? body : body + footer
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

    /// psql's layout: ` | ` between columns, `-+-` in the line under the header.
    private func renderPlain(_ content: TableContent, widths: [Int]) -> String {
        var out = ""
        out.reserveCapacity((widths.reduce(0, +) + 3 * widths.count + 1) * (content.rows.count + 2))
        func appendLine(_ line: [TableCell]) {
            for (column, cell) in line.enumerated() {
                if column > 0 { out += Self.tableColumnSeparator }
                cell.append(to: &out, width: widths[column], alignRight: content.numeric[column])
            }
            while out.utf8.last == UInt8(ascii: " ") { out.removeLast() }
            out += "\n"
        }
        appendLine(content.header)
        for (column, width) in widths.enumerated() {
            if column > 0 { out += Self.tableSeparatorJoint }
            out += String(repeating: "-", count: width)
        }
        out += "\n"
        for row in content.rows { appendLine(row) }
        return out
    }

    /// sqlite3's `.mode box`: the table in line-drawing characters.
    private func renderBox(_ content: TableContent, widths: [Int]) -> String {
        var out = ""
        func rule(_ left: String, _ joint: String, _ right: String) {
            out += left
            for (column, width) in widths.enumerated() {
                if column > 0 { out += joint }
                out += String(repeating: "─", count: width + 2)
            }
            out += right + "\n"
        }
        func appendLine(_ line: [TableCell]) {
            out += "│"
            for (column, cell) in line.enumerated() {
                out += " "
                cell.append(to: &out, width: widths[column], alignRight: content.numeric[column])
                out += " │"
            }
            out += "\n"
        }
        rule("┌", "┬", "┐")
        appendLine(content.header)
        rule("├", "┼", "┤")
        for row in content.rows { appendLine(row) }
        rule("└", "┴", "┘")
        return out
    }

    /// A GitHub-flavoured Markdown table: `|` in cells escaped, numbers right-aligned.
    private func renderMarkdown(_ content: TableContent, widths natural: [Int]) -> String {
        let escape = { (cell: TableCell) in
            cell.text.contains("|")
                ? TableCell(
                    cell.text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
                )
                : cell
        }
        let header = content.header.map(escape)
        let rows = content.rows.map { $0.map(escape) }
        var widths = natural
        for line in [header] + rows {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.width, 3) }
        }
        var out = ""
        func appendLine(_ line: [TableCell]) {
            out += "|"
            for (column, cell) in line.enumerated() {
                out += " "
                cell.append(to: &out, width: widths[column], alignRight: content.numeric[column])
                out += " |"
            }
            out += "\n"
        }
        appendLine(header)
        out += "|"
        for (column, width) in widths.enumerated() {
            out +=
                content.numeric[column]
                ? String(repeating: "-", count: width + 1) + ":|"
                : String(
                    repeating: "-", count: width + 2) + "|"
        }
        out += "\n"
        for row in rows { appendLine(row) }
        return out
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
