/// A promise made to or by a customer, with a due date.
///
///     var reply = Promise(customer: acme.id, title: "Reply with a solution", due: friday)
///     reply.owner = "li.wei"
///     reply = try store.write { tx in try tx.insert(reply) }
public struct Promise: Record {
    /// `.promise`.
    public static let kind = RecordKind.promise

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The customer's id; required, must exist.
    public var customer: Int64
    /// What was promised; required.
    public var title: String
    /// To the customer by default.
    public var direction: PromiseDirection = .toCustomer
    /// The person or department responsible.
    public var owner: String?
    /// When it was made; the store sets the current time when not given.
    public var made: Timestamp?
    /// When it is due; required.
    public var due: Timestamp
    /// Pending by default.
    public var status: PromiseStatus = .pending
    /// When it left pending; set by the store when not given.
    public var resolved: Timestamp?
    /// The interaction it was made on; must belong to the same customer.
    public var interaction: Int64?
    /// Money at stake, exact.
    public var amount: ExactDecimal?
    /// What is owed if the promise is broken.
    public var remedy: String?
    /// A contract or letter number.
    public var ref: String?
    /// Free text.
    public var note: String?
    /// Short strings; see `Record.tags`.
    public var tags: [String] = []
    /// Custom fields; see `Record.attrs`.
    public var attrs: [String: FieldValue] = [:]
    /// Set by the store on insert.
    public var created = Timestamp(microseconds: 0)
    /// Set by the store on every change.
    public var updated = Timestamp(microseconds: 0)

    /// A pending promise to `customer`, every other field at its default.
    public init(customer: Int64, title: String, due: Timestamp) {
        self.customer = customer
        self.title = title
        self.due = due
    }

    /// The fields in the order of SPEC.md section 2.
    public static let fieldNames = [
        "customer", "title", "direction", "owner", "made", "due", "status", "resolved", "interaction",
        "amount", "remedy", "ref", "note",
    ]

    /// See `Record.fieldValues`.
    public var fieldValues: [(name: String, value: FieldValue)] {
        [
            ("customer", .integer(customer)), ("title", .string(title)), ("direction", direction.fieldValue),
            ("owner", owner.fieldValue), ("made", made.fieldValue), ("due", .timestamp(due)),
            ("status", status.fieldValue), ("resolved", resolved.fieldValue),
            ("interaction", interaction.fieldValue), ("amount", amount.fieldValue),
            ("remedy", remedy.fieldValue), ("ref", ref.fieldValue), ("note", note.fieldValue),
        ]
    }

    /// Whether it is pending and due before `now`.
    public func isOverdue(at now: Timestamp) -> Bool {
        status == .pending && due < now
    }

    /// Whether it was kept after it was due.
    public var keptLate: Bool {
        guard status == .kept, let resolved else { return false }
        return resolved > due
    }

    /// How long past due it is (pending) or was (resolved late), in microseconds; nil when
    /// not late.
    public func lateBy(at now: Timestamp) -> Int64? {
        let end: Timestamp
        switch status {
        case .pending: end = now
        case .kept, .broken: end = resolved ?? now
        case .cancelled: return nil
        }
        return end > due ? end.microseconds - due.microseconds : nil
    }

    /// Title required; owner short and without control characters. Whether the customer
    /// and interaction exist is checked by the store.
    public func validated() throws(StoreError) -> Promise {
        try Validation.required(title, "title", of: .promise)
        try Validation.indexed(owner, "owner", of: .promise)
        return try validatedCommon()
    }

    // Field numbers of the binary form; never reuse one.
    enum Field {
        static let customer = 16, title = 17, direction = 18, owner = 19, made = 20, due = 21
        static let status = 22, resolved = 23, interaction = 24, amount = 25, remedy = 26, ref = 27
        static let note = 28
    }

    private static let wires: [WireType] = [
        .varint, .bytes, .varint, .bytes, .varint, .varint, .varint, .varint, .varint, .bytes, .bytes,
        .bytes, .bytes,
    ]

    /// See `Record.encoded()`.
    public func encoded() -> [UInt8] {
        var writer = RecordWriter()
        CommonFields.write(self, into: &writer)
        writer.write(Field.customer, customer)
        writer.write(Field.title, title)
        writer.write(Field.direction, direction)
        writer.write(Field.owner, owner)
        writer.write(Field.made, made)
        writer.write(Field.due, due.microseconds)
        writer.write(Field.status, status)
        writer.write(Field.resolved, resolved)
        writer.write(Field.interaction, interaction)
        writer.write(Field.amount, amount)
        writer.write(Field.remedy, remedy)
        writer.write(Field.ref, ref)
        writer.write(Field.note, note)
        return writer.bytes
    }

    /// See `Record.init(id:decoding:)`.
    public init(id: Int64, decoding bytes: UnsafeRawBufferPointer) throws(StoreError) {
        try self.init(id: id, decoding: bytes, mask: .max)
    }

    /// See `Record.fieldNumbers`.
    public static let fieldNumbers: [String: Int] = commonFieldNumbers.merging(
        [
            "customer": Field.customer, "title": Field.title, "direction": Field.direction,
            "owner": Field.owner, "made": Field.made, "due": Field.due, "status": Field.status,
            "resolved": Field.resolved, "interaction": Field.interaction, "amount": Field.amount,
            "remedy": Field.remedy, "ref": Field.ref, "note": Field.note,
        ], uniquingKeysWith: { first, _ in first })

    /// See `Record.init(id:decoding:mask:)`.
    public init(id: Int64, decoding bytes: UnsafeRawBufferPointer, mask: UInt64) throws(StoreError) {
        var reader = try RecordReader(record: bytes, subject: RecordSubject("promise", id: id))
        var common = CommonFields()
        var record = Promise(customer: 0, title: "", due: Timestamp(microseconds: 0))
        var required = (customer: false, title: false, due: false)
        try reader.readFields(into: &common, ownWires: Self.wires, mask: mask) {
            (number, reader) throws(StoreError) in
            switch number {
            case Field.customer:
                record.customer = try reader.readInt64()
                required.customer = true
            case Field.title:
                record.title = try reader.readString()
                required.title = true
            case Field.direction: record.direction = try reader.readEnum(PromiseDirection.self)
            case Field.owner: record.owner = try reader.readString()
            case Field.made: record.made = try reader.readTimestamp()
            case Field.due:
                record.due = try reader.readTimestamp()
                required.due = true
            case Field.status: record.status = try reader.readEnum(PromiseStatus.self)
            case Field.resolved: record.resolved = try reader.readTimestamp()
            case Field.interaction: record.interaction = try reader.readInt64()
            case Field.amount: record.amount = try reader.readDecimal()
            case Field.remedy: record.remedy = try reader.readString()
            case Field.ref: record.ref = try reader.readString()
            case Field.note: record.note = try reader.readString()
            default: break
            }
        }
        guard (required.customer && required.title && required.due) || mask != .max else {
            throw reader.corrupt("has no customer, title or due date")
        }
        common.apply(to: &record, id: id)
        self = record
    }
}
