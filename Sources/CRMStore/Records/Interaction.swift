/// One contact with a customer: a call, a visit, a complaint, a survey...
///
///     var call = Interaction(customer: acme.id, kind: .complaint)
///     call.subject = "late delivery"
///     call = try store.write { tx in try tx.insert(call) }
public struct Interaction: Record {
    /// `.interaction`.
    public static let kind = RecordKind.interaction

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The customer's id; required, must exist.
    public var customer: Int64
    /// What kind of contact it was; required.
    public var kind: InteractionKind
    /// How it came.
    public var channel: Channel?
    /// Inbound by default.
    public var direction: InteractionDirection = .inbound
    /// When it happened; the store sets the current time when not given.
    public var at: Timestamp?
    /// The staff member who handled it.
    public var by: String?
    /// A subject line.
    public var subject: String?
    /// The text.
    public var body: String?
    /// Satisfaction from 1 to 5, mostly on surveys.
    public var score: Int64?
    /// Whether it is urgent; false by default.
    public var urgent = false
    /// Short strings; see `Record.tags`.
    public var tags: [String] = []
    /// Custom fields; see `Record.attrs`.
    public var attrs: [String: FieldValue] = [:]
    /// Set by the store on insert.
    public var created = Timestamp(microseconds: 0)
    /// Set by the store on every change.
    public var updated = Timestamp(microseconds: 0)

    /// An interaction with `customer` of `kind`, every other field at its default.
    public init(customer: Int64, kind: InteractionKind) {
        self.customer = customer
        self.kind = kind
    }

    /// The fields in the order of SPEC.md section 2.
    public static let fieldNames = [
        "customer", "kind", "channel", "direction", "at", "by", "subject", "body", "score", "urgent",
    ]

    /// See `Record.fieldValues`.
    public var fieldValues: [(name: String, value: FieldValue)] {
        [
            ("customer", .integer(customer)), ("kind", kind.fieldValue), ("channel", channel.fieldValue),
            ("direction", direction.fieldValue), ("at", at.fieldValue), ("by", by.fieldValue),
            ("subject", subject.fieldValue), ("body", body.fieldValue), ("score", score.fieldValue),
            ("urgent", .bool(urgent)),
        ]
    }

    /// The score, if any, from 1 to 5; `by` short and without control characters. Whether
    /// the customer exists is checked by the store.
    public func validated() throws(StoreError) -> Interaction {
        if let score, !(1...5).contains(score) {
            throw StoreError(
                .invalidValue,
                "interaction score \(score) is out of range (a score is a whole number from 1 to 5)",
                field: "score"
            )
        }
        try Validation.indexed(by, "by", of: .interaction)
        return try validatedCommon()
    }

    // Field numbers of the binary form; never reuse one.
    enum Field {
        static let customer = 16, kind = 17, channel = 18, direction = 19, at = 20, by = 21
        static let subject = 22, body = 23, score = 24, urgent = 25
    }

    private static let wires: [WireType] = [
        .varint, .varint, .varint, .varint, .varint, .bytes, .bytes, .bytes, .varint, .varint,
    ]

    /// See `Record.encoded()`.
    public func encoded() -> [UInt8] {
        var writer = RecordWriter()
        CommonFields.write(self, into: &writer)
        writer.write(Field.customer, customer)
        writer.write(Field.kind, kind)
        writer.write(Field.channel, channel)
        writer.write(Field.direction, direction)
        writer.write(Field.at, at)
        writer.write(Field.by, by)
        writer.write(Field.subject, subject)
        writer.write(Field.body, body)
        writer.write(Field.score, score)
        if urgent { writer.write(Field.urgent, true) }
        return writer.bytes
    }

    /// See `Record.init(id:decoding:)`.
    public init(id: Int64, decoding bytes: UnsafeRawBufferPointer) throws(StoreError) {
        try self.init(id: id, decoding: bytes, mask: .max)
    }

    /// See `Record.fieldNumbers`.
    public static let fieldNumbers: [String: Int] = commonFieldNumbers.merging(
        [
            "customer": Field.customer, "kind": Field.kind, "channel": Field.channel,
            "direction": Field.direction, "at": Field.at, "by": Field.by, "subject": Field.subject,
            "body": Field.body, "score": Field.score, "urgent": Field.urgent,
        ], uniquingKeysWith: { first, _ in first })

    /// See `Record.init(id:decoding:mask:)`.
    public init(id: Int64, decoding bytes: UnsafeRawBufferPointer, mask: UInt64) throws(StoreError) {
        var reader = try RecordReader(record: bytes, subject: RecordSubject("interaction", id: id))
        var common = CommonFields()
        var record = Interaction(customer: 0, kind: .note)
        var hasCustomer = false
        var hasKind = false
        try reader.readFields(into: &common, ownWires: Self.wires, mask: mask) {
            (number, reader) throws(StoreError) in
            switch number {
            case Field.customer:
                record.customer = try reader.readInt64()
                hasCustomer = true
            case Field.kind:
                record.kind = try reader.readEnum(InteractionKind.self)
                hasKind = true
            case Field.channel: record.channel = try reader.readEnum(Channel.self)
            case Field.direction: record.direction = try reader.readEnum(InteractionDirection.self)
            case Field.at: record.at = try reader.readTimestamp()
            case Field.by: record.by = try reader.readString()
            case Field.subject: record.subject = try reader.readString()
            case Field.body: record.body = try reader.readString()
            case Field.score: record.score = try reader.readInt64()
            case Field.urgent: record.urgent = try reader.readBool()
            default: break
            }
        }
        guard (hasCustomer && hasKind) || mask != .max else {
            throw reader.corrupt("has no customer or kind")
        }
        common.apply(to: &record, id: id)
        self = record
    }
}
