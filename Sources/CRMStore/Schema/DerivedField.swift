/// A field the store computes rather than keeps (`overdue`, `last_contact`), declared with
/// the stored fields it reads, so that a query reading only those fields of a candidate
/// (a partial read) computes the same value as from the whole record.
public final class DerivedField: Sendable {
    /// The name queries use.
    public let name: String
    /// The type of its values.
    public let type: FieldType
    /// The stored fields it reads, by name; the id is always at hand.
    public let inputs: [String]
    /// What the field being true says about the stored fields, exactly: `overdue` is
    /// `status = pending` and `due` before now. The planner answers such a field from an
    /// index on those fields; empty when nothing so simple holds.
    public let meaning: [FieldCondition]
    /// Computes the value.
    let compute: @Sendable (DerivedInput) throws -> FieldValue

    init(
        _ name: String, _ type: FieldType, inputs: [String], meaning: [FieldCondition] = [],
        _ compute: @escaping @Sendable (DerivedInput) throws -> FieldValue
    ) {
        self.name = name
        self.type = type
        self.inputs = inputs
        self.meaning = meaning
        self.compute = compute
    }

    /// The value for record `id`, whose declared inputs have the values `inputs` (in the
    /// order of `self.inputs`), at `now`, counting working time on `calendar` when the record
    /// names none of its own (nil: the store's `default` calendar, else the standard one).
    public func value(
        id: Int64, inputs: [FieldValue], now: Timestamp, calendar: WorkingCalendar? = nil,
        in transaction: ReadTransaction
    ) throws
        -> FieldValue
    {
        try compute(
            DerivedInput(
                id: id, now: now, calendar: calendar, transaction: transaction, names: self.inputs,
                values: inputs))
    }
}

extension DerivedField: Hashable {
    /// Derived fields are equal when their names and types are.
    public static func == (a: DerivedField, b: DerivedField) -> Bool { a.name == b.name && a.type == b.type }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// A condition on one stored field, as a derived field's meaning states it.
public enum FieldCondition: Sendable, Hashable {
    /// The field equals the value.
    case equals(String, FieldValue)
    /// The field (a time) is before now.
    case beforeNow(String)
}

/// What a derived field's computation sees: the record's id and declared inputs, the
/// transaction's "now", and the transaction for values kept in indexes and summaries.
public struct DerivedInput {
    /// The record's id.
    public let id: Int64
    /// "Now" for the computation.
    public let now: Timestamp
    /// The session's working calendar, for records that name none of their own (nil: the
    /// store's `default` calendar, else the standard one).
    public let calendar: WorkingCalendar?
    /// The transaction, for values read from indexes (`last_contact`).
    public let transaction: ReadTransaction
    let names: [String]
    let values: [FieldValue]

    /// The stored field called `name`, one of the declared inputs (null for any other).
    public subscript(_ name: String) -> FieldValue {
        guard let index = names.firstIndex(of: name), index < values.count else { return .null }
        return values[index]
    }
}
