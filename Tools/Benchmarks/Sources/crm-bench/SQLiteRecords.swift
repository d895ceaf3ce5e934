import CRMStore
import GRDB

/// Turns SQLite rows into this store's typed records and records into statement arguments,
/// so that both systems hand the caller the same Swift structs.
///
/// Rows must have the columns of `SQLiteSchema.customerColumns()` (and so on) in that order.
enum SQLiteRecords {
    // MARK: - Rows to records

    /// A customer from a row of `SQLiteSchema.customerColumns()`.
    static func customer(_ row: Row) -> Customer {
        var record = Customer(name: row[1])
        record.id = row[0]
        record.kind = CustomerKind(rawValue: row[2]) ?? .organization
        record.tier = CustomerTier(rawValue: row[3]) ?? .standard
        record.status = CustomerStatus(rawValue: row[4]) ?? .active
        record.company = row[5]
        record.email = row[6]
        record.phone = row[7]
        record.city = row[8]
        record.address = row[9]
        record.owner = row[10]
        record.verified = timestamp(row[11])
        record.note = row[12]
        record.tags = tags(row[13])
        record.created = Timestamp(microseconds: row[14])
        record.updated = Timestamp(microseconds: row[15])
        return record
    }

    /// An interaction from a row of `SQLiteSchema.interactionColumns()`.
    static func interaction(_ row: Row) -> Interaction {
        var record = Interaction(customer: row[1], kind: InteractionKind(rawValue: row[2]) ?? .note)
        record.id = row[0]
        record.channel = (row[3] as String?).flatMap(Channel.init(rawValue:))
        record.direction = InteractionDirection(rawValue: row[4]) ?? .inbound
        record.at = Timestamp(microseconds: row[5])
        record.by = row[6]
        record.subject = row[7]
        record.body = row[8]
        record.score = row[9]
        record.urgent = row[10]
        record.tags = tags(row[11])
        record.created = Timestamp(microseconds: row[12])
        record.updated = Timestamp(microseconds: row[13])
        return record
    }

    /// A promise from a row of `SQLiteSchema.promiseColumns()`.
    static func promise(_ row: Row) -> Promise {
        var record = Promise(customer: row[1], title: row[2], due: Timestamp(microseconds: row[6]))
        record.id = row[0]
        record.direction = PromiseDirection(rawValue: row[3]) ?? .toCustomer
        record.owner = row[4]
        record.made = Timestamp(microseconds: row[5])
        record.status = PromiseStatus(rawValue: row[7]) ?? .pending
        record.resolved = timestamp(row[8])
        record.interaction = row[9]
        record.amount = (row[10] as String?).flatMap { ExactDecimal(parsing: $0) }
        record.remedy = row[11]
        record.ref = row[12]
        record.note = row[13]
        record.tags = tags(row[14])
        record.created = Timestamp(microseconds: row[15])
        record.updated = Timestamp(microseconds: row[16])
        return record
    }

    private static func timestamp(_ microseconds: Int64?) -> Timestamp? {
        microseconds.map(Timestamp.init(microseconds:))
    }

    private static func tags(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    // MARK: - Records to arguments

    /// The arguments of `SQLiteSchema.insertCustomer`; `now` is `created` and `updated`.
    static func arguments(_ record: Customer, now: Timestamp) -> StatementArguments {
        [
            record.name, record.kind.rawValue, record.tier.rawValue, record.status.rawValue, record.company,
            record.email, record.phone, record.city, record.address, record.owner,
            record.verified?.microseconds, record.note, tagText(record.tags), now.microseconds,
            now.microseconds,
        ]
    }

    /// The arguments of `SQLiteSchema.insertInteraction`; `at` defaults to `now`.
    static func arguments(_ record: Interaction, now: Timestamp) -> StatementArguments {
        [
            record.customer, record.kind.rawValue, record.channel?.rawValue, record.direction.rawValue,
            (record.at ?? now).microseconds, record.by, record.subject, record.body, record.score,
            record.urgent, tagText(record.tags), now.microseconds, now.microseconds,
        ]
    }

    /// The arguments of `SQLiteSchema.insertPromise`; `made` defaults to `now`, and `resolved`
    /// to `now` for a promise that is no longer pending, as the store does.
    static func arguments(_ record: Promise, now: Timestamp) -> StatementArguments {
        let resolved = record.status == .pending ? nil : (record.resolved ?? now)
        return [
            record.customer, record.title, record.direction.rawValue, record.owner,
            (record.made ?? now).microseconds, record.due.microseconds, record.status.rawValue,
            resolved?.microseconds, record.interaction, record.amount?.description, record.remedy,
            record.ref, record.note, tagText(record.tags), now.microseconds, now.microseconds,
        ]
    }

    private static func tagText(_ tags: [String]) -> String? {
        tags.isEmpty ? nil : tags.joined(separator: "\n")
    }
}
