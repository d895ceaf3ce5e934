import CRMStore

extension BarChart {
    /// The chart of a grouped result (`count interactions group by kind`): one bar per row,
    /// labelled with its group columns (those that are not numbers), as long as its `value` column (default: the last
    /// numeric column, as `count` or `avg(score)`). Nil when there is no such column.
    ///
    ///     BarChart(result: grouped)?.render(width: 80)
    public init?(result: ResultSet, value: String? = nil) {
        let numeric = result.columns.indices.filter { column in
            var sawNumber = false
            for row in result.rows {
                switch row[column] {
                case .null: continue
                case .integer, .decimal, .real: sawNumber = true
                default: return false
                }
            }
            return sawNumber || result.rows.isEmpty
        }
        let chosen: Int?
        if let value {
            chosen = result.columns.firstIndex { $0.lowercased() == value.lowercased() }
        } else {
            chosen = numeric.last
        }
        guard let index = chosen else { return nil }
        // The group columns label the bars: the columns that are not numbers (the others are
        // aggregates), or, when every column is a number, all but the one drawn.
        let textColumns = result.columns.indices.filter { $0 != index && !numeric.contains($0) }
        let labelColumns = textColumns.isEmpty ? result.columns.indices.filter { $0 != index } : textColumns
        let bars = result.rows.map { row in
            let label = labelColumns.map { row[$0] == .null ? "(none)" : row[$0].description }
                .joined(separator: " / ")
            let amount: Double? =
                switch row[index] {
                case .integer(let integer): Double(integer)
                case .decimal(let decimal): Double(decimal.description)
                case .real(let real): real
                default: nil
                }
            return Bar(label: label, value: amount, text: row[index] == .null ? "" : row[index].description)
        }
        let groups = labelColumns.map { result.columns[$0] }.joined(separator: ", ")
        self.init(
            title: groups.isEmpty ? result.columns[index] : "\(result.columns[index]) by \(groups)",
            bars: bars)
    }
}
