import CRMStore

/// A row converted to field values, ready to insert or to apply to the record it updates.
struct PreparedRow {
    /// The physical line the row starts on.
    let line: Int
    /// The fields to set, in file order, with values of their field's type (`.null` clears).
    var assignments: [(field: FieldInfo, value: FieldValue)] = []
    /// Required fields the row gives a value for.
    var given: Set<String> = []
    /// Required fields the row gives as empty: missing for an insert, an error for an update.
    var emptied: [String] = []
    /// The value of the `--upsert-by` field, when the row has one.
    var key: FieldValue?

    /// A row from `line` with nothing set yet.
    init(line: Int) {
        self.line = line
    }
}
