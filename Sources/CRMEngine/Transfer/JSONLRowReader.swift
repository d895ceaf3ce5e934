/// Reads the rows of a JSON Lines import file: one JSON object per line, blank lines skipped.
///
/// Each object's members become the row's cells, `null` members as nulls; a line that is not
/// a JSON object is a row with a problem, so that every bad line is reported.
enum JSONLRowReader {
    /// The rows of `text`, in line order.
    static func read(_ text: ImportText) -> [SourceRow] {
        var rows: [SourceRow] = []
        for (number, range) in text.lines {
            let content = text.bytes[range]
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if let problem = text.invalidLines[number] {
                rows.append(SourceRow(line: number, cells: [], problem: problem))
                continue
            }
            var parser = JSONParser(Array(content))
            let value: JSONValue
            do {
                value = try parser.parseDocument()
            } catch {
                rows.append(
                    SourceRow(
                        line: number, cells: [],
                        problem: "not valid JSON at column \(error.column): \(error.message)"))
                continue
            }
            guard case .object(let members) = value else {
                rows.append(
                    SourceRow(
                        line: number, cells: [],
                        problem: "expected a JSON object such as {\"name\": \"Acme\"}, found \(value.article)"
                    ))
                continue
            }
            let cells = members.map { member in
                SourceCell(name: member.key, value: member.value.isNull ? .null : .json(member.value))
            }
            rows.append(SourceRow(line: number, cells: cells))
        }
        return rows
    }
}

extension JSONValue {
    /// Whether this is JSON `null`.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
