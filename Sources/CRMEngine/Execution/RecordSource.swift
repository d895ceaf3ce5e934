import CRMQuery
import CRMStore

/// The candidate records of an access path, one at a time, read lazily from the store.
///
/// Conditions that need only a candidate's id (see `Evaluator.needsOnlyID`) are checked on
/// the index key before the record is read, so candidates they reject are never decoded.
struct RecordSource {
    /// The conditions left to check on each candidate's record.
    let residual: [BoundPredicate]
    /// The conditions checked on each candidate's id first.
    let idResidual: [BoundPredicate]
    /// `idResidual` prepared as tests of an id (`Evaluator.idTest`).
    private let idTests: [(Int64) throws -> Bool]
    private var pending: [Stream]
    /// The fields read of each candidate.
    private let mask: UInt64
    private var current: Stream?
    private let context: ExecutionContext

    /// Yields the next accepted record of one index range or table: `accept` sees each id
    /// first, and the record is read only when it says yes.
    typealias Stream = ((Int64) throws -> Bool) throws -> AnyRecord?

    /// `mask`: the fields to read of each candidate (`FieldNeeds`); all by default.
    init(_ plan: Plan, in context: ExecutionContext, mask: UInt64 = .max) throws {
        self.context = context
        self.mask = mask
        residual = plan.residual.filter { !Evaluator.needsOnlyID($0, entity: plan.entity) }
        idResidual = plan.residual.filter { Evaluator.needsOnlyID($0, entity: plan.entity) }
        idTests = idResidual.map { Evaluator.idTest($0, in: context) }
        // Each stream walks its own range backwards when `reverse`; the ranges come in
        // reverse order too.
        pending = try Self.streams(plan, context.transaction, mask: mask)
        if plan.reverse { pending.reverse() }
    }

    /// The next candidate that passes the id conditions, or nil when the access path is done.
    mutating func next() throws -> AnyRecord? {
        let context = self.context
        let idTests = self.idTests
        let accept: (Int64) throws -> Bool = { id in
            try context.step()
            context.statistics.entriesScanned += 1
            for test in idTests where try !test(id) { return false }
            return true
        }
        while true {
            if current == nil {
                guard !pending.isEmpty else { return nil }
                current = pending.removeFirst()
            }
            if let record = try current?(accept) {
                // A candidate read whole counts as a record read; one read only for the
                // fields its conditions need counts as an entry scanned (above).
                if mask == .max { context.statistics.recordsRead += 1 }
                return record
            }
            current = nil
        }
    }

    /// One stream per index range the access path covers (several for `tier in (key, vip)`).
    private static func streams(_ plan: Plan, _ tx: ReadTransaction, mask: UInt64) throws -> [Stream] {
        func stream<R: Record>(_ cursor: RecordCursor<R>, _ wrap: @escaping (R) -> AnyRecord) -> Stream {
            Self.stream(cursor, wrap, mask: mask)
        }
        let reverse = plan.reverse
        switch plan.access {
        case .ids(let ids):
            return ids.map { id in
                var done = false
                return { accept in
                    guard !done else { return nil }
                    done = true
                    return try accept(id) ? try fetch(plan.entity, id, tx, mask: mask) : nil
                }
            }
        case .table:
            switch plan.entity {
            case .customer: return [stream(try tx.all(Customer.self, reverse: reverse), AnyRecord.customer)]
            case .interaction:
                return [stream(try tx.all(Interaction.self, reverse: reverse), AnyRecord.interaction)]
            case .promise: return [stream(try tx.all(Promise.self, reverse: reverse), AnyRecord.promise)]
            }
        case .customersByTier(let tiers):
            return try tiers.map { stream(try tx.customers(tier: $0, reverse: reverse), AnyRecord.customer) }
        case .customersByStatus(let statuses):
            return try statuses.map {
                stream(try tx.customers(status: $0, reverse: reverse), AnyRecord.customer)
            }
        case .customersByName(let name):
            return [stream(try tx.customers(name: name, reverse: reverse), AnyRecord.customer)]
        case .customersByNamePrefix(let prefix):
            return [stream(try tx.customers(namePrefix: prefix, reverse: reverse), AnyRecord.customer)]
        case .customersByEmail(let email):
            return [stream(try tx.customers(email: email, reverse: reverse), AnyRecord.customer)]
        case .customersByPhone(let phone):
            return [stream(try tx.customers(phone: phone, reverse: reverse), AnyRecord.customer)]
        case .customersByOwner(let owner):
            return [stream(try tx.customers(owner: owner, reverse: reverse), AnyRecord.customer)]
        case .customersByCity(let city):
            return [stream(try tx.customers(city: city, reverse: reverse), AnyRecord.customer)]
        case .customersByTag(let tag):
            return [stream(try tx.customers(tag: tag, reverse: reverse), AnyRecord.customer)]
        case .interactionsByCustomer(let id, let range):
            return [
                stream(
                    try tx.interactions(customer: id, at: range, newestFirst: reverse), AnyRecord.interaction)
            ]
        case .interactionsByKind(let kinds, let range):
            return try kinds.map {
                stream(try tx.interactions(kind: $0, at: range, newestFirst: reverse), AnyRecord.interaction)
            }
        case .interactionsByTime(let range):
            return [stream(try tx.interactions(at: range, newestFirst: reverse), AnyRecord.interaction)]
        case .promisesByCustomer(let id, let range):
            return [
                stream(try tx.promises(customer: id, due: range, latestFirst: reverse), AnyRecord.promise)
            ]
        case .promisesByStatus(let statuses, let range):
            return try statuses.map {
                stream(try tx.promises(status: $0, due: range, latestFirst: reverse), AnyRecord.promise)
            }
        case .promisesByOwner(let owner, let range):
            return [
                stream(try tx.promises(owner: owner, due: range, latestFirst: reverse), AnyRecord.promise)
            ]
        case .promisesByInteraction(let id):
            return [stream(try tx.promises(interaction: id, reverse: reverse), AnyRecord.promise)]
        }
    }

    /// A stream over `cursor`: ids first, then the records `accept` wants (a table cursor
    /// decodes from the entry it is on; an index cursor reads the record by id).
    private static func stream<R: Record>(
        _ cursor: RecordCursor<R>, _ wrap: @escaping (R) -> AnyRecord, mask: UInt64
    )
        -> Stream
    {
        var cursor = cursor
        return { accept in
            while let id = try cursor.nextID() {
                guard try accept(id) else { continue }
                guard let record = try cursor.current(mask: mask) else {
                    throw StoreError(
                        .corrupt, "an index names \(R.kind.rawValue) \(id), which does not exist (run check)")
                }
                return wrap(record)
            }
            return nil
        }
    }

    static func fetch(_ entity: Entity, _ id: Int64, _ tx: ReadTransaction, mask: UInt64 = .max) throws
        -> AnyRecord?
    {
        switch entity {
        case .customer: try tx.get(Customer.self, id, mask: mask).map(AnyRecord.customer)
        case .interaction: try tx.get(Interaction.self, id, mask: mask).map(AnyRecord.interaction)
        case .promise: try tx.get(Promise.self, id, mask: mask).map(AnyRecord.promise)
        }
    }
}
