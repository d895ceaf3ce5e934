/// Rebuilds the values of a compact insert entry.
///
/// An insert is written to history as its time and operation alone: every value it set is
/// either still in the record, or in the `old` side of a later update, or in the delete
/// entry. Writing them again on every insert doubled the bytes a load wrote and was a
/// quarter of its time; reading history, which is rare, undoes the later changes instead.
/// (Stores written before this change hold full insert entries; those are read as they are.)
enum HistoryReplay {
    /// The changes of the insert at `entries[0]`, rebuilt from `current` (the record's values
    /// now, when it still exists) by undoing `entries[1...]` newest first.
    static func insertChanges(
        kind: RecordKind,
        entries: [HistoryEntry],
        current: [(name: String, value: FieldValue)]?
    ) -> [HistoryEntry.Change] {
        var values: [String: FieldValue] = [:]
        for (name, value) in current ?? [] { values[name] = value }
        for entry in entries.dropFirst().reversed() {
            switch entry.operation {
            case .update:
                for change in entry.changes { values[change.field] = change.old }
            case .delete:
                // The delete entry holds every value the record had when it went.
                values = [:]
                for change in entry.changes { values[change.field] = change.old }
            case .insert, .erase:
                break
            }
        }
        let ownNames = kind.historyFieldNames
        let customNames = values.keys.filter { $0.hasPrefix(customFieldPrefix) }.sorted()
        return (ownNames + customNames).compactMap { name in
            guard let value = values[name], value != .null else { return nil }
            return HistoryEntry.Change(field: name, old: .null, new: value)
        }
    }

    /// How history names a custom field: `attrs.region`.
    static let customFieldPrefix = "attrs."
}

extension RecordKind {
    /// The names history gives this kind's own fields and `tags`, in the order history lists
    /// them (custom fields follow, by name).
    var historyFieldNames: [String] {
        RecordValues(blank: self).historyValues.map(\.name)
    }
}
