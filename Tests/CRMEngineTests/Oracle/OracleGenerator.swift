import CRMQuery
import CRMStore
import Foundation
import TestSupport

/// Random statements of the query language, written as text from a small grammar, with
/// literals picked from the data (so that conditions select something) and spelled in mixed
/// case, quoted or bare, repeated in lists: the ways SPEC.md says must not change an answer.
struct OracleGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    // MARK: - Randomness

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A few distinct items, in random order.
    mutating func some<T>(_ items: [T], _ count: ClosedRange<Int>) -> [T] {
        var pool = items
        var chosen: [T] = []
        for _ in 0..<min(int(count), pool.count) { chosen.append(pool.remove(at: int(0...(pool.count - 1)))) }
        return chosen
    }

    /// The word as written, in lower case, in upper case or capitalised.
    mutating func vary(_ word: String) -> String {
        switch int(0...5) {
        case 0: word.lowercased()
        case 1: word.uppercased()
        case 2: word.prefix(1).uppercased() + word.dropFirst()
        default: word
        }
    }

    mutating func quoted(_ text: String) -> String { Value.quoted(vary(text)) }

    // MARK: - Data pools

    static let names = [
        "Acme Ltd", "acme ltd", "Alpha", "alpha", "ALPHA", "Bravo", "Charlie", "Delta", "delta", "Echo",
        "北京贸易", "上海机械", "Échelon", "échelon", "Zeta Corp", "Omega", "o'Brien & Sons",
    ]
    static let cities = [
        "Delhi", "DELHI", "delhi", "Lagos", "LAGOS", "Xi'an", "xi'an", "北京", "上海", "Évora", "évora", "ÉVORA",
        "Berlin",
    ]
    static let owners = ["li.wei", "LI.WEI", "Li.Wei", "wang.fang", "Wang.Fang", "ana", "Ana", "bo"]
    static let companies = ["Acme", "ACME", "Globex", "Initech", "北京贸易"]
    static let emails = ["info@acme.com", "INFO@ACME.COM", "sales@globex.com", "li@x.cn", "Zed@Example.org"]
    static let phones = ["+86 10 1234 5678", "555-0100", "(030) 123 4567"]
    static let notes = ["call after 5", "VIP treatment", "vip treatment", "prefers email", "重要客户"]
    static let tags = ["steel", "north", "south", "trade", "urgent", "重点"]
    static let subjects = [
        "late delivery", "Late Delivery", "退款 refund request", "invoice question", "Invoice Question",
        "on-site repair", "survey",
    ]
    static let bodies = ["see attached", "Customer was upset", "customer was UPSET", "all fine"]
    static let titles = [
        "Reply with a solution", "reply with a solution", "Send invoice", "Visit", "回访客户", "Refund",
        "Call back", "CALL BACK",
    ]
    static let remedies = ["10% discount", "free repair", "Free Repair"]
    static let refs = ["C-2026-001", "c-2026-001", "L-77", "合同-9"]
    static let amounts = ["10.50", "10.5", "0.05", "1200.00", "99.90", "250", "3.125", "10.500"]
    static let substrings = [
        "elh", "ACME", "贸易", "vora", "ÉV", "lt", "a", "refund", "Repair", "invoice", "li.", "x", "北",
    ]
    static let prefixes = ["de", "Al", "al", "北京", "É", "é", "ac", "ZE", "o'", "re", "Li.", "wang"]

    /// Fixed instants around the session's now (2026-11-25T12:00Z, a Wednesday): day and month
    /// edges, and several times on 2026-12-01.
    static let instants = [
        "2026-12-01T00:00", "2026-12-01T10:00", "2026-12-01T23:00", "2026-12-01T23:59:59Z",
        "2026-11-20T10:00",
        "2026-11-25T09:00", "2026-11-25T12:00", "2026-11-25T15:00", "2026-11-01T00:00", "2026-10-31T23:59:59",
        "2026-11-23T00:00", "2026-11-30T00:00", "2026-12-31T23:00",
    ]
    static let dates = ["2026-12-01", "2026-11-20", "2026-11-25", "2026-11-24", "2026-11-01", "2026-10-15"]
    static let offsets = ["+3d", "-2w", "+90min", "-36h", "-30d", "+1w", "-1mo", "+2mo", "+1y"]
    static let ranges = [
        "today", "yesterday", "tomorrow", "this week", "last week", "next week", "this month", "last month",
        "next month", "this quarter", "last quarter", "this year", "last year", "last 30 days", "last 7 days",
        "next 7 days", "next 2 weeks", "last 2 months", "next 3 months",
    ]

    static let now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)

    /// A time for a field: a fixed edge, a bare date, an offset, or a random time within
    /// `days` of now.
    mutating func timeLiteral(days: Int = 40) -> String {
        switch int(0...9) {
        case 0, 1: return pick(Self.instants)
        case 2: return pick(Self.dates)
        case 3: return pick(Self.offsets + ["now"])
        default:
            let minutes = Int64(int(-days * 24...days * 24)) * 60 + Int64(pick([0, 0, 30, 59]))
            let time = Self.now.adding(microseconds: minutes * 60_000_000)
            let text = time.description  // 2026-12-01T17:00:00Z, itself a literal
            return chance(50) && text.hasSuffix(":00Z") ? String(text.dropLast(4)) : text
        }
    }

    /// An enum value: a bare word in any case, or a quoted string.
    mutating func enumLiteral(_ names: [String]) -> String {
        let name = pick(names)
        return chance(20) ? Value.quoted(vary(name)) : vary(name)
    }

    /// Tags, written as bare words or quoted (CJK always quoted).
    mutating func tagList() -> String {
        let chosen = some(Self.tags, 0...3).map { tag in
            tag.unicodeScalars.allSatisfy(\.isASCII) && chance(70) ? vary(tag) : Value.quoted(vary(tag))
        }
        return "[" + chosen.joined(separator: ", ") + "]"
    }

    // MARK: - Inserts

    /// Inserts of new customers, interactions on any customer, and promises (some on one of
    /// their customer's interactions), with ids predicted from `model`, which has not seen
    /// them yet.
    mutating func inserts(_ model: OracleModel, customers: Int, interactions: Int, promises: Int) -> [String]
    {
        var statements: [String] = []
        var customerIDs = model.ids(.customer)
        var interactionsOf: [Int64: [Int64]] = [:]
        for record in model.records(.interaction) {
            if case .integer(let customer) = record["customer"] {
                interactionsOf[customer, default: []].append(record.id)
            }
        }
        var nextCustomer = (model.lastID[.customer] ?? 0) + 1
        var nextInteraction = (model.lastID[.interaction] ?? 0) + 1
        for _ in 0..<customers {
            statements.append(customerInsert())
            customerIDs.append(nextCustomer)
            nextCustomer += 1
        }
        guard !customerIDs.isEmpty else { return statements }
        for _ in 0..<interactions {
            let customer = pick(customerIDs)
            statements.append(interactionInsert(customer: customer))
            interactionsOf[customer, default: []].append(nextInteraction)
            nextInteraction += 1
        }
        for _ in 0..<promises {
            let customer = pick(customerIDs)
            let source = interactionsOf[customer].flatMap { chance(40) ? pick($0) : nil }
            statements.append(promiseInsert(customer: customer, interaction: source))
        }
        return statements
    }

    mutating func customerInsert() -> String {
        var fields = ["name: " + Value.quoted(pick(Self.names) + (chance(30) ? " \(int(1...99))" : ""))]
        if chance(50) { fields.append("kind: " + enumLiteral(OracleSchema.customerKinds)) }
        if chance(80) { fields.append("tier: " + enumLiteral(OracleSchema.tiers)) }
        if chance(70) { fields.append("status: " + enumLiteral(OracleSchema.customerStatuses)) }
        if chance(40) { fields.append("company: " + Value.quoted(pick(Self.companies))) }
        if chance(40) { fields.append("email: " + Value.quoted(pick(Self.emails))) }
        if chance(30) { fields.append("phone: " + Value.quoted(pick(Self.phones))) }
        if chance(75) { fields.append("city: " + Value.quoted(pick(Self.cities))) }
        if chance(20) { fields.append("address: " + Value.quoted("\(int(1...200)) Main St")) }
        if chance(70) { fields.append("owner: " + Value.quoted(pick(Self.owners))) }
        if chance(50) { fields.append("verified: " + timeLiteral(days: 200)) }
        if chance(30) { fields.append("note: " + Value.quoted(pick(Self.notes))) }
        if chance(60) { fields.append("tags: " + tagList()) }
        // The fields in random order: the order they are written in must not matter.
        return "insert customer {" + some(fields, fields.count...fields.count).joined(separator: ", ") + "}"
    }

    mutating func interactionInsert(customer: Int64) -> String {
        var fields = ["customer: \(customer)", "kind: " + enumLiteral(OracleSchema.interactionKinds)]
        if chance(60) { fields.append("channel: " + enumLiteral(OracleSchema.channels)) }
        if chance(40) { fields.append("direction: " + enumLiteral(OracleSchema.interactionDirections)) }
        if chance(90) { fields.append("at: " + timeLiteral(days: 70)) }
        if chance(50) { fields.append("by: " + Value.quoted(pick(Self.owners))) }
        if chance(60) { fields.append("subject: " + Value.quoted(pick(Self.subjects))) }
        if chance(20) { fields.append("body: " + Value.quoted(pick(Self.bodies))) }
        if chance(50) { fields.append("score: \(int(1...5))") }
        if chance(30) { fields.append("urgent: " + pick(["true", "false"])) }
        if chance(20) { fields.append("tags: " + tagList()) }
        return "insert interaction {" + fields.joined(separator: ", ") + "}"
    }

    mutating func promiseInsert(customer: Int64, interaction: Int64?) -> String {
        var fields = [
            "customer: \(customer)", "title: " + Value.quoted(pick(Self.titles)), "due: " + timeLiteral(),
        ]
        if let interaction { fields.append("interaction: \(interaction)") }
        if chance(30) { fields.append("direction: " + enumLiteral(OracleSchema.promiseDirections)) }
        if chance(70) { fields.append("owner: " + Value.quoted(pick(Self.owners))) }
        if chance(30) { fields.append("made: " + timeLiteral(days: 60)) }
        if chance(55) {
            fields.append("status: " + enumLiteral(["kept", "broken", "cancelled", "kept"]))
            if chance(70) { fields.append("resolved: " + timeLiteral()) }
        } else if chance(20) {
            fields.append("status: pending")
        }
        if chance(60) { fields.append("amount: " + pick(Self.amounts)) }
        if chance(20) { fields.append("remedy: " + Value.quoted(pick(Self.remedies))) }
        if chance(20) { fields.append("ref: " + Value.quoted(pick(Self.refs))) }
        if chance(15) { fields.append("note: " + Value.quoted(pick(Self.notes))) }
        if chance(15) { fields.append("tags: " + tagList()) }
        return "insert promise {" + fields.joined(separator: ", ") + "}"
    }

    // MARK: - Fields the generator knows how to use

    /// How a path can be used in a condition.
    enum Use {
        case text([String])
        case enumeration([String], nullable: Bool)
        /// Whole numbers in a range; nullable ones also get `is null`.
        case integer(ClosedRange<Int>, nullable: Bool)
        case decimal
        case real
        case time(nullable: Bool)
        case boolean(nullable: Bool)
        case tags
        /// Another field of the same record, for field-to-field comparisons.
        case timeField([String])
    }

    func fields(_ entity: Entity, _ model: OracleModel) -> [(path: String, use: Use)] {
        let lastID = { (entity: Entity) in max(1, Int(model.lastID[entity] ?? 1)) }
        let customer: [(String, Use)] = [
            ("customer", .integer(1...lastID(.customer), nullable: false)),
            ("customer.tier", .enumeration(OracleSchema.tiers, nullable: false)),
            ("customer.status", .enumeration(OracleSchema.customerStatuses, nullable: false)),
            ("customer.city", .text(Self.cities)),
            ("customer.name", .text(Self.names)),
            ("customer.owner", .text(Self.owners)),
        ]
        switch entity {
        case .customer:
            return [
                ("id", .integer(1...lastID(.customer), nullable: false)),
                ("name", .text(Self.names)),
                ("kind", .enumeration(OracleSchema.customerKinds, nullable: false)),
                ("tier", .enumeration(OracleSchema.tiers, nullable: false)),
                ("tier", .enumeration(OracleSchema.tiers, nullable: false)),
                ("status", .enumeration(OracleSchema.customerStatuses, nullable: false)),
                ("company", .text(Self.companies)),
                ("email", .text(Self.emails)),
                ("phone", .text(Self.phones)),
                ("city", .text(Self.cities)),
                ("city", .text(Self.cities)),
                ("owner", .text(Self.owners)),
                ("verified", .time(nullable: true)),
                ("note", .text(Self.notes)),
                ("tags", .tags),
                ("last_contact", .time(nullable: true)),
                ("open_promises", .integer(0...3, nullable: false)),
                ("overdue_promises", .integer(0...2, nullable: false)),
                ("satisfaction", .real),
            ]
        case .interaction:
            return customer + [
                ("id", .integer(1...lastID(.interaction), nullable: false)),
                ("kind", .enumeration(OracleSchema.interactionKinds, nullable: false)),
                ("channel", .enumeration(OracleSchema.channels, nullable: true)),
                ("direction", .enumeration(OracleSchema.interactionDirections, nullable: false)),
                ("at", .time(nullable: false)),
                ("at", .time(nullable: false)),
                ("by", .text(Self.owners)),
                ("subject", .text(Self.subjects)),
                ("body", .text(Self.bodies)),
                ("score", .integer(1...5, nullable: true)),
                ("urgent", .boolean(nullable: false)),
                ("tags", .tags),
            ]
        case .promise:
            return customer + [
                ("id", .integer(1...lastID(.promise), nullable: false)),
                ("title", .text(Self.titles)),
                ("direction", .enumeration(OracleSchema.promiseDirections, nullable: false)),
                ("owner", .text(Self.owners)),
                ("made", .time(nullable: false)),
                ("due", .time(nullable: false)),
                ("due", .time(nullable: false)),
                ("due", .time(nullable: false)),
                ("status", .enumeration(OracleSchema.promiseStatuses, nullable: false)),
                ("status", .enumeration(OracleSchema.promiseStatuses, nullable: false)),
                ("resolved", .time(nullable: true)),
                ("resolved", .timeField(["due", "made"])),
                ("interaction", .integer(1...lastID(.interaction), nullable: true)),
                ("interaction.kind", .enumeration(OracleSchema.interactionKinds, nullable: true)),
                ("interaction.urgent", .boolean(nullable: true)),
                ("amount", .decimal),
                ("amount", .decimal),
                ("remedy", .text(Self.remedies)),
                ("ref", .text(Self.refs)),
                ("note", .text(Self.notes)),
                ("overdue", .boolean(nullable: false)),
                ("overdue", .boolean(nullable: false)),
                ("kept_late", .boolean(nullable: false)),
                ("tags", .tags),
            ]
        default: return []
        }
    }

    /// Paths `order by` may use: fields, relation paths, enums, nullable fields, derived ones.
    static func sortable(_ entity: Entity) -> [String] {
        switch entity {
        case .customer:
            [
                "id", "name", "city", "owner", "tier", "status", "kind", "email", "verified", "last_contact",
                "open_promises", "overdue_promises", "satisfaction", "company",
            ]
        case .interaction:
            [
                "id", "at", "kind", "channel", "direction", "score", "by", "subject", "customer",
                "customer.name",
                "customer.tier", "customer.city", "customer.status",
            ]
        case .promise:
            [
                "id", "due", "made", "status", "direction", "amount", "resolved", "owner", "title",
                "customer",
                "customer.name", "customer.tier", "customer.city", "interaction.kind", "interaction.at",
                "late_by",
            ]
        default: []
        }
    }

    static func selectable(_ entity: Entity) -> [String] {
        switch entity {
        case .customer: sortable(entity) + ["tags", "phone", "note", "kind"]
        case .interaction: sortable(entity) + ["urgent", "customer.owner", "tags", "body"]
        case .promise:
            sortable(entity) + [
                "overdue", "kept_late", "interaction", "remedy", "ref", "tags", "customer.owner",
            ]
        default: []
        }
    }

    static func groupable(_ entity: Entity) -> [String] {
        switch entity {
        case .customer: ["tier", "status", "kind", "city", "city", "owner", "company"]
        case .interaction:
            [
                "kind", "channel", "direction", "score", "by", "customer", "customer.tier", "customer.city",
                "urgent",
            ]
        case .promise:
            [
                "status", "direction", "owner", "owner", "customer", "customer.tier", "customer.city",
                "interaction.kind", "overdue", "kept_late",
            ]
        default: []
        }
    }

    /// Arguments of `min` and `max`.
    static func extremes(_ entity: Entity) -> [String] {
        switch entity {
        case .customer:
            ["tier", "status", "name", "city", "verified", "last_contact", "open_promises", "satisfaction"]
        case .interaction: ["score", "at", "kind", "channel", "subject", "customer.tier"]
        case .promise: ["amount", "due", "status", "resolved", "made", "owner", "customer.tier", "late_by"]
        default: []
        }
    }

    // MARK: - Conditions

    /// A text value: from the pool or from the data, in any case.
    mutating func textValue(_ pool: [String], _ path: String, _ entity: Entity, _ model: OracleModel)
        -> String
    {
        if !path.contains("."), chance(40), !model.ids(entity).isEmpty,
            let record = model.record(entity, pick(model.ids(entity))), case .string(let text) = record[path]
        {
            return Value.quoted(vary(text))
        }
        return quoted(pick(pool))
    }

    mutating func comparison() -> String { pick(["=", "=", "=", "!=", "<", "<=", ">", ">="]) }

    /// A list of 1 to 4 literals, often with one repeated (in another spelling).
    mutating func list(_ make: (inout OracleGenerator) -> String) -> String {
        var items: [String] = []
        for _ in 0..<int(1...3) { items.append(make(&self)) }
        if chance(60) { items.insert(pick(items), at: int(0...items.count)) }
        return "(" + items.joined(separator: ", ") + ")"
    }

    /// A time operand: an instant, an offset, a bare date (a day), or a named range.
    mutating func timeOperand() -> String {
        switch int(0...9) {
        case 0, 1: return pick(Self.instants)
        case 2, 3: return pick(Self.dates)
        case 4: return pick(Self.offsets + ["now"])
        case 5, 6: return pick(Self.ranges)
        default: return timeLiteral()
        }
    }

    mutating func leaf(_ entity: Entity, _ model: OracleModel, depth: Int) -> String {
        if entity != .promise, depth > 0, chance(15) { return relationLeaf(entity, model, depth: depth - 1) }
        let (path, use) = pick(fields(entity, model))
        let nullChecks = [path + " is null", path + " is not null", path + " = null", path + " != null"]
        switch use {
        case .text(let pool):
            switch int(0...11) {
            case 0, 1, 2, 3: return "\(path) \(comparison()) \(textValue(pool, path, entity, model))"
            case 4: return "\(path) in " + list { $0.textValue(pool, path, entity, model) }
            case 5: return "\(path) not in " + list { $0.textValue(pool, path, entity, model) }
            case 6, 7: return "\(path) contains " + quoted(pick(Self.substrings))
            case 8, 9: return "\(path) starts with " + Value.quoted(pick(Self.prefixes))
            default: return pick(nullChecks)
            }
        case .enumeration(let names, let nullable):
            switch int(0...9) {
            case 0, 1, 2, 3: return "\(path) \(comparison()) \(enumLiteral(names))"
            case 4, 5, 6: return "\(path) in " + list { $0.enumLiteral(names) }
            case 7, 8: return "\(path) not in " + list { $0.enumLiteral(names) }
            default: return nullable ? pick(nullChecks) : "\(path) != \(enumLiteral(names))"
            }
        case .integer(let range, let nullable):
            switch int(0...9) {
            case 0, 1, 2, 3, 4: return "\(path) \(comparison()) \(int(range))"
            case 5, 6: return "\(path) in " + list { "\($0.int(range))" }
            case 7: return "\(path) not in " + list { "\($0.int(range))" }
            default: return nullable ? pick(nullChecks) : "\(path) >= \(int(range))"
            }
        case .decimal:
            switch int(0...7) {
            case 0, 1, 2, 3: return "\(path) \(comparison()) \(pick(Self.amounts))"
            case 4, 5: return "\(path) in " + list { $0.pick(Self.amounts) }
            case 6: return "\(path) not in " + list { $0.pick(Self.amounts) }
            default: return pick(nullChecks)
            }
        case .real:
            return chance(80)
                ? "\(path) \(comparison()) \(pick(["1", "2", "3", "4", "5", "2.5", "3.5", "4.25"]))"
                : pick(nullChecks)
        case .time(let nullable):
            switch int(0...11) {
            case 0, 1, 2, 3, 4: return "\(path) \(comparison()) \(timeOperand())"
            case 5, 6: return "\(path) in \(pick(Self.ranges))"
            case 7: return "\(path) not in \(pick(Self.ranges + Self.dates))"
            case 8: return "\(path) in " + list { $0.pick(Self.dates + Self.dates + Self.instants) }
            case 9: return "\(path) not in " + list { $0.pick(Self.dates + Self.instants) }
            default: return nullable ? pick(nullChecks) : "\(path) in \(pick(Self.dates))"
            }
        case .boolean(let nullable):
            switch int(0...6) {
            case 0, 1, 2: return path
            case 3: return "not \(path)"
            case 4: return "\(path) = \(pick(["true", "false"]))"
            case 5: return "\(path) != \(pick(["true", "false"]))"
            default: return nullable ? pick(nullChecks) : path
            }
        case .tags:
            let tag = pick(Self.tags)
            let written =
                tag.unicodeScalars.allSatisfy(\.isASCII) && chance(60) ? vary(tag) : Value.quoted(vary(tag))
            return "\(path) contains \(written)"
        case .timeField(let others):
            return "\(path) \(pick(["<", "<=", ">", ">=", "=", "!="])) \(pick(others))"
        }
    }

    /// `any(...)`, `none(...)` or `count(...) OP N` over a to-many relation.
    mutating func relationLeaf(_ entity: Entity, _ model: OracleModel, depth: Int) -> String {
        let relations: [(String, Entity)] =
            entity == .customer
            ? [("interactions", .interaction), ("promises", .promise)] : [("promises", .promise)]
        let (name, target) = pick(relations)
        let inner = chance(80) ? " where " + condition(target, model, depth: depth) : ""
        switch int(0...5) {
        case 0, 1: return "any(\(name)\(inner))"
        case 2, 3: return "none(\(name)\(inner))"
        default: return "count(\(name)\(inner)) \(comparison()) \(int(0...3))"
        }
    }

    /// A condition: a leaf, or `not`, `and`, `or` of smaller conditions.
    mutating func condition(_ entity: Entity, _ model: OracleModel, depth: Int) -> String {
        guard depth > 0, chance(50) else { return leaf(entity, model, depth: depth) }
        func part(_ generator: inout OracleGenerator) -> String {
            let inner = generator.condition(entity, model, depth: depth - 1)
            return inner.contains(" and ") || inner.contains(" or ") || generator.chance(20)
                ? "(\(inner))" : inner
        }
        switch int(0...9) {
        case 0, 1, 2: return "not (" + condition(entity, model, depth: depth - 1) + ")"
        case 3, 4, 5: return part(&self) + " and " + part(&self)
        default: return part(&self) + " or " + part(&self)
        }
    }

    /// A condition shaped like the ones the planner answers from an index, often with a time
    /// span on the index's time field (`status = pending and due < 2026-12-01`,
    /// `customer = 3 and at in last 30 days`), sometimes with one more random part.
    mutating func indexedCondition(_ entity: Entity, _ model: OracleModel) -> String {
        let timeField = entity == .interaction ? "at" : "due"
        func span(_ generator: inout OracleGenerator) -> String {
            let operand = generator.timeOperand()
            let range = Self.ranges.contains(operand) || Self.dates.contains(operand)
            let op = range && generator.chance(50) ? "in" : generator.comparison()
            return "\(timeField) \(op) \(operand)"
        }
        let customerID = model.ids(.customer).isEmpty ? 1 : pick(model.ids(.customer))
        var parts: [String]
        switch entity {
        case .customer:
            parts = [
                pick([
                    "name = \(textValue(Self.names, "name", entity, model))",
                    "name starts with " + Value.quoted(pick(Self.prefixes)),
                    "email = " + quoted(pick(Self.emails)), "phone = " + Value.quoted(pick(Self.phones)),
                    "owner = " + quoted(pick(Self.owners)), "city = " + quoted(pick(Self.cities)),
                    "tags contains "
                        + vary(pick(Self.tags.filter { $0.unicodeScalars.allSatisfy(\.isASCII) })),
                    "tier = " + enumLiteral(OracleSchema.tiers),
                    "status in " + list { $0.enumLiteral(OracleSchema.customerStatuses) },
                    "id in "
                        + list { "\($0.pick(model.ids(.customer).isEmpty ? [1] : model.ids(.customer)))" },
                ])
            ]
        case .interaction:
            let interactions = model.ids(.interaction).isEmpty ? [1] : model.ids(.interaction)
            parts = [
                pick([
                    "customer = \(customerID)", "kind = " + enumLiteral(OracleSchema.interactionKinds),
                    "kind in " + list { $0.enumLiteral(OracleSchema.interactionKinds) },
                    "id in " + list { "\($0.pick(interactions))" }, span(&self),
                ])
            ]
            if chance(70) { parts.append(span(&self)) }
        case .promise:
            let interactions = model.ids(.interaction).isEmpty ? [1] : model.ids(.interaction)
            parts = [
                pick([
                    "customer = \(customerID)", "status = " + enumLiteral(OracleSchema.promiseStatuses),
                    "status in " + list { $0.enumLiteral(OracleSchema.promiseStatuses) },
                    "owner = " + quoted(pick(Self.owners)), "overdue", "interaction = \(pick(interactions))",
                    "customer.tier = " + enumLiteral(OracleSchema.tiers),
                ])
            ]
            if chance(70) { parts.append(span(&self)) }
            if chance(30) { parts.append(span(&self)) }
        default: parts = []  // The oracle reads customers, interactions and promises only.
        }
        if chance(30) { parts.append(leaf(entity, model, depth: 1)) }
        return some(parts, parts.count...parts.count).joined(separator: " and ")
    }

    /// A `where` condition: one to three parts joined by `and` at the top (where the planner
    /// looks for an index), each a leaf or a small tree.
    mutating func whereCondition(_ entity: Entity, _ model: OracleModel) -> String {
        (0..<int(1...3)).map { _ in
            let part = condition(entity, model, depth: int(0...2))
            return part.contains(" or ") ? "(\(part))" : part
        }.joined(separator: " and ")
    }

    // MARK: - Reads

    mutating func entityName(_ entity: Entity) -> String {
        pick([entity.plural, entity.plural, entity.plural, entity.singular, entity.plural.capitalized])
    }

    /// One to three keys; `id` (either way) sometimes first, where an index may answer it,
    /// and sometimes last, as a tie-break.
    mutating func orderKeys(_ entity: Entity) -> [String] {
        if entity != .customer, chance(15) {
            // The index's own order (`due`, `at`), which the planner may walk instead of sorting.
            return [(entity == .promise ? "due" : "at") + (chance(50) ? " desc" : "")]
        }
        var keys = some(Self.sortable(entity), 1...3).map { $0 + (chance(35) ? " desc" : "") }
        switch int(0...9) {
        case 0, 1: keys = [pick(["id desc", "id"])] + keys.filter { !$0.hasPrefix("id") }
        case 2, 3: keys = keys.filter { !$0.hasPrefix("id") } + [pick(["id desc", "id"])]
        default: break
        }
        return keys
    }

    /// A read statement: `find` (plain, grouped or aggregate) or `count`.
    mutating func read(_ model: OracleModel) -> String {
        let entity = pick([Entity.customer, .interaction, .interaction, .promise, .promise, .promise])
        let name = entityName(entity)
        let filter =
            chance(30)
            ? " where " + indexedCondition(entity, model)
            : chance(80) ? " where " + whereCondition(entity, model) : ""
        switch int(0...19) {
        case 0...10:
            var clauses: [String] = []
            if chance(40) {
                let paths = ["id"] + some(Self.selectable(entity).filter { $0 != "id" }, 1...4)
                clauses.append(" select " + paths.joined(separator: ", "))
            }
            if chance(75) {
                clauses.append(" order by " + orderKeys(entity).joined(separator: ", "))
                if chance(45) {
                    clauses.append(" limit \(int(0...12))" + (chance(35) ? " offset \(int(0...8))" : ""))
                }
            }
            if clauses.count >= 2, chance(30) { clauses.swapAt(0, 1) }
            return "find \(name)\(filter)" + clauses.joined()
        case 11...13:
            let group =
                chance(50) ? " group by " + some(Self.groupable(entity), 1...2).joined(separator: ", ") : ""
            return "count \(name)\(filter)\(group)"
        case 14...17:
            let groups = some(Self.groupable(entity), 1...(chance(85) ? 1 : 2))
            var items = groups + ["count()"]
            if groups == ["customer"], chance(50) { items.insert("customer.name", at: 1) }
            for argument in some(Self.extremes(entity), 0...2) {
                items.append("\(pick(["min", "max"]))(\(argument))")
            }
            if entity == .promise, chance(30) { items.append("sum(amount)") }
            if entity == .interaction, chance(30) { items.append(pick(["avg(score)", "sum(score)"])) }
            var text = "find \(name)\(filter) group by " + groups.joined(separator: ", ")
            let selects = chance(85)
            if selects { text += " select " + items.joined(separator: ", ") }
            if chance(50) {
                // Grouped rows are ordered by result columns.
                let columns = selects ? items : groups + ["count()"]
                let keys = some(columns, 1...2).map { $0 + (chance(50) ? " desc" : "") }
                text += " order by " + keys.joined(separator: ", ")
                if chance(40) { text += " limit \(int(1...5))" }
            }
            return text
        default:
            var items = ["count()"]
            for argument in some(Self.extremes(entity), 1...3) {
                items.append("\(pick(["min", "max"]))(\(argument))")
            }
            return "find \(name)\(filter) select "
                + some(items, items.count...items.count).joined(separator: ", ")
        }
    }

    // MARK: - Writes

    mutating func assignments(_ entity: Entity) -> [String] {
        var choices: [String]
        switch entity {
        case .customer:
            choices = [
                "tier = " + enumLiteral(OracleSchema.tiers),
                "status = " + enumLiteral(OracleSchema.customerStatuses),
                "kind = " + enumLiteral(OracleSchema.customerKinds),
                "city = " + Value.quoted(pick(Self.cities)),
                "city = null", "owner = " + Value.quoted(pick(Self.owners)), "owner = null",
                "note = " + Value.quoted(pick(Self.notes)), "verified = " + timeLiteral(days: 100),
                "verified = null", "tags = " + tagList(), "name = " + Value.quoted(pick(Self.names)),
                "company = " + Value.quoted(pick(Self.companies)),
            ]
        case .interaction:
            choices = [
                "score = \(int(1...5))", "score = null", "urgent = " + pick(["true", "false"]),
                "kind = " + enumLiteral(OracleSchema.interactionKinds),
                "channel = " + enumLiteral(OracleSchema.channels),
                "channel = null", "at = " + timeLiteral(days: 60), "by = " + Value.quoted(pick(Self.owners)),
                "subject = " + Value.quoted(pick(Self.subjects)), "tags = " + tagList(),
            ]
        case .promise:
            let status = pick(["kept", "broken", "cancelled", "pending", "kept"])
            let statusChange =
                status != "pending" && chance(40)
                ? "status = \(vary(status)), resolved = \(timeLiteral())" : "status = \(vary(status))"
            choices = [
                statusChange, statusChange, "due = " + timeLiteral(), "amount = " + pick(Self.amounts),
                "amount = null",
                "owner = " + Value.quoted(pick(Self.owners)), "owner = null",
                "title = " + Value.quoted(pick(Self.titles)),
                "remedy = " + Value.quoted(pick(Self.remedies)), "made = " + timeLiteral(days: 30),
                "direction = " + enumLiteral(OracleSchema.promiseDirections), "tags = " + tagList(),
            ]
        default: choices = []
        }
        // One assignment per field.
        var seen: Set<String> = []
        return some(choices, 1...3).filter { assignment in
            let fields = assignment.split(separator: ",").map {
                $0.split(separator: "=")[0].trimmingCharacters()
            }
            guard seen.isDisjoint(with: fields) else { return false }
            seen.formUnion(fields)
            return true
        }
    }

    /// A condition that matches at most `share` percent of `entity` in `model` (tries a few,
    /// then falls back to one id).
    mutating func selective(_ entity: Entity, _ model: OracleModel, share: Int) -> String {
        let total = model.ids(entity).count
        for _ in 0..<8 {
            let condition = whereCondition(entity, model)
            let parsed = Parser.parse("find \(entity.plural) where \(condition)")
            guard case .find(let find)? = parsed.script.statements.first?.kind,
                let matches = try? OracleEvaluator(model).matching(entity, find.filter)
            else { continue }
            if matches.count * 100 <= total * share { return condition }
        }
        let ids = model.ids(entity)
        return ids.isEmpty ? "id = 1" : "id = \(pick(ids))"
    }

    /// Values equal by the compare rules but spelled differently: decimals of another scale,
    /// text in another case.
    static let respellings = [
        ("10.5", "10.50"), ("10.50", "10.500"), ("10.500", "10.5"), ("1200.00", "1200"), ("99.90", "99.9"),
        ("250", "250.00"), ("0.05", "0.050"),
    ]

    /// An update that writes a value equal to the one stored but spelled differently: the
    /// record must then hold what was written last (SPEC.md: decimals print exactly as
    /// stored; text keeps its spelling).
    mutating func respelling() -> String {
        if chance(60) {
            let (old, new) = pick(Self.respellings)
            return "update promises where amount = \(old) set amount = \(new)"
        }
        let (field, pool) = pick([("city", Self.cities), ("owner", Self.owners), ("name", Self.names)])
        let value = pick(pool)
        return "update customers where \(field) = \(Value.quoted(value)) set \(field) = \(quoted(value))"
    }

    /// A write statement (or a `begin ... commit` block of many).
    mutating func write(_ model: OracleModel) -> String {
        let customers = model.ids(.customer).count
        switch int(0...99) {
        case 0..<20:
            let kind = int(0...2)
            return inserts(
                model, customers: kind == 0 || customers == 0 ? 1 : 0, interactions: kind == 1 ? 1 : 0,
                promises: kind == 2 ? 1 : 0
            ).joined()
        case 20..<36:
            // A bulk load: tens to a hundred and more records in one transaction.
            let size = int(10...150)
            let newCustomers = customers < 30 ? size / 4 : int(0...(size / 6))
            let rest = size - newCustomers
            let interactions = int(0...rest)
            let body = inserts(
                model, customers: newCustomers, interactions: interactions, promises: rest - interactions)
            return (["begin"] + body + ["commit"]).joined(separator: "\n")
        case 36..<70:
            let entity = pick([Entity.customer, .interaction, .promise, .promise])
            let target =
                chance(10) && !model.ids(entity).isEmpty
                ? " \(pick(model.ids(entity)))" : " where " + whereCondition(entity, model)
            return "update \(entityName(entity))\(target) set " + assignments(entity).joined(separator: ", ")
        case 70..<76:
            return respelling()
        case 76..<80:
            // A block that is rolled back: nothing of it may remain.
            let entity = pick([Entity.customer, .interaction, .promise])
            let update =
                "update \(entity.plural) where " + whereCondition(entity, model) + " set "
                + assignments(entity).joined(separator: ", ")
            return ["begin", update, "delete promises where " + whereCondition(.promise, model), "rollback"]
                .joined(separator: "\n")
        case 80..<90:
            return "delete promises where " + selective(.promise, model, share: 30)
        default:
            guard customers > 15 else {
                return "delete promises where " + selective(.promise, model, share: 10)
            }
            return "delete customers where " + selective(.customer, model, share: 20) + " cascade"
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
