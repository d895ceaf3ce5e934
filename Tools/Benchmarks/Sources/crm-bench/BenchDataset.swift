import CRMSampleData
import CRMStore

/// One transaction's worth of records, all of one kind, with the ids a fresh store assigns.
enum RecordBatch {
    case customers([Customer])
    case interactions([Interaction])
    case promises([Promise])

    /// How many records the batch holds.
    var count: Int {
        switch self {
        case .customers(let records): records.count
        case .interactions(let records): records.count
        case .promises(let records): records.count
        }
    }
}

/// BENCH.md's dataset at a scale: `SampleData` with the references a fresh store (or a fresh
/// SQLite database) gives, cut into batches so that every system loads identical rows and
/// no system holds the whole dataset in memory.
///
///     let data = BenchDataset(scale: 0.01)
///     try data.forEachBatch(size: 10_000) { batch in ... }
struct BenchDataset: Sendable {
    /// The generator.
    let sample: SampleData
    /// For each customer index, the id of that customer's first interaction when every
    /// interaction is inserted in order from id 1.
    let firstInteraction: [Int64]
    /// The number of interactions.
    let interactionCount: Int
    /// The number of promises.
    let promiseCount: Int

    /// BENCH.md's 100,000 customers times `scale` (at least 10), from seed 1.
    init(scale: Double) {
        let customers = max(10, Int((100_000 * scale).rounded()))
        sample = SampleData(seed: 1, customers: customers)
        var first: [Int64] = []
        first.reserveCapacity(customers)
        var next: Int64 = 1
        var promises = 0
        for index in 0..<customers {
            first.append(next)
            next += Int64(sample.interactionCount(index))
            promises += sample.promiseCount(index)
        }
        firstInteraction = first
        interactionCount = Int(next - 1)
        promiseCount = promises
    }

    /// The number of customers.
    var customerCount: Int { sample.customerCount }
    /// Every record of every kind.
    var recordCount: Int { customerCount + interactionCount + promiseCount }
    /// The fixed clock: 2026-11-25T12:00:00Z.
    var now: Timestamp { sample.now }

    /// Calls `body` with batches of at most `size` records: all customers, then all
    /// interactions, then all promises, in insertion (and so id) order.
    func forEachBatch(size: Int, _ body: (RecordBatch) throws -> Void) rethrows {
        let size = max(1, size)
        var customers: [Customer] = []
        for index in 0..<customerCount {
            customers.append(sample.customer(index))
            if customers.count == size {
                try body(.customers(customers))
                customers.removeAll(keepingCapacity: true)
            }
        }
        if !customers.isEmpty { try body(.customers(customers)) }
        var interactions: [Interaction] = []
        for index in 0..<customerCount {
            for interaction in sample.interactions(ofCustomer: index) {
                interactions.append(interaction)
                if interactions.count == size {
                    try body(.interactions(interactions))
                    interactions.removeAll(keepingCapacity: true)
                }
            }
        }
        if !interactions.isEmpty { try body(.interactions(interactions)) }
        var promises: [Promise] = []
        for index in 0..<customerCount {
            for promise in sample.promises(ofCustomer: index, firstInteraction: firstInteraction[index]) {
                promises.append(promise)
                if promises.count == size {
                    try body(.promises(promises))
                    promises.removeAll(keepingCapacity: true)
                }
            }
        }
        if !promises.isEmpty { try body(.promises(promises)) }
    }
}
