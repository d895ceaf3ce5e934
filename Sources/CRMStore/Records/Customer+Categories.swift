/// A customer's kind, tier and status: the enum fields queries group and filter by through
/// a relation (`group by customer.tier`), read without decoding the rest of the record.
public struct CustomerCategories: Sendable, Equatable {
    /// Person or organization.
    public var kind: CustomerKind
    /// Standard, key or vip.
    public var tier: CustomerTier
    /// Prospect, active, inactive or lost.
    public var status: CustomerStatus

    /// The three fields given.
    public init(kind: CustomerKind, tier: CustomerTier, status: CustomerStatus) {
        self.kind = kind
        self.tier = tier
        self.status = status
    }
}

extension Customer {
    /// Reads only the kind, tier and status from a customer's binary form, skipping other
    /// fields without building their strings.
    static func categories(id: Int64, decoding bytes: UnsafeRawBufferPointer) throws(StoreError)
        -> CustomerCategories
    {
        var reader = try RecordReader(record: bytes, subject: RecordSubject("customer", id: id))
        var result = CustomerCategories(kind: .organization, tier: .standard, status: .active)
        while let (number, wire) = try reader.nextField() {
            switch number {
            case Field.kind: result.kind = try reader.readEnum(CustomerKind.self)
            case Field.tier: result.tier = try reader.readEnum(CustomerTier.self)
            case Field.status:
                result.status = try reader.readEnum(CustomerStatus.self)
                return result  // Fields are written in number order: nothing after matters.
            default: try reader.skip(wire: wire)
            }
        }
        return result
    }
}

extension ReadTransaction {
    /// The kind, tier and status of the customer with `id`, or nil; cheaper than reading
    /// the whole customer when that is all a query needs.
    public func customerCategories(_ id: Int64) throws -> CustomerCategories? {
        let table = tables.customers
        guard let bytes = try withIDKey(id, { try transaction.get(table, key: $0) }) else { return nil }
        return try Customer.categories(id: id, decoding: bytes)
    }
}
