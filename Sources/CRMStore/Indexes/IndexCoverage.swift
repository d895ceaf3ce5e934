import LMDB

/// Records read from an index entry alone: the id and the fields its key (and value) hold.
///
/// A query that tests candidates only on those fields (`customer` for `customer.tier = vip`,
/// `kind` and `at` for a timeline) needs no read of the record itself: `RecordCursor`
/// builds the partial record from the entry when the fields a caller asks for are all here.
protocol IndexCovered: Record {
    /// The record as far as an entry of `index` tells it, other fields at their defaults;
    /// nil when `mask` wants a field the entry does not hold, or the entry cannot be read
    /// (then the caller reads the record, which reports any damage).
    static func covered(
        by index: Index, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, id: Int64, mask: UInt64
    ) -> Self?
}

/// Reads what index keys and values hold, recording which fields were found.
private struct CoverageReader {
    private var key: OrderedKeyReader
    private let value: UnsafeRawBufferPointer
    /// Bits of the field numbers read so far.
    private(set) var fields: UInt64 = 0

    init(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        self.key = OrderedKeyReader(key)
        self.value = value
    }

    mutating func int64(field: Int) throws(KeyDecodingError) -> Int64 {
        fields |= 1 << UInt64(field)
        return try key.readInt64()
    }

    mutating func time(field: Int) throws(KeyDecodingError) -> Timestamp {
        Timestamp(microseconds: try int64(field: field))
    }

    mutating func code<E: RecordEnum>(_ type: E.Type, field: Int) throws(KeyDecodingError) -> E? {
        fields |= 1 << UInt64(field)
        return E(code: try key.readByte())
    }

    mutating func skipString() throws(KeyDecodingError) {
        _ = try key.readString()
    }

    /// The customer id the entry's value holds, or nil for an entry written without one.
    mutating func customer(field: Int) -> Int64? {
        guard value.count == 8, let id = TextKey.id(fromIndexKey: value) else { return nil }
        fields |= 1 << UInt64(field)
        return id
    }

    /// Marks a field as known without reading it (what the index itself implies).
    mutating func know(field: Int) {
        fields |= 1 << UInt64(field)
    }

    func covers(_ mask: UInt64) -> Bool { mask & ~fields == 0 }
}

extension Customer: IndexCovered {
    static func covered(
        by index: Index, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, id: Int64, mask: UInt64
    ) -> Customer? {
        var reader = CoverageReader(key: key, value: value)
        var record = Customer(name: "")
        record.id = id
        do {
            switch index {
            case .customerTier:
                guard let tier = try reader.code(CustomerTier.self, field: Field.tier) else { return nil }
                record.tier = tier
            case .customerStatus:
                guard let status = try reader.code(CustomerStatus.self, field: Field.status) else {
                    return nil
                }
                record.status = status
            default: return nil
            }
        } catch { return nil }
        return reader.covers(mask) ? record : nil
    }
}

extension Interaction: IndexCovered {
    static func covered(
        by index: Index, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, id: Int64, mask: UInt64
    ) -> Interaction? {
        var reader = CoverageReader(key: key, value: value)
        var record = Interaction(customer: 0, kind: .note)
        record.id = id
        do {
            switch index {
            case .interactionCustomerAt:
                record.customer = try reader.int64(field: Field.customer)
                record.at = try reader.time(field: Field.at)
            case .interactionAt:
                record.at = try reader.time(field: Field.at)
            case .interactionKindAt:
                guard let kind = try reader.code(InteractionKind.self, field: Field.kind) else { return nil }
                record.kind = kind
                record.at = try reader.time(field: Field.at)
            default: return nil
            }
        } catch { return nil }
        if index.holdsCustomer, let customer = reader.customer(field: Field.customer) {
            record.customer = customer
        }
        return reader.covers(mask) ? record : nil
    }
}

extension Promise: IndexCovered {
    static func covered(
        by index: Index, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, id: Int64, mask: UInt64
    ) -> Promise? {
        var reader = CoverageReader(key: key, value: value)
        var record = Promise(customer: 0, title: "", due: Timestamp(microseconds: 0))
        record.id = id
        do {
            switch index {
            case .promiseCustomerDue:
                record.customer = try reader.int64(field: Field.customer)
                record.due = try reader.time(field: Field.due)
            case .promiseStatusDue:
                guard let status = try reader.code(PromiseStatus.self, field: Field.status) else {
                    return nil
                }
                record.status = status
                record.due = try reader.time(field: Field.due)
            case .promiseOwnerDue:
                // The owner is folded in the key, so only the due time is the record's own.
                try reader.skipString()
                record.due = try reader.time(field: Field.due)
            case .promiseInteraction:
                record.interaction = try reader.int64(field: Field.interaction)
            case .promiseOpenCustomerDue:
                record.customer = try reader.int64(field: Field.customer)
                record.due = try reader.time(field: Field.due)
                // Only pending promises are in this index.
                reader.know(field: Field.status)
                record.status = .pending
            default: return nil
            }
        } catch { return nil }
        if index.holdsCustomer, let customer = reader.customer(field: Field.customer) {
            record.customer = customer
        }
        return reader.covers(mask) ? record : nil
    }
}
