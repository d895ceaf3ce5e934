import CRMQuery

/// What to import and how: the kind of record, the file format, and the field that finds
/// the record a row updates.
///
///     var options = ImportOptions(entity: .customer, format: .csv)
///     options.upsertBy = "email"
public struct ImportOptions: Sendable {
    /// The kind of record every row holds.
    public var entity: Entity
    /// How the file is written.
    public var format: TransferFormat
    /// With a field name, a row whose value of that field matches an existing record updates
    /// it (only the columns the row gives) instead of inserting; see ``upsertFields(for:)``.
    public var upsertBy: String?

    /// Options for importing `entity` records from a file of `format`.
    public init(entity: Entity, format: TransferFormat, upsertBy: String? = nil) {
        self.entity = entity
        self.format = format
        self.upsertBy = upsertBy
    }

    /// The fields `upsertBy` may name for `entity`: those that find one record quickly
    /// through an index, `id` for every kind and `email`, `phone` and `name` for customers.
    /// Email and name match ignoring case; phone numbers match by their digits.
    public static func upsertFields(for entity: Entity) -> [String] {
        entity == .customer ? ["email", "id", "name", "phone"] : ["id"]
    }

    /// Checks `upsertBy` against ``upsertFields(for:)``.
    ///
    /// - Throws: ``TransferError`` `.usage` naming the fields that are allowed.
    public func validate() throws(TransferError) {
        guard let upsertBy else { return }
        let allowed = Self.upsertFields(for: entity)
        guard allowed.contains(upsertBy.lowercased()) else {
            let suggestion = Suggestion.closest(to: upsertBy.lowercased(), among: allowed)
            throw TransferError(
                .usage,
                "--upsert-by \(upsertBy) cannot find \(entity.plural): use "
                    + allowed.joined(separator: ", ")
                    + " (fields with an index that names one record)"
                    + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
    }
}
