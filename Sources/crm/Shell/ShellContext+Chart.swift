import CRMEngine
import CRMQuery

extension ShellContext {
    /// `.chart [COLUMN]`: draws the last grouped result as a horizontal bar chart of `column`
    /// (default: its last number column, as `count`), as wide as the terminal.
    ///
    /// - Throws: `ShellError` when no grouped result has been shown yet, or it has no such
    ///   column.
    func chart(_ column: String?) throws(ShellError) {
        guard let result = lastGrouped else {
            throw ShellError(
                "there is no grouped result to chart yet: run a statement with group by first "
                    + "(count interactions group by kind), then .chart")
        }
        guard let chart = BarChart(result: result, value: column) else {
            let columns = result.columns.joined(separator: ", ")
            throw ShellError(
                column.map { "the last grouped result has no column '\($0)' (it has \(columns))" }
                    ?? "the last grouped result has no number to chart (it has \(columns))")
        }
        let width = destination.isTerminal ? TerminalStyle.outputWidth() ?? 80 : 80
        destination.stream.write(chart.render(width: width))
        destination.stream.flush()
    }
}

/// Whether a line typed at the shell asks for a chart: `chart` alone, or after a statement
/// (`count interactions group by kind chart`).
enum ChartRequest: Equatable {
    /// No: a statement as any other.
    case none
    /// `chart` alone: draw the last grouped result.
    case alone
    /// `STATEMENT chart`: run the statement, then draw its result.
    case after(String)

    /// The request in `text`: `chart` as its last word, outside strings and comments.
    init(_ text: String) {
        let tokens = Lexer.tokenize(text).tokens.filter { token in
            token.kind != .newline && token.kind != .endOfFile && token.kind != .semicolon
        }
        guard let last = tokens.last, case .identifier(let word) = last.kind, word.lowercased() == "chart"
        else {
            self = .none
            return
        }
        let statement = String(decoding: text.utf8.prefix(last.range.start.offset), as: UTF8.self)
        self = statement.allSatisfy(\.isWhitespace) ? .alone : .after(statement)
    }
}
