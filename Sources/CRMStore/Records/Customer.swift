/// A person or organization we do business with.
///
///     var acme = Customer(name: "Acme Ltd")
///     acme.tier = .vip
///     acme = try store.write { tx in try tx.insert(acme) }
public struct Customer: Record {
    /// `.customer`.
    public static let kind = RecordKind.customer

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The customer's name; required, non-empty.
    public var name: String
    /// Person or organization; organization by default.
    public var kind: CustomerKind = .organization
    /// Standard, key or vip; standard by default.
    public var tier: CustomerTier = .standard
    /// Prospect, active, inactive or lost; active by default.
    public var status: CustomerStatus = .active
    /// The employer of a person.
    public var company: String?
    /// Email address, checked lightly; searchable.
    public var email: String?
    /// Phone number, checked lightly; searchable.
    public var phone: String?
    /// City.
    public var city: String?
    /// Postal address.
    public var address: String?
    /// The account manager responsible.
    public var owner: String?
    /// When the customer's data was last checked.
    public var verified: Timestamp?
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

    /// A customer with `name` and every other field at its default.
    public init(name: String) {
        self.name = name
    }

    /// The fields in the order of SPEC.md section 2.
    public static let fieldNames = [
        "name", "kind", "tier", "status", "company", "email", "phone", "city", "address", "owner",
        "verified", "note",
    ]

    /// See `Record.fieldValues`.
    public var fieldValues: [(name: String, value: FieldValue)] {
        [
            ("name", .string(name)), ("kind", kind.fieldValue), ("tier", tier.fieldValue),
            ("status", status.fieldValue), ("company", company.fieldValue), ("email", email.fieldValue),
            ("phone", phone.fieldValue), ("city", city.fieldValue), ("address", address.fieldValue),
            ("owner", owner.fieldValue), ("verified", verified.fieldValue), ("note", note.fieldValue),
        ]
    }

    /// Name required; indexed text short and without control characters; email and phone
    /// well formed.
    public func validated() throws(StoreError) -> Customer {
        try Validation.required(name, "name", of: .customer)
        try Validation.email(email, of: .customer)
        try Validation.phone(phone, of: .customer)
        try Validation.indexed(city, "city", of: .customer)
        try Validation.indexed(owner, "owner", of: .customer)
        try Validation.indexed(company, "company", of: .customer)
        return try validatedCommon()
    }

    // Field numbers of the binary form; never reuse one.
    enum Field {
        static let name = 16, kind = 17, tier = 18, status = 19, company = 20, email = 21
        static let phone = 22, city = 23, address = 24, owner = 25, verified = 26, note = 27
    }

    private static let wires: [WireType] = [
        .bytes, .varint, .varint, .varint, .bytes, .bytes, .bytes, .bytes, .bytes, .bytes, .varint, .bytes,
    ]

    /// See `Record.encoded()`.
    public func encoded() -> [UInt8] {
        var writer = RecordWriter()
        CommonFields.write(self, into: &writer)
        writer.write(Field.name, name)
        writer.write(Field.kind, kind)
        writer.write(Field.tier, tier)
        writer.write(Field.status, status)
        writer.write(Field.company, company)
        writer.write(Field.email, email)
        writer.write(Field.phone, phone)
        writer.write(Field.city, city)
        writer.write(Field.address, address)
        writer.write(Field.owner, owner)
        writer.write(Field.verified, verified)
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
            "name": Field.name, "kind": Field.kind, "tier": Field.tier, "status": Field.status,
            "company": Field.company, "email": Field.email, "phone": Field.phone, "city": Field.city,
            "address": Field.address, "owner": Field.owner, "verified": Field.verified, "note": Field.note,
        ], uniquingKeysWith: { first, _ in first })

    /// See `Record.init(id:decoding:mask:)`.
    public init(id: Int64, decoding bytes: UnsafeRawBufferPointer, mask: UInt64) throws(StoreError) {
        var reader = try RecordReader(record: bytes, subject: RecordSubject("customer", id: id))
        var common = CommonFields()
        var record = Customer(name: "")
        var hasName = false
        try reader.readFields(into: &common, ownWires: Self.wires, mask: mask) {
            (number, reader) throws(StoreError) in
            switch number {
            case Field.name:
                record.name = try reader.readString()
                hasName = true
            case Field.kind: record.kind = try reader.readEnum(CustomerKind.self)
            case Field.tier: record.tier = try reader.readEnum(CustomerTier.self)
            case Field.status: record.status = try reader.readEnum(CustomerStatus.self)
            case Field.company: record.company = try reader.readString()
            case Field.email: record.email = try reader.readString()
            case Field.phone: record.phone = try reader.readString()
            case Field.city: record.city = try reader.readString()
            case Field.address: record.address = try reader.readString()
            case Field.owner: record.owner = try reader.readString()
            case Field.verified: record.verified = try reader.readTimestamp()
            case Field.note: record.note = try reader.readString()
            default: break
            }
        }
        guard hasName || mask != .max else { throw reader.corrupt("has no name") }
        common.apply(to: &record, id: id)
        self = record
    }
}
