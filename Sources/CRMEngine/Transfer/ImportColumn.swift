import CRMQuery

/// What a column of a CSV file or a key of a JSON object sets on the record.
///
/// Column names are matched ignoring case; custom fields keep the case of the name after
/// `attrs.`. The columns the store sets (`id`, `created`, `updated`) are accepted so that an
/// export imports unchanged, and ignored, except `id` as the key of `--upsert-by id`.
enum ImportColumn {
    /// A field of SPEC.md section 2, or `tags`.
    case field(FieldInfo)
    /// `attrs.NAME`: one custom field.
    case attribute(String)
    /// `attrs`: a JSON object of custom fields.
    case attributes
    /// `id`, `created` or `updated`: set by the store.
    case storeSet(String)

    /// The column `name` means on `entity`.
    ///
    /// - Throws: ``RowProblem`` for a derived field or a name that is not a field, with the
    ///   closest field name as a suggestion.
    static func resolve(_ name: String, for entity: Entity) throws(RowProblem) -> ImportColumn {
        let lowered = name.lowercased()
        if lowered == "attrs" { return .attributes }
        if lowered.hasPrefix("attrs.") {
            let attribute = String(name.dropFirst("attrs.".count))
            guard !attribute.isEmpty else {
                throw RowProblem(
                    "column '\(name)' names no custom field (write attrs.NAME, such as attrs.region)")
            }
            return .attribute(attribute)
        }
        if let field = Schema.field(lowered, of: entity) {
            if field.derived {
                throw RowProblem(
                    "column '\(name)' is computed by the store and cannot be imported (remove the column)")
            }
            return field.writable ? .field(field) : .storeSet(field.name)
        }
        let names = Schema.defaultColumns(of: entity).map(\.name) + ["attrs"]
        let suggestion = Suggestion.closest(to: lowered, among: names)
        let writable = Schema.defaultColumns(of: entity).filter(\.writable).map(\.name)
        if let suggestion {
            throw RowProblem(
                "unknown column '\(name)' for \(entity.singular) (did you mean '\(suggestion)'?)")
        }
        throw RowProblem(
            "unknown column '\(name)' for \(entity.singular) (the columns are "
                + writable.joined(separator: ", ") + " and attrs.NAME)")
    }
}

/// A problem with one value or column of a row, as a message for ``ImportIssue``.
struct RowProblem: Error {
    /// What was wrong and what would be right.
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
