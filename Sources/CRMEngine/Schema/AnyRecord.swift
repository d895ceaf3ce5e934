import CRMQuery
import CRMStore

/// A record of any of the three kinds, with its fields readable and writable by `FieldID`.
enum AnyRecord: Sendable, Equatable {
    case customer(Customer)
    case interaction(Interaction)
    case promise(Promise)

    var id: Int64 {
        switch self {
        case .customer(let record): record.id
        case .interaction(let record): record.id
        case .promise(let record): record.id
        }
    }

    var entity: Entity {
        switch self {
        case .customer: .customer
        case .interaction: .interaction
        case .promise: .promise
        }
    }

    /// An empty record of `entity` to fill in by assignments (an insert).
    static func blank(_ entity: Entity, now: Timestamp) -> AnyRecord {
        switch entity {
        case .customer: .customer(Customer(name: ""))
        case .interaction: .interaction(Interaction(customer: 0, kind: .note))
        case .promise: .promise(Promise(customer: 0, title: "", due: now))
        }
    }

    // MARK: - Reading

    /// The value of `field`; derived fields read indexes through `context`.
    func value(_ field: FieldID, in context: ExecutionContext) throws -> FieldValue {
        switch self {
        case .customer(let customer): try Self.value(field, of: customer, in: context)
        case .interaction(let interaction): Self.value(field, of: interaction)
        case .promise(let promise): Self.value(field, of: promise, now: context.now)
        }
    }

    /// The values of `fields`, in order: one look at the record for a whole row, where
    /// `value(_:in:)` per column would copy the record out of the enum once per column.
    func values(_ fields: [FieldID], in context: ExecutionContext) throws -> [FieldValue] {
        switch self {
        case .customer(let customer): try fields.map { try Self.value($0, of: customer, in: context) }
        case .interaction(let interaction): fields.map { Self.value($0, of: interaction) }
        case .promise(let promise): fields.map { Self.value($0, of: promise, now: context.now) }
        }
    }

    /// A field every record has (`id`, `created`, `updated`, `tags`, `attrs.NAME`), or nil.
    private static func commonValue(_ field: FieldID, of record: some Record) -> FieldValue? {
        switch field {
        case .id: .integer(record.id)
        case .created: .timestamp(record.created)
        case .updated: .timestamp(record.updated)
        case .tags: .list(record.tags)
        case .attribute(let name): record.attrs[name] ?? .null
        default: nil
        }
    }

    private static func value(_ field: FieldID, of c: Customer, in context: ExecutionContext) throws
        -> FieldValue
    {
        if let common = commonValue(field, of: c) { return common }
        return switch field {
        case .name: .string(c.name)
        case .customerKind: .symbol(c.kind.name)
        case .tier: .symbol(c.tier.name)
        case .customerStatus: .symbol(c.status.name)
        case .company: text(c.company)
        case .email: text(c.email)
        case .phone: text(c.phone)
        case .city: text(c.city)
        case .address: text(c.address)
        case .customerOwner: text(c.owner)
        case .verified: time(c.verified)
        case .customerNote: text(c.note)
        case .lastContact: time(try context.transaction.lastContact(customer: c.id))
        case .openPromises: .integer(Int64(try context.transaction.openPromiseCount(customer: c.id)))
        case .overduePromises:
            .integer(Int64(try context.transaction.overduePromiseCount(customer: c.id, at: context.now)))
        case .satisfaction: try context.transaction.satisfaction(customer: c.id).map { .real($0) } ?? .null
        default: .null
        }
    }

    private static func value(_ field: FieldID, of i: Interaction) -> FieldValue {
        if let common = commonValue(field, of: i) { return common }
        return switch field {
        case .interactionCustomer: .integer(i.customer)
        case .interactionKind: .symbol(i.kind.name)
        case .channel: i.channel.map { .symbol($0.name) } ?? .null
        case .interactionDirection: .symbol(i.direction.name)
        case .at: time(i.at)
        case .by: text(i.by)
        case .subject: text(i.subject)
        case .body: text(i.body)
        case .score: i.score.map { .integer($0) } ?? .null
        case .urgent: .bool(i.urgent)
        default: .null
        }
    }

    private static func value(_ field: FieldID, of p: Promise, now: Timestamp) -> FieldValue {
        if let common = commonValue(field, of: p) { return common }
        return switch field {
        case .promiseCustomer: .integer(p.customer)
        case .title: .string(p.title)
        case .promiseDirection: .symbol(p.direction.name)
        case .promiseOwner: text(p.owner)
        case .made: time(p.made)
        case .due: .timestamp(p.due)
        case .promiseStatus: .symbol(p.status.name)
        case .resolved: time(p.resolved)
        case .promiseInteraction: p.interaction.map { .integer($0) } ?? .null
        case .amount: p.amount.map { .decimal($0) } ?? .null
        case .remedy: text(p.remedy)
        case .ref: text(p.ref)
        case .promiseNote: text(p.note)
        case .overdue: .bool(p.isOverdue(at: now))
        case .keptLate: .bool(p.keptLate)
        case .lateBy: p.lateBy(at: now).map { .duration($0) } ?? .null
        default: .null
        }
    }

    private static func text(_ value: String?) -> FieldValue { value.map { .string($0) } ?? .null }
    private static func time(_ value: Timestamp?) -> FieldValue { value.map { .timestamp($0) } ?? .null }

    // MARK: - Writing

    /// Sets `field` to `value`, which the binder has already converted to the field's type;
    /// `.null` clears an optional field.
    ///
    /// - Throws: `AssignmentError` when the value does not fit (null for a required field).
    mutating func assign(_ field: FieldID, _ value: FieldValue) throws(AssignmentError) {
        switch field {
        case .tags:
            guard case .list(let tags) = value else {
                if value == .null {
                    setTags([])
                    return
                }
                throw AssignmentError(expected: "a list of tags such as [steel, north]")
            }
            setTags(tags)
            return
        case .attribute(let name):
            setAttribute(name, value == .null ? nil : value)
            return
        default: break
        }
        switch self {
        case .customer(var c):
            try Self.assign(field, value, to: &c)
            self = .customer(c)
        case .interaction(var i):
            try Self.assign(field, value, to: &i)
            self = .interaction(i)
        case .promise(var p):
            try Self.assign(field, value, to: &p)
            self = .promise(p)
        }
    }

    private mutating func setTags(_ tags: [String]) {
        switch self {
        case .customer(var r):
            r.tags = tags
            self = .customer(r)
        case .interaction(var r):
            r.tags = tags
            self = .interaction(r)
        case .promise(var r):
            r.tags = tags
            self = .promise(r)
        }
    }

    private mutating func setAttribute(_ name: String, _ value: FieldValue?) {
        switch self {
        case .customer(var r):
            r.attrs[name] = value
            self = .customer(r)
        case .interaction(var r):
            r.attrs[name] = value
            self = .interaction(r)
        case .promise(var r):
            r.attrs[name] = value
            self = .promise(r)
        }
    }

    private static func assign(_ field: FieldID, _ value: FieldValue, to c: inout Customer)
        throws(AssignmentError)
    {
        switch field {
        case .name: c.name = try required(string(value))
        case .customerKind: c.kind = try required(symbol(value, CustomerKind.self))
        case .tier: c.tier = try required(symbol(value, CustomerTier.self))
        case .customerStatus: c.status = try required(symbol(value, CustomerStatus.self))
        case .company: c.company = try string(value)
        case .email: c.email = try string(value)
        case .phone: c.phone = try string(value)
        case .city: c.city = try string(value)
        case .address: c.address = try string(value)
        case .customerOwner: c.owner = try string(value)
        case .verified: c.verified = try timestamp(value)
        case .customerNote: c.note = try string(value)
        default: throw AssignmentError(expected: "a field that can be set")
        }
    }

    private static func assign(_ field: FieldID, _ value: FieldValue, to i: inout Interaction)
        throws(AssignmentError)
    {
        switch field {
        case .interactionCustomer: i.customer = try required(integer(value))
        case .interactionKind: i.kind = try required(symbol(value, InteractionKind.self))
        case .channel: i.channel = try symbol(value, Channel.self)
        case .interactionDirection: i.direction = try required(symbol(value, InteractionDirection.self))
        case .at: i.at = try timestamp(value)
        case .by: i.by = try string(value)
        case .subject: i.subject = try string(value)
        case .body: i.body = try string(value)
        case .score: i.score = try integer(value)
        case .urgent: i.urgent = try required(bool(value))
        default: throw AssignmentError(expected: "a field that can be set")
        }
    }

    private static func assign(_ field: FieldID, _ value: FieldValue, to p: inout Promise)
        throws(AssignmentError)
    {
        switch field {
        case .promiseCustomer: p.customer = try required(integer(value))
        case .title: p.title = try required(string(value))
        case .promiseDirection: p.direction = try required(symbol(value, PromiseDirection.self))
        case .promiseOwner: p.owner = try string(value)
        case .made: p.made = try timestamp(value)
        case .due: p.due = try required(timestamp(value))
        case .promiseStatus: p.status = try required(symbol(value, PromiseStatus.self))
        case .resolved: p.resolved = try timestamp(value)
        case .promiseInteraction: p.interaction = try integer(value)
        case .amount:
            switch value {
            case .decimal(let decimal): p.amount = decimal
            case .integer(let whole): p.amount = ExactDecimal(whole)
            case .null: p.amount = nil
            default: throw AssignmentError(expected: "a decimal such as 1200.50")
            }
        case .remedy: p.remedy = try string(value)
        case .ref: p.ref = try string(value)
        case .promiseNote: p.note = try string(value)
        default: throw AssignmentError(expected: "a field that can be set")
        }
    }

    private static func required<T>(_ value: T?) throws(AssignmentError) -> T {
        guard let value else { throw AssignmentError(expected: "a value (this field cannot be null)") }
        return value
    }

    private static func string(_ value: FieldValue) throws(AssignmentError) -> String? {
        switch value {
        case .string(let text): return text
        case .null: return nil
        default: throw AssignmentError(expected: "a quoted string")
        }
    }

    private static func integer(_ value: FieldValue) throws(AssignmentError) -> Int64? {
        switch value {
        case .integer(let number): return number
        case .null: return nil
        default: throw AssignmentError(expected: "a whole number")
        }
    }

    private static func bool(_ value: FieldValue) throws(AssignmentError) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .null: return nil
        default: throw AssignmentError(expected: "true or false")
        }
    }

    private static func timestamp(_ value: FieldValue) throws(AssignmentError) -> Timestamp? {
        switch value {
        case .timestamp(let time): return time
        case .null: return nil
        default: throw AssignmentError(expected: "a time such as 2026-12-01, 2026-12-01T17:00 or +2bd")
        }
    }

    private static func symbol<E: RecordEnum>(_ value: FieldValue, _ type: E.Type) throws(AssignmentError)
        -> E?
    {
        switch value {
        case .symbol(let name), .string(let name):
            guard let match = try? E.named(name) else {
                throw AssignmentError(expected: "one of " + E.allCases.map(\.name).joined(separator: ", "))
            }
            return match
        case .null: return nil
        default: throw AssignmentError(expected: "one of " + E.allCases.map(\.name).joined(separator: ", "))
        }
    }
}

/// A value that does not fit the field it was assigned to.
struct AssignmentError: Error {
    /// What the field takes: "a quoted string".
    let expected: String
}
