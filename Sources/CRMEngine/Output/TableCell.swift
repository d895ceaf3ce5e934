/// A table cell: its text made one line, and the terminal columns it takes.
struct TableCell {
    /// The text, on one line (see `TerminalText.singleLine`).
    let text: String
    /// Its display width.
    let width: Int

    /// A cell showing `text`.
    init(_ text: String) {
        self.text = TerminalText.singleLine(text)
        width = TerminalText.width(of: self.text)
    }

    /// Appends the cell padded to `width` columns. A wider cell is cut (see
    /// `TerminalText.fitted`) when `cut`, else written whole: a streamed table's later rows
    /// may hold a cell wider than the rows its columns were measured on, and ids, numbers
    /// and timestamps are never cut.
    func append(to out: inout String, width: Int, alignRight: Bool, cut: Bool = true) {
        guard self.width <= width else {
            out += cut ? TerminalText.fitted(text, width: width, alignRight: alignRight) : text
            return
        }
        let padding = width - self.width
        if alignRight { Self.appendSpaces(padding, to: &out) }
        out += text
        if !alignRight { Self.appendSpaces(padding, to: &out) }
    }

    private static let spaces = String(repeating: " ", count: 256)

    /// Appends `count` spaces.
    static func appendSpaces(_ count: Int, to out: inout String) {
        var left = count
        while left > 0 {
            let chunk = min(left, 256)
            out.append(contentsOf: spaces.prefix(chunk))
            left -= chunk
        }
    }
}
