import CRMQuery
import CRMStore

/// Chooses an access path for a statement's conditions: an index whenever one can answer a
/// condition, the whole table only when none can.
///
/// The choice is by rule, most selective first: ids; unique-ish values (email, phone, exact
/// name); one customer's or one interaction's records; a name prefix, a tag, an owner, a
/// city; an enum value with a time span; a time span alone; an enum value alone.
struct Planner {
    let entity: Entity
    /// The `order by` keys: each the record's own field it sorts on, or nil for a key that
    /// no index orders (`customer.name`); empty when there is no `order by`.
    let orderBy: [(field: FieldID?, descending: Bool)]
    let now: Timestamp
    /// Whether indexes may answer conditions (`Session.usesIndexes`); without, every plan is
    /// a table scan.
    var usesIndexes = true

    func plan(_ predicate: BoundPredicate?, texts: [String]) -> Plan {
        let conjuncts = predicate?.conjuncts ?? []
        var best: (rank: Int, access: AccessPath, used: [Int])? = nil
        func offer(_ rank: Int, _ access: AccessPath, _ used: [Int]) {
            guard usesIndexes else { return }
            if best == nil || rank < best?.rank ?? .max { best = (rank, access, used) }
        }
        for (index, conjunct) in conjuncts.enumerated() {
            if let ids = ids(conjunct) { offer(0, .ids(ids), [index]) }
            switch entity {
            case .customer: customerAccess(conjunct, index, offer)
            case .interaction: interactionAccess(conjunct, index, conjuncts, offer)
            case .promise: promiseAccess(conjunct, index, conjuncts, offer)
            }
        }
        if usesIndexes, entity == .interaction, best == nil || (best?.rank ?? 0) > 7 {
            let bounds = TimeBounds(.at, in: conjuncts)
            if bounds.isBounded { offer(7, .interactionsByTime(bounds.range), bounds.used) }
        }
        var chosen = best ?? (100, .table, [])
        // With nothing better, an `order by at` on interactions walks the time index.
        if usesIndexes, chosen.rank >= 8, entity == .interaction, orderBy.count == 1, orderBy[0].field == .at,
            case .table = chosen.access
        {
            chosen = (9, .interactionsByTime(nil), [])
        }
        let used = Set(chosen.used)
        let residualIndices = conjuncts.indices.filter { !used.contains($0) }
        var ordered = orderBy.isEmpty
        var reverse = false
        if orderBy.count == 1 {
            let key = orderBy[0]
            if let field = key.field,
                field == .id && chosen.access.idOrdered || field == chosen.access.timeOrderedField
            {
                ordered = true
                reverse = key.descending
            }
        }
        return Plan(
            entity: entity,
            access: chosen.access,
            residual: residualIndices.map { conjuncts[$0] },
            residualText: residualIndices.compactMap { $0 < texts.count ? texts[$0] : nil },
            reverse: reverse,
            ordered: ordered
        )
    }

    // MARK: - Candidates per entity

    private func customerAccess(
        _ conjunct: BoundPredicate, _ index: Int, _ offer: (Int, AccessPath, [Int]) -> Void
    ) {
        if let (field, value) = equality(conjunct), case .string(let text) = value {
            switch field {
            case .email: offer(1, .customersByEmail(text), [index])
            case .phone: offer(1, .customersByPhone(text), [index])
            case .name: offer(1, .customersByName(text), [index])
            case .customerOwner: offer(5, .customersByOwner(text), [index])
            case .city: offer(5, .customersByCity(text), [index])
            default: break
            }
        }
        if let names = symbols(conjunct, .tier) {
            offer(8, .customersByTier(names.compactMap { try? CustomerTier.named($0) }), [index])
        }
        if let names = symbols(conjunct, .customerStatus) {
            offer(8, .customersByStatus(names.compactMap { try? CustomerStatus.named($0) }), [index])
        }
        if case .startsWith(.path(let path), .constant(.string(let prefix))) = conjunct, path.isLocal,
            path.field.id == .name
        {
            offer(4, .customersByNamePrefix(prefix), [index])
        }
        if case .contains(.path(let path), .constant(.string(let tag))) = conjunct, path.isLocal,
            path.field.id == .tags
        {
            offer(5, .customersByTag(tag), [index])
        }
    }

    private func interactionAccess(
        _ conjunct: BoundPredicate,
        _ index: Int,
        _ conjuncts: [BoundPredicate],
        _ offer: (Int, AccessPath, [Int]) -> Void
    ) {
        let bounds = TimeBounds(.at, in: conjuncts)
        let range = bounds.isBounded ? bounds.range : nil
        if let (field, value) = equality(conjunct), field == .interactionCustomer,
            case .integer(let id) = value
        {
            offer(range == nil ? 3 : 2, .interactionsByCustomer(id, range), [index] + bounds.used)
        }
        if let names = symbols(conjunct, .interactionKind) {
            let kinds = names.compactMap { try? InteractionKind.named($0) }
            offer(range == nil ? 8 : 6, .interactionsByKind(kinds, range), [index] + bounds.used)
        }
    }

    private func promiseAccess(
        _ conjunct: BoundPredicate,
        _ index: Int,
        _ conjuncts: [BoundPredicate],
        _ offer: (Int, AccessPath, [Int]) -> Void
    ) {
        let bounds = TimeBounds(.due, in: conjuncts)
        let range = bounds.isBounded ? bounds.range : nil
        if let (field, value) = equality(conjunct) {
            switch (field, value) {
            case (.promiseCustomer, .integer(let id)):
                offer(range == nil ? 3 : 2, .promisesByCustomer(id, range), [index] + bounds.used)
            case (.promiseInteraction, .integer(let id)): offer(3, .promisesByInteraction(id), [index])
            case (.promiseOwner, .string(let owner)):
                offer(5, .promisesByOwner(owner, range), [index] + bounds.used)
            default: break
            }
        }
        if let names = symbols(conjunct, .promiseStatus) {
            let statuses = names.compactMap { try? PromiseStatus.named($0) }
            offer(range == nil ? 8 : 6, .promisesByStatus(statuses, range), [index] + bounds.used)
        }
        if case .truth(.path(let path)) = conjunct, path.isLocal, path.field.id == .overdue {
            // Overdue is pending and due before now: the pending part of the status index.
            let upper = min(now, bounds.isBounded ? bounds.range.upperBound : now)
            let lower = bounds.isBounded ? bounds.range.lowerBound : Timestamp(microseconds: .min)
            offer(6, .promisesByStatus([.pending], lower..<max(lower, upper)), [index] + bounds.used)
        }
    }

    // MARK: - Reading conditions

    /// `id = N` or `id in (...)`.
    private func ids(_ conjunct: BoundPredicate) -> [Int64]? {
        if let (field, value) = equality(conjunct), field == .id, case .integer(let id) = value {
            return [id]
        }
        if case .inList(.path(let path), let items, negated: false) = conjunct, path.isLocal,
            path.field.id == .id
        {
            let ids = items.compactMap { item -> Int64? in
                if case .integer(let id) = item { return id }
                return nil
            }
            return ids.count == items.count ? ids : nil
        }
        return nil
    }

    /// `FIELD = constant` on the record's own field.
    private func equality(_ conjunct: BoundPredicate) -> (FieldID, FieldValue)? {
        guard case .compare(.path(let path), .equal, .constant(let value)) = conjunct, path.isLocal else {
            return nil
        }
        return (path.field.id, value)
    }

    /// The enum names `FIELD = x` or `FIELD in (x, y)` admits.
    private func symbols(_ conjunct: BoundPredicate, _ field: FieldID) -> [String]? {
        if let (id, value) = equality(conjunct), id == field, case .symbol(let name) = value { return [name] }
        if case .inList(.path(let path), let items, negated: false) = conjunct, path.isLocal,
            path.field.id == field
        {
            let names = items.compactMap { item -> String? in
                if case .symbol(let name) = item { return name }
                return nil
            }
            return names.count == items.count ? names : nil
        }
        return nil
    }
}
