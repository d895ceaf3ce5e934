import CRMQuery
import CRMStore

/// Rows of named columns: one section of a statement's result.
public struct ResultSet: Sendable, Equatable {
    /// A heading for sections after the first (`get ... with interactions` gives a section
    /// titled `interactions`); nil for the main one.
    public var title: String?
    /// The column names, in order.
    public var columns: [String]
    /// The rows; each has one value per column.
    public var rows: [[FieldValue]]

    /// A section with `columns` and `rows`.
    public init(title: String? = nil, columns: [String], rows: [[FieldValue]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The value in `row` under `column`, or nil when there is no such column.
    public func value(_ row: Int, _ column: String) -> FieldValue? {
        guard let index = columns.firstIndex(of: column), row < rows.count else { return nil }
        return rows[row][index]
    }

    /// The values of one column, top to bottom.
    public func column(_ name: String) -> [FieldValue] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }
}

/// What one statement did: its kind, its result sections, and how much it read.
public struct StatementResult: Sendable {
    /// The statement's first keyword: `find`, `insert`, `commit`...
    public var kind: String
    /// The result sections; empty for `begin`, `commit` and `rollback`.
    public var sections: [ResultSet]
    /// Records read and entries walked: an indexed query reads only what it needs.
    public var statistics: ExecutionStatistics
    /// Where the statement is in the source.
    public var range: SourceRange

    /// The main section (the first), or an empty one.
    public var main: ResultSet { sections.first ?? ResultSet(columns: []) }
    /// The main section's column names.
    public var columns: [String] { main.columns }
    /// The main section's rows.
    public var rows: [[FieldValue]] { main.rows }
}
