import CRMStore

/// Where an executing statement sends its rows, as it produces them: a collector for the
/// API, or a printer that writes each row as it comes (so a large `find` is never held in
/// memory whole).
public protocol ResultReceiver: AnyObject {
    /// A new section begins, with its title (nil for the main one) and column names.
    func section(title: String?, columns: [String])
    /// One row of the current section.
    func row(_ values: [FieldValue])
    /// One row of the current section, as the record read in place (valid only during the
    /// call): a receiver that writes bytes copies its cells from the record. By default, the
    /// row's values go to ``row(_:)``.
    ///
    /// - Throws: the store's error when the record is damaged.
    func row(record: RecordRow) throws
    /// A statement failed; nothing of it was written. Called in source order with the rows,
    /// so that a shell can print the error where it happened.
    func failed(_ error: QueryError)
}

extension ResultReceiver {
    /// Receivers that only want rows ignore errors (they are in the run's report too).
    public func failed(_ error: QueryError) {}

    /// Builds the row's values and passes them to ``row(_:)``.
    public func row(record: RecordRow) throws { row(try record.values()) }
}

/// Keeps every section and row, for `Session.execute` to return.
final class CollectingReceiver: ResultReceiver {
    private(set) var sections: [ResultSet] = []

    func section(title: String?, columns: [String]) {
        sections.append(ResultSet(title: title, columns: columns))
    }

    func row(_ values: [FieldValue]) {
        guard !sections.isEmpty else { return }
        sections[sections.count - 1].rows.append(values)
    }
}
