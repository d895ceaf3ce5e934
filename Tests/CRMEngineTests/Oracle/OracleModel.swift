import CRMQuery
import CRMStore

/// One record of the model: every stored field by name (null when not set).
struct OracleRecord: Equatable {
    var values: [String: FieldValue]

    var id: Int64 {
        if case .integer(let id) = values["id"] { return id }
        return 0
    }

    subscript(name: String) -> FieldValue {
        get { values[name] ?? .null }
        set { values[name] = newValue }
    }
}

/// Why the model could not apply a write: the generator wrote something the model does not
/// cover (a mistake in the test, reported as such).
struct OracleModelError: Error, CustomStringConvertible {
    let description: String
}

/// What the store should hold: three plain tables of records, and the writes of SPEC.md
/// applied to them by hand.
///
/// Rules written here from SPEC.md section 2, with the decisions where it is silent:
/// - ids count up from 1 per entity and are never reused (a deleted last id is not given again);
/// - `created` and `updated` are the store's clock (fixed in the test);
/// - defaults: customer kind organization, tier standard, status active; interaction direction
///   inbound, `at` now, urgent false; promise direction to_customer, `made` now, status pending;
/// - `resolved` is set to now when the status leaves pending, unless given (an insert with a
///   status other than pending counts as leaving pending); a promise that is (or goes back to)
///   pending has no `resolved`;
/// - tags are a set: a tag given twice (ignoring case, as text compares) is kept once, in its
///   first spelling;
/// - `delete customers ... cascade` erases the customers' interactions and promises.
struct OracleModel {
    let now: Timestamp
    private(set) var tables: [Entity: [Int64: OracleRecord]] = [
        .customer: [:], .interaction: [:], .promise: [:],
    ]
    private(set) var lastID: [Entity: Int64] = [.customer: 0, .interaction: 0, .promise: 0]

    init(now: Timestamp) { self.now = now }

    /// Every record of `entity`, in id order.
    func records(_ entity: Entity) -> [OracleRecord] {
        (tables[entity] ?? [:]).values.sorted { $0.id < $1.id }
    }

    func record(_ entity: Entity, _ id: Int64) -> OracleRecord? { tables[entity]?[id] }

    /// The ids of `entity`, in order.
    func ids(_ entity: Entity) -> [Int64] { (tables[entity] ?? [:]).keys.sorted() }

    // MARK: - Writes

    /// A new record from an `insert`, stored; returns it.
    mutating func insert(_ statement: InsertStatement) throws -> OracleRecord {
        let entity = statement.entity.entity
        var record = OracleRecord(values: [:])
        for field in OracleSchema.storedFields(of: entity) { record[field.name] = .null }
        record["tags"] = .list([])
        switch entity {
        case .customer:
            record["kind"] = .symbol("organization")
            record["tier"] = .symbol("standard")
            record["status"] = .symbol("active")
        case .interaction:
            record["direction"] = .symbol("inbound")
            record["urgent"] = .bool(false)
        case .promise:
            record["direction"] = .symbol("to_customer")
            record["status"] = .symbol("pending")
        default: break  // The oracle writes customers, interactions and promises only.
        }
        var given: Set<String> = []
        for field in statement.fields {
            let name = field.name.lowercased()
            try assign(name, field.value, to: &record, of: entity)
            given.insert(name)
        }
        let id = (lastID[entity] ?? 0) + 1
        lastID[entity] = id
        record["id"] = .integer(id)
        record["created"] = .timestamp(now)
        record["updated"] = .timestamp(now)
        if entity == .interaction, record["at"] == .null { record["at"] = .timestamp(now) }
        if entity == .promise {
            if record["made"] == .null { record["made"] = .timestamp(now) }
            settleResolved(&record, wasPending: true, resolvedGiven: given.contains("resolved"))
        }
        tables[entity, default: [:]][id] = record
        return record
    }

    /// An `update ... where`: the matching records (found before any is changed) get the
    /// assignments; returns their ids.
    mutating func update(_ statement: UpdateStatement) throws -> [Int64] {
        let entity = statement.entity.entity
        let ids = try targets(statement.target, entity)
        let resolvedGiven = statement.assignments.contains { $0.path.description.lowercased() == "resolved" }
        for id in ids {
            guard var record = record(entity, id) else { continue }
            let wasPending = record["status"] == .symbol("pending")
            for assignment in statement.assignments {
                try assign(
                    assignment.path.description.lowercased(), assignment.value, to: &record, of: entity)
            }
            if entity == .promise {
                settleResolved(&record, wasPending: wasPending, resolvedGiven: resolvedGiven)
            }
            record["updated"] = .timestamp(now)
            tables[entity, default: [:]][id] = record
        }
        return ids
    }

    /// A `delete ... where`; with `cascade` (customers) the customers' interactions and promises
    /// go too. Returns the ids of the records named by the statement.
    mutating func delete(_ statement: DeleteStatement) throws -> [Int64] {
        let entity = statement.entity.entity
        let ids = try targets(statement.target, entity)
        for id in ids {
            tables[entity]?[id] = nil
            if entity == .customer && statement.cascade {
                for child in [Entity.interaction, .promise] {
                    for record in records(child) where record["customer"] == .integer(id) {
                        tables[child]?[record.id] = nil
                    }
                }
            }
        }
        return ids
    }

    /// Replaces the model's records with what the store holds: used only after a write on
    /// which the two disagreed (already reported), so that later statements still test
    /// something instead of repeating the same difference.
    mutating func replace(_ entity: Entity, with rows: [OracleRecord]) {
        tables[entity] = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        lastID[entity] = max(lastID[entity] ?? 0, rows.map(\.id).max() ?? 0)
    }

    private func targets(_ target: RecordTarget, _ entity: Entity) throws -> [Int64] {
        switch target {
        case .id(let argument):
            guard case .literal(let id) = argument.kind, record(entity, Int64(id)) != nil else {
                throw OracleModelError(description: "the model has no \(entity) \(argument)")
            }
            return [Int64(id)]
        case .filter(let condition):
            let evaluator = OracleEvaluator(self)
            return try records(entity).filter { record in
                try evaluator.truth(condition, record, entity) == true
            }.map(\.id)
        }
    }

    /// A promise whose status left pending gets `resolved` = now unless one was given; a
    /// pending one has none.
    private func settleResolved(_ record: inout OracleRecord, wasPending: Bool, resolvedGiven: Bool) {
        if record["status"] == .symbol("pending") {
            record["resolved"] = .null
        } else if wasPending && !resolvedGiven && record["resolved"] == .null {
            record["resolved"] = .timestamp(now)
        }
    }

    private func assign(_ name: String, _ value: Value, to record: inout OracleRecord, of entity: Entity)
        throws
    {
        guard let field = OracleSchema.field(name, of: entity), !field.derived,
            !["id", "created", "updated"].contains(field.name)
        else { throw OracleModelError(description: "\(entity).\(name) cannot be assigned") }
        guard let converted = Self.literal(value, as: field.type, endOfDay: field.name == "due", now: now)
        else {
            throw OracleModelError(description: "the model cannot read \(value) as \(entity).\(name)")
        }
        record[field.name] = converted
    }

    /// A literal given to a field of `type` in an insert or an update: enum values by name
    /// (any case), integers widened to decimals, times in UTC (a bare date is the start of its
    /// day, or its last second for `due`), tags as a set.
    static func literal(_ value: Value, as type: OracleType, endOfDay: Bool, now: Timestamp) -> FieldValue? {
        switch (value.kind, type) {
        case (.null, _): return .null
        case (.string(let text), .text): return .string(text)
        case (.string(let text), .enumeration(let names)):
            return names.contains(text.lowercased()) ? .symbol(text.lowercased()) : nil
        case (.path(let path), .enumeration(let names)):
            let word = path.description.lowercased()
            return names.contains(word) ? .symbol(word) : nil
        case (.integer(let text), .integer), (.integer(let text), .reference):
            return Int64(text).map { .integer($0) }
        case (.integer(let text), .decimal), (.decimal(let text), .decimal):
            return ExactDecimal(parsing: text).map { .decimal($0) }
        case (.boolean(let flag), .boolean): return .bool(flag)
        case (.time(let literal), .timestamp):
            return OracleTime.instant(literal, now: now, endOfDay: endOfDay).map { .timestamp($0) }
        case (.list(let items), .tags):
            var tags: [String] = []
            for item in items {
                let tag: String
                switch item.kind {
                case .string(let text): tag = text
                case .path(let path): tag = path.description
                default: return nil
                }
                if !tags.contains(where: { $0.lowercased() == tag.lowercased() }) { tags.append(tag) }
            }
            return .list(tags)
        default: return nil
        }
    }
}
