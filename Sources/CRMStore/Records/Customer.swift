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

    /// The declaration of customer records: every field, derived field, index and
    /// relation, once.
    public static let declaration = RecordDeclaration<Customer>(
        .customer,
        blank: Customer(name: ""),
        fields: [
            .text("name", 16, \.name),
            .enumeration("kind", 17, \.kind, default: .organization),
            .enumeration("tier", 18, \.tier, default: .standard),
            .enumeration("status", 19, \.status, default: .active),
            .text("company", 20, \.company, rule: .indexedText),
            .text("email", 21, \.email, rule: .email),
            .text("phone", 22, \.phone, rule: .phone),
            .text("city", 23, \.city, rule: .indexedText),
            .text("address", 24, \.address),
            .text("owner", 25, \.owner, rule: .indexedText),
            .timestamp("verified", 26, \.verified),
            .text("note", 27, \.note),
        ],
        derived: [
            DerivedField("last_contact", .timestamp, inputs: []) { input in
                try input.transaction.lastContact(customer: input.id).map(FieldValue.timestamp) ?? .null
            },
            DerivedField("open_promises", .integer, inputs: []) { input in
                .integer(Int64(try input.transaction.openPromiseCount(customer: input.id)))
            },
            DerivedField("overdue_promises", .integer, inputs: []) { input in
                .integer(Int64(try input.transaction.overduePromiseCount(customer: input.id, at: input.now)))
            },
            DerivedField("satisfaction", .real, inputs: []) { input in
                try input.transaction.satisfaction(customer: input.id).map(FieldValue.real) ?? .null
            },
        ],
        indexes: [
            IndexDeclaration("customer.name", [.folded("name")], selectivity: .unique),
            IndexDeclaration("customer.email", [.folded("email")], selectivity: .unique),
            IndexDeclaration("customer.phone", [.phone("phone")], selectivity: .unique),
            IndexDeclaration("customer.tier", [.value("tier")], selectivity: .many),
            IndexDeclaration("customer.status", [.value("status")], selectivity: .many),
            IndexDeclaration("customer.owner", [.folded("owner")], selectivity: .some),
            IndexDeclaration("customer.tag", [.folded("tags")], selectivity: .some),
            IndexDeclaration("customer.city", [.folded("city")], selectivity: .some),
        ],
        relations: [
            .many("interactions", .interaction, whose: "customer"),
            .many("promises", .promise, whose: "customer"),
        ]
    )
}
