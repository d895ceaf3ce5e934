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

    /// The declaration of interaction records: every field, index and relation, once.
    public static let declaration = RecordDeclaration<Interaction>(
        .interaction,
        blank: Interaction(customer: 0, kind: .note),
        fields: [
            .reference("customer", 16, to: .customer, \.customer),
            .enumeration("kind", 17, \.kind),
            .enumeration("channel", 18, \.channel),
            .enumeration("direction", 19, \.direction, default: .inbound),
            .timestamp("at", 20, \.at, fill: .now),
            .text("by", 21, \.by, rule: .indexedText),
            .text("subject", 22, \.subject),
            .text("body", 23, \.body),
            .integer("score", 24, \.score, rule: .range(1...5)),
            .boolean("urgent", 25, \.urgent),
        ],
        indexes: [
            IndexDeclaration(
                "interaction.customer_at", [.value("customer"), .value("at")],
                selectivity: .owned),
            // No index on `at` alone: a span of `at` is walked through (kind, at) once per
            // kind, merged by time (a skip scan), which saves a tenth of the file.
            IndexDeclaration(
                "interaction.kind_at", [.value("kind"), .value("at")], carrying: ["customer"],
                selectivity: .many),
        ],
        relations: [
            .one("customer", .customer, via: "customer"),
            .many("promises", .promise, whose: "interaction"),
        ],
        summaries: [SummarySchema(name: "customer.summary", groupBy: "customer", field: "score")]
    )
}
