import CRMStore

/// Where an executing statement sends its rows, as it produces them: a collector for the
/// API, or a printer that writes each row as it comes (so a large `find` is never held in
/// memory whole).
public protocol ResultReceiver: AnyObject {
    /// A new section begins, with its title (nil for the main one) and column names.
    func section(title: String?, columns: [String])
    /// One row of the current section.
    func row(_ values: [FieldValue])
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
