import CRMStore

extension ResultWriter {
    /// The text between two columns of a table row.
    static let tableColumnSeparator = " | "
    /// The text between two columns of the separator line under the header.
    static let tableSeparatorJoint = "-+-"

    /// `table`: a header row, a separator line, one line per row, and `(N rows)`.
    ///
    ///     id | name     |  amount
    ///     ---+----------+---------
    ///      1 | Acme Ltd | 1200.50
    ///      2 | 西安重工 |    0.05
    ///     (2 rows)
    ///
    /// Widths are display widths, so CJK text lines up. Numeric columns (every non-null value
    /// an integer, decimal or real) are right-aligned, the rest left-aligned; null is blank;
    /// trailing spaces are dropped. With `maxWidth`, the widest columns shrink until every line
    /// fits and their cells end in `…`; a table too wide even with one column per field
    /// (fewer than 4 columns per field) keeps one column per field and overflows.
    func renderTable(columns: [String], rows: [[FieldValue]]) -> String {
        let footer = Self.tableFooter(rowCount: rows.count)
        guard !columns.isEmpty else { return footer }
        let layout = tableLayout(columns: columns, rows: rows)
        // One string for the whole table, each cell and its padding appended in place.
        var out = ""
        out.reserveCapacity(
            (layout.widths.reduce(0, +) + 3 * columns.count + 1) * (rows.count + 2) + footer.utf8.count)
        appendTableHeader(columns, layout, to: &out)
        for row in rows { appendTableRow(row, layout, to: &out) }
        out += footer
        return out
    }

    /// `(1 row)` or `(N rows)`, and a line break.
    static func tableFooter(rowCount: Int) -> String {
        rowCount == 1 ? "(1 row)\n" : "(\(rowCount) rows)\n"
    }

    /// The widths and alignment of a table's columns: what the header and `rows` need,
    /// shrunk to `maxWidth`.
    ///
    /// Numeric columns (every non-null value an integer, decimal or real) are right-aligned,
    /// the rest left-aligned. A streamed table measures its first rows only (see
    /// `ResultStream`).
    func tableLayout(columns: [String], rows: [[FieldValue]]) -> TableLayout {
        let numeric = columns.indices.map { column in
            var sawNumber = false
            for row in rows {
                switch row[column] {
                case .null: continue
                case .integer, .decimal, .real: sawNumber = true
                default: return false
                }
            }
            return sawNumber
        }
        var natural = columns.map { Cell($0).width }
        for row in rows {
            for (column, value) in row.enumerated() {
                natural[column] = max(natural[column], Cell(plainText(value) ?? "").width)
            }
        }
        var widths = natural
        if let maxWidth {
            let separators = Self.tableColumnSeparator.count * (columns.count - 1)
            widths = Self.shrink(natural, toTotal: maxWidth - separators)
        }
        return TableLayout(widths: widths, numeric: numeric)
    }

    /// Appends the header line and the separator line under it.
    func appendTableHeader(_ columns: [String], _ layout: TableLayout, to out: inout String) {
        appendTableLine(columns.map(Cell.init), layout, to: &out)
        for (column, width) in layout.widths.enumerated() {
            if column > 0 { out += Self.tableSeparatorJoint }
            out += String(repeating: "-", count: width)
        }
        out += "\n"
    }

    /// Appends one row's line.
    func appendTableRow(_ row: [FieldValue], _ layout: TableLayout, to out: inout String) {
        appendTableLine(row.map { Cell(plainText($0) ?? "") }, layout, to: &out)
    }

    /// Appends one line of cells, padded to the layout; trailing spaces are dropped. A cell
    /// wider than its column (a row after the measured ones) is cut to fit when the table
    /// fits a terminal, and written whole otherwise: piped output is never cut.
    private func appendTableLine(_ line: [Cell], _ layout: TableLayout, to out: inout String) {
        for (column, cell) in line.enumerated() where column < layout.widths.count {
            if column > 0 { out += Self.tableColumnSeparator }
            cell.append(
                to: &out, width: layout.widths[column], alignRight: layout.numeric[column],
                cut: maxWidth != nil)
        }
        while out.utf8.last == UInt8(ascii: " ") { out.removeLast() }
        out += "\n"
    }

    /// A table cell: its text made one line, and the columns it takes.
    private struct Cell {
        let text: String
        let width: Int

        init(_ text: String) {
            self.text = TerminalText.singleLine(text)
            width = TerminalText.width(of: self.text)
        }

        /// Appends the cell padded to `width` columns; a wider cell is cut (see
        /// `TerminalText.fitted`) when `cut`, else written whole.
        func append(to out: inout String, width: Int, alignRight: Bool, cut: Bool) {
            guard self.width <= width else {
                out += cut ? TerminalText.fitted(text, width: width, alignRight: alignRight) : text
                return
            }
            let padding = width - self.width
            if alignRight { Cell.appendSpaces(padding, to: &out) }
            out += text
            if !alignRight { Cell.appendSpaces(padding, to: &out) }
        }

        private static let spaces = String(repeating: " ", count: 256)

        private static func appendSpaces(_ count: Int, to out: inout String) {
            var left = count
            while left > 0 {
                let chunk = min(left, 256)
                out.append(contentsOf: spaces.prefix(chunk))
                left -= chunk
            }
        }
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

/// The widths and alignment of a table's columns, measured once and used for every line.
struct TableLayout {
    /// The display width of each column.
    let widths: [Int]
    /// Whether each column holds numbers (right-aligned).
    let numeric: [Bool]
}
