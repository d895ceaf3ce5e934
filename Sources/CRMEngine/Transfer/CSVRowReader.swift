import CSV
import Foundation

/// Reads the rows of a CSV import file with the CSV library, keeping the physical line each
/// row starts on.
///
/// The first non-blank row is the header; blank lines are skipped. The library does not count
/// lines, so each row's span is worked out from its fields: a row takes one line plus one per
/// line break inside its quoted fields (CRLF counting once), which is exact because only a
/// quoted field can hold a line break.
enum CSVRowReader {
    /// The header's column names (trimmed), the line they are on (0 when the file has no
    /// header) and the data rows, each cell named by its column.
    static func read(_ text: ImportText) throws(TransferError) -> (
        header: [String], headerLine: Int, rows: [SourceRow]
    ) {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text.text, hasHeaderRow: false)
        } catch {
            throw TransferError(.file, "cannot read the CSV text: \(error)")
        }
        var header: [String]?
        var headerLine = 0
        var rows: [SourceRow] = []
        var line = 1
        while let fields = reader.next() {
            let start = line
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            if fields.count == 1 && fields[0].isEmpty { continue }
            let problem = (start..<line).lazy.compactMap { text.invalidLines[$0] }.first
            guard let columns = header else {
                header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                headerLine = start
                if let problem {
                    rows.append(SourceRow(line: start, cells: [], problem: "the header: " + problem))
                }
                continue
            }
            if let problem {
                rows.append(SourceRow(line: start, cells: [], problem: problem))
                continue
            }
            guard fields.count == columns.count else {
                rows.append(
                    SourceRow(
                        line: start, cells: [],
                        problem: "this row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the "
                            + "header has \(columns.count) (a field holding a comma, a quote or a line break "
                            + "must be in double quotes, with each quote doubled)"))
                continue
            }
            let cells = zip(columns, fields).map { name, field in
                SourceCell(name: name, value: field.isEmpty ? .null : .text(field))
            }
            rows.append(SourceRow(line: start, cells: cells))
        }
        return (header ?? [], headerLine, rows)
    }

    /// Line breaks inside a field: LF, CR LF (once) or a lone CR.
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousWasCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" {
                count += 1
                previousWasCR = true
                continue
            }
            if scalar == "\n" && !previousWasCR { count += 1 }
            previousWasCR = false
        }
        return count
    }
}
