extension ResultWriter {
    /// Appends one record expanded, as psql's `\x`: one `field | value` line per column, a
    /// `-[ RECORD N ]` line before it when there are several. Nothing is cut: a value wider
    /// than `maxWidth` leaves wraps onto lines of its own under the value column.
    ///
    ///     -[ RECORD 1 ]-----------------------
    ///     id       | 333
    ///     customer | Northwind 集团 109
    ///     title    | Deliver the missing parts
    ///     due      | 2024-12-27 15:22
    func appendExpandedRecord(_ cells: [TableCell], number: Int, _ layout: TableLayout, to out: inout String)
    {
        if layout.numbersRecords {
            let title = "-[ RECORD \(number) ]"
            out += title + String(repeating: "-", count: max(0, layout.recordLineWidth - title.count)) + "\n"
        }
        for (column, cell) in cells.enumerated() where column < layout.header.count {
            let name = layout.header[column]
            name.append(to: &out, width: layout.nameWidth, alignRight: false)
            out += Self.tableColumnSeparator
            let pieces = layout.valueRoom.map { Self.wrap(cell.text, width: $0) } ?? [cell.text]
            for (index, piece) in pieces.enumerated() {
                if index > 0 {
                    out += "\n"
                    TableCell.appendSpaces(layout.nameWidth, to: &out)
                    out += Self.tableColumnSeparator
                }
                out += piece
            }
            while out.utf8.last == UInt8(ascii: " ") { out.removeLast() }
            out += "\n"
        }
    }

    /// `text` (one line) in pieces at most `width` columns wide, broken after a space where
    /// one is near the end of a piece, else between characters (a wide character is never
    /// split).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard TerminalText.width(of: text) > width, width > 0 else { return [text] }
        var pieces: [String] = []
        var current = ""
        var used = 0
        var lastSpace: String.Index?
        for character in text {
            let characterWidth = TerminalText.width(of: character)
            if used + characterWidth > width, !current.isEmpty {
                if let space = lastSpace, current.distance(from: space, to: current.endIndex) < width / 3 {
                    let rest = String(current[current.index(after: space)...])
                    pieces.append(String(current[..<space]))
                    current = rest
                } else {
                    pieces.append(current)
                    current = ""
                }
                used = TerminalText.width(of: current)
                lastSpace = nil
            }
            current.append(character)
            used += characterWidth
            if character == " " { lastSpace = current.index(before: current.endIndex) }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
