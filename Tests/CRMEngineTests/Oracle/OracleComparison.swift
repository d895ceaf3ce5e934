import CRMEngine
import CRMQuery
import CRMStore

/// Checks the store's rows against the model's answer, allowing exactly the freedom SPEC.md
/// gives: rows that tie on every `order by` key may come in any order (and with `limit`, any
/// of the tied rows may be the ones cut); results without `order by` are multisets; a group
/// value may show any of its spellings.
enum OracleComparison {
    /// Nil when `rows` (under `columns`) is a correct answer; otherwise what is wrong.
    static func check(columns: [String], rows: [[FieldValue]], against answer: OracleAnswer) -> String? {
        guard columns == answer.columns else {
            return "columns \(columns) but the model has \(answer.columns)"
        }
        // The model's rows by identity (id, or the group values without regard to case).
        func identity(_ row: [FieldValue]) -> [OracleKey] {
            answer.identityColumns.map { OracleKey(row[$0], nil) }
        }
        var byIdentity: [[OracleKey]: Int] = [:]
        for (index, row) in answer.rows.enumerated() { byIdentity[identity(row)] = index }
        let start = min(answer.offset, answer.rows.count)
        let end = answer.limit.map { min(answer.rows.count, start + max(0, $0)) } ?? answer.rows.count
        if rows.count != end - start {
            return "\(rows.count) rows but the model has \(end - start)"
        }
        var matched: [Int] = []
        var seen: Set<Int> = []
        for row in rows {
            guard row.count == columns.count else { return "a row has \(row.count) values: \(show(row))" }
            guard let index = byIdentity[identity(row)] else {
                return "row \(show(row)) is not in the model's result"
            }
            guard seen.insert(index).inserted else { return "row \(show(row)) comes twice" }
            for column in columns.indices where !same(row[column], answer.rows[index][column], column, answer)
            {
                let expected = answer.rows[index][column]
                return "row \(show(row)) has \(columns[column]) = \(row[column]), the model \(expected)"
            }
            matched.append(index)
        }
        if answer.ordered {
            // The keys must come in the model's sequence; which of several tied rows is where
            // does not matter.
            for (position, index) in matched.enumerated()
            where answer.keys[index] != answer.keys[start + position] {
                return "row \(position + 1) (\(show(rows[position]))) sorts by \(answer.keys[index]), "
                    + "but the model has \(answer.keys[start + position]) there"
            }
        }
        return nil
    }

    /// Whether the store's value equals the model's, as SPEC.md allows: tags are sets; reals
    /// (means) agree to 1e-9; a decimal prints as given (`10.50` stays `10.50`) unless it is
    /// computed; a group value may be any spelling of it.
    static func same(_ store: FieldValue, _ model: FieldValue, _ column: Int, _ answer: OracleAnswer) -> Bool
    {
        switch (store, model) {
        case (.real(let a), .real(let b)): return abs(a - b) <= 1e-9 * max(1, abs(b))
        case (.decimal(let a), .decimal(let b)):
            return answer.aggregateColumns.contains(column) ? a == b : a.description == b.description
        case (.list(let a), .list(let b)): return Set(a) == Set(b) && a.count == b.count
        case (.string(let a), .string(let b)) where answer.looseColumns.contains(column):
            return a.lowercased() == b.lowercased()
        default: return store == model
        }
    }

    /// A row as printed values.
    static func show(_ row: [FieldValue]) -> String {
        "["
            + row.map { value in
                if case .string(let text) = value { return Value.quoted(text) }
                return value.description
            }.joined(separator: ", ") + "]"
    }

    /// Rows, one a line, at most `limit` of them.
    static func show(_ rows: [[FieldValue]], limit: Int = 8) -> String {
        var lines = rows.prefix(limit).map { "    " + show($0) }
        if rows.count > limit { lines.append("    ... \(rows.count - limit) more") }
        return lines.isEmpty ? "    (no rows)" : lines.joined(separator: "\n")
    }

    /// Rows as a sorted list of printed rows: a multiset, for comparing two results whose
    /// order does not matter. Tags are sorted, text in the answer's loose columns (group
    /// values) lower-cased and computed decimals reduced to their value, since either run may
    /// show any spelling there (`min(amount)` of 10.5 and 10.500 may be either).
    static func multiset(_ rows: [[FieldValue]], _ answer: OracleAnswer) -> [String] {
        rows.map { row in
            show(
                row.enumerated().map { column, value in
                    switch value {
                    case .list(let tags): return .list(tags.sorted())
                    case .string(let text) where answer.looseColumns.contains(column):
                        return .string(text.lowercased())
                    case .decimal(let number) where answer.aggregateColumns.contains(column):
                        return .string(String(number.normalized))
                    default: return value
                    }
                })
        }.sorted()
    }
}
