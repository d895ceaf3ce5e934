import LMDB

/// The secondary indexes, one LMDB database each. An entry's key is the indexed value(s)
/// in order-preserving form followed by the record's id (8 bytes), so a range scan yields
/// ids in index order, ties broken by id. The value is empty, except in the interaction
/// and promise indexes whose key lacks the customer: there it is the customer's id, so that
/// `customer.tier = vip` or `group by customer.tier` can be answered without reading the
/// record (`coveredFields`). Entries written before values were added are empty; readers
/// then read the record.
public enum Index: String, CaseIterable, Sendable {
    /// Customers by case-folded name: exact and prefix search.
    case customerName = "customer.name"
    /// Customers by case-folded email.
    case customerEmail = "customer.email"
    /// Customers by phone digits (and a leading +).
    case customerPhone = "customer.phone"
    /// Customers by tier.
    case customerTier = "customer.tier"
    /// Customers by status.
    case customerStatus = "customer.status"
    /// Customers by case-folded owner.
    case customerOwner = "customer.owner"
    /// Customers by case-folded tag, one entry per tag.
    case customerTag = "customer.tag"
    /// Customers by case-folded city.
    case customerCity = "customer.city"
    /// Interactions by (customer, at): a customer's timeline and last contact.
    case interactionCustomerAt = "interaction.customer_at"
    /// Interactions by at.
    case interactionAt = "interaction.at"
    /// Interactions by (kind, at).
    case interactionKindAt = "interaction.kind_at"
    /// Promises by (customer, due).
    case promiseCustomerDue = "promise.customer_due"
    /// Promises by (status, due): what is overdue.
    case promiseStatusDue = "promise.status_due"
    /// Promises by (case-folded owner, due).
    case promiseOwnerDue = "promise.owner_due"
    /// Promises by the interaction they were made on.
    case promiseInteraction = "promise.interaction"
    /// Pending promises only, by (customer, due): open and overdue counts per customer
    /// without reading every promise.
    case promiseOpenCustomerDue = "promise.open_customer_due"

    /// The index's position in `allCases`: a switch, because `allCases` builds an array
    /// on every call and this is asked once per index entry written.
    var ordinal: Int {
        switch self {
        case .customerName: 0
        case .customerEmail: 1
        case .customerPhone: 2
        case .customerTier: 3
        case .customerStatus: 4
        case .customerOwner: 5
        case .customerTag: 6
        case .customerCity: 7
        case .interactionCustomerAt: 8
        case .interactionAt: 9
        case .interactionKindAt: 10
        case .promiseCustomerDue: 11
        case .promiseStatusDue: 12
        case .promiseOwnerDue: 13
        case .promiseInteraction: 14
        case .promiseOpenCustomerDue: 15
        }
    }

    /// Whether an entry's value holds the record's customer id.
    var holdsCustomer: Bool {
        switch self {
        case .interactionAt, .interactionKindAt, .promiseStatusDue, .promiseOwnerDue, .promiseInteraction:
            true
        default: false
        }
    }

    /// The kind of record the index points to.
    public var kind: RecordKind {
        switch self {
        case .customerName, .customerEmail, .customerPhone, .customerTier, .customerStatus,
            .customerOwner, .customerTag, .customerCity:
            .customer
        case .interactionCustomerAt, .interactionAt, .interactionKindAt: .interaction
        case .promiseCustomerDue, .promiseStatusDue, .promiseOwnerDue, .promiseInteraction,
            .promiseOpenCustomerDue:
            .promise
        }
    }
}

/// One entry a record puts in an index.
struct IndexEntry: Hashable {
    let index: Index
    let key: [UInt8]
    /// Empty, or the customer's id where `index.holdsCustomer`.
    var value: [UInt8] = []
}

/// Where a record's index entries go: a list of `IndexEntry` (to compare a record's old
/// and new entries, or to check them), or a write's held-back puts (`PendingIndexPuts`),
/// which takes a new record's keys without an array per key.
protocol IndexEntrySink {
    /// Adds the entry of `index` for record `id`: the key is what `parts` appends, then the
    /// id; the value is `customer` where `index.holdsCustomer`, else empty.
    mutating func add(_ index: Index, id: Int64, customer: Int64?, _ parts: (inout OrderedKey) -> Void)
}

/// A record's index entries as a list.
struct IndexEntryList: IndexEntrySink {
    private(set) var entries: [IndexEntry] = []

    mutating func add(_ index: Index, id: Int64, customer: Int64?, _ parts: (inout OrderedKey) -> Void) {
        var key = OrderedKey()
        parts(&key)
        key.append(id)
        var value: [UInt8] = []
        if index.holdsCustomer, let customer { value = idKey(customer) }
        entries.append(IndexEntry(index: index, key: key.bytes, value: value))
    }
}

/// A record that knows its index entries.
protocol Indexed: Record {
    /// Adds every entry the record puts in the indexes to `sink`, in a stable order.
    func addIndexEntries<Sink: IndexEntrySink>(to sink: inout Sink)
}

extension Indexed {
    /// Every entry the record puts in the indexes, in a stable order.
    var indexEntries: [IndexEntry] {
        var list = IndexEntryList()
        addIndexEntries(to: &list)
        return list.entries
    }
}

/// How indexed text is folded so that lookups ignore case.
enum TextKey {
    /// Case-folded text for name, email, city, owner and tag keys.
    static func fold(_ text: String) -> String {
        text.lowercased()
    }

    /// A phone number's digits, with a leading + kept: "+86 (10) 1234-5678" -> "+861012345678".
    static func phone(_ text: String) -> String {
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        return text.trimmingPrefixSpaces().hasPrefix("+") ? "+" + digits : digits
    }

    /// The id at the end of an index key.
    static func id(fromIndexKey key: UnsafeRawBufferPointer) -> Int64? {
        guard key.count >= 8 else { return nil }
        var reader = OrderedKeyReader(key, offset: key.count - 8)
        return try? reader.readInt64()
    }
}

extension String {
    fileprivate func trimmingPrefixSpaces() -> Substring {
        drop(while: \.isWhitespace)
    }
}

extension Customer: Indexed {
    func addIndexEntries<Sink: IndexEntrySink>(to sink: inout Sink) {
        sink.add(.customerName, id: id, customer: nil) { $0.append(TextKey.fold(name)) }
        if let email { sink.add(.customerEmail, id: id, customer: nil) { $0.append(TextKey.fold(email)) } }
        if let phone { sink.add(.customerPhone, id: id, customer: nil) { $0.append(TextKey.phone(phone)) } }
        sink.add(.customerTier, id: id, customer: nil) { $0.append(tier.code) }
        sink.add(.customerStatus, id: id, customer: nil) { $0.append(status.code) }
        if let owner { sink.add(.customerOwner, id: id, customer: nil) { $0.append(TextKey.fold(owner)) } }
        for tag in tags { sink.add(.customerTag, id: id, customer: nil) { $0.append(TextKey.fold(tag)) } }
        if let city { sink.add(.customerCity, id: id, customer: nil) { $0.append(TextKey.fold(city)) } }
    }
}

extension Interaction: Indexed {
    /// When it happened; `created` stands in until the store has set `at`.
    var time: Timestamp { at ?? created }

    func addIndexEntries<Sink: IndexEntrySink>(to sink: inout Sink) {
        let time = self.time.microseconds
        sink.add(.interactionCustomerAt, id: id, customer: customer) {
            $0.append(customer)
            $0.append(time)
        }
        sink.add(.interactionAt, id: id, customer: customer) { $0.append(time) }
        sink.add(.interactionKindAt, id: id, customer: customer) {
            $0.append(kind.code)
            $0.append(time)
        }
    }
}

extension Promise: Indexed {
    func addIndexEntries<Sink: IndexEntrySink>(to sink: inout Sink) {
        let due = self.due.microseconds
        sink.add(.promiseCustomerDue, id: id, customer: customer) {
            $0.append(customer)
            $0.append(due)
        }
        sink.add(.promiseStatusDue, id: id, customer: customer) {
            $0.append(status.code)
            $0.append(due)
        }
        if let owner {
            sink.add(.promiseOwnerDue, id: id, customer: customer) {
                $0.append(TextKey.fold(owner))
                $0.append(due)
            }
        }
        if let interaction {
            sink.add(.promiseInteraction, id: id, customer: customer) { $0.append(interaction) }
        }
        if status == .pending {
            sink.add(.promiseOpenCustomerDue, id: id, customer: customer) {
                $0.append(customer)
                $0.append(due)
            }
        }
    }
}
