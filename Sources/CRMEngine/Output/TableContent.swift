import CRMStore

/// A table's first rows made into cells, with what each column holds: whether it is numeric
/// (right-aligned) and whether it may be cut to fit (free text only: ids, numbers,
/// timestamps, enum values, booleans and durations never are). A streamed table measures
/// these rows once (see ``ResultStream``) and prints every later row by what they showed.
struct TableContent {
    /// The column names as cells.
    let header: [TableCell]
    /// One array of cells per row measured.
    let rows: [[TableCell]]
    /// Per column: every non-null value is an integer, decimal or real.
    let numeric: [Bool]
    /// Per column: some value is text or tags, which may be cut with `…`.
    let cuttable: [Bool]
    /// Per column: the widest cell, header included.
    let natural: [Int]
    /// Per column: the precision its timestamps are shown at (nil: no timestamp was measured,
    /// or the writer shows them in full).
    let precisions: [TimestampPrecision?]

    /// The cells of `rows` under `columns`, as `writer` prints values.
    init(columns: [String], rows values: [[FieldValue]], writer: ResultWriter) {
        header = columns.map(TableCell.init)
        let tableTimestamp = writer.table.formatTimestamp
        let precisions: [TimestampPrecision?] = columns.indices.map { column in
            tableTimestamp.flatMap { Self.precision(of: column, in: values, format: $0) }
        }
        self.precisions = precisions
        rows = values.map { Self.cells(of: $0, precisions: precisions, writer: writer) }
        var numeric: [Bool] = []
        var cuttable: [Bool] = []
        for column in columns.indices {
            var sawNumber = false
            var sawOther = false
            var sawText = false
            for row in values {
                switch row[column] {
                case .null: continue
                case .integer, .decimal, .real: sawNumber = true
                case .string, .list:
                    sawText = true
                    sawOther = true
                default: sawOther = true
                }
            }
            numeric.append(sawNumber && !sawOther)
            cuttable.append(sawText)
        }
        self.numeric = numeric
        self.cuttable = cuttable
        var natural = header.map(\.width)
        for row in rows {
            for (column, cell) in row.enumerated() {
                natural[column] = max(natural[column], cell.width)
            }
        }
        self.natural = natural
    }

    /// The cells of one row: timestamps at their column's precision (in full where the
    /// column has none), durations as `3d 4h`, everything else as `writer` prints it.
    static func cells(of row: [FieldValue], precisions: [TimestampPrecision?], writer: ResultWriter)
        -> [TableCell]
    {
        row.enumerated().map { column, value in
            if case .timestamp(let time) = value, let format = writer.table.formatTimestamp,
                column < precisions.count, let precision = precisions[column]
            {
                return TableCell(format(time, precision))
            }
            return TableCell(writer.tableText(value) ?? "")
        }
    }

    /// The coarsest precision at which the timestamps of `column` that differ also print
    /// differently; nil when the column holds none.
    private static func precision(
        of column: Int, in rows: [[FieldValue]],
        format: (Timestamp, TimestampPrecision) -> String
    ) -> TimestampPrecision? {
        var times = Set<Int64>()
        for row in rows {
            if case .timestamp(let time) = row[column] { times.insert(time.microseconds) }
        }
        guard !times.isEmpty else { return nil }
        for precision in TimestampPrecision.allCases {
            let shown = Set(times.map { format(Timestamp(microseconds: $0), precision) })
            if shown.count == times.count { return precision }
        }
        return .fraction
    }
}
