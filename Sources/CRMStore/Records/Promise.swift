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
    /// The policy that made it (see `Policy`), when a policy did; its calendar and warning
    /// line decide `at_risk` and `time_left`.
    public var policy: Int64?
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

    /// Whether it is pending and due before `now`.
    public func isOverdue(at now: Timestamp) -> Bool {
        PromiseRules.isOverdue(status: .symbol(status.name), due: .timestamp(due), now: now)
    }

    /// Whether it was kept after it was due.
    public var keptLate: Bool {
        PromiseRules.keptLate(
            status: .symbol(status.name), resolved: resolved.fieldValue, due: .timestamp(due))
    }

    /// How long past due it is (pending) or was (resolved late), in microseconds; nil when
    /// not late.
    public func lateBy(at now: Timestamp) -> Int64? {
        PromiseRules.lateBy(
            status: .symbol(status.name), resolved: resolved.fieldValue, due: .timestamp(due), now: now)
    }

    /// The declaration of promise records: every field, derived field, index, relation
    /// and rule, once.
    public static let declaration = RecordDeclaration<Promise>(
        .promise,
        blank: Promise(customer: 0, title: "", due: Timestamp(microseconds: 0)),
        fields: [
            .reference("customer", 16, to: .customer, \.customer),
            .text("title", 17, \.title),
            .enumeration("direction", 18, \.direction, default: .toCustomer),
            .text("owner", 19, \.owner, rule: .indexedText),
            .timestamp("made", 20, \.made, fill: .now),
            .timestamp("due", 21, \.due, endOfDay: true),
            .enumeration("status", 22, \.status, default: .pending),
            .timestamp("resolved", 23, \.resolved),
            .reference("interaction", 24, to: .interaction, \.interaction, rule: .sameOwner("customer")),
            .decimal("amount", 25, \.amount),
            .text("remedy", 26, \.remedy),
            .text("ref", 27, \.ref),
            .text("note", 28, \.note),
            .reference("policy", 29, to: .policy, \.policy),
        ],
        derived: [
            DerivedField(
                "overdue", .boolean, inputs: ["status", "due"],
                meaning: [.equals("status", .symbol("pending")), .beforeNow("due")]
            ) { input in
                .bool(PromiseRules.isOverdue(status: input["status"], due: input["due"], now: input.now))
            },
            DerivedField("kept_late", .boolean, inputs: ["status", "resolved", "due"]) { input in
                .bool(
                    PromiseRules.keptLate(
                        status: input["status"], resolved: input["resolved"], due: input["due"]))
            },
            DerivedField("late_by", .duration, inputs: ["status", "resolved", "due"]) { input in
                PromiseRules.lateBy(
                    status: input["status"], resolved: input["resolved"], due: input["due"], now: input.now
                ).map(FieldValue.duration) ?? .null
            },
            DerivedField("at_risk", .boolean, inputs: ["status", "made", "due", "policy"]) { input in
                .bool(try PromiseRules.isAtRisk(input))
            },
            DerivedField("time_left", .duration, inputs: ["status", "due", "policy"]) { input in
                try PromiseRules.timeLeft(input).map(FieldValue.duration) ?? .null
            },
        ],
        indexes: [
            IndexDeclaration(
                "promise.customer_due", [.value("customer"), .value("due")], selectivity: .owned),
            IndexDeclaration(
                "promise.status_due", [.value("status"), .value("due")], carrying: ["customer"],
                selectivity: .many),
            IndexDeclaration(
                "promise.owner_due", [.folded("owner"), .value("due")], carrying: ["customer"],
                selectivity: .some),
            IndexDeclaration(
                "promise.interaction", [.value("interaction")], carrying: ["customer"],
                selectivity: .owned),
            IndexDeclaration(
                "promise.open_customer_due", [.value("customer"), .value("due")],
                only: IndexFilterDeclaration(field: "status", value: .symbol("pending")), selectivity: .owned),
        ],
        relations: [
            .one("customer", .customer, via: "customer"),
            .one("interaction", .interaction, via: "interaction"),
            .one("policy", .policy, via: "policy"),
        ],
        rules: [.settles(field: "resolved", status: "status", open: .symbol("pending"))]
    )
}

/// The rules of promises' derived fields, in one place for the typed `Promise` and the
/// declared derived fields.
enum PromiseRules {
    /// Pending and due before `now`.
    static func isOverdue(status: FieldValue, due: FieldValue, now: Timestamp) -> Bool {
        guard status == .symbol("pending"), case .timestamp(let due) = due else { return false }
        return due < now
    }

    /// Kept after it was due.
    static func keptLate(status: FieldValue, resolved: FieldValue, due: FieldValue) -> Bool {
        guard status == .symbol("kept"), case .timestamp(let resolved) = resolved,
            case .timestamp(let due) = due
        else { return false }
        return resolved > due
    }

    /// How long past due it is (pending) or was (kept or broken), in microseconds; nil when
    /// not late or cancelled.
    static func lateBy(status: FieldValue, resolved: FieldValue, due: FieldValue, now: Timestamp) -> Int64? {
        guard case .timestamp(let due) = due, case .symbol(let name) = status else { return nil }
        let end: Timestamp
        switch name {
        case "pending": end = now
        case "kept", "broken":
            if case .timestamp(let time) = resolved { end = time } else { end = now }
        default: return nil
        }
        return end > due ? end.microseconds - due.microseconds : nil
    }

    /// The share of its allowed time a promise may use before it is at risk, in percent,
    /// when no policy states one (Zendesk's amber line sits at three quarters too).
    static let defaultWarning: Int64 = 75

    /// Pending, not yet due, and at least the policy's `warn` percent (else 75) of the working
    /// time from `made` to `due` used, counted on the policy's calendar (see `calendar(_:)`).
    /// A promise allowed no working time at all (made and due outside working hours) counts
    /// wall-clock time instead.
    static func isAtRisk(_ input: DerivedInput) throws -> Bool {
        guard input["status"] == .symbol("pending"), case .timestamp(let due) = input["due"],
            case .timestamp(let made) = input["made"], due > input.now, made < input.now
        else { return false }
        let (calendar, warn) = try rule(input)
        var allowed = (try? calendar.workingTime(from: made, to: due)) ?? 0
        var used = (try? calendar.workingTime(from: made, to: input.now)) ?? 0
        if allowed <= 0 {
            allowed = due.microseconds &- made.microseconds
            used = input.now.microseconds &- made.microseconds
        }
        guard allowed > 0 else { return false }
        // used/allowed >= warn/100, without overflow: both are below 2^63 / 100 for any
        // span of under 2,900 years.
        let (scaled, overflow) = used.multipliedReportingOverflow(by: 100)
        return overflow || scaled >= warn &* allowed
    }

    /// For a pending promise, the working time left until `due` on its calendar, negative
    /// once past due (the working time since); nil once resolved.
    static func timeLeft(_ input: DerivedInput) throws -> Int64? {
        guard input["status"] == .symbol("pending"), case .timestamp(let due) = input["due"] else {
            return nil
        }
        let (calendar, _) = try rule(input)
        if due >= input.now { return try? calendar.workingTime(from: input.now, to: due) }
        return (try? calendar.workingTime(from: due, to: input.now)).map { -$0 }
    }

    /// The calendar and warning line of a promise: its policy's, else the session's calendar
    /// (`DerivedInput.calendar`), else the store's calendar named `default`, else Monday to
    /// Friday 09:00-18:00 UTC; the warning line 75% unless the policy states one.
    private static func rule(_ input: DerivedInput) throws -> (WorkingCalendar, Int64) {
        var warn = defaultWarning
        if case .integer(let id) = input["policy"], let policy = try input.transaction.policy(id) {
            warn = policy.warn ?? defaultWarning
            if let name = policy.calendar, let calendar = try input.transaction.workingCalendar(named: name) {
                return (calendar, warn)
            }
        }
        return (try input.transaction.defaultCalendar(session: input.calendar), warn)
    }
}
