import CRMQuery
import CRMStore

/// Chooses an access path for a statement's conditions, by one rule for every index: an
/// index can answer the conditions that fix its leading parts to values (`=`, `in`,
/// `contains` for tags) and a range of the part after them (a time span, a text prefix),
/// provided the conditions imply its filter. Each index is tried; the one whose fixed parts
/// pick the fewest records (its declared selectivity, better with a range) wins; ids first,
/// the whole table only when no index can help.
struct Planner {
    let entity: Entity
    /// The `order by` keys: each the record's own field it sorts on, or nil for a key that
    /// no index orders (`customer.name`); empty when there is no `order by`.
    let orderBy: [(field: FieldRef?, descending: Bool)]
    let now: Timestamp
    /// Whether indexes may answer conditions (`Session.usesIndexes`); without, every plan is
    /// a table scan.
    var usesIndexes = true
    /// The indexes of the entity's declared custom fields (`define field ... indexed`).
    var customIndexes: [IndexSchema] = []

    /// One candidate access path: its rank (lower is better) and the conjuncts it answers.
    private struct Candidate {
        let rank: Int
        let access: AccessPath
        let used: [Int]
    }

    func plan(_ predicate: BoundPredicate?, texts: [String]) -> Plan {
        let conjuncts = predicate?.conjuncts ?? []
        let schema = entity.schema
        var best: Candidate? = nil
        func offer(_ candidate: Candidate) {
            if best.map({ candidate.rank < $0.rank }) ?? true { best = candidate }
        }
        if usesIndexes {
            for (position, conjunct) in conjuncts.enumerated() {
                if let ids = Self.ids(conjunct) {
                    offer(Candidate(rank: 0, access: .ids(ids), used: [position]))
                }
            }
            let facts = Facts(conjuncts, schema: schema, now: now)
            for index in schema.indexes + customIndexes {
                if let candidate = match(index, facts, schema) { offer(candidate) }
            }
            // With nothing better, an index whose first part is the one order key walks in
            // that order, and `limit` stops it early.
            if best.map({ $0.rank >= IndexSelectivity.many.rawValue }) ?? true, orderBy.count == 1,
                let ordered = orderBy[0].field?.stored,
                let index = schema.indexes.first(where: {
                    $0.filter == nil && $0.parts.first == .value(ordered.name)
                })
            {
                offer(
                    Candidate(
                        rank: IndexSelectivity.all.rawValue,
                        access: .index(index, prefixes: [[]], bounds: nil), used: []))
            }
        }
        let chosen = best ?? Candidate(rank: 100, access: .table, used: [])
        let used = Set(chosen.used)
        let residualIndices = conjuncts.indices.filter { !used.contains($0) }
        var ordered = orderBy.isEmpty
        var reverse = false
        var merged = false
        if orderBy.count == 1, let field = orderBy[0].field, field == chosen.access.orderedField(in: schema) {
            ordered = true
            reverse = orderBy[0].descending
            if case .index(_, let prefixes, _) = chosen.access, prefixes.count > 1 { merged = true }
        }
        return Plan(
            entity: entity,
            access: chosen.access,
            residual: residualIndices.map { conjuncts[$0] },
            residualText: residualIndices.compactMap { $0 < texts.count ? texts[$0] : nil },
            reverse: reverse,
            ordered: ordered,
            merged: merged
        )
    }

    /// How far `index` can answer `facts`: the values its leading parts are fixed to, the
    /// range of the next part, and the conjuncts that answers; nil when it answers nothing.
    private func match(_ index: IndexSchema, _ facts: Facts, _ schema: RecordSchema) -> Candidate? {
        var used: [Int] = []
        if let filter = index.filter {
            guard let filterUse = facts.implies(filter.field, filter.value) else { return nil }
            used += filterUse
        }
        var prefixes: [[FieldValue]] = [[]]
        var fixed = 0
        // A skip scan: an index that leads with an enum no condition fixes can still answer a
        // range (or the order) of its next part, walked once per value of the enum
        // (`kind_at` for `at in last 30 days`), the walks merged when order matters.
        var skipping = false
        if index.filter == nil, index.parts.count > 1, facts.fixed(index.parts[0]) == nil,
            case .enumeration(let type) = index.partFields[0].type, type.names.count <= 64
        {
            let second = index.partFields[1]
            let ordered = orderBy.count == 1 && orderBy[0].field == .stored(second)
            if facts.range(of: second) != nil || ordered {
                prefixes = type.names.map { [.symbol($0)] }
                fixed = 1
                skipping = true
            }
        }
        for part in index.parts.dropFirst(fixed) {
            guard let (values, positions) = facts.fixed(part), !values.isEmpty else { break }
            // Each further value multiplies the walks; a long list is no better than a scan.
            guard prefixes.count * values.count <= 64 else { break }
            prefixes = prefixes.flatMap { prefix in values.map { prefix + [$0] } }
            // A phone part holds digits only: the walk finds a superset of the records whose
            // text is equal, so the condition is still checked on each.
            if part.transform != .phoneDigits { used.append(contentsOf: positions) }
            fixed += 1
        }
        var bounds: PartBounds? = nil
        if fixed < index.parts.count {
            let field = index.partFields[fixed]
            if let (range, positions) = facts.range(of: field) {
                bounds = .range(
                    lower: range.lowerBound.microseconds == .min ? nil : .timestamp(range.lowerBound),
                    upper: range.upperBound.microseconds == .max ? nil : .timestamp(range.upperBound))
                used += positions
            } else if let (prefix, position) = facts.prefix(of: field, index.parts[fixed]) {
                bounds = .prefix(prefix)
                used.append(position)
            }
        }
        guard fixed > 0 || bounds != nil else { return nil }
        let rank: Int
        if skipping {
            rank = IndexSelectivity.all.rawValue - (bounds == nil ? 0 : 2)
        } else if fixed == 0 {
            if case .prefix = bounds {
                rank = IndexSelectivity.some.rawValue - 1
            } else {
                rank = IndexSelectivity.all.rawValue - 2
            }
        } else {
            let base = index.selectivity.rawValue
            rank = bounds == nil ? base : base - (base >= IndexSelectivity.many.rawValue ? 2 : 1)
        }
        return Candidate(
            rank: rank, access: .index(index, prefixes: prefixes, bounds: bounds),
            used: Array(Set(used)).sorted())
    }

    /// `id = N` or `id in (...)`.
    private static func ids(_ conjunct: BoundPredicate) -> [Int64]? {
        switch conjunct {
        case .compare(.path(let path), .equal, .constant(.integer(let id)))
        where path.isLocal && path.field.ref == .id:
            return [id]
        case .inList(.path(let path), let items, negated: false) where path.isLocal && path.field.ref == .id:
            let ids = items.compactMap { item -> Int64? in
                if case .integer(let id) = item { return id }
                return nil
            }
            return ids.count == items.count ? ids : nil
        default: return nil
        }
    }
}

/// What a statement's conjuncts say about the record's own stored fields: which fix a field
/// to values, which bound a time, which give a text prefix. Derived fields with a stated
/// meaning (`overdue`) say what their meaning says.
private struct Facts {
    /// Values a field is fixed to, and the conjunct that says so.
    var equalities: [String: (values: [FieldValue], positions: [Int])] = [:]
    /// Tags a record must have (`tags contains x`).
    var tags: [(tag: String, position: Int)] = []
    /// Text prefixes (`name starts with "ab"`).
    var prefixes: [String: (text: String, position: Int)] = [:]
    /// Times before now that derived fields imply, by field.
    var beforeNow: [String: [Int]] = [:]
    let conjuncts: [BoundPredicate]
    let now: Timestamp

    init(_ conjuncts: [BoundPredicate], schema: RecordSchema, now: Timestamp) {
        self.conjuncts = conjuncts
        self.now = now
        for (position, conjunct) in conjuncts.enumerated() {
            switch conjunct {
            case .compare(.path(let path), .equal, .constant(let value)) where path.isLocal:
                if let name = Self.indexedName(path.field) { equalities[name] = ([value], [position]) }
            case .inList(.path(let path), let items, negated: false) where path.isLocal:
                if let name = Self.indexedName(path.field), equalities[name] == nil {
                    equalities[name] = (items, [position])
                }
            case .contains(.path(let path), .constant(.string(let tag)))
            where path.isLocal && path.field.type == .tags:
                tags.append((tag, position))
            case .startsWith(.path(let path), .constant(.string(let text))) where path.isLocal:
                if let name = Self.indexedName(path.field) { prefixes[name] = (text, position) }
            case .truth(.path(let path)) where path.isLocal:
                guard case .derived(let derived) = path.field.ref else { continue }
                for condition in derived.meaning {
                    switch condition {
                    case .equals(let name, let value):
                        if equalities[name] == nil { equalities[name] = ([value], [position]) }
                    case .beforeNow(let name): beforeNow[name, default: []].append(position)
                    }
                }
            default: continue
            }
        }
    }

    /// The name an index part gives `field`: a stored field's name, or `attrs.NAME` for a
    /// custom field of a declared type (an undeclared one has no index); nil for others.
    private static func indexedName(_ field: FieldInfo) -> String? {
        switch field.ref {
        case .stored(let stored): stored.name
        case .attribute where field.type != .custom: field.name
        default: nil
        }
    }

    /// The values `part` is fixed to, and the conjuncts that fix it.
    func fixed(_ part: IndexPart) -> ([FieldValue], [Int])? {
        if part.field == "tags", let first = tags.first { return ([.string(first.tag)], [first.position]) }
        guard let (values, positions) = equalities[part.field] else { return nil }
        // Folded text matches ignoring case, as every text compare does; a phone part
        // compares digits, which an equality on the text does not mean.
        if part.transform == .phoneDigits { return ([values[0]], positions) }
        return (values, positions)
    }

    /// The conjuncts that imply `field = value` (an index's filter).
    func implies(_ field: String, _ value: FieldValue) -> [Int]? {
        guard let (values, positions) = equalities[field], values == [value] else { return nil }
        return positions
    }

    /// The span of times the conjuncts allow for `field`, with the conjuncts that say so.
    func range(of field: FieldSchema) -> (Range<Timestamp>, [Int])? {
        guard field.type == .timestamp else { return nil }
        let bounds = TimeBounds(field, in: conjuncts)
        var used = bounds.used
        var range = bounds.range
        if let positions = beforeNow[field.name] {
            let lower = bounds.isBounded ? range.lowerBound : Timestamp(microseconds: .min)
            let upper = min(now, bounds.isBounded ? range.upperBound : now)
            range = lower..<max(lower, upper)
            used += positions
        }
        guard !used.isEmpty else { return nil }
        return (range, used)
    }

    /// The text prefix the conjuncts give `field`, for a folded text part.
    func prefix(of field: FieldSchema, _ part: IndexPart) -> (String, Int)? {
        guard field.type == .text, part.transform == .folded, let (text, position) = prefixes[field.name]
        else {
            return nil
        }
        return (text, position)
    }
}
