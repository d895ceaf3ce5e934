/// One row of an import file before conversion: where it is and its named values as read.
struct SourceRow {
    /// The physical line the row starts on.
    var line: Int
    /// The values, in file order, by column name or JSON key as written.
    var cells: [SourceCell]
    /// Why the row cannot be read at all (invalid UTF-8, a wrong number of fields); its cells
    /// are then ignored.
    var problem: String?
}

/// One named value of a row.
struct SourceCell {
    /// The column name or JSON key, as written in the file.
    var name: String
    /// The value as read.
    var value: SourceValue
}

/// A value as the file holds it, before it is fitted to its field's type.
enum SourceValue {
    /// An empty CSV field or a JSON `null`.
    case null
    /// A non-empty CSV field: converted by the field's type, as the query language reads text.
    case text(String)
    /// A JSON value other than null.
    case json(JSONValue)
}
